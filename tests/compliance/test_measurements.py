"""Reading the measurements CSV: what Excel writes is accepted, every bad cell is placed exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics.diagnostic import MAX_MESSAGE
from generator.load.measurements import _Fault, _records, read_measurements, target_met
from generator.load.project import load_project
from generator.validate import run_checks

TODAY = dt.date(2026, 12, 4)


class _Std:
    """Just what the reader uses of a standard: its target and its measurement frequency."""

    def __init__(self, value: float = 4, limit: str = "at_most", unit: str = "hours", frequency: str = "monthly"):
        self.target = type("T", (), {"value": value, "limit": limit, "unit": unit})()
        self.measurement = type("M", (), {"frequency": frequency})()


STANDARDS = {
    "answer-within-4-hours": _Std(),
    "technician-visit-2-days": _Std(2, "at_most", "working_days", "weekly"),
    "hotline-24-hours": _Std(24, "at_least", "hours_per_day"),
    "spare-parts": _Std(10, "exactly", "years", "yearly"),
}


def read(tmp_path: Path, content: str | bytes, name: str = "m.csv"):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return read_measurements(path, name, STANDARDS, TODAY)


def where(found) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in found.diagnostics]


def test_cases_and_period_counts(tmp_path: Path) -> None:
    found = read(tmp_path, "standard,date,met,value,cases,not_met\n"
                           "answer-within-4-hours,2026-03-02,yes,,,\n"
                           "answer-within-4-hours,2026-03-02,no,,,\n"
                           "answer-within-4-hours,2026-03-03,,4,,\n"
                           "answer-within-4-hours,2026-03-03,,4.01,,\n"
                           "\n"
                           "answer-within-4-hours,2026-04,,,120,3\n")
    assert found.diagnostics == []
    assert found.lines == 5
    assert [(r.cases, r.not_met, r.value, r.line) for r in found.rows] == [
        (1, 0, None, 2), (1, 1, None, 3), (1, 0, 4.0, 4), (1, 1, 4.01, 5), (120, 3, None, 7)]
    assert found.rows[-1].day == dt.date(2026, 4, 1)


def test_semicolons_bom_decimal_commas_and_spanish_yes(tmp_path: Path) -> None:
    found = read(tmp_path, "\ufeffStandard;Date;Met;Value\r\n"
                           "answer-within-4-hours;2026-03-02;Sí;\r\n"
                           "answer-within-4-hours;2026-03-02;si;\r\n"
                           "answer-within-4-hours;2026-03-02;;3,5\r\n"
                           "answer-within-4-hours;2026-03-02;;4,5\r\n"
                           "answer-within-4-hours;2026-03-32;yes;\r\n")
    assert [(r.not_met, r.value) for r in found.rows] == [(0, None), (0, None), (0, 3.5), (1, 4.5)]
    # the BOM is not a column; the bad date is the 2nd cell of line 6
    assert where(found) == [("data.bad-date", 6, 23)]


def test_quoted_cells_may_hold_the_separator_and_line_breaks(tmp_path: Path) -> None:
    found = read(tmp_path, 'standard,date,met,notes\n'
                           'answer-within-4-hours,2026-03-02,yes,"late, but ""fine"""\n'
                           'answer-within-4-hours,2026-03-02,yes,"two\nlines"\n'
                           '"answer-within-4-hours","2026-03-02", maybe ,x\n')
    assert len(found.rows) == 2
    assert where(found) == [("data.bad-met", 5, 39)]


@pytest.mark.parametrize(("standard", "value", "met"), [
    ("answer-within-4-hours", 4.0, True), ("answer-within-4-hours", 4.0000001, False),
    ("hotline-24-hours", 24, True), ("hotline-24-hours", 23.5, False),
    ("spare-parts", 10, True), ("spare-parts", 11, False),
])
def test_a_value_is_judged_against_the_target(standard, value, met) -> None:
    assert target_met(STANDARDS[standard], value) is met


