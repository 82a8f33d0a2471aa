"""The theme's own words (search, the language menu, "skip to content") for any language.

Material for MkDocs ships its words in many languages (``partials/languages/<lang>.html``), but
not in every one a company may use (Occitan, say): for those, the portal gets a partial of its
own that names the language (so ``<html lang>`` and screen readers are right) and borrows
Material's English words, as Material's documentation does for a custom language.
"""

from __future__ import annotations

from pathlib import Path

import material

THEME_LANGUAGES = Path(material.__file__).resolve().parent / "templates" / "partials" / "languages"


def theme_knows(lang: str) -> bool:
    return (THEME_LANGUAGES / f"{lang}.html").is_file()


def fallback_partial(lang: str) -> str:
    """``partials/languages/<lang>.html`` for a language the theme does not know."""
    return ('{% import "partials/languages/en.html" as english %}\n'
            '{% macro t(key) %}{{ {"language": "' + lang + '"}[key] or english.t(key) }}{% endmacro %}\n')
