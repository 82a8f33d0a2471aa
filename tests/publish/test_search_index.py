"""The search index without MkDocs: what is read from a page, how words are spelt, how pages rank.

The browser side (templates/assets/search.js) is tested on the example portals in
tests/browser/test_search.py; these cases pin the Python half it mirrors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.publish.search_index import (
    RECORD_TEXT,
    SEARCH_FOLDER,
    SearchIndexError,
    index_portal,
    indexed_pages,
    indexed_words,
    word_key,
)
from generator.publish.search_text import page_text
from generator.publish.serve_hook import on_post_build
from generator.text.folding import fold, words


def page(title: str, body: str, *, anchor: str = "top") -> str:
    """A built page as Material writes it: navigation outside the marked body, a permalink in the h1."""
    return f"""<!doctype html><html><head><title>{title} - Portal</title><script>var nav = "skip";</script></head>
<body><nav class="md-nav"><a href="x.html">Navigation words</a></nav>
<article class="md-content__inner md-typeset">
<div data-search-body>
<h1 id="{anchor}">{title}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h1>
{body}
</div>
<footer>Footer words</footer></article></body></html>"""


@pytest.mark.parametrize(("written", "stored"), [
    ("Reparació", ["reparacio"]),
    ("GARANTÍA", ["garantia"]),
    ("instal·lació", ["instalacio"]),
    ("instal.lació", ["instalacio"]),
    ("installació", ["instalacio"]),
    ("instalació", ["instalacio"]),
    ("Instaŀlació", ["instalacio"]),             # the ŀ ligature (U+0140)
    ("l'aparell d’aigua", ["l", "aparel", "d", "aigua"]),
    ("the house's supply", ["the", "house", "s", "supply"]),
    ("pressió: 1,5 bar", ["pressio", "1", "5", "bar"]),
    ("auto-reparació", ["auto", "reparacio"]),
    ("cigüeña", ["ciguena"]),
    ("x" * 41 + " ok", ["ok"]),                    # codes and hashes nobody types
])
def test_words_are_stored_folded(written: str, stored: list[str]) -> None:
    assert words(written) == stored


def test_fold_keeps_a_full_stop_between_other_letters() -> None:
    assert fold("final.Més") == "final.mes"
    assert words("final.Més") == ["final", "mes"]


def test_word_files_are_named_by_the_first_three_letters() -> None:
    assert word_key("reparacio") == "rep"
    assert word_key("de") == "de"
    assert word_key("24") == "24"
    assert word_key("日本語テキスト") == "_" + "日本語".encode().hex()


def test_page_text_is_the_marked_body_only() -> None:
    html = page("Caldera sense pressió", """
