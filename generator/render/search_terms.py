"""Extra spellings for the search index, added to the end of a page's text.

Pagefind folds case and accents and reads the Catalan middle dot as nothing, so "reparacio"
finds "reparació" and "installacio" finds "instal·lació". Readers on a phone also type one l
("instalacio"), which no index rule covers: each page gets the one-l spelling of its l·l words
in a hidden block that Pagefind indexes and nobody sees.
"""

from __future__ import annotations

import re

from markupsafe import escape

VARIANTS_CLASS = "as-search-variants"
_GEMINATE_WORD = re.compile(r"[^\W\d_]*[lL]·[lL][^\W\d_]*")


def one_l_spellings(text: str) -> list[str]:
    """'instal·lació', 'Col·lecció' → ['colecció', 'instalació']: sorted, lower case."""
    return sorted({re.sub(r"l·l", "l", word.lower()) for word in _GEMINATE_WORD.findall(text)})


def with_search_variants(markdown: str) -> str:
    """``markdown`` plus a hidden block of the one-l spellings of its l·l words (if it has any)."""
    if "·" not in markdown:
        return markdown
    words = one_l_spellings(markdown)
    if not words:
        return markdown
    return f'{markdown.rstrip()}\n\n<div class="{VARIANTS_CLASS}" hidden>{escape(" ".join(words))}</div>\n'
