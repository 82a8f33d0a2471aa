"""Is each standard met, and is the process stable? The "control" step of PDCA, as numbers.

Cases are grouped into the periods of each standard's ``measurement.frequency`` (a standard
measured ``per_case`` is summed up per month). Per period: n cases, how many did not meet the
standard, the proportion not met p_i and the compliance 1 − p_i.

The **p-chart** (control chart of the proportion of times a standard is not met) has its centre
line at p̄ = Σ not met / Σ n and its control limits at p̄ ± 3·√(p̄(1 − p̄)/n_i), per period, since
n varies from period to period; the lower limit is clipped at 0, the upper at 1. A period is
**out of control** when its point falls beyond a limit (a special cause: something changed), or
when it is the 8th (or later) of consecutive points on the same side of the centre line (a shift
too small to cross a limit). A point on the centre line ends a run.

A standard is **below goal** when its compliance over all periods, or in its latest period, is
under the goal of site_config.yml (``compliance.goal``, or ``compliance.goals`` per standard).

Pure: no files, no output.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.load.measurements import Measurement
    from generator.model import Standard
    from generator.model.config import Compliance

SIGMAS = 3
RUN_LENGTH = 8
GROUPING = {"per_case": "monthly"}
"""The period a standard's cases are grouped by when its frequency is not itself a period."""
ABOVE_UCL, BELOW_LCL, RUN = "above_ucl", "below_lcl", "run"
"""Why a period is out of control: a point beyond a limit, or the run rule."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its first day, and a label that sorts like it (2026-03, 2026-W05, 2026-Q1)."""

    start: dt.date
    label: str


def grouping(frequency: str) -> str:
    """The frequency the cases of a standard are grouped by."""
    return GROUPING.get(frequency, frequency)


def period_of(day: dt.date, frequency: str) -> Period:
    """The period of ``frequency`` that ``day`` falls in (weeks are ISO weeks, Monday first)."""
    frequency = grouping(frequency)
    if frequency == "daily":
        return Period(day, day.isoformat())
    if frequency == "weekly":
        year, week, weekday = day.isocalendar()
        return Period(day - dt.timedelta(days=weekday - 1), f"{year}-W{week:02d}")
    if frequency == "monthly":
        return Period(day.replace(day=1), f"{day.year}-{day.month:02d}")
    if frequency == "quarterly":
        quarter = (day.month - 1) // 3 + 1
        return Period(dt.date(day.year, 3 * quarter - 2, 1), f"{day.year}-Q{quarter}")
    if frequency == "half_yearly":
        half = 1 if day.month <= 6 else 2
        return Period(dt.date(day.year, 6 * half - 5, 1), f"{day.year}-H{half}")
    if frequency == "yearly":
        return Period(dt.date(day.year, 1, 1), str(day.year))
    raise ValueError(f"unknown frequency {frequency!r}")


# --------------------------------------------------------------------------- the p-chart


@dataclass(frozen=True)
class Point:
    """One period on the p-chart."""

    period: Period
    cases: int
    not_met: int
    ucl: float
    lcl: float
    beyond: str | None = None
    """ABOVE_UCL or BELOW_LCL when the point falls beyond a control limit."""
    run: bool = False
    """The 8th or a later point of a run on one side of the centre line."""

    @property
    def p(self) -> float:
        """The proportion of cases not met."""
        return self.not_met / self.cases

    @property
    def compliance(self) -> float:
        return 1 - self.p

    @property
    def out_of_control(self) -> bool:
        return self.beyond is not None or self.run

    @property
    def rules(self) -> list[str]:
        """Which rules this point breaks: ABOVE_UCL / BELOW_LCL, RUN."""
        return [rule for rule in (self.beyond, RUN if self.run else None) if rule]


@dataclass(frozen=True)
class PChart:
    centre: float
    """p̄: all cases not met over all cases."""
    points: list[Point]


