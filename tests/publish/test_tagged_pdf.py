"""Printable PDFs are tagged (PDF/UA-1): a structure tree, MarkInfo, language and title, text in
reading order, and the page looks as it did untagged (tick boxes and signature lines printed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.load.knowledge_base import run_order
from generator.load.project import load_project
from generator.publish.pdf import PDF_VARIANT, _cache_key, html_to_pdf
from generator.render.portal import Portal
from generator.render.printables import render_printable

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra")


@pytest.fixture(scope="module")
def checklist(tmp_path_factory) -> tuple[Path, object, str]:
    from generator.cli import main

    root = tmp_path_factory.mktemp("tagged") / "kb"
    assert main(["init", str(root)]) == 0
    kb = load_project(root).kb
    portal = Portal.open(kb, "staff", "en")
    (procedure,) = portal.items_of("procedure")
    html = render_printable(portal, procedure).html
    pdf = root / "checklist.pdf"
    pdf.write_bytes(html_to_pdf(html))
    return pdf, procedure, html


def _structure_types(node, found: set[str], depth: int = 0) -> set[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if depth > 60:
        return found
    if isinstance(node, list):
        for child in node:
            _structure_types(child, found, depth + 1)
    elif isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            _structure_types(node["/K"], found, depth + 1)
    return found


def test_the_checklist_pdf_is_tagged_with_language_and_title(checklist) -> None:
    pdf, procedure, _ = checklist
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert str(root["/Lang"]) == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    title = reader.metadata.title
    assert title and procedure.model.title["en"] in title
    types = _structure_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/P"} <= types, types
    assert types & {"/L", "/LI", "/Table", "/TR"}, types  # steps as a list or a table


def test_the_tagged_checklist_reads_in_order(checklist) -> None:
    pdf, procedure, _ = checklist
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is missing (apt-get install poppler-utils)")
    text = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    places = [text.find(" ".join(step.action["en"].split())[:40]) for _, _, step in run_order(procedure.model)]
    assert -1 not in places and places == sorted(places), places  # steps in the order the case runs
    signatures = text.find("Technician's signature")
    assert signatures > places[-1] and text.find("Customer's signature") > signatures


def test_tagging_changes_nothing_printed(checklist, tmp_path: Path) -> None:
    """Tick boxes, lines and signature areas: page 1 tagged and untagged render to the same pixels."""
    from PIL import Image, ImageChops
    from weasyprint import HTML

    pdf, _, html = checklist
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is missing (apt-get install poppler-utils)")
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(HTML(string=html).write_pdf())
    images = []
    for name, source in (("tagged", pdf), ("plain", plain)):
        subprocess.run([pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(source), str(tmp_path / name)], check=True)
        images.append(Image.open(next(tmp_path.glob(f"{name}*.png"))).convert("L"))
    assert ImageChops.difference(*images).getbbox() is None


def test_the_cache_key_includes_the_variant() -> None:
    import generator.publish.pdf as pdf_module

    key = _cache_key("<p>x</p>")
    assert PDF_VARIANT == "pdf/ua-1"
    original = pdf_module.PDF_VARIANT
    try:
        pdf_module.PDF_VARIANT = ""
        assert _cache_key("<p>x</p>") != key  # an untagged PDF cached before is not reused
    finally:
        pdf_module.PDF_VARIANT = original
