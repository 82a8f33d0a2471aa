"""Interface words of the portal pages, per language (the content brings its own texts).

The words live in gettext catalogs (:mod:`generator.i18n.catalogs`); ``label(key, lang)`` is the
shipped word, ``label(key, lang, project_root)`` lets a knowledge base's own catalog win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.i18n.catalogs import messages

if TYPE_CHECKING:
    from pathlib import Path

LANGUAGE_NAMES = {
    "ca": "Català", "es": "Español", "en": "English", "fr": "Français", "de": "Deutsch", "it": "Italiano",
    "pt": "Português", "eu": "Euskara", "gl": "Galego", "oc": "Occitan", "nl": "Nederlands",
}
"""Each language by its own name, for the language switcher and the redirect page."""


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code.upper())


def label(key: str, lang: str, project_root: Path | None = None) -> str:
    """The interface word for ``key`` in ``lang``; English for a message the language's catalogs lack."""
    return messages(lang, project_root)(key)


@dataclass(frozen=True)
class Words:
    """One language's interface words (a knowledge base's own catalog first, when given)."""

    lang: str
    project_root: Path | None = None

    def label(self, key: str) -> str:
        return label(key, self.lang, self.project_root)
