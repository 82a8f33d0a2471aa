"""The four-lane diagram as SVG (issue 29, item 3), read back with xml.etree: every outcome of a
decision is an arrow that starts at a label with its full wording and ends at the step (or the
other procedure, or the end) it leads to; steps without a decision flow on to the next; full role
names, nothing cut; the stacked layout for phones keeps its text at 13 units and its width at 340;
untrusted text stays text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO

from generator.load.knowledge_base import run_order
from generator.load.project import load_project
from generator.render.diagram import diagram_html, first_sentence, phase_lanes_svg
from generator.render.portal import Portal

SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("ca", "es", "en")


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


def draw(portal: Portal, procedure, narrow: bool = False) -> ET.Element:
    markup = phase_lanes_svg(procedure, portal.text, portal.label, portal.title_of,
                             portal.kb.config.required_phases, narrow=narrow)
    return ET.fromstring(markup)


def lines(element: ET.Element) -> str:
    return " ".join(text.text or "" for text in element.iter(f"{SVG}text"))


def end_point(path: str) -> tuple[float, float]:
    x = y = 0.0
    for command, value in re.findall(r"([MLHV])([-\d.,]+)", path.replace(" ", "")):
        if command in "ML":
            x, y = (float(part) for part in value.split(","))
        elif command == "H":
            x = float(value)
        else:
            y = float(value)
    return x, y


def box_at(svg: ET.Element, point: tuple[float, float]) -> str | None:
    """The step number of the box an arrow ends at (the arrowhead touches its side or top)."""
    x, y = point
    for link in svg.iter(f"{SVG}a"):
        rect = link.find(f"{SVG}rect")
        left, top = float(rect.get("x")), float(rect.get("y"))
        right, bottom = left + float(rect.get("width")), top + float(rect.get("height"))
        if left - 2 <= x <= right + 2 and top - 2 <= y <= bottom:
            return link.get("href").rsplit("-", 1)[1]
    return None


def expected_flow(procedure) -> tuple[list[list[str]], int, list[str]]:
    """Per decision step, where each outcome leads (a step number, 'exit'); the count of plain arrows
    to the next row; and where each step without a decision that says so leads (its own next_step or end)."""
    steps = [step for _, _, step in run_order(procedure)]
    numbers = {step.id: str(number) for number, step in enumerate(steps, start=1) if step.id}
    decisions, plain, jumps = [], 0, []
    for number, step in enumerate(steps, start=1):
        if step.decision is None and (step.next_step or step.end):
            jumps.append("exit" if step.end else numbers[step.next_step])
            continue
        if step.decision is None:
            plain += number < len(steps)
            continue
        decisions.append([numbers[outcome.next_step] if outcome.next_step
                          else "exit" if outcome.next_procedure or outcome.end or number == len(steps)
                          else str(number + 1)
                          for outcome in step.decision.outcomes])
    return decisions, plain, jumps


@pytest.fixture(params=[(lang, narrow) for narrow in (False, True) for lang in LANGS],
                ids=[f"{lang}-{'narrow' if narrow else 'wide'}" for narrow in (False, True) for lang in LANGS])
def drawings(request, kb):
    """(the portal, [(procedure, its diagram read back)]) in each language and layout."""
    lang, narrow = request.param
    portal = Portal.open(kb, "staff", lang)
    return portal, [(item, draw(portal, item.model, narrow)) for item in kb.procedures()]


def test_every_outcome_is_a_labelled_arrow_to_where_it_leads(drawings) -> None:
    portal, drawn = drawings
    for item, svg in drawn:
        decisions, plain, jumps = expected_flow(item.model)
        groups = [group for group in svg.iter(f"{SVG}g") if group.get("class") == "as-outcome"]
        assert len(groups) == sum(len(outcomes) for outcomes in decisions), item.id
        flows = [path for path in svg.iter(f"{SVG}path") if path.get("class") == "as-flow"]
        assert len(flows) == plain, item.id
        arrows = [path for path in svg.iter(f"{SVG}path") if path.get("marker-end")]
        # outcomes + the flow from step to step + a plain step's own way on (next_step, end)
        assert len(arrows) == len(groups) + plain + len(jumps), item.id
        own = [path for path in svg.iter(f"{SVG}path") if path.get("class") == "as-jump"]
        ends = {id(group.find(f"{SVG}path")) for group in svg.iter(f"{SVG}g") if group.get("class") == "as-then"
                and group.find(f"{SVG}rect[@class='as-exit']") is not None}
        assert ["exit" if id(path) in ends else box_at(svg, end_point(path.get("d"))) for path in own] == jumps, item.id
        landed = []
        for group in groups:
            path = group.find(f"{SVG}path")
            assert path is not None and path.get("marker-end"), (item.id, lines(group))
            exit_ = group.find(f"{SVG}rect[@class='as-exit']")
            landed.append("exit" if exit_ is not None else box_at(svg, end_point(path.get("d"))))
        assert landed == [target for outcomes in decisions for target in outcomes], item.id
        for group, outcome in zip(groups, [outcome for _, _, step in run_order(item.model) if step.decision
                                           for outcome in step.decision.outcomes]):
            label = group.find(f"{SVG}rect[@class='as-label']")
            assert label is not None
            assert lines(group).startswith(" ".join(portal.text(outcome.when).split())), (item.id, portal.lang)


def test_full_role_names_and_nothing_cut(drawings) -> None:
    portal, drawn = drawings
    for item, svg in drawn:
        assert "…" not in lines(svg), item.id
        boxes = list(svg.iter(f"{SVG}a"))
        for number, (link, (_, _, step)) in enumerate(zip(boxes, run_order(item.model)), start=1):
            bold = " ".join(text.text for text in link.iter(f"{SVG}text")
                            if text.get("font-weight") == "bold" and text.get("class") != "as-question")
            assert bold == f"{number}. {portal.title_of(step.role)}", (item.id, number)
            rest = " ".join(text.text for text in link.iter(f"{SVG}text") if text.get("font-weight") != "bold")
            assert rest == first_sentence(portal.text(step.action))


def test_the_stacked_layout_fits_a_phone_at_13_units(kb) -> None:
    portal = Portal.open(kb, "staff", "ca")
    for item in kb.procedures():
        svg = draw(portal, item.model, narrow=True)
        assert svg.get("viewBox").split()[2] == "340" and "as-lanes-narrow" in svg.get("class")
        assert min(int(text.get("font-size")) for text in svg.iter(f"{SVG}text")) >= 13
        wide = draw(portal, item.model)
        assert min(int(text.get("font-size")) for text in wide.iter(f"{SVG}text")) >= 13


def test_the_warranty_repair_runs_in_order_and_draws_both_ways_from_the_home_repair(kb) -> None:
    """Issue 29: step "can it be repaired at home?" had one arrow (to the workshop) and the spare
    parts came after the SAT manager's final check."""
    portal = Portal.open(kb, "staff", "en")
    procedure = kb.get("warranty-repair").model
    order = [step.id for _, _, step in run_order(procedure)]
    assert order.index("supply-parts") < order.index("repair-on-site") < order.index("log-goods") \
        < order.index("workshop-repair") < order.index("verify-repair") < order.index("return-appliance")
    svg = draw(portal, procedure)
    home = order.index("repair-on-site") + 1
    link = next(link for link in svg.iter(f"{SVG}a") if link.get("href") == f"#step-{home}")
    groups = [group for group in svg.iter(f"{SVG}g") if group.get("class") == "as-outcome"]
    mine = [group for group in groups if float(group.find(f"{SVG}rect").get("y")) > float(link.find(f"{SVG}rect").get("y"))][:2]
    targets = {lines(group): box_at(svg, end_point(group.find(f"{SVG}path").get("d"))) for group in mine}
    assert targets == {"Yes": str(order.index("invoice-paid-service") + 1),
                       "No, it has to go to the workshop": str(order.index("log-goods") + 1)}


