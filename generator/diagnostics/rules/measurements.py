"""Measured compliance: the measurements file of site_config.yml 'compliance.data', also read by
'aftersales report' (detected by generator/load/measurements.py and generator/load/project.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

_HEADER = "# data/measurements.csv\nstandard,date,met,value,cases,not_met\n"


def _csv(*rows: str) -> str:
    return _HEADER + "\n".join(rows)


DATA_UNREADABLE = Rule(
    "data.unreadable", "error", "The measurements file is missing, unreadable or outside the project.",
    "Without it the compliance pages and the report would silently show nothing.",
    example="""
        # site_config.yml (the file is data/measurements.csv)
        compliance:
          data: data/missing.csv
    """,
    fix="Name the measurements file by its path inside the project, with forward slashes.",
    fixed="""
        # site_config.yml
        compliance:
          data: data/measurements.csv
    """,
)
DATA_TOO_LARGE = Rule(
    "data.too-large", "error", "The measurements file is larger than 50 MiB.",
    "Years of cases fit in a few MiB; a huge file is a wrong export, and would slow every check and build.",
    example="""
        # data/measurements.csv: 80 MiB, the whole CRM exported with every column
        standard,date,met,value,cases,not_met,customer,address,notes,...
    """,
    fix="Export only the columns standard, date and met (or value, or cases and not_met), and only the"
        " standards you measure; or record monthly counts instead of single cases.",
    fixed="""
        # data/measurements.csv
        standard,date,cases,not_met
        answer-within-4-hours,2025-03,212,9
    """,
)
DATA_ENCODING = Rule(
    "data.encoding", "error", "The measurements file is not UTF-8.",
    "Excel's plain 'CSV' is Windows-1252: ids and yes/no answers would be misread; save as 'CSV UTF-8'.",
    example="""
        # data/measurements.csv, saved by Excel as plain 'CSV' (Windows-1252)
        standard,date,met,value,cases,not_met
        answer-within-4-hours,2025-03-04,sí,,,
    """,
    fix="Save the sheet again as 'CSV UTF-8 (comma delimited)'.",
)
DATA_EMPTY = Rule(
    "data.empty", "error", "The measurements file has no header or no rows.",
    "An empty export means the measurements were not recorded, or were exported from the wrong sheet.",
    example=_HEADER,
    fix="Export the sheet that holds the measurements, one row per case or per period.",
    fixed=_csv("answer-within-4-hours,2025-03-03,yes,,,"),
)
DATA_BAD_HEADER = Rule(
    "data.bad-header", "error", "The header row lacks a needed column, or names one twice.",
    "Every row is read by its column names: standard, date and met, value or cases + not_met.",
    example="""
        # data/measurements.csv
        standard,day,met,value,cases,not_met
    """,
    fix="Name the columns standard, date, and met, value or cases and not_met, once each.",
    fixed="""
        # data/measurements.csv
        standard,date,met
        answer-within-4-hours,2025-03-03,yes
    """,
)
DATA_BAD_ROW = Rule(
    "data.bad-row", "error", "A row is not valid CSV (a quote left open, text after a closing quote), has more"
    " cells than the header, no measurement, or both a case and counts.",
    "A row the reader would have to guess about is left out and reported rather than misread.",
    example=_csv("answer-within-4-hours,2025-03-03,yes,,,,oops"),
    fix="Give each row one cell per column of the header, and either a case (met or value) or a period's"
        " counts (cases and not_met).",
    fixed=_csv("answer-within-4-hours,2025-03-03,yes"),
)
DATA_UNKNOWN_STANDARD = Rule(
    "data.unknown-standard", "error", "A measurement (or a compliance goal) names a standard that does not exist.",
    "Usually a typo or a renamed standard: those cases would be counted for nothing.",
    example=_csv("answer-within-4-hour,2025-03-03,yes,,,"),
    fix="Write the standard's id exactly (the file name in content/standards/).",
    fixed=_csv("answer-within-4-hours,2025-03-03,yes,,,"),
)
DATA_BAD_DATE = Rule(
    "data.bad-date", "error", "A date is not a real YYYY-MM-DD date (or YYYY-MM for a period's counts).",
    "Cases are grouped by period; a wrong date puts them in the wrong one.",
    example=_csv("answer-within-4-hours,2025-02-30,yes,,,"),
    fix="Write a date that exists as YYYY-MM-DD (a period's counts as YYYY-MM); set the spreadsheet column's"
        " format to text or ISO dates before exporting.",
    fixed=_csv("answer-within-4-hours,2024-02-29,yes,,,"),
)
DATA_FUTURE_DATE = Rule(
    "data.future-date", "error", "A measurement is dated after today.",
    "Cases cannot be measured before they happen: usually a typo in the year or day and month swapped.",
    example=_csv("answer-within-4-hours,2099-01-04,yes,,,"),
    fix="Correct the date (often day and month are swapped: 2025-04-01 for 1 April).",
    fixed=_csv("answer-within-4-hours,2025-03-03,yes,,,"),
)
DATA_BAD_NUMBER = Rule(
    "data.bad-number", "error", "A value, cases or not_met cell is not a number (or not a whole one, or negative).",
    "Compliance is computed from these numbers; a misread one would move the p-chart.",
    example=_csv("answer-within-4-hours,2025-03-03,,3.5h,,"),
    fix="Write the number alone, in the standard's unit (3.5, not 3.5h); counts are whole numbers. A decimal"
        " comma is read in a file separated by semicolons.",
    fixed="""
        # data/measurements.csv
        standard;date;met;value;cases;not_met
        answer-within-4-hours;2025-03-03;;3,5;;
    """,
)
DATA_BAD_MET = Rule(
    "data.bad-met", "error", "A met cell is not yes or no, or contradicts the measured value.",
    "Whether each case met the standard is what the p-chart counts.",
    example=_csv("answer-within-4-hours,2025-03-03,maybe,,,"),
    fix="Write yes or no (sí/no and true/false are read too), or leave met empty and give the value.",
    fixed=_csv("answer-within-4-hours,2025-03-03,sí,,,"),
)
DATA_BAD_COUNTS = Rule(
    "data.bad-counts", "error", "A period has more cases not met than cases.",
    "The proportion not met would be over 100 %: one of the two counts is wrong.",
    example=_csv("answer-within-4-hours,2025-03,,,10,12"),
    fix="Correct the counts: not_met is the part of the period's cases that missed the standard.",
    fixed=_csv("answer-within-4-hours,2025-03,,,10,10"),
)

RULES = [DATA_UNREADABLE, DATA_TOO_LARGE, DATA_ENCODING, DATA_EMPTY, DATA_BAD_HEADER, DATA_BAD_ROW,
         DATA_UNKNOWN_STANDARD, DATA_BAD_DATE, DATA_FUTURE_DATE, DATA_BAD_NUMBER, DATA_BAD_MET, DATA_BAD_COUNTS]
