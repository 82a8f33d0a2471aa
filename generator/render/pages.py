"""The render stage: the knowledge base → Markdown pages for one audience and one language.

Pure: no files are written here. Each item becomes one page from ``templates/pages/<type>.md.j2``;
index pages, the home page and the coverage matrix come from their own templates. Every value
printed by a template goes through :func:`plain_text` (Jinja's ``finalize``) and every Markdown
text through ``t()`` (:func:`markdown_text`), so content can never inject HTML; templates mark
their own trusted markup with ``Markup``.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from generator.analyse.coverage import coverage_matrix
from generator.analyse.documents import review_date_status
from generator.analyse.translations import translation_status
from generator.i18n.labels import label, language_name
from generator.load.assets import asset_problem
from generator.load.knowledge_base import phase_steps, step_numbers
from generator.memory import paused_garbage_collector
from generator.model.fields import AUDIENCES, PHASES
from generator.model.registry import TYPES_BY_NAME
from generator.render.compliance_pages import (
    compliance_navigation,
    compliance_page_paths,
    has_compliance,
    render_compliance_pages,
    standard_page,
)
from generator.render.diagram import phase_lanes_svg
from generator.render.printables import has_printable, inline_markdown, print_path
from generator.render.standards import (
    CHARTER_PAGE,
    CHARTER_PRINT,
    REGISTER_CSV,
    REGISTER_PAGE,
    REGISTER_SCRIPT,
    charter_groups,
    charter_standards,
    citation_words,
    register_rows,
    target_sort_key,
    target_words,
    value_words,
)
from generator.render.templates import printable_environment, template_environment
from generator.review.status import suspects_by_id
from generator.text.safe_text import markdown_text, plain_text, script_json, tel_uri
from generator.warranty.table import FACTS, build_table, table_document

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase

COVERED_PAGE = "covered.md"
"""'Am I covered?': the warranty decision table, evaluated in the reader's browser (assets/covered.js)."""
REPAIR_PAGE = "repair-or-replace.md"
"""Staff 'Repair or replace' calculator (assets/repair-or-replace.js)."""
TOOL_SCRIPTS = {COVERED_PAGE: "assets/covered.js", REPAIR_PAGE: "assets/repair-or-replace.js"}

TYPE_SECTIONS = {
    "public": ("guide", "warranty", "product", "standard", "procedure", "role", "training", "form"),
    "staff": ("procedure", "standard", "role", "training", "form", "guide", "warranty", "product"),
}
"""Order of the type sections in each portal's navigation (empty sections are left out)."""


@dataclass(frozen=True)
class Page:
    """One Markdown page of a portal."""

    path: str
    """Path inside the docs folder, e.g. ``procedures/warranty-repair.md``."""
    title: str
    markdown: str
    item: str | None = None
    """Id of the item the page shows, if any."""


def page_path(item: Item) -> str:
    return f"{item.content_type.folder}/{item.id}.md"


def shown_elsewhere(item: Item) -> str:
    """What the shipped templates show of ``item`` on pages other than its own.

    Titles and summaries (links, indexes, home), audience and tags, document control (the
    register), which languages each text has (translation status), and a procedure's steps,
    category and waivers (role pages, coverage matrix); a warranty rule whole ("Am I covered?").
    ``serve`` re-renders other pages only when this changes; a project with its own templates is
    always re-rendered in full.
    """
    def compute(item: Item) -> str:
        model = item.model
        shown = {
            "type": item.type, "audience": model.audience, "title": model.title, "summary": model.summary,
            "tags": model.tags, "document": model.document.model_dump(mode="json"),
            "languages": [sorted(text) for _, text in item.texts],
            "references": item.references,
        }
        if item.type == "procedure":
            shown.update(steps=model.steps.model_dump(mode="json"), category=model.category,
                         waivers=[waiver.model_dump(mode="json") for waiver in model.waivers])
        elif item.type == "warranty":  # "Am I covered?" carries every rule whole
            shown.update(rule=model.model_dump(mode="json"))
        elif item.type == "standard":  # the charter and the standards register show nearly all of it
            shown.update(standard=model.model_dump(mode="json"))
        return json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str)

    return item.remembered("shown-elsewhere", compute)


