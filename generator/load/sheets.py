"""The catalogue as spreadsheet sheets: which columns each content type has, and rows read back.

``aftersales export --format xlsx`` writes one sheet per content type with the columns declared
here (:data:`SHEETS`), and ``aftersales import`` reads the same columns, so a sheet exported and
imported again changes no file. A column is named after its field in the YAML file
(``document.next_review``), which is the same in every language; texts are shown in one language.

Reading (:func:`read_table`) gives every cell with its address (``roles!C12`` in a workbook,
``12:3`` in a CSV file). :func:`parse_sheet` turns the rows into the items' new YAML data and
lists every bad cell as an :class:`ImportProblem`; nothing here writes a file.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from generator.model.fields import SLUG_PATTERN
from generator.model.registry import TYPES_BY_NAME
from generator.text.spreadsheet import unguarded

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase

# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    """One column of a sheet: a field of the item, how its cells are written, and what it refers to."""

    name: str
    """The header: the field's path in the YAML file, dots between levels (``target.value``)."""
    kind: str
    """id, text (one language), texts (a list of texts, one per line), string, words (a list,
    comma-separated), date, integer, number, version or flag (true/false)."""
    ref: str | None = None
    """For a reference: the type it names (role, standard, product) or ``department``."""
    required: bool = False
    """A new item needs it (the model has no default)."""
    width: int = 18
    """Column width in the workbook, in characters."""

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))


@dataclass(frozen=True)
class Sheet:
    """The columns of one sheet, and the content type its rows are items of."""

    name: str
    type: str
    columns: tuple[Column, ...]
    importable: bool = False

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)


_HEAD = (
    Column("id", "id", required=True, width=28),
    Column("audience", "string", width=10),
    Column("title", "text", required=True, width=36),
    Column("summary", "text", width=48),
)
_TAIL = (
    Column("tags", "words", width=18),
    Column("document.owner", "string", ref="role", required=True, width=24),
    Column("document.version", "version", required=True, width=10),
    Column("document.approved", "date", required=True, width=12),
    Column("document.next_review", "date", required=True, width=12),
    Column("document.approved_by", "string", width=22),
)


def _sheet(type_name: str, *columns: Column, importable: bool = False, name: str | None = None) -> Sheet:
    return Sheet(name or TYPES_BY_NAME[type_name].folder, type_name, (*_HEAD, *columns, *_TAIL), importable)


SHEETS: dict[str, Sheet] = {sheet.type: sheet for sheet in (
    _sheet("procedure", Column("category", "string", width=9), Column("purpose", "text", width=48),
           Column("trigger", "text", width=40), Column("products", "words"), Column("warranty", "words"),
           Column("guides", "words"), Column("related", "words")),
    _sheet("standard", Column("commitment", "text", required=True, width=48),
           Column("target.value", "number", required=True, width=10),
           Column("target.unit", "string", required=True, width=12), Column("target.limit", "string", width=10),
           Column("measurement.indicator", "text", required=True, width=40),
           Column("measurement.method", "text", required=True, width=40),
           Column("measurement.frequency", "string", required=True, width=12),
           Column("when_missed", "text", required=True, width=40), Column("customer_claim", "text", width=40),
           Column("categories", "words", width=12), Column("owner", "string", ref="role", width=24),
           Column("applies_to", "string", width=12), Column("phases", "words"),
           Column("resolution", "string", ref="standard", width=28), importable=True),
    _sheet("role", Column("department", "string", ref="department", required=True),
           Column("reports_to", "string", ref="role", width=24), Column("education", "text", required=True, width=40),
           Column("experience", "text", required=True, width=40),
           Column("responsibilities", "texts", required=True, width=60), Column("skills", "texts", width=40),
           importable=True),
    _sheet("warranty", Column("products", "words"), Column("causes", "words", width=24),
           Column("from_month", "integer", width=10), Column("to_month", "integer", width=10),
           Column("covered", "flag", width=9), Column("category", "string", width=9), Column("remedies", "words"),
           Column("priority", "integer", width=9), Column("applies_from", "date", width=12),
           Column("legal_basis", "text", width=40)),
    _sheet("guide", Column("products", "words"), Column("symptom", "text", width=40),
           Column("difficulty", "string", width=10), Column("time_minutes", "integer", width=10),
           Column("success_check", "text", width=40), Column("warranty_effect", "text", width=40)),
    _sheet("training", Column("roles", "words", width=24), Column("duration_minutes", "integer", width=10),
           Column("objectives", "texts", width=48), Column("procedures", "words"), Column("standards", "words")),
    _sheet("form", Column("kind", "string", width=10), Column("purpose", "text", width=48)),
    _sheet("product", Column("description", "text", required=True, width=48), Column("icon", "string", width=24),
           Column("spare_parts_years", "integer", width=10), importable=True),
)}
"""Every content type's sheet, in the order of the workbook."""

