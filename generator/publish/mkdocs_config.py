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

import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.i18n.labels import label, language_name
from generator.model.config import (
    WCAG_AA_TEXT,
    WHITE,
    contrast_ratio,
    mix,
    readable_on,
    relative_luminance,
)
from generator.text.folding import words
from generator.text.safe_text import email_address, tel_uri, theme_text, web_address

if TYPE_CHECKING:
    from generator.load.knowledge_base import KnowledgeBase
    from generator.model.config import Brand, SiteConfig

BRAND_STYLESHEET = "assets/aftersales-brand.css"
"""The brand's colours as Material's CSS custom properties, written by publish into every branded portal."""

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
    overrides_dir: Path, scripts: list[str] | tuple[str, ...] = (), feeds: list[tuple[str, str]] | None = None,
    config_dir: Path | None = None,
) -> dict:
    """``scripts``: the portal's own scripts (paths in docs/), loaded by every page; never another host.
    ``feeds``: (path in docs/, title) of the portal's feeds, announced in every page's head (main.html).
    ``config_dir``: the folder ``mkdocs.yml`` is written to; ``docs_dir``, ``site_dir`` and the
    theme's ``custom_dir`` are then written relative to it, as Zensical requires (it refuses an
    absolute ``docs_dir`` and a ``site_dir`` outside the config's folder); MkDocs reads both."""
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
             "search_help": search_help(kb, audience, lang, "assets/covered.js" in scripts),
             **({"alternate": alternate} if len(alternate) > 1 else {}),
             # Escaped with the rest of ``extra`` below, like the site name.
             **({"tab_name": f"{title} · {label('tab.staff', lang, kb.root)}",
                 "compliance_tab": label("cmp.compliance", lang, kb.root)} if audience == "staff" else {}),
             **({"feeds": [{"href": path, "title": title} for path, title in feeds]} if feeds else {})}
    logo = {"logo": f"assets/{config.logo_file}"} if config.logo_file else {}
    if config.favicon_file:
        logo["favicon"] = f"assets/{config.favicon_file}"
    palette = {"scheme": "default", "primary": "custom", "accent": "custom"} if config.brand else \
        {"scheme": "default", "primary": "indigo", "accent": "indigo"}
    return {
        "site_name": theme_text(title),
        **({"site_url": site_url} if site_url else {}),
        "docs_dir": _relative(docs_dir, config_dir),
        "site_dir": _relative(site_dir, config_dir),
        "use_directory_urls": False,  # pages open from a file:// copy too (technicians offline)
        "strict": True,
        "validation": {
            "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"},
        },
        "theme": {
            "name": "material",
            "language": lang,
            "custom_dir": _relative(overrides_dir, config_dir),
            "font": False,
            "features": ["navigation.prune", "navigation.indexes", "navigation.top"],
            "palette": palette,
            **escaped(logo),
        },
        "plugins": [],  # MkDocs would add its own search plugin when the key is missing
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": stylesheets(config),
        **({"extra_javascript": list(scripts)} if scripts else {}),
        # Read by our search indexer only (never printed): the language and the synonyms, as written.
        "extra": {**escaped(extra), "aftersales_search": {
            "language": lang, "synonyms": [list(group) for group in config.search_synonyms(lang)],
            "products": search_products(kb, audience, lang)}},
        "copyright": theme_text(company.name),
        "nav": escaped_nav(nav),
    }


def _relative(path: Path, config_dir: Path | None) -> str:
    return str(path) if config_dir is None else Path(os.path.relpath(path, config_dir)).as_posix()


def stylesheets(config: SiteConfig) -> list[str]:
    """Ours, then the brand's colours, then the company's own stylesheet: each may refine the one before."""
    if config.brand is None:
        return ["assets/aftersales.css"]
    own = [f"assets/{config.brand.stylesheet}"] if config.brand.stylesheet else []
    return ["assets/aftersales.css", BRAND_STYLESHEET, *own]


def link_colour(primary: str) -> str:
    """Links are primary-coloured text on white: the primary, darkened until it reads at 4.5:1."""
    colour, share = primary, 0.0
    while contrast_ratio(colour, WHITE) < WCAG_AA_TEXT and share < 1:
        share = min(1.0, share + 0.05)
        colour = mix(primary, "#000000", share)
    return colour


def brand_stylesheet(brand: Brand) -> str:
    """Material's colour variables for ``primary: custom`` and ``accent: custom`` (see Material's
    "Changing the colors"), from ``brand``; only hex colours the model has checked reach this file."""
    text = brand.header_colour
    on_accent = readable_on(brand.accent)
    # The button under the pointer must stay as readable as the header: darker under light text.
    lighter_text = relative_luminance(text) > relative_luminance(brand.primary)
    hover = mix(brand.primary, "#000000", 0.2) if lighter_text else mix(brand.primary, WHITE, 0.2)
    return "\n".join([
        "/* The company's brand (site_config.yml brand:), generated by aftersales build. */",
        ':root, [data-md-color-primary="custom"] {',
        f"  --md-primary-fg-color: {brand.primary};",
        f"  --md-primary-fg-color--light: {mix(brand.primary, WHITE, 0.15)};",
        f"  --md-primary-fg-color--dark: {mix(brand.primary, '#000000', 0.2)};",
        f"  --md-primary-bg-color: {text};",
        f"  --md-primary-bg-color--light: {text}b3;",
        f"  --md-typeset-a-color: {link_colour(brand.primary)};",
        "}",
        ':root, [data-md-color-accent="custom"] {',
        f"  --md-accent-fg-color: {brand.accent};",
        f"  --md-accent-fg-color--transparent: {brand.accent}1a;",
        f"  --md-accent-bg-color: {on_accent};",
        f"  --md-accent-bg-color--light: {on_accent}b3;",
        "}",
        ".md-typeset .as-form .md-button--primary:hover, .md-typeset .as-form .md-button--primary:focus {",
        f"  background-color: {hover}; border-color: {hover}; color: {text}; }}",
        "",
    ])


def search_help(kb: KnowledgeBase, audience: str, lang: str, covered: bool) -> dict:
    """What the search dialog offers when nothing matches: "Am I covered?", the guides of a
    product the query names (its page), and how to reach a person (phone, e-mail)."""
    company = kb.config.company
    return {
        "intro": label("search_help", lang, kb.root),
        "covered": label("covered_tool", lang, kb.root) if covered else "",
        "contact": label("contact", lang, kb.root),
        "phone": company.phone or "", "tel": tel_uri(company.phone) if company.phone else "",
        "free": label("free_call", lang, kb.root) if company.phone and company.phone_is_free else "",
        "email": company.email if company.email and email_address(company.email) else "",
    }


def search_products(kb: KnowledgeBase, audience: str, lang: str) -> list[dict[str, str]]:
    """The products the search dialog may point to when nothing matches (their names and words).
    Shipped in the search index, fetched once: in every page's header they weighed 165 KB a page
    at 10,000 items (1,000 products), a third of the portal's bytes."""
    return [{"name": item.title(lang, kb.default_language), "words": " ".join(words(item.title(lang, kb.default_language))),
             "href": f"products/{item.id}.html"}
            for item in kb.of_type("product") if audience == "staff" or item.is_public]


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
