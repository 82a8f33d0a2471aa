"""Translations: every text in every configured language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.validate.codes import rule
from generator.validate.diagnostics import Diagnostic
from generator.validate.schema import format_loc

if TYPE_CHECKING:
    from generator.knowledge_base import KnowledgeBase


def translation_status(kb: KnowledgeBase) -> dict[str, dict[str, tuple[int, int]]]:
    """Per content type and language: (items with every text in that language, items)."""
    status: dict[str, dict[str, tuple[int, int]]] = {}
    for item in kb.items:
        texts = [text for _, text in item.texts]
        row = status.setdefault(item.type, {lang: (0, 0) for lang in kb.config.languages})
        for lang in kb.config.languages:
            done, total = row[lang]
            row[lang] = (done + all(lang in text for text in texts), total + 1)
    return status


def missing_by_language(kb: KnowledgeBase) -> dict[str, dict[str, int]]:
    """Per language: how many items and texts lack a translation, out of how many texts."""
    summary = {lang: {"items": 0, "texts": 0, "of_texts": 0} for lang in kb.config.languages}
    for item in kb.items:
        texts = [text for _, text in item.texts]
        for lang in kb.config.languages:
            missing = sum(lang not in text for text in texts)
            entry = summary[lang]
            entry["texts"] += missing
            entry["of_texts"] += len(texts)
            entry["items"] += bool(missing)
    return summary


def check_translations(kb: KnowledgeBase) -> list[Diagnostic]:
    """One warning per item and missing language, at the first untranslated text."""
    languages = kb.config.languages
    diagnostics = []
    for item in kb.items:
        texts = item.texts
        for lang in languages:
            missing = [loc for loc, text in texts if lang not in text]
            if not missing:
                continue
            line, column = item.position(missing[0])
            fields = ", ".join(format_loc(loc) for loc in missing[:5]) + (", ..." if len(missing) > 5 else "")
            diagnostics.append(Diagnostic(
                rule("text.missing-translation").severity, "text.missing-translation",
                f"{len(missing)} of {len(texts)} texts are not translated into '{lang}' ({fields})",
                item.file, line, column, item.id))
    return diagnostics
