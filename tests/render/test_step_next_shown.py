"""A step without a decision that says where the case goes after it (issue 29, item 3): in the
workshop repair the carrier's collection goes on to the goods-in log (``next_step``), skipping the
counter's receipt. The page and the checklists say so under the step, the diagram draws that arrow
and no flow to the next row, the text alternative says where it leads; a step that ``end``s is
drawn into "End of the procedure". The procedure page also links each role's own checklist
(issue 29, item 6). Rendering only (no MkDocs)."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO, PortalView
from test_diagram import SVG, box_at, end_point, lines

from generator.load.knowledge_base import step_numbers
from generator.load.project import load_project
from generator.render.diagram import phase_lanes_svg
from generator.render.printables import render_printable
from generator.render.role_checklists import (
    render_role_checklist,
    role_checklist_path,
    role_step_counts,
)

PROC = "workshop-repair"


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


@pytest.fixture(scope="module")
def view(kb):
    return PortalView(kb, "staff", "en")


def start(svg: ET.Element, path: ET.Element) -> str | None:
    """The step number of the box an arrow starts at."""
    x, y = (float(value) for value in re.match(r"M([-\d.]+),([-\d.]+)", path.get("d")).groups())
    return box_at(svg, (x, y))


def numbers(kb) -> dict[str, int]:
    return step_numbers(kb.get(PROC))[1]


def test_the_collection_goes_on_to_the_goods_in_log(kb) -> None:
    by_id = numbers(kb)
    assert (by_id["collect-appliance"], by_id["issue-pickup-receipt"], by_id["log-goods-in"]) == (2, 3, 4)
    step = kb.get(PROC).model.steps.departments[0]
    assert (step.id, step.next_step, step.end) == ("collect-appliance", "log-goods-in", False)


def test_the_page_says_go_to_step_4_after_the_collection(view) -> None:
    page = view.render(f"procedures/{PROC}.md").markdown
    step_2 = page[page.index('<a id="step-2"></a>'):page.index('<a id="step-3"></a>')]
    assert step_2.split("\n### ")[0].rstrip().endswith("\n\n**→ continue with step [4](#step-4)**")  # under it
    assert page.count("**→ continue with step") == 1  # only the steps that say so
    ca = PortalView(view.portal.kb, "staff", "ca").render(f"procedures/{PROC}.md").markdown
    assert "**→ continueu al pas [4](#step-4)**" in ca


def test_the_checklists_say_it_too(kb, view) -> None:
    html = render_printable(view.portal, kb.get(PROC)).html
    step_2 = html[html.index("<strong>2.</strong>"):html.index("<strong>3.</strong>")]
    assert '<div class="then"><strong>→ continue with step 4</strong></div>' in step_2
    carrier = render_role_checklist(view.portal, kb.get(PROC), "transport-coordinator").html
    assert "→ continue with step 4" in carrier
    clerk = view.portal.title_of("warehouse-clerk")
    assert f"After you: step 4 · {clerk}" in carrier  # where the case goes, not the counter's step 3
    assert "After you: step 3" not in carrier


def test_the_diagram_draws_the_jump_and_no_flow_to_the_next_row(kb, view) -> None:
    portal = view.portal
    for narrow in (False, True):
        svg = ET.fromstring(phase_lanes_svg(kb.get(PROC).model, portal.text, portal.label, portal.title_of,
                                            kb.config.required_phases, narrow=narrow))
        paths = list(svg.iter(f"{SVG}path"))

        flows_from_2 = [path for path in paths if path.get("class") == "as-flow" and start(svg, path) == "2"]
        assert not flows_from_2, narrow
        (jump,) = [path for path in paths if path.get("class") == "as-jump"]
        assert start(svg, jump) == "2" and box_at(svg, end_point(jump.get("d"))) == "4", narrow
        assert jump.get("marker-end")
        desc = svg.find(f"{SVG}desc").text
        assert "leaves them the original → continue with step 4." in desc


def test_a_step_that_ends_is_drawn_into_the_end(kb, view) -> None:
    portal = view.portal
    procedure = kb.get(PROC).model.model_copy(deep=True)
    step = procedure.steps.departments[0]
    object.__setattr__(step, "next_step", None)
    object.__setattr__(step, "end", True)
    for narrow in (False, True):
        svg = ET.fromstring(phase_lanes_svg(procedure, portal.text, portal.label, portal.title_of,
                                            kb.config.required_phases, narrow=narrow))
        (then,) = [group for group in svg.iter(f"{SVG}g") if group.get("class") == "as-then"]
        assert lines(then) == "End of the procedure"
        arrow = then.find(f"{SVG}path")
        exit_ = then.find(f"{SVG}rect[@class='as-exit']")
        x, y = end_point(arrow.get("d"))
        assert float(exit_.get("x")) <= x <= float(exit_.get("x")) + float(exit_.get("width"))
        assert abs(y + 1 - float(exit_.get("y"))) < 0.01  # the arrowhead touches the exit's top
        box = next(link.find(f"{SVG}rect") for link in svg.iter(f"{SVG}a") if link.get("href") == "#step-2")
        assert re.match(rf"M[-\d.]+,{float(box.get('y')) + float(box.get('height')):g} ", arrow.get("d"))
        assert not [path for path in svg.iter(f"{SVG}path") if path.get("class") == "as-flow" and start(svg, path) == "2"]
        assert "leaves them the original → End of the procedure." in svg.find(f"{SVG}desc").text


def test_the_procedure_page_links_each_roles_checklist(kb, view) -> None:
    page = view.render(f"procedures/{PROC}.md").markdown
    line = next(line for line in page.splitlines() if line.startswith("- **Printable checklist:**"))
    assert "; By role: " in line
    roles = list(role_step_counts(kb.get(PROC)))
    assert len(roles) > 5
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", line.split("; By role: ", 1)[1])
    expected = [(view.portal.title_of(role),
                 posixpath.relpath(role_checklist_path(kb.get(PROC), role), "procedures")) for role in roles]
    assert links == expected
    es = PortalView(kb, "staff", "es").render(f"procedures/{PROC}.md").markdown
    assert "; Por puesto de trabajo: [" in es
