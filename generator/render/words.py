"""Numbers and units in words, in the page's language: '4 hours', 'at most 1 month', '50 %'."""

from __future__ import annotations

from typing import Protocol

from markupsafe import Markup

from generator.i18n import formats


class Speaker(Protocol):
    """What speaks the page's language: its code and its interface words (``PageScope``, ``Portal``,
    ``generator.i18n.labels.Words``)."""

    lang: str

    def label(self, key: str) -> str: ...


def value_words(target, words: Speaker) -> str:
    """'4 hours', '1 month', '4,5 hores': the value (in the language's digits) and its unit, singular for one."""
    key = f"unit.one.{target.unit}" if target.value == 1 and target.unit in SINGULAR_UNITS else f"unit.{target.unit}"
    return f"{formats.decimal(target.value, words.lang, 3)} {words.label(key)}".strip()


def target_words(target, words: Speaker) -> str:
    """'at most 4 hours', 'com a mínim 100 %': the limit, the value and the unit."""
    return f"{words.label('limit.' + target.limit)} {value_words(target, words)}"


SINGULAR_UNITS = frozenset({"minutes", "hours", "working_hours", "days", "working_days", "weeks", "months", "years",
                            "euros"})
"""Units with a singular label (``unit.one.*``), for '1 month' rather than '1 months'."""


def percent(share: float, lang: str) -> str:
    """0.5 → '50 %' (Catalan, Spanish), '50%' (English): the threshold in the page's text."""
    return formats.percent(share, lang, 2)


def dated(day, lang: str) -> Markup:
    """A date as readers of ``lang`` write it, marked up with its ISO form for machines (``<time>``)."""
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), formats.long_date(day, lang))

