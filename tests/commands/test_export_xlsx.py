"""``aftersales export --format xlsx``: the workbook read back with openpyxl.

Auditors open it in Excel: every sheet must have its header frozen and an autofilter, dates
must be dates, ids text, and no content text may run as a formula.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, edit

from generator.cli import main
from generator.load.sheets import MODELS_SHEET, SHEETS

EXPECTED_SHEETS = [*(sheet.name for sheet in SHEETS.values()), MODELS_SHEET.name, "standards-register", "coverage",
                   "documents", "warranty-table", "compliance"]
PRODUCT = "content/products/washing-machines.yml"


def rows_by_id(sheet, key: str = "id") -> dict[str, dict]:
    """Each data row as {header: value}, by its key column."""
    header = [cell.value for cell in sheet[1]]
    rows = {}
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip(header, values, strict=False))
        rows[row[key]] = row
    return rows


def cell_of(sheet, key: str, column: str, key_column: str = "id"):
    """The cell of ``column`` in the row whose key column is ``key``."""
    header = [cell.value for cell in sheet[1]]
    index = header.index(column)
    for row in sheet.iter_rows(min_row=2):
        if row[header.index(key_column)].value == key:
            return row[index]
    raise AssertionError(f"no row {key} in {sheet.title}")


@pytest.fixture(scope="module")
def example_workbook(tmp_path_factory) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("xlsx") / "example.xlsx"
    assert main(["export", "--project", str(REPO), "--format", "xlsx", "--lang", "en", "--output", str(out)]) == 0
    return openpyxl.load_workbook(out)


def test_every_sheet_with_its_headers(example_workbook) -> None:
    assert example_workbook.sheetnames == EXPECTED_SHEETS
    for sheet in SHEETS.values():
        assert [cell.value for cell in example_workbook[sheet.name][1]] == [column.name for column in sheet.columns]
    assert [cell.value for cell in example_workbook["product-models"][1]] == ["product", "code", "name", "since"]
    for name in EXPECTED_SHEETS:
        sheet = example_workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}", name
        assert sheet[1][0].font.bold, name
        assert sheet.column_dimensions["A"].width >= 7, name


def test_a_known_cell_per_sheet(example_workbook) -> None:
    wb = example_workbook
    assert rows_by_id(wb["roles"])["tele-operator"]["title"] == "Telephone operator"
    assert rows_by_id(wb["roles"])["tele-operator"]["department"] == "after-sales"
    assert rows_by_id(wb["standards"])["answer-within-4-hours"]["target.value"] == 4
    assert rows_by_id(wb["standards"])["answer-within-4-hours"]["owner"] == "tele-operator"
    assert rows_by_id(wb["products"])["washing-machines"]["title"] == "Washing machines"
    assert rows_by_id(wb["procedures"])["warranty-repair"]["category"] == "C"
    assert rows_by_id(wb["warranty"])["legal-guarantee"]["covered"] is True
    assert rows_by_id(wb["guides"])["washing-machine-does-not-drain"]["difficulty"] in ("easy", "medium", "hard")
    assert rows_by_id(wb["training"])["after-sales-basics"]["duration_minutes"] > 0
    assert rows_by_id(wb["forms"])["repair-call-log"]["kind"] in ("form", "checklist", "log")
    assert rows_by_id(wb["product-models"], "code")["RV-8140"]["product"] == "washing-machines"
    register = rows_by_id(wb["standards-register"])
    assert register["answer-within-4-hours"]["Standard"] == "Questions answered within 4 hours"
    coverage = rows_by_id(wb["coverage"], "procedure")
    assert coverage["warranty-repair"]["complete"] is True
    assert rows_by_id(wb["documents"])["tele-operator"]["owner"] == "customer-service-technician"
    table = list(wb["warranty-table"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in table] == list(range(1, len(table) + 1))  # evaluation order
    assert len(table) == wb["warranty"].max_row - 1  # one row per rule
    compliance = rows_by_id(wb["compliance"], "standard")
    assert all(0 <= row["compliance"] <= 1 for row in compliance.values())


def test_dates_are_dates_and_ids_are_text(example_workbook) -> None:
    approved = cell_of(example_workbook["roles"], "tele-operator", "document.approved")
    assert isinstance(approved.value, dt.datetime) and approved.value.date() == dt.date(2026, 12, 6)
    assert approved.number_format == "yyyy-mm-dd"
    ident = cell_of(example_workbook["roles"], "tele-operator", "id")
    assert ident.data_type == "s" and ident.number_format == "@"
    version = cell_of(example_workbook["roles"], "tele-operator", "document.version")
    assert version.value == "1.1" and version.data_type == "s"  # not the number 1.1


def test_waived_and_overdue_cells_are_marked(example_workbook) -> None:
    coverage = example_workbook["coverage"]
    waived = [cell for row in coverage.iter_rows(min_row=2) for cell in row
              if isinstance(cell.value, str) and cell.value.startswith("waived until")]
    assert waived, "the example's waiver in force is marked"
    assert all(cell.fill.fgColor.rgb.endswith("E4DFEC") for cell in waived)


def test_overdue_document_is_filled_and_text_is_guarded(new_project: Path, tmp_path: Path) -> None:
    edit(new_project, PRODUCT, '"Rentadores"', '"=HYPERLINK(\\"http://evil.example\\")"')
    edit(new_project, PRODUCT, "  - code: WM-7000", '  - code: "007"')
    text = (new_project / PRODUCT).read_text(encoding="utf-8")
    approved = dt.date.today() - dt.timedelta(days=400)
    lines = [f"  approved: {approved.isoformat()}" if line.startswith("  approved:")
             else f"  next_review: {(approved + dt.timedelta(days=30)).isoformat()}" if line.startswith("  next_review:")
             else line for line in text.splitlines()]
    (new_project / PRODUCT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "kb.xlsx"
    assert main(["export", "--project", str(new_project), "--format", "xlsx", "--output", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    title = cell_of(wb["products"], "washing-machines", "title")
    assert title.value == "'=HYPERLINK(\"http://evil.example\")"
    assert title.data_type == "s"
    code = cell_of(wb["product-models"], "washing-machines", "code", key_column="product")
    assert code.value == "007" and code.data_type == "s"
    status = cell_of(wb["documents"], "washing-machines", "status")
    assert status.fill.fgColor.rgb.endswith("FFC7CE")
    assert "compliance" not in wb.sheetnames  # no measurements configured
    # Read back, the guard comes off: importing the sheet changes nothing.
    assert main(["import", str(out), "--type", "product", "--project", str(new_project)]) == 0


def test_refused_on_check_errors_and_bad_language(new_project: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "kb.xlsx"
    assert main(["export", "--project", str(new_project), "--format", "xlsx", "--lang", "xx", "--output", str(out)]) == 2
    assert "--lang xx" in capsys.readouterr().err
    edit(new_project, "content/procedures/warranty-repair.yml", "role: head-of-after-sales", "role: nobody")
    assert main(["export", "--project", str(new_project), "--format", "xlsx", "--output", str(out)]) == 1
    assert "export refused" in capsys.readouterr().err
    assert not out.exists()


def test_binary_goes_to_a_redirected_stdout_reproducibly(new_project: Path) -> None:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "generator", "export", "--project", str(new_project),
                               "--format", "xlsx", "--lang", "es"], capture_output=True, cwd=REPO, env=environ,
                              timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout[:2] == b"PK"  # a zip: the workbook itself, not a message
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]  # SOURCE_DATE_EPOCH: byte-identical, like the JSON export
    path = new_project / "out.xlsx"
    path.write_bytes(proc.stdout)
    assert cell_of(openpyxl.load_workbook(path)["products"], "washing-machines", "title").value == "Lavadoras"
