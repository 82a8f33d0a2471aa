"""Interface words from gettext catalogs: the ones shipped with the tool, and a knowledge base's own.

Every message has a context, the key the code and templates use (``label("diagram")``), and an
English ``msgid``. The template ``locales/aftersales.pot`` lists them all; each language has
``locales/<lang>/LC_MESSAGES/aftersales.po``, the format translators' tools (Poedit, Weblate)
read and write. A knowledge base may add a language or change words in its own
``locales/<lang>/LC_MESSAGES/aftersales.po``: its messages come first, then the shipped ones,
then English, message by message. Catalogs are compiled with Babel when first used.
"""

from __future__ import annotations

import gettext
import io
import re
from functools import cached_property, lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

DOMAIN = "aftersales"
SHIPPED = Path(__file__).resolve().parent / "locales"
"""The catalogs shipped in the package."""
TEMPLATE = SHIPPED / f"{DOMAIN}.pot"
PROJECT_LOCALES = "locales"
"""A knowledge base's own catalogs, relative to its folder."""

EMPTY = frozenset({"unit.count"})
"""Keys whose word is empty in every language (a count has no unit word); gettext has no empty msgid."""


class CatalogError(Exception):
    """A catalog that cannot be read: ``file``, the line (1 when unknown) and what is wrong."""

    def __init__(self, file: Path, message: str, line: int = 1) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.message = message
        self.line = line

    def __reduce__(self):
        return (CatalogError, (self.file, self.message, self.line))


def catalog_path(folder: Path, lang: str) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def project_catalog(project_root: Path, lang: str) -> Path:
    return catalog_path(project_root / PROJECT_LOCALES, lang)


@lru_cache(maxsize=1)
def english() -> dict[str, str]:
    """Every message: its key (context) → its English text (msgid)."""
    with open(TEMPLATE, "rb") as file:
        return {message.context: message.id for message in read_po(file) if message.id}


def shipped_languages() -> tuple[str, ...]:
    """Languages with a catalog shipped in the package (English needs none, but has one)."""
    return tuple(sorted(path.parent.parent.name for path in SHIPPED.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@lru_cache(maxsize=32)
def _compiled(path: Path, mtime_ns: int) -> tuple[gettext.GNUTranslations, frozenset[str]]:
    """The catalog compiled with Babel (fuzzy and empty messages left out), and the keys it translates."""
    try:
        with open(path, "rb") as file:
            catalog = read_po(file, abort_invalid=True)
    except UnicodeDecodeError as exc:
        raise CatalogError(path, f"not UTF-8 text (byte {exc.start})") from None
    except PoFileError as exc:
        # Babel ends its message with the line, counted from 0: "missing msgstr for msgid 'Home' on 1".
        found = re.search(r" on (\d+)$", str(exc))
        message = str(exc)[:found.start()] if found else str(exc)
        raise CatalogError(path, f"not a valid gettext catalog: {message}", int(found.group(1)) + 1 if found else 1) from None
    except OSError as exc:
        raise CatalogError(path, f"cannot be read: {exc.strerror or exc}") from None
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    known = english()
    # Translated: a message with a text, not fuzzy, whose English is the template's (a stale msgid
    # is never found by the lookup, so it would not count).
    keys = frozenset(message.context for message in catalog
                     if message.id and message.string and not message.fuzzy
                     and message.context is not None and known.get(message.context) == message.id)
    return gettext.GNUTranslations(buffer), keys


def _load(path: Path) -> tuple[gettext.GNUTranslations, frozenset[str]] | None:
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    return _compiled(path, mtime)


class Messages:
    """The interface words of one language: the project's catalog, then the shipped one, then English."""

    def __init__(self, lang: str, project_root: Path | None = None) -> None:
        self.lang = lang
        layers = [_load(project_catalog(project_root, lang))] if project_root is not None else []
        layers.append(_load(catalog_path(SHIPPED, lang)))
        found = [layer for layer in layers if layer is not None]
        # Tried in order at each lookup (no add_fallback: the compiled catalogs are cached and shared).
        self._layers = [translations for translations, _ in found]
        self.translated = frozenset().union(*(keys for _, keys in found)) if found else frozenset()

    def __call__(self, key: str) -> str:
        return self._words[key]

    @cached_property
    def _words(self) -> dict[str, str]:
        """Every word resolved once: pages ask for the same few hundred words thousands of times."""
        words = {key: self._resolve(key, msgid) for key, msgid in english().items()}
        words.update(dict.fromkeys(EMPTY, ""))
        return words

    def _resolve(self, key: str, msgid: str) -> str:
        for translations in self._layers:
            text = translations.pgettext(key, msgid)
            if text is not msgid:  # a catalog without the message hands back the very msgid object
                return text
        return msgid

    # The gettext callables of Jinja2's i18n extension (``{{ _("Steps") }}``, ``{% trans %}``), in
    # its "newstyle" form: the callable fills the %(name)s placeholders itself.

    def gettext(self, msgid: str, **variables) -> str:
        """A message by its English text: the project's own context-less messages first, then the
        message of the template with that English text (in this language)."""
        text = self._plain(lambda translations: translations.gettext(msgid), msgid)
        if text is msgid and msgid in _keys_by_english():
            text = self(_keys_by_english()[msgid])
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, number: int, **variables) -> str:
        fallback = singular if number == 1 else plural
        text = self._plain(lambda translations: translations.ngettext(singular, plural, number), fallback)
        return text % {"num": number, **variables}

    def pgettext(self, context: str, msgid: str, **variables) -> str:
        text = self(context) if context in english() else self._plain(
            lambda translations: translations.pgettext(context, msgid), msgid)
        return text % variables if variables else text

    def _plain(self, lookup, fallback: str) -> str:
        """The first layer's translation; a layer without the message hands back ``fallback`` itself."""
        for translations in self._layers:
            text = lookup(translations)
            if text is not fallback:
                return text
        return fallback

    def missing(self) -> list[str]:
        """Keys this language has no translation for (its words fall back to English)."""
        if self.lang == "en":
            return []
        return [key for key in english() if key not in self.translated]


@lru_cache(maxsize=1)
def _keys_by_english() -> dict[str, str]:
    """English text → the first key with that text (``gettext`` finds template messages by their English)."""
    keys: dict[str, str] = {}
    for key, text in english().items():
        keys.setdefault(text, key)
    return keys


@lru_cache(maxsize=64)
def _messages(lang: str, project_root: Path | None, stamp: int | None) -> Messages:
    return Messages(lang, project_root)


def messages(lang: str, project_root: Path | None = None) -> Messages:
    """The words of ``lang`` (with the project's own catalog, when it has one), cached while unchanged."""
    stamp = None
    if project_root is not None:
        try:
            stamp = project_catalog(project_root, lang).stat().st_mtime_ns
        except OSError:
            project_root = None
    return _messages(lang, project_root, stamp)