<p>Obriu <strong>l'aixeta</strong> de&nbsp;farciment.</p>
<script>alert("never")</script>
<div class="admonition"><p>Compte amb l'aigua calenta.</p></div>
<button class="md-clipboard">Copy</button>
<div data-search-ignore><p>hidden widget text</p></div>
<h2 id="passos">Passos<a class="headerlink" href="#passos">&para;</a></h2>
<ol><li>Primer</li><li>Segon</li></ol>""")
    found = page_text(html)
    assert found.title == "Caldera sense pressió"
    assert found.headings == ["Passos"]
    for absent in ("Navigation", "Footer", "alert", "never", "¶", "Copy", "hidden widget", "skip"):
        assert absent not in found.text
    assert "Obriu l'aixeta de farciment." in found.text  # &nbsp; read as a space
    assert "Compte amb l'aigua calenta." in found.text
    assert "Primer Segon" in found.text  # list items do not run together
    ((offset, anchor, heading),) = found.anchors
    assert (anchor, heading) == ("passos", "Passos")
    assert found.text[offset:].startswith("Passos Primer")


def test_a_page_without_the_marker_is_not_indexed() -> None:
    assert page_text("<html><body><h1>404 - Not found</h1></body></html>") is None


def test_escaped_markup_in_the_text_stays_text() -> None:
    found = page_text(page("Títol", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; més</p>"))
    assert "<script>alert(1)</script> & més" in found.text


def write_portal(root: Path, pages: dict[str, str]) -> Path:
    for address, html in pages.items():
        target = root / address
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


def test_index_portal_writes_word_files_page_records_and_a_manifest(tmp_path: Path) -> None:
    site = write_portal(tmp_path / "site", {
        "index.html": page("Inici", "<p>Guies de reparació.</p>"),
        "guides/boiler.html": page("La caldera perd pressió", "<p>Ompliu el circuit fins a 1,5 bar.</p>"),
        "404.html": "<html><body><h1>404</h1></body></html>",
        "print/guides/boiler.html": "<html><body><h1>La caldera perd pressió</h1></body></html>",
    })
    assert index_portal(site) == 2
    folder = site / SEARCH_FOLDER
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert manifest["version"] == 2 and manifest["pages"] == 2
    assert manifest["stop"] == [] and manifest["synonyms"] == []  # no language given: no stop words
    assert manifest["stemmer"] is None  # ... and no stemmer for the browser
    assert sorted(path.stem for path in (folder / "words").glob("*.json")) == manifest["keys"]
    pages = indexed_pages(site)
    assert [record["url"] for record in pages] == ["/guides/boiler.html", "/index.html"]
    assert pages[0]["meta"]["title"] == "La caldera perd pressió"
    stored = indexed_words(site)
    assert [number for number, _ in stored["pressio"]] == [0]
    assert [number for number, _ in stored["reparacio"]] == [1]
    assert "navigation" not in stored and "footer" not in stored


def test_the_products_the_search_help_names_ship_in_the_index_once(tmp_path: Path) -> None:
    """Not in every page's header (165 KB a page at 10,000 items): fetched with the index."""
    site = write_portal(tmp_path / "site", {"index.html": page("Inici", "<p>Guies.</p>")})
    products = [{"name": "Rentadores <b>", "words": "rentadores b", "href": "products/washing-machines.html"}]
    index_portal(site, "ca", products=products)
    manifest = json.loads((site / SEARCH_FOLDER / "index.json").read_text(encoding="utf-8"))
    assert manifest["products"] == products  # data for textContent, never markup


def test_an_unchanged_index_file_is_left_alone_and_a_changed_one_replaced(tmp_path: Path) -> None:
    """An incremental build: a file the published site shares (hard link) is never written into."""
    site = write_portal(tmp_path / "site", {"a.html": page("Rentadora", "<p>desguàs</p>"),
                                            "b.html": page("Caldera", "<p>pressió</p>")})
    index_portal(site)
    folder = site / SEARCH_FOLDER
    before = {path: path.stat().st_ino for path in folder.rglob("*.json")}
    published = tmp_path / "published.json"
    published.hardlink_to(folder / "pages/0.json")
    write_portal(site, {"a.html": page("Rentadora", "<p>desguàs i filtre</p>")})
    index_portal(site)
    after = {path: path.stat().st_ino for path in folder.rglob("*.json")}
    assert after[folder / "pages/1.json"] == before[folder / "pages/1.json"]  # b's record: the same bytes
    assert after[folder / "pages/0.json"] != before[folder / "pages/0.json"]  # a's: a new file
    assert "filtre" not in published.read_text(encoding="utf-8")  # the shared one was not written into


def test_a_title_word_outranks_any_number_of_mentions(tmp_path: Path) -> None:
    many = " ".join(["La bomba de desguàs s'embussa sovint."] * 40)
    site = write_portal(tmp_path / "site", {
        "a.html": page("Rentadora", f"<p>{many}</p>"),
        "b.html": page("Netejar la bomba de desguàs", "<p>Traieu el filtre.</p>"),
        "c.html": page("Assecadora", "<p>Res a veure.</p>"),
    })
    index_portal(site)
    scores = dict(indexed_words(site)["desguas"])
    assert scores[1] > scores[0] > 0   # b (title) before a (40 mentions)
    assert 2 not in scores


def test_an_index_is_replaced_whole_on_a_rebuild(tmp_path: Path) -> None:
    site = write_portal(tmp_path / "site", {"old.html": page("Antiga", "<p>paraulavella</p>")})
    index_portal(site)
    (site / "old.html").unlink()
    write_portal(site, {"new.html": page("Nova", "<p>paraulanova</p>")})
    index_portal(site)
    stored = indexed_words(site)
    assert "paraulanova" in stored and "paraulavella" not in stored
    assert [record["url"] for record in indexed_pages(site)] == ["/new.html"]


