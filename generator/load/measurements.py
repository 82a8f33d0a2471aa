"""Recorded measurements of the service standards: a CSV file → checked rows.

The file comes from whatever staff use to log cases (a spreadsheet, the call log's export), so
the reader accepts what such tools write — UTF-8 with or without a BOM, ``,`` or ``;`` between
cells (Spanish Excel writes ``;``), decimal commas, ``sí``/``no`` — and refuses anything it
would have to guess, each problem a diagnostic at the file, line and column of the bad cell.
A bad row is left out; every bad row of the file is reported in one run.

Columns (a header row names them, in any order; other columns are ignored):

- ``standard`` — the id of a standard of ``content/standards/``;
- ``date`` — ``YYYY-MM-DD`` for a case; ``YYYY-MM`` or ``YYYY-MM-DD`` for a period's counts;
- one case per row: ``met`` (yes/no) or ``value`` (a number in the standard's target unit,
  judged against the target), or both when they agree;
- or one period per row: ``cases`` and ``not_met`` (counts).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import math
import os
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from generator.diagnostics.codes import rule
from generator.diagnostics.diagnostic import Diagnostic

if TYPE_CHECKING:
    from generator.model import Standard

MAX_BYTES = 50 * 1024 * 1024
"""Ten years of cases of a large service fit in a few MiB; beyond this it is a mistake."""

COLUMNS = ("standard", "date", "met", "value", "cases", "not_met")
YES = frozenset({"yes", "true", "1", "sí", "si", "s", "y"})
NO = frozenset({"no", "false", "0", "n"})
FINER_THAN_A_MONTH = frozenset({"daily", "weekly"})
_NUMBER_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_WHOLE_RE = re.compile(r"^\+?\d+$")
_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class Measurement:
    """One good row: a case (``cases`` 1) or the counts of a period, for one standard."""

    standard: str
    day: dt.date
    """The case's day; for a period row, the day given or the first day of the month given."""
    cases: int
    not_met: int
    value: float | None = None
    """The measured value of a case, in the standard's target unit (for the histogram)."""
    line: int = 0


