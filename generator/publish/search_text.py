"""What the search index reads from a built page, and the one spelling it stores words in.

The spelling (``fold``, ``words``) lives in :mod:`generator.text.folding`, shared with the checks
of ``search: synonyms:``, and is mirrored line for line by ``templates/assets/search.js``: a query
is spelt the way the index was, so "reparacio" finds "reparació", "instalacio" and
"instal.lacio" find "instal·lació", and "aparell" finds "l'aparell".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BODY_MARKER = "data-search-body"
"""The attribute of the element holding a page's own text (templates/overrides/partials/content.html).

Navigation, header and footer are outside it; pages without it (404, print views) are not indexed.
"""

IGNORE_MARKER = "data-search-ignore"
"""An element inside the body that the index skips (with everything in it)."""

LEAD_MARKER = "data-search-lead"
"""An element whose words say what the page is about (an item's summary, a standard's
commitment): they weigh more than the rest of the body (templates/pages/, ``{: data-search-lead }``)."""

_SKIPPED_TAGS = frozenset({"script", "style", "svg", "template", "noscript", "button"})
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
                          "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                          "time", "u", "var"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class PageText:
    """One page as the index sees it: its title (first h1), its text and its headings."""

    title: str = ""
    text: str = ""
    headings: list[str] = field(default_factory=list)
    lead: str = ""
    """The text of the elements marked ``data-search-lead``."""
    anchors: list[tuple[int, str, str]] = field(default_factory=list)
    """(offset in ``text`` where the section starts, heading id, heading text), in page order."""


class _BodyReader(HTMLParser):
    """Collects the text of the body element; stops counting at its closing tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.page = PageText()
        self._depth = 0            # open elements of the body's tag (div) inside it, itself included
        self._done = False
        self._skip: tuple[str, int] | None = None   # (tag, nesting) of the element being skipped
        self._heading: tuple[str, str | None, int, int] | None = None   # (tag, id, text offset, part)
        self._lead: tuple[str, int] | None = None   # (tag, nesting) of the lead element being read
        self.lead: list[str] = []

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if self._depth == 0:
            if any(name == BODY_MARKER for name, _ in attrs):
                self._depth = 1
            return
        if tag == "div":
            self._depth += 1
        if self._skip:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        attributes = dict(attrs)
        if tag in _SKIPPED_TAGS or IGNORE_MARKER in attributes or "headerlink" in (attributes.get("class") or "").split():
            if tag not in _VOID_TAGS:
                self._skip = (tag, 1)
            return
        if self._lead:
            if tag == self._lead[0]:
                self._lead = (tag, self._lead[1] + 1)
        elif LEAD_MARKER in attributes and tag not in _VOID_TAGS:
            self._lead = (tag, 1)
            self.lead.append(" ")
        if tag in _HEADINGS and self._heading is None:
            self._add(" ")
            self._heading = (tag, attributes.get("id"), self.length, len(self.parts))
        elif tag not in _INLINE_TAGS:
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._done or self._depth == 0:
            return
        if self._skip:
            if tag == self._skip[0]:
                nesting = self._skip[1] - 1
                self._skip = (tag, nesting) if nesting else None
            if tag == "div":
                self._depth -= 1
            return
        if tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._done = True
                return
        if self._lead and tag == self._lead[0]:
            nesting = self._lead[1] - 1
            self._lead = (tag, nesting) if nesting else None
        if self._heading and tag == self._heading[0]:
            _, anchor, start, part = self._heading
            heading = " ".join("".join(self.parts[part:]).split())
            if tag == "h1" and not self.page.title:
                self.page.title = heading
            else:
                self.page.headings.append(heading)
                if anchor:
                    self.page.anchors.append((start, anchor, heading))
            self._heading = None
        if tag not in _INLINE_TAGS:
            self._add(" ")

    def handle_data(self, data: str) -> None:
        if self._depth and not self._done and not self._skip:
            self._add(data)
            if self._lead:
                self.lead.append(data)


def page_text(html: str) -> PageText | None:
    """The searchable text of a built page, or None when it has no body marker."""
    start = html.find(BODY_MARKER)
    if start < 0:
        return None
    start = html.rfind("<", 0, start)
    reader = _BodyReader()
    reader.feed(html[start:])
    reader.close()
    raw = "".join(reader.parts)
    page = reader.page
    page.lead = " ".join("".join(reader.lead).split())
    # Collapse the whitespace, keeping each anchor's offset on the collapsed text.
    text_parts: list[str] = []
    offsets: dict[int, int] = {}
    wanted = sorted({offset for offset, _, _ in page.anchors})
    position = 0
    for piece in re.finditer(r"\S+", raw):
        while wanted and wanted[0] <= piece.start():
            offsets[wanted.pop(0)] = position
        text_parts.append(piece.group())
        position += len(piece.group()) + 1
    page.text = " ".join(text_parts)
    page.anchors = [(offsets.get(offset, len(page.text)), anchor, heading) for offset, anchor, heading in page.anchors]
    return page
