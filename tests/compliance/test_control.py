"""The p-chart and the flags, against the textbook formula and hand-worked cases."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from generator.compliance.control import (
    ABOVE_UCL,
    BELOW_LCL,
    RUN,
    Period,
    assess,
    control_limits,
    p_chart,
    period_of,
)
from generator.load.measurements import Measurement
from generator.model.config import Compliance

# Montgomery, Introduction to Statistical Quality Control, the orange-juice cans (trial limits):
# 30 samples of n = 50 cans, nonconforming cans per sample. Published: p̄ = 0.2313,
# UCL = 0.4102, LCL = 0.0524; samples 15 and 23 are above the upper limit.
ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]


def periods(counts: list[tuple[int, int]]) -> list[tuple[Period, int, int]]:
    start = dt.date(2026, 1, 1)
    return [(Period(start + dt.timedelta(days=i), f"{i + 1}"), n, not_met) for i, (n, not_met) in enumerate(counts)]


def test_limits_equal_the_textbook_on_the_orange_juice_data() -> None:
    chart = p_chart(periods([(50, x) for x in ORANGE_JUICE]))
    assert sum(ORANGE_JUICE) == 347
    assert round(chart.centre, 4) == 0.2313
    assert {round(point.ucl, 4) for point in chart.points} == {0.4102}
    assert {round(point.lcl, 4) for point in chart.points} == {0.0524}
    out = [(point.period.label, point.rules) for point in chart.points if point.out_of_control]
    assert out == [("15", [ABOVE_UCL]), ("23", [ABOVE_UCL])]


def test_limits_follow_each_periods_own_n_and_are_clipped() -> None:
    counts = [(100, 5), (400, 8), (25, 3), (1, 1)]
    chart = p_chart(periods(counts))
    centre = 17 / 526
    assert chart.centre == pytest.approx(centre)
    for point, (n, _) in zip(chart.points, counts):
        spread = 3 * math.sqrt(centre * (1 - centre) / n)
        assert point.ucl == pytest.approx(min(1.0, centre + spread))
        assert point.lcl == pytest.approx(max(0.0, centre - spread))
    assert chart.points[0].ucl > chart.points[1].ucl  # fewer cases, wider limits
    assert chart.points[2].lcl == 0.0  # clipped at 0
    assert control_limits(0.5, 1) == (1.0, 0.0)  # clipped at 1 and at 0


def test_a_point_below_the_lower_limit_is_out_of_control_too() -> None:
    chart = p_chart(periods([(1000, 100)] * 5 + [(1000, 10)]))
    assert chart.points[-1].beyond == BELOW_LCL
    assert chart.points[-1].rules == [BELOW_LCL]


def test_the_run_rule_fires_on_the_eighth_point_on_one_side() -> None:
    # 7 low points and 5 high ones: no run of 8 yet; with an 8th low one, it fires there.
    seven = p_chart(periods([(100, 5)] * 7 + [(100, 9)] * 5))
    assert not any(point.run for point in seven.points)
    eight = p_chart(periods([(100, 5)] * 8 + [(100, 9)] * 6))
    runs = [index for index, point in enumerate(eight.points) if point.run]
    assert runs == [7]
    assert eight.points[7].rules == [RUN]
    assert not any(point.beyond for point in eight.points)


def test_a_point_on_the_centre_line_ends_a_run() -> None:
    counts = [(100, 5)] * 4 + [(100, 7)] + [(100, 5)] * 4 + [(100, 11)] * 4
    chart = p_chart(periods(counts))
    assert chart.centre == pytest.approx(0.07)  # the 5th point lies on it: two runs of 4, not one of 8
    assert not any(point.run for point in chart.points)


def test_periods_without_cases_are_left_out() -> None:
    chart = p_chart(periods([(10, 1), (0, 0), (10, 2)]))
    assert [point.period.label for point in chart.points] == ["1", "3"]


@pytest.mark.parametrize(("day", "frequency", "label", "start"), [
    (dt.date(2026, 3, 18), "monthly", "2026-03", dt.date(2026, 3, 1)),
    (dt.date(2026, 3, 18), "per_case", "2026-03", dt.date(2026, 3, 1)),
    (dt.date(2025, 12, 29), "weekly", "2026-W01", dt.date(2025, 12, 29)),  # ISO week of the new year
    (dt.date(2026, 1, 4), "weekly", "2026-W01", dt.date(2025, 12, 29)),
    (dt.date(2026, 11, 30), "weekly", "2026-W49", dt.date(2026, 11, 30)),
    (dt.date(2026, 8, 31), "quarterly", "2026-Q3", dt.date(2026, 7, 1)),
    (dt.date(2026, 7, 1), "half_yearly", "2026-H2", dt.date(2026, 7, 1)),
    (dt.date(2026, 6, 30), "half_yearly", "2026-H1", dt.date(2026, 1, 1)),
    (dt.date(2026, 6, 30), "yearly", "2026", dt.date(2026, 1, 1)),
    (dt.date(2026, 6, 30), "daily", "2026-06-30", dt.date(2026, 6, 30)),
])
def test_periods_follow_the_measurement_frequency(day, frequency, label, start) -> None:
    assert period_of(day, frequency) == Period(start, label)


class _Std:
    """Just what assess() reads of a standard."""

    def __init__(self, frequency: str) -> None:
        self.measurement = type("M", (), {"frequency": frequency})()


def _months(standard: str, counts: list[tuple[int, int]]) -> list[Measurement]:
    return [Measurement(standard, dt.date(2026, month, 1), n, not_met)
            for month, (n, not_met) in enumerate(counts, start=1)]


def test_goals_flags_and_order() -> None:
    standards = {name: _Std("monthly") for name in ("stable", "low", "drift", "strict")}
    rows = [
        *_months("stable", [(100, 2)] * 6),                   # 98 %: in control, at goal
        *_months("low", [(100, 8)] * 6),                      # 92 %: stable but under 95 %
        *_months("drift", [(100, 2)] * 5 + [(100, 30)]),      # last month far above the UCL
        *_months("strict", [(100, 2)] * 5 + [(100, 4)]),      # 96 % last month, goal 0.97
    ]
    results = assess(rows, standards, Compliance(goal=0.95, goals={"strict": 0.97}))
    by_id = {result.standard: result for result in results}
    assert [result.standard for result in results] == ["drift", "low", "strict", "stable"]
    assert by_id["stable"].status == "in_control" and not by_id["stable"].flagged
    assert by_id["low"].status == "below_goal"
    assert by_id["low"].below_goal_overall and by_id["low"].below_goal_latest
    assert by_id["drift"].status == "out_of_control"
    assert [point.period.label for point in by_id["drift"].out_of_control] == ["2026-06"]
    assert by_id["strict"].goal == 0.97
    assert by_id["strict"].below_goal_latest and not by_id["strict"].below_goal_overall
    assert by_id["stable"].cases == 600 and by_id["stable"].not_met == 12
    assert by_id["stable"].compliance == pytest.approx(0.98)


def test_a_compliance_exactly_at_the_goal_is_not_below_it() -> None:
    results = assess(_months("s", [(20, 1)] * 3), {"s": _Std("monthly")}, Compliance(goal=0.95))
    assert results[0].status == "in_control"


def test_per_case_rows_are_counted_per_period_with_their_values() -> None:
    rows = [Measurement("s", dt.date(2026, 3, day), 1, int(day % 4 == 0), float(day)) for day in range(1, 29)]
    (result,) = assess(rows, {"s": _Std("weekly")}, Compliance())
    assert [point.period.label for point in result.periods] == ["2026-W09", "2026-W10", "2026-W11", "2026-W12",
                                                                "2026-W13"]
    assert sum(point.cases for point in result.periods) == 28
    assert result.values == [float(day) for day in range(1, 29)]
