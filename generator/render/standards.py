"""The standards as customers and auditors read them: the service charter and the standards register.

The charter ("Our commitments") shows public standards only, and of them only what a customer
may read: the commitment, its target in words and how to claim. The register (staff portals)
shows every standard with everything an auditor needs, as a page and as a CSV file for
spreadsheets. Pure: nothing is written here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.analyse.durations import duration_minutes
from generator.model.fields import PHASES
from generator.render.page_spec import Download, PageSpec
from generator.render.portal import script_address
from generator.render.printables import (
    Printable,
    inline_markdown,
    print_context,
)
from generator.render.words import target_words
from generator.text.spreadsheet import one_line_cell

if TYPE_CHECKING:
    from generator.analyse.citations import StepRef
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.render.portal import PageScope, Portal

CHARTER_PAGE = "charter.md"
"""'Our commitments': every portal, every language."""
CHARTER_PRINT = "print/charter.html"
"""The charter's print view (the PDF sits beside it)."""
REGISTER_PAGE = "standards-register.md"
"""The staff standards register, sortable and filterable with assets/register.js."""
REGISTER_CSV = "standards-register.csv"
REGISTER_SCRIPT = "assets/register.js"

CHARTER_GROUPS = ("any", *PHASES)
"""Charter sections: standards for any phase first, then by the first phase a standard applies to."""


def charter(portal: Portal) -> Iterator[PageSpec]:
    """'Our commitments': every portal, every language, with its print view."""
    yield PageSpec(CHARTER_PAGE, portal.label("our_commitments"), render_charter,
                   printable=render_charter_printable)


def register(portal: Portal) -> Iterator[PageSpec]:
    """Staff: every standard in one table (assets/register.js sorts and filters it), and its CSV."""
    if portal.audience == "staff":
        yield PageSpec(REGISTER_PAGE, portal.label("register"), render_register,
                       downloads=(Download(REGISTER_CSV, register_csv, newline=""),), scripts=(REGISTER_SCRIPT,))


def render_charter(scope: PageScope) -> str:
    """The public standards by phase, their targets in words, how to claim, the contact.

    Built from public standards only, in every portal, and only from their customer texts:
    never what staff do when a standard is missed, how it is measured or who owns it."""
    portal = scope.portal
    groups = charter_groups(charter_standards(portal.kb), portal.lang, portal.default_lang)
    return scope.render("pages/charter.md.j2", groups=groups,
                        target_words=lambda target: target_words(target, portal),
                        print_charter=portal.print_links(CHARTER_PRINT, scope.href))


def render_register(scope: PageScope) -> str:
    return scope.render(
        "pages/standards_register.md.j2",
        rows=register_rows(scope.portal), html=script_address, csv_file=REGISTER_CSV,
        target_words=lambda target: target_words(target, scope), target_sort_key=target_sort_key,
        citation_words=lambda citation: citation_words(citation, scope),
        cell_html=lambda value: Markup(" ".join(inline_markdown(scope.text(value)).split("\n"))),
    )


def render_charter_printable(portal: Portal) -> Printable:
    """The service charter on A4: the public standards as the charter page shows them, and the contact.

    Dated by the latest approval of the standards it shows (not the build date), so an unchanged
    charter keeps its cached PDF."""
    items = charter_standards(portal.kb)
    base = portal.published_base()
    context = print_context(portal) | {
        "groups": charter_groups(items, portal.lang, portal.default_lang),
        "target_words": lambda target: target_words(target, portal),
        "updated": max((item.model.document.approved for item in items), default=None),
        "page_url": base + "charter.html" if base else None,
    }
    html = portal.printable_env.get_template("print/charter.html.j2").render(context)
    return Printable(None, CHARTER_PRINT, html)


def charter_standards(kb: KnowledgeBase) -> list[Item]:
    """The standards the charter may show: public ones only, whatever the portal."""
    return [item for item in kb.of_type("standard") if item.is_public]


def charter_group(item: Item) -> str:
    """The charter section of a standard: the first phase it applies to in service order, else 'any'."""
    phases = item.model.phases
    return next((phase for phase in PHASES if phase in phases), "any")


def charter_groups(items: list[Item], lang: str, default_lang: str) -> list[tuple[str, list[Item]]]:
    """(group key, standards sorted by title) for every non-empty group, in CHARTER_GROUPS order."""
    grouped: dict[str, list[Item]] = {key: [] for key in CHARTER_GROUPS}
    for item in items:
        grouped[charter_group(item)].append(item)
    return [(key, sorted(members, key=lambda item: item.title(lang, default_lang).casefold()))
            for key, members in grouped.items() if members]


def target_sort_key(target) -> float:
    """Durations compare by their length (a working day as 8 hours), other targets by their value."""
    duration = duration_minutes(target)
    return duration[1] if duration else target.value


def citations(portal: Portal, standard_id: str) -> list[StepRef]:
    """The visible procedure steps citing ``standard_id``, each step once, in knowledge-base order."""
    found: dict[tuple[str, int], StepRef] = {}
    for ref in portal.analysis.steps_naming(standard_id, "standards"):
        if ref.procedure.id in portal.visible:
            found.setdefault((ref.procedure.id, ref.number), ref)
    return list(found.values())


@dataclass(frozen=True)
class RegisterRow:
    """One standard as the register shows it."""

    item: Item
    owner: str
    """Id of the role responsible for meeting it."""
    citations: list[StepRef]


def register_rows(portal: Portal) -> list[RegisterRow]:
    """Every standard of the portal, by title."""
    return [RegisterRow(item, item.model.responsible, citations(portal, item.id))
            for item in portal.sorted_by_title(portal.items_of("standard"))]


def citation_words(citation: StepRef, scope: PageScope | Portal) -> str:
    """'Warranty repair · step 3'."""
    return f"{scope.title_of(citation.procedure.id)} · {scope.label('step').lower()} {citation.number}"


def register_table(portal: Portal) -> tuple[list[str], list[list[str]]]:
    """The register as a table for spreadsheets: headers and one row of plain texts per standard,
    in the portal's language, the citing steps joined in one cell (the CSV and the XLSX export)."""
    keys = ["id", "standard", "commitment", "target", "owner", "indicator", "frequency", "register.cited_by",
            "when_missed", "register.audience"]
    headers = [portal.label(key) if key != "id" else "id" for key in keys]
    organisation = portal.label("register.organisation")
    rows = []
    for row in register_rows(portal):
        model = row.item.model
        cited = "; ".join(citation_words(citation, portal) for citation in row.citations)
        if not cited and model.applies_to == "organisation":
            cited = organisation
        rows.append([
            row.item.id, portal.text(model.title), portal.text(model.commitment), target_words(model.target, portal),
            portal.title_of(row.owner), portal.text(model.measurement.indicator),
            portal.label("freq." + model.measurement.frequency), cited, portal.text(model.when_missed),
            portal.label("register.audience." + model.audience),
        ])
    return headers, rows


def register_csv(portal: Portal) -> str:
    """The register as CSV for spreadsheets: UTF-8 with a BOM (Excel's cue), RFC 4180 quoting, CRLF.

    One row per standard, the citing steps joined in one cell; headers and words in the portal's
    language. A cell that a spreadsheet would run as a formula gets a leading apostrophe.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    headers, rows = register_table(portal)
    writer.writerow([one_line_cell(value) for value in headers])
    for row in rows:
        writer.writerow([one_line_cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()
