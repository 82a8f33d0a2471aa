"""Translations: every text in every configured language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.analyse.translations import untranslated
from generator.diagnostics.codes import rule
from generator.diagnostics.diagnostic import Diagnostic
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
            line, column = item.position(missing[0])
            fields = ", ".join(format_loc(loc) for loc in missing[:5]) + (", ..." if len(missing) > 5 else "")
            diagnostics.append(Diagnostic(
                rule("text.missing-translation").severity, "text.missing-translation",
                f"{len(missing)} of {len(item.texts)} texts are not translated into '{lang}' ({fields})",
                item.file, line, column, item.id))
    return diagnostics
