"""What a page kind says about each of its pages: the :class:`PageSpec`.

See :mod:`generator.render.page_list` for the list of page kinds and what is derived from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import PageScope, Portal
    from generator.render.printables import Printable


@dataclass(frozen=True)
class Section:
    """A navigation section: its pages are listed under ``title``."""

    key: str
    title: str


@dataclass(frozen=True)
class Download:
    """A file offered beside a page (the standards register as CSV)."""

    path: str
    produce: Callable[[Portal], str]
    newline: str | None = None
    """How to write line ends (``""``: as produced, for CSV's CRLF)."""
    feed_title: str | None = None
    """For a feed (Atom): its title, announced in the head of every page of the portal."""


@dataclass(frozen=True)
class PageSpec:
    """One page of a portal, before it is rendered."""

    path: str
    """Path inside the docs folder, e.g. ``procedures/warranty-repair.md``."""
    title: str
    render: Callable[[PageScope], str]
    """The page's Markdown, from a scope that collects its language fallbacks."""
    nav_title: str | None = None
    """The title in the navigation, when it differs from the page's."""
    section: Section | None = None
    """The navigation section the page belongs to; None: a top-level entry."""
    section_index: bool = False
    """The section's own page, listed first and untitled (MkDocs' section index)."""
    nav_after: str | None = None
    """The path of the page this one belongs to (a product's error codes): listed right after it."""
    item: Item | None = None
    """The item the page shows; None for listings and summaries (they show many items)."""
    printable: Callable[[Portal], Printable] | None = None
    """Its print view (and PDF), if it has one."""
    more_printables: tuple[tuple[str, Callable[[Portal], Printable]], ...] = ()
    """Further print views that come with the page, by path (a procedure's checklist per role)."""
    downloads: tuple[Download, ...] = ()
    scripts: tuple[str, ...] = ()
    """Scripts the page needs (served from the portal's assets/)."""


def spec_printables(spec: PageSpec) -> list[Callable[[Portal], Printable]]:
    """How to render each print view that comes with the page: its own, then the others."""
    return ([spec.printable] if spec.printable is not None else []) + [render for _, render in spec.more_printables]
