"""The one spelling search stores words in, shared by the index, the query (mirrored in
``templates/assets/search.js``) and the checks of ``search: synonyms:``.

'Instal·lació', 'instal.lació' and 'instalacio' are one word; so are 'Frigorífico' and
'frigorifico'. Change ``fold`` and ``words`` together with their copies in search.js
(tests/publish/test_search_index.py runs the two on the same words).
"""

from __future__ import annotations

import re
import unicodedata

MAX_WORD = 40
"""Longer runs of letters are codes or hashes nobody types: not indexed."""

_COMBINING = re.compile(r"[\u0300-\u036f]")
_GEMINATE_DOT = re.compile(r"l[·.•‧∙](?=l)")
_DOUBLE_L = re.compile(r"l+")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, no accents, l·l (or l.l) and ll as one l: 'Instal·lació' → 'instalacio'.

    One l for two makes the four ways a phone user writes the Catalan geminate meet; in
    Spanish it merges only rare pairs (pollo/polo), a fair price for a forgiving search.
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = _COMBINING.sub("", text)
    text = _GEMINATE_DOT.sub("l", text)
    return _DOUBLE_L.sub("l", text)


def words(text: str) -> list[str]:
    """The folded words of ``text``, split at anything not a letter or digit (apostrophes too)."""
    return [word for word in _WORD.findall(fold(text)) if len(word) <= MAX_WORD]


def phrase(text: str) -> str:
    """A word or phrase as search spells it: its folded words, one space apart ("Won't drain" →
    "won t drain"); the index stores synonyms so and the synonyms check compares them so."""
    return " ".join(words(text))