MODELS_SHEET = Sheet("product-models", "product", (
    Column("product", "id", ref="product", required=True, width=24),
    Column("code", "string", required=True, width=14),
    Column("name", "text", width=40),
    Column("since", "date", width=12),
), importable=True)
"""The models of every product family, one row per model (imported with ``--type product``)."""

IMPORT_TYPES = ("product", "role", "standard")
"""The catalogue-like types ``aftersales import`` reads."""


def text_in(value: Mapping[str, str] | str | None, lang: str, default_lang: str) -> str | None:
    """A text in ``lang``, else in the default language (as pages show it)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if lang in value:
        return value[lang]
    return value.get(default_lang) or next(iter(value.values()), None)


def get_path(model: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` of a validated model, or None when a level is missing."""
    for key in path:
        if model is None:
            return None
        model = getattr(model, key, None)
    return model


def cell_value(column: Column, value: Any, lang: str, default_lang: str) -> Any:
    """What the workbook shows of a field's validated value: text, a number, a date or nothing.

    ``aftersales import`` compares a cell with this, so an unchanged cell changes nothing."""
    if value is None:
        return None
    kind = column.kind
    if kind == "text":
        return text_in(value, lang, default_lang)
    if kind == "texts":
        return "\n".join(text_in(text, lang, default_lang) or "" for text in value) or None
    if kind == "words":
        return ", ".join(str(word) for word in value) or None
    if kind == "number":
        return int(value) if float(value).is_integer() else float(value)
    if kind in ("integer", "date", "flag"):
        return value
    return str(value)


def item_row(sheet: Sheet, model: Any, lang: str, default_lang: str) -> list[Any]:
    """One item as a row of its sheet."""
    return [cell_value(column, get_path(model, column.path), lang, default_lang) for column in sheet.columns]


def model_rows(product: Any, lang: str, default_lang: str) -> list[list[Any]]:
    """The rows of the product-models sheet for one product family."""
    columns = MODELS_SHEET.columns
    return [[product.id, *(cell_value(column, getattr(model, column.name), lang, default_lang)
                           for column in columns[1:])] for model in product.models]


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Cell:
    """One cell as read: its value (text, number, date, true/false or None) and its address."""

    value: Any
    address: str
    """``roles!C12`` in a workbook, ``12:3`` in a CSV file."""


@dataclass(frozen=True)
class Table:
    """A sheet as read: the header cells and the rows below (empty rows left out)."""

    name: str
    header: list[Cell]
    rows: list[list[Cell]]


class SheetError(Exception):
    """The file cannot be read as a sheet at all (not a workbook, no such sheet): a usage error."""


def sheet_names(path: Path) -> list[str]:
    import openpyxl  # only the spreadsheet commands pay for it

    workbook = _open_workbook(path, openpyxl)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _open_workbook(path: Path, openpyxl):
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl errors: one clear message
        raise SheetError(f"{path}: cannot be read as an .xlsx workbook ({type(exc).__name__}: {exc})") from None


