"""One portal per language: switcher to the same page, redirect page, per-language search,
accent-forgiving search, and the notice on pages that fall back to the default language."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.search_index import indexed_pages

pytestmark = pytest.mark.slow

FORM = "content/forms/repair-call-log.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The init project in ca/es/en, with one English text missing, built for every language."""
    root = tmp_path_factory.mktemp("languages") / "kb"
    assert main(["init", str(root)]) == 0
    form = root / FORM
    form.write_text(form.read_text(encoding="utf-8").replace(
        ', en: "Record every repair call so that none is lost."', ""), encoding="utf-8")
    assert main(["build", "--project", str(root)]) == 0
    return root / "site"


def _switcher_links(page: Path) -> dict[str, str]:
    html = page.read_text(encoding="utf-8")
    return dict((lang, href) for href, lang in re.findall(
        r'<a href="([^"]+)" hreflang="([a-z]{2})" lang="[a-z]{2}" class="md-select__link"', html))


def test_every_page_switches_to_the_same_page_in_each_language(site: Path) -> None:
    checked = 0
    for audience in ("public", "staff"):
        for lang in ("ca", "es", "en"):
            portal = site / audience / lang
            for page in portal.rglob("*.html"):
                if "print" in page.relative_to(portal).parts or page.name == "404.html":
                    continue  # printables have no header; 404 may be served at any address
                relative = page.relative_to(portal).as_posix()
                links = _switcher_links(page)
                assert set(links) == {"ca", "es", "en"}, page
                for other, href in links.items():
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(f"{audience}/{lang}/{relative}"), href))
                    assert target == f"{audience}/{other}/{relative}", (page, href)
                    assert (site / target).is_file(), target
                checked += 1
    assert checked > 40


def test_material_speaks_each_portals_language(site: Path) -> None:
    for lang, search_placeholder in (("ca", "Cerca"), ("es", "Búsqueda"), ("en", "Search")):
        html = (site / "staff" / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert f'placeholder="{search_placeholder}"' in html


def test_search_index_holds_each_languages_own_text(site: Path) -> None:
    titles = {"ca": "Llibre de registre d'avisos", "es": "Libro de registro de avisos", "en": "Repair call log"}
    for lang, title in titles.items():
        portal = site / "staff" / lang
        page_titles = {page["meta"]["title"] for page in indexed_pages(portal)}
        assert title in page_titles
        for other, other_title in titles.items():
            if other != lang:
                assert other_title not in page_titles


def test_untranslated_text_falls_back_with_a_notice(site: Path) -> None:
    english = (site / "staff/en/forms/repair-call-log.html").read_text(encoding="utf-8")
    assert "Not yet translated" in english
    assert "Registrar cada avís de reparació" in english  # the Catalan text stands in
    catalan = (site / "staff/ca/forms/repair-call-log.html").read_text(encoding="utf-8")
    assert "Encara no traduït" not in catalan
    spanish = (site / "staff/es/forms/repair-call-log.html").read_text(encoding="utf-8")
    assert "Todavía no traducido" not in spanish and "Registrar cada aviso" in spanish


def test_translation_status_page_counts_per_type_and_language(site: Path) -> None:
    html = (site / "staff/en/translations.html").read_text(encoding="utf-8")
    row = re.search(r"<td>Forms</td>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r">([^<]*)</td>", row)
    assert [cell.strip() for cell in cells] == ["1 / 1", "1 / 1", "0 / 1 ⚠"]


def test_redirect_page_exists_per_audience(site: Path) -> None:
    for audience in ("public", "staff"):
        html = (site / audience / "index.html").read_text(encoding="utf-8")
        assert '["ca", "es", "en"]' in html
        assert 'url=ca/index.html' in html
        for lang in ("ca", "es", "en"):
            assert f'href="{lang}/index.html"' in html


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "expected"), [("es-ES", "es"), ("en-GB", "en"), ("de-DE", "ca"), ("ca", "ca")])
def test_redirect_page_opens_the_preferred_language_from_a_file(site: Path, browser, locale, expected) -> None:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto((site / "public" / "index.html").as_uri())
    page.wait_for_url(f"**/public/{expected}/index.html")
    assert page.evaluate("document.documentElement.lang") == expected
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("portal", "query", "expected"), [
    ("staff/ca", "reparacio", "Reparació en garantia"),
    ("staff/ca", "reparació", "Reparació en garantia"),
    ("public/es", "garantia", "Garantía legal"),
    ("public/es", "garantía", "Garantía legal"),
])
def test_search_forgives_missing_accents(site: Path, browser, serve_dir, portal, query, expected) -> None:
    url = serve_dir(site / portal)
    page = browser.new_page()
    page.goto(f"{url}/index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").type(query, delay=20)
    results = page.locator(".md-search-result__item h1, .md-search-result__item h2")
    results.first.wait_for(timeout=10_000)
    assert expected in results.all_inner_texts()
    page.close()


@pytest.mark.browser
def test_switcher_in_the_browser_lands_on_the_same_guide(site: Path, browser, serve_dir) -> None:
    url = serve_dir(site / "public")
    page = browser.new_page()
    page.goto(f"{url}/ca/guides/washing-machine-does-not-drain.html")
    page.locator(".md-header__option .md-select button").click()
    page.locator('a.md-select__link[hreflang="es"]').click()
    page.wait_for_url(f"{url}/es/guides/washing-machine-does-not-drain.html")
    assert "La lavadora no desagua" in page.locator("h1").first.inner_text()
    page.close()
