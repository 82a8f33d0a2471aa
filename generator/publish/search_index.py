"""The portal's search index, written from the HTML MkDocs has just built.

Chosen by measuring (bench/search_browser.py, README "Search"). Material's built-in search loads
one JSON index into a lunr worker (at 10,000 pages 45 s and 3.3 GB in the browser), has no
Catalan and matches accents exactly. Pagefind chunks its index but scores every page holding a
word on each query (median 438 ms, slowest 1.3 s at 10,000 pages whose common words are on most
pages). This index is ours: ranked at build time, split so that a query reads one small file per
word (median 36 ms, slowest 56 ms on the same pages).

Layout under ``searchindex/`` (read by ``templates/assets/search.js``):

- ``index.json``: the format version, the page count, the list of word files, the language's
  stop words and Snowball algorithm (search.js loads ``assets/stemmer-<algorithm>.js`` for the
  query words the index lacks), the synonyms of ``site_config.yml`` (folded) and the portal's
  other forms of their words (same stem), for the query;
- ``words/<key>.json``: ``{"w": ..., "s": ...}``: every folded word (``generator.text.folding.fold``) starting
  with ``key`` (its first three letters, or the whole word when shorter) → its pages and their
  scores in page order, as ``[page, score, page − previous page, score, ...]``; and each of those
  words → its stem, where the language has a stemmer and the stem differs (``search_language``);
- ``pages/<n>.json``: page ``n``'s address, title, text (for the snippet) and section anchors,
  fetched only for the results on screen.

Scores are BM25 (k1 1.2, b 0.75) on the page text, plus a bonus when the word is in a heading,
and a larger one when it is in the page title: larger than any body score, so pages titled with
a word come first, and larger the shorter the title (its meaningful words), so "Warranty" and
"Legal guarantee" come before "Paid repairs outside the warranty" for "warranty"; with a title
match the body counts a quarter, so that many mentions cannot outweigh a shorter title.
Only the page text marked ``data-search-body`` is read and each portal gets its own index: the
public index never holds staff text.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from generator.publish.search_language import SNOWBALL, stems, stop_words
from generator.publish.search_text import PageText, page_text
from generator.text.folding import phrase, words

SEARCH_FOLDER = "searchindex"
"""Where the index lives inside a portal (``assets/search.js`` loads it from there)."""

SEARCH_SCRIPT = "assets/search.js"
"""Our search dialog's script (templates/assets/), loaded by every page of every portal."""

FORMAT_VERSION = 2
KEY_LENGTH = 3
K1, B = 1.2, 0.75
TITLE_BONUS = 3.0
"""Added (times the word's idf) when the title holds the word: above BM25's ceiling of k1 + 1."""
SHORT_TITLE_BONUS = 2.0
"""Added too, divided by the title's meaningful words: a short title that is the word comes first."""
BODY_WITH_TITLE = 0.25
"""How much the body still counts when the title holds the word."""
HEADING_BONUS = 0.5
LEAD_BONUS = 1.5
"""Added when the page's lead (its summary, a standard's commitment) holds the word: it says what
the page is about, more than a mention further down (a title still counts more)."""
SCALE = 100
"""Scores are stored as integers: hundredths."""
RECORD_TEXT = 20_000
"""Characters of a page's text kept in its record, for the snippet: a register of thousands of
rows would otherwise be a megabyte to fetch for one result line. Every word is indexed all the same;
a word found only further down gets a snippet from the start of the page."""

_PLAIN_KEY = re.compile(r"[a-z0-9]+")


class SearchIndexError(Exception):
    """The index could not be written; the message says why."""


def word_key(word: str) -> str:
    """The file a word lives in: its first letters, spelt in hex when not plain a–z/0–9."""
    key = word[:KEY_LENGTH]
    return key if _PLAIN_KEY.fullmatch(key) else "_" + key.encode("utf-8").hex()


def read_pages(site_dir: Path) -> list[tuple[str, PageText]]:
    """(address relative to the portal, text) of every indexable page, in address order."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        found = page_text(path.read_text(encoding="utf-8"))
        if found is not None:
            pages.append((path.relative_to(site_dir).as_posix(), found))
    return pages


def score_pages(pages: list[PageText], stop: frozenset[str] = frozenset()) -> dict[str, list[tuple[int, int]]]:
    """word → [(page number, score)] in page order (``stop``: words a title's length leaves out)."""
    counts = [Counter(words(page.text)) for page in pages]
    titles = [set(words(page.title)) for page in pages]
    title_lengths = [max(1, len(title - stop)) for title in titles]
    headings = [set(words(" ".join(page.headings))) for page in pages]
    leads = [set(words(page.lead)) for page in pages]
    lengths = [sum(count.values()) for count in counts]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    total = len(pages)
    idf = _rarity(counts, total)
    title_idf = _rarity(titles, total)
    lead_idf = _rarity(leads, total)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, count in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[number] / (average or 1.0))
        for word, tf in count.items():
            score = idf[word] * tf * (K1 + 1) / (tf + norm)
            if word in titles[number]:
                score = score * BODY_WITH_TITLE + title_idf[word] * (TITLE_BONUS + SHORT_TITLE_BONUS / title_lengths[number])
            elif word in leads[number]:
                score += lead_idf[word] * LEAD_BONUS
            if word in headings[number]:
                score += idf[word] * HEADING_BONUS
            postings[word].append((number, max(1, round(score * SCALE))))
    return postings


