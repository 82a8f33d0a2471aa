"""The standards register and the service charter in Debian's Chromium: sorting by a column
header (mouse and keyboard), filtering with the "N of M" count, accents ignored; axe finds
nothing serious, the charter fits a phone, and no request leaves 127.0.0.1."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

import pytest
from conftest import REPO, serious_violations

from generator.i18n.labels import label
from generator.load.project import load_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


@pytest.fixture
def page(browser):
    """A page whose network is "off": requests not for 127.0.0.1 are recorded, aborted and fail the test."""
    context = browser.new_context()
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    foreign = [url for url in requests if urlparse(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, errors


def plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()


def visible_ids(page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('#as-register tbody tr'))"
                         ".filter(row => !row.hidden).map(row => row.id.replace('standard-', ''))")


def column_keys(page, column: int) -> list[str]:
    return page.evaluate("column => Array.from(document.querySelectorAll('#as-register tbody tr')).map(row => {"
                         " const cell = row.cells[column];"
                         " return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim(); })",
                         column)


def test_the_register_sorts_by_any_column_both_ways(page, site_url, kb, screenshots) -> None:
    page.goto(f"{site_url}/staff/en/standards-register.html")
    total = len(kb.of_type("standard"))
    headers = page.locator("#as-register thead th")
    assert headers.count() == 8 and page.locator("#as-register thead th button.as-sort").count() == 8
    assert page.locator("#as-register thead th[aria-sort]").count() == 0

    target = headers.nth(2)
    target.locator("button").click()
    assert target.get_attribute("aria-sort") == "ascending"
    keys = [float(key) for key in column_keys(page, 2)]
    assert keys == sorted(keys) and keys[0] < keys[-1]
    target.locator("button").click()
    assert target.get_attribute("aria-sort") == "descending"
    assert [float(key) for key in column_keys(page, 2)] == sorted(keys, reverse=True)

    # With the keyboard: Tab reaches the first header's button, Enter sorts by title.
    page.locator("#as-register-filter").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the scrollable region, then its first header button
    assert page.evaluate("document.activeElement.classList.contains('as-sort')")
    page.keyboard.press("Enter")
    title = headers.nth(0)
    assert title.get_attribute("aria-sort") == "ascending" and target.get_attribute("aria-sort") is None
    titles = column_keys(page, 0)
    assert titles == sorted(titles, key=plain)
    assert len(titles) == total
    page.keyboard.press("Enter")
    assert column_keys(page, 0) == titles[::-1]
    page.screenshot(path=screenshots / "standards-register-sorted.png", full_page=True)


@pytest.mark.parametrize(("lang", "query"), [("en", "complaint"), ("ca", "reclamacio"), ("es", "RECLAMACION")])
def test_the_register_filters_rows_and_counts_them(page, site_url, kb, lang: str, query: str) -> None:
    page.goto(f"{site_url}/staff/{lang}/standards-register.html")
    total = len(kb.of_type("standard"))
    count = page.locator("#as-register-count")
    assert page.locator("#as-register-tools").is_visible()
    assert count.inner_text() == label("register.count", lang).format(shown=total, total=total)
    rows = page.locator("#as-register tbody tr")
    texts = {row.get_attribute("id").removeprefix("standard-"): plain(row.text_content()) for row in rows.all()}
    page.fill("#as-register-filter", query)
    expected = [item_id for item_id in visible_ids(page)]
    assert set(expected) == {item_id for item_id, text in texts.items() if plain(query) in text}
    assert 0 < len(expected) < total
    assert count.inner_text() == label("register.count", lang).format(shown=len(expected), total=total)
    assert count.get_attribute("aria-live") == "polite"
    page.fill("#as-register-filter", f"{query} zzzz-nothing")
    assert visible_ids(page) == [] and count.inner_text().startswith("0 ")
    page.fill("#as-register-filter", "")
    assert len(visible_ids(page)) == total


def test_the_register_reads_without_javascript(browser, site_url, kb) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/staff/en/standards-register.html")
    assert page.locator("#as-register tbody tr").count() == len(kb.of_type("standard"))
    assert not page.locator("#as-register-tools").is_visible()  # a filter that cannot work is not shown
    assert page.get_by_role("link", name="Download CSV").get_attribute("href") == "standards-register.csv"
    context.close()


def test_the_csv_link_downloads_the_register(page, site_url) -> None:
    page.goto(f"{site_url}/staff/ca/standards-register.html")
    response = page.request.get(f"{site_url}/staff/ca/standards-register.csv")
    assert response.ok and response.body().startswith(b"\xef\xbb\xbfid,")


def test_the_charter_is_linked_from_home_and_calls_a_free_number(page, site_url, kb) -> None:
    page.goto(f"{site_url}/public/es/index.html")
    page.get_by_role("link", name=label("our_commitments", "es")).first.click()
    page.wait_for_url("**/public/es/charter.html")
    assert page.locator("h1").first.inner_text().rstrip("¶") == label("our_commitments", "es")  # ¶: permalink
    assert page.locator('a[href="tel:900102030"]').count() >= 1
    for item in kb.of_type("standard"):
        heading = page.get_by_role("heading", name=item.model.title["es"])
        assert heading.count() == (1 if item.is_public else 0), item.id
    assert page.locator('a[href="print/charter.pdf"]').count() == 1


@pytest.mark.parametrize(("audience", "path"), [("public", "charter.html"), ("staff", "charter.html"),
                                                ("staff", "standards-register.html")])
def test_no_serious_or_critical_accessibility_violation(browser, site_url, audience: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for lang in ("ca", "en"):
        page.goto(f"{site_url}/{audience}/{lang}/{path}")
        problems += serious_violations(page, f"{audience}/{lang}/{path}")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("audience", "path"), [("public", "charter.html"), ("staff", "standards-register.html")])
def test_the_pages_fit_a_phone(browser, site_url, screenshots, audience: str, path: str) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{audience}/ca/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"  # the register scrolls in its box
    page.screenshot(path=screenshots / f"phone-{audience}-{path.removesuffix('.html')}.png", full_page=True)
    context.close()
