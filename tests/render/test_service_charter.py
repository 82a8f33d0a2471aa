"""The service charter (every portal) and the staff standards register with its CSV.

Rendering only (no MkDocs) for the pages, the CSV and the print view; the built PDF is checked
by the slow test at the end. The register in the browser: tests/browser/test_standards_register_browser.py."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, PortalView

from generator.i18n.labels import Words, label
from generator.load.knowledge_base import phase_steps, step_numbers
from generator.load.project import load_project
from generator.publish.site import write_sources
from generator.render.standards import (
    CHARTER_PAGE,
    CHARTER_PRINT,
    REGISTER_CSV,
    REGISTER_PAGE,
    register_csv,
    render_charter_printable,
)
from generator.render.tool_pages import COVERED_PAGE, REPAIR_PAGE
from generator.render.words import target_words

LANGS = ("ca", "es", "en")


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


def pages_of(kb, audience: str, lang: str) -> dict[str, str]:
    return {page.path: page.markdown for page in PortalView(kb, audience, lang).render_all()}


def standards(kb, audience: str) -> list:
    return [item for item in kb.of_type("standard") if item.audience == audience]


def words(text: str) -> str:
    """A text as the charter prints it, reduced to comparable words (escaping and line breaks aside)."""
    return " ".join(re.sub(r"[\\*_]", " ", html.unescape(text)).split())


# --------------------------------------------------------------------------- the charter


@pytest.mark.parametrize("audience", ["public", "staff"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_charter_shows_every_public_commitment_and_nothing_of_staff(kb, audience: str, lang: str) -> None:
    charter = pages_of(kb, audience, lang)[CHARTER_PAGE]
    text = words(charter)
    public, staff = standards(kb, "public"), standards(kb, "staff")
    assert public and staff
    for item in public:
        model = item.model
        assert words(model.commitment[lang]) in text, (item.id, lang)
        assert words(model.customer_claim[lang]) in text, (item.id, lang)
        assert f"standards/{item.id}.md" in charter
        assert target_words(model.target, Words(lang)) in charter
        # staff texts of a public standard stay out: what staff do, how it is measured, who owns it
        assert words(model.when_missed[lang]) not in text, (item.id, lang)
        assert words(model.measurement.method[lang]) not in text, (item.id, lang)
    for item in staff:
        assert words(item.model.commitment[lang]) not in text, (item.id, lang)
        assert item.id not in charter
    owners = {item.model.responsible for item in public} | {item.model.document.owner for item in public}
    assert not [owner for owner in owners if owner in charter]
    assert charter.startswith(f"# {label('our_commitments', lang)}\n")


def test_the_charter_groups_by_phase_and_gives_the_contact(kb) -> None:
    charter = pages_of(kb, "public", "en")[CHARTER_PAGE]
    headings = re.findall(r"(?m)^## (.+)$", charter)
    assert headings == ["Whenever you need us", "When you contact or visit us", "Repairs and technical assistance",
                        "Spare parts and deliveries", "After the service", "Contact { #as-contact }"]
    answer, resolution = charter.index("Complaints answered within 24 hours"), charter.index("Complaints resolved")
    assert charter.index("When you contact or visit us") < answer < charter.index("After the service") < resolution
    assert "at most 24 hours" in charter and "at most 1 month\n" in charter and "at most 2 working days" in charter
    assert "[900 102 030](tel:900102030)** (free call)" in charter
    assert "postvenda@example.com" in charter and "24 hours a day, every day of the year" in charter
    assert "**Printable:** [Print](print/charter.html) · [PDF](print/charter.pdf)" in charter


@pytest.mark.parametrize("lang", LANGS)
def test_the_charter_is_near_the_top_of_every_portal_and_linked_from_home(kb, lang: str) -> None:
    for audience in ("public", "staff"):
        renderer = PortalView(kb, audience, lang)
        nav = renderer.navigation()
        position = nav.index({label("our_commitments", lang): CHARTER_PAGE})
        tools = {COVERED_PAGE, REPAIR_PAGE} & renderer.page_paths()
        assert position == 1 + len(tools)  # right after the home page and the tools
        assert CHARTER_PAGE in renderer.page_paths()
        home = pages_of(kb, audience, lang)["index.md"]
        if audience == "staff":
            assert f"[{label('our_commitments', lang)}](charter.md)" in home
    public_home = pages_of(kb, "public", lang)["index.md"]
    # a top task of the front door, before the sections
    card = '<a href="charter.html">'
    assert card in public_home and label("our_commitments", lang) in public_home[public_home.index(card):][:2000]
    assert public_home.index(card) < public_home.index("guides/index.md")


def test_without_public_standards_the_charter_says_so(new_project: Path) -> None:
    """The init project's only standard is staff-only."""
    kb = load_project(new_project).kb
    charter = pages_of(kb, "public", "en")[CHARTER_PAGE]
    assert label("charter_none", "en") in charter and "answer-within-4-hours" not in charter
    html = render_charter_printable(PortalView(kb, "public", "en").portal).html
    assert label("charter_none", "en") in html and "Answer within 4 hours" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_printable_charter_is_a4_with_the_commitments_and_the_contact(kb, lang: str) -> None:
    for audience in ("public", "staff"):
        printable = render_charter_printable(PortalView(kb, audience, lang).portal)
        assert printable.path == CHARTER_PRINT and printable.item is None
        html = printable.html
        assert f'<html lang="{lang}">' in html and "size: A4" in html
        text = words(html)
        for item in standards(kb, "public"):
            assert words(item.model.commitment[lang]) in text, (audience, item.id)
            assert words(item.model.when_missed[lang]) not in text
        for item in standards(kb, "staff"):
            assert words(item.model.commitment[lang]) not in text
        assert "900 102 030" in html and label("free_call", lang) in html
        assert f"https://postvenda.example.com/{audience}/{lang}/charter.html" in html
        # the one script: the portal's own, for the print view's Print button
        assert re.findall(r"<script[^>]*>", html) == ['<script src="../assets/portal.js" defer>']
        assert "http://" not in html.replace("https://", "")