def test_an_unreadable_page_is_an_index_error_not_a_traceback(tmp_path: Path) -> None:
    site = write_portal(tmp_path / "site", {"ok.html": page("Bé", "<p>text</p>")})
    (site / "bad.html").write_bytes(b"<div data-search-body>\xff\xfe broken</div>")
    with pytest.raises(SearchIndexError, match="utf-8"):
        index_portal(site)


def test_a_long_page_is_indexed_whole_but_its_record_keeps_the_start(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>fila {n}</td><td>text</td></tr>" for n in range(5_000))
    site = write_portal(tmp_path / "site", {"register.html": page("Registre", f"<table>{rows}</table><p>darrera</p>")})
    index_portal(site)
    (record,) = indexed_pages(site)
    assert len(record["content"]) == RECORD_TEXT and record["content"].startswith("Registre fila 0")
    assert "darrera" in indexed_words(site)  # the end of the page is still searchable


def test_the_portal_scripts_parse_in_older_phone_browsers() -> None:
    """A regular expression with a lookbehind is a syntax error in Safari before 16.4 (iOS 16.4,
    2023): the whole script would be lost, search with it."""
    assets = Path(__file__).resolve().parents[2] / "templates" / "assets"
    for script in sorted(assets.glob("*.js")):
        assert "(?<=" not in script.read_text(encoding="utf-8") and "(?<!" not in script.read_text(encoding="utf-8"), script


def test_serve_reports_an_index_it_cannot_write_as_mkdocs_reports_its_own(tmp_path: Path) -> None:
    """Under ``serve`` a failure is a one-line MkDocs error (no traceback); the server goes on."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(b'<div data-search-body><h1>Inici</h1>\xff\xfe</div>')
    with pytest.raises(PluginError, match="search index of .*site"):
        on_post_build({"site_dir": str(site)})


def test_the_lead_weighs_more_than_the_rest_of_the_body(tmp_path: Path) -> None:
    """An item's summary or a standard's commitment (data-search-lead) says what the page is about."""
    filler = " ".join(["Text about something else entirely."] * 30)
    site = write_portal(tmp_path / "site", {
        "a.html": page("Boilers", f'<p data-search-lead>Refill the circuit when the pressure drops.</p><p>{filler}</p>'),
        "b.html": page("Boilers too", f"<p>{filler}</p><p>The pressure is shown on the dial.</p>"),
    })
    index_portal(site, "en")
    scores = dict(indexed_words(site)["pressure"])
    assert scores[0] > scores[1]  # a.html (page 0) holds it in its lead
    assert page_text(page("T", "<p data-search-lead>One <b>two</b></p><p>three</p>")).lead == "One two"


@pytest.mark.parametrize(("lang", "stemmer"), [("ca", "catalan"), ("gl", "portuguese"), ("eu", "basque"), ("xx", None)])
def test_the_index_names_the_browsers_stemmer_and_the_package_ships_it(tmp_path: Path, lang, stemmer) -> None:
    """Galician borrows Portuguese; a language Snowball does not know gets none (search.js then
    keeps its ending and typo rules)."""
    from generator.publish.search_language import stemmer_scripts
    from generator.render.templates import PACKAGE_TEMPLATES

    site = write_portal(tmp_path / "site", {"a.html": page("Caldera", "<p>Pressió.</p>")})
    index_portal(site, lang)
    assert json.loads((site / SEARCH_FOLDER / "index.json").read_text(encoding="utf-8"))["stemmer"] == stemmer
    scripts = stemmer_scripts(lang)
    assert scripts == (["assets/stemmer-runtime.js", f"assets/stemmer-{stemmer}.js"] if stemmer else [])
    if scripts:
        runtime, algorithm = ((PACKAGE_TEMPLATES / script).read_text(encoding="utf-8") for script in scripts)
        assert "window.aftersalesSnowball = " in runtime and "Martin Porter" in runtime
        assert f'window.aftersalesStemmer = {{ algorithm: "{stemmer}"' in algorithm and "Martin Porter" in algorithm
