"""Translations: every text in every configured language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.analyse.translations import untranslated
from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.translations import TEXT_MISSING_TRANSLATION
from generator.load.schema import format_loc

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase


def check_translations(kb: KnowledgeBase) -> list[Diagnostic]:
    """One warning per item and missing language, at the first untranslated text."""
    languages = tuple(kb.config.languages)
    diagnostics = []
    for item in kb.items:
        for lang, missing in untranslated(item, languages).items():
            if not missing:
                continue
            fields = ", ".join(format_loc(loc) for loc in missing[:5]) + (", ..." if len(missing) > 5 else "")
            diagnostics.append(Diagnostic.at(
                item, missing[0], TEXT_MISSING_TRANSLATION,
                f"{len(missing)} of {len(item.texts)} texts are not translated into '{lang}' ({fields})"))
    return diagnostics
