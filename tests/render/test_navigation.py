"""Navigation at scale: a big section is split into groups so pages stay small and builds linear."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import PortalView, nav_paths

from generator.load.project import load_project
from generator.render.navigation import NAV_GROUP_SIZE, NAV_GROUPS_PER_LEVEL, nav_groups

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_sections_over_the_limit_are_grouped_and_keep_every_page(tmp_path: Path) -> None:
    corpus = tmp_path / "kb"
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--items", "400", "--out", str(corpus)],
                   check=True, capture_output=True, timeout=120)
    kb = load_project(corpus).kb
    renderer = PortalView(kb, "staff", "en")
    nav = renderer.navigation()
    sections = {next(iter(entry)): next(iter(entry.values())) for entry in nav[1:]
                if isinstance(next(iter(entry.values())), list)}  # type sections, not single pages
    guides = sections["Self-repair guides"]
    count = len(kb.of_type("guide"))
    assert count > NAV_GROUP_SIZE
    assert guides[0] == "guides/index.md"
    groups = guides[1:]
    assert len(groups) == -(-count // NAV_GROUP_SIZE)
    assert all(len(next(iter(group.values()))) <= NAV_GROUP_SIZE for group in groups)
    assert all(" – " in next(iter(group)) for group in groups)
    listed = nav_paths(nav)
    assert sorted(listed) == sorted(set(listed))
    assert set(listed) >= {f"guides/{item.id}.md" for item in kb.of_type("guide")}
    assert set(listed) == renderer.page_paths()
    small = [section for section in sections.values() if len(nav_paths(section)) - 1 <= NAV_GROUP_SIZE]
    assert small and all(isinstance(next(iter(entry.values())), str) for section in small for entry in section[1:])


def _levels(entries: list, depth: int = 0) -> list[tuple[int, int]]:
    """(depth, entries listed) for every level of a grouped section."""
    out = [(depth, len(entries))]
    for entry in entries:
        (value,) = entry.values()
        if isinstance(value, list):
            out.extend(_levels(value, depth + 1))
    return out


def test_a_very_big_section_is_grouped_again_so_every_menu_level_stays_short() -> None:
    """10,000 guides: groups of groups, no level longer than 50 links or 10 groups, every guide
    once and in order, each group named after its first and last guide."""
    links = [{f"Guide {number:05d}": f"guides/g{number}.md"} for number in range(10_000)]
    top = nav_groups(links)
    assert nav_paths(top) == [f"guides/g{number}.md" for number in range(10_000)]
    levels = _levels(top)
    assert max(count for depth, count in levels if depth < max(d for d, _ in levels)) <= NAV_GROUPS_PER_LEVEL
    assert max(count for depth, count in levels if depth == max(d for d, _ in levels)) <= NAV_GROUP_SIZE
    (first_name, first_group), = top[0].items()
    assert first_name == "Guide 00000 – " + next(iter(_last_leaf(first_group)))
    # 51 links: two even runs, not 50 and a lonely one.
    assert [len(next(iter(group.values()))) for group in nav_groups(links[:51])] == [25, 26]
    assert nav_groups(links[:50]) == links[:50]  # what fits stays flat


def _last_leaf(entries: list) -> dict:
    (value,) = entries[-1].values()
    return _last_leaf(value) if isinstance(value, list) else entries[-1]