def word_forms(lang: str, wanted: set[str], vocabulary: list[str]) -> dict[str, list[str]]:
    """Each wanted word → the portal's other words with its stem ("fix" → "fixed", "fixing"), so that
    a synonym written once answers the query's inflections (the browser has no stemmer)."""
    stem_of = stems(lang, sorted(wanted | set(vocabulary)))
    by_stem: dict[str, list[str]] = defaultdict(list)
    for word in vocabulary:
        by_stem[stem_of.get(word, word)].append(word)
    forms = {}
    for word in sorted(wanted):
        others = sorted(set(by_stem.get(stem_of.get(word, word), ())) - {word})
        if others:
            forms[word] = others
    return forms


def _rarity(fields: list, total: int) -> dict[str, float]:
    """BM25's idf of every word over one field of the pages (their texts, titles or leads)."""
    frequency: Counter[str] = Counter()
    for field in fields:
        frequency.update(field.keys() if isinstance(field, Counter) else field)
    return {word: math.log(1 + (total - df + 0.5) / (df + 0.5)) for word, df in frequency.items()}


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _write_files(folder: Path, files: dict[str, str]) -> None:
    """The index's files (relative path → text) in ``folder``, which may hold the previous index:
    a file with the same bytes is left alone (an incremental build does not hash it again), any
    other is replaced, never written into (it may be shared with the published site), and the
    files no longer produced are removed."""
    if folder.exists():
        for path in [path for path in folder.rglob("*") if path.is_file()]:
            if path.relative_to(folder).as_posix() not in files:
                path.unlink()
    for name, text in files.items():
        path = folder / name
        data = text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
            path.unlink()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def index_portal(site_dir: Path, lang: str = "", synonyms: list[list[str]] | tuple = (),
                 pages: list[tuple[str, PageText]] | None = None, products: list[dict] | tuple = ()) -> int:
    """Write ``site_dir/searchindex/`` for every page of the portal; the number of pages indexed.

    ``lang`` chooses the stemmer and the stop words; ``synonyms`` are groups of equivalent words
    or phrases (``site_config.yml`` ``search: synonyms:``), each member searched for the others.
    ``pages``: what :func:`read_pages` would return (an incremental build reads only changed pages);
    ``products``: the names the search dialog offers when nothing matches (``name``, ``words``, ``href``)."""
    try:
        pages = read_pages(site_dir) if pages is None else pages
        postings = score_pages([page for _, page in pages], stop_words(lang))
        folder = site_dir / SEARCH_FOLDER
        files: dict[str, str] = {}
        shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for word in sorted(postings):
            flat: list[int] = []
            previous = 0
            for number, score in postings[word]:
                flat += (number - previous, score)
                previous = number
            shards[word_key(word)][word] = flat
        for key, shard in shards.items():
            files[f"words/{key}.json"] = _json({"w": shard, "s": stems(lang, list(shard))})
        for number, (url, page) in enumerate(pages):
            files[f"pages/{number}.json"] = _json({
                "url": url, "title": page.title, "text": page.text[:RECORD_TEXT],
                "anchors": [[offset, anchor, heading] for offset, anchor, heading in page.anchors
                            if offset < RECORD_TEXT]})
        spelt = [[phrase(member) for member in group] for group in synonyms]
        files["index.json"] = _json({
            "version": FORMAT_VERSION, "pages": len(pages), "keys": sorted(shards),
            "stop": sorted(stop_words(lang)),
            "stemmer": SNOWBALL.get(lang),
            "synonyms": spelt,
            "forms": word_forms(lang, {word for group in spelt for member in group for word in member.split()},
                                list(postings)),
            "products": [{"name": str(product["name"]), "words": str(product["words"]), "href": str(product["href"])}
                         for product in products],
        })
        _write_files(folder, files)
    except (OSError, UnicodeDecodeError) as exc:
        raise SearchIndexError(str(exc)) from exc
    return len(pages)


def indexed_pages(site_dir: Path) -> list[dict]:
    """What a portal's index holds, one record per page: url ('/' + address), content, meta.title.

    For audits and tests: grepping a portal's HTML for a staff text says nothing about its index.
    """
    pages = []
    for path in sorted((site_dir / SEARCH_FOLDER / "pages").glob("*.json"), key=lambda p: int(p.stem)):
        record = json.loads(path.read_text(encoding="utf-8"))
        pages.append({"url": "/" + record["url"], "content": record["text"], "meta": {"title": record["title"]},
                      "anchors": record["anchors"]})
    return pages


def indexed_words(site_dir: Path) -> dict[str, list[tuple[int, int]]]:
    """word → [(page number, score)] as stored: the inverse of the delta coding in the word files."""
    found: dict[str, list[tuple[int, int]]] = {}
    for path in (site_dir / SEARCH_FOLDER / "words").glob("*.json"):
        for word, flat in json.loads(path.read_text(encoding="utf-8"))["w"].items():
            number, pairs = 0, []
            for delta, score in zip(flat[::2], flat[1::2]):
                number += delta
                pairs.append((number, score))
            found[word] = pairs
    return found