BAD_ROWS = [
    # (row with » where the diagnostic must point, code, a word of the message)
    ("»answer-within-4-hour,2026-03-02,yes,,,", "data.unknown-standard", "did you mean 'answer-within-4-hours'"),
    ("»,2026-03-02,yes,,,", "data.bad-row", "standard is missing"),
    ("answer-within-4-hours,»2026-02-29,yes,,,", "data.bad-date", "not a real date"),
    ("answer-within-4-hours,»02/03/2026,yes,,,", "data.bad-date", "not a real date"),
    ("answer-within-4-hours,»2026-03,yes,,,", "data.bad-date", "needs the day"),
    ("technician-visit-2-days,»2026-03,,,10,1", "data.bad-date", "measured weekly"),
    ("answer-within-4-hours,»2026-12-05,yes,,,", "data.future-date", "in the future"),
    ("answer-within-4-hours,2026-03-02,,»3 h,,", "data.bad-number", "not a number"),
    ("answer-within-4-hours,2026-03-02,,»-1,,", "data.bad-number", "negative"),
    ("answer-within-4-hours,2026-03-02,,»nan,,", "data.bad-number", "not a number"),
    ("answer-within-4-hours,2026-03,,,»12.5,1", "data.bad-number", "whole number"),
    ("answer-within-4-hours,2026-03-02,»maybe,,,", "data.bad-met", "yes or no"),
    ("answer-within-4-hours,2026-03-02,»yes,6,,", "data.bad-met", "does not meet the target"),
    ("answer-within-4-hours,2026-03,,,10,»11", "data.bad-counts", "more than cases"),
    ("answer-within-4-hours,2026-03,,,10,»", "data.bad-number", "not_met is empty"),
    ("answer-within-4-hours,2026-03,,,10»", "data.bad-number", "not_met is empty"),  # a short row
    ("answer-within-4-hours,2026-03-02,»,,,", "data.bad-row", "no measurement"),
    ("answer-within-4-hours,2026-03-02,yes,,»10,1", "data.bad-row", "not both"),
    ("answer-within-4-hours,2026-03-02,yes,,,,»extra", "data.bad-row", "7 cells"),
]


@pytest.mark.parametrize(("marked", "code", "message"), BAD_ROWS, ids=[f"{case[1]}-{i}" for i, case in enumerate(BAD_ROWS)])
def test_each_bad_row_is_placed_at_its_bad_cell(tmp_path: Path, marked: str, code: str, message: str) -> None:
    row = marked.replace("»", "")
    found = read(tmp_path, "standard,date,met,value,cases,not_met\nanswer-within-4-hours,2026-03-02,yes,,,\n" + row + "\n")
    (diagnostic,) = found.diagnostics
    assert (diagnostic.code, diagnostic.file, diagnostic.line) == (code, "m.csv", 3)
    assert diagnostic.column == marked.index("»") + 1
    assert message in diagnostic.message
    assert len(found.rows) == 1  # the good row is kept, the bad one left out


def test_every_bad_row_of_a_file_is_reported_in_one_read(tmp_path: Path) -> None:
    rows = "\n".join(row.replace("»", "") for row, *_ in BAD_ROWS)
    found = read(tmp_path, "standard,date,met,value,cases,not_met\n" + rows + "\n")
    assert [d.line for d in found.diagnostics] == list(range(2, 2 + len(BAD_ROWS)))
    assert found.rows == []


def test_not_utf8_is_placed_at_the_bad_byte(tmp_path: Path) -> None:
    text = "standard,date,met\nanswer-within-4-hours,2026-03-02,yes\nanswer-within-4-hours,2026-03-03,sí\n"
    found = read(tmp_path, text.encode("cp1252"))
    assert where(found) == [("data.encoding", 3, 35)]
    assert "CSV UTF-8" in found.diagnostics[0].message
    assert found.rows == []


def test_utf16_from_excel_is_refused_at_the_start(tmp_path: Path) -> None:
    found = read(tmp_path, "standard,date,met\n".encode("utf-16"))
    assert where(found) == [("data.encoding", 1, 1)]


@pytest.mark.parametrize(("content", "message"), [
    ("", "the file is empty"), ("\n\n  \n", "the file is empty"),
    ("standard,date,met\n", "no measurements"), ("\ufeffstandard;date;met\r\n\r\n", "no measurements"),
])
def test_empty_files(tmp_path: Path, content: str, message: str) -> None:
    found = read(tmp_path, content)
    assert [d.code for d in found.diagnostics] == ["data.empty"]
    assert message in found.diagnostics[0].message


