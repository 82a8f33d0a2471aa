"""The procedures manual (staff portals): every procedure in one controlled document, for audits.

A page (``manual.md``: the edition, the contents, links to the print view and the PDF) and its
printable ``print/manual.html`` (turned into ``print/manual.pdf`` and cached like every other
PDF): a cover (company, title, edition, date of the build), the revision table (every
procedure's ``document.history`` and its current version, newest first), the contents with page
numbers, each procedure by service category (purpose, trigger, the four-lane diagram, the steps
with their roles, forms, standards and decisions, as the checklist prints them), and an index of
roles: who performs which step, on which page. Running headers and footers carry the title, the
edition and "page N of M" in the portal's language.

The edition is the latest approval date among the procedures: approving a new version of any of
them makes a new edition. The build date is the day the portal is built (the day review dates
are judged against), so the PDF is rendered again on the first build of a day and reused from
the cache after that. Pure: nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.load.knowledge_base import run_order, step_numbers, step_runs
from generator.model.fields import PHASES
from generator.render.diagram import phase_lanes_svg
from generator.render.page_spec import PageSpec
from generator.render.printables import Printable, print_context

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import PageScope, Portal

MANUAL_PAGE = "manual.md"
"""The manual's page in the staff portals: edition, contents, 'Print · PDF'."""
MANUAL_PRINT = "print/manual.html"
"""The manual's print view (the PDF sits beside it)."""

CATEGORIES = ("A", "B", "C", "D")
"""Service categories, in the manual's order: A paid, B contract, C free (warranty), D internal."""


@dataclass(frozen=True)
class Chapter:
    """One procedure in the manual: its number ('C.2'), its anchor and its numbered steps."""

    number: str
    item: Item
    anchor: str
    step_numbers: dict[tuple[str, int], int]
    step_numbers_by_id: dict[str, int]
    runs: list[tuple[str, list[tuple[int, object]]]]
    """The numbered steps in the order the case runs, by consecutive runs of a phase."""

    def step_anchor(self, number: int) -> str:
        return f"{self.anchor}-step-{number}"


@dataclass(frozen=True)
class Revision:
    """One row of the revision table: a version of a procedure."""

    day: dt.date
    chapter: Chapter
    version: str
    summary: dict[str, str] | None
    """What changed, per language; None for the version in force (its approver is shown)."""


@dataclass(frozen=True)
class RoleSteps:
    """A role of the index and the steps it performs, as (chapter, step number, step)."""

    role: str
    steps: list[tuple[Chapter, int, object]] = field(default_factory=list)


def manual(portal: Portal) -> Iterator[PageSpec]:
    """Staff portals with procedures: the manual's page and its print view (and PDF)."""
    if portal.audience == "staff" and portal.items_of("procedure"):
        yield PageSpec(MANUAL_PAGE, portal.label("manual.title"), render_manual,
                       printable=render_manual_printable)


def categories(portal: Portal) -> list[tuple[str, list[Chapter]]]:
    """The procedures by service category (A to D, empty ones left out), by title within each,
    numbered 'A.1', 'A.2'... as the manual's headings and contents show them."""
    grouped: dict[str, list[Item]] = {key: [] for key in CATEGORIES}
    for item in portal.items_of("procedure"):
        grouped[item.model.category].append(item)
    result = []
    for key, items in grouped.items():
        chapters = []
        for index, item in enumerate(portal.sorted_by_title(items), start=1):
            numbers, numbers_by_id = step_numbers(item)
            chapters.append(Chapter(f"{key}.{index}", item, f"proc-{item.id}", numbers, numbers_by_id,
                                    step_runs(item)))
        if chapters:
            result.append((key, chapters))
    return result


def edition(portal: Portal) -> dt.date | None:
    """The manual's edition: the latest approval date among the procedures it holds."""
    return max((item.model.document.approved for item in portal.items_of("procedure")), default=None)


def revisions(chapters: list[Chapter]) -> list[Revision]:
    """Every procedure's current version and its history, newest first (then by chapter)."""
    rows = []
    for chapter in chapters:
        control = chapter.item.model.document
        rows.append(Revision(control.approved, chapter, control.version, None))
        rows.extend(Revision(record.date, chapter, record.version, record.summary) for record in control.history)
    order = {chapter.anchor: position for position, chapter in enumerate(chapters)}
    rows.sort(key=lambda row: (-row.day.toordinal(), order[row.chapter.anchor], row.summary is not None))
    return rows


def role_index(portal: Portal, chapters: list[Chapter]) -> list[RoleSteps]:
    """Each role named by a step, by title, with the steps it performs in manual order (by chapter,
    then in the order the case runs)."""
    roles: dict[str, RoleSteps] = {}
    for chapter in chapters:
        for phase, index, step in run_order(chapter.item.model):
            roles.setdefault(step.role, RoleSteps(step.role)).steps.append(
                (chapter, chapter.step_numbers[(phase, index)], step))
    return sorted(roles.values(), key=lambda entry: portal.title_of(entry.role).casefold())


_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character but ASCII letters and digits as a
    six-digit hexadecimal escape (spaces too: CSS swallows a space after an escape), so no word of
    a catalog can end the string, the rule or the style element."""
    return '"' + "".join(char if char.isascii() and char.isalnum() else f"\\{ord(char):06x}" for char in text) + '"'


def page_of_content(words: str) -> str:
    """A CSS ``content`` value for 'Page {page} of {pages}' in any word order."""
    parts = []
    for position, piece in enumerate(_PLACEHOLDER.split(words)):
        if position % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts) or 'counter(page) " / " counter(pages)'


def render_manual(scope: PageScope) -> str:
    portal = scope.portal
    return scope.render("pages/manual.md.j2", groups=categories(portal), edition=edition(portal),
                        print_manual=portal.print_links(MANUAL_PRINT, scope.href))


DIAGRAM_SLICE = 560
"""The tallest piece of a diagram on A4, in SVG units (about 130 mm at the page's width): a long
procedure's diagram goes on over the next pages in pieces cut between rows, instead of being cut
at the page's foot, and the first piece fits under the procedure's facts."""


def render_manual_printable(portal: Portal) -> Printable:
    """The manual on A4: cover, revision table, contents, the procedures by category, the role index."""
    groups = categories(portal)
    chapters = [chapter for _, members in groups for chapter in members]
    required = portal.kb.config.required_phases
    diagrams = {chapter.anchor: Markup(phase_lanes_svg(chapter.item.model, portal.text, portal.label, portal.title_of,
                                                       required, step_anchor=f"{chapter.anchor}-step-",
                                                       slice_height=DIAGRAM_SLICE, printed=True))
                for chapter in chapters}
    base = portal.published_base()
    context = print_context(portal) | {
        "groups": groups, "revisions": revisions(chapters), "roles": role_index(portal, chapters),
        "diagrams": diagrams, "edition": edition(portal), "built": portal.today, "phases": PHASES,
        "page_of": Markup(page_of_content(portal.label("manual.page_of"))),
        "page_url": base + "manual.html" if base else None,
    }
    html = portal.printable_env.get_template("print/manual.html.j2").render(context)
    return Printable(None, MANUAL_PRINT, html)
