"""The standards as customers and auditors read them: the service charter and the standards register.

The charter ("Our commitments") shows public standards only, and of them only what a customer
may read: the commitment, its target in words and how to claim. The register (staff portals)
shows every standard with everything an auditor needs, as a page and as a CSV file for
spreadsheets. Pure: nothing is written here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.analyse.durations import duration_minutes
from generator.i18n.labels import label
from generator.load.knowledge_base import step_numbers
from generator.model.fields import PHASES

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.render.pages import PortalRenderer

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

SINGULAR_UNITS = frozenset({"minutes", "hours", "working_hours", "days", "working_days", "weeks", "months", "years",
                            "euros"})
"""Units with a singular label (``unit.one.*``), for '1 month' rather than '1 months'."""

FORMULA_STARTS = ("=", "+", "-", "@")
"""A spreadsheet reads a cell starting with one of these as a formula (CSV injection)."""


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


def value_words(target, lang: str) -> str:
    """'4 hours', '1 month', '95 %': the value and its unit, singular for one, in ``lang``."""
    key = f"unit.one.{target.unit}" if target.value == 1 and target.unit in SINGULAR_UNITS else f"unit.{target.unit}"
    return f"{target.value:g} {label(key, lang)}".strip()


def target_words(target, lang: str) -> str:
    """'at most 4 hours', 'com a mínim 100 %': the limit, the value and the unit, in ``lang``."""
    return f"{label('limit.' + target.limit, lang)} {value_words(target, lang)}"


def target_sort_key(target) -> float:
    """Durations compare by their length (a working day as 8 hours), other targets by their value."""
    duration = duration_minutes(target)
    return duration[1] if duration else target.value


@dataclass(frozen=True)
class Citation:
    """A procedure step that must meet a standard."""

    procedure: Item
    phase: str
    number: int


def citations(kb: KnowledgeBase, standard_id: str, visible: dict[str, Item]) -> list[Citation]:
    """The visible procedure steps citing ``standard_id``, each step once, in knowledge-base order."""
    found: dict[tuple[str, int], Citation] = {}
    for ref in kb.referrers_of(standard_id):
        source = ref.source
        if source.type != "procedure" or source.id not in visible or ref.loc[0] != "steps":
            continue
        _, phase, index, field, *_ = ref.loc
        if field != "standards":
            continue
        number = step_numbers(source)[0][(phase, index)]
        found.setdefault((source.id, number), Citation(source, phase, number))
    return list(found.values())


@dataclass(frozen=True)
class RegisterRow:
    """One standard as the register shows it."""

    item: Item
    owner: str
    """Id of the role responsible for meeting it."""
    citations: list[Citation]


def register_rows(renderer: PortalRenderer) -> list[RegisterRow]:
    """Every standard of the portal, by title."""
    standards = [item for item in renderer.items if item.type == "standard"]
    standards.sort(key=lambda item: item.title(renderer.lang, renderer.default_lang).casefold())
    return [RegisterRow(item, item.model.responsible, citations(renderer.kb, item.id, renderer.visible))
            for item in standards]


def citation_words(citation: Citation, renderer: PortalRenderer) -> str:
    """'Warranty repair · step 3'."""
    return f"{renderer.title_of(citation.procedure.id)} · {label('step', renderer.lang).lower()} {citation.number}"


def register_csv(renderer: PortalRenderer) -> str:
    """The register as CSV for spreadsheets: UTF-8 with a BOM (Excel's cue), RFC 4180 quoting, CRLF.

    One row per standard, the citing steps joined in one cell; headers and words in the portal's
    language. A cell that a spreadsheet would run as a formula gets a leading apostrophe.
    """
    lang = renderer.lang
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    headers = ["id", "standard", "commitment", "target", "owner", "indicator", "frequency", "register.cited_by",
               "when_missed", "register.audience"]
    writer.writerow([_cell(label(key, lang) if key != "id" else "id") for key in headers])
    organisation = label("register.organisation", lang)
    for row in register_rows(renderer):
        model = row.item.model
        cited = "; ".join(citation_words(citation, renderer) for citation in row.citations)
        if not cited and model.applies_to == "organisation":
            cited = organisation
        writer.writerow([_cell(value) for value in (
            row.item.id, renderer.text(model.title), renderer.text(model.commitment), target_words(model.target, lang),
            renderer.title_of(row.owner), renderer.text(model.measurement.indicator),
            label("freq." + model.measurement.frequency, lang), cited, renderer.text(model.when_missed),
            label("register.audience." + model.audience, lang),
        )])
    renderer.untranslated = False  # the CSV has no notice to show; the page says it
    return "\ufeff" + buffer.getvalue()


def _cell(value: str) -> str:
    """One line of text, neutralised against formula injection."""
    text = " ".join(value.split())
    return "'" + text if text.startswith(FORMULA_STARTS) else text
