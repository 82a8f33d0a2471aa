"""Time targets as lengths: a standard's response and resolution times compared in minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.model.items import Target

MINUTES_PER: dict[str, int] = {
    "minutes": 1, "hours": 60, "days": 24 * 60, "weeks": 7 * 24 * 60,
    "months": 30 * 24 * 60, "years": 365 * 24 * 60,
    "working_hours": 60, "working_days": 8 * 60,
}
"""Length of each time unit in minutes: a month counts 30 days, a year 365, a working day 8 working hours."""
WORKING_UNITS = frozenset({"working_hours", "working_days"})
"""Working time runs only during working hours, so it converts into calendar time only with a timetable."""

def duration_minutes(target: Target) -> tuple[str, float] | None:
    """``('calendar' | 'working', minutes)`` of a time target, or None when the unit is not a duration."""
    per = MINUTES_PER.get(target.unit)
    if per is None:
        return None
    return ("working" if target.unit in WORKING_UNITS else "calendar"), target.value * per


def compare_durations(response: Target, resolution: Target) -> int | None:
    """-1, 0 or 1 as the response is shorter, equal or longer; None when they cannot be compared.

    Calendar units compare with each other and working units with each other, never across:
    2 working days may be 2 or 4 calendar days depending on the weekend.
    """
    first, second = duration_minutes(response), duration_minutes(resolution)
    if first is None or second is None or first[0] != second[0]:
        return None
    return (first[1] > second[1]) - (first[1] < second[1])
