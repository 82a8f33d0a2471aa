"""Change review over a real git history of the shipped example, as a content team lives it.

Adopt change review and commit; change a standard's commitment and commit: every procedure and
training module citing it is suspect (``check`` warns at the citation, ``review`` exits 1);
``aftersales review ID`` for each clears it, and the lock file's diff shows exactly those
entries. Re-approving the standard (document control only) makes nothing suspect.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, run_cli

STANDARD_ID = "complaint-answer-24-hours"
STANDARD = f"content/standards/{STANDARD_ID}.yml"
LOCK = "review.lock.json"


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=60, check=True)
    return proc.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def aftersales(repo: Path, *args: str):
    run = run_cli(*args, cwd=repo)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def edit(repo: Path, rel: str, pattern: str, new: str) -> None:
    path = repo / rel
    text, count = re.subn(pattern, lambda _: new, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1, f"{rel} no longer matches {pattern!r}"
    path.write_text(text, encoding="utf-8")


def citations(repo: Path, target: str) -> dict[str, tuple[int, int]]:
    """Found by reading the files, not by aftersales: the first line and column where each content
    file other than the target's own names ``target`` outside a comment."""
    word = re.compile(rf"(?<![\w-]){re.escape(target)}(?![\w-])")
    found = {}
    for path in sorted((repo / "content").rglob("*.yml")):
        rel = path.relative_to(repo).as_posix()
        if path.stem == target:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = word.search(line.split(" #")[0])
            if match and not line.lstrip().startswith("#"):
                found[rel] = (number, match.start() + 1)
                break
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the shipped example."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "content-repo"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("assets", "data"):  # images; the measurements of site_config.yml 'compliance'
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Quality Manager")
    git(root, "config", "user.email", "quality@example.com")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, "The example knowledge base")
    return root


def test_a_changed_standard_makes_its_citing_items_suspect_until_reviewed(repo: Path) -> None:
    # Adopt change review.
    run = aftersales(repo, "review", "--all")
    assert run.code == 0, run.err
    commit(repo, "Adopt change review")
    assert aftersales(repo, "check", "--strict").code == 0

    # The standard's commitment changes.
    expected = citations(repo, STANDARD_ID)
    assert {rel.split("/")[1] for rel in expected} == {"procedures", "training"}
    assert len([rel for rel in expected if "/procedures/" in rel]) >= 2
    edit(repo, STANDARD, r"^  en: Within 24 hours we tell you", "  en: Within one working day we tell you")
    commit(repo, "Complaints: one working day")

    run = aftersales(repo, "check", "--format", "json")
    assert run.code == 0  # warnings only
    report = json.loads(run.out)
    suspect = {d["file"]: (d["line"], d["column"]) for d in report["diagnostics"] if d["code"] == "change.suspect"}
    assert suspect == expected
    messages = [d["message"] for d in report["diagnostics"] if d["code"] == "change.suspect"]
    assert all(f"'{STANDARD_ID}', which changed since this" in message for message in messages)
    assert aftersales(repo, "check", "--strict").code == 1

    run = aftersales(repo, "review")
    assert run.code == 1
    listed = re.findall(r"^(content/\S+?):(\d+):(\d+): (\w+) (\S+) \(last reviewed", run.out, flags=re.MULTILINE)
    assert {file: (int(line), int(column)) for file, line, column, _, _ in listed} == expected
    assert [file for file, *_ in listed] == sorted(expected)
    ids = [item_id for *_, item_id in listed]
    assert run.out.count(f"standard {STANDARD_ID} changed sha256:") == len(expected)

    # Each item is reviewed in turn; only its own entry changes in the lock file.
    committed = json.loads(git(repo, "show", f"HEAD:{LOCK}"))["items"]
    for position, item_id in enumerate(ids, start=1):
        run = aftersales(repo, "review", item_id)
        assert run.code == 0, run.err
        assert f" {item_id} sha256:" in run.out and f"standard {STANDARD_ID}: sha256:" in run.out
        if position in (1, len(ids)):  # the status after the first and after the last
            still = aftersales(repo, "review")
            assert (still.code == 0) == (position == len(ids))
            assert f" {item_id} (last reviewed" not in still.out
            assert position == len(ids) or f" {ids[-1]} (last reviewed" in still.out
    now = json.loads((repo / LOCK).read_text(encoding="utf-8"))["items"]
    assert {item_id for item_id in now if now[item_id] != committed[item_id]} == set(ids)
    (cited_now,) = {now[item_id]["depends_on"][STANDARD_ID] for item_id in ids}
    assert cited_now != committed[STANDARD_ID]["fingerprint"]  # reviewed against the new version

    # The diff a reviewer sees: the reviewed entries, with the standard's new fingerprint.
    diff = git(repo, "diff", "--unified=0", "--", LOCK)
    changed_lines = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed_lines and all(f'"{STANDARD_ID}": "sha256:' in line or '"reviewed": "' in line
                                 for line in changed_lines), diff
    assert aftersales(repo, "check", "--strict").code == 0
    commit(repo, "Review the items citing the complaints standard")

    # Re-approving the standard (document control only) makes nothing suspect.
    edit(repo, STANDARD, r"^  version: .*$", '  version: "1.1"')
    edit(repo, STANDARD, r"^  next_review: .*$", "  next_review: 2031-10-01")
    commit(repo, "Re-approve the complaints standard")
    run = aftersales(repo, "check", "--strict", "--format", "json")
    assert run.code == 0, run.out
    assert not [d for d in json.loads(run.out)["diagnostics"] if d["code"].startswith("change.")]
    run = aftersales(repo, "review")
    assert run.code == 0 and "nothing needs review" in run.out
    assert git(repo, "status", "--porcelain") == ""  # checking writes nothing