@dataclass
class Measurements:
    """A measurements file as read: its good rows and a diagnostic for each bad one."""

    file: str
    """As shown in diagnostics: relative to the project, or as given on the command line."""
    rows: list[Measurement] = field(default_factory=list, repr=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: int = 0
    """Data rows in the file, good and bad (blank lines not counted)."""

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


class Cell(NamedTuple):
    """A cell's text and where it starts (a tuple: a file has hundreds of thousands of them)."""

    text: str
    line: int
    column: int


def read_measurements(
    path: Path, file: str, standards: Mapping[str, Standard], today: dt.date,
    also_known: Collection[str] = (),
) -> Measurements:
    """Read and check ``path``; ``file`` is how diagnostics name it.

    ``also_known``: ids of standards whose YAML failed validation — their rows are left out
    without a second error (the standard's own file already has one).
    """
    found = Measurements(file)

    def problem(code: str, message: str, line: int = 1, column: int = 1) -> None:
        found.diagnostics.append(Diagnostic.at(file, (line, column), rule(code), message))

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problem("data.too-large", f"the file has {size:,} bytes, more than the {MAX_BYTES // 1024 // 1024} MiB"
                                      " a measurements file may have (split it by year)")
            return found
        data = path.read_bytes()
    except OSError as exc:
        problem("data.unreadable", f"cannot read the measurements file ({exc.strerror or exc})")
        return found
    text = _decode(data, problem)
    if text is None:
        return found
    _read_rows(text, found, problem, standards, today, also_known)
    return found


def _decode(data: bytes, problem) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        problem("data.encoding", f"byte 0x{data[exc.start]:02x} is not UTF-8: save the file as 'CSV UTF-8'"
                                 " (Excel: Save as → CSV UTF-8)", line, column)
        return None


def _read_rows(text: str, found: Measurements, problem, standards, today, also_known) -> None:
    records = _records(text)
    header = next(records, None)
    while isinstance(header, _Fault):
        problem("data.bad-row", header.message, header.line, header.column)
        header = next(records, None)
    if header is None:
        problem("data.empty", "the file is empty: it needs a header row (standard,date,met…) and one row per"
                              " case or period")
        return
    columns = _columns(header, problem)
    if columns is None:
        return
    known = set(standards) | set(also_known)
    for cells in records:
        found.lines += 1
        if isinstance(cells, _Fault):
            problem("data.bad-row", cells.message, cells.line, cells.column)
            continue
        row = _read_row(cells, header, columns, problem, standards, known, today)
        if row is not None:
            found.rows.append(row)
    if found.lines == 0:
        problem("data.empty", "the file has a header but no measurements: add one row per case or period",
                header[0].line, 1)


def _columns(header: list[Cell], problem) -> dict[str, int] | None:
    """Column index by name; None (and a diagnostic) when the header cannot be used."""
    columns: dict[str, int] = {}
    others: list[Cell] = []
    good = True
    for index, cell in enumerate(header):
        name = re.sub(r"[\s-]+", "_", cell.text.strip().lower())
        if name not in COLUMNS:
            others.append(cell)
        elif name in columns:
            problem("data.bad-header", f"the column '{name}' is named twice in the header", cell.line, cell.column)
            good = False
        else:
            columns[name] = index
    line = header[0].line

    def missing(message: str, *names: str) -> None:
        """At the misspelt column when one looks like a needed name, else at the header's start."""
        for name in names:
            cell = _misspelt(others, name)
            if cell is not None:
                problem("data.bad-header", f"{message}; is '{cell.text.strip()}' meant to be '{name}'?",
                        cell.line, cell.column)
                return
        problem("data.bad-header", message, line, 1)

    for name in ("standard", "date"):
        if name not in columns:
            missing(f"the header has no '{name}' column", name)
            good = False
    if ("cases" in columns) != ("not_met" in columns):
        name = "not_met" if "cases" in columns else "cases"
        missing(f"the header has no '{name}' column (a period's counts need both cases and not_met)", name)
        good = False
    elif not {"met", "value", "cases"} & set(columns):
        missing("the header needs 'met' (yes/no per case), 'value' (a measured number per case) or 'cases' and"
                f" 'not_met' (counts per period); it has: {', '.join(cell.text.strip() for cell in header)}",
                "met", "value", "cases", "not_met")
        good = False
    return columns if good else None


def _misspelt(cells: list[Cell], name: str) -> Cell | None:
    by_text = {cell.text.strip(): cell for cell in cells if cell.text.strip()}
    close = difflib.get_close_matches(name, list(by_text), n=1, cutoff=0.6)
    return by_text[close[0]] if close else None


def _read_row(cells, header, columns, problem, standards, known, today) -> Measurement | None:
    line = cells[0].line
    if len(cells) > len(header):
        extra = cells[len(header)]
        problem("data.bad-row", f"this row has {len(cells)} cells but the header {len(header)}: a value with"
                                " the separator in it must be in double quotes", extra.line, extra.column)
        return None

    def cell(name: str) -> Cell | None:
        index = columns.get(name)
        if index is None:
            return None
        if index < len(cells):
            return cells[index]
        last = cells[-1]  # a short row: the missing cells are empty, at the end of the line
        return Cell("", last.line, last.column + len(last.text.lstrip()))

    good = True
    standard_cell, date_cell = cell("standard"), cell("date")
    standard_id = standard_cell.text.strip()
    standard = standards.get(standard_id)
    if not standard_id:
        problem("data.bad-row", "the standard is missing: give the id of a standard", line, standard_cell.column)
        good = False
    elif standard_id not in known:
        close = difflib.get_close_matches(standard_id, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problem("data.unknown-standard", f"there is no standard with the id '{standard_id}'{hint}",
                standard_cell.line, standard_cell.column)
        good = False

    met_cell, value_cell, cases_cell, not_met_cell = cell("met"), cell("value"), cell("cases"), cell("not_met")
    is_case = any(c is not None and c.text.strip() for c in (met_cell, value_cell))
    is_period = any(c is not None and c.text.strip() for c in (cases_cell, not_met_cell))
    if is_case and is_period:
        where = cases_cell if cases_cell.text.strip() else not_met_cell
        problem("data.bad-row", "a row is either one case (met or value) or a period's counts (cases and not_met),"
                                " not both", where.line, where.column)
        return None
    if not is_case and not is_period:
        where = met_cell or value_cell or cases_cell
        problem("data.bad-row", "this row has no measurement: fill in met (yes/no), value, or cases and not_met",
                where.line, where.column)
        return None

    day = _date(date_cell, is_case, standard, problem, today)
    good = good and day is not None
    if is_case:
        value, met = None, None
        if value_cell is not None and value_cell.text.strip():
            value = _number(value_cell, "value", problem)
            good = good and value is not None
        if met_cell is not None and met_cell.text.strip():
            met = _yes_no(met_cell, problem)
            good = good and met is not None
        if not good or standard is None:
            return None
        if value is not None:
            meets = target_met(standard, value)
            if met is not None and met != meets:
                problem("data.bad-met", f"met says {'yes' if met else 'no'} but the value {value:g} does"
                                        f" {'' if meets else 'not '}meet the target ({_target(standard)})",
                        met_cell.line, met_cell.column)
                return None
            met = meets
        return Measurement(standard_id, day, 1, 0 if met else 1, value, line)
    cases = _count(cases_cell, "cases", problem) if cases_cell is not None else None
    not_met = _count(not_met_cell, "not_met", problem) if not_met_cell is not None else None
    if cases is None or not_met is None or not good:
        return None
    if not_met > cases:
        problem("data.bad-counts", f"not_met ({not_met}) is more than cases ({cases})",
                not_met_cell.line, not_met_cell.column)
        return None
    if standard is None:
        return None
    return Measurement(standard_id, day, cases, not_met, None, line)


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str, is_case: bool) -> tuple[dt.date | None, bool, str]:
    """(day, whether only a month was given, what is wrong); a file repeats each date many times."""
    day_match, month_match = _DAY_RE.match(text), _MONTH_RE.match(text)
    try:
        if day_match:
            day = dt.date(*map(int, day_match.groups()))
        elif month_match and not is_case:
            day = dt.date(int(month_match.group(1)), int(month_match.group(2)), 1)
        else:
            raise ValueError
    except ValueError:
        if month_match and is_case:
            return None, True, f"'{text}': a case needs the day it happened (YYYY-MM-DD)"
        if not text:
            return None, False, "the date is missing (YYYY-MM-DD, or YYYY-MM for a month's counts)"
        return None, False, f"'{text}' is not a real date (YYYY-MM-DD, or YYYY-MM for a month's counts)"
    if day.year < 1900:
        return None, False, f"'{text}': the year is out of range"
    return day, bool(month_match), ""


def _date(cell: Cell, is_case: bool, standard, problem, today: dt.date) -> dt.date | None:
    text = cell.text.strip()
    day, month_only, wrong = _parse_date(text, is_case)
    if day is None:
        problem("data.bad-date", wrong, cell.line, cell.column)
        return None
    if day > today:
        problem("data.future-date", f"'{text}' is in the future (today is {today.isoformat()})", cell.line, cell.column)
        return None
    frequency = standard.measurement.frequency if standard is not None else None
    if month_only and frequency in FINER_THAN_A_MONTH:
        problem("data.bad-date", f"'{text}': this standard is measured {frequency.replace('_', '-')}, so a period's"
                                 " counts need the day the period starts (YYYY-MM-DD)", cell.line, cell.column)
        return None
    return day


def _number(cell: Cell, name: str, problem) -> float | None:
    text = cell.text.strip()
    if _NUMBER_RE.match(text):
        number = float(text.replace(",", "."))
        if math.isfinite(number) and number >= 0:
            return number
        if math.isfinite(number):
            problem("data.bad-number", f"{name} '{text}' is negative; a measured value is 0 or more",
                    cell.line, cell.column)
            return None
    problem("data.bad-number", f"{name} '{text}' is not a number (write 3.5 or 3,5, without units or thousands"
                               " separators)", cell.line, cell.column)
    return None


def _count(cell: Cell, name: str, problem) -> int | None:
    text = cell.text.strip()
    if _WHOLE_RE.match(text) and len(text) <= 12:
        return int(text)
    shown = f"'{text}'" if text else "empty"
    problem("data.bad-number", f"{name} is {shown}; it must be a whole number, 0 or more", cell.line, cell.column)
    return None


def _yes_no(cell: Cell, problem) -> bool | None:
    text = cell.text.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    problem("data.bad-met", f"met is '{cell.text.strip()}'; write yes or no (also sí/no, true/false, 1/0)",
            cell.line, cell.column)
    return None


def target_met(standard: Standard, value: float) -> bool:
    """Whether a measured ``value`` meets the standard's target (at most, at least or exactly)."""
    target = standard.target
    tolerance = 1e-9 * max(1.0, abs(target.value))
    if target.limit == "at_most":
        return value <= target.value + tolerance
    if target.limit == "at_least":
        return value >= target.value - tolerance
    return abs(value - target.value) <= tolerance


def _target(standard: Standard) -> str:
    target = standard.target
    return f"{target.limit.replace('_', ' ')} {target.value:g} {target.unit.replace('_', ' ')}"


# --------------------------------------------------------------------------- CSV with positions


class _Lines:
    """The text's lines (ends kept) for ``csv.reader``, counting how many it has taken, so a
    record's first line is known; ``rewind`` restarts after a bad record."""

    __slots__ = ("lines", "taken")

    def __init__(self, text: str) -> None:
        # csv and editors break lines at \n, \r\n and a lone \r (str.splitlines would also break
        # at \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029)
        self.lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
        self.taken = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.taken >= len(self.lines):
            raise StopIteration
        self.taken += 1
        return self.lines[self.taken - 1]


def _records(text: str) -> Iterator[list[Cell] | _Fault]:
    """Rows of cells, each with its line and column (in characters, from 1); blank lines skipped.

    Python's ``csv`` reads the records (``strict=True``: RFC 4180 quoting, a quote must close
    before the cell ends); the delimiter is the header's: ``;`` when it has more semicolons than
    commas. Where each cell starts is found in the record's own lines, which ``csv`` has already
    accepted. A record ``csv`` refuses is yielded as a ``_Fault`` at the line and column of the
    problem and reading goes on after it — after the opening quote's line when a quote is never
    closed, so one stray quote does not swallow the rows below it.
    """
    lines = _Lines(text)
    delimiter = None
    while lines.taken < len(lines.lines):
        if delimiter is None:
            first = next((line for line in lines.lines if line.strip()), "")
            delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True,
                            skipinitialspace=False, strict=True, quoting=csv.QUOTE_MINIMAL)
        while True:
            first_line = lines.taken  # index of the record's first line
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                fault = _locate_fault(lines.lines, first_line, lines.taken, delimiter, str(exc))
                yield fault
                lines.taken = fault.resume
                break  # a fresh reader: csv's own line count restarts with it
            raw = lines.lines[first_line:lines.taken]
            if len(raw) == 1 and not raw[0].strip():
                continue
            yield _cells(values, raw, first_line + 1, delimiter)


