"""``aftersales import``: catalogue sheets into the items' YAML files.

Export → import changes no file; a bad sheet lists every bad cell and writes nothing; an update
touches only the values that changed (comments, order and quoting kept); a new row becomes a
file that passes check; without --write nothing is written at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO

from generator.cli import main
from generator.load.project import load_project
from generator.validate import run_checks

ROLE = "content/roles/tele-operator.yml"
STANDARD = "content/standards/answer-within-4-hours.yml"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the project (its bytes), to prove nothing was written."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The shipped example knowledge base, copied (content, assets, measurements, settings)."""
    root = tmp_path / "example"
    for name in ("content", "assets", "data"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    return root


def export(root: Path, out: Path, lang: str | None = None) -> Path:
    args = ["export", "--project", str(root), "--format", "xlsx", "--output", str(out)]
    assert main([*args, "--lang", lang] if lang else args) == 0
    return out


def import_(root: Path, file: Path, kind: str, *extra: str) -> int:
    return main(["import", str(file), "--type", kind, "--project", str(root), *extra])


def edit_sheet(source: Path, target: Path, sheet: str, changes: dict[tuple[str, str], object],
               append: list[dict[str, object]] = ()) -> Path:
    """Copy a workbook, setting cells by (row id, column name) and appending rows given as {column: value}."""
    wb = openpyxl.load_workbook(source)
    ws = wb[sheet]
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for (key, column), value in changes.items():
            if row[0].value == key:
                row[header.index(column)].value = value
    for values in append:
        ws.append([values.get(name) for name in header])
    wb.save(target)
    return target



@pytest.mark.parametrize("lang", [None, "es", "en"])
def test_example_round_trip_changes_nothing(example: Path, tmp_path: Path, lang: str | None, capsys) -> None:
    before = snapshot(example)
    book = export(example, tmp_path / "example.xlsx", lang)
    for kind in ("product", "role", "standard", "product-models"):
        extra = ("--lang", lang) if lang else ()
        assert import_(example, book, kind, "--write", *extra) == 0
        assert "no file would change" in capsys.readouterr().out
    assert snapshot(example) == before


def test_fresh_init_round_trip_changes_nothing(new_project: Path, tmp_path: Path, capsys) -> None:
    before = snapshot(new_project)
    book = export(new_project, tmp_path / "kb.xlsx")
    for kind in ("products", "roles", "standards"):
        assert import_(new_project, book, kind, "--write") == 0
        assert "no file would change" in capsys.readouterr().out
    assert snapshot(new_project) == before


def test_bad_rows_are_listed_with_their_cells_and_nothing_is_written(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    ws = wb["roles"]
    header = [cell.value for cell in ws[1]]
    col = {name: openpyxl.utils.get_column_letter(header.index(name) + 1) for name in header}
    rows = {row[0].value: row[0].row for row in ws.iter_rows(min_row=2)}
    ws[f"{col['skills']}1"] = "skils"
    ws[f"{col['document.approved']}{rows['tele-operator']}"] = "2026-13-01"
    ws[f"{col['reports_to']}{rows['counter-clerk']}"] = "head-of-aftersales"
    ws[f"{col['department']}{rows['quality-manager']}"] = None
    ws[f"{col['id']}{rows['sales-representative']}"] = "warehouse-clerk"
    ws.append(["new-role", None, "New role"])
    ws.append(["Bad Id!", None, "Bad"])
    wb.save(book)
    before = snapshot(example)
    assert import_(example, book, "role", "--lang", "en", "--write") == 1
    err = capsys.readouterr().err
    name = str(book)
    expected = [
        (f"{name}:roles!{col['skills']}1: error import.unknown-column: 'skils' is not a column of the roles sheet;"
        " did you mean 'skills'?"),
        f"{name}:roles!{col['document.approved']}{rows['tele-operator']}: error import.bad-date:",
        (f"{name}:roles!{col['reports_to']}{rows['counter-clerk']}: error import.unknown-reference: 'head-of-aftersales'"
        " is not a role of this knowledge base; did you mean 'head-of-after-sales'?"),
        f"{name}:roles!{col['department']}{rows['quality-manager']}: error import.missing-field:",
        f"{name}:roles!A{max(rows['sales-representative'], rows['warehouse-clerk'])}: error import.duplicate-id:",
        f"{name}:roles!{col['education']}{ws.max_row - 1}: error import.missing-field:",
        f"{name}:roles!A{ws.max_row}: error import.bad-value: 'Bad Id!' is not a valid id",
    ]
    for line in expected:
        assert line in err, f"{line!r} not in:\n{err}"
    assert "nothing written" in err and "Traceback" not in err
    assert snapshot(example) == before


def test_csv_problems_name_line_and_column(example: Path, tmp_path: Path, capsys) -> None:
    book = openpyxl.load_workbook(export(example, tmp_path / "example.xlsx"))
    path = tmp_path / "standards.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        for number, values in enumerate(book["standards"].iter_rows(values_only=True), start=1):
            values = [value.date().isoformat() if isinstance(value, dt.datetime) else value for value in values]
            if number == 3:
                values[5] = "four"  # target.value, column 6
            if number == 4:
                values[6] = "hourz"  # target.unit, column 7
            writer.writerow(values)
    before = snapshot(example)
    assert import_(example, path, "standard") == 1
    err = capsys.readouterr().err
    assert f"{path}:3:6: error import.bad-value: 'four' is not a number" in err
    assert f"{path}:4:7: error import.bad-value:" in err and "target.unit" in err
    assert snapshot(example) == before


def test_update_keeps_comments_order_and_quoting(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx", "en")
    edited = edit_sheet(book, tmp_path / "edited.xlsx", "standards", {
        ("answer-within-4-hours", "owner"): "counter-clerk",
        ("answer-within-4-hours", "document.next_review"): dt.date(2028, 1, 31),
    })
    old = (example / STANDARD).read_text(encoding="utf-8")
    assert import_(example, edited, "standard", "--lang", "en", "--write") == 0
    new = (example / STANDARD).read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-  next_review: 2027-10-01", "+  next_review: 2028-01-31",
        "-owner: tele-operator  # the operators who take the calls answer for it",
        "+owner: counter-clerk  # the operators who take the calls answer for it",
    ]
    assert '  version: "1.0"' in new  # quoting kept
    capsys.readouterr()
    assert import_(example, edited, "standard", "--lang", "en") == 0  # imported once: nothing left to change
    assert "no file would change" in capsys.readouterr().out


def test_translation_changes_only_its_language(example: Path, tmp_path: Path) -> None:
    book = export(example, tmp_path / "example.xlsx", "es")
    edited = edit_sheet(book, tmp_path / "edited.xlsx", "roles", {("tele-operator", "title"): "Operador telefónico"})
    old = (example / ROLE).read_text(encoding="utf-8")
    assert import_(example, edited, "role", "--lang", "es", "--write") == 0
    new = (example / ROLE).read_text(encoding="utf-8")
    assert new == old.replace("  es: Teleoperador/a\n", "  es: Operador telefónico\n", 1)


def test_new_row_creates_a_file_that_passes_check(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx")
    edited = edit_sheet(book, tmp_path / "edited.xlsx", "roles", {}, append=[{
        "id": "call-centre-lead", "audience": "staff", "title": "Responsable del centre d'atenció",
        "department": "after-sales", "reports_to": "head-of-after-sales", "education": "Cicle formatiu superior",
        "experience": "Dos anys coordinant un equip", "responsibilities": "Planificar els torns\nFormar els operadors",
        "document.owner": "head-of-after-sales", "document.version": "1.0", "document.approved": dt.date(2026, 11, 1),
        "document.next_review": dt.date(2027, 11, 1),
    }])
    assert import_(example, edited, "role", "--write") == 0
    path = example / "content/roles/call-centre-lead.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/role.schema.json\n")  # as `new` writes it
    assert "responsibilities:\n  - Planificar els torns\n  - Formar els operadors\n" in text
    project = load_project(example)
    assert project.kb.get("call-centre-lead").model.reports_to == "head-of-after-sales"
    assert not [d for d in run_checks(project) if d.severity == "error"]


def test_product_models_sheet(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    wb["product-models"].append(["fridges", "FR-9000", "Large fridge", dt.date(2026, 1, 1)])
    wb.save(book)
    assert import_(example, book, "product", "--lang", "en", "--write") == 0
    model = next(m for m in load_project(example).kb.get("fridges").model.models if m.code == "FR-9000")
    assert model.name == {"en": "Large fridge"} and model.since == dt.date(2026, 1, 1)


def test_a_csv_of_one_familys_models_leaves_the_others_alone(example: Path, tmp_path: Path) -> None:
    path = tmp_path / "models.csv"
    path.write_text("product,code,since\ndishwashers,LV-1,2026-02-01\n", encoding="utf-8")
    before = snapshot(example)
    assert import_(example, path, "product-models", "--write") == 0
    after = snapshot(example)
    assert [file for file in after if after[file] != before[file]] == ["content/products/dishwashers.yml"]
    assert [m.code for m in load_project(example).kb.get("dishwashers").model.models] == ["LV-1"]


def test_dry_run_prints_a_diff_and_writes_nothing(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx", "en")
    edited = edit_sheet(book, tmp_path / "edited.xlsx", "roles", {("tele-operator", "department"): "sat"})
    before = snapshot(example)
    assert import_(example, edited, "role", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert f"--- a/{ROLE}\n+++ b/{ROLE}\n" in out
    assert "-department: after-sales\n+department: sat\n" in out
    assert out.rstrip().endswith("1 file would change (run again with --write to write them)")
    assert snapshot(example) == before


def test_a_result_that_fails_check_is_refused(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx")
    edited = edit_sheet(book, tmp_path / "edited.xlsx", "roles", {("sat-manager", "reports_to"): "sat-manager"})
    before = snapshot(example)
    assert import_(example, edited, "role", "--write") == 1
    err = capsys.readouterr().err
    assert "content/roles/sat-manager.yml" in err and "error ref.cycle" in err
    assert "would not pass check" in err
    assert snapshot(example) == before


def test_usage_errors(example: Path, tmp_path: Path, capsys) -> None:
    book = export(example, tmp_path / "example.xlsx")
    assert import_(example, tmp_path / "missing.xlsx", "role") == 2
    assert import_(example, book, "role", "--lang", "xx") == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    assert import_(example, bad, "role") == 2
    other = openpyxl.Workbook()
    other.active.title = "people"
    other.save(tmp_path / "other.xlsx")
    assert import_(example, tmp_path / "other.xlsx", "role") == 2
    err = capsys.readouterr().err
    assert "no sheet 'roles' (it has: people)" in err and "cannot be read as an .xlsx workbook" in err
    assert "Traceback" not in err
