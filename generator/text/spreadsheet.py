"""Text cells of spreadsheets (the register's CSV, the XLSX export) and the formula-injection guard.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula: a title
written as ``=HYPERLINK(...)`` in a content file must reach the auditor's Excel as text. Every
text cell we write goes through :func:`formula_safe`; :func:`unguarded` undoes it when a sheet
we wrote is read back (``aftersales import``), so an export and an import change nothing.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@")
"""A spreadsheet reads a cell starting with one of these as a formula (CSV injection)."""

GUARD = "'"
"""Prefixed to such a cell: spreadsheets show the rest as text."""


def formula_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def one_line_cell(text: str) -> str:
    """One line of text (whitespace runs folded), neutralised against formula injection."""
    return formula_safe(" ".join(text.split()))


def unguarded(text: str) -> str:
    """A cell's text as it was before :func:`formula_safe` (the apostrophe before a formula start removed)."""
    if text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
