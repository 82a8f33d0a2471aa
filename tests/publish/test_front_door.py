"""The help centre's front door as built: the homes, "Contact us", "Request a repair" and
"Did this solve it?", read from the example's HTML (the browser side is tests/browser/test_front_door.py)."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.load.project import load_project

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LANGS = ("ca", "es", "en")


def body(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index("data-search-body"):]


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_home_opens_on_search_phone_products_and_tasks(example_site: Path, lang: str) -> None:
    portal = example_site / "public" / lang
    page = body(portal / "index.html")
    front = page[page.index('<section class="as-front"'):page.index("</section>")]
    assert re.search(r'<form class="as-front__search" role="search" data-as-search-open>', front)
    assert re.search(r'<label class="as-visually-hidden" for="as-front-query">[^<]+</label>', front)
    assert '<a href="tel:900102030">' in front and "900 102 030" in front
    kb = load_project(REPO).kb
    products = [item for item in kb.of_type("product") if item.model.audience == "public"]
    cards = re.findall(r'<li class="as-card"><a href="([^"]+)">.*?<span class="as-card__name">([^<]+)</span>'
                       r'<span class="as-card__meta">([^<]+)</span>', page)
    product_cards = [card for card in cards if card[0].startswith("products/")]
    assert len(product_cards) == len(products)
    for href, name, meta in product_cards:
        product = kb.get(href.removeprefix("products/").removesuffix(".html"))
        guides = [guide for guide in kb.of_type("guide") if product.id in guide.model.products]
        assert html_lib.unescape(name) == product.model.title[lang]
        assert re.search(rf"\b{len(guides)}\b", meta), (href, meta)
        assert (portal / href).is_file()
    tasks = [href for href, _, _ in cards if not href.startswith("products/")]
    assert tasks == ["covered.html", "charter.html", "request.html", "contact.html"]
    assert all((portal / href).is_file() for href in tasks)
    assert page.index('class="as-front"') < page.index('id="products"') < page.index('id="tasks"')


@pytest.mark.parametrize("lang", LANGS)
def test_the_staff_home_starts_with_each_roles_procedures(example_site: Path, lang: str) -> None:
    page = body(example_site / "staff" / lang / "index.html")
    work = page[page.index('id="todays-work"'):]
    kb = load_project(REPO).kb
    role = kb.get("sat-field-technician")
    line = next(li for li in re.findall(r"<li>(.*?)</li>", work) if f'roles/{role.id}.html' in li)
    linked = set(re.findall(r'href="procedures/([a-z0-9-]+)\.html"', line))
    takes_part = {procedure.id for procedure in kb.procedures()
                  if any(step.role == role.id for phase in ("reception", "sat", "departments", "follow_up")
                         for step in getattr(procedure.model.steps, phase))}
    assert linked == takes_part and linked


@pytest.mark.parametrize("lang", LANGS)
def test_a_public_guide_asks_whether_it_solved_the_problem(example_site: Path, lang: str) -> None:
    page = body(example_site / "public" / lang / "guides/washing-machine-does-not-drain.html")
    solved = page[page.index('<section class="as-solved"'):]
    solved = solved[:solved.index("</section>")]
    assert solved.count("<details") == 2 and solved.count("<summary>") == 2
    request = html_lib.unescape(re.search(r'<a class="md-button md-button--primary" href="([^"]+)"', solved)[1])
    parts = urlsplit(request)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.example.com/postvenda/avis"
    fields = parse_qs(parts.query)
    kb = load_project(REPO).kb
    guide = kb.get("washing-machine-does-not-drain").model
    assert fields["symptom"] == [guide.symptom[lang]]
    assert fields["product"] == [kb.get("washing-machines").model.title[lang]]
    assert fields["guide"][0].startswith(guide.title[lang])
    assert 'href="tel:900102030"' in solved
    assert "<script" not in solved and "fetch(" not in solved  # the page sends nothing itself


def test_staff_guides_have_no_customer_feedback_box(example_site: Path) -> None:
    assert 'class="as-solved"' not in body(example_site / "staff/en/guides/washing-machine-does-not-drain.html")


@pytest.mark.parametrize("lang", LANGS)
def test_contact_and_request_pages_list_the_channels_and_the_form(example_site: Path, lang: str) -> None:
    portal = example_site / "public" / lang
    contact = body(portal / "contact.html")
    kb = load_project(REPO).kb
    for channel in kb.config.company.channels:
        assert channel.value in html_lib.unescape(contact), channel.value
    assert 'href="request.html"' in contact
    request = body(portal / "request.html")
    form = re.search(r'<form id="as-request-form"[^>]*>', request)[0]
    assert 'data-kind="form"' in form and 'data-target="https://www.example.com/postvenda/avis"' in form
    for name in ("product", "model", "symptom"):
        assert re.search(rf'<label for="as-request-{name}">[^<]+</label>', request)
    assert "RV-8140" in request  # the models' codes are offered
    assert not (example_site / "staff" / lang / "request.html").exists()
