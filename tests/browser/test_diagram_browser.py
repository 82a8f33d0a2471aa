"""The four-lane diagram as a technician meets it (issue 29, item 3), in Debian's Chromium at
1366 px and on a 390 px phone: the side-by-side lanes on a desk, the stacked ones on a phone (text
at least 12 px as drawn), full role names, no "…", no line running out of its box, every outcome
of every decision an arrow with its label, and the page never wider than the screen."""

from __future__ import annotations

import pytest
from conftest import REPO, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
LANGS = ["ca", "es", "en"]

# What the visible diagram shows: its layout, the smallest text as drawn (px), the lines that run
# out of the rectangle they are written in, each box's bold lines (number and role), every
# outcome's label and whether its arrow is drawn, and the whole text.
READ = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const overflow = [];
  for (const text of texts) {
    let rect = text.previousElementSibling;
    while (rect && rect.tagName !== 'rect') rect = rect.previousElementSibling;
    if (!rect) continue;
    const box = text.getBBox(), x = rect.x.baseVal.value, width = rect.width.baseVal.value;
    if (box.x < x || box.x + box.width > x + width + 0.5) overflow.push(text.textContent);
  }
  const boxes = [...svg.querySelectorAll('a')].map(link =>
    [...link.querySelectorAll('text[font-weight=bold]:not(.as-question)')].map(t => t.textContent).join(' '));
  const outcomes = [...svg.querySelectorAll('g.as-outcome')].map(group => {
    const path = group.querySelector('path[marker-end]');
    const drawn = path && path.getTotalLength() > 5 && getComputedStyle(path).visibility === 'visible';
    return [[...group.querySelectorAll('text:not([font-weight=bold])')].map(t => t.textContent).join(' '), !!drawn];
  });
  return {narrow: svg.classList.contains('as-lanes-narrow'),
          smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
          overflow, boxes, outcomes, text: texts.map(t => t.textContent).join(' '),
          right: svg.getBoundingClientRect().right};
}"""


@pytest.fixture(scope="module")
def kb():
    from generator.load.project import load_project

    return load_project(REPO).kb


def visible_diagram(page):
    diagrams = page.locator(".as-diagram svg.as-lanes")
    assert diagrams.count() == 2
    shown = [index for index in range(2) if diagrams.nth(index).is_visible()]
    assert len(shown) == 1, "exactly one layout is shown"
    return diagrams.nth(shown[0])


def expected(kb, lang: str, procedure_id: str) -> tuple[list[str], list[str]]:
    from generator.load.knowledge_base import run_order
    from generator.render.portal import Portal

    portal = Portal.open(kb, "staff", lang)
    steps = [step for _, _, step in run_order(kb.get(procedure_id).model)]
    boxes = [f"{number}. {portal.title_of(step.role)}" for number, step in enumerate(steps, start=1)]
    outcomes = [" ".join(portal.text(outcome.when).split()) for step in steps if step.decision
                for outcome in step.decision.outcomes]
    return boxes, outcomes


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1366px"])
def test_the_warranty_repair_diagram_reads_whole_at_both_widths(open_page, site_url, kb, screenshots, lang,
                                                                viewport) -> None:
    page = open_page(viewport)
    page.goto(f"{site_url}/staff/{lang}/procedures/warranty-repair.html")
    shown = visible_diagram(page).evaluate(READ)
    phone = viewport is PHONE
    assert shown["narrow"] is phone
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "the page scrolls sideways"
    assert shown["right"] <= viewport["width"]
    if phone:
        assert shown["smallest"] >= 12, f"text drawn at {shown['smallest']:.1f} px on a phone"
    assert "…" not in shown["text"]
    boxes, outcomes = expected(kb, lang, "warranty-repair")
    assert shown["boxes"] == boxes  # the full role names
    assert [label for label, _ in shown["outcomes"]] == outcomes  # every outcome, whole, in order
    assert all(drawn for _, drawn in shown["outcomes"]), "an outcome without its arrow"
    assert shown["overflow"] == []
    page.locator(".as-diagram").screenshot(path=screenshots / f"staff-{lang}-diagram-{viewport['width']}.png")
    assert page.errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1366px"])
def test_every_procedure_diagram_fits_and_keeps_its_text_in_its_boxes(open_page, site_url, kb, viewport) -> None:
    page = open_page(viewport)
    for item in kb.procedures():
        page.goto(f"{site_url}/staff/ca/procedures/{item.id}.html")
        shown = visible_diagram(page).evaluate(READ)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], item.id
        assert shown["overflow"] == [], item.id
        assert "…" not in shown["text"], item.id
        boxes, outcomes = expected(kb, "ca", item.id)
        assert shown["boxes"] == boxes, item.id
        assert [label for label, _ in shown["outcomes"]] == outcomes, item.id
        assert all(drawn for _, drawn in shown["outcomes"]), item.id
        if viewport is PHONE:
            assert shown["smallest"] >= 12, item.id


def test_the_diagram_page_stays_accessible_on_a_phone(open_page, site_url) -> None:
    page = open_page(PHONE)
    page.goto(f"{site_url}/staff/ca/procedures/warranty-repair.html")
    narrow = visible_diagram(page)
    labelled = narrow.get_attribute("aria-labelledby").split()
    assert page.locator(f"[id='{labelled[0]}']").count() == 1 and page.locator(f"[id='{labelled[1]}']").count() == 1
    assert serious_violations(page, "staff/ca/procedures/warranty-repair.html at 390 px") == []
