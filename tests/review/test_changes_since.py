"""``aftersales changes --since REF`` over a real git history: items added, removed, modified
(with their fields) and moved, as text, JSON and Markdown; clear errors outside a repository and
for an unknown reference."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from generator.cli import main
from generator.review.since import changed_fields

GIT_ENV = {"GIT_AUTHOR_NAME": "Quality Manager", "GIT_AUTHOR_EMAIL": "quality@example.com",
           "GIT_COMMITTER_NAME": "Quality Manager", "GIT_COMMITTER_EMAIL": "quality@example.com",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

PROC = "content/procedures/warranty-repair.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"
FORM = "content/forms/repair-call-log.yml"
MOVED_FORM = "content/forms/call-log.yml"
STANDARD = "content/standards/answer-within-4-hours.yml"
NEW_ROLE = "content/roles/warehouse-clerk.yml"


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True,
                          timeout=60, check=True, env={**os.environ, **GIT_ENV})
    return proc.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository with a new knowledge base tagged v1, then one commit that retitles the procedure,
    re-versions the standard, adds a role, deletes the guide and moves the form's file."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    assert main(["init", str(root)]) == 0
    git(root, "init", "-q", "-b", "main")
    commit(root, "Knowledge base")
    git(root, "tag", "v1")
    # A comment and a blank line are no change.
    replace(root / PROC, "id: warranty-repair\n", "id: warranty-repair\n# reviewed in the audit\n\n")
    replace(root / PROC, 'en: "Warranty repair"', 'en: "Repair under warranty"')
    replace(root / STANDARD, 'version: "1.0"', 'version: "1.1"')
    role = (root / "content/roles/head-of-after-sales.yml").read_text(encoding="utf-8")
    (root / NEW_ROLE).write_text(role.replace("id: head-of-after-sales", "id: warehouse-clerk", 1), encoding="utf-8")
    (root / GUIDE).unlink()
    (root / FORM).rename(root / MOVED_FORM)
    commit(root, "Second edition")
    return root


def changes(root: Path, *args: str):
    run = run_cli("changes", *args, cwd=root)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def test_json_lists_exactly_what_changed(history: Path) -> None:
    run = changes(history, "--since", "v1", "--format", "json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["format"] == "aftersales-changes" and report["since"] == "v1"
    assert report["commit"] == git(history, "rev-parse", "v1").strip()
    assert report["counts"] == {"added": 1, "modified": 3, "removed": 1}
    assert [(entry["id"], entry["type"], entry["file"]) for entry in report["added"]] == [
        ("warehouse-clerk", "role", NEW_ROLE)]
    assert [(entry["id"], entry["type"], entry["file"]) for entry in report["removed"]] == [
        ("washing-machine-does-not-drain", "guide", GUIDE)]
    modified = {entry["id"]: (entry["file"], entry["previous_file"], entry["fields"]) for entry in report["modified"]}
    assert modified == {
        "repair-call-log": (MOVED_FORM, FORM, []),
        "warranty-repair": (PROC, None, ["title"]),
        "answer-within-4-hours": (STANDARD, None, ["document.version"]),
    }
    assert report["unreadable"] == []


def test_text_and_markdown_say_the_same(history: Path) -> None:
    run = changes(history, "--since", "v1")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("changes since v1 (") and lines[0].endswith("1 added, 3 modified, 1 removed")
    assert lines[1].startswith(f"added    role warehouse-clerk ({NEW_ROLE})")
    assert f"modified form repair-call-log ({MOVED_FORM}): moved from {FORM}" in run.out
    assert f"modified procedure warranty-repair ({PROC}): title" in run.out
    assert f"modified standard answer-within-4-hours ({STANDARD}): document.version" in run.out
    assert f"removed  guide washing-machine-does-not-drain ({GUIDE})" in run.out
    assert len(lines) == 6

    run = changes(history, "--since", "v1", "--format", "markdown", ".")
    assert run.code == 0, run.err
    assert run.out.startswith("## Changes since `v1`\n")
    assert "### Added (1)" in run.out and "### Modified (3)" in run.out and "### Removed (1)" in run.out
    assert "(`warranty-repair`, procedure): title" in run.out
    assert "(`answer-within-4-hours`, standard): document.version" in run.out
    assert "(`washing-machine-does-not-drain`, guide)" in run.out


def test_a_project_in_a_subfolder_and_a_file_unreadable_at_the_reference(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    root = repo / "quality" / "kb"
    assert main(["init", str(root)]) == 0
    (root / "content/roles/draft.yml").write_text("id: draft\ntitle: [unclosed\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Start")
    (root / "content/roles/draft.yml").unlink()
    replace(root / PROC, 'en: "Warranty repair"', 'en: "Repair under warranty"')
    run = changes(repo, "--since", "HEAD", "--format", "json", "--project", str(root))
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["counts"] == {"added": 0, "modified": 1, "removed": 0}
    assert [(entry["file"], entry["at"], entry["code"]) for entry in report["unreadable"]] == [
        ("content/roles/draft.yml", "HEAD", "yaml.syntax")]
    run = changes(repo, "--since", "HEAD", str(root))
    assert re.search(r"(?m)^content/roles/draft.yml:\d+:\d+: unreadable at HEAD yaml.syntax: ", run.out)


def test_outside_a_repository_and_for_an_unknown_reference(history: Path, tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    assert main(["init", str(outside)]) == 0
    run = changes(outside, "--since", "v1")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("aftersales: changes: ") and "is not inside a git repository" in run.err
    run = changes(history, "--since", "v9")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("aftersales: changes: unknown git reference 'v9'")
    run = changes(history, "--since", "--output=x")
    assert run.code == 2 and "Traceback" not in run.err
    run = changes(history)
    assert run.code == 2 and "--since" in run.err


def test_changed_fields_names_document_sub_fields_and_dropped_fields() -> None:
    old = {"id": "a", "title": {"en": "A"}, "tags": ["x"], "document": {"version": "1.0", "approved": "2026-01-01"}}
    new = {"id": "a", "title": {"en": "A"}, "summary": {"en": "S"},
           "document": {"version": "1.1", "approved": "2026-02-01", "approved_by": "Anna"}}
    assert changed_fields(old, new) == ("summary", "document.version", "document.approved", "document.approved_by",
                                        "tags")
    assert changed_fields(old, dict(old)) == ()
    assert changed_fields({"document": "x"}, {"document": {"version": "1"}}) == ("document",)
