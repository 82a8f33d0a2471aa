"""Numbers and units in words, in the page's language: '4 hours', 'at most 1 month', '50 %'."""

from __future__ import annotations

from collections.abc import Callable

Say = Callable[[str], str]
"""An interface word by its key, in the page's language (``PageScope.label``, ``Portal.label``)."""


def value_words(target, say: Say) -> str:
    """'4 hours', '1 month', '95 %': the value and its unit, singular for one."""
    key = f"unit.one.{target.unit}" if target.value == 1 and target.unit in SINGULAR_UNITS else f"unit.{target.unit}"
    return f"{target.value:g} {say(key)}".strip()


def target_words(target, say: Say) -> str:
    """'at most 4 hours', 'com a mínim 100 %': the limit, the value and the unit."""
    return f"{say('limit.' + target.limit)} {value_words(target, say)}"


SINGULAR_UNITS = frozenset({"minutes", "hours", "working_hours", "days", "working_days", "weeks", "months", "years",
                            "euros"})
"""Units with a singular label (``unit.one.*``), for '1 month' rather than '1 months'."""


def percent(share: float, lang: str) -> str:
    """0.5 → '50 %' (Catalan, Spanish), '50%' (English): the threshold in the page's text."""
    number = f"{share * 100:.2f}".rstrip("0").rstrip(".")
    if lang != "en":
        number = number.replace(".", ",")
    return f"{number}%" if lang == "en" else f"{number}\u00a0%"
