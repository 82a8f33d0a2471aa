"""Build the shipped example knowledge base, as a newcomer does with README's first command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from generator.load.project import load_project
from generator.publish.privacy import external_loads
from generator.publish.search_index import indexed_pages, indexed_words

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


def test_every_portal_has_a_home_page_and_a_search_index(site: Path, kb) -> None:
    for audience in ("public", "staff"):
        for lang in kb.config.languages:
            portal = site / audience / lang
            assert (portal / "index.html").is_file()
            pages = indexed_pages(portal)
            visible = [item for item in kb.items if audience == "staff" or item.is_public]
            # Every item page and every listing, nothing else (no print views, no 404 page).
            assert {f"/{item.content_type.folder}/{item.id}.html" for item in visible} <= {p["url"] for p in pages}
            assert not [p["url"] for p in pages if p["url"].startswith("/print/") or p["url"] == "/404.html"]
            assert not (portal / "search/search_index.json").exists()  # Material's index is not built
            # The browser's stemmer for the portal's language, and no other: search.js fetches it
            # with the index; no page loads it.
            stemmer = json.loads((portal / "searchindex/index.json").read_text(encoding="utf-8"))["stemmer"]
            assert sorted(path.name for path in (portal / "assets").glob("stemmer-*.js")) == \
                sorted([f"stemmer-{stemmer}.js", "stemmer-runtime.js"])
            assert "stemmer-" not in (portal / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in (portal / "index.html").read_text(encoding="utf-8")


def test_no_markup_of_ours_is_left_as_text(site: Path) -> None:
    """The templates' attribute lists (``{: data-search-lead }`` after a summary or a commitment)
    must become attributes, never words a reader sees."""
    leftovers = [page.relative_to(site).as_posix() for page in site.rglob("*.html")
                 if "{: data-search" in page.read_text(encoding="utf-8")]
    assert not leftovers, leftovers[:5]
    marked = [page for page in (site / "public/en/guides").glob("*.html")
              if "<p data-search-lead>" in page.read_text(encoding="utf-8")]
    assert len(marked) >= 5  # every guide's summary is its lead


def test_every_item_has_its_page_in_the_portals_that_may_show_it(site: Path, kb) -> None:
    for item in kb.items:
        page = f"{item.content_type.folder}/{item.id}.html"
        for lang in kb.config.languages:
            staff_page = site / "staff" / lang / page
            assert staff_page.is_file(), staff_page
            html = staff_page.read_text(encoding="utf-8")
            assert item.title(lang, kb.default_language).split("'")[0] in html.replace("&#39;", "'")
            assert (site / "public" / lang / page).is_file() == item.is_public


def test_public_portals_hold_no_staff_item_anywhere(site: Path, kb) -> None:
    staff_ids = [item.id for item in kb.items if not item.is_public]
    for lang in kb.config.languages:
        portal = site / "public" / lang
        for path in portal.rglob("*"):
            if path.suffix in (".html", ".json", ".xml"):
                text = path.read_text(encoding="utf-8")
                for item_id in staff_ids:
                    assert f"/{item_id}.html" not in text and f'"{item_id}' not in text, (path, item_id)
        # Staff titles may appear as ordinary words in public prose ("the SAT manager"), so the
        # search index is checked by what it points to: no entry may lead to a staff page.
        locations = {page["url"] for page in indexed_pages(portal)}
        assert not [loc for loc in locations if any(loc.endswith(f"/{i}.html") for i in staff_ids)]
        assert not [loc for loc in locations if loc.startswith(("/procedures/", "/roles/", "/training/", "/forms/"))]


def test_procedure_pages_show_lanes_steps_links_and_checklist(site: Path, kb) -> None:
    portal = site / "staff" / "en"
    page = (portal / "procedures/warranty-repair.html").read_text(encoding="utf-8")
    assert '<svg class="as-lanes"' in page
    for lane in ("Reception (", "SAT (", "Other departments (", "Follow-up ("):
        assert lane in page
    assert "../print/procedures/warranty-repair.html" in page and "../print/procedures/warranty-repair.pdf" in page
    assert (portal / "print/procedures/warranty-repair.pdf").is_file()
    role = (portal / "roles/tele-operator.html").read_text(encoding="utf-8")
    assert "../procedures/warranty-repair.html#step-" in role
    matrix = (portal / "coverage.html").read_text(encoding="utf-8")
    for item in kb.procedures():
        assert f"procedures/{item.id}.html" in matrix


def test_guide_pages_put_safety_first_and_stop_and_call(site: Path) -> None:
    page = (site / "public/en/guides/washing-machine-does-not-drain.html").read_text(encoding="utf-8")
    assert page.index('class="admonition danger"') < page.index('<h2 id="steps"')
    assert "Stop and call us if" in page and "Effect on the warranty" in page


def test_no_portal_loads_anything_from_another_host(site: Path) -> None:
    for portal in site.glob("*/*"):
        assert external_loads(portal) == [], portal


def test_each_built_am_i_covered_page_embeds_the_table_it_evaluates(site: Path, kb) -> None:
    """The public pages carry table_document(table, "public") as JSON no text can break out of."""
    import re

    from generator.warranty import build_table, table_document

    expected = {audience: json.loads(json.dumps(table_document(build_table(kb), audience)))
                for audience in ("public", "staff")}
    block = re.compile(r'<script type="application/json" id="as-warranty-table">(.*?)</script>', re.DOTALL)
    for audience in ("public", "staff"):
        for lang in kb.config.languages:
            html = (site / audience / lang / "covered.html").read_text(encoding="utf-8")
            (embedded,) = block.findall(html)
            assert "<" not in embedded and ">" not in embedded and "&" not in embedded
            assert json.loads(embedded) == expected[audience], (audience, lang)
            assert '<script src="assets/covered.js"></script>' in html
            assert not re.search(r"\son[a-z]+\s*=", html.split('<div class="md-content"')[1].split("</article>")[0])


def test_search_index_stores_words_folded_and_pages_as_written(site: Path) -> None:
    pages = indexed_pages(site / "staff/ca")
    assert all(not page["meta"]["title"].endswith("¶") for page in pages)  # permalinks left out
    assert "instal·lació" in " ".join(page["content"] for page in pages)  # snippets show the text as written
    stored = indexed_words(site / "staff/ca")
    assert "instalacio" in stored and "reparacio" in stored  # l·l as one l, no accents
    assert not [word for word in stored if word != word.lower() or "·" in word or "'" in word]
