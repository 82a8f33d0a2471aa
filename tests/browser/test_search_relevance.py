"""Relevance of our search on the built example (issue 22, item 5): the query sets of
``bench/relevance/`` typed into each portal's search dialog in Chromium, as
``python bench/search_relevance.py [--queries FILE]`` does; overall hit@1 and hit@3 must not fall
under the floors below. The figures and the misses of a run are printed by that script.

``queries.yml`` is the set the ranking was tuned on; ``holdout.yml`` was written blind from the
content and is never tuned against: a change that helps the first and hurts the second is
fitting the test, and this file says so."""

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
FLOORS = {
    # measured 93.2 % / 73.7 % (110 and 87 of 118) on 2026-12-06 after issue 27 added 29 items
    # (94.1 % / 74.6 % before them; 42.4 % / 35.6 % before issue 22)
    "queries.yml": {"hit3": 0.90, "hit1": 0.70},
    # measured 86.1 % / 72.2 % (62 and 52 of 72) on 2026-12-06 after issue 27's items (87.5 % /
    # 79.2 % before them; 87.5 % / 75.0 % at its first run; 72.2 % / 51.4 % at 8d8d56b)
    "holdout.yml": {"hit3": 0.83, "hit1": 0.69},
}


def relevance_module():
    """bench/search_relevance.py, imported once (bench/ is not a package)."""
    if "search_relevance" not in sys.modules:
        spec = importlib.util.spec_from_file_location("search_relevance", BENCH / "search_relevance.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["search_relevance"] = module  # before running it: its dataclasses look it up
        spec.loader.exec_module(module)
    return sys.modules["search_relevance"]


@pytest.mark.parametrize("name, least", [("queries.yml", 90), ("holdout.yml", 60)])
def test_the_query_sets_are_large_varied_and_name_real_pages(example_site, name, least) -> None:
    relevance = relevance_module()
    queries = relevance.load_queries(BENCH / "relevance" / name)
    assert len(queries) >= least
    assert {q.portal.split("/")[1] for q in queries} == {"ca", "es", "en"}
    assert sum(q.portal.startswith("staff/") for q in queries) >= 25
    assert relevance.missing_pages(queries, example_site) == []


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_overall_hit_at_1_and_hit_at_3_stay_above_their_floors(browser, site_url, name) -> None:
    relevance = relevance_module()
    floor = FLOORS[name]
    outcomes = relevance.run_queries(browser, site_url, relevance.load_queries(BENCH / "relevance" / name))
    result = relevance.report("aftersales", outcomes)
    overall = result.overall
    summary = (f"{name}: hit@1 {100 * overall.hit1:.1f} % (floor {100 * floor['hit1']:.0f} %), "
               f"hit@3 {100 * overall.hit3:.1f} % (floor {100 * floor['hit3']:.0f} %), MRR {overall.mrr:.3f}, "
               f"{overall.queries} queries; misses:\n" + "\n".join(map(relevance.describe_miss, result.misses)))
    assert overall.hit3 >= floor["hit3"] and overall.hit1 >= floor["hit1"], summary
