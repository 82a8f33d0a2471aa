"""Translation status: which texts of which items lack which configured language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.model.refs import Loc


def untranslated(item: Item, languages: tuple[str, ...]) -> dict[str, list[Loc]]:
    """Per language, where the item's texts lack it (worked out once per item and language set)."""
    return item.remembered(
        ("untranslated", languages),
        lambda item: {lang: [loc for loc, text in item.texts if lang not in text] for lang in languages},
    )


def translation_status(kb: KnowledgeBase) -> dict[str, dict[str, tuple[int, int]]]:
    """Per content type and language: (items with every text in that language, items)."""
    languages = tuple(kb.config.languages)
    status: dict[str, dict[str, tuple[int, int]]] = {}
    for item in kb.items:
        missing = untranslated(item, languages)
        row = status.setdefault(item.type, {lang: (0, 0) for lang in languages})
        for lang in languages:
            done, total = row[lang]
            row[lang] = (done + (not missing[lang]), total + 1)
    return status


def missing_by_language(kb: KnowledgeBase) -> dict[str, dict[str, int]]:
    """Per language: how many items and texts lack a translation, out of how many texts."""
    languages = tuple(kb.config.languages)
    summary = {lang: {"items": 0, "texts": 0, "of_texts": 0} for lang in languages}
    for item in kb.items:
        missing = untranslated(item, languages)
        count = len(item.texts)
        for lang in languages:
            entry = summary[lang]
            entry["texts"] += len(missing[lang])
            entry["of_texts"] += count
            entry["items"] += bool(missing[lang])
    return summary

