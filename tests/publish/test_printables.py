"""Printables: a checklist PDF per procedure, a blank PDF per form, a customer PDF per public guide."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.load.knowledge_base import phase_steps
from generator.load.project import load_project

pytestmark = pytest.mark.slow


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is missing (apt-get install poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_text(pdf: Path) -> str:
    return subprocess.run([_need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def first_page_ink(pdf: Path, tmp_path: Path) -> float:
    """Share of non-white pixels on page 1, rendered by pdftoppm."""
    from PIL import Image

    prefix = tmp_path / pdf.stem
    subprocess.run([_need("pdftoppm"), "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    image = Image.open(next(tmp_path.glob(f"{pdf.stem}*.png"))).convert("L")
    histogram = image.histogram()  # 256 grey levels
    return sum(histogram[:200]) / sum(histogram)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("print") / "kb"
    assert main(["init", str(root)]) == 0
    assert main(["build", "--project", str(root), "--lang", "en"]) == 0
    return root


def test_every_procedure_form_and_public_guide_has_a_valid_pdf(project: Path, tmp_path: Path) -> None:
    kb = load_project(project).kb
    staff, public = project / "site/staff/en", project / "site/public/en"
    for item in kb.items:
        if item.type not in ("procedure", "form", "guide"):
            assert not (staff / f"print/{item.content_type.folder}/{item.id}.pdf").exists()
            continue
        pdf = staff / f"print/{item.content_type.folder}/{item.id}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-"), pdf
        text = " ".join(pdf_text(pdf).split())
        if item.type == "procedure":
            for _, _, step in phase_steps(item.model):
                assert " ".join(step.action["en"].split())[:40] in text
            assert "Technician's signature" in text and "Customer's signature" in text
            assert "Page 1 / " in text and f"Version {item.model.document.version}" in text
        elif item.type == "form":
            for field in item.model.fields:
                assert field.label["en"] in text
        else:
            assert "Safety" in text and "Stop and call us if" in text
        assert first_page_ink(pdf, tmp_path) > 0.01, f"page 1 of {pdf} looks blank"
        assert (public / f"print/guides/{item.id}.pdf").is_file() == (item.type == "guide" and item.is_public)
    assert sorted(p.parent.name for p in (public / "print").rglob("*.pdf")) == ["guides", "print"]  # + the charter
    assert (public / "print/charter.pdf").is_file() and (staff / "print/charter.pdf").is_file()


def test_pages_link_their_print_view_and_pdf(project: Path) -> None:
    procedure = (project / "site/staff/en/procedures/warranty-repair.html").read_text(encoding="utf-8")
    assert 'href="../print/procedures/warranty-repair.html"' in procedure
    assert 'href="../print/procedures/warranty-repair.pdf"' in procedure
    form = (project / "site/staff/en/forms/repair-call-log.html").read_text(encoding="utf-8")
    assert 'href="../print/forms/repair-call-log.pdf"' in form
    guide = (project / "site/public/en/guides/washing-machine-does-not-drain.html").read_text(encoding="utf-8")
    assert 'href="../print/guides/washing-machine-does-not-drain.pdf"' in guide


def test_log_form_prints_empty_rows_for_handwriting(project: Path) -> None:
    html = (project / "site/staff/en/print/forms/repair-call-log.html").read_text(encoding="utf-8")
    assert html.count("<tr><td>") == 20  # rows: 20 in the init skeleton


def test_unchanged_pdfs_are_reused_and_a_changed_one_rerendered(project: Path, capsys) -> None:
    assert main(["build", "--project", str(project), "--lang", "en"]) == 0
    assert "PDFs: 0 rendered" in capsys.readouterr().out
    form = project / "content/forms/repair-call-log.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("rows: 20", "rows: 25"), encoding="utf-8")
    pdfs = {path: path.read_bytes() for path in (project / "site/staff/en").rglob("*.pdf")}
    assert main(["build", "--project", str(project), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # Only the changed form's printable is rendered again (the build cache keeps the others' sources).
    assert "PDFs: 1 rendered, 0 unchanged and reused" in out
    html = (project / "site/staff/en/print/forms/repair-call-log.html").read_text(encoding="utf-8")
    assert html.count("<tr><td>") == 25
    changed = [path.name for path, data in pdfs.items() if path.read_bytes() != data]
    assert changed == ["repair-call-log.pdf"]
    # A whole build renders every printable again: the PDFs come from their own cache.
    assert main(["build", "--project", str(project), "--lang", "en", "--full"]) == 0
    # 8: per portal its printables, and in the staff one the head of after-sales' own checklist
    assert "PDFs: 0 rendered, 8 unchanged and reused" in capsys.readouterr().out
    assert (project / "site/staff/en/print/procedures/warranty-repair/head-of-after-sales.pdf").is_file()


def test_no_pdf_skips_pdfs_and_their_links(new_project: Path, capsys) -> None:
    assert main(["build", "--project", str(new_project), "--lang", "en", "--no-pdf"]) == 0
    staff = new_project / "site/staff/en"
    assert not list(staff.rglob("*.pdf"))
    assert (staff / "print/procedures/warranty-repair.html").is_file()
    assert ".pdf" not in (staff / "procedures/warranty-repair.html").read_text(encoding="utf-8")


def test_a_printable_that_names_an_outside_resource_still_renders_without_it(tmp_path: Path) -> None:
    """A company's own print template may name a picture on its website or a local file: the PDF
    is made without it (nothing is fetched), never an internal error (WeasyPrint 70 needs a
    fetcher object, a plain function failed with an AttributeError)."""
    import http.server
    import threading

    from generator.publish.pdf import html_to_pdf

    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            asked.append(self.path)
            self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        pdf = html_to_pdf(f'<html><body><h1>Checklist</h1><img src="http://127.0.0.1:{server.server_port}/logo.png">'
                          f'<img src="file://{tmp_path}/secret.png"></body></html>')
    finally:
        server.shutdown()
    assert pdf.startswith(b"%PDF") and not asked