class _Fault(NamedTuple):
    """A record ``csv`` refused: what is wrong, where, and the line index to read on from."""

    message: str
    line: int
    column: int
    resume: int


def _cells(values: list[str], raw: list[str], line: int, delimiter: str) -> list[Cell]:
    if len(raw) == 1 and '"' not in raw[0]:  # the common case: cells split at the delimiter
        cells, column = [], 1
        for value in values:
            lead = len(value) - len(value.lstrip())
            cells.append(Cell(value, line, column + (lead if value.strip() else 0)))
            column += len(value) + 1
        return cells
    starts, _ = _layout("".join(raw), delimiter)
    text = "".join(raw)
    cells = []
    for value, offset in zip(values, starts + [len(text)] * (len(values) - len(starts)), strict=False):
        if text[offset:offset + 1] != '"' and value.strip():
            offset += len(value) - len(value.lstrip())
        before = text[:offset]
        breaks = before.count("\n") + before.count("\r") - before.count("\r\n")
        line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
        cells.append(Cell(value, line + breaks, offset - line_start + 1))
    return cells


def _layout(text: str, delimiter: str) -> tuple[list[int], tuple[str, int] | None]:
    """Where each cell of one record starts (offsets in ``text``), and the first thing ``csv``
    with ``strict=True`` refuses (what, offset), if any. Only used to place cells and faults:
    ``csv`` decides what the cells hold and whether the record is good."""
    starts: list[int] = []
    position, size = 0, len(text)
    while True:
        starts.append(position)
        if text.startswith('"', position):
            search = position + 1
            while True:
                close = text.find('"', search)
                if close < 0:
                    return starts, ("unclosed", position)
                if text.startswith('"', close + 1):
                    search = close + 2
                    continue
                break
            position = close + 1
            if position >= size or text[position] in "\r\n":
                return starts, None
            if text[position] != delimiter:
                return starts, ("after-quote", position)
            position += 1
            continue
        match = _UNQUOTED_END[delimiter].search(text, position)
        if match is None:
            return starts, None
        position = match.start()
        char = text[position]
        if char == delimiter:
            position += 1
            continue
        if char == "\r" and not text.startswith("\n", position + 1) and position + 1 < size:
            return starts, ("carriage-return", position)
        return starts, None


