"""A knowledge base in Galician, Basque, French and Portuguese: its portals speak those languages.

Built from a fresh ``aftersales init --languages gl,eu,fr,pt`` (whose example content is English
until the company writes its own): every interface word of every page comes from the language's
catalog, never English, the language switcher opens the same page, and a PDF is in its language.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.i18n.catalogs import english
from generator.i18n.formats import long_date
from generator.i18n.labels import label
from generator.load.project import load_project

LANGUAGES = ("gl", "eu", "fr", "pt")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("four") / "kb"
    assert main(["init", str(root), "--languages", ",".join(LANGUAGES), "--title", "Servizo posvenda"]) == 0
    site = root / "site"
    assert main(["build", "--project", str(root), "--out", str(site)]) == 0
    return root, site


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and the labels of controls, scripts and styles left out."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style", "svg", "template"):
            self._skip += 1
        self.pieces.extend(value for name, value in attrs if name in self.ATTRIBUTES and value)

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style", "svg", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.pieces.append(data)


def visible_pieces(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {" ".join(piece.split()).strip(" :·") for piece in parser.pieces} - {""}


def content_strings(root: Path) -> set[str]:
    """Every text the knowledge base itself brings (here English, as init writes it)."""
    project = load_project(root)
    found: set[str] = set()
    for item in project.kb.items:
        for _, text in item.texts:
            for value in text.values():
                found.update(" ".join(line.split()).strip(" :·") for line in value.splitlines())
        found.add(item.id)
    return found


def test_every_portal_is_built(built) -> None:
    _, site = built
    for audience in ("public", "staff"):
        for lang in LANGUAGES:
            index = (site / audience / lang / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in index


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_english_interface_word_on_any_page(built, lang: str) -> None:
    root, site = built
    english_words = {text for key, text in english().items()
                     if "{" not in text and len(text) > 2 and label(key, lang) != text}
    own = content_strings(root)
    found: dict[str, list[str]] = {}
    pages = [page for audience in ("public", "staff") for page in (site / audience / lang).rglob("*.html")
             if "/print/" not in page.as_posix()]
    assert len(pages) > 20
    for page in pages:
        for piece in visible_pieces(page.read_text(encoding="utf-8")) - own:
            if piece in english_words:
                found.setdefault(piece, []).append(page.relative_to(site).as_posix())
    assert not found, {word: where[:3] for word, where in found.items()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_print_views_speak_the_language(built, lang: str) -> None:
    _, site = built
    checklist = (site / "staff" / lang / "print/procedures/warranty-repair.html").read_text(encoding="utf-8")
    assert label("checklist", lang) in checklist or label("print", lang) in checklist
    english_words = {text for key, text in english().items() if "{" not in text and len(text) > 3
                     and label(key, lang) != text}
    assert not visible_pieces(checklist) & english_words
    approved = load_project(built[0]).kb.get("warranty-repair").model.document.approved
    assert f'<time datetime="{approved.isoformat()}">{long_date(approved, lang)}</time>' in checklist
    assert long_date(approved, lang) != approved.isoformat()  # Babel knows each of the four


def test_the_switcher_opens_the_same_page(built) -> None:
    _, site = built
    page = site / "public" / "fr" / "guides" / "washing-machine-does-not-drain.html"
    html = page.read_text(encoding="utf-8")
    for lang in LANGUAGES:
        link = re.search(rf'<a href="([^"]+)" hreflang="{lang}"', html).group(1)
        assert (page.parent / link).resolve() == (site / "public" / lang / "guides/washing-machine-does-not-drain.html")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_pdf_is_in_its_language(built, lang: str) -> None:
    _, site = built
    pdf = site / "staff" / lang / "print/procedures/warranty-repair.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert label("phase.follow_up", lang) in flat
    assert "Follow-up" not in flat or label("phase.follow_up", lang) == "Follow-up"


def test_a_language_the_theme_does_not_know_still_builds(tmp_path: Path) -> None:
    """Occitan: no catalog shipped and none in Material; the portal names its language and
    borrows English words where it has none (check says how many)."""
    root = tmp_path / "kb"
    assert main(["init", str(root), "--languages", "oc,en"]) == 0
    assert main(["build", "--project", str(root), "--audience", "public", "--no-pdf"]) == 0
    page = (root / "site/public/oc/index.html").read_text(encoding="utf-8")
    assert '<html lang="oc"' in page and label("home", "en") in page
