"""Steps are shown in the order the case runs (issue 29, item 3): in the installation the warehouse
reserves the unit and transport delivers it before the SAT installs it, so the procedure page, the
checklist and the procedures manual list them there, numbered on, with a phase heading each time
the work comes back to a phase. Rendering only (no MkDocs)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, PortalView

from generator.load.knowledge_base import run_order, step_numbers, step_runs
from generator.load.project import load_project
from generator.render.manual import render_manual_printable
from generator.render.printables import render_printable

RUN = ["schedule", "confirm-with-sales", "reserve-unit", "deliver-unit", "install", "train-user",
       "invoice-installation"]
"""The installation from the SAT manager's scheduling to the invoice, as the work is done."""


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


@pytest.fixture(scope="module")
def view(kb):
    return PortalView(kb, "staff", "en")


def numbers_of(kb) -> dict[str, int]:
    return step_numbers(kb.get("installation"))[1]


def test_numbers_follow_the_run_and_every_step_is_numbered_once(kb) -> None:
    by_id = numbers_of(kb)
    assert [by_id[step_id] for step_id in RUN] == list(range(3, 10))
    for item in kb.procedures():
        numbers = step_numbers(item)[0]
        assert sorted(numbers.values()) == list(range(1, len(numbers) + 1)), item.id
        assert [number for _, steps in step_runs(item) for number, _ in steps] == sorted(numbers.values())
        shown = [step for _, steps in step_runs(item) for _, step in steps]
        assert [id(step) for step in shown] == [id(step) for _, _, step in run_order(item.model)]


def test_the_procedure_page_lists_the_reservation_before_the_installation(kb, view) -> None:
    page = view.render("procedures/installation.md").markdown
    shown = [(int(number), text) for number, text in re.findall(r"\*\*Step (\d+)\.\*\* (.*)", page)]
    assert [number for number, _ in shown] == list(range(1, len(shown) + 1))  # consecutive, in page order
    texts = [text for _, text in shown]
    reserve = next(i for i, text in enumerate(texts) if text.startswith("Reserve the appliance"))
    install = next(i for i, text in enumerate(texts) if text.startswith("Install the appliance"))
    assert reserve < install and shown[reserve][0] == 5 and shown[install][0] == 7
    steps = page[page.index("## Steps"):]
    headings = re.findall(r"^### (.+)$", steps, re.MULTILINE)
    assert headings == ["Reception", "SAT", "Other departments", "SAT", "Other departments", "Follow-up"]
    assert f'<a id="step-{numbers_of(kb)["install"]}"></a>\n**Step 7.** Install' in page
    # the quote's "yes" goes on to the scheduling, by its number in the run
    assert "(continue with step [3](#step-3))" in page


def test_an_empty_required_phase_still_shows_its_gap(new_project) -> None:
    from generator.load.project import load_project as load

    proc = "content/procedures/warranty-repair.yml"
    text = (new_project / proc).read_text(encoding="utf-8")
    start, end = text.index("  sat:\n"), text.index("  departments:\n")
    (new_project / proc).write_text(text[:start] + text[end:], encoding="utf-8")
    kb = load(new_project).kb
    page = PortalView(kb, "staff", "en").render("procedures/warranty-repair.md").markdown
    steps = page[page.index("## Steps"):]
    assert re.findall(r"^### (.+)$", steps, re.MULTILINE) == ["Reception", "SAT", "Other departments", "Follow-up"]
    sat = steps[steps.index("### SAT"):steps.index("### Other departments")]
    assert '!!! failure "' in sat


def test_the_checklist_prints_the_same_order(kb, view) -> None:
    html = render_printable(view.portal, kb.get("installation")).html
    numbered = [(int(number), text.strip()) for number, text in
                re.findall(r"<strong>(\d+)\.</strong> ([^<]{0,40})", html)]
    assert [number for number, _ in numbered] == list(range(1, 13))
    assert numbered[4][1].startswith("Reserve the appliance") and numbered[6][1].startswith("Install the appliance")
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings == ["Reception", "SAT", "Other departments", "SAT", "Other departments", "Follow-up"]


def test_the_manual_prints_the_same_order_and_its_role_index_the_same_numbers(kb, view) -> None:
    html = render_manual_printable(view.portal).html
    start = html.index('id="proc-installation"')
    chapter = html[start:html.index("</section>", start)]
    anchors = [int(number) for number in re.findall(r'id="proc-installation-step-(\d+)"', chapter)]
    assert anchors == list(range(1, 13))
    steps = chapter[chapter.index('id="proc-installation-step-1"'):]  # the diagram above names them too
    assert steps.index('id="proc-installation-step-5"') < steps.index("Reserve the appliance") \
        < steps.index('id="proc-installation-step-7"') < steps.index("Install the appliance")
    assert re.findall(r"<h4>([^<]+)</h4>", chapter) == [
        "Reception", "SAT", "Other departments", "SAT", "Other departments", "Follow-up"]
    index = html[html.index('id="roles"'):]
    clerk = index[index.index(">Spare-parts warehouse clerk<"):]
    clerk = clerk[:clerk.index("</ul>")]
    assert "A.1 Installation and commissioning · step 5<" in clerk
