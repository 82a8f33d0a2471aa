"""Publishing under a sub-path, as GitHub Pages serves a project site (``https://org.github.io/repo/``).

The site is built with ``--site-url`` and served by a local server only under ``/repo/``; Chromium
follows every link of one portal per audience: no page, picture, script, style, PDF or CSV
answers 404, and canonical links and sitemaps carry the published address (issue 19).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from generator.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PREFIX = "/repo"
PUBLISHED = "https://org.github.io/repo/"


def serve_under(folder: Path, prefix: str):
    """Serve ``folder`` at ``http://127.0.0.1:PORT{prefix}/`` only; anything else is 404."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def translate_path(self, path: str) -> str:
            parsed = urlsplit(path).path
            if not (parsed == prefix or parsed.startswith(prefix + "/")):
                return str(folder / "__outside_the_prefix__")
            return super().translate_path(parsed[len(prefix):] or "/")

    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 128

    server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish") / "kb"
    assert main(["init", str(root)]) == 0
    out = root / "site"
    assert main(["build", "--project", str(root), "--out", str(out), "--site-url", PUBLISHED]) == 0
    server = serve_under(out, PREFIX)
    yield out, f"http://127.0.0.1:{server.server_port}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_every_link_of_a_portal_works_under_a_sub_path(published, browser, audience: str) -> None:
    out, base = published
    portal = f"{base}/{audience}/en/"
    context = browser.new_context()
    page = context.new_page()
    broken: list[str] = []
    checked: set[str] = set()
    queue = [f"{base}/{audience}/index.html", portal + "index.html"]
    pages = 0
    while queue:
        url = queue.pop()
        if url in checked:
            continue
        checked.add(url)
        if url.endswith(".html") and url.startswith(portal):
            response = page.goto(url)
            pages += 1
            if response is None or response.status != 200:
                broken.append(f"{url}: {response.status if response else 'no response'}")
                continue
            found = page.eval_on_selector_all(
                "a[href], link[href], script[src], img[src]",
                "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"
                ".filter(v => v && !/^(mailto|tel|javascript):/i.test(v)).map(v => new URL(v, document.baseURI).href)")
            for link in found:
                link = urldefrag(link).url
                if link.startswith(base) and link not in checked:
                    queue.append(link)
                elif link.startswith("http://127.0.0.1") and not link.startswith(base):
                    broken.append(f"{url} links outside the published folder: {link}")
        else:
            response = context.request.get(url)
            if response.status != 200:
                broken.append(f"{url}: {response.status}")
    context.close()
    assert pages >= 10, pages
    assert not broken, "\n".join(sorted(set(broken))[:30])


def test_canonical_links_and_sitemap_carry_the_published_address(published) -> None:
    out, _ = published
    page = (out / "public" / "en" / "guides" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}public/en/guides/index.html">' in page
    sitemap = (out / "public" / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLISHED}public/en/index.html</loc>" in sitemap
    assert "/staff/" not in sitemap
