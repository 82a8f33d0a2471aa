"""The warranty rules as an executable decision table: evaluation (:mod:`.table`) and analysis
(:mod:`.analysis`: gaps, overlaps, shadowed rules, the legal minimum). Pure: no files, no output."""

from generator.warranty.table import (
    FACTS,
    AgeRange,
    Decision,
    InputCase,
    Table,
    TableRule,
    age_in_months,
    age_ranges,
    build_table,
    decide,
    decide_case,
    input_space,
    table_document,
)

__all__ = [
    "FACTS",
    "AgeRange",
    "Decision",
    "InputCase",
    "Table",
    "TableRule",
    "age_in_months",
    "age_ranges",
    "build_table",
    "decide",
    "decide_case",
    "input_space",
    "table_document",
]
