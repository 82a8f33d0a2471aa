"""Error codes as a customer meets them in a built portal: the product page's table, the family's
'Error codes' page with an anchor per code, and the public search index finding 'e21' and 'f05'.

The init project gets the codes of tests/render/test_product_page_codes.py (E21 → the drain guide,
F-05 → call us, E41 → an action alone); the index is read as stored (``indexed_words``), with the
query spelt as search.js spells it (``words``): the code's page must come first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.cli import main
from generator.publish.search_index import indexed_pages, indexed_words
from generator.text.folding import words

pytestmark = pytest.mark.slow

CODES = (REPO / "tests/render/test_product_page_codes.py").read_text(encoding="utf-8").split('CODES = """')[1].split('"""')[0]
"""The codes the page tests add (tests/render/test_product_page_codes.py), read from there to stay the same."""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("codes") / "kb"
    assert main(["init", str(root)]) == 0
    product = root / "content/products/washing-machines.yml"
    product.write_text(product.read_text(encoding="utf-8") + CODES, encoding="utf-8")
    assert main(["check", "--strict", "--project", str(root)]) == 0
    assert main(["build", "--no-pdf", "--project", str(root)]) == 0
    return root / "site"


def body(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index("data-search-body"):]


def test_the_product_page_links_each_code_to_its_anchor(built: Path) -> None:
    page = body(built / "public/es/products/washing-machines.html")
    assert '<a href="washing-machines-error-codes.html#code-e21">E21</a>' in page
    assert '<a href="washing-machines-error-codes.html#code-f05">F-05</a>' in page
    assert '<a href="../covered.html">¿Me cubre la garantía?</a>' in page
    assert '<a href="washing-machines-error-codes.html">' in page


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_the_error_code_page_has_an_anchor_per_code(built: Path, lang: str) -> None:
    page = body(built / f"public/{lang}/products/washing-machines-error-codes.html")
    anchors = re.findall(r'<h2 id="([^"]+)">', page)
    assert anchors == ["code-e21", "code-f05", "code-e41"]
    assert 'href="../guides/washing-machine-does-not-drain.html"' in page
    assert 'class="admonition danger"' in page and 'href="tel:' in page


@pytest.mark.parametrize(("query", "anchor"), [("E21", "code-e21"), ("e21", "code-e21"), ("f05", "code-f05"),
                                               ("F-05", "code-f05"), ("E41", "code-e41")])
@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_search_finds_a_code_first_on_its_page(built: Path, lang: str, query: str, anchor: str) -> None:
    portal = built / "public" / lang
    index, pages = indexed_words(portal), indexed_pages(portal)
    totals: dict[int, int] = {}
    for word in words(query):  # every word of the query, as search.js weighs a page holding them all
        for number, score in index[word]:
            totals[number] = totals.get(number, 0) + score
    best = max(totals, key=lambda number: (sum(number in dict(index[w]) for w in words(query)), totals[number]))
    assert pages[best]["url"] == "/products/washing-machines-error-codes.html", [pages[n]["url"] for n in totals]
    assert anchor in [name for _, name, _ in pages[best]["anchors"]]
    if len(words(query)) == 1:  # one word: the code's page comes before the product page holding it too
        ranked = sorted(index[words(query)[0]], key=lambda pair: -pair[1])
        assert pages[ranked[0][0]]["url"] == "/products/washing-machines-error-codes.html"


def test_the_staff_portal_has_the_error_code_page_too(built: Path) -> None:
    assert (built / "staff/en/products/washing-machines-error-codes.html").is_file()
