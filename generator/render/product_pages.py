"""What a product family's page shows besides the family itself, and its 'Error codes' page.

Customers search for the code on their appliance's display ("E21"). Each family with codes gets
a page listing them, one heading per code: its anchor (``#code-e21``), so a link goes straight
to it, and the place search weighs as the page's subject. The page is linked from the product
page, whose short table sends each code there, and comes right after it in the navigation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from generator.model.items import TABLE_FLAGS
from generator.model.registry import TYPES_BY_NAME
from generator.render.page_spec import PageSpec, Section
from generator.render.portal import page_path

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.model.items import ErrorCode
    from generator.render.portal import PageScope, Portal


def error_codes_page(item: Item) -> str:
    """The path of a product family's 'Error codes' page: ``products/<id>-error-codes.md``."""
    return f"{item.content_type.folder}/{item.id}-error-codes.md"


@dataclass(frozen=True)
class CodeRow:
    """One error code as the pages show it."""

    entry: ErrorCode
    anchor: str
    """The id of its heading on the 'Error codes' page: ``code-`` and the code's key (``code-e21``)."""
    heading: str
    """The code as the display shows it, and as typed without separators when that differs
    ("F-05 (F05)"): search finds a code by the words of its spelling, so both are written."""
    guide: str | None
    """The guide to follow, when this portal shows it."""


def code_rows(portal: Portal, item: Item) -> list[CodeRow]:
    rows = []
    for entry in item.model.error_codes:
        compact = "".join(character for character in entry.code if character.isalnum())
        heading = entry.code if compact == entry.code else f"{entry.code} ({compact})"
        guide = entry.guide if entry.guide in portal.visible else None
        rows.append(CodeRow(entry, f"code-{entry.key}", heading, guide))
    return rows


def error_codes(portal: Portal) -> Iterator[PageSpec]:
    """An 'Error codes' page per product family of the portal that lists codes."""
    section = Section("product", portal.label(TYPES_BY_NAME["product"].folder))
    for item in portal.sorted_by_title(portal.items_of("product")):
        if item.model.error_codes:
            title = portal.label("error_codes_of").replace("{product}", item.title(portal.lang, portal.default_lang))
            yield PageSpec(error_codes_page(item), title, partial(render_error_codes, item=item, title=title),
                           section=section, item=item, nav_after=page_path(item))


def render_error_codes(scope: PageScope, item: Item, title: str) -> str:
    return scope.render("pages/error_codes.md.j2", item=item, model=item.model, title=title,
                        codes=code_rows(scope.portal, item))


def product_context(scope: PageScope, item: Item) -> dict[str, Any]:
    """The family's guides grouped by symptom, its codes and what the warranty gives, in a sentence."""
    portal = scope.portal
    by_symptom: dict[str, list[Item]] = {}
    for guide in portal.sorted_by_title(portal.referrers(item.id, "guide")):
        by_symptom.setdefault(scope.text(guide.model.symptom), []).append(guide)
    return {
        "guides_by_symptom": list(by_symptom.items()),
        "codes": code_rows(portal, item),
        "error_codes_page": error_codes_page(item) if item.model.error_codes else None,
        "warranty": _warranty(portal, item),
    }


def _warranty(portal: Portal, item: Item) -> tuple[Item, int] | None:
    """The visible warranty rule covering a manufacturing defect of the family from delivery, with
    no other condition, that lasts longest; and its months."""
    best: tuple[Item, int] | None = None
    for rule in portal.items_of("warranty"):
        model = rule.model
        if (item.id in model.products and model.covered and "manufacturing_defect" in model.causes
                and model.from_month == 0 and model.to_month is not None
                and all(getattr(model, flag) == "any" for flag in TABLE_FLAGS)
                and (best is None or model.to_month > best[1])):
            best = (rule, model.to_month)
    return best
