"""The home page of each portal: a front door, not a table of contents.

Customers come with a product and a symptom (often a code on the display) and want a fix they
can do safely or the quickest way to a person: the public home opens on a large search field, the
phone, the product families and the top tasks. Staff come to do today's work: the staff home
opens on what each role takes part in, the documents overdue for review and the standards whose
measurements are flagged. The sections of every content type follow, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from generator.analyse.documents import review_date_status
from generator.load.icons import icon_exists, icon_svg
from generator.render.compliance_pages import standard_page
from generator.render.help_pages import has_request
from generator.render.item_pages import sections
from generator.render.page_spec import PageSpec

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import PageScope, Portal

QUICK_FIXES = 6
"""Guides the public home shows: the quickest easy ones first."""
DEFAULT_PRODUCT_ICON = "material/tools"
"""The card's icon of a product family that names none (``icon:``, from Material's own set)."""


@dataclass(frozen=True)
class ProductCard:
    item: Item
    icon: str
    guides: int


def home(portal: Portal) -> Iterator[PageSpec]:
    yield PageSpec("index.md", portal.label("home"), partial(_render_home, sections=sections(portal)),
                   scripts=(PORTAL_SCRIPT,))


PORTAL_SCRIPT = "assets/portal.js"
"""Loaded by every page of every portal: the language switcher keeps the page's #anchor."""


def _render_home(scope: PageScope, sections: list) -> str:
    portal = scope.portal
    context = _public_context(portal) if portal.audience == "public" else _staff_context(portal)
    return scope.render(f"pages/home_{portal.audience}.md.j2", sections=sections, icon=icon_svg, **context)


def product_icon(item: Item) -> str:
    icon = item.model.icon
    return icon if icon and icon_exists(icon) else DEFAULT_PRODUCT_ICON


def _public_context(portal: Portal) -> dict:
    guides = portal.items_of("guide")
    cards = [ProductCard(product, product_icon(product),
                         sum(product.id in guide.model.products for guide in guides))
             for product in portal.items_of("product")]
    quick = sorted((guide for guide in guides if guide.model.difficulty == "easy"),
                   key=lambda guide: (guide.model.time_minutes, guide.id))[:QUICK_FIXES]
    return {"products": cards, "quick_fixes": quick, "phone": _phone(portal), "request_page": has_request(portal)}


def _phone(portal: Portal) -> dict | None:
    """The number to call, whether it is free, and its hours (the phone channel's, else the company's)."""
    company = portal.kb.config.company
    channels = [channel for channel in company.channels if channel.kind == "phone"]
    number = company.phone or (channels[0].value if channels else None)
    if not number:
        return None
    channel = next((channel for channel in channels if channel.value == number), None)
    return {"number": number, "free": company.phone_is_free or bool(channel and channel.free),
            "hours": (channel.hours if channel and channel.hours else None)}


def _staff_context(portal: Portal) -> dict:
    analysis = portal.analysis
    visible = portal.visible
    roles = []
    for role in portal.items_of("role"):
        procedures: dict[str, Item] = {}
        for ref in analysis.steps_naming(role.id, "role"):
            if ref.procedure.id in visible:
                procedures.setdefault(ref.procedure.id, ref.procedure)
        roles.append((role, list(procedures.values())))
    config = portal.kb.config
    overdue = sorted((item for item in portal.items
                      if review_date_status(item.model.document, portal.today, config.review_warning_days) == "overdue"),
                     key=lambda item: (item.model.document.next_review, item.file))
    flagged = [result for result in (analysis.compliance or ()) if result.flagged and result.standard in visible]
    return {"roles": roles, "overdue": overdue, "flagged": flagged,
            "compliance_page": standard_page}
