"""Error codes of a product family: what the model refuses and what the reference checks report.

The codes' own checks have fixtures (tests/fixtures/product.duplicate-error-code and
product.error-code-guide-elsewhere); these are the cases that reuse other codes: a missing guide
(ref.unknown-guide), a staff guide named by a public product (ref.public-to-staff), a code that is
not one, call_us with a guide (schema), and what is allowed (an action alone).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.model.items import error_code_key
from generator.validate import run_checks

PRODUCT = "content/products/washing-machines.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"
TEXTS = ('    meaning: {ca: "Desguàs.", es: "Desagüe.", en: "Drain."}\n'
         '    customer_action: {ca: "Netegeu el filtre.", es: "Limpie el filtro.", en: "Clean the filter."}\n')


def with_code(root: Path, *extra: str, code: str = "E21") -> list:
    product = root / PRODUCT
    entry = f"error_codes:\n  - code: {code}\n{TEXTS}" + "".join(f"    {line}\n" for line in extra)
    product.write_text(product.read_text(encoding="utf-8") + entry, encoding="utf-8")
    return [d for d in run_checks(load_project(root)) if d.severity in ("error", "warning")]


def line_of(root: Path, text: str) -> int:
    return 1 + next(i for i, row in enumerate((root / PRODUCT).read_text(encoding="utf-8").splitlines()) if row.strip().startswith(text))


def test_an_action_alone_is_enough(new_project: Path) -> None:
    """Neither a guide nor call_us: 'close the door' needs neither, so it is no problem."""
    assert with_code(new_project) == []


def test_a_guide_that_does_not_exist_is_an_unknown_guide(new_project: Path) -> None:
    (found,) = with_code(new_project, "guide: washing-machine-wont-drain")
    assert found.code == "ref.unknown-guide"
    assert (found.file, found.line, found.column) == (PRODUCT, line_of(new_project, "guide: washing"), 12)
    assert found.message.startswith("error_codes[0].guide: there is no self-repair guide")
    assert "did you mean 'washing-machine-does-not-drain'?" in found.message


def test_a_public_product_may_not_send_customers_to_a_staff_guide(new_project: Path) -> None:
    guide = new_project / GUIDE
    guide.write_text(guide.read_text(encoding="utf-8").replace("audience: public", "audience: staff"), encoding="utf-8")
    (found,) = with_code(new_project, "guide: washing-machine-does-not-drain")
    assert found.code == "ref.public-to-staff"
    assert found.line == line_of(new_project, "guide: washing")
    assert "error_codes[0].guide" in found.message


def test_the_guide_knows_the_product_refers_to_it(new_project: Path) -> None:
    with_code(new_project, "guide: washing-machine-does-not-drain")
    kb = load_project(new_project).kb
    refs = [ref for ref in kb.referrers_of("washing-machine-does-not-drain") if ref.source.id == "washing-machines"]
    assert [ref.loc for ref in refs] == [("error_codes", 0, "guide")]


@pytest.mark.parametrize(("extra", "code", "message"), [
    (("call_us: true", "guide: washing-machine-does-not-drain"), "E21", "names no guide"),
    ((), "E21<b>", "is not an error code as a display shows it"),
    ((), "ERROR-CODE-123", "at most 12 characters"),
    ((), "'-E-'", "is not an error code"),
])
def test_what_the_model_refuses(new_project: Path, extra: tuple, code: str, message: str) -> None:
    (found,) = with_code(new_project, *extra, code=code)
    assert found.code == "schema.invalid-value"
    assert found.message.startswith("error_codes[0]") and message in found.message


def test_codes_compare_ignoring_case_and_separators() -> None:
    assert error_code_key("E-21") == error_code_key("e 21") == error_code_key("E21") == "e21"
    assert error_code_key("F.05") == "f05"
