"""'What's new' (staff portals): every recorded change of the documents a portal shows, newest
first and by month, and the same changes as an Atom feed (``changes.xml``) for feed readers.

A change is one line of an item's ``document.history`` or its current version (``document.version``,
approved on ``document.approved``). The history lists earlier versions, so the current version
is a change of its own unless the history already has a line for it; ``approved_by`` belongs to
the current version only (earlier approvers are not recorded), and the page says so.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from generator.i18n.formats import month_year
from generator.render.page_spec import Download, PageSpec
from generator.render.portal import page_path, script_address

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import PageScope, Portal

WHATS_NEW_PAGE = "whats-new.md"
FEED = "changes.xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry at all (a YAML escape such as "\\x01" can produce them)."""


@dataclass(frozen=True)
class Change:
    """One version of one item: when it was approved and what changed."""

    item: Item
    version: str
    date: dt.date
    summary: Mapping[str, str] | None
    """What changed, per language; None for a current version recorded without one."""
    current: bool
    """Whether this is the item's current version (the only one ``approved_by`` applies to)."""
    approved_by: str | None = None

    @property
    def key(self) -> str:
        """Stable across builds and languages: the item, the version and its date."""
        return f"{self.item.id}@{self.version}@{self.date.isoformat()}"


def changes_of(items: Iterable[Item]) -> list[Change]:
    """Every change of ``items``, newest first (then by item id, then version, for a stable order)."""
    found: dict[str, Change] = {}
    for item in items:
        document = item.model.document
        recorded = False
        for record in document.history:
            current = record.version == document.version
            recorded = recorded or current
            change = Change(item, record.version, record.date, record.summary, current,
                            document.approved_by if current else None)
            found.setdefault(change.key, change)
        if not recorded:
            change = Change(item, document.version, document.approved, None, True, document.approved_by)
            found.setdefault(change.key, change)
    ordered = sorted(found.values(), key=lambda change: (change.item.id, change.version))
    return sorted(ordered, key=lambda change: change.date, reverse=True)


def whats_new(portal: Portal) -> Iterator[PageSpec]:
    """Staff portals only: the page, and its Atom feed beside it."""
    if portal.audience == "staff":
        title = portal.label("whats_new")
        yield PageSpec(WHATS_NEW_PAGE, title, render_whats_new,
                       downloads=(Download(FEED, atom_feed, feed_title=title),))


def render_whats_new(scope: PageScope) -> str:
    portal = scope.portal
    changes = changes_of(portal.items)
    months = [(day, list(group)) for day, group in
              groupby(changes, key=lambda change: change.date.replace(day=1))]
    return scope.render("pages/whats_new.md.j2", months=months, feed=FEED,
                        month_name=lambda day: month_year(day, portal.lang),
                        item_href=lambda item: scope.href(script_address(page_path(item))))


# --------------------------------------------------------------------------- the Atom feed


def rfc3339(day: dt.date) -> str:
    """A date as an RFC 3339 time (midnight UTC): Atom's ``updated``."""
    return f"{day.isoformat()}T00:00:00Z"


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def feed_address(portal: Portal, path: str) -> str:
    """``path`` (beside the feed) absolute when the portal has a published address, else relative."""
    return (portal.published_base() or "") + path


def entry_id(portal: Portal, change: Change) -> str:
    """A URN that stays the same from build to build and in every language's feed."""
    scope = portal.kb.config.url or portal.kb.config.company.name
    return uuid.uuid5(uuid.NAMESPACE_URL, f"aftersales:{scope}#{change.key}").urn


def atom_feed(portal: Portal) -> str:
    """The portal's changes as an Atom (RFC 4287) document.

    Dated by its newest change, not by the build, so an unchanged knowledge base gives the same
    file. Every text goes into the tree as text: ElementTree escapes it, nothing is concatenated."""
    changes = changes_of(portal.items)
    title = portal.text(portal.kb.config.title)
    # Atom as the default namespace (plain tags under xmlns), not ElementTree's 'ns0:' prefixes.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: portal.lang})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attributes)
        if text is not None:
            element.text = xml_text(text)
        return element

    scope = portal.kb.config.url or portal.kb.config.company.name
    add(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"aftersales:{scope}#{portal.audience}/{portal.lang}/{FEED}").urn)
    add(feed, "title", f"{title} — {portal.label('whats_new')}")
    newest = changes[0].date if changes else max((item.model.document.approved for item in portal.items),
                                                 default=dt.date(1970, 1, 1))
    add(feed, "updated", rfc3339(newest))
    add(feed, "link", rel="self", type="application/atom+xml", href=feed_address(portal, FEED))
    add(feed, "link", rel="alternate", type="text/html", href=feed_address(portal, script_address(WHATS_NEW_PAGE)))
    author = add(feed, "author")
    add(author, "name", portal.kb.config.company.name)
    for change in changes:
        item_title = portal.text(change.item.model.title)
        entry = add(feed, "entry")
        add(entry, "id", entry_id(portal, change))
        add(entry, "title", f"{item_title} — {portal.label('version')} {change.version}")
        add(entry, "updated", rfc3339(change.date))
        add(entry, "link", rel="alternate", type="text/html", href=item_address(portal, change.item))
        add(entry, "summary", change_summary(portal, change), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def item_address(portal: Portal, item: Item) -> str:
    path = page_path(item)
    return portal.published_url(path) or script_address(path)


def change_summary(portal: Portal, change: Change) -> str:
    """What changed, as plain text; the current version says who approved it."""
    text = portal.text(change.summary) if change.summary else portal.label("whats_new.current")
    if change.current and change.approved_by:
        text += f" ({portal.label('approved_by')}: {change.approved_by})"
    return text
