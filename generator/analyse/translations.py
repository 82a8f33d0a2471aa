"""Translation status: which texts of which items lack which configured language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model.texts import iter_texts

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.model.config import SiteConfig
    from generator.model.refs import Loc

SETTINGS = "settings"
"""The row of the translation status for the texts of site_config.yml (beside the content types)."""


def untranslated(item: Item, languages: tuple[str, ...]) -> dict[str, list[Loc]]:
    """Per language, where the item's texts lack it (worked out once per item and language set)."""
    return item.remembered(
        ("untranslated", languages),
        lambda item: {lang: [loc for loc, text in item.texts if lang not in text] for lang in languages},
    )


def settings_texts(config: SiteConfig) -> list[tuple[Loc, dict[str, str]]]:
    """Every text written in site_config.yml (coverage rules' messages, departments, company texts...),
    with its location; settings left to their defaults (the shipped department names) are not the
    project's texts and are left out."""
    return [(loc, text) for loc, text in iter_texts(config) if loc[0] in config.model_fields_set]


def untranslated_settings(config: SiteConfig) -> dict[str, list[Loc]]:
    """Per language, where the texts of site_config.yml lack it."""
    texts = settings_texts(config)
    return {lang: [loc for loc, text in texts if lang not in text] for lang in config.languages}


def translation_status(kb: KnowledgeBase) -> dict[str, dict[str, tuple[int, int]]]:
    """Per content type and language: (items with every text in that language, items); and for
    :data:`SETTINGS`, the texts of site_config.yml: (texts in that language, texts)."""
    languages = tuple(kb.config.languages)
    status: dict[str, dict[str, tuple[int, int]]] = {}
    for item in kb.items:
        missing = untranslated(item, languages)
        row = status.setdefault(item.type, {lang: (0, 0) for lang in languages})
        for lang in languages:
            done, total = row[lang]
            row[lang] = (done + (not missing[lang]), total + 1)
    total = len(settings_texts(kb.config))
    if total:
        missing_settings = untranslated_settings(kb.config)
        status[SETTINGS] = {lang: (total - len(missing_settings.get(lang, ())), total) for lang in languages}
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
    settings = untranslated_settings(kb.config)
    count = len(settings_texts(kb.config))
    for lang in languages:
        entry = summary[lang]
        entry["texts"] += len(settings.get(lang, ()))
        entry["of_texts"] += count
    return summary

