"""The quality manager's pages (staff portals): the coverage matrix, the document register and
the translation status. All three read the analysis stage; none computes anything of its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.analyse.documents import review_date_status
from generator.analyse.translations import SETTINGS
from generator.i18n.labels import language_name
from generator.model.registry import TYPES_BY_NAME
from generator.render.item_pages import TYPE_SECTIONS
from generator.render.page_spec import PageSpec
from generator.render.standards import REGISTER_SCRIPT

if TYPE_CHECKING:
    from generator.render.portal import PageScope, Portal

COVERAGE_PAGE = "coverage.md"
DOCUMENTS_PAGE = "documents.md"
TRANSLATIONS_PAGE = "translations.md"


def coverage(portal: Portal) -> Iterator[PageSpec]:
    if portal.audience == "staff":
        yield PageSpec(COVERAGE_PAGE, portal.label("coverage"), render_coverage, scripts=(REGISTER_SCRIPT,))


def documents(portal: Portal) -> Iterator[PageSpec]:
    if portal.audience == "staff":
        yield PageSpec(DOCUMENTS_PAGE, portal.label("documents"), render_documents, scripts=(REGISTER_SCRIPT,))


def translations(portal: Portal) -> Iterator[PageSpec]:
    if portal.audience == "staff":
        yield PageSpec(TRANSLATIONS_PAGE, portal.label("translations"), render_translations)


def render_coverage(scope: PageScope) -> str:
    portal = scope.portal
    today = portal.today
    waivers = [(item, waiver, waiver.expires >= today)
               for item in portal.kb.procedures() if item.id in portal.visible for waiver in item.model.waivers]
    config = portal.kb.config
    rows = list(portal.analysis.coverage)
    used_categories = {portal.kb.get(row.procedure).model.category for row in rows}
    return scope.render("pages/coverage.md.j2", rows=rows, required=config.required_phases,
                        rules=config.coverage_rules, rules_by_id={rule.id: rule for rule in config.coverage_rules},
                        waivers=waivers, used_categories=used_categories)


def render_documents(scope: PageScope) -> str:
    """The document register: every item by next review date, with owner and status."""
    portal = scope.portal
    today = portal.today
    warning_days = portal.kb.config.review_warning_days
    changed = portal.analysis.suspects
    rows = [{"item": item, "status": review_date_status(item.model.document, today, warning_days),
             "owner": portal.visible.get(item.model.document.owner),
             "type_label": portal.label(item.content_type.folder),
             "changed": (changed or {}).get(item.id, [])}
            for item in portal.items]
    rows.sort(key=lambda row: (row["item"].model.document.next_review, row["item"].file))
    counts = {status: sum(row["status"] == status for row in rows) for status in ("overdue", "due_soon", "current")}
    counts["needs_review"] = sum(bool(row["changed"]) for row in rows)
    return scope.render("pages/documents.md.j2", rows=rows, counts=counts, today=today,
                        change_review=changed is not None)


def render_translations(scope: PageScope) -> str:
    status = scope.portal.analysis.translations
    rows = [(scope.label(TYPES_BY_NAME[name].folder), status[name]) for name in TYPE_SECTIONS["staff"] if name in status]
    if SETTINGS in status:  # coverage rules' messages, department names, company texts: counted per text
        rows.append((scope.label("translations.settings"), status[SETTINGS]))
    return scope.render("pages/translations.md.j2", rows=rows, languages=scope.portal.kb.config.languages,
                        language_name=language_name)