def p_chart(counts: Sequence[tuple[Period, int, int]]) -> PChart:
    """The p-chart of (period, cases, not met), in period order; periods without cases are left out."""
    counts = [(period, cases, not_met) for period, cases, not_met in counts if cases > 0]
    total = sum(cases for _, cases, _ in counts)
    centre = sum(not_met for _, _, not_met in counts) / total if total else 0.0
    points = []
    for period, cases, not_met in counts:
        ucl, lcl = control_limits(centre, cases)
        p = not_met / cases
        beyond = ABOVE_UCL if p > ucl + 1e-12 else BELOW_LCL if p < lcl - 1e-12 else None
        points.append(Point(period, cases, not_met, ucl, lcl, beyond))
    return PChart(centre, _mark_runs(points, centre))


def control_limits(centre: float, cases: int) -> tuple[float, float]:
    """(UCL, LCL) = p̄ ± 3·√(p̄(1 − p̄)/n), within [0, 1]."""
    spread = SIGMAS * math.sqrt(centre * (1 - centre) / cases)
    return min(1.0, centre + spread), max(0.0, centre - spread)


def _mark_runs(points: list[Point], centre: float) -> list[Point]:
    marked = []
    side, length = 0, 0
    for point in points:
        difference = point.p - centre
        here = 0 if abs(difference) <= 1e-12 else (1 if difference > 0 else -1)
        length = length + 1 if here != 0 and here == side else (1 if here != 0 else 0)
        side = here
        if length >= RUN_LENGTH:
            point = Point(point.period, point.cases, point.not_met, point.ucl, point.lcl, point.beyond, run=True)
        marked.append(point)
    return marked


# --------------------------------------------------------------------------- per standard


@dataclass(frozen=True)
class StandardCompliance:
    """Measured compliance with one standard: its p-chart, its goal and what to flag."""

    standard: str
    frequency: str
    """The standard's measurement frequency; the periods are :func:`grouping` of it."""
    goal: float
    chart: PChart
    values: list[float] = field(default_factory=list)
    """The measured values of the cases that gave one (for the histogram)."""

    @property
    def periods(self) -> list[Point]:
        return self.chart.points

    @property
    def cases(self) -> int:
        return sum(point.cases for point in self.periods)

    @property
    def not_met(self) -> int:
        return sum(point.not_met for point in self.periods)

    @property
    def compliance(self) -> float:
        """Over all periods."""
        return 1 - self.chart.centre

    @property
    def latest(self) -> Point:
        return self.periods[-1]

    @property
    def out_of_control(self) -> list[Point]:
        return [point for point in self.periods if point.out_of_control]

    @property
    def below_goal_overall(self) -> bool:
        return self.compliance < self.goal - 1e-12

    @property
    def below_goal_latest(self) -> bool:
        return self.latest.compliance < self.goal - 1e-12

    @property
    def status(self) -> str:
        """'out_of_control', 'below_goal' or 'in_control' (the first that applies)."""
        if self.out_of_control:
            return "out_of_control"
        if self.below_goal_overall or self.below_goal_latest:
            return "below_goal"
        return "in_control"

    @property
    def flagged(self) -> bool:
        return self.status != "in_control"


def goal_of(settings: Compliance, standard_id: str) -> float:
    return settings.goals.get(standard_id, settings.goal)


def assess(
    rows: Iterable[Measurement], standards: Mapping[str, Standard], settings: Compliance,
) -> list[StandardCompliance]:
    """Every standard with measurements, flagged ones first (out of control, then below goal), then by id."""
    by_standard: dict[str, dict[Period, list[int]]] = {}
    values: dict[str, list[float]] = {}
    for row in rows:
        standard = standards.get(row.standard)
        if standard is None:
            continue
        period = period_of(row.day, standard.measurement.frequency)
        counts = by_standard.setdefault(row.standard, {}).setdefault(period, [0, 0])
        counts[0] += row.cases
        counts[1] += row.not_met
        if row.value is not None:
            values.setdefault(row.standard, []).append(row.value)
    results = []
    for standard_id, periods in by_standard.items():
        chart = p_chart([(period, cases, not_met) for period, (cases, not_met) in sorted(periods.items())])
        if not chart.points:
            continue
        results.append(StandardCompliance(standard_id, standards[standard_id].measurement.frequency,
                                          goal_of(settings, standard_id), chart, values.get(standard_id, [])))
    order = {"out_of_control": 0, "below_goal": 1, "in_control": 2}
    results.sort(key=lambda result: (order[result.status], result.standard))
    return results
