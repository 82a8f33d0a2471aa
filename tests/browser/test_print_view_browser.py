"""A print view on a phone (issue 29 item 6): a Print button that prints and a way back to the page,
neither of them printed; a role's checklist leads back to the role page."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("print-view") / "kb"
    assert main(["init", str(root)]) == 0
    assert main(["build", "--project", str(root), "--lang", "en", "--audience", "staff", "--no-pdf"]) == 0
    return root / "site"


@pytest.mark.parametrize(("view", "back"), [
    ("print/procedures/warranty-repair.html", "procedures/warranty-repair.html"),
    ("print/procedures/warranty-repair/head-of-after-sales.html", "roles/head-of-after-sales.html"),
])
def test_a_print_view_on_a_phone_prints_and_leads_back(site: Path, open_page, serve_dir, view: str, back: str) -> None:
    url = serve_dir(site) + "/staff/en/"
    page = open_page(PHONE)
    page.add_init_script("window.print = function () { window.printed = (window.printed || 0) + 1; };")
    page.goto(url + view)
    button = page.get_by_role("button", name="Print")
    button.wait_for(state="visible")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"]  # a thumb's target, on screen
    button.click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible() and not page.locator(".print-controls").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("link", name="← Back").click()
    page.wait_for_load_state()
    assert page.url == url + back
    assert not page.errors
