"""What every page of one portal is rendered with: a frozen context, and one scope per page.

A :class:`Portal` is one audience in one language: the knowledge base, the items that audience
may see, the analysis stage's results, the day and the template environments. It never changes
while its pages are rendered. A :class:`PageScope` lives for one page: it knows where the page
is (for relative links) and collects the texts it had to show in the default language, so the
page can say it is not fully translated. The names templates see are listed, with what each
does, in :meth:`PageScope.helpers`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from generator.analyse import Analysis, analyse
from generator.i18n.catalogs import Messages, messages
from generator.load.assets import ASSETS_FOLDER, asset_problem, data_uri, image_size
from generator.model.fields import PHASES
from generator.render.print_paths import has_printable, print_path
from generator.render.templates import printable_environment, template_environment
from generator.render.words import dated, percent, value_words
from generator.text.contact_links import mailto_address, request_body, web_form_address
from generator.text.safe_text import (
    email_address,
    html_attribute,
    markdown_text,
    plain_text,
    tel_uri,
    web_address,
)

if TYPE_CHECKING:
    import datetime as dt

    from generator.load.knowledge_base import Item, KnowledgeBase


@dataclass(frozen=True)
class Page:
    """One Markdown page of a portal."""

    path: str
    """Path inside the docs folder, e.g. ``procedures/warranty-repair.md``."""
    title: str
    markdown: str
    item: str | None = None
    """Id of the item the page shows, if any."""


def page_path(item: Item) -> str:
    return f"{item.content_type.folder}/{item.id}.md"


@dataclass(frozen=True, eq=False)
class Portal:
    """One portal (audience × language) as its pages are rendered."""

    kb: KnowledgeBase
    audience: str
    lang: str
    analysis: Analysis
    env: jinja2.Environment
    """Page templates (the project's overrides first)."""
    printable_env: jinja2.Environment
    with_pdf: bool
    """Whether PDFs are built beside the print views (``build --no-pdf`` skips them)."""
    items: tuple[Item, ...]
    """The items this audience may see, in knowledge-base order."""
    visible: Mapping[str, Item]

    @classmethod
    def open(cls, kb: KnowledgeBase, audience: str, lang: str, analysis: Analysis | None = None,
             with_pdf: bool = True) -> Portal:
        items = tuple(item for item in kb.items if audience == "staff" or item.is_public)
        return cls(kb, audience, lang, analysis or analyse(kb), template_environment(kb.root),
                   printable_environment(kb.root), with_pdf, items, {item.id: item for item in items})

    @property
    def default_lang(self) -> str:
        return self.kb.default_language

    @property
    def today(self) -> dt.date:
        """The day waivers and review dates are judged against (the build date)."""
        return self.analysis.today

    @cached_property
    def covered_page(self) -> bool:
        """Whether the portal has the 'Am I covered?' page: it shows warranty rules."""
        return any(item.type == "warranty" for item in self.items)

    def items_of(self, type_name: str) -> list[Item]:
        return [item for item in self.items if item.type == type_name]

    def sorted_by_title(self, items: Iterable[Item]) -> list[Item]:
        return sorted(items, key=lambda item: item.title(self.lang, self.default_lang).casefold())

    def text(self, value: Mapping[str, str] | None) -> str:
        """A content text in this portal's language (the default language when not translated)."""
        if not value:
            return ""
        if self.lang in value:
            return value[self.lang]
        return value.get(self.default_lang) or next(iter(value.values()))

    def title_of(self, item_id: str) -> str:
        item = self.kb.get(item_id)
        return self.text(item.model.title) if item else item_id

    def image_ok(self, name: str) -> bool:
        """Checked again here, not only by check: the asset.missing rule may be switched off,
        and a picture that is not a file inside assets/ must never be copied or shown."""
        return asset_problem(self.kb.root, name) is None

    def published_base(self) -> str | None:
        """The published address of this portal (``url`` of site_config.yml), or None without one."""
        url = self.kb.config.url
        return url.rstrip("/") + f"/{self.audience}/{self.lang}/" if url else None

    def published_url(self, path: str) -> str | None:
        """Where the page at ``path`` (``guides/x.md``) is published, when ``url`` is configured."""
        base = self.published_base()
        return base + path.removesuffix(".md") + ".html" if base else None

    def request_form(self) -> str | None:
        """The company's web form (its first ``web_form`` channel), when it is an http(s) address
        a page may link to as it is written (no spaces, quotes or angle brackets)."""
        channels = self.kb.config.company.channels
        return next((channel.value for channel in channels if channel.kind == "web_form" and web_address(channel.value)),
                    None)

    def request_address(self, fields: Mapping[str, str]) -> str | None:
        """Where a repair request starts, with ``fields`` (product, model, symptom, guide) filled in:
        the company's web form when it has one, else an e-mail to it; None without either.
        Nothing is sent by the portal: the customer's own mail program or browser opens it."""
        form = self.request_form()
        if form:
            return web_form_address(form, dict(fields))
        company = self.kb.config.company
        email = next((address for address in [company.email, *(channel.value for channel in company.channels
                                                                if channel.kind == "email")]
                      if address and email_address(address)), None)
        if not email:
            return None
        names = {name: self.label(f"request.{name}") for name in fields}
        return mailto_address(email, f"{self.label('request.subject')} — {company.name}", request_body(dict(fields), names))

    def image_size(self, name: str) -> tuple[int, int] | None:
        """A usable picture's (width, height), set on the page so that it does not jump as it loads."""
        return image_size(self.kb.root, name)

    def image_data_uri(self, name: str) -> str | None:
        """A usable picture inline, for printables (nothing is fetched when they are printed)."""
        return data_uri(self.kb.root / ASSETS_FOLDER / name) if self.image_ok(name) else None

    def used_assets(self) -> list[str]:
        """Image files (paths inside the project's assets/) shown by the pages of this portal."""
        names = [self.kb.config.logo] if self.kb.config.logo else []
        for item in self.items_of("guide"):
            names.extend(step.image for step in item.model.steps if step.image)
        return sorted({name for name in names if self.image_ok(name)})

    def referrers(self, item_id: str, type_name: str | None = None) -> list[Item]:
        """Visible items that refer to ``item_id`` (each once, in knowledge-base order)."""
        seen: dict[str, Item] = {}
        for ref in self.kb.referrers_of(item_id):
            source = ref.source
            if source.id in self.visible and (type_name is None or source.type == type_name) and ref.loc[0] != "document":
                seen.setdefault(source.id, source)
        return list(seen.values())

    @cached_property
    def words(self) -> Messages:
        """The portal's interface words, looked up once: a page asks for dozens of them, and
        finding the catalogs again each time (a path and a stat) cost a third of rendering."""
        return messages(self.lang, self.kb.root)

    def label(self, key: str) -> str:
        """An interface word in this portal's language (the knowledge base's own catalog first)."""
        return self.words(key)

    def gettext_callables(self) -> dict[str, Any]:
        """Jinja2's i18n extension in this portal's language: ``{{ _("Steps") }}``, ``{% trans %}``."""
        words = self.words
        return {"_": words.gettext, "gettext": words.gettext, "ngettext": words.ngettext, "pgettext": words.pgettext}

    def print_links(self, item_or_path: Item | str, href) -> Markup:
        """'Print · PDF' links to a printable (the PDF only when PDFs are built); nothing for an
        item without one."""
        if isinstance(item_or_path, str):
            view = item_or_path
        elif has_printable(item_or_path):
            view = print_path(item_or_path)
        else:
            return Markup("")
        links = [f"[{self.label('print')}]({href(view)})"]
        if self.with_pdf:
            links.append(f"[{self.label('pdf')}]({href(view.removesuffix('.html') + '.pdf')})")
        return Markup(" · ".join(links))


class PageScope:
    """One page being rendered: its place in the portal and the texts it showed untranslated."""

    def __init__(self, portal: Portal, path: str) -> None:
        self.portal = portal
        self.path = path
        self.lang = portal.lang
        self.fell_back = False
        """Whether a text of this page was shown in the default language."""
        self._here = posixpath.dirname(path)

    def text(self, value: Mapping[str, str] | None) -> str:
        """A content text in the page's language; a fallback to the default language is noted."""
        if value and self.lang not in value:
            self.fell_back = True
        return self.portal.text(value)

    def title_of(self, item_id: str) -> str:
        item = self.portal.kb.get(item_id)
        return self.text(item.model.title) if item else item_id

    def label(self, key: str) -> str:
        return self.portal.label(key)

    def href(self, target: str) -> str:
        """``target`` (a path inside the portal) relative to this page."""
        here = self._here
        # Pages live at most one folder deep: skip posixpath.relpath, which is slow.
        if not here:
            return target
        if target.startswith(here + "/"):
            return target[len(here) + 1:]
        if "/" in here:
            return posixpath.relpath(target, here)
        return "../" + target

    def link(self, item_id: str) -> Markup:
        """A Markdown link to an item visible in this portal; only its name otherwise."""
        item = self.portal.visible.get(item_id)
        if item is None:
            return plain_text(self.title_of(item_id))
        return Markup(f"[{plain_text(self.title_of(item_id))}]({self.href(page_path(item))})")

    def links(self, item_ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.link(item_id) for item_id in item_ids)

    def helpers(self) -> dict[str, Any]:
        """Every name a page template sees, besides what its page kind adds."""
        portal = self.portal
        config = portal.kb.config
        return {
            # Content texts, in the page's language, made safe.
            "text": lambda value: markdown_text(self.text(value)),  # a text as Markdown (links, bold kept)
            "plain": lambda value: plain_text(self.text(value)),  # a text as plain words (titles, table cells)
            "plain_string": plain_text,  # a one-language string (site_config, waivers) as plain words
            "label": self.label,  # an interface word of the portal's language, by its key
            **self.portal.gettext_callables(),  # _(), gettext, ngettext, pgettext and {% trans %}
            # Links and addresses, relative to this page.
            "href": self.href,  # a portal path → relative address
            "link": self.link,  # an item id → [title](address), or the bare title when not visible
            "links": self.links,  # several ids → links separated by commas
            "page_path": page_path,  # an item → its page's path in the portal
            "print_links": lambda item: portal.print_links(item, self.href),  # 'Print · PDF'
            "tel_link": tel_uri,  # a phone number → tel: address
            "image_ok": portal.image_ok,  # whether an assets/ picture may be shown
            "image_size": portal.image_size,  # its (width, height), or None
            "request_address": portal.request_address,  # {product, model, symptom, guide} → mailto:/web form
            "attribute": html_attribute,  # any value inside an HTML attribute of a raw HTML block
            "title_of": self.title_of,  # an item id → its title as a plain string (for attributes)
            "plain_words": self.text,  # a content text as a plain string (for attributes: autoescaped)
            "page_url": portal.published_url(self.path),  # this page's published address, or None
            # The portal and its knowledge base.
            "lang": self.lang,
            "audience": portal.audience,
            "kb": portal.kb,
            "config": config,
            "company": config.company,
            "phases": PHASES,
            "covered_page": portal.covered_page,  # whether 'Am I covered?' exists in this portal
            "items_of": portal.items_of,  # a type name → its visible items
            "referrers": portal.referrers,  # visible items citing an id (optionally of one type)
            "department_name": lambda key: self.text(config.departments.get(key)) or key,
            "target_text": lambda target: value_words(target, self),  # '4 hours', '95 %'
            "percent": lambda share: percent(share, self.lang),  # 0.5 → '50 %'
            "date": lambda day: dated(day, self.lang),  # a date in words, in a <time> element
        }

    def render(self, template: str | list[str], **context: Any) -> str:
        """A page template rendered with :meth:`helpers` and ``context``."""
        found = self.portal.env.select_template(template) if isinstance(template, list) else (
            self.portal.env.get_template(template))
        return found.render(self.helpers() | context)


def script_address(markdown_path: str) -> str:
    """The address MkDocs gives a page (``use_directory_urls: false``), for links scripts build."""
    return markdown_path[:-3] + ".html" if markdown_path.endswith(".md") else markdown_path
