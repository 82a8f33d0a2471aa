"""Dates and numbers as readers of each language write them, from Babel's (CLDR's) locale data.

"20 d’octubre del 2026", "20 de octubre de 2026", "October 20, 2026"; "1.234,5" and "95 %". Pages,
print views and PDFs use these; YAML, CSV and JSON keep ISO dates and plain numbers. A language
Babel does not know (a code of the project's own) gets ISO dates and English numbers.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

FALLBACK = "en"


@lru_cache(maxsize=32)
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def long_date(day: dt.date, lang: str) -> str:
    """'20 de octubre de 2026': a date in words, as the language writes it in running text."""
    locale = _locale(lang)
    return format_date(day, "long", locale=locale) if locale is not None else day.isoformat()


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """3.5 → '3,5' in Catalan: at most ``digits`` decimals, trailing zeros dropped, grouped thousands."""
    locale = _locale(lang) or _locale(FALLBACK)
    text = format_decimal(round(value, digits), format="#,##0." + "#" * digits if digits else "#,##0", locale=locale)
    return "0" if text in ("-0", "−0") else text


@lru_cache(maxsize=64)
def _percent_pattern(lang: str, digits: int) -> tuple[str, Locale]:
    locale = _locale(lang) or _locale(FALLBACK)
    pattern = locale.percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0." + "#" * digits if digits else "#,##0", 1), locale


def percent(share: float, lang: str, digits: int = 1) -> str:
    """0.955 → '95,5 %' (Catalan), '95.5%' (English): the language's own percent sign and spacing."""
    pattern, locale = _percent_pattern(lang, digits)
    return format_percent(round(share, digits + 2), format=pattern, locale=locale)


def month_year(day: dt.date, lang: str) -> str:
    """'October 2026', 'octubre del 2026': a month as the language names it in a heading
    (CLDR's ``yMMMM`` skeleton); ISO ``2026-10`` for a language Babel does not know."""
    locale = _locale(lang)
    if locale is None:
        return day.strftime("%Y-%m")
    text = format_skeleton("yMMMM", day, locale=locale)
    return text[:1].upper() + text[1:]