@pytest.mark.parametrize(("header", "message", "column"), [
    ("standard,met", "no 'date' column", 1),
    ("date,met", "no 'standard' column", 1),
    ("standard,date", "the header needs 'met'", 1),
    ("standard,date,vaule", "is 'vaule' meant to be 'value'?", 15),
    ("standard,date,cases", "no 'not_met' column", 1),
    ("standard,date,met,Met", "named twice", 19),
])
def test_bad_headers(tmp_path: Path, header: str, message: str, column: int) -> None:
    found = read(tmp_path, header + "\nanswer-within-4-hours,2026-03-02,yes\n")
    assert [d.code for d in found.diagnostics] == ["data.bad-header"]
    assert message in found.diagnostics[0].message
    assert (found.diagnostics[0].line, found.diagnostics[0].column) == (1, column)
    assert found.rows == []


def test_header_names_are_forgiving(tmp_path: Path) -> None:
    found = read(tmp_path, " Standard ,DATE,Not Met,cases,notes\nanswer-within-4-hours,2026-03,2,40,ok\n")
    assert found.diagnostics == []
    assert (found.rows[0].cases, found.rows[0].not_met) == (40, 2)


def test_a_file_over_50_mib_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse
    found = read_measurements(path, "m.csv", STANDARDS, TODAY)
    assert where(found) == [("data.too-large", 1, 1)]


def test_rows_of_a_standard_whose_file_failed_are_left_out_quietly(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("standard,date,met\nbroken-standard,2026-03-02,yes\n", encoding="utf-8")
    found = read_measurements(path, "m.csv", STANDARDS, TODAY, also_known={"broken-standard"})
    assert found.diagnostics == [] and found.rows == []


# --------------------------------------------------------------------------- in a project


def _with_compliance(root: Path, block: str, csv: str | None = None) -> None:
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + block, encoding="utf-8")
    if csv is not None:
        (root / "data").mkdir(exist_ok=True)
        (root / "data/m.csv").write_text(csv, encoding="utf-8")


GOOD = "standard,date,met\nanswer-within-4-hours,2025-03-03,yes\n"


def test_the_project_loads_its_measurements(new_project: Path) -> None:
    _with_compliance(new_project, "compliance:\n  data: data/m.csv\n", GOOD)
    project = load_project(new_project)
    assert run_checks(project) == []
    assert project.kb.compliance.file == "data/m.csv"
    assert len(project.kb.compliance.rows) == 1


def test_without_the_block_there_is_no_data(new_project: Path) -> None:
    assert load_project(new_project).kb.compliance is None


@pytest.mark.parametrize(("path", "message"), [
    ("../m.csv", "climb out of the project"), ("/etc/passwd", "relative to the project folder"),
    ("data/none.csv", "there is no file data/none.csv"),
])
def test_a_data_path_outside_the_project_or_missing(new_project: Path, path: str, message: str) -> None:
    _with_compliance(new_project, f"compliance:\n  data: {path}\n", GOOD)
    (diagnostic,) = run_checks(load_project(new_project))
    assert (diagnostic.code, diagnostic.file) == ("data.unreadable", "site_config.yml")
    assert message in diagnostic.message
    lines = (new_project / "site_config.yml").read_text(encoding="utf-8").splitlines()
    assert lines[diagnostic.line - 1].strip() == f"data: {path}"


