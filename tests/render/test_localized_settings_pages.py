"""Authored settings on the staff pages (issue 29, item 2): the Catalan and Spanish portals show
the coverage rules' messages and the waivers' justifications in their language, the translation
status counts the settings, and no page names a project file (site_config.yml, the
measurements CSV): staff read "the project settings"."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, PortalView

from generator.cli import main
from generator.load.project import load_project
from generator.render.staff_pages import COVERAGE_PAGE, TRANSLATIONS_PAGE

FILE_NAMES = ("site_config.yml", "site_config.yaml", "measurements.csv")
WAIVED = "planned-customer-visits"


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


@pytest.fixture(scope="module")
def staff_pages(kb) -> dict[str, dict[str, str]]:
    return {lang: {page.path: page.markdown for page in PortalView(kb, "staff", lang, with_pdf=False).render_all()}
            for lang in ("ca", "es", "en")}


def words(markdown: str) -> str:
    """A page's text reduced to comparable words (character references and line breaks aside)."""
    return " ".join(html.unescape(markdown).split())


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_the_coverage_page_shows_rule_messages_and_justifications_in_its_language(kb, staff_pages, lang) -> None:
    page = words(staff_pages[lang][COVERAGE_PAGE])
    for rule in kb.config.coverage_rules:
        assert words(rule.message[lang]) in page, rule.id
        for other in {"ca", "es", "en"} - {lang}:
            assert words(rule.message[other]) not in page, (rule.id, other)
    (waiver,) = kb.get(WAIVED).model.waivers
    assert words(waiver.justification[lang]) in page
    assert words(waiver.approved_by[lang]) in page
    for other in {"ca", "es", "en"} - {lang}:
        assert words(waiver.justification[other]) not in page


def test_the_catalan_and_spanish_pages_say_it_in_catalan_and_spanish(staff_pages) -> None:
    ca, es = words(staff_pages["ca"][COVERAGE_PAGE]), words(staff_pages["es"][COVERAGE_PAGE])
    assert "La recepció ha de registrar cada contacte" in ca and "Les visites les inicia el nostre pla" in ca
    assert "La recepción debe registrar cada contacto" in es and "Las visitas las inicia nuestro plan" in es
    assert "Reception must register" not in ca + es and "The visits are started" not in ca + es
    assert "configuració del projecte" in ca and "configuración del proyecto" in es


@pytest.mark.parametrize(("lang", "word"), [("ca", "avís"), ("es", "aviso"), ("en", "warning")])
def test_a_rules_severity_is_said_in_the_pages_language(new_project: Path, lang: str, word: str) -> None:
    path = new_project / "site_config.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "coverage_rules:\n  - id: follow-up-form\n    message: {ca: Cal un formulari., es: Hace falta un formulario.,"
        " en: A form is needed.}\n    severity: warning\n    require: {phase: follow_up, fills_form: true}\n"),
        encoding="utf-8")
    page = PortalView(load_project(new_project).kb, "staff", lang, with_pdf=False).render(COVERAGE_PAGE).markdown
    (row,) = [line for line in page.splitlines() if line.startswith('| <span id="rule-follow-up-form">')]
    assert row.endswith(f"| {word} |"), row


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_no_staff_page_names_a_project_file(staff_pages, lang: str) -> None:
    named = sorted(f"{path}: {name}" for path, markdown in staff_pages[lang].items() for name in FILE_NAMES
                   if name in markdown)
    assert not named, named


def test_the_calculator_says_where_its_settings_are_without_a_file_name(staff_pages) -> None:
    pages = {lang: next(markdown for path, markdown in staff_pages[lang].items() if "repair-or-replace" in path)
             for lang in ("ca", "es", "en")}
    assert "configuració del projecte" in pages["ca"] and "configuración del proyecto" in pages["es"]
    assert "project settings" in pages["en"]


def test_the_translation_status_counts_the_settings(staff_pages) -> None:
    for lang, name in (("ca", "Configuració del projecte"), ("es", "Configuración del proyecto"),
                       ("en", "Project settings")):
        (row,) = [line for line in staff_pages[lang][TRANSLATIONS_PAGE].splitlines() if line.startswith(f"| {name} |")]
        counts = re.findall(r"(\d+) / (\d+)", row)
        assert len(counts) == 3 and all(done == total and int(total) > 20 for done, total in counts), row


# --------------------------------------------------------------------------- a real build (slow)


class VisibleText(HTMLParser):
    """The text a reader sees (scripts and styles left out), with titles and labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.pieces.extend(value for name, value in attrs if name in ("title", "aria-label", "alt") and value)

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.pieces.append(data)


def visible(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.pieces).split())


@pytest.mark.slow
def test_a_new_knowledge_base_shows_its_settings_per_language(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert main(["init", str(root)]) == 0
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "# coverage_rules:\n#   - id: reception-registers-contact\n", "coverage_rules:\n  - id: reception-registers-contact\n"
    ).replace("#     title:", "    title:").replace("#     message:", "    message:").replace(
        "#     require:", "    require:") + "compliance:\n  data: data/measurements.csv\n", encoding="utf-8")
    (root / "data").mkdir()
    (root / "data/measurements.csv").write_text(
        "date,standard,cases,not_met\n2026-10-01,answer-within-4-hours,40,1\n2026-11-01,answer-within-4-hours,38,2\n",
        encoding="utf-8")
    assert main(["check", "--project", str(root), "--strict"]) == 0
    site = tmp_path / "site"
    assert main(["build", "--project", str(root), "--out", str(site), "--audience", "staff"]) == 0
    coverage = {lang: visible(site / "staff" / lang / "coverage.html") for lang in ("ca", "es", "en")}
    assert "La recepció ha de registrar cada contacte en un formulari" in coverage["ca"]
    assert "La recepción debe registrar cada contacto en un formulario" in coverage["es"]
    assert "Reception must register every contact" in coverage["en"]
    assert "Reception must register" not in coverage["ca"] + coverage["es"]
    assert (site / "staff/ca/compliance.html").is_file()
    named = sorted(f"{page.relative_to(site)}: {name}" for page in (site / "staff").rglob("*.html")
                   for name in FILE_NAMES if name in visible(page))
    assert not named, named
