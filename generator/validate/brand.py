"""The brand of site_config.yml: the header's text must be readable on its primary colour."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.brand import BRAND_LOW_CONTRAST
from generator.model.config import WCAG_AA_TEXT, contrast_ratio, relative_luminance

if TYPE_CHECKING:
    from generator.load.project import Project


def shown_ratio(ratio: float) -> str:
    """The ratio as a reader checks it: two decimals, never rounded up to the 4.5 it misses."""
    shown = f"{ratio:.2f}"
    if ratio < WCAG_AA_TEXT <= float(shown):
        shown = f"{math.floor(ratio * 1000) / 1000:.3f}"
    return shown


def check_brand(project: Project) -> list[Diagnostic]:
    """brand.low-contrast at ``brand.primary``: WCAG 2.x contrast of the header text on it below 4.5:1."""
    brand = project.config.brand
    if brand is None:
        return []
    text = brand.header_colour
    ratio = contrast_ratio(brand.primary, text)
    if ratio >= WCAG_AA_TEXT:
        return []
    given = "header text" if brand.header_text else "the more readable of white and near-black,"
    shade = "darker" if relative_luminance(text) > relative_luminance(brand.primary) else "lighter"
    message = (f"brand.primary {brand.primary} with {given} {text}: contrast {shown_ratio(ratio)}:1, below the"
               f" {WCAG_AA_TEXT}:1 WCAG AA needs for text; choose a {shade} primary or set brand.header_text")
    return [Diagnostic.at(project.config_file, project.config_position(("brand", "primary")), BRAND_LOW_CONTRAST,
                          message)]
