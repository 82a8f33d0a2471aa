"""``aftersales review`` through the command line: status, recording, --all, --prune, refusals.

Exit codes: 0 nothing needs review (or recorded), 1 content problems (suspect items, errors,
an unreadable lock file), 2 usage errors (unknown ids); the lock file is never touched by a
refused command.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import edit

from generator.cli import main

LOCK = "review.lock.json"
PROC = "content/procedures/warranty-repair.yml"
STD = "content/standards/answer-within-4-hours.yml"
FORM = "content/forms/repair-call-log.yml"
TRAIN = "content/training/after-sales-basics.yml"
ALL_IDS = ["after-sales-basics", "answer-within-4-hours", "head-of-after-sales", "legal-guarantee",
           "repair-call-log", "warranty-repair", "washing-machine-does-not-drain", "washing-machines"]


def review(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["review", "--project", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def change_standard(root: Path) -> None:
    edit(root, STD, "within 4 hours of receiving it.", "within 4 working hours of receiving it.")


def lock(root: Path) -> dict:
    return json.loads((root / LOCK).read_text(encoding="utf-8"))


def position(root: Path, rel: str, needle: str) -> str:
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return f"{rel}:{number}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not in {rel}")


# --------------------------------------------------------------------------- status


def test_status_without_a_lock_file_says_how_to_start(new_project: Path, capsys) -> None:
    code, out, _ = review(new_project, capsys=capsys)
    assert code == 0
    assert "change review is not in use" in out and "aftersales review --all" in out
    assert not (new_project / LOCK).exists()
    code, out, _ = review(new_project, "--format", "json", capsys=capsys)
    assert code == 0
    assert json.loads(out)["in_use"] is False


def test_all_records_every_item_with_today_and_its_dependencies(new_project: Path, capsys) -> None:
    code, out, err = review(new_project, "--all", capsys=capsys)
    assert code == 0, err
    assert "8 items recorded" in out and "new file" in out
    data = lock(new_project)
    assert data["format"] == "aftersales-review-lock" and data["format_version"] == 1
    assert sorted(data["items"]) == ALL_IDS
    today = dt.date.today().isoformat()
    assert {entry["reviewed"] for entry in data["items"].values()} == {today}
    assert sorted(data["items"]["warranty-repair"]["depends_on"]) == [
        "answer-within-4-hours", "head-of-after-sales", "legal-guarantee", "repair-call-log", "washing-machines"]
    assert data["items"]["warranty-repair"]["depends_on"]["answer-within-4-hours"] == \
        data["items"]["answer-within-4-hours"]["fingerprint"]
    text = (new_project / LOCK).read_text(encoding="utf-8")
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert not list(new_project.glob(".review.lock.json.*"))  # no temporary file left behind

    code, out, _ = review(new_project, capsys=capsys)
    assert code == 0
    assert out.strip().splitlines()[-1] == "nothing needs review, 0 not yet recorded, 0 entries of removed items"


def test_status_lists_suspect_items_by_file_with_what_changed(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    before = lock(new_project)["items"]["answer-within-4-hours"]["fingerprint"]
    change_standard(new_project)
    code, out, err = review(new_project, capsys=capsys)
    assert code == 1, out + err
    lines = out.splitlines()
    procedure_at = position(new_project, PROC, "answer-within-4-hours]")
    training_at = position(new_project, TRAIN, "answer-within-4-hours]")
    assert lines[0].startswith("Needs review (2 items)")
    assert lines[1].startswith(f"{procedure_at}: procedure warranty-repair (last reviewed ")
    assert re.fullmatch(rf"    standard answer-within-4-hours changed {before} → sha256:[0-9a-f]{{16}}"
                        r" \(steps\.reception\[0\]\.standards\[0\]\)", lines[2]), lines[2]
    assert lines[3].startswith(f"{training_at}: training after-sales-basics")
    assert lines[-1] == "2 items need review, 0 not yet recorded, 0 entries of removed items"

    code, out, _ = review(new_project, "--format", "json", capsys=capsys)
    assert code == 1
    status = json.loads(out)
    assert (status["ok"], status["counts"]) == (False, {"suspect": 2, "unrecorded": 0, "orphan": 0})
    (change,) = status["suspect"][0]["changes"]
    assert change["id"] == "answer-within-4-hours" and change["recorded"] == before
    assert f"{status['suspect'][0]['file']}:{change['line']}:{change['column']}" == procedure_at


def test_status_is_stable(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    change_standard(new_project)
    first, second = review(new_project, capsys=capsys), review(new_project, capsys=capsys)
    assert first == second


# --------------------------------------------------------------------------- recording


def test_recording_one_item_clears_it_and_leaves_the_others_alone(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    # another reviewer's older entry: it must stay exactly as it is
    data = lock(new_project)
    data["items"]["after-sales-basics"]["reviewed"] = "2025-01-02"
    (new_project / LOCK).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    change_standard(new_project)
    code, out, err = review(new_project, "warranty-repair", capsys=capsys)
    assert code == 0, err
    assert out.startswith("recorded procedure warranty-repair sha256:")
    assert "    standard answer-within-4-hours: sha256:" in out
    after = lock(new_project)
    assert after["items"]["after-sales-basics"] == data["items"]["after-sales-basics"]
    changed = {item_id for item_id in after["items"] if after["items"][item_id] != data["items"][item_id]}
    assert changed == {"warranty-repair"}
    code, out, _ = review(new_project, capsys=capsys)
    assert code == 1 and "warranty-repair" not in out and "after-sales-basics" in out
    assert review(new_project, "after-sales-basics", capsys=capsys)[0] == 0
    assert review(new_project, capsys=capsys)[0] == 0


def test_a_newly_cited_item_is_suspect_and_a_removed_citation_is_not(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    edit(new_project, TRAIN, "standards: [answer-within-4-hours]", "standards: []")
    assert review(new_project, capsys=capsys)[0] == 0  # a citation removed: no concern
    edit(new_project, TRAIN, "procedures: [warranty-repair]", "procedures: []")
    review(new_project, "after-sales-basics", capsys=capsys)
    edit(new_project, TRAIN, "procedures: []", "procedures: [warranty-repair]")
    code, out, _ = review(new_project, capsys=capsys)
    assert code == 1
    assert "procedure warranty-repair newly cited, now sha256:" in out
    main(["check", "--project", str(new_project)])
    assert "now cites procedure 'warranty-repair', which was not part of this training module's last review" \
        in capsys.readouterr().out


def test_unknown_ids_are_a_usage_error_and_leave_the_lock_alone(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    before = (new_project / LOCK).read_bytes()
    change_standard(new_project)
    code, _, err = review(new_project, "warranty-repair", "warranty-repar", "no-such-thing", capsys=capsys)
    assert code == 2
    assert "'warranty-repar' (did you mean 'warranty-repair'?)" in err and "'no-such-thing'" in err
    assert "left unchanged" in err
    assert (new_project / LOCK).read_bytes() == before


def test_recording_is_refused_while_the_knowledge_base_has_errors(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    before = (new_project / LOCK).read_bytes()
    edit(new_project, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]")
    for args in (["warranty-repair"], ["--all"], ["--prune"]):
        code, _, err = review(new_project, *args, capsys=capsys)
        assert code == 1, args
        assert "ref.unknown-form" in err and "review refused: 1 error" in err
        assert (new_project / LOCK).read_bytes() == before


def test_refused_without_a_lock_file_writes_none(new_project: Path, capsys) -> None:
    edit(new_project, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]")
    assert review(new_project, "--all", capsys=capsys)[0] == 1
    assert not (new_project / LOCK).exists()


def test_ids_and_all_together_are_a_usage_error(new_project: Path, capsys) -> None:
    code, _, err = review(new_project, "--all", "warranty-repair", capsys=capsys)
    assert code == 2 and "not both" in err


def test_recording_one_item_starts_change_review(new_project: Path, capsys) -> None:
    code, out, _ = review(new_project, "warranty-repair", capsys=capsys)
    assert code == 0
    assert "new file" in out and "7 items not yet recorded" in out
    assert sorted(lock(new_project)["items"]) == ["warranty-repair"]
    code, out, _ = review(new_project, capsys=capsys)
    assert code == 0  # not yet recorded is no reason to fail
    assert "Not yet recorded (7 items)" in out


def test_prune_drops_entries_of_removed_items(new_project: Path, capsys) -> None:
    spare = new_project / "content/forms/spare-form.yml"
    spare.write_text((new_project / FORM).read_text(encoding="utf-8").replace(
        "id: repair-call-log", "id: spare-form"), encoding="utf-8")
    review(new_project, "--all", capsys=capsys)
    spare.unlink()
    code, out, _ = review(new_project, capsys=capsys)
    assert code == 0
    assert re.search(r"review\.lock\.json:\d+:5: spare-form \(last reviewed ", out)
    assert "1 entry of removed items" in out
    main(["check", "--project", str(new_project)])
    assert "info change.orphan" in capsys.readouterr().out
    code, out, _ = review(new_project, "--prune", capsys=capsys)
    assert code == 0
    assert "pruned spare-form" in out and "0 items recorded, 1 entry pruned" in out
    assert "spare-form" not in lock(new_project)["items"]
    assert sorted(lock(new_project)["items"]) == ALL_IDS


def test_prune_without_a_lock_file_creates_none(new_project: Path, capsys) -> None:
    code, out, _ = review(new_project, "--prune", capsys=capsys)
    assert code == 0 and "nothing to prune" in out
    assert not (new_project / LOCK).exists()


def test_an_item_whose_errors_are_switched_off_cannot_be_recorded(new_project: Path, capsys) -> None:
    edit(new_project, FORM, "kind: log", "kind: register")
    edit(new_project, "site_config.yml", "# rules:", "rules:\n  schema.invalid-value: off\n# rules:")
    code, _, err = review(new_project, "repair-call-log", capsys=capsys)
    assert code == 1 and "repair-call-log did not load" in err
    assert not (new_project / LOCK).exists()


def test_an_item_that_failed_to_load_is_not_an_orphan(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    edit(new_project, FORM, "kind: log", "kind: register")
    code, out, err = review(new_project, capsys=capsys)
    assert code == 1  # the knowledge base has an error
    assert "0 entries of removed items" in out and "1 error" in err


def test_unreadable_lock_file_fails_status_and_recording(new_project: Path, capsys) -> None:
    review(new_project, "--all", capsys=capsys)
    path = new_project / LOCK
    broken = path.read_text(encoding="utf-8").replace('"format_version": 1,', '"format_version": 1,,')
    path.write_text(broken, encoding="utf-8")
    code, _, err = review(new_project, capsys=capsys)
    assert code == 1
    assert re.search(r"review\.lock\.json:3:\d+: error change\.lock-invalid: the file is not valid JSON", err)
    code, _, err = review(new_project, "warranty-repair", capsys=capsys)
    assert code == 1 and "review refused" in err
    assert path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("args", [[], ["--all"], ["warranty-repair"]])
def test_json_output_is_valid(new_project: Path, capsys, args: list[str]) -> None:
    review(new_project, "--all", capsys=capsys)
    change_standard(new_project)
    _, out, _ = review(new_project, "--format", "json", *args, capsys=capsys)
    document = json.loads(out)
    assert document["lock"] == LOCK


def test_real_command_line_never_shows_a_traceback(new_project: Path, cli) -> None:
    assert cli("review", "--all", "--project", new_project).code == 0
    change_standard(new_project)
    run = cli("review", "--project", new_project)
    assert run.code == 1 and "Needs review (2 items)" in run.out
    (new_project / LOCK).write_bytes(b"\xff\xfe\x00garbage")
    for args in ([], ["warranty-repair"], ["--prune"]):
        run = cli("review", "--project", new_project, *args)
        assert run.code == 1, run
        assert "Traceback" not in run.out + run.err
    (new_project / LOCK).write_text('{"format": "aftersales-review-lock", "format_version": 1,'
                                    ' "items": {"\\ud800\\u001b[31m": 1}}', encoding="utf-8")
    run = cli("review", "--project", new_project)
    assert run.code == 1 and "\\ud800\\x1b[31m" in run.err and "Traceback" not in run.err
    run = cli("review", "--project", new_project / "nowhere")
    assert run.code == 2 and "site_config.yml" in run.err and "Traceback" not in run.err
