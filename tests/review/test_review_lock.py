"""``review.lock.json``: stable, diff-friendly text; and reading it never raises.

A lock file edited by hand or left with a merge conflict must give a ``change.lock-invalid``
diagnostic with the line and column, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.review.lock import Entry, dump_lock, parse_lock, read_lock
from generator.validate import run_checks

FP_A = "sha256:0123456789abcdef"
FP_B = "sha256:fedcba9876543210"


def lock_text(items: dict) -> str:
    return json.dumps({"format": "aftersales-review-lock", "format_version": 1, "items": items}, indent=2) + "\n"


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_dump_is_sorted_indented_and_ends_with_a_newline() -> None:
    entries = {"b-item": Entry(FP_B, "2026-10-01", {"z-dep": FP_A, "a-dep": FP_B}), "a-item": Entry(FP_A, "2026-10-02")}
    text = dump_lock(entries)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.index('"a-item"') < text.index('"b-item"')
    assert text.index('"a-dep"') < text.index('"z-dep"')
    assert '\n  "format": "aftersales-review-lock",\n' in text
    assert '\n    "a-item": {\n' in text  # 2-space indent, one entry per item
    assert dump_lock(dict(reversed(list(entries.items())))) == text  # insertion order does not matter


def test_dump_then_parse_round_trips() -> None:
    entries = {"a-item": Entry(FP_A, "2026-10-02", {"b-item": FP_B}), "b-item": Entry(FP_B, "2026-10-01")}
    lock, problems = parse_lock(dump_lock(entries))
    assert problems == []
    assert lock.entries == entries
    text = dump_lock(entries)
    assert lock.position_of("b-item") == (line_of(text, '"b-item": {'), 5)


def test_missing_file_means_change_review_is_off(tmp_path: Path) -> None:
    read = read_lock(tmp_path)
    assert (read.exists, read.lock, read.problems) == (False, None, [])


def position(text: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of the first ``needle`` in ``text``."""
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize(("text", "at", "message"), [
    ('{"format": "aftersales-review-lock",\n  "format_version": 1\n  "items": {}}', '"items"', "Expecting ','"),
    ("", None, "not valid JSON"),
    ('{\n  "format": "aftersales-review-lock",\n  "format_version": 1,\n  "items": {\n<<<<<<< HEAD\n',
     "<<<<<<<", "merge conflict"),
    ("[1, 2]", None, "must hold a JSON object"),
    ('{"format": "something-else", "format_version": 1, "items": {}}', '"format"', "not an aftersales review lock"),
    ('{"format": "aftersales-review-lock",\n "format_version": 7, "items": {}}', '"format_version"', "newer aftersales"),
    ('{"format": "aftersales-review-lock", "format_version": "1", "items": {}}', '"format_version"', "must be 1"),
    ('{"format": "aftersales-review-lock", "format_version": 1, "items": []}', '"items"', "'items' must be"),
    ('{"format": "aftersales-review-lock", "format_version": 1, "items": {}, "extra": 1}', '"extra"',
     "unknown key 'extra'"),
], ids=["json-syntax", "empty", "merge-conflict", "not-object", "other-format", "newer-version", "version-text",
        "items-list", "unknown-key"])
def test_unusable_lock_gives_a_problem_with_its_place(text: str, at: str | None, message: str) -> None:
    lock, problems = parse_lock(text)
    assert lock is None
    assert problems, text
    assert (problems[0].line, problems[0].column) == (position(text, at) if at else (1, 1)), problems
    assert message in problems[0].message


def test_each_bad_entry_is_reported_at_its_line() -> None:
    text = lock_text({
        "good-item": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {}},
        "bad-fingerprint": {"fingerprint": "md5:1234", "reviewed": "2026-10-01", "depends_on": {}},
        "bad-date": {"fingerprint": FP_A, "reviewed": "2026-02-30", "depends_on": {}},
        "bad-dependency": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {"x-dep": 12}},
        "Not An Id": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {}},
        "missing-keys": {"fingerprint": FP_A},
        "extra-key": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {}, "by": "me"},
    })
    lock, problems = parse_lock(text)
    assert lock is None
    found = {(p.line, p.message.split(" must ")[0].split(" is not")[0]) for p in problems}
    assert (line_of(text, '"md5:1234"'), "the fingerprint of 'bad-fingerprint'") in found
    assert (line_of(text, '"2026-02-30"'), "the review date of 'bad-date'") in found
    assert (line_of(text, '"x-dep": 12'), "the fingerprint of 'x-dep' in depends_on of 'bad-dependency'") in found
    assert (line_of(text, '"Not An Id"'), "'Not An Id'") in found
    messages = [p.message for p in problems]
    assert "the entry of 'missing-keys' has no 'reviewed'" in messages
    assert "the entry of 'missing-keys' has no 'depends_on'" in messages
    assert any("unknown key 'by'" in m for m in messages)
    assert not any("good-item" in m for m in messages)
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    text = ('{\n  "format": "aftersales-review-lock",\n  "format_version": 1,\n  "items": {\n'
            f'    "a-item": {{"fingerprint": "{FP_A}", "reviewed": "2026-10-01", "depends_on": {{}}}},\n'
            f'    "a-item": {{"fingerprint": "{FP_B}", "reviewed": "2026-10-02", "depends_on": {{}}}}\n  }}\n}}\n')
    lock, problems = parse_lock(text)
    assert lock is None
    (problem,) = problems
    assert (problem.line, problem.column) == (6, 5)
    assert "'items.a-item' appears twice" in problem.message


