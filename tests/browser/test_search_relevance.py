"""Relevance of our search on the built example (issue 22, item 5): the query set of
``bench/relevance/queries.yml`` typed into each portal's search dialog in Chromium, as
``python bench/search_relevance.py`` does; overall hit@1 and hit@3 must not fall under the
thresholds below. The figures and the misses of a run are printed by that script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BENCH = Path(__file__).resolve().parents[2] / "bench"

# Floors, not the goal: each is the figure measured on 2026-12-05 minus 5 points, rounded down,
# so that noise cannot make CI flaky. The target is hit@3 ≥ 95 % and hit@1 ≥ 80 %; raise
# these as the ranking improves (python bench/search_relevance.py prints today's figures).
MIN_HIT3 = 0.71  # measured 76.3 % (90 of 118) on 2026-12-05 with stems, stop words, typos and synonyms (42.4 % before); target 95 %
MIN_HIT1 = 0.53  # measured 58.5 % (69 of 118) on 2026-12-05 (35.6 % before); target 80 %


def relevance_module():
    """bench/search_relevance.py, imported once (bench/ is not a package)."""
    if "search_relevance" not in sys.modules:
        spec = importlib.util.spec_from_file_location("search_relevance", BENCH / "search_relevance.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["search_relevance"] = module  # before running it: its dataclasses look it up
        spec.loader.exec_module(module)
    return sys.modules["search_relevance"]


def test_the_query_set_is_large_varied_and_names_real_pages(example_site) -> None:
    relevance = relevance_module()
    queries = relevance.load_queries()
    assert len(queries) >= 90
    assert {q.portal.split("/")[1] for q in queries} == {"ca", "es", "en"}
    assert sum(q.portal.startswith("staff/") for q in queries) >= 25
    assert relevance.missing_pages(queries, example_site) == []


def test_overall_hit_at_1_and_hit_at_3_stay_above_their_floors(browser, site_url) -> None:
    relevance = relevance_module()
    outcomes = relevance.run_queries(browser, site_url, relevance.load_queries())
    result = relevance.report("aftersales", outcomes)
    overall = result.overall
    summary = (f"hit@1 {100 * overall.hit1:.1f} % (floor {100 * MIN_HIT1:.0f} %), "
               f"hit@3 {100 * overall.hit3:.1f} % (floor {100 * MIN_HIT3:.0f} %), MRR {overall.mrr:.3f}, "
               f"{overall.queries} queries; misses:\n" + "\n".join(map(relevance.describe_miss, result.misses)))
    assert overall.hit3 >= MIN_HIT3 and overall.hit1 >= MIN_HIT1, summary