def test_a_hostile_commitment_stays_text_in_the_charter(new_project: Path) -> None:
    std = new_project / "content/standards/answer-within-4-hours.yml"
    text = std.read_text(encoding="utf-8").replace("audience: staff", "audience: public", 1)
    text = re.sub(r"(?m)^commitment: .*$", 'commitment: "We answer <script>alert(1)</script> {: onclick=x}"', text,
                  count=1)
    std.write_text(text, encoding="utf-8")
    kb = load_project(new_project).kb
    charter = pages_of(kb, "public", "ca")[CHARTER_PAGE]
    assert "<script>" not in charter and "&lt;script&gt;" in charter and "{:" not in charter
    html = render_charter_printable(PortalView(kb, "public", "ca").portal).html
    assert "<script>alert" not in html


# --------------------------------------------------------------------------- the register


def expected_citations(kb, standard_id: str) -> set[tuple[str, int]]:
    found = set()
    for procedure in kb.procedures():
        numbers = step_numbers(procedure)[0]
        for phase, index, step in phase_steps(procedure.model):
            if standard_id in step.standards:
                found.add((procedure.id, numbers[(phase, index)]))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_register_lists_every_standard_with_the_steps_that_cite_it(kb, lang: str) -> None:
    register = pages_of(kb, "staff", lang)[REGISTER_PAGE]
    rows = re.findall(r'<tr id="standard-([a-z0-9-]+)">(.*?)</tr>', register)
    assert sorted(item_id for item_id, _ in rows) == sorted(item.id for item in kb.of_type("standard"))
    for item_id, row in rows:
        item = kb.get(item_id)
        assert f'<a href="standards/{item_id}.html">' in row
        assert f'<a href="roles/{item.model.responsible}.html">' in row
        assert target_words(item.model.target, Words(lang)) in row
        assert label("freq." + item.model.measurement.frequency, lang) in row
        assert label("register.audience." + item.model.audience, lang) in row
        cited = {(procedure, int(number)) for procedure, number in
                 re.findall(r'<a href="procedures/([a-z0-9-]+)\.html#step-(\d+)">', row)}
        assert cited == expected_citations(kb, item_id), item_id
        for procedure, number in cited:
            assert f"{kb.get(procedure).title(lang, kb.default_language)} · {label('step', lang).lower()} {number}" \
                in row.replace("&#39;", "'")
    assert 'id="as-register"' in register and 'hidden>' in register  # the filter shows only with the script
    assert f"[{label('register.download_csv', lang)}]({REGISTER_CSV})" in register
    leadership = dict(rows)["leadership-commitment"]
    assert label("register.organisation", lang) in leadership  # organisation-wide: no step needed
    assert dict(rows)["answer-within-4-hours"].count('href="roles/tele-operator.html"') == 1  # owner, not document.owner


def test_the_register_is_staff_only(kb) -> None:
    for lang in LANGS:
        renderer = PortalView(kb, "public", lang)
        assert REGISTER_PAGE not in pages_of(kb, "public", lang) and REGISTER_PAGE not in renderer.page_paths()
        assert "assets/register.js" not in renderer.scripts()
        staff = PortalView(kb, "staff", lang)
        assert {label("register", lang): REGISTER_PAGE} in staff.navigation()
        assert "assets/register.js" in staff.scripts()


