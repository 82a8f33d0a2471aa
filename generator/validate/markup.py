"""Markup in texts: raw HTML is shown as text, unsafe links are refused.

The renderer escapes both anyway (see generator/text/safe_text.py); these checks tell the
author, with the line and column, what the reader will see instead of what they wrote. The
same checks run on the texts of content items and on every string of ``site_config.yml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic, Rule
from generator.diagnostics.rules.markup import (
    TEXT_HTML_IN_TITLE,
    TEXT_INLINE_IMAGE,
    TEXT_RAW_HTML,
    TEXT_REFERENCE_LINK,
    TEXT_UNSAFE_LINK,
)
from generator.load.schema import format_loc
from generator.model.walk import string_leaves
from generator.text.safe_text import (
    LINK_RE,
    email_address,
    has_raw_html,
    url_problem,
    web_address,
)

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.load.project import Project

REFERENCE_DEFINITION_RE = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
"""``[ref]: address`` on its own line: the target of a reference-style link ``[label][ref]``."""

TITLE_PLACES = "the navigation, the browser tab, the page heading, search results and printouts"
CONFIG_TITLE_PLACES = {
    "title": "the header and the browser tab of every page, and on printouts",
    "company": "the footer of every page, the contact details and printouts",
}

_ADDRESS_FIELDS = {("url",), ("company", "website")}


def check_markup(kb: KnowledgeBase) -> list[Diagnostic]:
    return [diagnostic for item in kb.items for diagnostic in item.remembered("markup", markup_problems)]


def markup_problems(item: Item) -> list[Diagnostic]:
    diagnostics = []
    for loc, texts in item.texts:
        for lang, text in texts.items():
            if not _may_hold_markup(text):
                continue  # the common case: plain prose
            line, column = item.position(loc + (lang,)) if isinstance(item.source.data, dict) else (1, 1)
            places = TITLE_PLACES if loc == ("title",) else None
            diagnostics.extend(text_problems(text, f"{format_loc(loc)} ({lang})", places, item.file, line, column,
                                             item.id))
    return diagnostics


def check_config_markup(project: Project) -> list[Diagnostic]:
    """Every string of ``site_config.yml``: the same text checks as content, and its addresses.

    The portal title and the company name are titles: the theme shows them on every page."""
    diagnostics = []
    config = project.config
    file = project.config_file
    emails = {("company", "email")}
    addresses = set(_ADDRESS_FIELDS)
    for number, channel in enumerate(config.company.channels):
        if channel.kind == "web_form":
            addresses.add(("company", "channels", number, "value"))
        elif channel.kind == "email":
            emails.add(("company", "channels", number, "value"))
    for loc, text in string_leaves(config.model_dump(mode="python", exclude_defaults=True)):
        line, column = project.config_position(loc)
        if loc in addresses and not web_address(text):
            diagnostics.append(_diagnostic(
                TEXT_UNSAFE_LINK, f"{format_loc(loc)}: '{text}' is not a web address the portal can link to;"
                " write it in full, e.g. https://www.example.com/contact", file, line, column))
        elif loc in emails and not email_address(text):
            diagnostics.append(_diagnostic(
                TEXT_UNSAFE_LINK, f"{format_loc(loc)}: '{text}' is not an e-mail address the portal can link to"
                " (name@example.com)", file, line, column))
        elif _may_hold_markup(text):
            places = CONFIG_TITLE_PLACES[loc[0]] if loc[:1] == ("title",) or loc == ("company", "name") else None
            diagnostics.extend(text_problems(text, format_loc(loc), places, file, line, column, None))
    return diagnostics


def text_problems(text: str, where: str, title_places: str | None, file: str, line: int, column: int,
                  item: str | None) -> list[Diagnostic]:
    """What the portal will do with the HTML and links of one text, as diagnostics at its position.

    ``title_places``: where the text is shown when it is a title (HTML in it is an error), else None."""
    diagnostics = []
    if has_raw_html(text):
        if title_places:
            diagnostics.append(_diagnostic(
                TEXT_HTML_IN_TITLE, f"{where}: a title cannot hold HTML tags; it is shown in {title_places}, where"
                " the tags would appear as typed (e.g. '<b>' as the characters <b>); write it without them",
                file, line, column, item))
        else:
            diagnostics.append(_diagnostic(
                TEXT_RAW_HTML, f"{where}: HTML tags are not used as HTML: readers will see them as typed"
                " (e.g. '<b>' as the characters <b>), never as formatting or script; use Markdown"
                " (**bold**, lists, [links](https://…)) instead", file, line, column, item))
    for match in LINK_RE.finditer(text):
        bang, _, target, _ = match.groups()
        problem = url_problem(target)
        if bang:
            problem = problem or "pictures in texts are not shown; use the step's 'image' field"
        if problem:
            code = TEXT_INLINE_IMAGE if bang and url_problem(target) is None else TEXT_UNSAFE_LINK
            diagnostics.append(_diagnostic(code, f"{where}: {problem} ({target})", file, line, column, item))
    for match in REFERENCE_DEFINITION_RE.finditer(text):
        label, target = match.groups()
        problem = url_problem(target)
        if problem:
            diagnostics.append(_diagnostic(
                TEXT_UNSAFE_LINK, f"{where}: {problem} ([{label}]: {target})", file, line, column, item))
        else:
            diagnostics.append(_diagnostic(
                TEXT_REFERENCE_LINK, f"{where}: reference-style links ([{label}]: {target}) are shown as typed,"
                f" not as a link; write [text]({target.strip('<>')}) where the link goes", file, line, column, item))
    return diagnostics


def _may_hold_markup(text: str) -> bool:
    return "<" in text or "](" in text or "]:" in text


def _diagnostic(rule: Rule, message: str, file: str, line: int, column: int, item: str | None = None) -> Diagnostic:
    return Diagnostic.at(file, (line, column), rule, message, item=item)
