"""``aftersales export`` through the real command line: the checked knowledge base as one JSON document.

Other tools (a help desk, a chatbot) read it, so it must be complete (every content file), its
reference graph must agree both ways, it must be reproducible, and it must never be half-valid
or half-written: errors refuse the export and leave any earlier file untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Run, edit

from generator.commands.export import export_timestamp
from generator.model.registry import TYPES_BY_NAME

PROC = "content/procedures/warranty-repair.yml"
STANDARD = "content/standards/answer-within-4-hours.yml"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def export(*args: str | os.PathLike, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m generator export ARGS`` in a subprocess, with extra environment variables."""
    environ = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environ.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "generator", "export", *map(str, args)],
                          capture_output=True, cwd=REPO, env=environ, timeout=120, check=False)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.out and "Traceback" not in run.err, run.err


def line_of(root: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def by_id(document: dict) -> dict[str, dict]:
    return {entry["id"]: entry for entry in document["items"]}


@pytest.fixture(scope="module")
def example() -> dict:
    """The shipped example exported once for the module (reproducible timestamp)."""
    run = export("--project", REPO, env={"SOURCE_DATE_EPOCH": EPOCH})
    no_traceback(run)
    assert run.code == 0, run.err
    return json.loads(run.out)


# --------------------------------------------------------------------------- the example


def test_example_export_holds_every_content_file(example: dict) -> None:
    assert example["format"] == "aftersales-export"
    assert example["format_version"] == 1
    assert example["generator"]["name"] == "aftersales"
    assert example["exported_at"] == "2023-11-14T22:13:20Z"
    files = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "content").rglob("*")
                   if p.suffix in (".yml", ".yaml"))
    assert len(example["items"]) == len(files)
    assert sorted(entry["file"] for entry in example["items"]) == files
    for entry in example["items"]:
        assert entry["type"] in TYPES_BY_NAME
        assert entry["file"] == f"content/{TYPES_BY_NAME[entry['type']].folder}/{entry['id']}.yml"
        assert entry["data"]["id"] == entry["id"]
        assert entry["audience"] == entry["data"]["audience"]
    keys = [(entry["type"], entry["id"]) for entry in example["items"]]
    assert keys == sorted(keys)
    assert sum(example["counts"]["items"].values()) == len(files)
    # The example's one note is its waiver in force (coverage.waived).
    assert example["counts"]["diagnostics"] == {"error": 0, "warning": 0, "info": 1}


def test_site_settings_are_exported(example: dict) -> None:
    site = example["site"]
    assert site["languages"] == ["ca", "es", "en"]
    assert site["default_language"] == "ca"
    assert site["company"]["name"] == "Electrodomèstics Vallès, S.A."
    assert "warehouse" in site["departments"]


def test_referenced_by_is_the_exact_inverse_of_references(example: dict) -> None:
    items = {(entry["type"], entry["id"]) for entry in example["items"]}
    outgoing = set()
    for entry in example["items"]:
        for ref in entry["references"]:
            if ref["target_type"] == "department":
                assert ref["target_id"] in example["site"]["departments"]
                continue
            assert (ref["target_type"], ref["target_id"]) in items, ref  # the example has no broken reference
            outgoing.add((entry["type"], entry["id"], ref["field"], ref["target_type"], ref["target_id"]))
    incoming = set()
    count = 0
    for entry in example["items"]:
        for ref in entry["referenced_by"]:
            incoming.add((ref["source_type"], ref["source_id"], ref["field"], entry["type"], entry["id"]))
            count += 1
    assert outgoing and incoming == outgoing
    assert count == len(incoming), "an incoming reference is listed twice"


def test_a_known_reference_appears_both_ways(example: dict) -> None:
    # content/procedures/warranty-repair.yml: the first reception step ("attend-call") must meet
    # hotline-24-hours and answer-within-4-hours.
    items = by_id(example)
    procedure = items["warranty-repair"]
    assert {"target_id": "hotline-24-hours", "target_type": "standard",
            "field": "steps.reception[0].standards[0]"} in procedure["references"]
    assert {"target_id": "answer-within-4-hours", "target_type": "standard",
            "field": "steps.reception[0].standards[1]"} in procedure["references"]
    assert {"source_id": "warranty-repair", "source_type": "procedure",
            "field": "steps.reception[0].standards[0]"} in items["hotline-24-hours"]["referenced_by"]
    assert procedure["data"]["steps"]["reception"][0]["id"] == "attend-call"


def test_coverage_has_a_row_per_procedure(example: dict) -> None:
    procedures = {entry["id"]: entry for entry in example["items"] if entry["type"] == "procedure"}
    rows = {row["procedure"]: row for row in example["coverage"]}
    assert procedures and set(rows) == set(procedures)
    for procedure_id, row in rows.items():
        assert row["file"] == procedures[procedure_id]["file"]
        assert set(row["phases"]) == {"reception", "sat", "departments", "follow_up"}
        assert row["complete"] is True and row["missing"] == []
        steps = procedures[procedure_id]["data"]["steps"]
        assert row["phases"] == {phase: len(steps.get(phase, [])) for phase in row["phases"]}


