"""Accent-forgiving search on top of Material's built-in (lunr) search.

Measured on Material 9.8: lunr has no Catalan stemmer and every language matches accents
exactly, so "reparacio" does not find "reparació". After MkDocs has written
``search/search_index.json``, each indexed section gets the unaccented spellings of its accented
words ("reparacio", "garantia", "installacio", "instalacio") in a hidden span at the end of its
text: Material's worker indexes the words of the span, and results never show it. A query with
accents still matches the original words.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

_TAG_RE = re.compile(r"<[^>]*>")
_WORD_SPLIT = re.compile(r"[^\w·]+")
VARIANTS_CLASS = "as-search-variants"


def fold(word: str) -> str:
    """Remove diacritics: 'reparació' → 'reparacio', 'garantía' → 'garantia'."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def spelling_variants(word: str) -> set[str]:
    """The ways a reader types ``word`` without accents or the Catalan middle dot (l·l)."""
    folded = fold(word)
    variants = {folded}
    if "·" in folded:
        variants.add(folded.replace("·", ""))  # installacio
        variants.add(folded.replace("l·l", "l").replace("·", ""))  # instalacio
    variants.discard(word)
    return variants


def variants_of_text(text: str) -> list[str]:
    plain = html.unescape(_TAG_RE.sub(" ", text)).lower()
    words = {word for word in _WORD_SPLIT.split(plain) if word and not word.isascii()}
    found: set[str] = set()
    for word in words:
        found |= spelling_variants(word)
    return sorted(found - words)


def add_spelling_variants(site_dir: Path) -> int:
    """Rewrite the portal's search index in place; returns how many sections got variants."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    touched = 0
    for doc in index.get("docs", []):
        variants = variants_of_text(doc.get("title", "") + " " + doc.get("text", ""))
        if variants:
            doc["text"] = f'{doc.get("text", "")} <span class="{VARIANTS_CLASS}" hidden>{" ".join(variants)}</span>'
            touched += 1
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return touched
