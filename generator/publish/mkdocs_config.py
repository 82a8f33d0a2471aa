"""The ``mkdocs.yml`` of one portal, generated from ``site_config.yml``.

Kept within what Zensical (Material's successor) also reads: Material theme features and
pymdownx extensions, no plugins. Search is our own chunked index, written after MkDocs has built
the portal (``generator/publish/search_index.py``); Material's search plugin is left out because its single
JSON index does not scale (23 s and 2.5 GB in the browser at 10,000 pages). ``theme.font: false``
and no CDN: a built portal never asks another host for anything.

This is the boundary with the theme. MkDocs and Material print navigation titles, the site
name, the copyright and ``extra`` values as HTML without escaping them, so every text here
(nav titles, the site name, company texts, language names, labels) passes through
:func:`theme_text` once, and our overrides of the theme's templates (``templates/overrides/``)
print these values as they come: no ``| e`` (it would show ``&lt;``), no ``striptags`` (it
turns ``&lt;`` back into ``<``). ``tests/browser/test_hostile_text.py`` holds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.i18n.labels import label, language_name
from generator.text.safe_text import email_address, tel_uri, theme_text, web_address

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase

MARKDOWN_EXTENSIONS: list = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "def_list",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"pymdownx.tasklist": {"custom_checkbox": True}},
]


def mkdocs_config(
    kb: KnowledgeBase, audience: str, lang: str, nav: list, docs_dir: Path, site_dir: Path, title: str,
    overrides_dir: Path, scripts: list[str] | tuple[str, ...] = (),
) -> dict:
    """``scripts``: the portal's own scripts (paths in docs/), loaded by every page; never another host."""
    config = kb.config
    site_url = None
    if config.url and web_address(config.url):
        site_url = f"{config.url.rstrip('/')}/{audience}/{lang}/"
    company = config.company
    social = []
    if company.phone:
        social.append({"icon": "material/phone", "link": tel_uri(company.phone), "name": company.phone})
    if company.email and email_address(company.email):
        social.append({"icon": "material/email", "link": f"mailto:{company.email}", "name": company.email})
    if company.website and web_address(company.website):
        social.append({"icon": "material/web", "link": company.website, "name": company.website})
    # Links end in index.html on purpose: Material's script intercepts clicks on links *below* an
    # alternate's address and, without a site_url sitemap, sends the reader to that home page.
    # Our switcher (templates/overrides/partials/alternate.html) already links the same page.
    alternate = [{"name": language_name(code), "link": f"../{code}/index.html", "lang": code}
                 for code in config.languages]
    extra = {"generator": False, "social": social, "search_unavailable": label("search_unavailable", lang, kb.root),
             **({"alternate": alternate} if len(alternate) > 1 else {})}
    logo = {"logo": f"assets/{config.logo}", "favicon": f"assets/{config.logo}"} if config.logo else {}
    return {
        "site_name": theme_text(title),
        **({"site_url": site_url} if site_url else {}),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,  # pages open from a file:// copy too (technicians offline)
        "strict": True,
        "validation": {
            "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"},
        },
        "theme": {
            "name": "material",
            "language": lang,
            "custom_dir": str(overrides_dir),
            "font": False,
            "features": ["navigation.prune", "navigation.indexes", "navigation.top"],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
            **escaped(logo),
        },
        "plugins": [],  # MkDocs would add its own search plugin when the key is missing
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": ["assets/aftersales.css"],
        **({"extra_javascript": list(scripts)} if scripts else {}),
        "extra": escaped(extra),
        "copyright": theme_text(company.name),
        "nav": escaped_nav(nav),
    }


def escaped(value):
    """Every string in ``value`` (dicts, lists) escaped for the theme; other values as they are."""
    if isinstance(value, str):
        return theme_text(value)
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escaped(item) for item in value]
    return value


def escaped_nav(nav: list) -> list:
    """MkDocs ``nav`` with every title escaped; page paths (ours, slugs) stay as they are."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append({theme_text(title): escaped_nav(target) if isinstance(target, list) else target
                        for title, target in entry.items()})
        else:
            out.append(entry)
    return out
