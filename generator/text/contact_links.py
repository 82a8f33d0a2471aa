"""Addresses that start a repair request in the customer's own mail program or the company's web form.

Nothing is sent by the portal: a ``mailto:`` address (RFC 6068) opens the customer's e-mail with
the subject and body filled in, or the company's web form opens with the same fields as query
parameters. Every field is percent-encoded (spaces as ``%20``, never ``+``; line breaks as
``%0D%0A``), so a symptom with ``&``, ``?``, ``#`` or accents arrives as typed.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

REQUEST_FIELDS = ("product", "model", "symptom", "guide")
"""The query parameters a web form receives, in this order (README "Contact and repair requests")."""


def mailto_address(email: str, subject: str, body: str) -> str:
    """``mailto:`` with a subject and a body, each encoded as RFC 6068 asks."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def web_form_address(url: str, fields: dict[str, str]) -> str:
    """The web form's address with ``fields`` (the non-empty ones) added as query parameters."""
    parts = urlsplit(url)
    extra = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in fields.items() if value)
    query = "&".join(part for part in (parts.query, extra) if part)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def request_body(fields: dict[str, str], names: dict[str, str]) -> str:
    """The e-mail's body: one ``Name: value`` line per field given, then a blank line to write more."""
    lines = [f"{names[name]}: {value}" for name, value in fields.items() if value]
    return "\n".join(lines) + "\n\n"
