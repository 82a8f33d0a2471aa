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
