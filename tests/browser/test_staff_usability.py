"""The staff portal as a quality manager and a technician meet it (issue 29), in Debian's Chromium:
the coverage matrix and the document register scroll inside their own box (never the page), filter
and sort; axe stays clean."""

from __future__ import annotations

import pytest
from conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
LANGS = ["ca", "es", "en"]


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        return page

    yield opener
    for context in contexts:
        context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390px", "1366px"])
@pytest.mark.parametrize("path", ["coverage.html", "documents.html"])
def test_matrix_and_register_never_make_the_page_wider_than_the_screen(open_page, site_url, lang, viewport, path,
                                                                        screenshots) -> None:
    page = open_page(viewport)
    page.goto(f"{site_url}/staff/{lang}/{path}")
    table = page.locator("#as-coverage, #as-documents")
    table.wait_for()
    box = page.locator(".as-register-scroll").first
    assert page_width(page) <= viewport["width"], f"{path} at {viewport['width']} px scrolls sideways"
    # The table scrolls inside its box when it is wider than the screen.
    assert box.evaluate("box => box.getBoundingClientRect().right") <= viewport["width"]
    assert box.evaluate("box => getComputedStyle(box).overflowX") == "auto"
    page.locator(f"#{table.get_attribute('id')}-tools").wait_for()  # the script showed the filters
    page.screenshot(path=screenshots / f"staff-{lang}-{path[:-5]}-{viewport['width']}.png")
    assert serious_violations(page, f"staff/{lang}/{path} at {viewport['width']} px") == []
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_headers_are_rule_names_with_a_summary_legend_and_filters(open_page, site_url, lang) -> None:
    from conftest import REPO
    from playwright.sync_api import expect

    from generator.load.project import load_project

    config = load_project(REPO).kb.config
    page = open_page(DESK)
    page.goto(f"{site_url}/staff/{lang}/coverage.html")
    headers = [" ".join(text.split()) for text in page.locator("#as-coverage thead th.as-rule").all_inner_texts()]
    assert headers == [rule.title[lang] if rule.title else rule.id for rule in config.coverage_rules]
    rows = page.locator("#as-coverage tbody tr")
    total = rows.count()
    summary = page.locator("#as-coverage-summary").inner_text()
    assert str(total) in summary
    # A waived cell is a short badge; its date is in the tooltip and the waivers list.
    waived = page.locator("#as-coverage td.as-waived").first
    assert waived.locator(".as-badge").is_visible()
    assert waived.locator("a").get_attribute("title")
    assert waived.locator(".as-badge").evaluate("badge => badge.getBoundingClientRect().height") < 30  # one line
    # Only gaps: the example has none, so nothing is shown and the count says so.
    page.locator("#as-coverage-gaps").check()
    expect(page.locator("#as-coverage-count")).to_contain_text("0")
    assert rows.evaluate_all("rows => rows.filter(row => !row.hidden).length") == 0
    page.locator("#as-coverage-gaps").uncheck()
    # A category: only the procedures of that category stay.
    page.locator("#as-coverage-category").select_option("A")
    shown = rows.evaluate_all("rows => rows.filter(row => !row.hidden).map(row => row.dataset.category)")
    assert shown and set(shown) == {"A"} and len(shown) < total


def test_document_register_sorts_and_filters(open_page, site_url) -> None:
    from playwright.sync_api import expect

    page = open_page(DESK)
    page.goto(f"{site_url}/staff/en/documents.html")
    rows = page.locator("#as-documents tbody tr")
    total = rows.count()
    page.locator("#as-documents thead th").nth(2).locator("button.as-sort").click()
    expect(page.locator("#as-documents thead th").nth(2)).to_have_attribute("aria-sort", "ascending")
    in_order = rows.locator("th").evaluate_all("""cells => {
        const collator = new Intl.Collator("en", {numeric: true, sensitivity: "base"});
        const names = cells.map(cell => cell.textContent.trim());
        return names.every((name, i) => i === 0 || collator.compare(names[i - 1], name) <= 0);
    }""")
    assert in_order  # by name, as people sort (numbers by value: "3-year" before "12 more")
    page.locator("#as-documents-filter").fill("boiler")
    expect(page.locator("#as-documents-count")).not_to_have_text(f"{total} of {total}")
    visible = rows.evaluate_all("rows => rows.filter(row => !row.hidden).map(row => row.textContent.toLowerCase())")
    assert visible and all("boiler" in text for text in visible)
