"""The benchmark scripts still work: a small synthetic corpus passes check, and run.py prints its table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


@pytest.mark.slow
def test_synthetic_corpus_is_clean_and_run_prints_the_table(tmp_path: Path) -> None:
    corpus = tmp_path / "kb"
    made = subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--items", "20", "--out", str(corpus)],
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    files = sorted((corpus / "content").rglob("*.yml"))
    assert len(files) == 20
    assert {path.parent.name for path in files} == {
        "procedures", "standards", "roles", "warranty", "guides", "training", "forms", "products"}
    assert all(path.stem in path.read_text(encoding="utf-8") for path in files)  # file name = id

    check = subprocess.run([sys.executable, "-m", "generator", "check", "--project", str(corpus), "--format", "json"],
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    assert check.returncode == 0, check.stdout + check.stderr
    report = json.loads(check.stdout)
    assert report["diagnostics"] == [], report["diagnostics"][:5]
    assert len(report["items"]) == 20
    assert all(row["complete"] for row in report["coverage"])

    # Same N, same files.
    again = tmp_path / "kb-again"
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--items", "20", "--out", str(again)],
                   check=True, capture_output=True, timeout=60)
    for path in files:
        twin = again / path.relative_to(corpus)
        assert twin.read_bytes() == path.read_bytes(), path.name

    out_file = tmp_path / "bench.txt"
    run = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "20", "--no-pdf-bench", "--repeat", "1",
                          "--out", str(out_file)], capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    table = run.stdout
    assert table.startswith("machine: ")
    assert "python:" in table
    for measure in ("bare libyaml floor", "check (aftersales check, subprocess)", "generator stage",
                    "MkDocs build of staff/ca alone", "serve regeneration", "full build"):
        assert measure in table, measure
    rows = [line for line in table.splitlines() if line.split()[:1] and "  20  " in line]
    assert len(rows) >= 8, table
    assert all(line.rstrip().endswith(("PASS", "FAIL", "info", "floor")) for line in rows), table
    assert "only the edited item" in table
    assert out_file.read_text(encoding="utf-8") == table


@pytest.mark.slow
@pytest.mark.browser
def test_search_browser_prints_both_engines_side_by_side(browser, tmp_path: Path) -> None:
    """bench/search_browser.py builds a 30-page portal for both engines, searches it in Chromium, prints one table.

    ``browser`` (tests/conftest.py) is only asked for its skip rule: no Chromium, no test (a failure under CI).
    """
    import os
    import re

    run = subprocess.run([sys.executable, str(BENCH / "search_browser.py"), "--pages", "30",
                          "--engines", "aftersales,material"], capture_output=True, text=True, timeout=600, cwd=tmp_path,
                         env={**os.environ, "TMPDIR": str(tmp_path)})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines[0].startswith("machine: ") and "Chromium" in lines[1], run.stdout
    assert next(line for line in lines if line.startswith("measure")).split()[1:3] == ["aftersales", "material"]
    for measure in ("build: total", "first query: page load → results", "one input event: p95",
                    "typed key by key: p95", "memory the portal adds", "bytes transferred: index"):
        row = next(line for line in lines if measure in line)
        assert len(re.findall(r"\d+(?:\.\d+)? (?:s|ms|MB|kB)\b", row)) >= 2, row
    first = next(line for line in lines if line.startswith("results: 'garantia'"))
    assert all(int(count) > 0 for count in first.split()[-2:]), first
    assert not list(tmp_path.glob("aftersales-search-*"))  # its temporary folder is gone
