"""Nothing in a built portal may load from another host: no CDN fonts, scripts or styles.

Customers' browsers, technicians offline on site and GDPR all need a portal that makes no
request elsewhere. :func:`neutralise_remote_loaders` rewrites the two conditional CDN loaders in
Material's bundle (a ResizeObserver polyfill and Mermaid, neither needed here) to local paths,
and :func:`external_loads` scans every HTML, CSS and JS file for anything loaded from a host.
Links a reader clicks (``<a href>``) are navigation, not loads, and are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path

CDN_HOSTS = ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "fonts.googleapis.com",
             "fonts.gstatic.com", "ajax.googleapis.com", "polyfill.io", "code.jquery.com")
_CDN_RE = re.compile(r"https?://(" + "|".join(re.escape(host) for host in CDN_HOSTS) + r")[^\"'`)\s]*")
_CSS_URL_RE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_LOADING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
_LOADING_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                      "shortcut", "apple-touch-icon", "manifest", "modulepreload"}


def neutralise_remote_loaders(site_dir: Path) -> None:
    """Point the bundle's conditional CDN loads at local paths that are never requested in practice."""
    for path in site_dir.glob("assets/javascripts/*.js"):
        text = path.read_text(encoding="utf-8")
        patched = _CDN_RE.sub("./remote-loading-disabled.js", text)
        if patched != text:
            path.write_text(patched, encoding="utf-8")


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        names = _LOADING_ATTRS.get(tag, ())
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _LOADING_LINK_RELS:
                names = ("href",)
        for name in names:
            for candidate in values.get(name, "").split(","):
                url = candidate.strip().split(" ")[0]
                if _REMOTE.match(url):
                    self.found.append(f"<{tag} {name}={url}>")
        style = values.get("style", "")
        self.found.extend(match.group(1) for match in _CSS_URL_RE.finditer(style))

    def handle_data(self, data: str) -> None:
        self.found.extend(match.group(1) for match in _CSS_URL_RE.finditer(data))


def external_loads(site_dir: Path, only: Collection[str] | None = None) -> list[tuple[str, str]]:
    """(file, what) for every resource a page would load from another host (``only``: just these
    files, relative to ``site_dir``: an incremental build checked the others before)."""
    problems = []
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".html", ".css", ".js", ".svg", ".json", ".webmanifest"):
            continue
        rel = path.relative_to(site_dir).as_posix()
        if only is not None and rel not in only:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found: list[str] = [match.group(0) for match in _CDN_RE.finditer(text)]
        if suffix in (".html", ".svg"):
            finder = _LoadFinder()
            finder.feed(text)
            found.extend(finder.found)
        elif suffix == ".css":
            found.extend(match.group(1) for match in _CSS_URL_RE.finditer(text))
        problems.extend((rel, what) for what in dict.fromkeys(found))
    return problems