def parse_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # CRLF only
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("lang", LANGS)
def test_the_csv_parses_back_with_one_row_per_standard(kb, lang: str, tmp_path: Path) -> None:
    renderer = PortalView(kb, "staff", lang)
    path = tmp_path / REGISTER_CSV
    path.write_text(register_csv(renderer.portal), encoding="utf-8", newline="")
    rows = parse_csv(path.read_bytes())
    header, body = rows[0], rows[1:]
    assert header[:3] == ["id", label("standard", lang), label("commitment", lang)]
    assert len(header) == 10 and all(len(row) == 10 for row in body)
    assert sorted(row[0] for row in body) == sorted(item.id for item in kb.of_type("standard"))
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    complaint = by_id["complaint-answer-24-hours"]
    assert complaint[label("commitment", lang)] == kb.get("complaint-answer-24-hours").model.commitment[lang]
    assert complaint[label("target", lang)] == target_words(kb.get("complaint-answer-24-hours").model.target, Words(lang))
    steps = complaint[label("register.cited_by", lang)].split("; ")
    assert len(steps) == len(expected_citations(kb, "complaint-answer-24-hours")) == 2
    assert by_id["staff-profile"][label("register.cited_by", lang)] == label("register.organisation", lang)
    assert by_id["answer-within-4-hours"][label("owner", lang)] == kb.get("tele-operator").title(lang, "ca")


def test_the_csv_neutralises_spreadsheet_formulas(new_project: Path) -> None:
    std = new_project / "content/standards/answer-within-4-hours.yml"
    text = std.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^commitment: .*$", 'commitment: {ca: "=HYPERLINK(\\"http://x\\";\\"a\\")", es: "+1", en: "@SUM(A1)"}',
                  text, count=1)
    text = re.sub(r"(?m)^title: .*$", 'title: {ca: "-2+3", es: "Normal, with \\"quotes\\"", en: "=1"}', text, count=1)
    std.write_text(text, encoding="utf-8")
    kb = load_project(new_project).kb
    cells = {}
    for lang in LANGS:
        (row,) = parse_csv(register_csv(PortalView(kb, "staff", lang).portal).encode("utf-8"))[1:]
        cells[lang] = row
    assert cells["ca"][1:3] == ["'-2+3", "'=HYPERLINK(\"http://x\";\"a\")"]
    assert cells["es"][1:3] == ['Normal, with "quotes"', "'+1"]
    assert cells["en"][1:3] == ["'=1", "'@SUM(A1)"]
    assert register_csv(PortalView(kb, "staff", "es").portal).count('"Normal, with ""quotes"""') == 1  # RFC 4180


def test_the_staff_portal_sources_carry_the_csv_and_the_charter_print(kb, tmp_path: Path) -> None:
    write_sources(kb, "staff", "en", tmp_path / "src", tmp_path / "site", with_pdf=True)
    docs = tmp_path / "src" / "docs"
    assert parse_csv((docs / REGISTER_CSV).read_bytes())[0][0] == "id"
    assert (docs / CHARTER_PRINT).is_file() and (docs / "assets/register.js").is_file()
    public = tmp_path / "public"
    _, _, jobs = write_sources(kb, "public", "en", public / "src", public / "site", with_pdf=True)
    assert not (public / "src/docs" / REGISTER_CSV).exists() and not (public / "src/docs/assets/register.js").exists()
    assert public / "src/docs/print/charter.pdf" in {job.target for job in jobs}


# --------------------------------------------------------------------------- built (slow)


def pdf_text(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is missing (apt-get install poppler-utils)")
        pytest.skip("pdftotext is missing (apt-get install poppler-utils)")
    return subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_the_built_charter_pdf_holds_the_public_commitments(example_site: Path, kb) -> None:
    for audience in ("public", "staff"):
        for lang in LANGS:
            portal = example_site / audience / lang
            pdf = portal / "print/charter.pdf"
            assert pdf.read_bytes().startswith(b"%PDF-"), pdf
            text = " ".join(pdf_text(pdf).split())
            for item in standards(kb, "public"):
                assert " ".join(item.model.title[lang].split()) in text, (audience, lang, item.id)
                first_words = " ".join(item.model.commitment[lang].split()[:6])
                assert first_words in text, (audience, lang, item.id)
            for item in standards(kb, "staff"):
                assert " ".join(item.model.title[lang].split()) not in text
            assert "900 102 030" in text
            charter = (portal / "charter.html").read_text(encoding="utf-8")
            assert 'href="print/charter.pdf"' in charter and 'href="print/charter.html"' in charter
        assert (example_site / "staff/en" / REGISTER_CSV).is_file()
        assert not (example_site / "public/en" / REGISTER_CSV).exists()
        assert not (example_site / "public/en/standards-register.html").exists()


def test_without_pdfs_the_charter_links_only_its_print_view(kb) -> None:
    charter = PortalView(kb, "public", "en", with_pdf=False).render(CHARTER_PAGE).markdown
    assert "(print/charter.html)" in charter and "charter.pdf" not in charter
