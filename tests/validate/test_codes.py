"""Every check code in ``RULES``: a failing example and a passing example.

The table ``CASES`` maps each code to a mutation of a fresh ``aftersales init`` project (the
``new_project`` fixture) that triggers exactly that code, plus where the diagnostic must point:
the file, the text the line and column must land on, and the item id. The passing example is the
unmutated project or a near-miss variant. ``test_every_rule_has_a_case`` fails as soon as a code
is added to ``RULES`` without a case here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import edit

from generator.cli import main
from generator.diagnostics.codes import RULES
from generator.diagnostics.diagnostic import Diagnostic
from generator.load.project import ConfigError, load_project
from generator.model import CONTENT_TYPES
from generator.model.refs import _ref_leaf  # noqa: PLC2701 - inspected to prove a code reachable
from generator.model.walk import field_plans
from generator.validate import run_checks

# --------------------------------------------------------------------------- the init project

PROC = "content/procedures/warranty-repair.yml"
FORM = "content/forms/repair-call-log.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"
ROLE = "content/roles/head-of-after-sales.yml"
STD = "content/standards/answer-within-4-hours.yml"
TRAIN = "content/training/after-sales-basics.yml"
WARR = "content/warranty/legal-guarantee.yml"
PROD = "content/products/washing-machines.yml"
CONFIG = "site_config.yml"

BROKEN = "content/forms/broken-form.yml"
"""A new, unreferenced form: YAML defects are planted here so no other item is affected."""

TODAY = dt.date.today()
ANY = object()
"""``item`` is not asserted (a file that cannot be parsed has no known id)."""


def check(root: Path) -> list[Diagnostic]:
    return run_checks(load_project(root))


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def set_dates(root: Path, rel: str, approved: dt.date, next_review: dt.date) -> None:
    text = read(root, rel)
    text, n1 = re.subn(r"(?m)^(  approved: )\S+", rf"\g<1>{approved.isoformat()}", text, count=1)
    text, n2 = re.subn(r"(?m)^(  next_review: )\S+", rf"\g<1>{next_review.isoformat()}", text, count=1)
    assert n1 == n2 == 1, "the document block changed shape: update set_dates"
    write(root, rel, text)


def copy_item(root: Path, source: str, target: str, new_id: str, **replacements: str) -> None:
    """Write ``target`` as a copy of ``source`` with another id (and other replacements)."""
    text = read(root, source)
    old_id = Path(source).stem
    text = text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1)
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new, 1)
    write(root, target, text)


def broken_form(transform: Callable[[str], str | bytes]) -> Callable[[Path], None]:
    """A mutation writing ``BROKEN``: the init form with another id, then ``transform``ed."""

    def mutate(root: Path) -> None:
        text = read(root, FORM).replace("id: repair-call-log\n", "id: broken-form\n", 1)
        write(root, BROKEN, transform(text))

    return mutate


def locate(path: Path, needle: str, nth: int = 1) -> tuple[int, int, str]:
    """(line, column, line text) of the ``nth`` line containing ``needle``; column in characters.

    A ``»`` in ``needle`` marks the column (``"id: »warranty-repair"`` is the value's column).
    """
    offset = max(needle.find("»"), 0)
    needle = needle.replace("»", "")
    seen = 0
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("latin-1")
        if needle in line:
            seen += 1
            if seen == nth:
                return number, line.index(needle) + offset + 1, line
    raise AssertionError(f"{needle!r} (occurrence {nth}) not found in {path}")


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    code: str
    mutate: Callable[[Path], None] | None
    """Edits the project to trigger the code; None when the code cannot be produced (see xfail)."""
    file: str = ""
    at: str | None = None
    """Text the diagnostic points at (line and column); None: a whole-file problem, line 1."""
    item: object = ANY
    message: str = ""
    nth: int = 1
    column: bool = True
    also: frozenset[str] = frozenset()
    """Codes the mutation necessarily causes as well."""
    near_miss: Callable[[Path], None] | None = None
    """A variant close to the failing one that must not report the code (default: unmutated)."""
    near_miss_clean: bool = True
    """Whether the near miss must have no error or warning at all."""
    xfail: str | None = None


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "outside.yml"
    outside.write_text(read(root, FORM).replace("id: repair-call-log", "id: outside"), encoding="utf-8")
    (root / "content/forms/outside.yml").symlink_to(outside)


def _symlink_inside(root: Path) -> None:
    write(root, "drafts/linked-form.yml", read(root, FORM).replace("id: repair-call-log", "id: linked-form"))
    (root / "content/forms/linked-form.yml").symlink_to(root / "drafts/linked-form.yml")


def _too_large(size: int) -> Callable[[str], str]:
    def transform(text: str) -> str:
        padding = "# " + "x" * 98 + "\n"
        count = (size - len(text.encode("utf-8"))) // len(padding) + 1
        return text + padding * count

    return transform


def _public_to_staff(audience: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        copy_item(root, PROD, "content/products/spare-parts-kits.yml", "spare-parts-kits",
                  **{"audience: public": f"audience: {audience}"})
        edit(root, GUIDE, "products: [washing-machines]", "products: [washing-machines, spare-parts-kits]")
        if audience == "public":  # every public product family needs warranty rules (warranty.gap)
            edit(root, WARR, "products: [washing-machines]", "products: [washing-machines, spare-parts-kits]")

    return mutate


def _add_technician(root: Path) -> None:
    copy_item(root, ROLE, "content/roles/service-technician.yml", "service-technician",
              **{"# reports_to: general-manager  # id of the role above, if any": "reports_to: head-of-after-sales"})


def _without_follow_up(root: Path) -> None:
    text = read(root, PROC)
    start = text.index("  follow_up:\n")
    write(root, PROC, text[:start])


def _empty_follow_up(root: Path) -> None:
    _without_follow_up(root)
    write(root, PROC, read(root, PROC) + "  follow_up: []\n")


def _phases_without_follow_up(root: Path) -> None:
    _without_follow_up(root)
    edit(root, CONFIG, "required_phases: [reception, sat, departments, follow_up]",
         "required_phases: [reception, sat, departments]")


def _coverage_rule(require: str, rule_id: str = "follow-up-form", extra: str = "") -> Callable[[Path], None]:
    """Append one coverage rule to site_config.yml."""
    def mutate(root: Path) -> None:
        write(root, CONFIG, read(root, CONFIG) + (
            "coverage_rules:\n"
            f"  - id: {rule_id}\n"
            "    message: The follow-up must be recorded on a form.\n"
            f"    require: {require}\n" + extra))
    return mutate


def _waiver(lines: str, *, rule: bool = True) -> Callable[[Path], None]:
    """A procedure waiver (after the unmet 'follow-up-form' rule, unless ``rule`` is False)."""
    def mutate(root: Path) -> None:
        if rule:
            _coverage_rule("{phase: follow_up, fills_form: true}")(root)
        write(root, PROC, read(root, PROC) + "waivers:\n" + lines)
    return mutate


def _rule_waiver(expires: dt.date, rule_id: str = "follow-up-form") -> Callable[[Path], None]:
    return _waiver(f"  - rule: {rule_id}  # waived rule\n"
                   "    justification: The satisfaction call is logged in the CRM, not on paper, until 2027.\n"
                   "    approved_by: Quality manager\n"
                   f"    expires: {expires.isoformat()}\n")


def _in_days(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def _in_en_summary(new_text: str) -> Callable[[Path], None]:
    return lambda root: edit(root, FORM, 'en: "One line per repair call received."', f'en: "{new_text}"')


def _guide_image(root: Path) -> None:
    edit(root, GUIDE, 'en: "Open the small door at the bottom front."}\n',
         'en: "Open the small door at the bottom front."}\n    image: guides/filter.jpg\n')


def _guide_image_present(root: Path) -> None:
    _guide_image(root)
    write(root, "assets/guides/filter.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")


def _approved_february_30(root: Path) -> None:
    set_dates(root, PROC, dt.date(2026, 2, 28), dt.date(2030, 1, 1))
    edit(root, PROC, "approved: 2026-02-28", "approved: 2026-02-30")


def _dates(rel: str, approved_days: int, next_review_days: int) -> Callable[[Path], None]:
    return lambda root: set_dates(root, rel, TODAY + dt.timedelta(days=approved_days),
                                  TODAY + dt.timedelta(days=next_review_days))


def _at_date(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


LOCK = "review.lock.json"
SPARE = "content/forms/spare-form.yml"


def _recorded(*steps: Callable[[Path], None], then: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    """Change review in use: ``steps``, ``aftersales review --all``, then ``then``."""
    def mutate(root: Path) -> None:
        for step in steps:
            step(root)
        assert main(["review", "--all", "--project", str(root)]) == 0
        if then is not None:
            then(root)
    return mutate


def _spare_form(root: Path) -> None:
    copy_item(root, FORM, SPARE, "spare-form")


def _merge_conflict(root: Path) -> None:
    edit(root, LOCK, '    "head-of-after-sales": {', '<<<<<<< HEAD\n    "head-of-after-sales": {')


UNKNOWN_REF_MESSAGE = "there is no {} with the id '{}'"

LATER = "content/warranty/repair-extension.yml"


def _later_rule(ages: str, priority: str | None = None) -> Callable[[Path], None]:
    """A second warranty rule, 'repair-extension', like the legal guarantee but for other ages."""
    replacements = {"to_month: 36\n": ages + "\n"}
    if priority is not None:  # the legal guarantee has 'priority: 10' by then (_priority_policy)
        replacements["priority: 10  #"] = f"priority: {priority}  #"
    return lambda root: copy_item(root, WARR, LATER, "repair-extension", **replacements)


def _priority_policy(*steps: Callable[[Path], None], priority: str | None = "10") -> Callable[[Path], None]:
    """hit_policy: priority, the legal guarantee with ``priority`` (None: left out), then ``steps``."""
    def mutate(root: Path) -> None:
        edit(root, CONFIG, "hit_policy: unique", "hit_policy: priority")
        if priority is not None:
            edit(root, WARR, "# priority: 10  #", f"priority: {priority}  #")
        for step in steps:
            step(root)
    return mutate


def _wm_pays(parts: str) -> Callable[[Path], None]:
    return lambda root: edit(root, WARR, "pays: {parts: company,", f"pays: {{parts: {parts},")


RESOLVE = "content/standards/resolve-case.yml"


def _target(value_unit: str) -> Callable[[Path], None]:
    """The init standard's target (4 hours) as ``value_unit``, e.g. ``"value: 0\n  unit: hours"``."""
    return lambda root: edit(root, STD, "value: 4\n  unit: hours", value_unit)


def _resolution(value_unit: str, response: str | None = None) -> Callable[[Path], None]:
    """A resolution standard 'resolve-case' (organisation-wide, so no step needs to cite it) with the
    target ``value_unit``, linked from the init standard (optionally with the response ``response``)."""
    def mutate(root: Path) -> None:
        copy_item(root, STD, RESOLVE, "resolve-case", **{"value: 4\n  unit: hours": value_unit,
                                                        "# applies_to: organisation  #": "applies_to: organisation  #"})
        edit(root, STD, "# resolution: complaint-resolved-1-month", "resolution: resolve-case")
        if response is not None:
            _target(response)(root)
    return mutate


def _public_standard(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    """The init standard made public (it has a customer_claim), then ``steps``."""
    def mutate(root: Path) -> None:
        edit(root, STD, "audience: staff", "audience: public")
        for step in steps:
            step(root)
    return mutate


def _std_en_summary(new_text: str) -> Callable[[Path], None]:
    return lambda root: edit(root, STD, 'en: "Every customer question gets an answer within 4 hours."', f'en: "{new_text}"')


def _uncited(root: Path) -> None:
    edit(root, PROC, "      standards: [answer-within-4-hours]", "      # standards: [answer-within-4-hours]")

CASES: list[Case] = [
    # ---------------------------------------------------------------- files
    Case("file.unreadable", _symlink_outside, "content/forms/outside.yml", None,
         message="outside the project", near_miss=_symlink_inside),
    Case("file.outside-type-folder",
         lambda root: write(root, "content/drafts/note.yml", read(root, FORM)),
         "content/drafts/note.yml", None, message="content/procedures/",
         near_miss=lambda root: write(root, "content/drafts/README.md", "notes, not content\n")),
    # ---------------------------------------------------------------- YAML
    Case("yaml.too-large", broken_form(_too_large(1024 * 1024 + 1)), BROKEN, None, message="1 MiB",
         near_miss=broken_form(_too_large(1024 * 1024 - 200))),
    Case("yaml.encoding", broken_form(lambda text: text.encode("latin-1")), BROKEN, "ínia",
         message="UTF-8", near_miss=broken_form(lambda text: text.encode("utf-8"))),
    Case("yaml.invalid-character", broken_form(lambda text: text.replace("perquè no", "perquè\x07no", 1)),
         BROKEN, "\x07", message="control character",
         near_miss=broken_form(lambda text: text.replace("perquè no", "perquè\tno", 1))),
    Case("yaml.syntax", broken_form(lambda text: text.replace("  owner: head", "\towner: head", 1)),
         BROKEN, "\towner", message="a tab cannot be used to indent",
         near_miss=broken_form(lambda text: text.replace('en: "Calls"', 'en: "Calls\tlogged"', 1))),
    Case("yaml.duplicate-key",
         broken_form(lambda text: text.replace("\nsummary:", '\ntitle: "Again"\nsummary:', 1)),
         BROKEN, 'title: "Again"', message="on line 6 and on line 7"),
    Case("yaml.anchor", broken_form(lambda text: text.replace("\nsummary: {", "\nsummary: &text {", 1)),
         BROKEN, "&text", message="&text",
         near_miss=broken_form(lambda text: text.replace('en: "Calls"', 'en: "Calls & *visits*"', 1))),
    Case("yaml.alias", broken_form(lambda text: text.replace("\nsummary: {", '\nsummary: *text\nx: {', 1)),
         BROKEN, "*text", message="*text",
         near_miss=broken_form(lambda text: text.replace('en: "Calls"', 'en: "Calls & *visits*"', 1))),
    Case("yaml.tag",
         broken_form(lambda text: text.replace('\nkind: log', '\nkind: !!python/object/apply:os.system ["id"]', 1)),
         BROKEN, "!!python", message="!!python/object/apply:os.system",
         near_miss=broken_form(lambda text: text.replace('en: "Calls"', 'en: "Calls!! (all of them)"', 1))),
    Case("yaml.merge-key", broken_form(lambda text: text.replace("\nkind: log", "\n<<: {kind: log}", 1)),
         BROKEN, "<<:", message="<<",
         near_miss=broken_form(lambda text: text.replace('en: "Calls"', 'en: "<< Calls"', 1))),
    Case("yaml.complex-key", broken_form(lambda text: text + "? [a, b]\n: value\n"), BROKEN, "[a, b]"),
    Case("yaml.multiple-documents", broken_form(lambda text: text + "---\nid: second-form\n"), BROKEN, "---",
         message="more than one",
         near_miss=broken_form(lambda text: text.replace("id: broken-form", "---\nid: broken-form", 1))),
    Case("yaml.empty", broken_form(lambda text: "# yaml-language-server: $schema=../../schemas/form.schema.json\n"),
         BROKEN, None, message="empty"),
    Case("yaml.too-deep", broken_form(lambda text: text + "tags: " + "[" * 40 + "]" * 40 + "\n"),
         BROKEN, "tags: " + "[" * 31 + "»[", message="32",
         near_miss=broken_form(lambda text: text + "tags: " + "[" * 20 + "]" * 20 + "\n"),
         near_miss_clean=False),
    Case("yaml.number-too-long",
         broken_form(lambda text: text.replace("rows: 20", "rows: 123456789012345678901234567890", 1)),
         BROKEN, "123456789012345678901234567890", message="30 digits",
         near_miss=broken_form(lambda text: text.replace('en: "Calls"', 'en: "123456789012345678901234567890"', 1))),
    # ---------------------------------------------------------------- schema
    Case("schema.not-mapping", broken_form(lambda text: "- just\n- a list\n"), BROKEN, "- just",
         message="mapping of fields"),
    Case("schema.unknown-field", lambda root: edit(root, PROC, "\npurpose:", "\npurpos:"), PROC, "purpos:",
         item="warranty-repair", message="did you mean 'purpose'", also=frozenset({"schema.missing-field"})),
    Case("schema.missing-field", lambda root: edit(root, PROC, "\ntrigger:", "\n# trigger:"), PROC,
         "id: warranty-repair", item="warranty-repair", message="the required field 'trigger' is missing"),
    Case("schema.wrong-type", lambda root: edit(root, FORM, "rows: 20", 'rows: "twenty"'), FORM, '"twenty"',
         item="repair-call-log", message="expected a whole number, got text",
         near_miss=lambda root: edit(root, FORM, "rows: 20", "rows: 25")),
    Case("schema.invalid-value", lambda root: edit(root, GUIDE, "difficulty: easy", "difficulty: trivial"), GUIDE,
         "trivial", item="washing-machine-does-not-drain", message="'trivial' is not allowed",
         near_miss=lambda root: edit(root, GUIDE, "difficulty: easy", "difficulty: hard")),
    Case("schema.invalid-id", lambda root: edit(root, PROC, "- id: diagnose", "- id: Diagnose_Step"), PROC,
         "Diagnose_Step", item="warranty-repair", message="not a valid id",
         near_miss=lambda root: edit(root, PROC, "- id: diagnose", "- id: diagnose-step")),
    Case("schema.invalid-date", _approved_february_30, PROC, "2026-02-30",
         item="warranty-repair", message="not a real date",
         near_miss=lambda root: set_dates(root, PROC, dt.date(2024, 2, 29), TODAY + dt.timedelta(days=365))),
    Case("schema.unknown-language", lambda root: edit(root, FORM, "title: {ca:", "title: {cat:"), FORM,
         "{cat:", item="repair-call-log", message="'cat' is not one of the languages"),
    # ---------------------------------------------------------------- identity
    Case("id.duplicate",
         lambda root: copy_item(root, TRAIN, "content/training/washing-machine-does-not-drain.yml",
                                "washing-machine-does-not-drain"),
         "content/training/washing-machine-does-not-drain.yml", "id: »washing-machine-does-not-drain",
         item="washing-machine-does-not-drain", message=GUIDE,
         near_miss=lambda root: copy_item(root, TRAIN, "content/training/drain-basics.yml", "drain-basics")),
    Case("id.file-name", lambda root: (root / FORM).rename(root / "content/forms/call-log.yml"),
         "content/forms/call-log.yml", "id: »repair-call-log", item="repair-call-log", message="repair-call-log.yml",
         near_miss=lambda root: (root / FORM).rename(root / "content/forms/repair-call-log.yaml")),
    # ---------------------------------------------------------------- references
    Case("ref.unknown-role",
         lambda root: edit(root, PROC, "role: head-of-after-sales  #", "role: head-of-aftersales  #"),
         PROC, "head-of-aftersales", item="warranty-repair", message="did you mean 'head-of-after-sales'"),
    Case("ref.unknown-form", lambda root: edit(root, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]"),
         PROC, "repair-call-book", item="warranty-repair",
         message=UNKNOWN_REF_MESSAGE.format("form", "repair-call-book")),
    Case("ref.unknown-standard",
         lambda root: edit(root, PROC, "standards: [answer-within-4-hours]", "standards: [answer-within-5-hours]"),
         PROC, "answer-within-5-hours", item="warranty-repair",
         message=UNKNOWN_REF_MESSAGE.format("service standard", "answer-within-5-hours"),
         also=frozenset({"standard.uncited"})),  # the step no longer cites the real standard
    Case("ref.unknown-product",
         lambda root: edit(root, WARR, "products: [washing-machines]", "products: [dish-washers]"),
         WARR, "dish-washers", item="legal-guarantee", message=UNKNOWN_REF_MESSAGE.format("product", "dish-washers")),
    Case("ref.unknown-warranty",
         lambda root: edit(root, PROC, "warranty: [legal-guarantee]", "warranty: [commercial-guarantee]"),
         PROC, "commercial-guarantee", item="warranty-repair",
         message=UNKNOWN_REF_MESSAGE.format("warranty rule", "commercial-guarantee")),
    Case("ref.unknown-procedure",
         lambda root: edit(root, TRAIN, "procedures: [warranty-repair]", "procedures: [complaint-handling]"),
         TRAIN, "complaint-handling", item="after-sales-basics",
         message=UNKNOWN_REF_MESSAGE.format("procedure", "complaint-handling")),
    Case("ref.unknown-training",
         lambda root: edit(root, TRAIN, "duration_minutes: 60\n",
                           "duration_minutes: 60\nprerequisites: [customer-care]\n"),
         TRAIN, "customer-care", item="after-sales-basics",
         message=UNKNOWN_REF_MESSAGE.format("training module", "customer-care")),
    Case("ref.unknown-guide",
         lambda root: edit(root, PROC, "warranty: [legal-guarantee]\n",
                           "warranty: [legal-guarantee]\nguides: [washing-machine-wont-drain]\n"),
         PROC, "washing-machine-wont-drain", item="warranty-repair",
         message=UNKNOWN_REF_MESSAGE.format("self-repair guide", "washing-machine-wont-drain"),
         near_miss=lambda root: edit(root, PROC, "warranty: [legal-guarantee]\n",
                                     "warranty: [legal-guarantee]\nguides: [washing-machine-does-not-drain]\n")),
    Case("ref.unknown-department", lambda root: edit(root, ROLE, "department: after-sales", "department: aftersales"),
         ROLE, "department: »aftersales", item="head-of-after-sales", message="there is no department 'aftersales'"),
    Case("ref.unknown-step", lambda root: edit(root, PROC, "next_step: order-part", "next_step: order-parts"),
         PROC, "order-parts", item="warranty-repair", message="no step with the id 'order-parts'"),
    Case("ref.public-to-staff", _public_to_staff("staff"), GUIDE, "spare-parts-kits",
         item="washing-machine-does-not-drain", message="'spare-parts-kits', which is staff-only",
         near_miss=_public_to_staff("public")),
    Case("ref.cycle",
         lambda root: edit(root, ROLE, "# reports_to: general-manager  # id of the role above, if any",
                           "reports_to: head-of-after-sales"),
         ROLE, "reports_to: »head-of-after-sales", item="head-of-after-sales", message="its own superior",
         near_miss=_add_technician),
    # ---------------------------------------------------------------- coverage
    Case("coverage.missing-phase", _empty_follow_up, PROC, "follow_up: []", item="warranty-repair",
         message="no step in the 'follow_up' phase", near_miss=_phases_without_follow_up),
    Case("coverage.missing-department",
         lambda root: edit(root, PROC, "      department: warehouse  # a department of site_config.yml\n", ""),
         PROC, "id: order-part", item="warranty-repair", message="steps.departments[0]"),
    Case("coverage.duplicate-step-id", lambda root: edit(root, PROC, "- id: diagnose", "- id: register-call"),
         PROC, "register-call", nth=2, item="warranty-repair", message="'register-call' is used twice"),
    Case("coverage.rule-not-met", _coverage_rule("{phase: follow_up, fills_form: true}"), PROC, "follow_up:",
         item="warranty-repair", message="rule 'follow-up-form': The follow-up must be recorded on a form.",
         near_miss=_coverage_rule("{phase: reception, fills_form: true}")),
    Case("coverage.waived", _rule_waiver(_in_days(200)), PROC, "follow-up-form  # waived rule",
         item="warranty-repair", message="rule 'follow-up-form' is waived until",
         near_miss=_coverage_rule("{phase: reception, fills_form: true}")),
    Case("rule.unknown-target", _coverage_rule("{phase: reception, forms: [repair-call-book]}"), CONFIG,
         "repair-call-book", item=None, message="there is no form 'repair-call-book'",
         also=frozenset({"coverage.rule-not-met"}),
         near_miss=_coverage_rule("{phase: reception, forms: [repair-call-log]}")),
    Case("waiver.expired", _rule_waiver(dt.date(2020, 1, 31)), PROC, "2020-01-31", item="warranty-repair",
         message="expired on 2020-01-31", also=frozenset({"coverage.rule-not-met"}),
         near_miss=_rule_waiver(_in_days(365))),
    Case("waiver.expires-soon", _rule_waiver(_in_days(10)), PROC, _in_days(10).isoformat(),
         item="warranty-repair", message="in 10 days", near_miss=_rule_waiver(_in_days(31))),
    Case("waiver.unneeded",
         _waiver("  - phase: sat  # waived phase\n"
                 "    justification: Diagnosis happens at the customer's home, outside this procedure.\n"
                 "    approved_by: Head of after-sales\n"
                 f"    expires: {_in_days(100).isoformat()}\n", rule=False),
         PROC, "sat  # waived phase", item="warranty-repair", message="the procedure has steps in it"),
    Case("waiver.unknown-rule", _rule_waiver(_in_days(200), "follow-up-forms"), PROC,
         "follow-up-forms  # waived rule", item="warranty-repair", message="did you mean 'follow-up-form'?",
         also=frozenset({"coverage.rule-not-met"}), near_miss=_rule_waiver(_in_days(200))),
    # ---------------------------------------------------------------- warranty table
    Case("warranty.gap", lambda root: edit(root, WARR, "to_month: 36\n", "from_month: 12\nto_month: 36\n"), PROD,
         "id: »washing-machines", item="washing-machines",
         message="no warranty rule decides washing-machines for cause 'manufacturing_defect', less than 12 months old",
         near_miss=lambda root: edit(root, WARR, "to_month: 36\n", "to_month: 48\n")),
    Case("warranty.overlap", _later_rule("from_month: 24\nto_month: 48"), LATER, "id: »repair-extension",
         item="repair-extension", message="rules 'legal-guarantee' (content/warranty/legal-guarantee.yml) and"
         " 'repair-extension' both decide washing-machines with cause 'manufacturing_defect', 24 to under 36",
         near_miss=_later_rule("from_month: 36\nto_month: 48")),
    Case("warranty.shadowed", _priority_policy(_later_rule("from_month: 12\nto_month: 36", "5")), LATER,
         "priority: »5", item="repair-extension",
         message="never decides any case: wherever it applies, 'legal-guarantee' (priority 10",
         near_miss=_priority_policy(_later_rule("from_month: 12\nto_month: 36", "20"))),
    Case("warranty.below-legal-minimum", _wm_pays("customer"), WARR, "{parts: »customer", item="legal-guarantee",
         message="charges the customer the parts for cases the law guarantees", near_miss=_wm_pays("manufacturer")),
    Case("warranty.priority", _priority_policy(priority=None), WARR, "id: »legal-guarantee", item="legal-guarantee",
         message="needs a priority on every rule", near_miss=_priority_policy()),
    # ---------------------------------------------------------------- service standards
    Case("standard.target-not-positive", _target("value: 0\n  unit: hours"), STD, "value: »0",
         item="answer-within-4-hours", message="a target of 0 hours measures nothing",
         near_miss=_target("value: 0.5\n  unit: hours")),
    Case("standard.target-out-of-range", _target("value: 120\n  unit: percent"), STD, "value: »120",
         item="answer-within-4-hours", message="120 percent is more than 100",
         near_miss=_target("value: 100\n  unit: percent")),
    Case("standard.response-exceeds-resolution", _resolution("value: 2\n  unit: hours"), STD,
         "resolution: »resolve-case", item="answer-within-4-hours",
         message="the response (4 hours) takes longer than the resolution it belongs with, 'resolve-case' (2 hours)",
         near_miss=_resolution("value: 1\n  unit: days")),
    Case("standard.resolution-not-time", _resolution("value: 95\n  unit: percent"), STD,
         "resolution: »resolve-case", item="answer-within-4-hours", message="'resolve-case' (95 percent) is not a time",
         near_miss=_resolution("value: 1\n  unit: months")),
    Case("standard.units-not-comparable", _resolution("value: 2\n  unit: working_days"), STD,
         "resolution: »resolve-case", item="answer-within-4-hours",
         message="4 hours cannot be compared with 'resolve-case' (2 working_days)",
         near_miss=_resolution("value: 2\n  unit: working_days", "value: 4\n  unit: working_hours")),
    Case("standard.uncited", _uncited, STD, "id: »answer-within-4-hours", item="answer-within-4-hours",
         message="no procedure step cites this standard",
         near_miss=lambda root: (_uncited(root), edit(root, STD, "# applies_to: organisation  #",
                                                       "applies_to: organisation  #"))),
    Case("standard.wrong-phase", lambda root: edit(root, STD, "# phases: [reception]  #", "phases: [follow_up]  #"),
         PROC, "standards: [»answer-within-4-hours]", item="warranty-repair",
         message="step 1 is in the 'reception' phase, but the standard 'answer-within-4-hours' applies to follow_up",
         near_miss=lambda root: edit(root, STD, "# phases: [reception]  #", "phases: [follow_up, reception]  #")),
    Case("standard.public-cites-staff",
         _public_standard(_std_en_summary("Every question in the repair call log gets an answer within 4 hours.")),
         STD, '"Every question in the repair', item="answer-within-4-hours",
         message="summary (en) names 'repair-call-log' (form), which is staff-only",
         near_miss=_public_standard(_std_en_summary("Every question you send us gets an answer within 4 hours."))),
    Case("standard.no-claim", _public_standard(lambda root: edit(root, STD, "\ncustomer_claim:", "\n# customer_claim:")),
         STD, "id: »answer-within-4-hours", item="answer-within-4-hours", message="add customer_claim",
         near_miss=_public_standard()),
    # ---------------------------------------------------------------- document control
    Case("review.overdue", lambda root: set_dates(root, PROC, dt.date(2020, 1, 10), dt.date(2021, 1, 10)),
         PROC, "2021-01-10", item="warranty-repair", message="was due on 2021-01-10",
         near_miss=_dates(PROC, -100, 0)),
    Case("review.due-soon", _dates(PROC, -300, 10), PROC, _at_date(10), item="warranty-repair",
         message="in 10 days", near_miss=_dates(PROC, -300, 31)),
    Case("review.dates-order", _dates(PROC, -10, -20), PROC, _at_date(-20), item="warranty-repair",
         message="is before document.approved", near_miss=_dates(PROC, 0, 365)),
    # ---------------------------------------------------------------- change review
    Case("change.suspect", _recorded(then=_in_en_summary("One line per call.")), PROC, "forms: [»repair-call-log]",
         item="warranty-repair", message="cites form 'repair-call-log', which changed since this procedure",
         near_miss=_recorded(then=_dates(FORM, -10, 400))),
    Case("change.unrecorded", _recorded(then=_spare_form), SPARE, "id: »spare-form", item="spare-form",
         message="run aftersales review spare-form", near_miss=_recorded(_spare_form)),
    Case("change.orphan", _recorded(_spare_form, then=lambda root: (root / SPARE).unlink()), LOCK,
         '"spare-form": {', item="spare-form", message="--prune",
         near_miss=_recorded(_spare_form, then=lambda root: ((root / SPARE).unlink(),
                                                             main(["review", "--prune", "--project", str(root)])))),
    Case("change.lock-invalid", _recorded(then=_merge_conflict), LOCK, "<<<<<<< HEAD", message="merge conflict",
         near_miss=_recorded()),
    # ---------------------------------------------------------------- markup and assets
    Case("text.raw-html", _in_en_summary("One line per <b>repair call</b> received."), FORM,
         '"One line per <b>', item="repair-call-log", message="summary (en)",
         near_miss=_in_en_summary("One line per call; answer in < 4 h.")),
    Case("text.unsafe-link", _in_en_summary("See [the rules](javascript:alert(1))."), FORM, '"See [the rules]',
         item="repair-call-log", message="javascript:",
         near_miss=_in_en_summary("See [the rules](https://example.com/rules).")),
    Case("text.inline-image", _in_en_summary("See ![the filter](filter.jpg)."), FORM, '"See ![the filter]',
         item="repair-call-log", message="filter.jpg",
         near_miss=_in_en_summary("See [the filter](filter.jpg).")),
    Case("text.html-in-title", lambda root: edit(root, FORM, 'en: "Repair call log"}', 'en: "Repair <script>x</script> log"}'),
         FORM, '"Repair <script>', item="repair-call-log", message="title (en): a title cannot hold HTML tags",
         near_miss=lambda root: edit(root, FORM, 'en: "Repair call log"}', 'en: "Repair call log (< 4 h)"}')),
    Case("text.reference-link", _in_en_summary("See [the rules][r].\\n\\n[r]: https://example.com/rules"), FORM,
         '"See [the rules][r]', item="repair-call-log", message="write [text](https://example.com/rules)",
         near_miss=_in_en_summary("See [the rules](https://example.com/rules).")),
    Case("asset.missing", _guide_image, GUIDE, "guides/filter.jpg", item="washing-machine-does-not-drain",
         message="assets/guides/filter.jpg", near_miss=_guide_image_present),
    # ---------------------------------------------------------------- languages
    Case("text.missing-translation",
         lambda root: edit(root, FORM, ', en: "One line per repair call received."}', "}"),
         FORM, '{ca: "Una línia', item="repair-call-log", message="not translated into 'en' (summary)"),
]

# ---------------------------------------------------------------- measured compliance (compliance.data)

DATA = "data/measurements.csv"
DATA_HEADER = "standard,date,met,value,cases,not_met"
DATA_GOOD = "answer-within-4-hours,2025-03-03,yes,,,"


def _measurements(*rows: str, header: str = DATA_HEADER, encoding: str = "utf-8",
                  path: str = DATA) -> Callable[[Path], None]:
    """site_config.yml names data/measurements.csv, written with ``header`` and ``rows``."""
    def mutate(root: Path) -> None:
        write(root, CONFIG, read(root, CONFIG) + f"compliance:\n  data: {path}\n")
        write(root, DATA, "\n".join([header, *rows, ""]).encode(encoding))
    return mutate


def _huge_measurements(root: Path) -> None:
    _measurements(DATA_GOOD)(root)
    with open(root / DATA, "r+b") as handle:  # sparse: 50 MiB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024 + 1)


CASES += [
    Case("data.unreadable", _measurements(DATA_GOOD, path="data/missing.csv"), CONFIG, "data: »data/missing.csv",
         message="there is no file data/missing.csv", near_miss=_measurements(DATA_GOOD)),
    Case("data.too-large", _huge_measurements, DATA, None, message="50 MiB", near_miss=_measurements(DATA_GOOD)),
    Case("data.encoding", _measurements(DATA_GOOD, "answer-within-4-hours,2025-03-04,sí,,,", encoding="latin-1"),
         DATA, "s»í,,,", message="UTF-8",
         near_miss=_measurements(DATA_GOOD, "answer-within-4-hours,2025-03-04,sí,,,")),
    Case("data.empty", _measurements(), DATA, None, message="no measurements", near_miss=_measurements(DATA_GOOD)),
    Case("data.bad-header", _measurements(DATA_GOOD, header="standard,day,met,value,cases,not_met"), DATA, None,
         message="no 'date' column", near_miss=_measurements("answer-within-4-hours,2025-03-03,yes",
                                                             header="standard,date,met")),
    Case("data.bad-row", _measurements(DATA_GOOD + ",oops"), DATA, "»oops", message="7 cells",
         near_miss=_measurements("answer-within-4-hours,2025-03-03,yes")),
    Case("data.unknown-standard", _measurements("answer-within-4-hour,2025-03-03,yes,,,"), DATA,
         "answer-within-4-hour,", message="did you mean 'answer-within-4-hours'", near_miss=_measurements(DATA_GOOD)),
    Case("data.bad-date", _measurements("answer-within-4-hours,2025-02-30,yes,,,"), DATA, "2025-02-30",
         message="not a real date", near_miss=_measurements("answer-within-4-hours,2024-02-29,yes,,,")),
    Case("data.future-date", _measurements(f"answer-within-4-hours,{_at_date(1)},yes,,,"), DATA, _at_date(1),
         message="in the future", near_miss=_measurements(f"answer-within-4-hours,{_at_date(0)},yes,,,")),
    Case("data.bad-number", _measurements("answer-within-4-hours,2025-03-03,,3.5h,,"), DATA, "3.5h",
         message="not a number", near_miss=_measurements("answer-within-4-hours;2025-03-03;;3,5;;",
                                                          header=DATA_HEADER.replace(",", ";"))),
    Case("data.bad-met", _measurements("answer-within-4-hours,2025-03-03,maybe,,,"), DATA, "maybe",
         message="write yes or no", near_miss=_measurements("answer-within-4-hours,2025-03-03,sí,,,")),
    Case("data.bad-counts", _measurements("answer-within-4-hours,2025-03,,,10,12"), DATA, "10,»12",
         message="more than cases", near_miss=_measurements("answer-within-4-hours,2025-03,,,10,10")),
]

CASES_BY_CODE = {case.code: case for case in CASES}


def _params(cases: list[Case], *, failing: bool):
    for case in cases:
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if failing and case.xfail else []
        yield pytest.param(case, id=case.code, marks=marks)


# --------------------------------------------------------------------------- the table is complete


def test_every_rule_has_a_case() -> None:
    missing = sorted(set(RULES) - set(CASES_BY_CODE))
    assert not missing, f"add a failing and a passing case to CASES for: {', '.join(missing)}"


def test_cases_name_only_real_codes_once() -> None:
    codes = [case.code for case in CASES]
    assert len(codes) == len(set(codes))
    assert not set(codes) - set(RULES), "a case names a code that RULES no longer has"


def test_the_init_project_is_clean(new_project: Path) -> None:
    assert check(new_project) == []


# --------------------------------------------------------------------------- failing examples


@pytest.mark.parametrize("case", list(_params(CASES, failing=True)))
def test_code_is_reported_where_the_problem_is(case: Case, new_project: Path) -> None:
    if case.mutate is None:
        assert case.code.removeprefix("ref.unknown-") in _reference_targets(), case.xfail
        pytest.fail("a case without a mutation must be an expected failure")
    case.mutate(new_project)
    diagnostics = check(new_project)
    found = [d for d in diagnostics if d.code == case.code]
    shown = "\n".join(d.format_text() for d in diagnostics)
    assert len(found) == 1, f"expected one {case.code}, got:\n{shown}"
    (diagnostic,) = found
    assert diagnostic.severity == RULES[case.code].severity
    assert diagnostic.file == case.file
    assert diagnostic.line > 0 and diagnostic.column > 0
    if case.at is None:
        assert (diagnostic.line, diagnostic.column) == (1, 1)
    else:
        line, column, text = locate(new_project / case.file, case.at, case.nth)
        assert diagnostic.line == line, (
            f"{case.code} points at line {diagnostic.line}, expected {line}: {text!r}\n{shown}")
        if case.column:
            assert diagnostic.column == column, f"{case.code} points at column {diagnostic.column} of {text!r}"
    if case.item is not ANY:
        assert diagnostic.item == case.item
    assert case.message in diagnostic.message
    unexpected = {d.code for d in diagnostics} - {case.code} - case.also
    assert not unexpected, f"the mutation for {case.code} also caused {sorted(unexpected)}:\n{shown}"


def _reference_targets() -> set[str]:
    """Every content type or 'department' that some field of some model refers to."""
    targets: set[str] = set()

    def walk(plan) -> None:
        if plan[0] == "leaf":
            targets.add(plan[1])
        elif plan[0] == "list":
            walk(plan[1])
        else:
            for _, inner in field_plans(plan[1], _ref_leaf):
                walk(inner)

    for content_type in CONTENT_TYPES:
        walk(("model", content_type.model))
    return targets


# --------------------------------------------------------------------------- passing examples


@pytest.mark.parametrize("case", list(_params(CASES, failing=False)))
def test_code_is_not_reported_for_the_near_miss(case: Case, new_project: Path) -> None:
    if case.near_miss is not None:
        case.near_miss(new_project)
    diagnostics = check(new_project)
    shown = "\n".join(d.format_text() for d in diagnostics)
    assert case.code not in {d.code for d in diagnostics}, shown
    if case.near_miss_clean:
        assert not [d for d in diagnostics if d.severity in ("error", "warning")], shown


# --------------------------------------------------------------------------- details of some codes


def test_unknown_nested_field_suggests_the_right_name(new_project: Path) -> None:
    edit(new_project, PROC, "      role: head-of-after-sales  #", "      rol: head-of-after-sales  #")
    diagnostics = [d for d in check(new_project) if d.code == "schema.unknown-field"]
    assert len(diagnostics) == 1
    assert "'rol' in steps.reception[0]" in diagnostics[0].message
    assert "did you mean 'role'" in diagnostics[0].message
    line, column, _ = locate(new_project / PROC, "rol:")
    assert (diagnostics[0].line, diagnostics[0].column) == (line, column)


def test_reference_to_an_item_of_another_type_names_its_type(new_project: Path) -> None:
    edit(new_project, PROC, "role: head-of-after-sales  #", "role: repair-call-log  #")
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "ref.unknown-role"
    assert "'repair-call-log' is a form" in diagnostic.message


def test_reference_to_an_item_with_schema_errors_is_not_reported_twice(new_project: Path) -> None:
    """The form fails validation, but its id is kept: the procedure's reference still resolves."""
    edit(new_project, FORM, "kind: log", "kind: register")
    codes = [d.code for d in check(new_project)]
    assert codes == ["schema.invalid-value"]


def test_reference_to_a_file_with_yaml_errors_is_not_reported_twice(new_project: Path) -> None:
    """load/project.py: 'A file that fails is left out ... but its id is kept so that references to it
    are not reported twice.' The file name is the id by convention (id.file-name)."""
    edit(new_project, FORM, "kind: log", "kind: log\nkind: form")
    codes = [d.code for d in check(new_project)]
    assert codes == ["yaml.duplicate-key"]


def test_ids_differing_only_in_case_are_duplicates(new_project: Path) -> None:
    copy_item(new_project, FORM, "content/forms/Repair-Call-Log.yml", "Repair-Call-Log")
    diagnostics = check(new_project)
    duplicate = [d for d in diagnostics if d.code == "id.duplicate"]
    assert len(duplicate) == 1
    assert "differs only in case" in duplicate[0].message
    assert "schema.invalid-id" in {d.code for d in diagnostics}


def test_dangling_link_is_unreadable(new_project: Path) -> None:
    (new_project / "content/forms/dangling.yml").symlink_to(new_project / "content/forms/nothere.yml")
    (diagnostic,) = check(new_project)
    assert (diagnostic.code, diagnostic.file, diagnostic.line) == ("file.unreadable", "content/forms/dangling.yml", 1)
    assert "cannot read the file" in diagnostic.message


@pytest.mark.parametrize(("old", "new", "at", "hint"), [
    ('kind: log', 'kind: log: book', "kind: log»: book", "put text that contains ': ' in quotes"),
    ('en: "Calls"', 'en: "Calls', None, "YAML syntax error"),
    ("      - {id: date,", "      - {id: date,,", None, "YAML syntax error"),
])
def test_syntax_errors_have_a_position_and_a_plain_message(new_project: Path, old, new, at, hint) -> None:
    edit(new_project, FORM, old, new)
    diagnostics = [d for d in check(new_project) if d.file == FORM]
    assert [d.code for d in diagnostics] == ["yaml.syntax"]
    (diagnostic,) = diagnostics
    assert hint in diagnostic.message
    assert diagnostic.line > 1
    if at is not None:
        assert (diagnostic.line, diagnostic.column) == locate(new_project / FORM, at)[:2]


def test_owner_of_a_public_item_may_be_a_staff_role(new_project: Path) -> None:
    """document.owner is shown as a name, never linked: a public guide owned by a staff role is fine."""
    assert "owner: head-of-after-sales" in read(new_project, GUIDE)
    assert "ref.public-to-staff" not in {d.code for d in check(new_project)}


def test_a_loop_of_two_roles_is_reported_once(new_project: Path) -> None:
    _add_technician(new_project)
    edit(new_project, ROLE, "# reports_to: general-manager  # id of the role above, if any",
         "reports_to: service-technician")
    cycles = [d for d in check(new_project) if d.code == "ref.cycle"]
    assert len(cycles) == 1
    assert "→" in cycles[0].message


def test_training_prerequisite_of_itself_is_a_cycle(new_project: Path) -> None:
    edit(new_project, TRAIN, "duration_minutes: 60\n", "duration_minutes: 60\nprerequisites: [after-sales-basics]\n")
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "ref.cycle"
    assert diagnostic.file == TRAIN
    assert diagnostic.line == locate(new_project / TRAIN, "prerequisites:")[0]


def test_deleted_phase_points_at_the_steps_key(new_project: Path) -> None:
    _without_follow_up(new_project)
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "coverage.missing-phase"
    assert "'follow_up'" in diagnostic.message
    assert diagnostic.line == locate(new_project / PROC, "steps:")[0]


def test_deleted_phase_is_reported_in_the_steps_block(new_project: Path) -> None:
    """Whatever the exact line, the deletion is reported inside the procedure's steps."""
    _without_follow_up(new_project)
    (diagnostic,) = check(new_project)
    assert (diagnostic.code, diagnostic.file, diagnostic.item) == ("coverage.missing-phase", PROC, "warranty-repair")
    assert "'follow_up'" in diagnostic.message
    steps_line = locate(new_project / PROC, "steps:")[0]
    assert steps_line <= diagnostic.line <= steps_line + 1


def test_every_missing_phase_is_reported(new_project: Path) -> None:
    text = read(new_project, PROC)
    start, end = text.index("  sat:\n"), text.index("  follow_up:\n")
    write(new_project, PROC, text[:start] + text[end:])
    edit(new_project, PROC, "forms: [repair-call-log]", "forms: []")  # keep the rest valid
    missing = [d for d in check(new_project) if d.code == "coverage.missing-phase"]
    assert sorted(re.search(r"'(\w+)' phase", d.message).group(1) for d in missing) == ["departments", "sat"]


@pytest.mark.parametrize(("days", "code"), [(-1, "review.overdue"), (0, "review.due-soon"),
                                            (30, "review.due-soon"), (31, None)])
def test_review_window_boundaries(days: int, code: str | None, new_project: Path) -> None:
    _dates(PROC, -400, days)(new_project)
    codes = [d.code for d in check(new_project)]
    assert codes == ([code] if code else [])


def test_review_warning_days_is_configurable(new_project: Path) -> None:
    edit(new_project, CONFIG, "review_warning_days: 30", "review_warning_days: 60")
    _dates(PROC, -400, 45)(new_project)
    assert [d.code for d in check(new_project)] == ["review.due-soon"]


def test_missing_translation_is_one_warning_per_item_and_language(new_project: Path) -> None:
    edit(new_project, FORM, ', en: "One line per repair call received."}', "}")
    edit(new_project, FORM, ', en: "Repair call log"}', "}")
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "text.missing-translation"
    assert "2 of" in diagnostic.message and "title, summary" in diagnostic.message
    # points at the first untranslated text, the title
    assert diagnostic.line == locate(new_project / FORM, "title:")[0]


def test_all_problems_of_all_files_in_one_run(new_project: Path) -> None:
    for case in (CASES_BY_CODE["yaml.duplicate-key"], CASES_BY_CODE["ref.unknown-form"],
                 CASES_BY_CODE["review.overdue"], CASES_BY_CODE["ref.unknown-department"]):
        case.mutate(new_project)
    codes = {d.code for d in check(new_project)}
    assert {"yaml.duplicate-key", "ref.unknown-form", "review.overdue", "ref.unknown-department"} <= codes


# --------------------------------------------------------------------------- severity overrides


def _rules(root: Path, lines: str) -> None:
    edit(root, CONFIG, "# rules:", "rules:\n" + lines + "\n# old rules:")


def test_rule_off_removes_the_code(new_project: Path) -> None:
    CASES_BY_CODE["id.file-name"].mutate(new_project)
    assert [d.code for d in check(new_project)] == ["id.file-name"]
    _rules(new_project, "  id.file-name: off")  # 'off' stays text (YAML 1.2), not false
    assert check(new_project) == []
    assert main(["check", "--project", str(new_project), "--strict"]) == 0


def test_rule_error_promotes_a_warning(new_project: Path, capsys) -> None:
    CASES_BY_CODE["review.overdue"].mutate(new_project)
    assert main(["check", "--project", str(new_project)]) == 0
    _rules(new_project, "  review.overdue: error")
    (diagnostic,) = check(new_project)
    assert (diagnostic.code, diagnostic.severity) == ("review.overdue", "error")
    capsys.readouterr()
    assert main(["check", "--project", str(new_project)]) == 1
    assert " error review.overdue: " in capsys.readouterr().out


def test_rule_can_lower_an_error_to_a_warning(new_project: Path) -> None:
    CASES_BY_CODE["ref.unknown-step"].mutate(new_project)
    _rules(new_project, "  ref.unknown-step: warning\n  text.missing-translation: info")
    CASES_BY_CODE["text.missing-translation"].mutate(new_project)
    severities = {d.code: d.severity for d in check(new_project)}
    assert severities == {"ref.unknown-step": "warning", "text.missing-translation": "info"}
    assert main(["check", "--project", str(new_project)]) == 0
    assert main(["check", "--project", str(new_project), "--strict"]) == 1


def test_unknown_code_in_rules_is_a_config_error(new_project: Path, cli) -> None:
    _rules(new_project, "  id.filename: off")
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.file == CONFIG
    assert diagnostic.line == locate(new_project / CONFIG, "id.filename")[0]
    assert "did you mean 'id.file-name'" in diagnostic.message
    run = cli("check", "--project", new_project)
    assert run.code == 2, run
    assert "site_config.yml:" in run.err and "id.filename" in run.err
    assert "Traceback" not in run.err + run.out


def test_unknown_severity_in_rules_is_a_config_error(new_project: Path) -> None:
    _rules(new_project, "  id.file-name: fatal")
    with pytest.raises(ConfigError):
        load_project(new_project)
    assert main(["check", "--project", str(new_project)]) == 2

