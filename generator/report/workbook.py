"""The knowledge base as an XLSX workbook, for quality managers and auditors.

One sheet per content type (the columns of :mod:`generator.load.sheets`, which ``aftersales
import`` reads back), the product models, then the registers an audit asks for: the standards
register (the rows of the staff page's CSV), the coverage matrix, the document register, the
warranty decision table in evaluation order and, when measurements are configured, the
compliance summary. Every sheet has its header row frozen, an autofilter over its data and
columns wide enough to read; dates are real dates, ids are text, and every text cell goes
through the formula-injection guard of the CSV. Pure: returns the file's bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from generator.analyse.documents import review_date_status
from generator.load.sheets import MODELS_SHEET, SHEETS, item_row, model_rows
from generator.model.fields import PHASES
from generator.render.portal import Portal
from generator.render.standards import register_table
from generator.text.spreadsheet import formula_safe
from generator.warranty.table import COSTS, FACTS

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.load.knowledge_base import KnowledgeBase

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = "DDEBF7"
OVERDUE_FILL = "FFC7CE"
"""Light red: an overdue review, a phase or rule not met."""
DUE_SOON_FILL = "FFEB9C"
"""Light amber: a review due soon."""
WAIVED_FILL = "E4DFEC"
"""Light violet: a phase or rule waived (in force)."""

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")

REGISTER_SHEET = "standards-register"
COVERAGE_SHEET = "coverage"
DOCUMENTS_SHEET = "documents"
WARRANTY_SHEET = "warranty-table"
COMPLIANCE_SHEET = "compliance"


def build_workbook(kb: KnowledgeBase, analysis: Analysis, lang: str, *, created: dt.datetime | None = None) -> bytes:
    """The workbook's bytes; ``created`` (UTC) is stamped in its properties and on its zip entries when given."""
    from openpyxl import Workbook  # only the xlsx export pays for it

    workbook = Workbook()
    workbook.remove(workbook.active)
    portal = Portal.open(kb, "staff", lang, analysis, with_pdf=False)
    default_lang = kb.default_language
    for sheet in SHEETS.values():
        items = sorted(kb.of_type(sheet.type), key=lambda item: item.id)
        _add(workbook, sheet.name, [column.name for column in sheet.columns],
             [item_row(sheet, item.model, lang, default_lang) for item in items],
             widths=[column.width for column in sheet.columns], text_columns={0})
    products = sorted(kb.of_type("product"), key=lambda item: item.id)
    _add(workbook, MODELS_SHEET.name, [column.name for column in MODELS_SHEET.columns],
         [row for item in products for row in model_rows(item.model, lang, default_lang)],
         widths=[column.width for column in MODELS_SHEET.columns], text_columns={0, 1})
    headers, rows = register_table(portal)
    _add(workbook, REGISTER_SHEET, headers, rows, widths=[28, 36, 48, 18, 24, 40, 12, 40, 40, 16], text_columns={0})
    _coverage(workbook, portal)
    _documents(workbook, portal)
    _warranty(workbook, portal)
    if analysis.compliance:
        _compliance(workbook, portal)
    if created is not None:
        naive = created.replace(tzinfo=None)
        workbook.properties.created = naive
        workbook.properties.modified = naive
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue() if created is None else _stamped(buffer.getvalue(), created)


