"""Every check code: a failing and a passing fixture, and an ``explain`` example that really fails.

``tests/fixtures/<code>/`` holds overlays on a fresh ``aftersales init`` project (see
``overlays.py``): ``bad/`` must report the code exactly once, where ``expect.yml`` says, and
nothing else; ``good/`` must not report it. The few codes a static file cannot express keep a
programmatic case in ``test_codes.py`` (``CASES``, each with its reason); a code with neither
fails :func:`test_every_code_has_a_fixture_or_a_case`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from overlays import ANY, expectation, fixture_codes, locate, plant
from test_codes import CASES

from generator.cli import main
from generator.diagnostics.codes import RULES
from generator.diagnostics.diagnostic import Diagnostic
from generator.load.project import load_project
from generator.validate import run_checks

FIXTURE_CODES = fixture_codes()


def check(root: Path) -> list[Diagnostic]:
    return run_checks(load_project(root))


def _init(root: Path) -> Path:
    assert main(["init", str(root)]) == 0
    return root


def test_every_code_has_a_fixture_or_a_case() -> None:
    programmatic = {case.code for case in CASES}
    missing = sorted(set(RULES) - set(FIXTURE_CODES) - programmatic)
    assert not missing, f"add tests/fixtures/<code>/{{bad,good}}/ and expect.yml for: {', '.join(missing)}"
    assert not set(FIXTURE_CODES) - set(RULES), "a fixture names a code that RULES no longer has"
    assert not set(FIXTURE_CODES) & programmatic, "a code has both a fixture and a programmatic case"


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_fixture(code: str, tmp_path: Path, capsys) -> None:
    """The bad overlay reports ``code`` once, at the expected place; the good one does not."""
    expected = expectation(code)
    bad = _init(tmp_path / "bad")
    plant(bad, code, "bad")
    diagnostics = check(bad)
    shown = "\n".join(d.format_text() for d in diagnostics)
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, f"expected one {code}, got:\n{shown}"
    (diagnostic,) = found
    assert diagnostic.severity == RULES[code].severity
    assert diagnostic.file == expected.file
    if expected.at is None:
        assert (diagnostic.line, diagnostic.column) == (1, 1)
    else:
        line, column, text = locate(bad / expected.file, expected.at, expected.nth)
        assert diagnostic.line == line, f"{code} points at line {diagnostic.line}, expected {line}: {text!r}\n{shown}"
        if expected.column:
            assert diagnostic.column == column, f"{code} points at column {diagnostic.column} of {text!r}"
    if expected.item is not ANY:
        assert diagnostic.item == expected.item
    assert expected.message in diagnostic.message
    unexpected = {d.code for d in diagnostics} - {code} - expected.also
    assert not unexpected, f"the bad overlay of {code} also caused {sorted(unexpected)}:\n{shown}"

    good = _init(tmp_path / "good")
    plant(good, code, "good")
    diagnostics = check(good)
    shown = "\n".join(d.format_text() for d in diagnostics)
    assert code not in {d.code for d in diagnostics}, shown
    if expected.good_clean:
        assert not [d for d in diagnostics if d.severity in ("error", "warning")], shown
