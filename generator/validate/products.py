"""Product families: each error code once per family, pointing to a guide for the family; an icon
the theme has.

A guide that does not exist, or a staff guide named by a public product, is reported by the
reference checks (``error_codes[*].guide`` is a ``GuideRef``); a code with neither a guide nor
``call_us`` is fine: its ``customer_action`` says all there is to do (close the door).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.products import (
    PRODUCT_DUPLICATE_ERROR_CODE,
    PRODUCT_ERROR_CODE_GUIDE_ELSEWHERE,
    PRODUCT_UNKNOWN_ICON,
)
from generator.load.icons import icon_exists
from generator.load.schema import format_loc

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase


def check_products(kb: KnowledgeBase) -> list[Diagnostic]:
    diagnostics = []
    for item in kb.of_type("product"):
        if item.model.icon and not icon_exists(item.model.icon):
            diagnostics.append(Diagnostic.at(
                item, ("icon",), PRODUCT_UNKNOWN_ICON,
                f"icon: the Material theme has no icon '{item.model.icon}'; its card shows the default icon"))
        first: dict[str, tuple[int, str]] = {}
        for number, entry in enumerate(item.model.error_codes):
            loc = ("error_codes", number)
            earlier = first.setdefault(entry.key, (number, entry.code))
            if earlier[0] != number:
                line = item.position(("error_codes", earlier[0], "code"))[0]
                same = "the same code" if earlier[1] == entry.code else f"the same code written '{earlier[1]}'"
                diagnostics.append(Diagnostic.at(
                    item, loc + ("code",), PRODUCT_DUPLICATE_ERROR_CODE,
                    f"{format_loc(loc + ('code',))}: the error code '{entry.code}' is listed already (line {line} has"
                    f" {same}); keep one entry per code"))
            guide = kb.get(entry.guide) if entry.guide else None
            if guide is not None and guide.type == "guide" and item.id not in guide.model.products:
                diagnostics.append(Diagnostic.at(
                    item, loc + ("guide",), PRODUCT_ERROR_CODE_GUIDE_ELSEWHERE,
                    f"{format_loc(loc + ('guide',))}: the guide '{guide.id}' is for "
                    f"{', '.join(guide.model.products)}, not for '{item.id}'; point the code to a guide for this"
                    " family, or add the family to the guide's products"))
    return diagnostics
