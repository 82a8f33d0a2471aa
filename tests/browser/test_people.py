"""The portal as people meet it, in Debian's Chromium: a customer, a new operator, a quality
manager; privacy (no request leaves 127.0.0.1), accessibility (axe-core), phones."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import REPO, serious_violations

from generator.cli import main
from generator.load.project import load_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def example(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _search(page, query: str) -> list[str]:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").type(query, delay=20)
    items = page.locator(".md-search-result__item h1, .md-search-result__item h2")
    items.first.wait_for(timeout=10_000)
    return items.all_inner_texts()


def _title(kb, item_id: str, lang: str) -> str:
    return kb.get(item_id).title(lang, kb.default_language)


# --------------------------------------------------------------------------- as a customer


def test_customer_finds_a_guide_by_symptom_switches_language_and_prints_it(page, site_url, kb, screenshots) -> None:
    guide_ca = _title(kb, "washing-machine-does-not-drain", "ca")
    guide_es = _title(kb, "washing-machine-does-not-drain", "es")
    page.goto(f"{site_url}/public/ca/index.html")
    assert guide_ca in _search(page, "desguassa")
    page.locator("a.md-search-result__link", has=page.locator("h1", has_text=guide_ca)).first.click()
    page.wait_for_url(re.compile(r".*/public/ca/guides/washing-machine-does-not-drain\.html([?#].*)?$"))

    page.goto(f"{site_url}/public/es/index.html")
    assert guide_es in _search(page, "desagua")

    page.goto(f"{site_url}/public/ca/guides/washing-machine-does-not-drain.html")
    page.locator(".md-header__option .md-select button").click()
    page.locator('a.md-select__link[hreflang="es"]').click()
    page.wait_for_url("**/public/es/guides/washing-machine-does-not-drain.html")
    assert guide_es in page.locator("h1").first.inner_text()
    page.screenshot(path=screenshots / "customer-guide-es-desktop.png", full_page=True)

    page.get_by_role("link", name="Imprimir").first.click()
    page.wait_for_url("**/public/es/print/guides/washing-machine-does-not-drain.html")
    assert guide_es in page.locator("h1").inner_text()
    page.screenshot(path=screenshots / "customer-guide-es-print.png", full_page=True)
    pdf = page.request.get(f"{site_url}/public/es/print/guides/washing-machine-does-not-drain.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")


# --------------------------------------------------------------------------- as a new operator


def test_operator_finds_the_complaint_procedure_and_follows_a_role_and_back(page, site_url, kb, screenshots) -> None:
    procedure = _title(kb, "complaint-handling", "ca")
    page.goto(f"{site_url}/staff/ca/index.html")
    page.get_by_role("link", name=procedure, exact=True).first.click()
    page.wait_for_url("**/staff/ca/procedures/complaint-handling.html")
    # Two layouts of one diagram: the side-by-side lanes on a desktop, the stacked ones on a phone.
    assert page.locator("svg.as-lanes:not(.as-lanes-narrow)").is_visible()
    assert not page.locator("svg.as-lanes-narrow").is_visible()
    page.screenshot(path=screenshots / "operator-procedure-desktop.png", full_page=True)

    first_step = kb.get("complaint-handling").model.steps.reception[0]
    role = _title(kb, first_step.role, "ca")
    page.locator("p:has(#step-1) + ul a", has_text=role).first.click()
    page.wait_for_url(f"**/staff/ca/roles/{first_step.role}.html")
    back = page.locator('a[href$="procedures/complaint-handling.html#step-1"]')
    assert back.count() >= 1
    back.first.click()
    page.wait_for_url("**/staff/ca/procedures/complaint-handling.html#step-1")

    pdf = page.request.get(f"{site_url}/staff/ca/print/procedures/complaint-handling.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")


# --------------------------------------------------------------------------- as a quality manager


@pytest.fixture(scope="module")
def gap_site(tmp_path_factory) -> Path:
    """A fixture knowledge base whose procedure has no follow-up step (reported as a warning)."""
    root = tmp_path_factory.mktemp("gap") / "kb"
    assert main(["init", str(root)]) == 0
    procedure = root / "content/procedures/warranty-repair.yml"
    procedure.write_text(procedure.read_text(encoding="utf-8").split("  follow_up:")[0], encoding="utf-8")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "rules: {coverage.missing-phase: warning}\n",
                      encoding="utf-8")
    assert main(["build", "--project", str(root), "--audience", "staff", "--lang", "en", "--no-pdf"]) == 0
    return root / "site/staff/en"


def test_quality_manager_sees_the_gap_highlighted(page, gap_site, serve_dir, screenshots) -> None:
    url = serve_dir(gap_site)
    page.goto(f"{url}/coverage.html")
    row = page.locator("table.as-coverage tr", has_text="Warranty repair")
    gap = row.locator("td.as-gap")
    assert gap.count() == 1
    background = gap.evaluate("cell => getComputedStyle(cell).backgroundColor")
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    assert red > 200 and green < 240 and blue < 240, background
    assert page.locator("td.as-gap").count() == 1
    page.screenshot(path=screenshots / "quality-coverage-gap.png", full_page=True)
    page.goto(f"{url}/procedures/warranty-repair.html")
    # The missing lane is drawn red in both layouts (the desktop one shows).
    assert page.locator("svg.as-lanes:not(.as-lanes-narrow) .as-gap").count() == 1
    assert page.locator("svg.as-lanes-narrow .as-gap").count() == 1
    assert page.locator("svg.as-lanes:not(.as-lanes-narrow) .as-gap").first.is_visible()


def test_quality_manager_reads_rules_waivers_and_the_document_register(page, site_url, kb, screenshots) -> None:
    from playwright.sync_api import expect

    page.goto(f"{site_url}/staff/en/coverage.html")
    rule_titles = [rule.title["en"] if rule.title else rule.id for rule in kb.config.coverage_rules]
    headers = page.locator("table.as-coverage thead th.as-rule").all_inner_texts()
    assert [" ".join(header.split()) for header in headers] == rule_titles
    waived = page.locator("table.as-coverage tr", has_text=_title(kb, "planned-customer-visits", "en")).locator(
        "td.as-waived")
    assert waived.count() == 1 and "waived until" in waived.inner_text()
    styles = [cell.evaluate("cell => getComputedStyle(cell).backgroundImage + getComputedStyle(cell).fontStyle")
              for cell in (waived, page.locator("table.as-coverage tbody td").first)]
    assert "gradient" in styles[0] and "italic" in styles[0] and styles[0] != styles[1]
    page.screenshot(path=screenshots / "quality-coverage-rules-waiver.png", full_page=True)
    waived.locator("a").click()
    expect(page).to_have_url(re.compile(r"#waiver-planned-customer-visits-rule-reception-registers-contact$"))
    target = page.locator("#waiver-planned-customer-visits-rule-reception-registers-contact")
    assert target.count() == 1 and target.locator("xpath=ancestor::tr").inner_text().count("Montserrat Puig") == 1

    page.goto(f"{site_url}/staff/en/index.html")
    page.get_by_role("link", name="Document register").first.click()
    page.wait_for_url("**/staff/en/documents.html")
    rows = page.locator("table.as-documents tbody tr")
    assert rows.count() == len(kb.items)
    dates = rows.locator("td:first-child time").evaluate_all("times => times.map(time => time.dateTime)")
    assert len(dates) == len(kb.items) and dates == sorted(dates)  # by next review: the ISO dates in order
    page.screenshot(path=screenshots / "quality-document-register.png", full_page=True)
    # The click returns once the next page's address is committed, maybe before its body is
    # parsed (seen on a loaded two-core machine: the URL had changed, no h1 yet): wait for the
    # page the link names and for its heading, not for a time.
    target = rows.first.locator("th a").get_attribute("href")
    rows.first.locator("th a").click()
    expect(page).to_have_url(re.compile(re.escape(target.split("/")[-1]) + "$"))
    assert "/staff/en/" in page.url
    expect(page.locator("h1")).to_have_count(1)


# --------------------------------------------------------------------------- privacy

KEY_PAGES = {
    "public": ["index.html", "guides/washing-machine-does-not-drain.html", "warranty/legal-guarantee.html"],
    "staff": ["index.html", "guides/washing-machine-does-not-drain.html", "procedures/warranty-repair.html",
              "coverage.html"],
}


@pytest.mark.parametrize("audience", ["public", "staff"])
@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_no_request_leaves_127_0_0_1_and_pages_work_offline(browser, site_url, audience, lang) -> None:
    context = browser.new_context()
    requests, failures = [], []
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failures.append(request.url))
    # The network is "off": anything not for 127.0.0.1 is aborted (and fails the test below).
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in KEY_PAGES[audience]:
        page.goto(f"{site_url}/{audience}/{lang}/{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible()
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").type({"ca": "garantia", "es": "garantia", "en": "guarantee"}[lang], delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    foreign = [url for url in requests if urlparse(url).hostname not in ("127.0.0.1",) and not url.startswith("data:")]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not failures and not errors
    context.close()


# --------------------------------------------------------------------------- accessibility

# No rule is excluded. Stock Material's problems are fixed in the theme: the search dialog gets
# a name (templates/overrides/partials/search.html) and links in text are underlined
# (templates/assets/aftersales.css); the diagram is a labelled group because its steps are links.


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_no_serious_or_critical_accessibility_violation(browser, site_url, audience) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for lang in ("ca", "en"):
        for path in KEY_PAGES[audience] + (["training/call-reception.html", "translations.html"]
                                           if audience == "staff" else []):
            page.goto(f"{site_url}/{audience}/{lang}/{path}")
            problems += serious_violations(page, f"{audience}/{lang}/{path}")
    context.close()
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- phones


@pytest.mark.parametrize(("audience", "path", "name"), [
    ("public", "guides/washing-machine-does-not-drain.html", "phone-guide"),
    ("staff", "procedures/warranty-repair.html", "phone-procedure"),
])
def test_phone_pages_fit_the_screen_and_navigation_and_search_work(browser, site_url, screenshots,
                                                                   audience, path, name) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{audience}/ca/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.locator(".md-nav--primary").first.wait_for(state="visible")
    page.screenshot(path=screenshots / f"{name}-navigation.png")
    page.locator('label.md-header__button[for="__drawer"]').first.press("Escape")
    page.goto(f"{site_url}/{audience}/ca/{path}")
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator(".md-search__input").type("garantia", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.screenshot(path=screenshots / f"{name}-search.png")
    context.close()
