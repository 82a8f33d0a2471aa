"""Error codes on the product page and on the family's own 'Error codes' page (issue 23).

An ``aftersales init`` project gets three codes on its washing machines: one sent to the guide,
one the customer must call about (with a safety note), one with only an action. The checks of
the codes have their fixtures (tests/fixtures/product.*) and tests/validate/test_error_code_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PortalView, nav_paths

from generator.cli import main
from generator.load.project import load_project
from generator.render.page_list import page_paths

PRODUCT = "content/products/washing-machines.yml"
CODES = """error_codes:
  - code: E21
    meaning: {ca: "L'aigua no desguassa.", es: "El agua no desagua.", en: "The water does not drain."}
    customer_action: {ca: "Netegeu el filtre.", es: "Limpie el filtro.", en: "Clean the drain filter."}
    guide: washing-machine-does-not-drain
  - code: F-05
    meaning: {ca: "L'aigua no s'escalfa.", es: "El agua no se calienta.", en: "The water does not heat up."}
    customer_action: {ca: "Desendolleu-la i truqueu-nos.", es: "Desenchúfela y llámenos.", en: "Unplug it and call us."}
    call_us: true
    safety: {ca: "No obriu el panell.", es: "No abra el panel.", en: "Do not open the back panel."}
  - code: E41
    meaning: {ca: "La porta no és tancada.", es: "La puerta no está cerrada.", en: "The door is not shut."}
    customer_action: {ca: "Tanqueu bé la porta.", es: "Cierre bien la puerta.", en: "Shut the door firmly."}
"""


def add_codes(root: Path) -> Path:
    """Three codes on the init project's washing machines (what the slow build test reads too)."""
    product = root / PRODUCT
    product.write_text(product.read_text(encoding="utf-8") + CODES, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    root = tmp_path_factory.mktemp("codes") / "kb"
    assert main(["init", str(root)]) == 0
    assert main(["check", "--strict", "--project", str(add_codes(root))]) == 0
    return load_project(root).kb


def test_the_product_page_shows_codes_guides_by_symptom_warranty_and_parts(kb) -> None:
    page = PortalView(kb, "public", "en").render("products/washing-machines.md").markdown
    assert "## Error codes" in page
    assert "| [E21](washing-machines-error-codes.md#code-e21) | The water does not drain. | Clean the drain filter. |" \
           " [The washing machine does not drain](../guides/washing-machine-does-not-drain.md) |" in page
    assert "| [F-05](washing-machines-error-codes.md#code-f05) |" in page and "**Call us** |" in page
    assert "[Every code, with what to do](washing-machines-error-codes.md)" in page
    # Each guide under its symptom.
    symptom = page.index("**Water stays in the drum at the end of the programme.**")
    assert page.index("[The washing machine does not drain]", symptom) > symptom
    # The warranty in one sentence, with 'Am I covered?'; the spare parts.
    assert ("[Legal guarantee](../warranty/legal-guarantee.md): a manufacturing defect within 36 months of delivery"
            " is covered. [Am I covered?](../covered.md)") in page
    assert "**Spare parts available:** 10 years" in page


def test_the_error_code_page_has_an_anchored_heading_per_code(kb) -> None:
    page = PortalView(kb, "public", "es").render("products/washing-machines-error-codes.md").markdown
    assert page.startswith("# Lavadoras: códigos de error\n")
    assert "## E21 { #code-e21 }" in page
    assert "## E41 { #code-e41 }" in page
    # A code written with a separator also carries its compact spelling: 'f05' finds it.
    assert "## F-05 &#40;F05&#41; { #code-f05 }" in page
    assert "Siga la guía: [La lavadora no desagua](../guides/washing-machine-does-not-drain.md)" in page
    assert '!!! danger "Llámenos"' in page and '!!! warning "Seguridad"' in page
    after_e41 = page[page.index("## E41"):]
    assert "Siga la guía" not in after_e41 and "Llámenos" not in after_e41  # an action alone


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_the_error_code_page_comes_right_after_its_product_in_the_navigation(kb, audience: str) -> None:
    view = PortalView(kb, audience, "ca")
    paths = nav_paths(view.navigation())
    at = paths.index("products/washing-machines.md")
    assert paths[at + 1] == "products/washing-machines-error-codes.md"
    assert "products/washing-machines-error-codes.md" in page_paths(view.specs)


def test_a_family_without_codes_has_no_error_code_page(new_project: Path) -> None:
    view = PortalView(load_project(new_project).kb, "public", "en")
    assert not [path for path in view.page_paths() if path.endswith("-error-codes.md")]
    page = view.render("products/washing-machines.md").markdown
    assert "Error codes" not in page and "**Spare parts available:** 10 years" in page


def test_a_guide_the_portal_does_not_show_is_neither_linked_nor_named(new_project: Path) -> None:
    """A public product naming a staff guide fails check (ref.public-to-staff); switched off, the
    public pages still never name the staff guide: the code shows its action alone."""
    guide = new_project / "content/guides/washing-machine-does-not-drain.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("audience: public", "audience: staff"), encoding="utf-8")
    kb = load_project(add_codes(new_project)).kb
    view = PortalView(kb, "public", "en")
    for path in ("products/washing-machines.md", "products/washing-machines-error-codes.md"):
        page = view.render(path).markdown
        assert "does-not-drain" not in page and "does not drain" not in page.replace("The water does not drain", "")
