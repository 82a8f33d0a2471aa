"""One page list per portal: rendering, page paths, the navigation and the scripts all come from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, PortalView, edit, nav_paths

from generator.load.project import load_project
from generator.render.page_list import PAGE_KINDS, render_page
from generator.render.portal import PageScope

GUIDE = "content/guides/washing-machine-does-not-drain.yml"


@pytest.fixture(scope="module")
def example_kb():
    return load_project(REPO).kb


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_rendered_pages_listed_pages_and_the_menu_agree(example_kb, audience: str) -> None:
    view = PortalView(example_kb, audience, "en", with_pdf=False)
    rendered = [page.path for page in view.render_all()]
    listed = nav_paths(view.navigation())
    assert len(rendered) == len(set(rendered)), "a page is rendered twice"
    assert sorted(rendered) == sorted(listed) == sorted(view.page_paths())
    if audience == "staff":  # the example has measurements: the compliance section is there too
        assert {"compliance.md", "coverage.md", "documents.md", "standards-register.md"} <= set(rendered)
    else:
        assert not [path for path in rendered if path.startswith("compliance") or path == "coverage.md"]


def test_every_page_kind_offers_distinct_paths(example_kb) -> None:
    view = PortalView(example_kb, "staff", "ca", with_pdf=False)
    offered = [spec.path for kind in PAGE_KINDS for spec in kind(view.portal)]
    assert len(offered) == len(set(offered)) == len(view.specs)
    assert view.scripts() == ["assets/portal.js", "assets/covered.js", "assets/repair-or-replace.js", "assets/register.js"]


def test_a_fallback_is_noted_on_the_pages_that_show_it_and_on_no_other(new_project: Path) -> None:
    edit(new_project, GUIDE, ', en: "The washing machine does not drain"', "")
    view = PortalView(load_project(new_project).kb, "public", "en", with_pdf=False)
    notice = "Not yet translated"
    pages = {page.path: page.markdown for page in view.render_all()}
    assert notice in pages["guides/washing-machine-does-not-drain.md"]
    assert notice in pages["guides/index.md"] and notice in pages["index.md"]  # its title is listed there
    assert notice not in pages["charter.md"] and notice not in pages["warranty/legal-guarantee.md"]
    # Rendered alone, in any order, a page says the same: nothing carries over from the page before.
    for spec in reversed(view.specs):
        assert render_page(view.portal, spec).markdown == pages[spec.path]


def test_a_page_scope_is_its_own(new_project: Path) -> None:
    edit(new_project, GUIDE, ', en: "The washing machine does not drain"', "")
    kb = load_project(new_project).kb
    view = PortalView(kb, "public", "en", with_pdf=False)
    first, second = PageScope(view.portal, "index.md"), PageScope(view.portal, "guides/x.md")
    assert first.title_of("washing-machine-does-not-drain") == "La rentadora no desguassa"
    assert first.fell_back and not second.fell_back
    assert second.href("index.md") == "../index.md" and first.href("guides/index.md") == "guides/index.md"