def test_both_layouts_on_a_page_with_their_own_ids_and_text_alternative(kb) -> None:
    portal = Portal.open(kb, "staff", "en")
    procedure = kb.get("warranty-repair").model
    markup = diagram_html(procedure, portal.text, portal.label, portal.title_of, portal.kb.config.required_phases)
    page = ET.fromstring(f'<div xmlns="http://www.w3.org/2000/svg">{markup}</div>')
    svgs = list(page)
    assert [svg.get("class") for svg in svgs] == ["as-lanes", "as-lanes as-lanes-narrow"]
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids)) == 6  # title, desc and arrowhead of each
    for svg in svgs:
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "Warranty repair" in title.text
        assert "Can it be repaired at the customer's home?" in desc.text and "Yes → continue with step 14" in desc.text
        marker = svg.find(f"{SVG}defs/{SVG}marker").get("id")
        assert all(path.get("marker-end") == f"url(#{marker})" for path in svg.iter(f"{SVG}path") if path.get("marker-end"))


HOSTILE = '</text><script>alert(1)</script><a href="javascript:x">&amp; "quoted" \'apos\''


def test_untrusted_text_stays_text(kb) -> None:
    portal = Portal.open(kb, "staff", "en")
    procedure = kb.get("warranty-repair").model.model_copy(deep=True)
    for phase in ("reception", "sat"):
        for step in getattr(procedure.steps, phase):
            object.__setattr__(step, "action", {"en": HOSTILE + " " + step.action["en"]})
            if step.decision:
                object.__setattr__(step.decision, "question", {"en": HOSTILE})
                for outcome in step.decision.outcomes:
                    object.__setattr__(outcome, "when", {"en": HOSTILE})
    object.__setattr__(procedure, "title", {"en": HOSTILE})
    for narrow in (False, True):
        markup = phase_lanes_svg(procedure, portal.text, portal.label, portal.title_of,
                                 portal.kb.config.required_phases, narrow=narrow)
        svg = ET.fromstring(markup)  # well-formed: nothing broke out of its element
        tags = {element.tag.replace(SVG, "") for element in svg.iter()}
        assert tags <= {"svg", "title", "desc", "defs", "marker", "path", "rect", "text", "a", "g"}
        assert "<script" not in markup and 'href="javascript' not in markup
        assert all(link.get("href").startswith("#step-") for link in svg.iter(f"{SVG}a"))
        assert HOSTILE in svg.find(f"{SVG}title").text and HOSTILE in svg.find(f"{SVG}desc").text
        assert "</text><script>" in lines(svg)  # shown, as text


