"""Printable documents: a checklist per procedure, a blank form per form, a customer copy per guide.

Standalone HTML from ``templates/print/`` (styles inline, nothing to fetch), shown as the
"Print" view of a page and turned into PDF by ``generator/publish/pdf.py``. Content texts are
Markdown rendered to HTML after :func:`markdown_text` has escaped them, so they stay inert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown as _markdown
from markupsafe import Markup, escape

from generator.load.knowledge_base import step_numbers, step_runs
from generator.model.fields import PHASES
from generator.render.print_paths import PRINT_TEMPLATES, print_path
from generator.render.words import dated, value_words
from generator.text.safe_text import markdown_text

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import Portal


ROOT_MARK = "\x00root\x00/"
"""Stands for the portal's root in a print view as rendered (:func:`print_context`); a print view
knows where it lives only once it is a :class:`Printable`, which writes the relative path."""
BACK_MARK = "\x00back\x00"
"""Stands for the page a print view's 'Back' link leads to."""


@dataclass(frozen=True)
class Printable:
    item: Item | None
    """The item printed; None for a printable of several items (the service charter)."""
    path: str
    """Path of the HTML print view inside the portal; the PDF sits beside it."""
    html: str
    back: str | None = None
    """The page (``roles/x.html``) the print view's 'Back' link leads to; by default the page it
    prints: ``print/guides/x.html`` → ``guides/x.html``."""
    pdf: bool = True
    """Whether a PDF is made of it (a one-step role's checklist: the print view only)."""

    def __post_init__(self) -> None:
        root = "../" * self.path.count("/")
        back = root + (self.back or self.path.removeprefix("print/"))
        object.__setattr__(self, "html", self.html.replace(BACK_MARK, back).replace(ROOT_MARK, root))

    @property
    def pdf_path(self) -> str:
        return self.path.removesuffix(".html") + ".pdf"


_MARKDOWN = _markdown.Markdown()
"""One converter, reset between texts: building a new one per text cost 13 s of 18 s when
re-rendering 1,000 items (bench/run.py --profile)."""


_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]#<>&{}\\]|\n|^\s*(?:[-+]|\d+[.)])\s")
"""Characters that can make Markdown (or need its escaping); most texts are plain prose."""


def inline_markdown(text: str) -> Markup:
    """A content text as HTML: escaped first, then Markdown (bold, lists, links)."""
    if not _MARKDOWN_SYNTAX.search(text):
        return escape(text)  # plain prose: the converter would only wrap it in <p>
    html = _MARKDOWN.reset().convert(str(markdown_text(text)))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def print_context(portal: Portal) -> dict:
    return {
        "lang": portal.lang, "config": portal.kb.config, "company": portal.kb.config.company, "kb": portal.kb,
        "phases": PHASES, "text": lambda value: inline_markdown(portal.text(value)),
        "plain": portal.text,  # titles: shown as typed (autoescaped), never read as Markdown
        "label": portal.label, "title_of": portal.title_of, **portal.gettext_callables(),
        "department_name": lambda key: portal.text(portal.kb.config.departments.get(key)) or key,
        "target_text": lambda target: value_words(target, portal),
        "date": lambda day: dated(day, portal.lang),
        "image_data_uri": portal.image_data_uri, "image_size": portal.image_size,  # a guide step's picture
        "root": ROOT_MARK, "back": BACK_MARK,  # made relative by Printable
    }


def render_printable(portal: Portal, item: Item) -> Printable:
    """The printable of one item (a procedure's checklist, a form, a guide's customer copy)."""
    base = portal.published_base()
    context = print_context(portal) | {"model": item.model, "item": item,
                                       "page_url": base + f"{item.content_type.folder}/{item.id}.html" if base else None}
    if item.type == "procedure":
        context["step_numbers"], context["step_numbers_by_id"] = step_numbers(item)
        context["runs"] = step_runs(item)  # the steps in the order the case runs
    html = portal.printable_env.get_template(PRINT_TEMPLATES[item.type]).render(context)
    return Printable(item, print_path(item), html)