def test_two_exports_with_source_date_epoch_are_byte_identical() -> None:
    first = export("--project", REPO, env={"SOURCE_DATE_EPOCH": EPOCH})
    second = export("--project", REPO, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert first.code == second.code == 0
    assert first.out == second.out


def test_timestamp_is_now_in_utc_without_source_date_epoch() -> None:
    stamp = export_timestamp(None)
    assert stamp.endswith("Z") and len(stamp) == len("2026-01-01T00:00:00Z")
    assert export_timestamp(EPOCH) == "2023-11-14T22:13:20Z"
    assert export_timestamp("").endswith("Z")  # empty counts as unset


def test_a_bad_source_date_epoch_is_a_usage_error(new_project: Path) -> None:
    run = export("--project", new_project, env={"SOURCE_DATE_EPOCH": "yesterday"})
    no_traceback(run)
    assert run.code == 2
    assert run.out == ""
    assert "SOURCE_DATE_EPOCH" in run.err


# --------------------------------------------------------------------------- refusal


def with_unknown_form(root: Path) -> Path:
    edit(root, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]")
    return root


def test_errors_refuse_the_export(new_project: Path) -> None:
    with_unknown_form(new_project)
    run = export("--project", new_project)
    no_traceback(run)
    assert run.code == 1
    assert run.out == ""
    line = line_of(new_project, PROC, "repair-call-book")
    assert f"{PROC}:{line}:" in run.err
    assert "ref.unknown-form" in run.err
    assert "export refused: 1 error; run aftersales check" in run.err


def test_refusal_leaves_an_earlier_output_untouched(new_project: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "exports"
    target = out_dir / "kb.json"
    assert export("--project", new_project, "--output", target).code == 0
    before = target.read_bytes()
    with_unknown_form(new_project)
    run = export("--project", new_project, "--output", target)
    assert run.code == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in out_dir.iterdir()) == ["kb.json"], "a partial file was left behind"


def test_refusal_creates_no_output_file(new_project: Path, tmp_path: Path) -> None:
    with_unknown_form(new_project)
    target = tmp_path / "kb.json"
    run = export("--project", new_project, "--output", target)
    assert run.code == 1
    assert not target.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".kb.json")], "a temporary file was left"


def test_warnings_do_not_block(new_project: Path) -> None:
    # raw HTML in a summary: a warning (in a title it would be an error, text.html-in-title)
    edit(new_project, PROC, "d'una reparació en garantia.", "d'una reparació <b>en</b> garantia.")
    run = export("--project", new_project)
    no_traceback(run)
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert document["counts"]["diagnostics"]["warning"] >= 1
    assert any(d["code"] == "text.raw-html" and d["file"] == PROC for d in document["diagnostics"])
    assert "exported with" in run.err


def test_an_infinite_number_is_refused_with_its_place(new_project: Path) -> None:
    edit(new_project, STANDARD, "value: 4", "value: .inf")
    run = export("--project", new_project)
    no_traceback(run)
    assert run.code == 1
    assert run.out == ""
    line = next(number for number, text in enumerate((new_project / STANDARD).read_text().splitlines(), 1)
                if "value: .inf" in text)
    assert f"{STANDARD}:{line}:" in run.err and "schema.invalid-value: target.value" in run.err


def test_a_reference_to_an_item_of_another_type_is_not_an_incoming_reference(new_project: Path) -> None:
    """With its check switched off, a form reference naming a role must not list the step under the role."""
    edit(new_project, "site_config.yml", "# rules:", "rules: {ref.unknown-form: 'off'}\n#")
    edit(new_project, PROC, "forms: [repair-call-log]", "forms: [head-of-after-sales]")
    run = export("--project", new_project)
    assert run.code == 0, run.err
    items = by_id(json.loads(run.out))
    assert {"target_id": "head-of-after-sales", "target_type": "form",
            "field": "steps.reception[0].forms[0]"} in items["warranty-repair"]["references"]
    fields = [ref["field"] for ref in items["head-of-after-sales"]["referenced_by"]]
    assert "steps.reception[0].forms[0]" not in fields
    assert "steps.reception[0].role" in fields


# --------------------------------------------------------------------------- --output


def test_output_to_a_folder_is_a_usage_error(new_project: Path, tmp_path: Path) -> None:
    run = export("--project", new_project, "--output", tmp_path)
    no_traceback(run)
    assert run.code == 2
    assert run.out == ""
    assert "folder" in run.err


def test_output_writes_the_whole_document(new_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "kb.json"
    run = export("--project", new_project, "--output", target)
    no_traceback(run)
    assert run.code == 0, run.err
    assert f"wrote 8 items to {target}" in run.out
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["items"]) == 8
    assert [p.name for p in target.parent.iterdir()] == ["kb.json"]
    assert (target.stat().st_mode & 0o777) != 0o600, "the temporary file's private mode was kept"


def test_output_and_stdout_are_the_same_document(new_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "kb.json"
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    assert export("--project", new_project, "--output", target, env=env).code == 0
    assert target.read_text(encoding="utf-8") == export("--project", new_project, env=env).out


# --------------------------------------------------------------------------- text


def test_catalan_text_with_accents_survives(new_project: Path, tmp_path: Path) -> None:
    run = export("--project", new_project)
    assert run.code == 0, run.err
    assert "Reparació en garantia" in run.out  # readable, not \u00f3
    items = by_id(json.loads(run.out))
    assert items["warranty-repair"]["data"]["title"]["ca"] == "Reparació en garantia"
    assert items["warranty-repair"]["data"]["summary"]["es"].startswith("De la llamada")
    target = tmp_path / "kb.json"
    assert export("--project", new_project, "--output", target).code == 0
    assert "Reparació en garantia".encode() in target.read_bytes()


def test_stdout_is_utf8_whatever_the_locale(new_project: Path) -> None:
    run = export("--project", new_project, env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"})
    no_traceback(run)
    assert run.code == 0, run.err
    assert "Reparació en garantia" in run.out