_UNQUOTED_END = {d: re.compile(f"[{re.escape(d)}\r\n]") for d in ",;"}


def _locate_fault(lines: list[str], first: int, taken: int, delimiter: str, error: str) -> _Fault:
    """The line, column and message of the record ``lines[first:taken]`` that ``csv`` refused."""
    text = "".join(lines[first:taken])
    _, fault = _layout(text, delimiter)
    kind, offset = fault if fault is not None else ("other", 0)
    if "field larger than field limit" in error and kind != "unclosed":
        kind = "too-long"
    before = text[:offset]
    breaks = before.count("\n") + before.count("\r") - before.count("\r\n")
    line = first + 1 + breaks
    column = offset - (max(before.rfind("\n"), before.rfind("\r")) + 1) + 1
    if kind == "unclosed":
        return _Fault('this double quote opens a cell that is never closed (a quote inside a cell is written "")'
                      ": close the quote or remove it; the rows below are read on their own",
                      line, column, line)  # read on from the line after the quote's
    messages = {
        "after-quote": f"after a quoted cell comes '{text[offset]}' instead of the separator '{delimiter}' or the"
                       ' end of the row: put the whole cell in quotes (a quote inside is written "")',
        "too-long": f"a cell is longer than {csv.field_size_limit():,} characters: is a quote or a line break missing?",
        "carriage-return": "a line break (a lone carriage return) inside a cell that is not in quotes",
    }
    return _Fault(messages.get(kind, f"the row is not valid CSV ({error})"), line, column, max(taken, first + 1))


# --------------------------------------------------------------------------- the project's file


def data_path_problem(root: Path, name: str) -> str | None:
    """Why ``compliance.data`` of site_config.yml is not a readable file inside the project, or None."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "the path has control characters"
    if "\\" in name or name.startswith("/") or ":" in name:
        return "write the path relative to the project folder, with forward slashes (e.g. data/measurements.csv)"
    if ".." in PurePosixPath(name).parts:
        return "the path may not climb out of the project with '..'"
    try:
        path = (root / name).resolve()
        if not path.is_relative_to(root.resolve()):
            return "the file is a link to a place outside the project"
        if not path.is_file():
            return f"there is no file {name} in the project"
        if not os.access(path, os.R_OK):
            return f"{name} cannot be read (permissions)"
    except (OSError, ValueError) as exc:
        return f"the file cannot be read ({exc})"
    return None
