"""One list of a portal's pages, from which everything else about them is derived.

Each page kind (a module of this package) offers :class:`PageSpec` s for a portal: the page's
path, title, place in the navigation, how to render it, and the printables, downloads and
scripts that come with it. Rendering, the set of page paths, the MkDocs navigation, the scripts
a portal loads and the extra files of a build all read the list :func:`portal_pages` returns, as
MkDocs derives its menu from its files. Adding a page kind: its module, its template, and one
line in :data:`PAGE_KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.i18n.labels import language_name
from generator.memory import paused_garbage_collector
from generator.render import (
    compliance_pages,
    front_door,
    help_pages,
    item_pages,
    manual,
    product_pages,
    staff_pages,
    standards,
    tool_pages,
    whats_new,
)
from generator.render.navigation import nav_groups
from generator.render.page_spec import Download, PageSpec, Section
from generator.render.portal import Page, PageScope, Portal

PAGE_KINDS: tuple[Callable[[Portal], Iterator[PageSpec]], ...] = (
    front_door.home,
    tool_pages.covered,
    tool_pages.repair_or_replace,
    standards.charter,
    help_pages.request,
    help_pages.contact,
    item_pages.type_sections,
    product_pages.error_codes,
    staff_pages.coverage,
    standards.register,
    manual.manual,
    staff_pages.documents,
    whats_new.whats_new,
    staff_pages.translations,
    compliance_pages.compliance,
)
"""Every page kind, in the order of the portal's navigation."""


def portal_pages(portal: Portal) -> list[PageSpec]:
    """Every page of the portal, in navigation order."""
    return [spec for kind in PAGE_KINDS for spec in kind(portal)]


def render_page(portal: Portal, spec: PageSpec) -> Page:
    """A finished page; one that showed a text in the default language says so under its title."""
    scope = PageScope(portal, spec.path)
    markdown = spec.render(scope)
    if scope.fell_back:
        body = portal.label("not_translated_body").format(language=language_name(portal.default_lang))
        notice = f'!!! warning "{portal.label("not_translated")}"\n\n    {body}\n\n'
        head, _, rest = markdown.partition("\n")
        markdown = f"{head}\n\n{notice}{rest}" if head.startswith("# ") else notice + markdown
    return Page(spec.path, spec.title, markdown, spec.item.id if spec.item else None)


def wanted(spec: PageSpec, only: set[str] | None, listings: bool) -> bool:
    """Whether ``render_pages(only, listings)`` renders the page (``serve`` after an edit)."""
    if spec.item is None:
        return listings
    return only is None or spec.item.id in only


def render_pages(portal: Portal, only: set[str] | None = None, listings: bool = True,
                 specs: list[PageSpec] | None = None) -> list[Page]:
    """Every page of the portal; with ``only``, item pages just for those ids, and without
    ``listings`` none of the pages that show many items (``serve``, see ``shown_elsewhere``)."""
    with paused_garbage_collector():
        return [render_page(portal, spec) for spec in specs or portal_pages(portal) if wanted(spec, only, listings)]


def render_path(portal: Portal, path: str) -> Page:
    """The one page at ``path`` (tests, previews)."""
    for spec in portal_pages(portal):
        if spec.path == path:
            return render_page(portal, spec)
    raise KeyError(f"{portal.audience}/{portal.lang} has no page {path}")


def page_paths(specs: list[PageSpec]) -> set[str]:
    return {spec.path for spec in specs}


def scripts(specs: list[PageSpec]) -> list[str]:
    """Scripts the portal loads (MkDocs extra_javascript), each once, in page order."""
    return list(dict.fromkeys(script for spec in specs for script in spec.scripts))


def navigation(specs: list[PageSpec]) -> list:
    """MkDocs ``nav``: top-level pages and sections in page order; a section lists its index
    first, then its pages (in groups when there are many, see :func:`nav_groups`); a page that
    belongs to another (``nav_after``) comes right after it."""
    nav: list = []
    sections: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    paths = page_paths(specs)
    belonging: dict[str, list[dict[str, str]]] = {}
    for spec in specs:
        if spec.nav_after in paths:
            belonging.setdefault(spec.nav_after, []).append({spec.nav_title or spec.title: spec.path})
    for spec in specs:
        if spec.nav_after in paths:
            continue
        title = spec.nav_title or spec.title
        if spec.section is None:
            nav.extend([{title: spec.path}, *belonging.get(spec.path, ())])
            continue
        if spec.section.key not in sections:
            sections[spec.section.key] = ([], [])
            nav.append(spec.section)
        indexes, links = sections[spec.section.key]
        if spec.section_index:
            indexes.append(spec.path)
        else:
            links.append({title: spec.path})
        links.extend(belonging.get(spec.path, ()))
    return [{entry.title: [*sections[entry.key][0], *nav_groups(sections[entry.key][1])]}
            if isinstance(entry, Section) else entry for entry in nav]


__all__ = ["PAGE_KINDS", "Download", "PageSpec", "Section", "navigation", "page_paths", "portal_pages",
           "render_page", "render_pages", "render_path", "scripts"]
