"""``aftersales report``: the summary per standard, its exit codes and its JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.cli import main

DRIFTING = "complaint-answer-24-hours"


def _months(standard: str, counts: list[tuple[int, int]], separator: str = ",") -> list[str]:
    return [separator.join([standard, f"2026-{month:02d}", "", "", str(n), str(not_met)])
            for month, (n, not_met) in enumerate(counts, start=1)]


def write_csv(path: Path, rows: list[str], header: str = "standard,date,met,value,cases,not_met",
              prefix: str = "") -> Path:
    path.write_text(prefix + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_example_flags_the_drifting_standard(capsys) -> None:
    assert main(["report", "--project", str(REPO)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    first = next(line for line in lines if line.startswith(("OUT OF CONTROL", "below goal", "in control")))
    assert first.startswith("OUT OF CONTROL") and DRIFTING in first  # flagged rows first
    assert "above the upper control limit" in out
    # Deliveries promise every date kept (goal 100 %) and miss a few each month: below goal.
    assert sum(line.startswith("in control") for line in lines) == 3
    assert sum(line.startswith("below goal") and "delivery-on-agreed-date" in line for line in lines) == 1
    assert lines[-1] == "FLAGGED: 1 out of control, 1 below goal, 3 in control"


def test_json_shape(capsys) -> None:
    assert main(["report", "--project", str(REPO), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert {"format", "format_version", "generator", "ok", "data", "rows", "counts", "standards", "without_data",
            "diagnostics"} <= set(document)
    assert document["format"] == "aftersales-compliance-report" and document["ok"] is False
    assert document["data"] == "data/measurements.csv"
    assert document["counts"] == {"standards": 5, "in_control": 3, "out_of_control": 1, "below_goal": 1}
    first = document["standards"][0]
    assert first["id"] == DRIFTING and first["status"] == "out_of_control"
    assert {"id", "title", "status", "frequency", "grouped_by", "goal", "cases", "not_met", "compliance",
            "centre_line", "latest", "below_goal", "out_of_control", "periods", "values"} <= set(first)
    assert [entry["period"] for entry in first["out_of_control"]] == ["2026-10", "2026-11"]
    assert all(entry["rules"] == ["above_ucl"] for entry in first["out_of_control"])
    period = first["periods"][-1]
    assert set(period) == {"period", "start", "cases", "not_met", "p", "compliance", "lcl", "ucl", "rules"}
    assert period["p"] > period["ucl"]
    weekly = next(s for s in document["standards"] if s["id"] == "technician-visit-2-days")
    assert weekly["frequency"] == "weekly" and len(weekly["periods"]) == 52 and weekly["goal"] == 0.9
    assert weekly["values"] > 0
    assert "hotline-24-hours" in document["without_data"]


def test_exit_0_when_everything_is_in_control_and_at_goal(tmp_path: Path, capsys) -> None:
    data = write_csv(tmp_path / "ok.csv", _months("answer-within-4-hours", [(200, 4), (210, 5), (190, 3)] * 4))
    assert main(["report", "--project", str(REPO), "--data", str(data)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "OK: 0 out of control, 0 below goal, 1 in control"
    assert main(["report", "--project", str(REPO), "--data", str(data), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_exit_1_below_goal_without_a_special_cause(tmp_path: Path, capsys) -> None:
    data = write_csv(tmp_path / "low.csv", _months("answer-within-4-hours", [(200, 20)] * 12))
    assert main(["report", "--project", str(REPO), "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "FLAGGED: 0 out of control, 1 below goal, 0 in control"
    assert "below the goal of 95.0 %: overall, latest period 2026-12" in out


def test_a_semicolon_file_with_a_bom_from_spanish_excel(tmp_path: Path, capsys) -> None:
    rows = ["answer-within-4-hours;2026-03-02;sí;", "answer-within-4-hours;2026-03-03;;2,5"]
    data = write_csv(tmp_path / "es.csv", rows, header="standard;date;met;value", prefix="\ufeff")
    assert main(["report", "--project", str(REPO), "--data", str(data), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["rows"] == 2 and document["standards"][0]["cases"] == 2


BAD = [
    "answer-within-4-hour,2026-03-02,yes,,,",
    "answer-within-4-hours,2026-02-30,yes,,,",
    "answer-within-4-hours,2999-03-02,yes,,,",
    "answer-within-4-hours,2026-03-02,,3 h,,",
    "answer-within-4-hours,2026-03-02,maybe,,,",
    "answer-within-4-hours,2026-03,,,10,12",
    "answer-within-4-hours,2026-03-02,yes,,,,extra",
]


def test_bad_data_lists_every_bad_row_and_exits_2(tmp_path: Path, cli) -> None:
    data = write_csv(tmp_path / "bad.csv", ["answer-within-4-hours,2026-03-02,yes,,,", *BAD])
    run = cli("report", "--project", REPO, "--data", data)
    assert run.code == 2, run
    assert "Traceback" not in run.out + run.err
    found = re.findall(r"^(.+bad\.csv):(\d+):(\d+): error (data\.[a-z-]+): ", run.err, re.M)
    assert [(int(line), code) for _, line, _, code in found] == [
        (3, "data.unknown-standard"), (4, "data.bad-date"), (5, "data.future-date"), (6, "data.bad-number"),
        (7, "data.bad-met"), (8, "data.bad-counts"), (9, "data.bad-row")]
    assert [int(column) for _, _, column, _ in found] == [1, 23, 23, 35, 34, 36, 41]
    assert "report refused: 7 problem(s)" in run.err


def test_bad_data_in_json_is_a_document_too(tmp_path: Path, capsys) -> None:
    data = write_csv(tmp_path / "bad.csv", BAD[:2])
    assert main(["report", "--project", str(REPO), "--data", str(data), "--format", "json"]) == 2
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] is False
    assert [d["code"] for d in document["diagnostics"]] == ["data.unknown-standard", "data.bad-date"]
    assert all(d["file"].endswith("bad.csv") and d["line"] > 1 and d["column"] >= 1 for d in document["diagnostics"])


@pytest.mark.parametrize("content", [b"", b"standard,date,met\n", "standard,date,met\nanswer-within-4-hours,"
                                     "2026-03-02,s\xed\n".encode("latin-1")])
def test_unusable_files_exit_2_without_a_traceback(tmp_path: Path, cli, content: bytes) -> None:
    data = tmp_path / "m.csv"
    data.write_bytes(content)
    run = cli("report", "--project", REPO, "--data", data)
    assert run.code == 2 and "Traceback" not in run.err and re.search(r"m\.csv:\d+:\d+: error data\.", run.err)


def test_usage_errors(tmp_path: Path, new_project: Path, capsys) -> None:
    assert main(["report", "--project", str(REPO), "--data", str(tmp_path / "none.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["report", "--project", str(new_project)]) == 2  # no --data and no compliance.data
    assert "give --data FILE.csv" in capsys.readouterr().err


def test_help_says_how_it_reaches_the_staff_portal(cli) -> None:
    run = cli("report", "--help")
    assert run.code == 0
    text = " ".join(run.out.split())
    assert "--out SITE" in text and "staff portals" in text and "compliance.data" in text and "Exit codes" in text