class PortalRenderer:
    """Renders every page of one portal (audience × language)."""

    def __init__(self, kb: KnowledgeBase, audience: str, lang: str, env: jinja2.Environment | None = None,
                 with_pdf: bool = True) -> None:
        self.kb = kb
        self.audience = audience
        self.lang = lang
        self.default_lang = kb.default_language
        self.env = env or template_environment(kb.root)
        self.printable_env = printable_environment(kb.root)
        self.with_pdf = with_pdf
        """Whether PDFs are built beside the print views (``build --no-pdf`` skips them)."""
        self.items = [item for item in kb.items if audience == "staff" or item.is_public]
        self.untranslated = False
        """Set when a text of the page being rendered fell back to the default language."""
        self.visible = {item.id: item for item in self.items}
        self.covered_page = any(item.type == "warranty" for item in self.items)
        """Whether the portal has the 'Am I covered?' page: it shows warranty rules."""
        self.today = dt.date.today()
        """The day waivers and review dates are judged against (the build date)."""
        self._measured_ids: set[str] | None = None

    # ---------------------------------------------------------------- helpers for templates

    def text(self, value: dict[str, str] | None) -> str:
        """A content text in this portal's language (default language when not translated)."""
        if not value:
            return ""
        if self.lang in value:
            return value[self.lang]
        self.untranslated = True
        return value.get(self.default_lang) or next(iter(value.values()))

    def _page(self, path: str, title: str, markdown: str, item: str | None = None) -> Page:
        """A finished page; one that fell back to the default language says so under its title."""
        if self.untranslated:
            body = label("not_translated_body", self.lang).format(language=language_name(self.default_lang))
            notice = f'!!! warning "{label("not_translated", self.lang)}"\n\n    {body}\n\n'
            head, _, rest = markdown.partition("\n")
            markdown = f"{head}\n\n{notice}{rest}" if head.startswith("# ") else notice + markdown
        self.untranslated = False
        return Page(path, title, markdown, item)

    def title_of(self, item_id: str) -> str:
        item = self.kb.get(item_id)
        return self.text(item.model.title) if item else item_id

    def _helpers(self, current: str) -> dict[str, Any]:
        here = posixpath.dirname(current)

        def href(target: str) -> str:
            # Pages live at most one folder deep: skip posixpath.relpath, which is slow.
            if not here:
                return target
            if target.startswith(here + "/"):
                return target[len(here) + 1:]
            if "/" in here:
                return posixpath.relpath(target, here)
            return "../" + target

        def link(item_id: str) -> Markup:
            """A link to an item visible in this portal; only its name otherwise."""
            item = self.visible.get(item_id)
            if item is None:
                return plain_text(self.title_of(item_id))
            return Markup(f"[{plain_text(self.title_of(item_id))}]({href(page_path(item))})")

        def links(item_ids: Iterable[str]) -> Markup:
            return Markup(", ").join(link(item_id) for item_id in item_ids)

        return {
            "t": lambda value: markdown_text(self.text(value)),
            "tp": lambda value: plain_text(self.text(value)),
            "cell": plain_text,  # a one-language string (site_config, waivers) in a table cell
            "label": lambda key: label(key, self.lang),
            "link": link,
            "links": links,
            "href": href,
            "lang": self.lang,
            "audience": self.audience,
            "kb": self.kb,
            "config": self.kb.config,
            "company": self.kb.config.company,
            "phases": PHASES,
            "department_name": lambda key: self.text(self.kb.config.departments.get(key)) or key,
            "referrers": self.referrers,
            "items_of": lambda type_name: [i for i in self.items if i.type == type_name],
            "page_path": page_path,
            "target_text": self.target_text,
            "print_links": lambda item: self.print_links(item, href),
            "tel_link": tel_uri,
            "image_ok": self.image_ok,
            "covered_page": self.covered_page,
            "percent": lambda share: percent(share, self.lang),
        }

    def print_links(self, item: Item, href) -> Markup:
        """'Print · PDF' links to the item's printable (the PDF only when PDFs are built)."""
        if not has_printable(item):
            return Markup("")
        links = [f"[{label('print', self.lang)}]({href(print_path(item))})"]
        if self.with_pdf:
            links.append(f"[{label('pdf', self.lang)}]({href(print_path(item, '.pdf'))})")
        return Markup(" · ".join(links))

    def target_text(self, target) -> str:
        """'4 hours', '1 month', '95 %' — a standard's target value in words."""
        return value_words(target, self.lang)

    def referrers(self, item_id: str, type_name: str | None = None) -> list[Item]:
        """Visible items that refer to ``item_id`` (each once, in knowledge-base order)."""
        seen: dict[str, Item] = {}
        for ref in self.kb.referrers_of(item_id):
            source = ref.source
            if source.id in self.visible and (type_name is None or source.type == type_name) and ref.loc[0] != "document":
                seen.setdefault(source.id, source)
        return list(seen.values())

    # ---------------------------------------------------------------- pages

    def render_item(self, item: Item) -> Page:
        path = page_path(item)
        context = self._helpers(path) | {"item": item, "m": item.model}
        if item.type == "procedure":
            context["diagram"] = Markup(phase_lanes_svg(item.model, self.text, lambda key: label(key, self.lang),
                                                        self.title_of, self.kb.config.required_phases))
            context["participants"] = list(dict.fromkeys(step.role for _, _, step in phase_steps(item.model)))
            context["step_numbers"], context["step_numbers_by_id"] = step_numbers(item)
        if item.type == "role":
            context["steps_taken"] = self._steps_taken(item.id)
        if item.type == "standard":
            context["compliance_page"] = standard_page(item.id) if item.id in self._measured() else None
        self.untranslated = False
        markdown = self.env.get_template(f"pages/{item.type}.md.j2").render(context)
        return self._page(path, item.title(self.lang, self.default_lang), markdown, item.id)

    def _measured(self) -> set[str]:
        """Standards with measurements, whose page links their compliance page (staff portals)."""
        if self._measured_ids is None:
            measured = self.kb.compliance.rows if has_compliance(self) else []
            self._measured_ids = {row.standard for row in measured}
        return self._measured_ids

    def _steps_taken(self, role_id: str) -> list[dict]:
        """Every procedure step the role takes, for the role page's back-links."""
        rows = []
        for ref in self.kb.referrers_of(role_id):
            source = ref.source
            if source.type != "procedure" or source.id not in self.visible or ref.loc[0] != "steps":
                continue
            _, phase, index, field, *_ = ref.loc
            if field != "role":
                continue
            step = getattr(source.model.steps, phase)[index]
            rows.append({"procedure": source, "phase": phase, "number": step_numbers(source)[0][(phase, index)],
                         "step": step})
        return rows

    def used_assets(self) -> list[str]:
        """Image files (paths inside the project's assets/) shown by the pages of this portal."""
        names = [self.kb.config.logo] if self.kb.config.logo else []
        for item in self.items:
            if item.type == "guide":
                names.extend(step.image for step in item.model.steps if step.image)
        return sorted({name for name in names if self.image_ok(name)})

    def image_ok(self, name: str) -> bool:
        """Checked again here, not only by check: the asset.missing rule may be switched off,
        and a picture that is not a file inside assets/ must never be copied or shown."""
        return asset_problem(self.kb.root, name) is None

    def render_index(self, type_name: str) -> Page:
        content_type = TYPES_BY_NAME[type_name]
        path = f"{content_type.folder}/index.md"
        items = [item for item in self.items if item.type == type_name]
        items.sort(key=lambda item: item.title(self.lang, self.default_lang).casefold())
        context = self._helpers(path) | {"type_name": type_name, "items": items,
                                         "section_title": label(content_type.folder, self.lang)}
        template = self.env.select_template([f"pages/index_{type_name}.md.j2", "pages/index.md.j2"])
        self.untranslated = False
        markdown = template.render(context)
        return self._page(path, label(content_type.folder, self.lang), markdown)

    def render_home(self) -> Page:
        self.untranslated = False
        context = self._helpers("index.md") | {"sections": self.sections()}
        markdown = self.env.get_template(f"pages/home_{self.audience}.md.j2").render(context)
        return self._page("index.md", label("home", self.lang), markdown)

    def render_coverage(self) -> Page:
        path = "coverage.md"
        rows = coverage_matrix(self.kb, self.today)
        waivers = [(item, waiver, waiver.expires >= self.today)
                   for item in self.kb.procedures() if item.id in self.visible for waiver in item.model.waivers]
        context = self._helpers(path) | {"rows": rows, "required": self.kb.config.required_phases,
                                         "rules": self.kb.config.coverage_rules, "waivers": waivers}
        self.untranslated = False
        markdown = self.env.get_template("pages/coverage.md.j2").render(context)
        return self._page(path, label("coverage", self.lang), markdown)

    def render_documents(self) -> Page:
        """The document register: every item by next review date, with owner and status."""
        path = "documents.md"
        warning_days = self.kb.config.review_warning_days
        changed = suspects_by_id(self.kb)
        rows = [{"item": item, "status": review_date_status(item.model.document, self.today, warning_days),
                 "owner": self.visible.get(item.model.document.owner),
                 "type_label": label(item.content_type.folder, self.lang),
                 "changed": (changed or {}).get(item.id, [])}
                for item in self.items]
        rows.sort(key=lambda row: (row["item"].model.document.next_review, row["item"].file))
        counts = {status: sum(row["status"] == status for row in rows) for status in ("overdue", "due_soon", "current")}
        counts["needs_review"] = sum(bool(row["changed"]) for row in rows)
        context = self._helpers(path) | {"rows": rows, "counts": counts, "today": self.today,
                                         "change_review": changed is not None}
        self.untranslated = False
        markdown = self.env.get_template("pages/documents.md.j2").render(context)
        return self._page(path, label("documents", self.lang), markdown)

    def render_translations(self) -> Page:
        path = "translations.md"
        status = translation_status(self.kb)
        rows = [(label(TYPES_BY_NAME[name].folder, self.lang), status[name])
                for name in TYPE_SECTIONS["staff"] if name in status]
        context = self._helpers(path) | {"rows": rows, "languages": self.kb.config.languages,
                                         "language_name": language_name}
        self.untranslated = False
        markdown = self.env.get_template("pages/translations.md.j2").render(context)
        return self._page(path, label("translations", self.lang), markdown)

    def tool_pages(self) -> list[str]:
        """The interactive pages of this portal, in navigation order."""
        pages = [COVERED_PAGE] if self.covered_page else []
        if self.audience == "staff":
            pages.append(REPAIR_PAGE)
        return pages

    def scripts(self) -> list[str]:
        """Scripts the portal loads (MkDocs extra_javascript), all served from the portal itself."""
        scripts = [TOOL_SCRIPTS[page] for page in self.tool_pages()]
        return scripts + [REGISTER_SCRIPT] if self.audience == "staff" else scripts

    def charter_print_links(self, href) -> Markup:
        """'Print · PDF' links to the printable charter (the PDF only when PDFs are built)."""
        links = [f"[{label('print', self.lang)}]({href(CHARTER_PRINT)})"]
        if self.with_pdf:
            links.append(f"[{label('pdf', self.lang)}]({href(CHARTER_PRINT.removesuffix('.html') + '.pdf')})")
        return Markup(" · ".join(links))

    def render_charter(self) -> Page:
        """'Our commitments': the public standards by phase, their targets in words, how to claim, the contact.

        Built from public standards only, in every portal, and only from their customer texts:
        never what staff do when a standard is missed, how it is measured or who owns it."""
        path = CHARTER_PAGE
        helpers = self._helpers(path)
        groups = charter_groups(charter_standards(self.kb), self.lang, self.default_lang)
        context = helpers | {"groups": groups, "target_words": lambda target: target_words(target, self.lang),
                             "print_charter": self.charter_print_links(helpers["href"])}
        self.untranslated = False
        markdown = self.env.get_template("pages/charter.md.j2").render(context)
        return self._page(path, label("our_commitments", self.lang), markdown)

    def render_standards_register(self) -> Page:
        """Staff: every standard in one table (assets/register.js sorts and filters it), and its CSV."""
        path = REGISTER_PAGE
        context = self._helpers(path) | {
            "rows": register_rows(self), "html": _html, "csv_file": REGISTER_CSV,
            "target_words": lambda target: target_words(target, self.lang), "target_sort_key": target_sort_key,
            "citation_words": lambda citation: citation_words(citation, self),
            "cell_html": lambda value: Markup(" ".join(inline_markdown(self.text(value)).split("\n"))),
        }
        self.untranslated = False
        markdown = self.env.get_template("pages/standards_register.md.j2").render(context)
        return self._page(path, label("register", self.lang), markdown)

    def render_covered(self) -> Page:
        """'Am I covered?': a form, the table as JSON (this audience's rules only) and the texts covered.js shows.

        The evaluation runs in the browser (assets/covered.js mirrors ``decide``); nothing from
        content becomes HTML there: the script sets textContent. A public table that leaves out
        staff rules (``complete`` False) is not embedded: the page tells the reader to call.
        """
        path = COVERED_PAGE
        helpers = self._helpers(path)
        document = table_document(build_table(self.kb), self.audience)
        labels = document["labels"][self.lang]
        used_facts = [name for name in FACTS if any(rule[name] != "any" for rule in document["rules"])]
        links = {rule["id"]: _html(helpers["href"](page_path(self.visible[rule["id"]])))
                 for rule in document["rules"] if rule["id"] in self.visible}
        keys = ["result", "result.covered", "result.not_covered", "result.undecided", "result.undecided_body",
                "result.age", "result.age_one", "result.rule", "result.sat_confirms", "result.contact",
                "result.other_channels", "when_it_applies", "remedies", "who_pays", "products_concerned", "causes",
                "age", "age.any", "age.under", "age.between", "age.from", "applies_from", "free_call", "phone",
                "covered_incomplete", "error.product", "error.date", "error.future", "error.cause", "category",
                *(f"fact.{name}.{value}" for name in FACTS for value in ("true", "false"))]
        company = self.kb.config.company
        ui = {
            "lang": self.lang,
            "text": {key: label(key, self.lang) for key in keys},
            "links": links,
            "phone": company.phone,
            "tel": tel_uri(company.phone) if company.phone else None,
            "phone_is_free": company.phone_is_free,
            "show_category": self.audience == "staff",
        }
        context = helpers | {
            "document": document,
            "document_json": script_json(document) if document["complete"] else None,
            "ui_json": script_json(ui),
            "products": sorted(((product, labels["product"][product]) for product in document["inputs"]["product"]),
                               key=lambda pair: pair[1].casefold()),
            "causes": document["inputs"]["cause"],
            "facts": used_facts,
        }
        self.untranslated = False
        markdown = self.env.get_template("pages/covered.md.j2").render(context)
        return self._page(path, label("covered_tool", self.lang), markdown)

    def render_repair_or_replace(self) -> Page:
        """The staff calculator: the warehouse rule with the rate, travel and threshold of site_config.yml."""
        path = REPAIR_PAGE
        settings = self.kb.config.repair_or_replace
        keys = ["rr.parts", "rr.hours", "rr.rate", "rr.travel", "rr.replacement", "rr.labour", "rr.repair_cost",
                "rr.limit", "rr.share", "rr.repair", "rr.replace", "rr.why_repair", "rr.why_replace",
                "rr.error_number", "rr.error_replacement", "result"]
        ui = {"lang": self.lang, "text": {key: label(key, self.lang) for key in keys},
              **settings.model_dump(mode="json")}
        context = self._helpers(path) | {"settings": settings, "ui_json": script_json(ui),
                                         "threshold": percent(settings.threshold, self.lang)}
        self.untranslated = False
        markdown = self.env.get_template("pages/repair_or_replace.md.j2").render(context)
        return self._page(path, label("repair_tool", self.lang), markdown)

    def sections(self) -> list[tuple[str, str, list[Item]]]:
        """(type name, section title, items) for every non-empty type section of this portal."""
        out = []
        for type_name in TYPE_SECTIONS[self.audience]:
            items = [item for item in self.items if item.type == type_name]
            if items:
                items.sort(key=lambda item: item.title(self.lang, self.default_lang).casefold())
                out.append((type_name, label(TYPES_BY_NAME[type_name].folder, self.lang), items))
        return out

    def render_all(self, only: set[str] | None = None, listings: bool = True) -> list[Page]:
        """Every page of the portal; with ``only``, item pages just for those ids, and without
        ``listings`` no home, index or staff summary pages (``serve``, see :func:`shown_elsewhere`)."""
        with paused_garbage_collector():
            pages = [self.render_home()] if listings else []
            for type_name, _, items in self.sections():
                if listings:
                    pages.append(self.render_index(type_name))
                pages.extend(self.render_item(item) for item in items if only is None or item.id in only)
            if listings:
                # The tools show every warranty rule and site_config.yml: listings, like the home page.
                renderers = {COVERED_PAGE: self.render_covered, REPAIR_PAGE: self.render_repair_or_replace}
                pages.extend(renderers[path]() for path in self.tool_pages())
                pages.append(self.render_charter())
            if self.audience == "staff" and listings:
                pages.append(self.render_coverage())
                pages.append(self.render_standards_register())
                pages.append(self.render_documents())
                pages.append(self.render_translations())
                pages.extend(render_compliance_pages(self))
        return pages

    def page_paths(self) -> set[str]:
        """The paths of every page of this portal (to remove pages of deleted items)."""
        paths = {"index.md", *(f"{TYPES_BY_NAME[t].folder}/index.md" for t, _, _ in self.sections())}
        paths.update(page_path(item) for item in self.items)
        paths.update(self.tool_pages())
        paths.add(CHARTER_PAGE)
        if self.audience == "staff":
            paths.update({"coverage.md", REGISTER_PAGE, "documents.md", "translations.md"})
        paths.update(compliance_page_paths(self))
        return paths

    def navigation(self) -> list:
        """MkDocs ``nav``: home, one section per type (index first), staff extras."""
        nav: list = [{label("home", self.lang): "index.md"}]
        titles = {COVERED_PAGE: label("covered_tool", self.lang), REPAIR_PAGE: label("repair_tool", self.lang)}
        nav.extend({titles[path]: path} for path in self.tool_pages())
        nav.append({label("our_commitments", self.lang): CHARTER_PAGE})
        for type_name, title, items in self.sections():
            folder = TYPES_BY_NAME[type_name].folder
            entries: list = [f"{folder}/index.md"]
            links = [{item.title(self.lang, self.default_lang): page_path(item)} for item in items]
            entries.extend(nav_groups(links))
            nav.append({title: entries})
        if self.audience == "staff":
            nav.append({label("coverage", self.lang): "coverage.md"})
            nav.append({label("register", self.lang): REGISTER_PAGE})
            nav.append({label("documents", self.lang): "documents.md"})
            nav.append({label("translations", self.lang): "translations.md"})
        nav.extend(compliance_navigation(self))
        return nav


