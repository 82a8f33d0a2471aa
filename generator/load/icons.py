"""Icons drawn inline from Material for MkDocs' own set (its ``.icons`` folder: Material Design
Icons, Font Awesome, Octicons, Simple Icons), the same files its ``:material-…:`` emoji read.

Inline SVG: no font and nothing fetched, sized by CSS, hidden from screen readers (the text
beside an icon says what it means).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

ICON_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+")
"""A path inside the set as Material spells it: ``material/washing-machine``, ``fontawesome/solid/phone``."""


@lru_cache(maxsize=1)
def _icon_folder() -> Path | None:
    try:
        import material
    except ImportError:
        return None
    return Path(material.__file__).parent / "templates" / ".icons"


def icon_exists(name: str) -> bool:
    folder = _icon_folder()
    return bool(folder and ICON_NAME.fullmatch(name) and (folder / f"{name}.svg").is_file())


@lru_cache(maxsize=256)
def icon_svg(name: str, css_class: str = "as-icon") -> Markup:
    """The icon as an inline ``<svg>`` (empty when the theme has no such icon)."""
    if not icon_exists(name):
        return Markup("")
    svg = (_icon_folder() / f"{name}.svg").read_text(encoding="utf-8").strip()
    if not svg.startswith("<svg") or "<script" in svg.lower():
        return Markup("")
    return Markup(svg.replace("<svg", f'<svg class="{css_class}" aria-hidden="true" focusable="false"', 1))