def read_table(path: Path, sheet: str | None) -> Table | None:
    """The sheet ``sheet`` of a workbook, or the rows of a CSV file (``sheet`` None); None when the
    workbook has no such sheet."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = _open_workbook(path, openpyxl)
    try:
        if sheet not in workbook.sheetnames:
            return None
        rows: list[list[Cell]] = []
        for number, values in enumerate(workbook[sheet].iter_rows(values_only=True), start=1):
            rows.append([Cell(value, f"{sheet}!{get_column_letter(col)}{number}")
                         for col, value in enumerate(values, start=1)])
    finally:
        workbook.close()
    return _table(sheet, rows)


def _read_csv(path: Path) -> Table:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(f"{path}: not UTF-8 (byte {exc.start}); save it as 'CSV UTF-8'") from None
    except OSError as exc:
        raise SheetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    rows = []
    try:
        for values in reader:
            line = reader.line_num
            rows.append([Cell(value, f"{line}:{col}") for col, value in enumerate(values, start=1)])
    except csv.Error as exc:
        raise SheetError(f"{path}:{reader.line_num}: not a CSV file ({exc})") from None
    return _table(path.stem, rows)


def _table(name: str, rows: list[list[Cell]]) -> Table:
    def blank(cell: Cell) -> bool:
        return cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())

    rows = [row for row in rows if not all(blank(cell) for cell in row)]
    if not rows:
        return Table(name, [], [])
    return Table(name, rows[0], rows[1:])


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class ImportProblem:
    """One bad cell (or row, or header) of a sheet being imported."""

    address: str
    code: str
    message: str

    def sort_key(self) -> tuple:
        """Sheet, row, then column: problems listed as they appear in the file."""
        sheet, _, coord = self.address.rpartition("!")
        if sheet:
            letters = coord.rstrip("0123456789")
            number = coord[len(letters):]
            return (sheet, int(number or 0), len(letters), letters)
        line, _, column = coord.partition(":")
        return ("", int(line) if line.isdigit() else 0, 0, int(column) if column.isdigit() else 0)

    def format(self, file: str) -> str:
        """``FILE.xlsx:roles!C12: error import.bad-date: …`` (CSV: ``FILE.csv:12:3: …``)."""
        return f"{file}:{self.address}: error {self.code}: {self.message}"


DELETE = object()
"""A field emptied in the sheet: the key is removed from the file."""

_SLUG = re.compile(SLUG_PATTERN)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass
class Change:
    """One item the sheet creates or updates: its file and its new YAML data."""

    type: str
    id: str
    file: str
    """Path relative to the project, with forward slashes."""
    data: dict
    """The whole item as it will be (plain values; dates as ``datetime.date``)."""
    new: bool
    row: list[Cell] = field(default_factory=list)
    columns: dict[str, Cell] = field(default_factory=dict)
    """The cell of each column, for problems the model finds."""
    model_cells: list[dict[str, Cell]] = field(default_factory=list)
    """A product's rows of the product-models sheet, in order: the cells of each model."""


class _Parsed:
    """A cell read as its column's kind: ``value`` (None when empty) or a problem."""

    __slots__ = ("problem", "value")

    def __init__(self, value: Any = None, problem: tuple[str, str] | None = None) -> None:
        self.value = value
        self.problem = problem


