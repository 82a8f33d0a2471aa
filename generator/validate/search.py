"""The search settings of site_config.yml: synonym groups per language.

search.unknown-language at a language code that is not in ``languages:``; search.empty-group at an
empty entry, or at a group without two entries that differ as search sees them; search.duplicate-synonym
at a word or phrase already in another group of the same language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.search import (
    SEARCH_DUPLICATE_SYNONYM,
    SEARCH_EMPTY_GROUP,
    SEARCH_UNKNOWN_LANGUAGE,
)
from generator.text.folding import phrase

if TYPE_CHECKING:
    from generator.load.project import Project


def search_spelling(entry: str) -> str:
    """``entry`` as the search index spells it: its words folded (lower case, no accents, one l), one
    space apart: 'Frigorífico' and 'frigorifico' are one entry to search, "won't" ('won t') and 'wont'
    are two, and an entry without letters or digits is empty."""
    return phrase(entry)


def check_search(project: Project) -> list[Diagnostic]:
    """The synonym groups of ``search.synonyms``, language by language, in the order written."""
    config = project.config
    file = project.config_file
    out = []
    for lang, groups in config.search.synonyms.items():
        if lang not in config.languages:
            out.append(Diagnostic.at(
                file, project.config_position(("search", "synonyms", lang), key=True), SEARCH_UNKNOWN_LANGUAGE,
                f"search.synonyms: '{lang}' is not one of the portal's languages ({', '.join(config.languages)});"
                " write its code as in languages:, or add it there"))
            continue
        first_group: dict[str, int] = {}   # spelling → the group it is first in
        for index, group in enumerate(groups):
            where = f"search.synonyms.{lang}[{index}]"
            spellings: list[str] = []
            for position, entry in enumerate(group):
                at = project.config_position(("search", "synonyms", lang, index, position))
                spelling = search_spelling(entry)
                if not spelling:
                    shown = "empty" if not entry.strip() else f"'{entry}', without a letter or digit,"
                    out.append(Diagnostic.at(file, at, SEARCH_EMPTY_GROUP,
                                             f"{where}[{position}]: the entry is {shown} so it matches nothing;"
                                             " remove it"))
                    continue
                if spelling in spellings:
                    continue
                spellings.append(spelling)
                earlier = first_group.setdefault(spelling, index)
                if earlier != index:
                    out.append(Diagnostic.at(file, at, SEARCH_DUPLICATE_SYNONYM,
                                             f"{where}[{position}]: '{entry}' is already in search.synonyms.{lang}"
                                             f"[{earlier}] ({', '.join(groups[earlier])}); merge the two groups,"
                                             " or keep it in one of them"))
            if len(spellings) < 2:
                written = [entry for entry in group if search_spelling(entry)]
                same = (" (search reads them as one word: it ignores capitals, accents and the double l)"
                        if len(written) > len(spellings) else "")
                has = ", ".join(written) + same if written else "no word"
                out.append(Diagnostic.at(file, project.config_position(("search", "synonyms", lang, index)),
                                         SEARCH_EMPTY_GROUP,
                                         f"{where}: a group needs at least two different words or phrases that"
                                         f" mean the same; it has {has}. Add the others, or remove the group"))
    return out
