"""Every check code, in one place: its default severity, what it checks and why.

``aftersales explain CODE`` prints the entry; ``site_config.yml`` may change a code's severity
under ``rules:``. Tests hold a failing and a passing fixture for each code.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics.diagnostic import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    why: str


_RULES = [
    # Files and YAML: a file that cannot be read safely is never half-used.
    Rule("file.unreadable", "error", "The file cannot be read.", "Permissions or a broken link; nothing in it can be checked."),
    Rule("file.outside-type-folder", "warning", "A YAML file lies outside the content type folders.",
         "Only content/<type>/ folders are read; a file elsewhere would be silently ignored."),
    Rule("yaml.too-large", "error", "The file is larger than 1 MiB.", "Content files are small; a huge file is a mistake or an attack."),
    Rule("yaml.encoding", "error", "The file is not valid UTF-8.", "Latin-1 or Windows-1252 bytes would be shown as garbage to readers."),
    Rule("yaml.invalid-character", "error", "The file contains a control character.", "YAML forbids them, and they are invisible in editors."),
    Rule("yaml.syntax", "error", "The file is not valid YAML.", "A syntax error (often a tab or an unquoted ': ') makes the item unreadable."),
    Rule("yaml.duplicate-key", "error", "A key appears twice in one mapping.", "YAML tools silently keep one of the two values: data would be lost."),
    Rule("yaml.anchor", "error", "Anchors (&name) are not allowed.", "Anchors and aliases hide content and allow 'billion laughs' bombs."),
    Rule("yaml.alias", "error", "Aliases (*name) are not allowed.", "Anchors and aliases hide content and allow 'billion laughs' bombs."),
    Rule("yaml.tag", "error", "Explicit tags (!!type) are not allowed.", "Tags can make a loader build arbitrary objects; content needs none."),
    Rule("yaml.merge-key", "error", "Merge keys (<<) are not allowed.", "Merges hide where a value comes from; write fields out in full."),
    Rule("yaml.complex-key", "error", "A key is a list or a mapping.", "Field names are plain words."),
    Rule("yaml.multiple-documents", "error", "The file holds several YAML documents.", "One file holds one item, so that ids and files match."),
    Rule("yaml.empty", "error", "The file is empty.", "An empty file is an item that was forgotten."),
    Rule("yaml.too-deep", "error", "The structure is nested too deeply.", "No item needs more than 32 levels; deep nesting is a denial-of-service attack."),
    Rule("yaml.number-too-long", "error", "A number has too many digits.", "Absurdly long numbers cost CPU to convert and are never real quantities."),
    # Schema: every field of every type is declared in generator/model.
    Rule("schema.not-mapping", "error", "The file does not hold a mapping of fields.", "An item is a set of 'field: value' lines."),
    Rule("schema.unknown-field", "error", "A field that this content type does not have.", "A misspelt field would be silently ignored."),
    Rule("schema.missing-field", "error", "A required field is missing.", "Pages, checklists and checks need it."),
    Rule("schema.wrong-type", "error", "A value has the wrong type (text, number, list...).", "The portal would show or compute nonsense."),
    Rule("schema.invalid-value", "error", "A value is not one of those allowed, or out of range.", "Only known values can be rendered and audited."),
    Rule("schema.invalid-id", "error", "An id is not a lowercase slug.", "Ids become page addresses and references; they must be stable and simple."),
    Rule("schema.invalid-date", "error", "A date is not a real YYYY-MM-DD date.", "Document control depends on correct dates."),
    Rule("schema.unknown-language", "error", "A text is given in a language the portal does not have.", "It would never be shown; usually a typo such as 'cat' for 'ca'."),
    # Identity
    Rule("id.duplicate", "error", "Two items have the same id (ignoring case).", "References and page addresses would be ambiguous."),
    Rule("id.file-name", "warning", "The file name differs from the item's id.", "People look for an item by its file; keep <id>.yml."),
    # References
    *(
        Rule(f"ref.unknown-{target}", "error", f"A reference names a {label} that does not exist.",
             "A broken link in a procedure is a broken instruction for the person following it.")
        for target, label in (
            ("role", "role"), ("form", "form"), ("standard", "service standard"), ("product", "product"),
            ("warranty", "warranty rule"), ("procedure", "procedure"), ("training", "training module"),
            ("guide", "self-repair guide"), ("department", "department"), ("step", "step of this procedure"),
        )
    ),
    Rule("ref.public-to-staff", "error", "A public item refers to a staff-only item.",
         "The public portal must never contain or link to staff-only content."),
    Rule("ref.cycle", "error", "References form a loop (prerequisites, reporting lines).",
         "A training module cannot be its own prerequisite; a role cannot report to itself."),
    # Coverage
    Rule("coverage.missing-phase", "error", "A procedure has no step in a required phase.",
         "Every case must be received, handled by the SAT, passed through the other departments and followed up."),
    Rule("coverage.missing-department", "error", "A step of the 'departments' phase does not name its department.",
         "Who must act is the whole point of that phase."),
    Rule("coverage.duplicate-step-id", "error", "Two steps of one procedure have the same id.",
         "Decisions point to steps by id."),
    Rule("coverage.rule-not-met", "error", "A procedure does not meet a coverage rule of site_config.yml.",
         "House rules (register every contact on a form, measure satisfaction...) are how the quality"
         " manager keeps every procedure complete; each rule sets its own severity."),
    Rule("coverage.waived", "info", "A required phase or a coverage rule is waived, with a waiver in force.",
         "Auditors see every exception, who approved it and until when."),
    Rule("rule.unknown-target", "error", "A coverage rule names a role, form, standard, procedure or department that does not exist.",
         "A rule about something that does not exist can never be met, or never applies: usually a typo."),
    # Waivers
    Rule("waiver.expired", "error", "A waiver's expiry date has passed.",
         "An exception is approved for a time; after it, the procedure must be completed or the waiver renewed."),
    Rule("waiver.expires-soon", "info", "A waiver expires soon.",
         "Plan the missing steps or the renewal before the check starts failing."),
    Rule("waiver.unneeded", "warning", "A waiver excuses something the procedure does not need excusing.",
         "A waiver left behind after the steps were added, or about a rule that does not apply, misleads auditors."),
    Rule("waiver.unknown-rule", "error", "A waiver names a coverage rule that site_config.yml does not define.",
         "The waiver would excuse nothing; usually a typo in the rule id."),
    # Warranty table: the rules of content/warranty/ as one decision table (site_config.yml 'warranty:')
    Rule("warranty.gap", "error", "Some cases of a product family are decided by no warranty rule.",
         "Staff and customers would get no answer for them; every product, cause and age up to the last month"
         " any rule or the legal minimum names must be decided, even if only as 'not covered'."),
    Rule("warranty.overlap", "error", "Two warranty rules both decide the same case and the hit policy cannot choose.",
         "Under 'unique' (or with equal priorities under 'priority') the answer would depend on which rule is read"
         " first: two people could tell a customer opposite things."),
    Rule("warranty.shadowed", "warning", "A warranty rule never decides any case: rules of higher priority always do.",
         "A dead rule misleads whoever reads it, and usually means a priority or a condition is wrong."),
    Rule("warranty.below-legal-minimum", "error",
         "A warranty rule refuses, charges or delays remedies for a fault the law guarantees.",
         "The legal guarantee of site_config.yml cannot be limited by a rule: applying it would break the law and"
         " the customer's trust."),
    Rule("warranty.priority", "error", "A warranty rule has no priority, or (hit policy 'first') shares one.",
         "Under the hit policies 'first' and 'priority' the priority says which rule decides; without it the"
         " order is a guess."),
    # Service standards: measurable, consistent, met by some step, public ones kept public
    Rule("standard.target-not-positive", "error", "A standard's target value is 0.",
         "A target of nothing cannot be measured or missed; count what is done right instead (at least 100 %)."),
    Rule("standard.target-out-of-range", "error",
         "A standard's target is beyond what its unit allows (over 100 %, 24 hours a day, 7 days a week).",
         "A promise no one can keep is misread by customers and makes every measurement a failure."),
    Rule("standard.response-exceeds-resolution", "error",
         "A response time is longer than the resolution time it belongs with.",
         "Answering a complaint after it must be resolved contradicts the charter; one of the two targets is wrong."),
    Rule("standard.resolution-not-time", "error",
         "A standard's 'resolution' links targets that are not both times.",
         "Only a response time and a resolution time can be compared; the link is usually made to the wrong standard."),
    Rule("standard.units-not-comparable", "warning",
         "A response time and its resolution mix working time and calendar time.",
         "Working days do not convert into calendar days without a timetable, so the check cannot tell whether the"
         " response comes before the resolution; give both in the same kind of unit."),
    Rule("standard.uncited", "warning", "No procedure step cites the standard.",
         "A standard no step must meet is a promise no one is asked to keep; organisation-wide standards say"
         " 'applies_to: organisation'."),
    Rule("standard.wrong-phase", "warning", "A step cites a standard that does not apply to the step's phase.",
         "A standard declares the phases it is about ('phases'); a citation elsewhere is usually the wrong standard"
         " or a step in the wrong phase."),
    Rule("standard.public-cites-staff", "error",
         "A public standard names a staff-only item in its customer texts or links to its page or resolution.",
         "Customers read the charter; they cannot open staff pages and must not see internal names."),
    Rule("standard.no-claim", "warning", "A public standard does not say how a customer can claim.",
         "A commitment in the charter is only worth something if customers know what to do when it is missed."),
    # Document control
    Rule("review.overdue", "warning", "The document is past its review date.", "Out-of-date procedures are followed anyway."),
    Rule("review.due-soon", "info", "The document's review date is near.", "Plan the review before it is overdue."),
    Rule("review.dates-order", "error", "The next review date is before the approval date.", "Usually a typo in one of the two dates."),
    # Change review (only with a review.lock.json, written by 'aftersales review')
    Rule("change.suspect", "warning", "An item cites something that changed since the item was last reviewed.",
         "A procedure built on an old version of a standard (or a training module teaching an old procedure) may"
         " now be wrong; a person must check it and record the review with 'aftersales review ID'."),
    Rule("change.unrecorded", "info", "An item has no entry in review.lock.json yet.",
         "Change review can only warn about items it has recorded; a new item is recorded once reviewed."),
    Rule("change.orphan", "info", "review.lock.json records an item that no longer exists.",
         "A stale entry clutters the lock file's diffs; 'aftersales review --prune' removes it."),
    Rule("change.lock-invalid", "error", "review.lock.json is not valid JSON or not a review lock file.",
         "Change review cannot tell which items are suspect, so every change would go unreviewed;"
         " often a merge conflict left in the file."),
    # Markup in texts
    Rule("text.raw-html", "warning", "A text contains HTML tags.",
         "Texts are Markdown. HTML in them is never used as HTML (it would be a way to inject script into"
         " the portal): readers see the tags as typed, so '<b>' shows as the characters <b>."),
    Rule("text.html-in-title", "error", "A title (of an item, of the portal or the company name) contains HTML tags.",
         "Titles are shown in the navigation, the browser tab, page headings, search results and printouts,"
         " always as typed: the tags would be on every page that lists the item. HTML in a title is either a"
         " mistake or an attempt to run script in the portal (the portal escapes it either way)."),
    Rule("text.unsafe-link", "error", "A link in a text, or an address in site_config.yml, uses a forbidden or"
         " unusable address (javascript:, data:, file:, '..', absolute path; not http(s) or not an e-mail address).",
         "Such links run script or reach files outside the portal; only http(s), mailto, tel and relative links are allowed."),
    Rule("text.reference-link", "warning", "A text defines a reference-style link ([name]: address on its own line).",
         "Only inline links [text](address) become links; a reference-style link would be shown as typed."),
    Rule("text.inline-image", "warning", "A text contains a Markdown picture.",
         "Pictures inside texts are not shown; guide steps have an 'image' field for a picture from the project's assets/ folder."),
    Rule("asset.missing", "error", "An image names a file that is not in the project's assets/ folder.",
         "Images must be files inside the project, so the portal never loads anything from elsewhere."),
    # Measured compliance: the measurements file of site_config.yml 'compliance.data' (and 'aftersales report')
    Rule("data.unreadable", "error", "The measurements file is missing, unreadable or outside the project.",
         "Without it the compliance pages and the report would silently show nothing."),
    Rule("data.too-large", "error", "The measurements file is larger than 50 MiB.",
         "Years of cases fit in a few MiB; a huge file is a wrong export, and would slow every check and build."),
    Rule("data.encoding", "error", "The measurements file is not UTF-8.",
         "Excel's plain 'CSV' is Windows-1252: ids and yes/no answers would be misread; save as 'CSV UTF-8'."),
    Rule("data.empty", "error", "The measurements file has no header or no rows.",
         "An empty export means the measurements were not recorded, or were exported from the wrong sheet."),
    Rule("data.bad-header", "error", "The header row lacks a needed column, or names one twice.",
         "Every row is read by its column names: standard, date and met, value or cases + not_met."),
    Rule("data.bad-row", "error", "A row has more cells than the header, no measurement, or both a case and counts.",
         "A row the reader would have to guess about is left out and reported rather than misread."),
    Rule("data.unknown-standard", "error", "A measurement (or a compliance goal) names a standard that does not exist.",
         "Usually a typo or a renamed standard: those cases would be counted for nothing."),
    Rule("data.bad-date", "error", "A date is not a real YYYY-MM-DD date (or YYYY-MM for a period's counts).",
         "Cases are grouped by period; a wrong date puts them in the wrong one."),
    Rule("data.future-date", "error", "A measurement is dated after today.",
         "Cases cannot be measured before they happen: usually a typo in the year or day and month swapped."),
    Rule("data.bad-number", "error", "A value, cases or not_met cell is not a number (or not a whole one, or negative).",
         "Compliance is computed from these numbers; a misread one would move the p-chart."),
    Rule("data.bad-met", "error", "A met cell is not yes or no, or contradicts the measured value.",
         "Whether each case met the standard is what the p-chart counts."),
    Rule("data.bad-counts", "error", "A period has more cases not met than cases.",
         "The proportion not met would be over 100 %: one of the two counts is wrong."),
    # Languages
    Rule("text.missing-translation", "warning", "A text is missing in one of the portal's languages.",
         "Readers of that language would see the default language instead."),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def rule(code: str) -> Rule:
    """The rule for a code; an unknown code is a programming error, caught by the tests."""
    return RULES[code]