def _text_cell(value: Any) -> str:
    """Any cell value as the text a person sees (a whole number without '.0')."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unguarded(str(value).replace("\r\n", "\n"))


def parse_cell(column: Column, raw: Any) -> _Parsed:
    """A cell as a value of ``column``'s kind, comparable with :func:`cell_value`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _Parsed(None)
    kind = column.kind
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return _Parsed(raw.date())
        if isinstance(raw, dt.date):
            return _Parsed(raw)
        text = _text_cell(raw).strip()
        match = _DATE.match(text)
        if not match:
            return _Parsed(problem=("import.bad-date",
                                    f"'{text}' is not a date: write it as YYYY-MM-DD or enter it as a date"))
        try:
            return _Parsed(dt.date(*(int(part) for part in match.groups())))
        except ValueError as exc:
            return _Parsed(problem=("import.bad-date", f"'{text}' is not a real date ({exc})"))
    if kind in ("integer", "number"):
        if isinstance(raw, bool):
            return _Parsed(problem=("import.bad-value", "expected a number, not true or false"))
        if isinstance(raw, (int, float)):
            number = raw
        else:
            text = _text_cell(raw).strip().replace(",", ".") if kind == "number" else _text_cell(raw).strip()
            try:
                number = int(text) if re.fullmatch(r"[-+]?\d+", text) else float(text)
            except ValueError:
                return _Parsed(problem=("import.bad-value", f"'{text}' is not a number"))
        if kind == "integer":
            if isinstance(number, float) and not number.is_integer():
                return _Parsed(problem=("import.bad-value", f"'{raw}' is not a whole number"))
            return _Parsed(int(number))
        if not math.isfinite(number):
            return _Parsed(problem=("import.bad-value", f"'{raw}' is not a number"))
        return _Parsed(int(number) if float(number).is_integer() else float(number))
    if kind == "flag":
        text = _text_cell(raw).strip().lower()
        if text in ("true", "false"):
            return _Parsed(text == "true")
        return _Parsed(problem=("import.bad-value", f"'{text}' is not true or false"))
    text = _text_cell(raw)
    if kind in ("id", "string", "version", "words"):
        text = text.strip()
    if kind == "id" and not _SLUG.match(text):
        return _Parsed(problem=("import.bad-value",
                                f"'{text}' is not a valid id: use lowercase letters a-z, digits and single hyphens"))
    if kind == "words":
        text = ", ".join(word.strip() for word in text.split(",") if word.strip())
    return _Parsed(text)


def same(column: Column, shown: Any, parsed: Any) -> bool:
    """Whether a cell says what the file already holds (texts compared without outer spaces)."""
    if isinstance(shown, str) and isinstance(parsed, str):
        return shown.replace("\r\n", "\n").strip() == parsed.strip()
    if column.kind == "number" and shown is not None and parsed is not None:
        return float(shown) == float(parsed)
    return shown == parsed


def _merged_text(old: Any, text: str, lang: str, default_lang: str) -> Any:
    """A text field's new YAML value: ``text`` in ``lang``, the other languages kept."""
    if isinstance(old, dict):
        return {**old, lang: text}
    if isinstance(old, str) and lang != default_lang:
        return {default_lang: old, lang: text}
    return text if lang == default_lang else {lang: text}


def new_value(column: Column, parsed: Any, old: Any, lang: str, default_lang: str) -> Any:
    """The YAML value of a changed cell, given what the file held (``DELETE`` for an emptied cell)."""
    if parsed is None:
        return DELETE
    kind = column.kind
    if kind == "text":
        return _merged_text(old, parsed, lang, default_lang)
    if kind == "texts":
        lines = [line.strip() for line in parsed.split("\n") if line.strip()]
        olds = old if isinstance(old, list) else []
        return [_merged_text(olds[index] if index < len(olds) else None, line, lang, default_lang)
                for index, line in enumerate(lines)]
    if kind == "words":
        return [word.strip() for word in parsed.split(",") if word.strip()]
    return parsed


