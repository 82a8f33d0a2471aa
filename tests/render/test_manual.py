"""The procedures manual (staff portals): its page, its print view and, built, its PDF.

Rendering only for the page, the links and the print view; the slow test at the end reads the
example's built PDFs back with pdftotext: the cover, every procedure, the contents' page numbers
against the pages the headings are on, the running footer and the revision table."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, PortalView, edit

from generator.i18n import formats
from generator.i18n.labels import label
from generator.load.knowledge_base import phase_steps
from generator.load.project import load_project
from generator.publish.site import write_sources
from generator.render import manual
from generator.render.manual import MANUAL_PAGE, MANUAL_PRINT
from generator.render.portal import Portal

LANGS = ("ca", "es", "en")


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


def chapters_of(portal: Portal) -> list:
    return [chapter for _, members in manual.categories(portal) for chapter in members]


# --------------------------------------------------------------------------- rendered


@pytest.mark.parametrize("lang", LANGS)
def test_the_manual_is_a_staff_page_with_its_print_view_linked_from_home_and_register(kb, lang: str) -> None:
    staff, public = PortalView(kb, "staff", lang), PortalView(kb, "public", lang)
    assert MANUAL_PAGE in staff.page_paths() and MANUAL_PAGE not in public.page_paths()
    page = staff.render(MANUAL_PAGE).markdown
    assert page.startswith(f"# {label('manual.title', lang)}\n")
    assert f"]({MANUAL_PRINT})" in page and "](print/manual.pdf)" in page
    for item in kb.procedures():
        assert f"](procedures/{item.id}.md)" in page
    home = staff.render("index.md").markdown
    assert f"[{label('manual.title', lang)}](manual.md)" in home
    register = staff.render("documents.md").markdown
    assert f"]({MANUAL_PRINT})" in register and "](print/manual.pdf)" in register
    assert "manual" not in public.render("index.md").markdown


def test_only_staff_portals_get_the_manual_and_its_pdf(kb, tmp_path: Path) -> None:
    _, _, jobs = write_sources(kb, "staff", "en", tmp_path / "staff/src", tmp_path / "staff/site", with_pdf=True)
    docs = tmp_path / "staff/src/docs"
    assert (docs / MANUAL_PRINT).is_file() and docs / "print/manual.pdf" in {job.target for job in jobs}
    _, _, jobs = write_sources(kb, "public", "en", tmp_path / "public/src", tmp_path / "public/site", with_pdf=True)
    assert not (tmp_path / "public/src/docs" / MANUAL_PRINT).exists()
    assert not [job for job in jobs if job.target.name == "manual.pdf"]


def test_the_print_view_holds_every_procedure_revision_and_role(kb) -> None:
    portal = Portal.open(kb, "staff", "en")
    html = manual.render_manual_printable(portal).html
    chapters = chapters_of(portal)
    assert [chapter.item.id for chapter in chapters] and len(chapters) == len(kb.procedures())
    for chapter in chapters:
        assert f'<h2 class="procedure-title" id="{chapter.anchor}">{chapter.number} ' in html
        assert f'href="#{chapter.anchor}"' in html  # the contents
        assert f'href="#{chapter.anchor}-step-1"' in html  # the diagram and the role index
        assert f'id="{chapter.anchor}-step-1"' in html
    assert manual.edition(portal) == max(item.model.document.approved for item in kb.procedures())
    rows = manual.revisions(chapters)
    assert len(rows) == sum(1 + len(item.model.document.history) for item in kb.procedures())
    assert [row.day for row in rows] == sorted((row.day for row in rows), reverse=True)
    assert "Added the SAT manager&#39;s check before workshop repairs are returned." in html
    for role in {step.role for item in kb.procedures() for _, _, step in phase_steps(item.model)}:
        assert f'<h2 class="index-role">{portal.title_of(role)}</h2>' in html  # no level skipped after the h1


def test_a_hostile_procedure_title_is_text_in_the_manual(new_project: Path) -> None:
    edit(new_project, "content/procedures/warranty-repair.yml", 'en: "Warranty repair"',
         'en: "<script>alert(1)</script> Warranty </h2><b>repair"')
    kb = load_project(new_project).kb
    html = manual.render_manual_printable(Portal.open(kb, "staff", "en")).html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Warranty &lt;/h2&gt;&lt;b&gt;repair" in html
    assert "<script>" not in html and "<b>repair" not in html
    page = PortalView(kb, "staff", "en").render(MANUAL_PAGE).markdown
    assert "<script" not in page and "<b>repair" not in page


def test_the_footer_words_are_escaped_css_in_any_word_order() -> None:
    assert manual.css_string('a"b</style>') == '"a\\000022b\\00003c\\00002fstyle\\00003e"'
    assert manual.css_string("Pàgina 1") == '"P\\0000e0gina\\0000201"'
    assert manual.page_of_content("Page {page} of {pages}") == '"Page\\000020" counter(page) "\\000020of\\000020" counter(pages)'
    assert manual.page_of_content("{page}. orria ({pages} orritatik)").startswith("counter(page) ")
    assert manual.page_of_content("") == 'counter(page) " / " counter(pages)'


def test_a_staff_portal_without_procedures_has_no_manual(new_project: Path) -> None:
    (new_project / "content/procedures/warranty-repair.yml").unlink()
    kb = load_project(new_project).kb
    view = PortalView(kb, "staff", "en")
    assert MANUAL_PAGE not in view.page_paths()
    assert "manual" not in view.render("index.md").markdown and "manual" not in view.render("documents.md").markdown


# --------------------------------------------------------------------------- built (slow)


def _tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing (apt-get install poppler-utils)")
        pytest.skip(f"{name} is missing (apt-get install poppler-utils)")
    return tool


def pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text page by page (pdftotext -layout ends each page with a form feed)."""
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def page_count(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)[1])


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_built_manual_pdf_reads_back_with_its_contents_on_the_right_pages(example_site: Path, kb,
                                                                                lang: str) -> None:
    assert not (example_site / "public" / lang / "print/manual.pdf").exists()
    assert not (example_site / "public" / lang / "manual.html").exists()
    portal_dir = example_site / "staff" / lang
    pdf = portal_dir / "print/manual.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    total = page_count(pdf)
    assert len(pages) == total

    # links from the staff home and the document register resolve
    for source in ("index.html", "documents.html"):
        html = (portal_dir / source).read_text(encoding="utf-8")
        targets = re.findall(r'href="([^"#]*manual[^"#]*)"', html)
        assert targets, source
        for target in targets:
            assert (portal_dir / target).is_file(), (source, target)

    # the cover
    portal = Portal.open(kb, "staff", lang)
    cover = flat(pages[0])
    assert kb.config.company.name in cover and label("manual.title", lang) in cover
    assert f"{label('manual.edition', lang)} {flat(formats.long_date(manual.edition(portal), lang))}" in cover

    # every page but the cover: the running header and 'page N of M' with M the real page count
    for number, text in enumerate(pages[1:], start=2):
        words = flat(text)
        assert flat(label("manual.page_of", lang).format(page=number, pages=total)) in words, number
        assert label("manual.title", lang) in words
    assert flat(label("manual.page_of", lang).format(page=1, pages=total)) not in cover

    # the revision table: every earlier version of every procedure (its first words: -layout
    # interleaves the lines of wrapped cells)
    revision_text = flat(" ".join(pages[1:3]))
    for item in kb.procedures():
        for record in item.model.document.history:
            assert " ".join(record.summary[lang].split()[:4]) in revision_text, (item.id, record.version)

    # the contents: each entry's page number is the page its procedure's heading is on
    contents_at = next(index for index, text in enumerate(pages)
                       if any(line.strip() == label("manual.contents", lang) for line in text.splitlines()))
    chapters = chapters_of(portal)
    first_chapter = next(index for index, text in enumerate(pages) if index > contents_at and any(
        line.strip().startswith(f"{chapters[0].number} ") for line in text.splitlines()))
    contents = flat(" ".join(pages[contents_at:first_chapter]))
    text_all = flat(" ".join(pages))
    for chapter in chapters:
        title = flat(chapter.item.model.title[lang])
        assert title in text_all
        entry = re.search(re.escape(f"{chapter.number} ") + r"(.+?)\s*\.{3,}\s*(\d+)", contents)
        assert entry, (lang, chapter.number)
        assert title.startswith(flat(entry[1])[:20]), (entry[1], title)
        heading_page = next(index + 1 for index, text in enumerate(pages) if index >= first_chapter and any(
            line.strip().startswith(f"{chapter.number} {title.split()[0]}") for line in text.splitlines()))
        assert int(entry[2]) == heading_page, (lang, chapter.number, entry[2], heading_page)
