"""The SVG charts: well-formed, accessible, escaped, and drawing what the numbers say."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from generator.compliance.charts import histogram_bins, histogram_svg, p_chart_svg
from generator.compliance.control import Period, StandardCompliance, p_chart
from generator.i18n.formats import percent
from generator.i18n.labels import label

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & </title><b onclick="y">'


def words(lang: str = "en"):
    return lambda key: label(key, lang)


def result(counts: list[tuple[int, int]], values: list[float] | None = None,
           standard: str = "answer-within-4-hours") -> StandardCompliance:
    start = dt.date(2026, 1, 1)
    chart = p_chart([(Period(start.replace(month=i + 1), f"2026-{i + 1:02d}"), n, not_met)
                     for i, (n, not_met) in enumerate(counts)])
    return StandardCompliance(standard, "monthly", 0.95, chart, values or [])


DRIFT = [(100, 4), (100, 10)] * 4 + [(100, 4), (100, 10), (100, 20), (100, 25)]
"""Alternating around the centre line (no run), then two months far above the upper limit."""


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def test_the_p_chart_is_an_accessible_well_formed_image() -> None:
    root = parse(p_chart_svg(result(DRIFT), "Questions answered within 4 hours", words(), "en"))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "p-chart: Questions answered within 4 hours"
    assert "12 periods" in desc.text and "2026-11 (20%: above the upper control limit)" in desc.text
    assert "2026-12 (25%: above the upper control limit)" in desc.text


def test_out_of_control_points_differ_in_shape_and_the_limits_step() -> None:
    drift = result(DRIFT)
    root = parse(p_chart_svg(drift, "t", words(), "en"))
    diamonds = root.findall(f".//{SVG}path[@class='as-ooc']")
    circles = root.findall(f".//{SVG}circle")
    assert len(diamonds) == len(drift.out_of_control) == 2
    assert len(circles) == 12 - 2 + 1  # in-control points, plus the legend's sample
    assert diamonds[0].get("fill") != circles[0].get("fill")
    assert diamonds[0].find(f"{SVG}title").text.startswith("2026-11: 20 of 100 not met")
    ucl = root.find(f".//{SVG}path[@class='as-ucl']").get("d")
    assert ucl.count("L") == 2 * 12 - 1  # a horizontal step per period, joined
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert {"2026-01", "2026-12", "UCL", "LCL", "p̄", "Beyond a limit"} <= set(texts)


def test_a_run_is_drawn_as_squares() -> None:
    runs = result([(100, 2)] * 8 + [(100, 8)] * 4)
    root = parse(p_chart_svg(runs, "t", words(), "en"))
    assert len(root.findall(f".//{SVG}rect[@class='as-run']")) == sum(point.run for point in runs.periods) == 1
    assert "Run of 8" in [element.text for element in root.iter(f"{SVG}text")]


def test_every_text_from_content_is_escaped() -> None:
    for svg in (p_chart_svg(result(DRIFT, standard="x\"><script>"), HOSTILE, words(), "ca"),
                histogram_svg(result(DRIFT, [1.0, 2.0, 5.0], standard="x\"><script>"), HOSTILE, 4, "at_most",
                              HOSTILE, words(), "ca")):
        assert "<script" not in svg and "<b " not in svg
        root = parse(svg)
        assert root.find(f"{SVG}title").text.endswith(HOSTILE)  # shown as text, exactly
        assert root.get("aria-labelledby").startswith('pchart-x"><script>') or \
            root.get("aria-labelledby").startswith('histogram-x"><script>')


def test_numbers_follow_the_language() -> None:
    svg = p_chart_svg(result([(300, 7)] * 12), "t", words("es"), "es")
    assert "2,3\u00a0%" in svg and "LCS" in svg


def test_the_histogram_marks_the_target_and_hatches_what_misses_it() -> None:
    values = [0.4, 1.2, 1.3, 2.5, 3.9, 4.0, 4.2, 6.8, 9.5]
    root = parse(histogram_svg(result(DRIFT, values), "Answers", 4, "at_most", "hours", words(), "en"))
    assert root.get("role") == "img"
    met = root.findall(f".//{SVG}rect[@class='as-met']")
    missed = root.findall(f".//{SVG}rect[@class='as-not-met']")
    assert met and missed and all(rect.get("fill").startswith("url(#") for rect in missed)
    target = root.find(f".//{SVG}line[@class='as-target']")
    assert target.get("x1") == target.get("x2")
    assert max(float(rect.get("x")) for rect in met) < float(target.get("x1")) <= min(
        float(rect.get("x")) for rect in missed)
    assert "9 measured values" in root.find(f"{SVG}desc").text
    assert "6 meet it and 3 do not" in root.find(f"{SVG}desc").text


def test_no_values_no_histogram() -> None:
    assert histogram_svg(result(DRIFT), "t", 4, "at_most", "hours", words(), "en") is None


@pytest.mark.parametrize(("limit", "target"), [("at_most", 4.0), ("at_least", 24.0), ("at_most", 7.5)])
def test_bins_never_straddle_the_target(limit: str, target: float) -> None:
    values = [i * 0.37 for i in range(1, 100)]
    binned = histogram_bins(values, target, limit)
    bins = binned.bins
    assert sum(b.count for b in bins) == len(values)
    assert any(abs(b.low - target) < 1e-9 or abs(b.high - target) < 1e-9 for b in bins)
    for b in bins:
        inside = [v for v in values if (b.low < v <= b.high if limit == "at_most" else b.low <= v < b.high)]
        assert len(inside) == b.count
        assert all((v <= target) == b.met if limit == "at_most" else (v >= target) == b.met for v in inside)
    widths = {round(b.high - b.low, 9) for b in bins}
    assert len(widths) == 1 and 6 <= len(bins) <= 60


def test_whole_numbers_get_one_bar_each() -> None:
    binned = histogram_bins([0, 1, 1, 2, 2, 2, 3, 4], 2, "at_most")
    assert binned.discrete
    assert [(b.low + b.high) / 2 for b in binned.bins] == [0, 1, 2, 3, 4]
    assert [b.count for b in binned.bins] == [1, 2, 3, 1, 1]
    assert [b.met for b in binned.bins] == [True, True, True, False, False]
    assert binned.target_x == 2.5  # between the last bar that meets it and the first that does not


def test_a_single_repeated_value_still_makes_a_histogram() -> None:
    binned = histogram_bins([3.5] * 10, 4, "at_most")
    assert sum(b.count for b in binned.bins) == 10


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
def test_the_goal_is_a_line_in_the_legend_and_in_words(lang: str) -> None:
    """Goal 95 % met: a line at 5 % not met, named in the legend, at its end and in the description."""
    root = parse(p_chart_svg(result(DRIFT), "t", words(lang), lang))
    goal = root.find(f".//{SVG}line[@class='as-goal']")
    centre = root.find(f".//{SVG}line[@class='as-centre']")
    assert goal is not None and goal.get("stroke-dasharray") and goal.get("stroke") != centre.get("stroke")
    texts = [element.text for element in root.iter(f"{SVG}text")]
    legend = label("cmp.legend.goal", lang).format(goal=percent(0.95, lang), not_met=percent(0.05, lang))
    assert legend in texts and label("cmp.goal_short", lang) in texts
    assert legend in root.find(f"{SVG}desc").text
    # Every legend entry stays inside the drawing (the legend wraps to a second row).
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("x")) + 6.2 * len(text.text or "") * (text.get("text-anchor") != "end") < 760 + 40