def test_an_outcome_that_ends_names_nowhere_else_and_is_drawn_to_the_end(kb) -> None:
    from pydantic import ValidationError

    from generator.model.items import Outcome

    with pytest.raises(ValidationError, match="names no next_step"):
        Outcome.model_validate({"when": "x", "then": "y", "end": True, "next_step": "a"})
    portal = Portal.open(kb, "staff", "ca")
    svg = draw(portal, kb.get("installation").model)
    ends = [group for group in svg.iter(f"{SVG}g") if group.get("class") == "as-outcome"
            and group.find(f"{SVG}rect[@class='as-exit']") is not None]
    assert [lines(group) for group in ends] == ["No Fi del procediment"]


def test_rows_follow_the_order_the_case_runs_and_every_flow_lands_on_the_next_box(kb) -> None:
    """Issue 29: in the installation the warehouse reserves the unit and transport delivers it
    before the technician installs it: their rows come between the scheduling and the installation
    (lanes stay per phase), and the arrow from the delivery goes back left into the SAT lane."""
    portal = Portal.open(kb, "staff", "en")
    procedure = kb.get("installation").model
    order = [step.id for _, _, step in run_order(procedure)]
    assert order[2:7] == ["schedule", "confirm-with-sales", "reserve-unit", "deliver-unit", "install"]
    for narrow in (False, True):
        svg = draw(portal, procedure, narrow)
        boxes = {link.get("href").rsplit("-", 1)[1]: link.find(f"{SVG}rect") for link in svg.iter(f"{SVG}a")}
        tops = [float(boxes[str(number)].get("y")) for number in range(1, len(order) + 1)]
        assert tops == sorted(tops), narrow  # one row per step, in number order
        if not narrow:
            lanes = {rect.get("class").split()[1].removeprefix("as-lane-"): float(rect.get("x"))
                     for rect in svg.iter(f"{SVG}rect") if (rect.get("class") or "").startswith("as-lane ")}
            phases = [phase for phase, _, _ in run_order(procedure)]
            assert [lanes[phase] + 5 for phase in phases] == [float(boxes[str(n)].get("x")) for n in range(1, 13)]
        flows = [path for path in svg.iter(f"{SVG}path") if path.get("class") == "as-flow"]
        landed = [box_at(svg, end_point(path.get("d"))) for path in flows]
        starts = [number for number, (_, _, step) in enumerate(run_order(procedure), start=1)
                  if step.decision is None and not (step.next_step or step.end) and number < len(order)]
        assert landed == [str(number + 1) for number in starts], narrow
    narrow = draw(portal, procedure, narrow=True)
    sections = [rect.get("class").split()[1] for rect in narrow.iter(f"{SVG}rect")
                if (rect.get("class") or "").startswith("as-lane ")]
    assert sections == ["as-lane-reception", "as-lane-sat", "as-lane-departments", "as-lane-sat",
                        "as-lane-departments", "as-lane-follow_up"]
    desc = narrow.find(f"{SVG}desc").text
    assert desc.index("Other departments: 4.") < desc.index("5. Spare-parts warehouse clerk: Reserve") \
        < desc.index("SAT: 7. ") < desc.index("Other departments: 9.")