def _get_raw(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _set_raw(data: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        child = data.get(key)
        if not isinstance(child, dict):
            if value is DELETE:
                return
            child = data[key] = {}
        data = child
    if value is DELETE:
        data.pop(path[-1], None)
    else:
        data[path[-1]] = value


@dataclass
class ParseResult:
    """What a sheet changes and what is wrong with it."""

    changes: list[Change] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def check_header(table: Table, sheet: Sheet, problems: list[ImportProblem]) -> dict[str, int]:
    """Column name → index; unknown and repeated columns, and a missing id column, are problems."""
    names = [column.name for column in sheet.columns]
    found: dict[str, int] = {}
    for index, cell in enumerate(table.header):
        if cell.value is None or not str(cell.value).strip():
            continue
        name = str(cell.value).strip()
        if name in found:
            problems.append(ImportProblem(cell.address, "import.duplicate-column",
                                          f"the column '{name}' is given twice; keep one"))
        elif sheet.column(name) is None:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (the columns are: {', '.join(names)})"
            problems.append(ImportProblem(cell.address, "import.unknown-column",
                                          f"'{name}' is not a column of the {sheet.name} sheet{hint}"))
        else:
            found[name] = index
    key = sheet.columns[0].name
    if table.header and key not in found:
        problems.append(ImportProblem(table.header[0].address, "import.missing-column",
                                      f"the sheet has no '{key}' column: every row names its item by it"))
    return found


def parse_sheet(table: Table, sheet: Sheet, kb: KnowledgeBase, lang: str, declared: Mapping[str, tuple[str, str]],
                file_of: Callable[[str], str]) -> ParseResult:
    """The items the rows of ``table`` create or update, and every problem found in its cells.

    ``declared`` maps every id used in the project to (type, file), including files that failed
    validation; ``file_of`` names the file of a new item."""
    result = ParseResult()
    problems = result.problems
    found = check_header(table, sheet, problems)
    if "id" not in found:
        return result
    default_lang = kb.default_language
    content_type = TYPES_BY_NAME[sheet.type]
    seen: dict[str, str] = {}
    for row in table.rows:
        cells = {name: row[index] if index < len(row) else Cell(None, _address_beside(row, index))
                 for name, index in found.items()}
        id_cell = cells["id"]
        parsed = {name: parse_cell(sheet.column(name), cell.value) for name, cell in cells.items()}
        bad = False
        for name, value in parsed.items():
            if value.problem:
                problems.append(ImportProblem(cells[name].address, *value.problem))
                bad = True
        item_id = parsed["id"].value
        if item_id is None:
            if not parsed["id"].problem:
                problems.append(ImportProblem(id_cell.address, "import.missing-field",
                                              "the id is empty: every row names its item"))
            continue
        if item_id in seen:
            problems.append(ImportProblem(id_cell.address, "import.duplicate-id",
                                          f"'{item_id}' is already given in {seen[item_id]}: one row per item"))
            continue
        seen[item_id] = id_cell.address
        item = kb.get(item_id)
        other = declared.get(item_id)
        if item is not None and item.type != sheet.type:
            problems.append(ImportProblem(id_cell.address, "import.duplicate-id",
                                          f"'{item_id}' is the id of the {item.type} {item.file}; ids are unique"
                                          " in the whole knowledge base"))
            continue
        if item is None and other is not None:
            problems.append(ImportProblem(id_cell.address, "import.unreadable-item",
                                          f"'{item_id}' is the id of {other[1]}, which has errors: fix it"
                                          " (aftersales check) and import again"))
            continue
        if bad:
            continue
        data = copy.deepcopy(item.source.data) if item is not None else {}
        changed = item is None
        for name, value in parsed.items():
            column = sheet.column(name)
            if item is not None and same(column, cell_value(column, get_path(item.model, column.path), lang,
                                                            default_lang), value.value):
                continue
            if value.value is None and (column.required or item is None):
                if column.required and name != "id":
                    problems.append(ImportProblem(cells[name].address, "import.missing-field",
                                                  f"'{name}' is required for a {content_type.label}"))
                    bad = True
                continue
            changed = True
            _set_raw(data, column.path, new_value(column, value.value, _get_raw(data, column.path), lang,
                                                  default_lang))
        if item is None:
            for column in sheet.columns:
                if column.required and column.name not in found:
                    problems.append(ImportProblem(id_cell.address, "import.missing-field",
                                                  f"'{item_id}' is new: it needs a '{column.name}' column"))
                    bad = True
        if bad or not changed:
            continue
        if item is None:
            data = {"id": item_id, **{key: value for key, value in data.items() if key != "id"}}
        result.changes.append(Change(sheet.type, item_id, item.file if item else file_of(item_id), data,
                                     item is None, row, cells))
    _check_references(result, sheet, kb, found)
    return result


def _address_beside(row: list[Cell], index: int) -> str:
    """The address of a cell a short row does not have (openpyxl and csv stop at the last value)."""
    if not row:
        return "?"
    last = row[-1].address
    if "!" in last:
        from openpyxl.utils import get_column_letter

        sheet, _, coord = last.rpartition("!")
        number = re.sub(r"^[A-Z]+", "", coord)
        return f"{sheet}!{get_column_letter(index + 1)}{number}"
    line = last.split(":")[0]
    return f"{line}:{index + 1}"


def _check_references(result: ParseResult, sheet: Sheet, kb: KnowledgeBase, found: Mapping[str, int]) -> None:
    """A reference cell naming an id that neither the knowledge base nor this sheet has."""
    created = {change.id for change in result.changes if change.new}
    for change in result.changes:
        for column in sheet.columns:
            if column.ref is None or column.name not in found:
                continue
            value = _get_raw(change.data, column.path)
            if not isinstance(value, str):
                continue
            if column.ref == "department":
                known: Iterable[str] = kb.config.departments
                ok = value in known
            else:
                target = kb.get(value)
                ok = (target is not None and target.type == column.ref) or (
                    column.ref == sheet.type and value in created)
                known = [item.id for item in kb.of_type(column.ref)] + (
                    sorted(created) if column.ref == sheet.type else [])
            if not ok:
                close = difflib.get_close_matches(value, list(known), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                result.problems.append(ImportProblem(change.columns[column.name].address, "import.unknown-reference",
                                                     f"'{value}' is not a {column.ref} of this knowledge base{hint}"))


def validate_changes(result: ParseResult, languages: tuple[str, ...]) -> None:
    """Every changed item against its model: a bad value is a problem at its cell (or at the id)."""
    for change in result.changes:
        model = TYPES_BY_NAME[change.type].model
        try:
            model.model_validate(change.data, context={"languages": languages})
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(str(part) for part in error["loc"])
                cell = next((cell for name, cell in change.columns.items()
                             if loc[:len(name.split("."))] == tuple(name.split("."))), None)
                if loc[:1] == ("models",) and len(loc) > 1 and loc[1].isdigit() and int(loc[1]) < len(
                        change.model_cells):
                    cells = change.model_cells[int(loc[1])]
                    cell = cells.get(loc[2] if len(loc) > 2 else "code") or cells.get("code")
                if cell is None and change.row:
                    cell = change.columns.get("id") or change.row[0]
                where = ".".join(loc)
                result.problems.append(ImportProblem(cell.address if cell else "?", "import.bad-value",
                                                     f"{change.id}: {where}: {error['msg']}"))


# --------------------------------------------------------------------------- product models


def parse_models(table: Table, kb: KnowledgeBase, lang: str, result: ParseResult) -> None:
    """The product-models sheet: the ``models`` list of each product it lists, in row order, merged
    into the changes of the products sheet (or new changes for products that sheet does not list)."""
    sheet = MODELS_SHEET
    found = check_header(table, sheet, result.problems)
    if "product" not in found or "code" not in found:
        if "code" not in found and table.header:
            result.problems.append(ImportProblem(table.header[0].address, "import.missing-column",
                                                 "the sheet has no 'code' column: every row names its model by it"))
        return
    default_lang = kb.default_language
    by_product: dict[str, list[tuple[dict, dict[str, Cell]]]] = {}
    seen: dict[tuple[str, str], str] = {}
    changes = {change.id: change for change in result.changes}
    for row in table.rows:
        cells = {name: row[index] if index < len(row) else Cell(None, _address_beside(row, index))
                 for name, index in found.items()}
        parsed = {name: parse_cell(sheet.column(name), cell.value) for name, cell in cells.items()}
        bad = False
        for name, value in parsed.items():
            if value.problem:
                result.problems.append(ImportProblem(cells[name].address, *value.problem))
                bad = True
        product, code = parsed["product"].value, parsed["code"].value
        for name, value in (("product", product), ("code", code)):
            if value is None and not parsed[name].problem:
                result.problems.append(ImportProblem(cells[name].address, "import.missing-field",
                                                     f"the {name} is empty: every row names a product and a model"))
                bad = True
        if bad:
            continue
        item = kb.get(product)
        if (item is None or item.type != "product") and not (product in changes and changes[product].new):
            names = [entry.id for entry in kb.of_type("product")] + [c.id for c in result.changes if c.new]
            close = difflib.get_close_matches(product, names, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            result.problems.append(ImportProblem(cells["product"].address, "import.unknown-reference",
                                                 f"'{product}' is not a product of this knowledge base{hint}"))
            continue
        if (product, code) in seen:
            result.problems.append(ImportProblem(cells["code"].address, "import.duplicate-id",
                                                 f"the model {code} of {product} is already in {seen[product, code]}"))
            continue
        seen[product, code] = cells["code"].address
        by_product.setdefault(product, []).append(({name: value.value for name, value in parsed.items()}, cells))
    products = {item.id: item for item in kb.of_type("product")}
    # Only the families the sheet lists: a CSV of one family's models leaves the others alone.
    for product_id, rows in by_product.items():
        change = changes.get(product_id)
        item = products.get(product_id)
        data = change.data if change else copy.deepcopy(item.source.data)
        old_models = data.get("models") if isinstance(data.get("models"), list) else []
        old_by_code = {entry.get("code"): entry for entry in old_models if isinstance(entry, dict)}
        shown = [] if item is None or change is not None and change.new else [
            {"code": model.code, **{column.name: cell_value(column, getattr(model, column.name), lang, default_lang)
                                    for column in sheet.columns[2:]}} for model in item.model.models]
        wanted = [{"code": values["code"], **{column.name: values.get(column.name) for column in sheet.columns[2:]}}
                  for values, _ in rows]
        if item is not None and not (change is not None and change.new) and _same_models(shown, wanted, found):
            continue
        models = []
        for values, _ in rows:
            entry = copy.deepcopy(old_by_code.get(values["code"], {"code": values["code"]}))
            for column in sheet.columns[2:]:
                if column.name not in found:
                    continue
                old = entry.get(column.name)
                if item is not None and values["code"] in old_by_code and same(
                        column, _shown_model_value(item, values["code"], column, lang, default_lang),
                        values[column.name]):
                    continue
                _set_raw(entry, (column.name,), new_value(column, values[column.name], old, lang, default_lang))
            models.append(entry)
        data["models"] = models
        if change is None:
            change = Change("product", product_id, item.file, data, False, [], {})
            result.changes.append(change)
        change.model_cells = [cells for _, cells in rows]


def _shown_model_value(item: Item, code: str, column: Column, lang: str, default_lang: str) -> Any:
    model = next((model for model in item.model.models if model.code == code), None)
    return None if model is None else cell_value(column, getattr(model, column.name), lang, default_lang)


def _same_models(shown: list[dict], wanted: list[dict], found: Mapping[str, int]) -> bool:
    """Whether the rows give the models the file holds, in the same order (columns the sheet has)."""
    if len(shown) != len(wanted):
        return False
    for old, new in zip(shown, wanted, strict=True):
        if old["code"] != new["code"]:
            return False
        for column in MODELS_SHEET.columns[2:]:
            if column.name not in found:
                continue
            if not same(column, old.get(column.name), new.get(column.name)):
                return False
    return True
