"""Markup in content texts: raw HTML is shown as text, unsafe links are refused.

The renderer escapes both anyway (see generator/render/safe_text.py); these checks tell the
author, with the line and column, instead of silently changing what they wrote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.render.safe_text import LINK_RE, has_raw_html, url_problem
from generator.validate.codes import rule
from generator.validate.diagnostics import Diagnostic
from generator.validate.schema import format_loc

if TYPE_CHECKING:
    from generator.knowledge_base import Item, KnowledgeBase


def check_markup(kb: KnowledgeBase) -> list[Diagnostic]:
    return [diagnostic for item in kb.items for diagnostic in item.remembered("markup", markup_problems)]


def markup_problems(item: Item) -> list[Diagnostic]:
    diagnostics = []
    for loc, texts in item.texts:
        for lang, text in texts.items():
            if "<" not in text and "](" not in text:
                continue  # the common case: plain prose
            where = f"{format_loc(loc)} ({lang})"
            line, column = item.position(loc + (lang,)) if isinstance(item.source.data, dict) else (1, 1)
            if has_raw_html(text):
                diagnostics.append(Diagnostic(
                    rule("text.raw-html").severity, "text.raw-html",
                    f"{where}: HTML tags are not allowed in texts and will be shown as plain text;"
                    " use Markdown (**bold**, lists, [links](https://…)) instead",
                    item.file, line, column, item.id))
            for match in LINK_RE.finditer(text):
                bang, _, target, _ = match.groups()
                problem = url_problem(target)
                if bang:
                    problem = problem or "pictures in texts are not shown; use the step's 'image' field"
                if problem:
                    code = "text.inline-image" if bang and url_problem(target) is None else "text.unsafe-link"
                    diagnostics.append(Diagnostic(
                        rule(code).severity, code, f"{where}: {problem} ({target})",
                        item.file, line, column, item.id))
    return diagnostics