def test_entries_are_located_at_their_own_key() -> None:
    """a-item's entry is found at its key under items, not at b-item's dependency of the same name,
    nor inside a string value that looks like a key."""
    text = lock_text({"b-item": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {"a-item": FP_A}},
                      "a-item": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {}}})
    text = text.replace('"format": "aftersales-review-lock"',
                        '"note": "\\"a-item\\": {[,", "format": "aftersales-review-lock"')
    positions_before = text.index('"a-item": {')
    lock_entries, problems = parse_lock(text)
    assert lock_entries is None and "unknown key 'note'" in problems[0].message
    text = text.replace('"note": "\\"a-item\\": {[,", ', "")
    lock, problems = parse_lock(text)
    assert problems == [] and positions_before > 0
    assert lock.position_of("a-item") == position(text, '"a-item": {')
    assert lock.position_of("b-item") == position(text, '"b-item": {')
    assert lock.position_of("no-such-item") == (1, 1)


@pytest.mark.parametrize("content", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"format": "aftersales-review-lock", "format_version": ' + b"9" * 5000 + b', "items": {}}',
    b'{"format": "aftersales-review-lock", "format_version": 1, "items": {"\\ud800": 1}}',
    b"\xff\xfe{}",
    b"\x00\x01\x02",
], ids=["deep", "huge-number", "lone-surrogate", "utf16-bom", "binary"])
def test_hostile_lock_files_are_problems_not_exceptions(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "review.lock.json").write_bytes(content)
    read = read_lock(tmp_path)
    assert read.exists and read.lock is None and read.problems
    assert all(p.line >= 1 and p.column >= 1 for p in read.problems)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "review.lock.json").write_bytes(b"\xef\xbb\xbf" + lock_text({}).encode())
    assert read_lock(tmp_path).lock is not None


def test_a_folder_in_place_of_the_lock_file(tmp_path: Path) -> None:
    (tmp_path / "review.lock.json").mkdir()
    read = read_lock(tmp_path)
    assert read.exists and read.lock is None and "folder" in read.problems[0].message


def test_check_reports_a_broken_lock_file_with_its_line(new_project: Path) -> None:
    text = lock_text({"warranty-repair": {"fingerprint": FP_A, "reviewed": "2026-10-01", "depends_on": {}}})
    broken = text.replace('"reviewed": "2026-10-01",', '"reviewed": "2026-10-01",,')
    (new_project / "review.lock.json").write_text(broken, encoding="utf-8")
    diagnostics = run_checks(load_project(new_project))
    assert [d.code for d in diagnostics] == ["change.lock-invalid"]
    (diagnostic,) = diagnostics
    assert (diagnostic.file, diagnostic.severity) == ("review.lock.json", "error")
    assert diagnostic.line == line_of(broken, ",,")
    assert diagnostic.column == broken.splitlines()[diagnostic.line - 1].index(",,") + 2
    assert "change review is off until it is fixed" in diagnostic.message


def test_a_link_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    project = tmp_path / "kb"
    project.mkdir()
    outside = tmp_path / "elsewhere.json"
    outside.write_text(lock_text({}), encoding="utf-8")
    (project / "review.lock.json").symlink_to(outside)
    read = read_lock(project)
    assert read.exists and read.lock is None and "outside the project" in read.problems[0].message


def test_a_link_to_itself_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "review.lock.json").symlink_to(tmp_path / "review.lock.json")
    read = read_lock(tmp_path)
    assert read.exists and read.lock is None and "cannot read the file" in read.problems[0].message
