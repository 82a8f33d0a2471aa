"""The portal's search index: Pagefind, run on the HTML MkDocs has just written.

Chosen by measuring (bench/search_browser.py, README "Search"): Material's built-in search loads
one JSON index into a lunr worker (at 10,000 pages 23 s and 2.5 GB in the browser, 1–2 s per
query), has no Catalan and matches accents exactly. Pagefind splits its index into chunks that a
query fetches on demand, folds case and accents ("reparacio" finds "reparació"), stems Catalan
and Spanish, and splits words at apostrophes ("aparell" finds "l'aparell").

Only the page text marked ``data-pagefind-body`` (templates/overrides/partials/content.html) is
indexed, and each portal gets its own index: the public index never holds staff text.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

SEARCH_FOLDER = "pagefind"
"""Where the index and its script live inside a portal (``assets/search.js`` loads it from there)."""

SEARCH_SCRIPT = "assets/search.js"
"""Our search dialog's script (templates/assets/), loaded by every page of every portal."""

EXCLUDED = ".headerlink"
"""The '¶' permalinks of headings: they would end every result title."""


_FRAGMENT_SIGNATURE = b"pagefind_dcd"


class SearchIndexError(Exception):
    """Pagefind failed; the message is its own."""


def pagefind_executable() -> str:
    """The Pagefind binary of the ``pagefind[bin]`` wheel (no download, no network)."""
    import pagefind_bin

    executable = pagefind_bin.get_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
    return str(executable)


def index_portal(site_dir: Path, lang: str) -> None:
    """Write ``site_dir/pagefind/``: the chunked index of every page of the portal."""
    command = [
        pagefind_executable(), "--site", str(site_dir), "--output-subdir", SEARCH_FOLDER,
        "--exclude-selectors", EXCLUDED, "--force-language", lang, "--keep-index-url", "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError((done.stderr or done.stdout).strip() or f"pagefind exited with {done.returncode}")


def indexed_pages(site_dir: Path) -> list[dict]:
    """What a portal's index holds, one record per page (url, content, meta, anchors).

    Read back from Pagefind's fragments (gzip: a signature, then JSON), for audits and tests:
    the index is binary, so grepping a portal for a staff text would miss it.
    """
    pages = []
    for fragment in sorted((site_dir / SEARCH_FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        pages.append(json.loads(data.removeprefix(_FRAGMENT_SIGNATURE)))
    return pages
