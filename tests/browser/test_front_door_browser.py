"""The help centre's front door in Chromium, as a customer on a phone and at a desk meets it.

Screenshots of the public home, a guide with pictures and the request page at 1366 px and 390 px
in ca, es and en go to the ``screenshots`` folder (printed after the run) for a person to look at.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
LANGS = ("ca", "es", "en")
PAGES = ("index.html", "products/washing-machines.html", "products/washing-machines-error-codes.html",
         "guides/washing-machine-does-not-drain.html", "request.html", "contact.html")


def other_hosts(page, site_url: str, path: str) -> list[str]:
    """Requests to any host but the portal's own while ``path`` loads."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    return [url for url in seen if not url.startswith(site_url) and not url.startswith("data:")]


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_search_and_the_phone_show_without_scrolling(browser, site_url, lang, screenshots) -> None:
    page = browser.new_page(viewport=PHONE)
    assert other_hosts(page, site_url, f"public/{lang}/index.html") == []
    for selector in ("#as-front-query", ".as-front__phone a[href^='tel:']"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (selector, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing scrolls sideways
    page.screenshot(path=str(screenshots / f"front-public-{lang}-390.png"), full_page=True)
    assert serious_violations(page, f"public/{lang} home (390 px)") == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_pages_of_the_front_door_pass_axe_at_a_desk(browser, site_url, lang, screenshots) -> None:
    page = browser.new_page(viewport=DESK)
    for path in PAGES:
        assert other_hosts(page, site_url, f"public/{lang}/{path}") == []
        page.screenshot(path=str(screenshots / f"front-public-{lang}-{path.replace('/', '-')}-1366.png"), full_page=True)
        assert serious_violations(page, f"public/{lang}/{path}") == []
    page.goto(f"{site_url}/staff/{lang}/index.html")
    assert serious_violations(page, f"staff/{lang} home") == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_no_page_of_the_front_door_scrolls_sideways(browser, site_url, lang, screenshots) -> None:
    page = browser.new_page(viewport=PHONE)
    for path in PAGES[1:]:
        page.goto(f"{site_url}/public/{lang}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        page.screenshot(path=str(screenshots / f"front-public-{lang}-{path.replace('/', '-')}-390.png"), full_page=True)
    page.close()


def test_typing_in_the_home_search_field_opens_the_search_with_the_guide(browser, site_url) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site_url}/public/es/index.html")
    page.keyboard.press("Tab")  # keyboard only: tab to the field
    for _ in range(30):
        if page.evaluate("document.activeElement && document.activeElement.id") == "as-front-query":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "as-front-query"
    page.keyboard.type("lavadora no desagua", delay=20)
    page.wait_for_function("document.querySelector('[data-as-search]').getAttribute('data-as-done') === 'lavadora no desagua'")
    assert page.evaluate("document.getElementById('__search').checked")
    first = page.locator(".md-search-result__item a").first
    assert "guides/washing-machine-does-not-drain.html" in first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/guides/washing-machine-does-not-drain.html*")
    page.close()


def test_the_guides_pictures_load_lazily_at_their_size(browser, site_url) -> None:
    page = browser.new_page(viewport=DESK)
    page.goto(f"{site_url}/public/en/guides/washing-machine-does-not-drain.html")
    pictures = page.locator("img.as-step-picture")
    assert pictures.count() == 2
    for index in range(2):
        picture = pictures.nth(index)
        assert picture.get_attribute("loading") == "lazy"
        assert picture.get_attribute("width") == "480" and picture.get_attribute("height") == "360"
        assert len(picture.get_attribute("alt")) > 40
        picture.scroll_into_view_if_needed()
        page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=picture.element_handle())
    page.close()


def test_did_this_solve_it_no_offers_the_prefilled_request(browser, site_url) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site_url}/public/ca/guides/washing-machine-does-not-drain.html")
    no = page.locator(".as-solved__no summary")
    no.focus()
    page.keyboard.press("Enter")  # a <details> opens from the keyboard
    link = page.locator(".as-solved__no a.md-button--primary")
    assert link.is_visible()
    fields = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert fields["product"] == ["Rentadores"]
    assert fields["guide"][0].startswith("La rentadora no desguassa")


def test_the_request_form_fills_the_web_form_address_as_typed(browser, site_url) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site_url}/public/en/request.html")
    page.select_option("#as-request-product", label="Washing machines")
    page.fill("#as-request-model", "RV-8140")
    page.fill("#as-request-symptom", "Loud bang & stops? #E21 at 50 %")
    href = page.locator("#as-request-send").get_attribute("href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.example.com/postvenda/avis"
    assert "+" not in parts.query
    assert parse_qs(parts.query) == {"product": ["Washing machines"], "model": ["RV-8140"],
                                     "symptom": ["Loud bang & stops? #E21 at 50 %"]}
    assert unquote(parts.query).count("&") == 3  # the & typed is encoded, not a new field
    page.close()


@pytest.mark.parametrize(("query", "page"), [
    ("E21", "products/washing-machines-error-codes.html"),
    ("e-21", "products/washing-machines-error-codes.html"),  # typed with a separator, written "E21"
    ("e 21", "products/washing-machines-error-codes.html"),
    ("RV-8140", "products/washing-machines.html"),  # a model code, written "RV-8140"
    ("rv8140", "products/washing-machines.html"),  # typed glued
])
def test_codes_are_found_however_they_are_typed(browser, site_url, query, page) -> None:
    from test_search import open_portal, search

    tab = browser.new_page(viewport=DESK)
    open_portal(tab, site_url, "public/es")
    results = search(tab, query)
    assert results and results[0]["href"].split("#")[0] == f"/public/es/{page}", results[:3]
    tab.close()
