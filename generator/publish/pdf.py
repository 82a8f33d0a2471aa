"""PDFs of the printables, rendered with WeasyPrint.

Measured here: WeasyPrint needs ~1.5 s to start but ~0.16 s per page once running, so the
work goes to a pool of long-lived worker processes (one per core) that each import it once.
A PDF is cached under the project's ``.aftersales/pdf-cache/`` by a hash of its HTML, the
WeasyPrint version and the PDF variant, so an unchanged document is copied, not rendered again
(and a PDF cached before the variant changed is not reused).

Every PDF is tagged PDF/UA-1 (``pdf_variant="pdf/ua-1"``): a structure tree of headings, lists,
tables and paragraphs in reading order, MarkInfo, the document's language and its title shown
as the window title, so a screen reader reads a checklist as it reads the page.
"""

from __future__ import annotations

import base64
import hashlib
import multiprocessing
import os
import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CACHE_FOLDER = Path(".aftersales") / "pdf-cache"
PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for accessibility (WeasyPrint's PDF/UA-1: structure tree, MarkInfo, /Lang, title)."""


@dataclass(frozen=True)
class PdfJob:
    html: str
    target: Path


@dataclass
class PdfStats:
    rendered: int = 0
    reused: int = 0


_INLINE_IMAGE = re.compile(r"data:(image/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/]*={0,2})\Z")
"""The one address a printable may hold: a picture inside it (the brand's logo), never a file or a host."""


def _refuse_fetch(url: str, *args, **kwargs):
    """Printables carry their styles and their logo inline; nothing is ever fetched, from the network or a file."""
    inline = _INLINE_IMAGE.match(url)
    if inline:
        return _inline_image(url, inline[1], base64.b64decode(inline[2]))
    raise ValueError(f"printables may not load external resources ({url})")


def _inline_image(url: str, mime_type: str, body: bytes):
    """What WeasyPrint's fetcher returns: a response object since WeasyPrint 66, a dict before."""
    try:
        from weasyprint.urls import URLFetcherResponse
    except ImportError:
        return {"string": body, "mime_type": mime_type}
    return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def _fetcher():
    """The refusing fetcher in the form this WeasyPrint takes: since WeasyPrint 70 a ``URLFetcher``
    object (a plain function made it fail with an AttributeError on the first fetch), before it a
    function. Either way a refused resource is left out of the PDF, as WeasyPrint does with any
    resource it cannot load."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        return _refuse_fetch
    if not hasattr(URLFetcher, "fetch"):
        return _refuse_fetch

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return _refuse_fetch(url)

    return RefusingFetcher()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(pdf_variant=PDF_VARIANT)


def _render(job_html: str) -> bytes:
    return html_to_pdf(job_html)


def _cache_key(html: str) -> str:
    import weasyprint

    digest = hashlib.sha256()
    digest.update(weasyprint.__version__.encode())
    digest.update(b"\0")
    digest.update(PDF_VARIANT.encode())
    digest.update(b"\0")
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def render_pdfs(jobs: list[PdfJob], cache_dir: Path, workers: int | None = None) -> PdfStats:
    """Write every job's PDF, from the cache where the HTML is unchanged."""
    stats = PdfStats()
    cache_dir.mkdir(parents=True, exist_ok=True)
    pending: dict[str, list[PdfJob]] = {}
    for job in jobs:
        key = _cache_key(job.html)
        cached = cache_dir / f"{key}.pdf"
        job.target.parent.mkdir(parents=True, exist_ok=True)
        if cached.is_file():
            shutil.copyfile(cached, job.target)
            stats.reused += 1
        else:
            pending.setdefault(key, []).append(job)
    if not pending:
        return stats
    # Longest documents first and one document per task: the workers finish together instead
    # of one of them rendering a last batch alone (measured: ~1 s of 15 s for 100 checklists).
    keys = sorted(pending, key=lambda key: len(pending[key][0].html), reverse=True)
    htmls = [pending[key][0].html for key in keys]
    workers = max(1, min(workers or os.cpu_count() or 1, len(keys)))
    if workers == 1:
        outputs = map(_render, htmls)
    else:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        outputs = pool.map(_render, htmls, chunksize=1)
    try:
        for key, pdf in zip(keys, outputs):
            staged = cache_dir / f"{key}.pdf.tmp-{os.getpid()}"
            staged.write_bytes(pdf)
            os.replace(staged, cache_dir / f"{key}.pdf")
            for job in pending[key]:
                job.target.write_bytes(pdf)
                stats.rendered += 1
    finally:
        if workers > 1:
            pool.shutdown()
    return stats
