"""Translations: every text in every configured language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.analyse.translations import settings_texts, untranslated
from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.translations import (
    I18N_CATALOG_INVALID,
    I18N_MISSING_INTERFACE_TEXT,
    TEXT_MISSING_TRANSLATION,
)
from generator.i18n.catalogs import (
    TEMPLATE,
    CatalogError,
    english,
    messages,
    project_catalog,
)
from generator.load.project import relative
from generator.load.schema import format_loc

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase
    from generator.load.project import Project


def check_translations(kb: KnowledgeBase) -> list[Diagnostic]:
    """One warning per item and missing language, at the first untranslated text.

    A picture's alt text is left to asset.alt-missing, an error: the picture says nothing without it."""
    languages = tuple(kb.config.languages)
    diagnostics = []
    for item in kb.items:
        for lang, missing in untranslated(item, languages).items():
            missing = [loc for loc in missing if loc[-1] != "image_alt"]
            if not missing:
                continue
            fields = ", ".join(format_loc(loc) for loc in missing[:5]) + (", ..." if len(missing) > 5 else "")
            diagnostics.append(Diagnostic.at(
                item, missing[0], TEXT_MISSING_TRANSLATION,
                f"{len(missing)} of {len(item.texts)} texts are not translated into '{lang}' ({fields})"))
    return diagnostics


def check_settings_translations(project: Project) -> list[Diagnostic]:
    """One warning per text of site_config.yml that lacks a language, at the text: the coverage rules'
    titles and messages, department names, company texts... are shown on the portals like content.

    A plain string is the default language (the company's name and other names: every language)."""
    config = project.config
    languages = tuple(config.languages)
    diagnostics = []
    for loc, text in settings_texts(config):
        missing = [lang for lang in languages if lang not in text]
        if not missing:
            continue
        written = ", ".join(f"'{lang}'" for lang in text)
        diagnostics.append(Diagnostic.at(
            project.config_file, project.config_position(loc), TEXT_MISSING_TRANSLATION,
            f"{format_loc(loc)} is not translated into {', '.join(repr(lang) for lang in missing)}"
            f" (written in {written} only): write it as {{{', '.join(f'{lang}: ...' for lang in languages)}}}"))
    return diagnostics


def check_interface_texts(project: Project) -> list[Diagnostic]:
    """Each configured language has every interface word, from the shipped catalogs or the project's."""
    diagnostics = []
    root = project.root
    for index, lang in enumerate(project.config.languages):
        try:
            missing = messages(lang, root).missing()
        except CatalogError as exc:
            diagnostics.append(Diagnostic.at(relative(exc.file, root), (exc.line, 1), I18N_CATALOG_INVALID,
                                             exc.message))
            continue
        if not missing:
            continue
        own = project_catalog(root, lang)
        where = (f"its catalog {relative(own, root)} lacks them" if own.is_file()
                 else f"copy {TEMPLATE} to {relative(own, root)} and translate it")
        diagnostics.append(Diagnostic.at(
            project.config_file, project.config_position(("languages", index)), I18N_MISSING_INTERFACE_TEXT,
            f"'{lang}': {len(missing)} of {len(english())} interface messages have no translation and will"
            f" show in English (e.g. {', '.join(repr(key) for key in missing[:3])}); {where}"))
    return diagnostics

