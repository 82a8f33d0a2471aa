"""Bigger than one machine: portals built separately and merged equal one full build (issue 19)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.cli import main

pytestmark = pytest.mark.slow

SHARDS = [("public", None), ("staff", "ca"), ("staff", "es"), ("staff", "en")]
"""Four CI jobs: every public language in one, each staff language in its own."""

PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")


def tree(site: Path) -> dict[str, str]:
    """Every file under ``site`` → a digest of its bytes (a PDF's creation date left out)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".pdf":
                data = PDF_DATES.sub(b"", data)
            files[path.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return files


def test_shards_merged_are_the_same_files_as_one_full_build(new_project: Path, tmp_path: Path, capsys) -> None:
    full = tmp_path / "full"
    assert main(["build", "--project", str(new_project), "--out", str(full)]) == 0
    shards = []
    for number, (audience, lang) in enumerate(SHARDS):
        shard = tmp_path / f"shard-{number}"
        args = ["build", "--project", str(new_project), "--audience", audience, "--out", str(shard)]
        assert main([*args, "--lang", lang] if lang else args) == 0
        shards.append(str(shard))
    merged = tmp_path / "merged"
    capsys.readouterr()
    assert main(["merge", "--project", str(new_project), *shards, "--out", str(merged)]) == 0
    assert "merged 6 portals" in capsys.readouterr().out
    expected, got = tree(full), tree(merged)
    assert sorted(got) == sorted(expected)
    different = [name for name in expected if expected[name] != got[name]]
    assert not different, different
    # one shard's own redirect page offers only its language; the merged one offers all three
    staff_ca = (Path(shards[1]) / "staff" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="es"' not in staff_ca
    assert 'hreflang="es"' in (merged / "staff" / "index.html").read_text(encoding="utf-8")
    # the root opens the public portals; a staff-only output (a private host's) opens the staff ones
    assert 'url=public/index.html"' in (merged / "index.html").read_text(encoding="utf-8")
    assert 'url=staff/index.html"' in (Path(shards[1]) / "index.html").read_text(encoding="utf-8")


def test_merge_refuses_a_portal_in_two_shards_and_a_folder_that_is_no_build(new_project: Path, tmp_path: Path,
                                                                            capsys) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for shard in (one, two):
        assert main(["build", "--project", str(new_project), "--audience", "public", "--lang", "en", "--no-pdf",
                     "--out", str(shard)]) == 0
    capsys.readouterr()
    assert main(["merge", "--project", str(new_project), str(one), str(two), "--out", str(tmp_path / "site")]) == 2
    assert "public/en is in two shards" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["merge", "--project", str(new_project), str(tmp_path / "empty"), "--out", str(tmp_path / "site")]) == 2
    assert "no portal in it" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
