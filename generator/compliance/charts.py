"""The p-chart and the histogram of measured values, as inline SVG drawn at build time.

Like the procedure diagrams (``generator/render/diagram.py``): no chart script, no web font, no
request to another host, so a page works offline and prints. Every text is escaped here (ids and
titles come from content); the SVG is trusted markup for the page. Each chart is a ``role="img"``
with a ``<title>`` and a ``<desc>`` that says in words what the picture shows; out-of-control
points differ by shape as well as colour, and bars that miss the target are hatched.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from generator.compliance.control import StandardCompliance
from generator.i18n.formats import decimal, percent

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 52, 58, 56
FONT = 'font-family="sans-serif"'
POINT, LINE = "#1565c0", "#1565c0"
CENTRE, LIMIT = "#2e7d32", "#b71c1c"
GOAL = "#6a1b9a"
BEYOND, RUN = "#c62828", "#e65100"
MET, NOT_MET = "#1e88e5", "#c62828"
GRID, AXIS, INK = "#e0e0e0", "#616161", "#212121"

Label = Callable[[str], str]


def nice_step(rough: float) -> float:
    """The round step (1, 2, 2.5 or 5 × 10^k) nearest above ``rough``."""
    if rough <= 0:
        return 1.0
    exponent = math.floor(math.log10(rough))
    base = 10 ** exponent
    for factor in (1, 2, 2.5, 5, 10):
        if rough <= factor * base * (1 + 1e-9):
            return factor * base
    return 10 * base


def _open_svg(chart_id: str, css_class: str, title: str, description: str) -> list[str]:
    ident = escape(chart_id, quote=True)
    return [
        (f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
         f' width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{ident}-t {ident}-d" {FONT}>'),
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]


def _text(x: float, y: float, text: str, *, size: int = 11, anchor: str = "start", fill: str = INK,
          extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{escape(text)}</text>")


def _marker(kind: str, x: float, y: float, tip: str = "", legend: bool = False) -> str:
    """A point: circle (in control), diamond (beyond a limit), square (run rule)."""
    title = f"<title>{escape(tip)}</title>" if tip else ""
    ooc, run = ("", "") if legend else (' class="as-ooc"', ' class="as-run"')  # the legend's samples are not points
    if kind == "beyond":
        return (f'<path{ooc} d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f}'
                f' L{x - 7:.1f},{y:.1f} z" fill="{BEYOND}" stroke="{INK}" stroke-width="1">{title}</path>')
    if kind == "run":
        return (f'<rect{run} x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" fill="{RUN}"'
                f' stroke="{INK}" stroke-width="1">{title}</rect>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{POINT}" stroke="#fff" stroke-width="1">{title}</circle>'


def _legend(entries: list[tuple[str, str]]) -> list[str]:
    """(glyph markup at 0,0, text) pairs at the top of the chart, in rows that fit its width."""
    parts, x, y = [], LEFT, 14
    for glyph, text in entries:
        width = 30 + 6.2 * len(text)
        if x > LEFT and x + width - 14 > WIDTH - 8:
            x, y = LEFT, y + 17
        parts.append(f'<g transform="translate({x:.1f},{y})">{glyph}</g>')
        parts.append(_text(x + 16, y + 4, text))
        x += width
    return parts


# --------------------------------------------------------------------------- p-chart


def p_chart_svg(result: StandardCompliance, title: str, label: Label, lang: str) -> str:
    """The p-chart of one standard (trusted markup; every content text is escaped here)."""
    points = result.periods
    chart = result.chart
    count = len(points)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    goal_line = 1 - result.goal  # the goal as the largest proportion of cases not met
    highest = max([chart.centre, goal_line, *(p.ucl for p in points), *(p.p for p in points)])
    step = nice_step(max(highest * 1.1, 0.01) / 5)
    top_value = step * math.ceil(max(highest * 1.1, 0.01) / step - 1e-9)
    dx = plot_w / count

    def x_at(index: float) -> float:
        return LEFT + dx * (index + 0.5)

    def y_at(share: float) -> float:
        return TOP + plot_h * (1 - share / top_value)

    beyond = [p for p in points if p.beyond]
    runs = [p for p in points if p.run and not p.beyond]
    parts = _open_svg(f"pchart-{result.standard}", "as-pchart", f"{label('cmp.p_chart')}: {title}",
                      _p_chart_description(result, label, lang))
    ticks = round(top_value / step)
    for tick in range(ticks + 1):
        value = tick * step
        y = y_at(value)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_text(LEFT - 6, y + 4, percent(value, lang), anchor="end", fill=AXIS))
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="{AXIS}"/>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="{AXIS}"/>')
    every = max(1, math.ceil(count / max(1, plot_w // 52)))
    for index, point in enumerate(points):
        if index % every == 0:
            parts.append(_text(x_at(index), TOP + plot_h + 16, point.period.label, size=10, anchor="middle",
                               fill=AXIS))
    parts.append(_text(LEFT + plot_w / 2, HEIGHT - 12, label("period"), anchor="middle", fill=AXIS))
    parts.append(_text(16, TOP + plot_h / 2, label("cmp.proportion_not_met"), anchor="middle", fill=AXIS,
                       extra=f' transform="rotate(-90 16 {TOP + plot_h / 2:.1f})"'))

    for name, values, dash in (("ucl", [p.ucl for p in points], "6 4"), ("lcl", [p.lcl for p in points], "6 4")):
        path = []
        for index, value in enumerate(values):
            left, right, y = x_at(index) - dx / 2, x_at(index) + dx / 2, y_at(value)
            path.append(f"{'M' if index == 0 else 'L'}{left:.1f},{y:.1f} L{right:.1f},{y:.1f}")
        parts.append(f'<path class="as-{name}" d="{" ".join(path)}" fill="none" stroke="{LIMIT}"'
                     f' stroke-width="1.5" stroke-dasharray="{dash}"/>')
    parts.append(f'<line class="as-centre" x1="{LEFT}" y1="{y_at(chart.centre):.1f}" x2="{LEFT + plot_w}"'
                 f' y2="{y_at(chart.centre):.1f}" stroke="{CENTRE}" stroke-width="1.5"/>')
    parts.append(f'<line class="as-goal" x1="{LEFT}" y1="{y_at(goal_line):.1f}" x2="{LEFT + plot_w}"'
                 f' y2="{y_at(goal_line):.1f}" stroke="{GOAL}" stroke-width="2" stroke-dasharray="2 3"/>')
    ends = {label("cmp.ucl"): points[-1].ucl, "p̄": chart.centre, label("cmp.lcl"): points[-1].lcl,
            label("cmp.goal_short"): goal_line}
    colours = {"p̄": CENTRE, label("cmp.goal_short"): GOAL}
    placed: list[float] = []
    for text, value in sorted(ends.items(), key=lambda pair: -pair[1]):
        y = y_at(value) + 4
        while any(abs(y - other) < 11 for other in placed):
            y += 11
        placed.append(y)
        parts.append(_text(LEFT + plot_w + 4, y, text, size=10, fill=colours.get(text, LIMIT)))

    line = " ".join(f"{'M' if i == 0 else 'L'}{x_at(i):.1f},{y_at(p.p):.1f}" for i, p in enumerate(points))
    parts.append(f'<path class="as-p" d="{line}" fill="none" stroke="{LINE}" stroke-width="1.5"/>')
    for index, point in enumerate(points):
        kind = "beyond" if point.beyond else "run" if point.run else "point"
        tip = label("cmp.point_tip").format(period=point.period.label, not_met=point.not_met, cases=point.cases,
                                            p=percent(point.p, lang), lcl=percent(point.lcl, lang),
                                            ucl=percent(point.ucl, lang))
        if point.out_of_control:
            tip += " — " + "; ".join(label(f"cmp.rule.{rule}") for rule in point.rules)
        parts.append(_marker(kind, x_at(index), y_at(point.p), tip))

    legend = [
        (f'<line x1="0" y1="0" x2="12" y2="0" stroke="{LINE}" stroke-width="1.5"/>{_marker("point", 6, 0, legend=True)}',
         label("cmp.legend.p")),
        (f'<line x1="0" y1="0" x2="12" y2="0" stroke="{CENTRE}" stroke-width="1.5"/>', label("cmp.legend.centre")),
        (f'<line x1="0" y1="0" x2="12" y2="0" stroke="{LIMIT}" stroke-width="1.5" stroke-dasharray="4 2"/>',
         label("cmp.legend.limits")),
        (f'<line x1="0" y1="0" x2="12" y2="0" stroke="{GOAL}" stroke-width="2" stroke-dasharray="2 3"/>',
         label("cmp.legend.goal").format(goal=percent(result.goal, lang), not_met=percent(goal_line, lang))),
    ]
    if beyond:
        legend.append((_marker("beyond", 6, 0, legend=True), label("cmp.legend.beyond")))
    if runs:
        legend.append((_marker("run", 6, 0, legend=True), label("cmp.legend.run")))
    parts.extend(_legend(legend))
    parts.append("</svg>")
    return "".join(parts)


def _p_chart_description(result: StandardCompliance, label: Label, lang: str) -> str:
    points = result.periods
    text = label("cmp.p_chart_desc").format(
        periods=len(points), first=points[0].period.label, last=points[-1].period.label,
        centre=percent(result.chart.centre, lang),
        lcl_low=percent(min(p.lcl for p in points), lang), lcl_high=percent(max(p.lcl for p in points), lang),
        ucl_low=percent(min(p.ucl for p in points), lang), ucl_high=percent(max(p.ucl for p in points), lang),
    )
    text += " " + label("cmp.legend.goal").format(goal=percent(result.goal, lang),
                                                  not_met=percent(1 - result.goal, lang)) + "."
    flagged = result.out_of_control
    if not flagged:
        return f"{text} {label('cmp.none_out')}"
    listed = "; ".join(
        f"{p.period.label} ({percent(p.p, lang)}: {', '.join(label(f'cmp.rule.{rule}') for rule in p.rules)})"
        for p in flagged)
    return f"{text} {label('cmp.out_list')}: {listed}."


# --------------------------------------------------------------------------- histogram


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    met: bool
    """Whether the values of this bin meet the target (bins never straddle it)."""


@dataclass(frozen=True)
class Bins:
    bins: list[Bin]
    discrete: bool
    """Whole-number values (days, counts): one bar per value, centred on it."""
    target_x: float
    """Where the target line goes: the target, or (discrete) the edge between met and not met bars."""


DISCRETE_SPAN = 40
"""Whole-number values spanning at most this many get one bar per value."""


def histogram_bins(values: Sequence[float], target: float, limit: str) -> Bins:
    """Bins of a round width with an edge at the target, so each bin is wholly met or not met.

    Whole-number values (working days) get one bar per value. Otherwise about 2·∛n bins
    (Rice's rule, 6 to 24); for 'at most' targets the bins are (low, high], so a value equal to
    the target is in the bin ending at it, which meets it, otherwise [low, high). An 'exactly'
    target is met only by the value itself: the bin starting at it is shown as met.
    """
    low, high = min(min(values), target), max(max(values), target)
    if all(float(value).is_integer() for value in values) and high - low <= DISCRETE_SPAN:
        return _discrete_bins(values, target, limit, math.floor(low), math.ceil(high))
    wanted = min(24, max(6, round(2 * len(values) ** (1 / 3))))
    width = nice_step((high - low) / wanted) if high > low else nice_step(max(abs(high), 1.0) / 10)
    closed_right = limit == "at_most"
    if closed_right:
        first = target - (math.floor((target - low) / width + 1e-9) + 1) * width
        if first < 0 <= low and abs(first + width - low) < width * 1e-9:
            first += width  # values of exactly 0 go in the first bin, not in one below zero
        count = max(1, math.ceil((high - first) / width - 1e-9))
    else:
        first = target - math.ceil((target - low) / width - 1e-9) * width
        count = math.floor((high - first) / width + 1e-9) + 1
    counts = [0] * count
    for value in values:
        position = (value - first) / width
        index = math.ceil(position - 1e-9) - 1 if closed_right else math.floor(position + 1e-9)
        counts[min(max(index, 0), count - 1)] += 1
    bins = []
    for index, number in enumerate(counts):
        bin_low, bin_high = first + index * width, first + (index + 1) * width
        if limit == "at_most":
            met = bin_high <= target + width * 1e-6
        elif limit == "at_least":
            met = bin_low >= target - width * 1e-6
        else:
            met = bin_low <= target < bin_high
        bins.append(Bin(round(bin_low, 9), round(bin_high, 9), number, met))
    return Bins(bins, False, target)


def _discrete_bins(values, target: float, limit: str, low: int, high: int) -> Bins:
    counts = {value: 0 for value in range(low, high + 1)}
    for value in values:
        counts[int(value)] += 1
    if limit == "at_most":
        meets, edge = (lambda value: value <= target + 1e-9), math.floor(target + 1e-9) + 0.5
    elif limit == "at_least":
        meets, edge = (lambda value: value >= target - 1e-9), math.ceil(target - 1e-9) - 0.5
    else:
        meets, edge = (lambda value: abs(value - target) < 1e-9), target
    bins = [Bin(value - 0.5, value + 0.5, number, meets(value)) for value, number in counts.items()]
    return Bins(bins, True, edge)


def histogram_svg(result: StandardCompliance, title: str, target: float, limit: str, unit: str,
                  label: Label, lang: str) -> str | None:
    """The histogram of the measured values of one standard, with the target as a vertical line."""
    values = result.values
    if not values:
        return None
    binned = histogram_bins(values, target, limit)
    bins = binned.bins
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    low, high = bins[0].low, bins[-1].high
    tallest = max(b.count for b in bins)
    step = nice_step(max(tallest, 1) / 5)
    step = max(1.0, step)
    top_value = step * math.ceil(max(tallest, 1) / step)

    def x_at(value: float) -> float:
        return LEFT + plot_w * (value - low) / (high - low)

    def y_at(count: float) -> float:
        return TOP + plot_h * (1 - count / top_value)

    chart_id = f"histogram-{result.standard}"
    hatch = escape(f"{chart_id}-hatch", quote=True)
    unit_text = f" {unit}" if unit else ""
    parts = _open_svg(chart_id, "as-histogram", f"{label('cmp.histogram')}: {title}",
                      _histogram_description(values, binned, target, limit, unit_text, label, lang))
    parts.append(f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse"'
                 f' patternTransform="rotate(45)"><rect width="6" height="6" fill="{NOT_MET}"/>'
                 '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>')
    for tick in range(round(top_value / step) + 1):
        value = tick * step
        y = y_at(value)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_text(LEFT - 6, y + 4, decimal(value, lang, 0), anchor="end", fill=AXIS))
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="{AXIS}"/>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="{AXIS}"/>')
    for b in bins:
        x, right = x_at(b.low), x_at(b.high)
        y = y_at(b.count)
        fill = MET if b.met else f"url(#{hatch})"
        tip = f"{_bin_text(b, binned.discrete, lang)}{unit_text}: {b.count}"
        parts.append(f'<rect class="{"as-met" if b.met else "as-not-met"}" x="{x + 0.5:.1f}" y="{y:.1f}"'
                     f' width="{max(right - x - 1, 1):.1f}" height="{TOP + plot_h - y:.1f}" fill="{fill}"'
                     f' stroke="{INK if not b.met else MET}" stroke-width="0.5"><title>{escape(tip)}</title></rect>')
    ticks = [(b.low + b.high) / 2 for b in bins] if binned.discrete else [b.low for b in bins] + [high]
    every = max(1, math.ceil(len(ticks) / max(1, plot_w // 48)))
    for index, tick in enumerate(ticks):
        if index % every == 0:
            parts.append(_text(x_at(tick), TOP + plot_h + 16, decimal(tick, lang, 2), size=10, anchor="middle",
                               fill=AXIS))
    parts.append(_text(LEFT + plot_w / 2, HEIGHT - 12, label("cmp.measured_value") + (f" ({unit})" if unit else ""),
                       anchor="middle", fill=AXIS))
    parts.append(_text(16, TOP + plot_h / 2, label("cmp.cases"), anchor="middle", fill=AXIS,
                       extra=f' transform="rotate(-90 16 {TOP + plot_h / 2:.1f})"'))
    target_x = x_at(binned.target_x)
    parts.append(f'<line class="as-target" x1="{target_x:.1f}" y1="{TOP - 4}" x2="{target_x:.1f}"'
                 f' y2="{TOP + plot_h}" stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>')
    target_text = f"{label('cmp.legend.target')}: {label('limit.' + limit)} {decimal(target, lang, 2)}{unit_text}"
    anchor = "end" if target_x > LEFT + plot_w * 0.6 else "start"
    parts.append(_text(target_x + (-4 if anchor == "end" else 4), TOP + 8, target_text, anchor=anchor,
                       extra=' font-weight="bold"'))
    parts.extend(_legend([
        (f'<rect x="0" y="-6" width="12" height="12" fill="{MET}"/>', label("cmp.legend.met")),
        (f'<rect x="0" y="-6" width="12" height="12" fill="url(#{hatch})" stroke="{INK}" stroke-width="0.5"/>',
         label("cmp.legend.not_met")),
        (f'<line x1="6" y1="-7" x2="6" y2="7" stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>',
         label("cmp.legend.target")),
    ]))
    parts.append("</svg>")
    return "".join(parts)


def _bin_text(b: Bin, discrete: bool, lang: str) -> str:
    return decimal((b.low + b.high) / 2, lang, 0) if discrete else f"{decimal(b.low, lang, 2)}–{decimal(b.high, lang, 2)}"


def _histogram_description(values, binned: Bins, target, limit, unit_text, label: Label, lang: str) -> str:
    bins = binned.bins
    met = sum(b.count for b in bins if b.met)
    head = label("cmp.histogram_desc").format(
        count=len(values), low=decimal(min(values), lang, 2), high=decimal(max(values), lang, 2), unit=unit_text,
        target=f"{label('limit.' + limit)} {decimal(target, lang, 2)}{unit_text}", met=met, not_met=len(values) - met)
    listed = "; ".join(f"{_bin_text(b, binned.discrete, lang)}: {b.count}" for b in bins)
    return f"{head} {listed}."

