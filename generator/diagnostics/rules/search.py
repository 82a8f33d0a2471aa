"""The search settings of site_config.yml: synonyms per language (detected by generator/validate/search.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

SEARCH_UNKNOWN_LANGUAGE = Rule(
    "search.unknown-language", "error",
    "search.synonyms has groups for a language the portal does not have.",
    "Synonyms are read per portal language: groups under a code that is not in languages: (a typo such as"
    " 'sp' for 'es', or a language the portal dropped) are never used, and the searches they were meant to"
    " help still find nothing.",
    example="""
        # site_config.yml
        search:
          synonyms:
            sp:
              - [nevera, frigorífico]
    """,
    fix="Write the language code as in languages: (ca, es, en...), or add the language to languages:.",
    fixed="""
        # site_config.yml
        search:
          synonyms:
            es:
              - [nevera, frigorífico]
    """,
)
SEARCH_EMPTY_GROUP = Rule(
    "search.empty-group", "error",
    "A synonym group has an empty entry, or fewer than two entries that differ once capitals and accents are ignored.",
    "A group says 'these words mean the same': with one word (or the same word twice, 'frigorífico' and"
    " 'Frigorifico', which search already treats as one) it adds nothing, and is usually a group that was"
    " cut short or a comma in the wrong place. An empty entry would match nothing or everything.",
    example="""
        # site_config.yml
        search:
          synonyms:
            es:
              - [repuesto, recambio]
              - [frigorífico, Frigorifico]
    """,
    fix="Give the group at least two different words or phrases (search ignores capitals and accents"
        " already), or remove it; remove empty entries.",
    fixed="""
        # site_config.yml
        search:
          synonyms:
            es:
              - [repuesto, recambio]
              - [frigorífico, nevera]
    """,
)
SEARCH_DUPLICATE_SYNONYM = Rule(
    "search.duplicate-synonym", "warning",
    "The same word or phrase is in two synonym groups of one language.",
    "A word in two groups joins both: a search for it finds the words of either group, and through it"
    " each group's words may find the other's. Often the groups were meant to be one; if not, the shared"
    " word makes the search wider than the groups say.",
    example="""
        # site_config.yml
        search:
          synonyms:
            es:
              - [repuesto, recambio]
              - [pieza, recambio]
    """,
    fix="Merge the two groups into one, or keep the word in the group where it belongs.",
    fixed="""
        # site_config.yml
        search:
          synonyms:
            es:
              - [repuesto, recambio, pieza]
    """,
)

RULES = [SEARCH_UNKNOWN_LANGUAGE, SEARCH_EMPTY_GROUP, SEARCH_DUPLICATE_SYNONYM]
