"""Every check code: a failing and a passing fixture, and an ``explain`` example that really fails.

``tests/fixtures/<code>/`` holds overlays on a fresh ``aftersales init`` project (see
``overlays.py``): ``bad/`` must report the code exactly once, where ``expect.yml`` says, and
nothing else; ``good/`` must not report it. The few codes a static file cannot express keep a
programmatic case in ``test_codes.py`` (``CASES``, each with its reason); a code with neither
fails :func:`test_every_code_has_a_fixture_or_a_case`.
"""

from __future__ import annotations

import re
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


# --------------------------------------------------------------------------- explain's examples


EXAMPLE_NOT_PLANTED = {
    "file.unreadable": "a link to a file outside the project (programmatic case in test_codes.py)",
    "file.outside-type-folder": "the example is a path, not file content",
    "yaml.too-large": "the real file is over 1 MiB; the example shows its start",
    "data.too-large": "the real file is over 50 MiB; the example shows its start",
    "yaml.encoding": "the problem is the bytes (Windows-1252), which the example can only show as text",
    "yaml.invalid-character": "the control character is shown as a visible symbol (␇)",
    "data.encoding": "the problem is the bytes (Windows-1252), which the example can only show as text",
    "yaml.empty": "the file holds nothing but a comment, which the comparison skips",
    "review.due-soon": "the date is relative to today (programmatic case in test_codes.py)",
    "waiver.expires-soon": "the date is relative to today (programmatic case in test_codes.py)",
}
"""Codes whose ``explain`` example cannot be found verbatim in their bad fixture, and why."""

FIXED_NOT_IN_GOOD = {
    "coverage.missing-phase": "the good fixture is a near miss: the phase is not required",
    "coverage.rule-not-met": "the good fixture is a near miss: the rule is about another phase",
    "text.raw-html": "the good fixture is a near miss: a lone '<' is not HTML",
    "data.too-large": "programmatic case",
}
"""Codes whose corrected snippet is not in their good fixture, and why."""

_FILE_HEADER = re.compile(r"^# ((?:content|data)/\S+\.(?:ya?ml|csv)|site_config\.yml|review\.lock\.json)\b")
_COMMENT = re.compile(r"\s+#\s.*$")


def _sections(snippet: str, default: str) -> list[tuple[str, list[str | None]]]:
    """The snippet as (file, lines) sections; a line ``None`` is a gap (a comment line in the snippet)."""
    sections: list[tuple[str, list[str | None]]] = []
    for line in snippet.splitlines():
        header = _FILE_HEADER.match(line)
        if header:
            sections.append((header.group(1), []))
            continue
        if not sections:
            sections.append((default, []))
        if line.strip().startswith("#") or not line.strip():
            sections[-1][1].append(None)
        else:
            sections[-1][1].append(_COMMENT.sub("", line).rstrip())
    return [(file, lines) for file, lines in sections if any(lines)]


def _file_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text without trailing comment) of the lines that are not blank or comments."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return [(number, _COMMENT.sub("", line).rstrip()) for number, line in enumerate(text.split("\n"), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _find(pattern: list[str | None], lines: list[tuple[int, str]]) -> tuple[int, int] | None:
    """First and last line number where ``pattern`` matches, with one indentation shift for all lines."""
    wanted = [line for line in pattern if line is not None]

    def match(p: int, i: int, shift: int, first: int | None) -> tuple[int, int] | None:
        if p == len(pattern):
            return (first, lines[i - 1][0]) if first is not None else None
        if pattern[p] is None:  # a gap: any number of lines
            for j in range(i, len(lines) + 1):
                found = match(p + 1, j, shift, first)
                if found:
                    return found
            return None
        if i >= len(lines):
            return None
        number, text = lines[i]
        if text == " " * shift + pattern[p] if shift >= 0 else False:
            return match(p + 1, i + 1, shift, number if first is None else first)
        return None

    for start, (_, text) in enumerate(lines):
        shift = _indent(text) - _indent(wanted[0])
        if shift >= 0 and text == " " * shift + wanted[0]:
            begin = pattern.index(wanted[0])
            found = match(begin + 1, start + 1, shift, lines[start][0])
            if found:
                return found
    return None


def _assert_planted(root: Path, snippet: str, default: str, what: str) -> dict[str, tuple[int, int]]:
    where = {}
    for file, pattern in _sections(snippet, default):
        assert (root / file).is_file(), f"{what} names {file}, which the fixture does not have"
        found = _find(pattern, _file_lines(root / file))
        assert found, f"{what} is not in {file} of the fixture:\n{snippet}"
        where[file] = found
    return where


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_example_is_what_the_bad_fixture_plants(code: str, tmp_path: Path) -> None:
    """``aftersales explain``'s example is in the bad fixture, around the line reported (so it fails);
    the corrected snippet is in the good fixture (so it passes)."""
    entry = RULES[code]
    assert entry.example and entry.fix, f"{code} needs an example and a fix"
    if code in EXAMPLE_NOT_PLANTED:
        return
    expected = expectation(code)
    bad = _init(tmp_path / "bad")
    plant(bad, code, "bad")
    where = _assert_planted(bad, entry.example, expected.file, f"the example of {code}")
    assert expected.file in where, f"the example of {code} does not show {expected.file}, where it is reported"
    if expected.at is not None:
        line = locate(bad / expected.file, expected.at, expected.nth)[0]
        first, last = where[expected.file]
        assert first <= line <= last, f"{code} is reported at line {line}, outside the example (lines {first}-{last})"
    if entry.fixed and code not in FIXED_NOT_IN_GOOD:
        good = _init(tmp_path / "good")
        plant(good, code, "good")
        _assert_planted(good, entry.fixed, expected.file, f"the corrected snippet of {code}")


def test_explain_exceptions_are_real_codes() -> None:
    assert not (set(EXAMPLE_NOT_PLANTED) | set(FIXED_NOT_IN_GOOD)) - set(RULES)