def _stamped(data: bytes, moment: dt.datetime) -> bytes:
    """The workbook with every zip entry, and its 'modified' property, dated ``moment``: openpyxl
    dates them now, so two exports of the same content with SOURCE_DATE_EPOCH set are
    byte-identical only once restamped."""
    stamp = max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # the zip format starts in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":  # openpyxl sets 'modified' to now when saving
                content = _MODIFIED.sub(rb"\g<1>" + moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            target.writestr(info, content)
    return out.getvalue()


def _add(workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
         widths: Sequence[int] = (), text_columns: Iterable[int] = (), fills: dict[tuple[int, int], str] | None = None,
         formats: dict[int, str] | None = None):
    """A sheet: bold header frozen, autofilter, widths, dates as dates, ids as text, texts guarded."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append([formula_safe(str(header)) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    text_columns = set(text_columns)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row_number, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=col)
            if isinstance(value, str):
                cell.value = formula_safe(value)
                cell.data_type = "s"  # never a formula, whatever openpyxl guesses from the text
                cell.alignment = wrap if "\n" in value else top
            else:
                cell.value = value
                cell.alignment = top
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif col - 1 in text_columns:
                cell.number_format = "@"  # stays text when edited: '007' is not the number 7
            elif formats and col - 1 in formats:
                cell.number_format = formats[col - 1]
            fill = (fills or {}).get((row_number, col - 1)) or (fills or {}).get((row_number, -1))
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    for index in range(len(headers)):
        width = widths[index] if index < len(widths) else max(12, min(40, len(str(headers[index])) + 4))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    return sheet


def _coverage(workbook, portal: Portal) -> None:
    """Procedures × required phases and coverage rules: steps per phase, rule status, waivers marked."""
    kb = portal.kb
    rules = kb.config.coverage_rules
    headers = ["procedure", "title", *PHASES, *(f"rule:{rule.id}" for rule in rules), "complete"]
    rows, fills = [], {}
    for row_number, row in enumerate(portal.analysis.coverage, start=2):
        values: list[Any] = [row.procedure, portal.title_of(row.procedure)]
        for col, phase in enumerate(PHASES, start=2):
            waiver = row.waived.get(f"phase:{phase}")
            if waiver is not None:
                values.append(f"{portal.label('waived_until')} {waiver.expires.isoformat()}")
                fills[row_number, col] = WAIVED_FILL
            else:
                values.append(row.phases[phase])
                if phase in row.missing:
                    fills[row_number, col] = OVERDUE_FILL
        for col, rule in enumerate(rules, start=2 + len(PHASES)):
            status = row.rules.get(rule.id, "not_applicable")
            if status == "waived":
                values.append(f"{portal.label('waived_until')} {row.waived[f'rule:{rule.id}'].expires.isoformat()}")
                fills[row_number, col] = WAIVED_FILL
            else:
                values.append(portal.label(status))
                if status == "not_met":
                    fills[row_number, col] = OVERDUE_FILL
        values.append(row.complete)
        rows.append(values)
    _add(workbook, COVERAGE_SHEET, headers, rows, widths=[28, 36, *([12] * (len(headers) - 2))],
         text_columns={0}, fills=fills)


def _documents(workbook, portal: Portal) -> None:
    """Every document by next review date: owner, version, approval, status; overdue rows in red."""
    today = portal.today
    warning_days = portal.kb.config.review_warning_days
    items = sorted(portal.kb.items, key=lambda item: (item.model.document.next_review, item.file))
    headers = ["id", "type", "title", "owner", "version", "approved", "approved_by", "next_review", "status", "file"]
    rows, fills = [], {}
    for row_number, item in enumerate(items, start=2):
        control = item.model.document
        status = review_date_status(control, today, warning_days)
        rows.append([item.id, item.type, portal.text(item.model.title), control.owner, control.version,
                     control.approved, control.approved_by, control.next_review,
                     portal.label(f"review_status.{status}"), item.file])
        if status in ("overdue", "dates_order"):
            fills[row_number, -1] = OVERDUE_FILL
        elif status == "due_soon":
            fills[row_number, -1] = DUE_SOON_FILL
    _add(workbook, DOCUMENTS_SHEET, headers, rows, widths=[28, 10, 36, 24, 9, 12, 22, 12, 16, 40],
         text_columns={0, 3, 4}, fills=fills)


def _warranty(workbook, portal: Portal) -> None:
    """The decision table, one row per rule in the order the hit policy reads them."""
    table = portal.analysis.warranty_table
    headers = ["order", "id", "title", "products", "causes", "from_month", "to_month", *FACTS, "covered",
               "category", "remedies", *(f"pays.{cost}" for cost in COSTS), "priority", "applies_from",
               f"hit_policy: {table.hit_policy}"]
    rows = []
    for order, rule in enumerate(table.in_order(), start=1):
        data = rule.as_dict()
        rows.append([order, rule.id, portal.text(rule.title), ", ".join(data["products"]), ", ".join(data["causes"]),
                     rule.from_month, rule.to_month,
                     *("any" if want is None else want for want in rule.facts),
                     rule.covered, rule.category, ", ".join(rule.remedies), *rule.pays, rule.priority,
                     rule.applies_from, None])
    _add(workbook, WARRANTY_SHEET, headers, rows, text_columns={1},
         widths=[7, 28, 36, 28, 28, 10, 10, 12, 12, 12, 9, 9, 20, 12, 12, 12, 9, 12, 18])


def _compliance(workbook, portal: Portal) -> None:
    """Measured standards, flagged first: status, cases, compliance overall and latest, goal."""
    headers = ["standard", "title", "status", "frequency", "periods", "cases", "not_met", "compliance",
               "latest_period", "latest_compliance", "goal", "out_of_control_periods"]
    rows, fills = [], {}
    for row_number, result in enumerate(portal.analysis.compliance, start=2):
        rows.append([result.standard, portal.title_of(result.standard), result.status, result.frequency,
                     len(result.periods), result.cases, result.not_met, result.compliance,
                     result.latest.period.label, result.latest.compliance, result.goal,
                     ", ".join(point.period.label for point in result.out_of_control)])
        if result.flagged:
            fills[row_number, 2] = OVERDUE_FILL
    _add(workbook, COMPLIANCE_SHEET, headers, rows, widths=[28, 36, 15, 12, 9, 9, 9, 12, 14, 12, 9, 30],
         text_columns={0}, fills=fills, formats={7: PERCENT_FORMAT, 9: PERCENT_FORMAT, 10: PERCENT_FORMAT})
