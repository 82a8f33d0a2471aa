"""Printables that fit (issue 29 item 6): a checklist per role of a procedure, linked from the role
page; print views with a Print button and a way back; footers that name the document; a one-page
guide on one page."""

from __future__ import annotations

import io
import posixpath
import re

import pytest
from conftest import REPO, PortalView
from markupsafe import escape

from generator.load.knowledge_base import step_runs
from generator.load.project import load_project
from generator.render.page_list import portal_pages
from generator.render.page_spec import spec_printables
from generator.render.role_checklists import (
    PDF_MIN_STEPS,
    role_checklist_path,
    role_step_counts,
)


@pytest.fixture(scope="module")
def staff():
    return PortalView(load_project(REPO).kb, "staff", "en")


def printables(view: PortalView) -> dict:
    portal = view.portal
    return {printable.path: printable for spec in portal_pages(portal)
            for printable in (produce(portal) for produce in spec_printables(spec))}


@pytest.fixture(scope="module")
def staff_printables(staff) -> dict:
    return printables(staff)


def numbers_shown(html: str) -> list[int]:
    return [int(number) for number in re.findall(r"<strong>(\d+)\.</strong>", html)]


def test_a_role_checklist_has_only_that_roles_steps_with_the_procedures_numbers(staff, staff_printables) -> None:
    procedure = staff.portal.kb.get("warranty-repair")
    numbered = [(number, step) for _, steps in step_runs(procedure) for number, step in steps]
    roles = role_step_counts(procedure)
    assert len(roles) > 3  # the full checklist runs from the tele-operator to accounting
    for role in roles:
        html = staff_printables[role_checklist_path(procedure, role)].html
        mine = [number for number, step in numbered if step.role == role]
        assert numbers_shown(html) == mine, role
        for number, step in numbered:
            assert (str(escape(step.action["en"][:60])) in html) == (step.role == role), (role, number)
    # who hands the work over: the step and role before and after each stretch of theirs
    technician = "sat-field-technician"
    html = staff_printables[role_checklist_path(procedure, technician)].html
    positions = [index for index, (_, step) in enumerate(numbered) if step.role == technician]
    first, last = positions[0], positions[-1]
    before_number, before_step = numbered[first - 1]
    after_number, after_step = numbered[last + 1]
    assert f"Before you: step {before_number} · {staff.portal.title_of(before_step.role)}" in html
    assert f"After you: step {after_number} · {staff.portal.title_of(after_step.role)}" in html
    assert "Only the steps of: SAT field technician" in html
    # the full checklist is still whole
    assert numbers_shown(staff_printables["print/procedures/warranty-repair.html"].html) == [n for n, _ in numbered]


def test_the_role_page_links_its_checklists_and_they_lead_back_to_it(staff, staff_printables) -> None:
    page = staff.render("roles/sat-field-technician.md").markdown
    assert "## Your checklists" in page
    kb = staff.portal.kb
    for procedure in kb.procedures():
        steps = role_step_counts(procedure).get("sat-field-technician", 0)
        view = role_checklist_path(procedure, "sat-field-technician")
        link = posixpath.relpath(view, "roles")
        assert (f"]({link})" in page) == (steps > 0), procedure.id
        assert (f"]({link.removesuffix('.html')}.pdf)" in page) == (steps >= PDF_MIN_STEPS), procedure.id
        if steps:
            printable = staff_printables[view]
            assert printable.pdf == (steps >= PDF_MIN_STEPS)
            assert 'href="../../../roles/sat-field-technician.html"' in printable.html


def test_print_views_have_a_print_button_and_a_way_back_hidden_in_print(staff, staff_printables) -> None:
    pages = {spec.path.removesuffix(".md") + ".html" for spec in staff.specs}
    assert any("/" in path.removeprefix("print/procedures/") for path in staff_printables)
    for path, printable in staff_printables.items():
        html = printable.html
        controls = re.search(r'<div class="print-controls noprint"><a class="print-back" href="([^"]+)">[^<]+</a> '
                             r'<button type="button" class="print-button" data-print hidden>Print</button></div>', html)
        assert controls, path
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), controls.group(1)))
        assert target in pages, (path, target)  # a page of the portal
        source = re.search(r'<script src="([^"]+)" defer></script>', html).group(1)
        script = posixpath.normpath(posixpath.join(posixpath.dirname(path), source))
        assert script == "assets/portal.js", path  # the portal's own script, nothing inline
        assert "@media print { .noprint { display: none; } }" in html
        assert "\x00" not in html
    assert "data-print" in (REPO / "templates/assets/portal.js").read_text(encoding="utf-8")


def test_footers_name_the_document_not_its_id(staff_printables) -> None:
    checklist = staff_printables["print/procedures/warranty-repair.html"].html
    footer = re.search(r'<div class="doc-footer">(.*?)</div>', checklist).group(1)
    assert footer.startswith("Checklist: Warranty repair") and "warranty-repair" not in footer
    assert '<div class="doc-url">https://postvenda.example.com/staff/en/procedures/warranty-repair.html</div>' in checklist


@pytest.mark.slow
def test_pdf_footer_and_a_one_page_guide(tmp_path) -> None:
    """In real PDFs: the footer names the document and its address is whole; a guide that fits
    one page (it spilled three lines onto page 2) is one page in every language."""
    from pypdf import PdfReader

    from generator.publish.pdf import html_to_pdf

    kb = load_project(REPO).kb
    for lang in ("ca", "es", "en"):
        found = printables(PortalView(kb, "public", lang))
        pdf = PdfReader(io.BytesIO(html_to_pdf(found["print/guides/air-conditioner-weak-airflow.html"].html)))
        assert len(pdf.pages) == 1, lang
    text = pdf.pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    # on a line of its own (pypdf reads the page number, at the right, into the same line)
    assert any(line.startswith("https://postvenda.example.com/public/en/guides/air-conditioner-weak-airflow.html")
               for line in lines), lines[-4:]
    title = kb.get("air-conditioner-weak-airflow").model.title["en"]
    assert any(line.startswith(f"{title} · Version") for line in lines), lines[-4:]
    assert not any(line.endswith("https://") for line in lines)