def test_a_link_out_of_the_project_is_refused(new_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(GOOD, encoding="utf-8")
    (new_project / "data").mkdir()
    (new_project / "data/m.csv").symlink_to(outside)
    _with_compliance(new_project, "compliance:\n  data: data/m.csv\n")
    (diagnostic,) = run_checks(load_project(new_project))
    assert diagnostic.code == "data.unreadable" and "outside the project" in diagnostic.message


def test_a_goal_for_an_unknown_standard(new_project: Path) -> None:
    _with_compliance(new_project, "compliance:\n  goals:\n    answer-within-4-hour: 0.9\n")
    (diagnostic,) = run_checks(load_project(new_project))
    assert (diagnostic.code, diagnostic.file) == ("data.unknown-standard", "site_config.yml")
    assert "did you mean 'answer-within-4-hours'" in diagnostic.message
    lines = (new_project / "site_config.yml").read_text(encoding="utf-8").splitlines()
    assert lines[diagnostic.line - 1].strip().startswith("answer-within-4-hour:")


def test_a_rule_setting_can_lower_a_data_code(new_project: Path) -> None:
    _with_compliance(new_project, "compliance:\n  data: data/m.csv\nrules:\n  data.future-date: warning\n",
                     GOOD + "answer-within-4-hours,2999-01-01,yes\n")
    (diagnostic,) = run_checks(load_project(new_project))
    assert (diagnostic.code, diagnostic.severity) == ("data.future-date", "warning")


# --------------------------------------------------------------------------- read by Python's csv

HEADER = "standard,date,met\n"
ROW = "answer-within-4-hours,2026-03-02,yes\n"


def test_an_unclosed_quote_is_one_error_at_the_quote_and_the_rows_below_are_read(tmp_path: Path) -> None:
    found = read(tmp_path, HEADER + ROW + 'answer-within-4-hours,"2026-03-02,yes\n' + ROW * 7431)
    assert where(found) == [("data.bad-row", 3, 23)]
    (diagnostic,) = found.diagnostics
    assert "never closed" in diagnostic.message and len(diagnostic.message) < MAX_MESSAGE
    assert len(found.rows) == 7432 and found.lines == 7433  # nothing swallowed


def test_text_after_a_closing_quote_is_placed(tmp_path: Path) -> None:
    found = read(tmp_path, HEADER + 'answer-within-4-hours,"2026-03-02"x,yes\n' + ROW)
    assert where(found) == [("data.bad-row", 2, 35)]
    assert "instead of the separator" in found.diagnostics[0].message
    assert len(found.rows) == 1


def test_a_quoted_cell_spanning_lines_is_placed_where_it_starts(tmp_path: Path) -> None:
    found = read(tmp_path, "standard,notes,date,met\n"
                           'answer-within-4-hours,"one\r\ntwo, ""three""",2026-03-02,maybe\n'
                           "answer-within-4-hours,,2026-03-02,yes\n")
    assert where(found) == [("data.bad-met", 3, 28)]
    assert len(found.rows) == 1


def test_a_huge_cell_gives_a_short_message_in_every_format(new_project: Path, cli) -> None:
    _with_compliance(new_project, "compliance:\n  data: data/m.csv\n",
                     GOOD + "x" * 100_000 + ",2025-03-03,yes\n" + 'answer-within-4-hours,"2025-03-03,yes\n' + ROW * 3000)
    for fmt in ("text", "json", "junit", "github", "sarif"):
        result = cli("check", "--project", new_project, "--format", fmt)
        assert result.code == 1, fmt
        assert "x" * MAX_MESSAGE not in result.out and len(result.out) < 20_000, fmt
    diagnostics = json.loads(cli("check", "--project", new_project, "--format", "json").out)["diagnostics"]
    assert [(d["code"], d["line"]) for d in diagnostics] == [("data.unknown-standard", 3), ("data.bad-row", 4)]
    assert diagnostics[0]["message"].endswith("…") and len(diagnostics[0]["message"]) == MAX_MESSAGE


CSVISH = st.text(alphabet=st.sampled_from(list('ab,;" \n\r\x00é')), max_size=120)


def _python_csv(text: str, delimiter: str) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None


@settings(max_examples=1500, deadline=2000)
@given(CSVISH)
def test_our_reader_and_python_csv_agree_on_what_is_malformed(text: str) -> None:
    records = list(_records(text))
    first = next((line for line in text.replace("\r", "\n").split("\n") if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    expected = _python_csv(text, delimiter)
    faults = [r for r in records if isinstance(r, _Fault)]
    assert (expected is None) == bool(faults), (text, faults)
    for fault in faults:
        assert fault.line >= 1 and fault.column >= 1
    if expected is not None:  # the same rows, none merged (blank lines aside)
        def kept(rows):
            return [row for row in rows if row and not (len(row) == 1 and not row[0].strip())]
        assert kept([[cell.text for cell in r] for r in records]) == kept(expected)
