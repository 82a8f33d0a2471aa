"""Content text → Markdown that can never become live HTML or script.

Content fields may use Markdown (emphasis, lists, inline links), but not raw HTML: ``<`` ``>``
and ``&`` are escaped so tags show as text, braces are escaped so ``{: onclick=…}`` cannot become
an attribute through attr_list, and links or images whose address is not http(s), mailto, tel or
a plain relative path are reduced to their text. Every other square bracket becomes a character
reference, so no other link syntax can form: not a reference-style link (``[f][ref]`` with
``[ref]: javascript:…`` on its own line), not a link whose label spans lines, not a link that a
value closes inside a label the template opened (``[{{ phone }}](tel:…)``).

Strings handed to MkDocs and Material (navigation titles, site name, copyright, ``extra``
values) are not Markdown: the theme prints them as HTML without escaping, so
:func:`theme_text` escapes them for HTML (see ``generator/publish/mkdocs_config.py``).

The checks report the same problems with a line and column (``text.raw-html``,
``text.html-in-title``, ``text.unsafe-link``); escaping here is the second lock, and it holds
when a company switches those checks off.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata

import markupsafe
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# [label](target "title") and ![alt](target) — targets without spaces or with <...>
LINK_RE = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*(<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(\s+\"[^\"\n]*\")?\s*\)")
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_WEB_ADDRESS_RE = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[^@\s\"'<>()\[\]\\,;:]+@[^@\s\"'<>()\[\]\\,;:]+\.[^@\s\"'<>()\[\]\\,;:]+")
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>\n]*)?/?>|<!--|<!\[CDATA\[|<\?")


def normalise_url(url: str) -> str:
    """What a browser would see: entities decoded, invisible and space characters removed."""
    decoded = html.unescape(url.strip().strip("<>"))
    return "".join(ch for ch in decoded if not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")))


def url_problem(url: str) -> str | None:
    """Why a link or image address is refused, or None when it is safe."""
    target = normalise_url(url)
    match = _SCHEME_RE.match(target)
    if match:
        scheme = match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            return f"links to '{scheme}:' addresses are not allowed"
        return None
    if target.startswith(("/", "\\")) or "\\" in target:
        return "absolute paths and backslashes are not allowed in links"
    if ".." in target.split("/"):
        return "links may not climb out of the portal with '..'"
    return None


def web_address(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address a page may link to as it is written
    (no spaces, quotes or angle brackets, which would end an attribute or a Markdown link)."""
    return bool(_WEB_ADDRESS_RE.fullmatch(url)) and url_problem(url) is None


def tel_uri(number: str) -> str:
    """'900 102 030' → 'tel:900102030' (a link phones can dial)."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def has_raw_html(text: str) -> bool:
    return bool(_HTML_TAG_RE.search(text))


_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
"""What no text may carry as it is: tags, entities, attr_list braces."""

_MARKDOWN_ESCAPES = str.maketrans({**_REFERENCES, "[": "&#91;", "]": "&#93;"})
"""Character references, not backslashes: they show the same character in Markdown text and in
the raw HTML blocks of the templates (tables built in HTML), where a backslash would show."""


def _escape(text: str) -> str:
    return text.translate(_MARKDOWN_ESCAPES)


def theme_text(text: str) -> str:
    """``text`` escaped for HTML, for a value MkDocs or Material prints without escaping.

    The reader sees exactly ``text`` (``<`` as ``<``, ``&`` as ``&``); quotes are escaped too, as
    the theme also prints these values inside attributes (``title="…"``, ``aria-label="…"``)."""
    return html.escape(text, quote=True)


def markdown_text(text: str) -> Markup:
    """Escape ``text`` for inclusion in a generated Markdown page (see the module docstring)."""
    out = []
    position = 0
    for match in LINK_RE.finditer(text):
        out.append(_escape(text[position:match.start()]))
        bang, label, target, title = match.groups()
        if bang or url_problem(target) is not None:
            # Pictures in texts are never shown (text.inline-image): a remote one would be a
            # request to another host, a local one belongs in a guide step's 'image'.
            out.append(_escape(label))
        else:
            out.append(f"{bang}[{_escape(label)}]({_escape(target)}{_escape(title or '')})")
        position = match.end()
    out.append(_escape(text[position:]))
    return Markup("".join(out))


_PLAIN_ESCAPES = str.maketrans({**{char: f"&#{ord(char)};" for char in "\\`*[]()#+!|~^"}, **_REFERENCES})
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An underscore that could start or end emphasis; between two letters or digits (``due_soon``)
Markdown keeps it as it is."""
_LINE_START_SYNTAX = re.compile(r"^(\s*)(?:([-=])|(:)(?=\s|$)|(\d+)([.)])(?=\s|$))")
"""What makes a list, a rule (``---``), a heading underline or a definition when a value starts a line."""


def plain_text(text: str) -> Markup:
    """Escape ``text`` so Markdown shows it exactly as written, on one line.

    For names, titles in tables and link labels, and every plain string a template prints
    (Jinja's ``finalize``): Markdown's characters become character references, which show the
    same character in Markdown text and in the templates' raw HTML blocks (a backslash would
    show there)."""
    escaped = _EDGE_UNDERSCORE.sub("&#95;", " ".join(text.splitlines()).translate(_PLAIN_ESCAPES))
    return Markup(_LINE_START_SYNTAX.sub(_line_start, escaped, count=1))


def _line_start(match: re.Match) -> str:
    space, mark, colon, number, dot = match.groups()
    if mark or colon:
        return f"{space}&#{ord(mark or colon)};"
    return f"{space}{number}&#{ord(dot)};"


def html_attribute(text: object) -> Markup:
    """``text`` for an attribute value of the raw HTML the page templates write (a form's option, a
    data- attribute, a link's address): every quote, angle bracket and ampersand as a character
    reference. The templates' autoescaping is for Markdown text, where quotes mean nothing; inside
    an attribute a quote would end it."""
    return Markup(markupsafe.escape(str(text)))


def email_address(text: str) -> bool:
    """Whether ``text`` is an e-mail address a ``mailto:`` link can carry as it is written."""
    return bool(_EMAIL_RE.fullmatch(text))


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: object) -> Markup:
    """``value`` as JSON for a ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes (still the same JSON), so no text in
    the data can close the script element or open a comment; a page reads it with JSON.parse.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_UNSAFE))
