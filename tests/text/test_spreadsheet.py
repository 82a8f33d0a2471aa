"""The formula-injection guard of every spreadsheet cell we write, and its removal on reading back."""

from __future__ import annotations

import pytest

from generator.text.spreadsheet import formula_safe, one_line_cell, unguarded


@pytest.mark.parametrize("text", ["=1+1", "+34 900 102 030", "-5 %", "@SUM(A1)", '=HYPERLINK("http://x")'])
def test_a_formula_start_is_neutralised_and_restored(text: str) -> None:
    assert formula_safe(text) == "'" + text
    assert unguarded(formula_safe(text)) == text


@pytest.mark.parametrize("text", ["Washing machines", "'quoted'", "007", "E-21", ""])
def test_other_texts_pass_unchanged(text: str) -> None:
    assert formula_safe(text) == text
    assert unguarded(text) == text


def test_one_line_cell_folds_whitespace_before_guarding() -> None:
    assert one_line_cell("  =cmd|' /C calc'!A0\n next") == "'=cmd|' /C calc'!A0 next"