def _html(markdown_path: str) -> str:
    """The address MkDocs gives a page (``use_directory_urls: false``), for links scripts build."""
    return markdown_path[:-3] + ".html" if markdown_path.endswith(".md") else markdown_path


def percent(share: float, lang: str) -> str:
    """0.5 → '50 %' (Catalan, Spanish), '50%' (English): the threshold in the page's text."""
    number = f"{share * 100:.2f}".rstrip("0").rstrip(".")
    if lang != "en":
        number = number.replace(".", ",")
    return f"{number}%" if lang == "en" else f"{number}\u00a0%"


NAV_GROUP_SIZE = 50
"""Most links one navigation level lists: Material renders the open level's links on every page
of it, so a flat section of 3,500 guides makes the build quadratic (and the menu unusable)."""

NAV_GROUPS_PER_LEVEL = 10
"""Most groups one level lists before they are grouped in turn. With prune, a page's menu holds
the open path only: at most 50 links + 10 groups per level + the top groups, so it stays about
the same size from 1,000 to 10,000 items (flat groups: 35 group names more on every guide page
at 10,000, 20 KB more HTML per page, MkDocs' time per page up by a fifth)."""


def nav_groups(links: list[dict[str, str]]) -> list[dict]:
    """The links as they are when they fit in one level; else runs of at most NAV_GROUP_SIZE
    links named 'first title – last title', and while a level has more than
    NAV_GROUPS_PER_LEVEL groups, runs of them become groups of their own. Runs are even
    (51 links: 26 + 25, not 50 + 1)."""
    if len(links) <= NAV_GROUP_SIZE:
        return links
    level = [(run, run[0], run[-1]) for run in _even_runs(links, NAV_GROUP_SIZE)]
    while len(level) > NAV_GROUPS_PER_LEVEL:
        level = [([_named(*entry) for entry in run], run[0][1], run[-1][2])
                 for run in _even_runs(level, NAV_GROUPS_PER_LEVEL)]
    return [_named(*entry) for entry in level]


def _even_runs(entries: list, most: int) -> list[list]:
    count = -(-len(entries) // most)
    bounds = [len(entries) * number // count for number in range(count + 1)]
    return [entries[bounds[number]:bounds[number + 1]] for number in range(count)]


def _named(children: list, first: dict[str, str], last: dict[str, str]) -> dict[str, list]:
    return {f"{_shortened(next(iter(first)))} – {_shortened(next(iter(last)))}": children}


def _shortened(title: str, width: int = 24) -> str:
    return title if len(title) <= width else title[:width - 1].rstrip() + "…"


def render_pages(kb: KnowledgeBase, audience: str, lang: str) -> list[Page]:
    """Entry point of the render stage."""
    return PortalRenderer(kb, audience, lang).render_all()


__all__ = ["AUDIENCES", "Page", "PortalRenderer", "page_path", "render_pages", "shown_elsewhere"]
