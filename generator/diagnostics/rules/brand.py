"""The company's brand in site_config.yml (detected by generator/validate/brand.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

BRAND_LOW_CONTRAST = Rule(
    "brand.low-contrast", "error",
    "The header text colour on the brand's primary colour is below the 4.5:1 contrast WCAG AA needs for text.",
    "The portals' header (the site name, the language switcher, the search) and the printables' header"
    " show their text on brand.primary. Below 4.5:1 many readers cannot read it (low vision, a phone in"
    " the sun, a grey printout), and the portal would fail the accessibility checks it is held to.",
    example="""
        # site_config.yml
        brand:
          primary: "#ffdd00"
          accent: "#c64600"
          header_text: "#ffffff"
    """,
    fix="Choose a darker primary, or set brand.header_text to a colour that contrasts with it (or leave"
        " header_text out: the portal then picks white or near-black, whichever reads better).",
    fixed="""
        # site_config.yml
        brand:
          primary: "#ffdd00"
          accent: "#c64600"
          header_text: "#212121"
    """,
)

RULES = [BRAND_LOW_CONTRAST]
