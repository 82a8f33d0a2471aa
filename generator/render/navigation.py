"""Long navigation sections in groups, so that a portal of thousands of items stays quick to build and to use."""

from __future__ import annotations

NAV_GROUP_SIZE = 50
"""Most links one navigation level lists: Material renders the open level's links on every page
of it, so a flat section of 3,500 guides makes the build quadratic (and the menu unusable)."""

NAV_GROUPS_PER_LEVEL = 10
"""Most groups one level lists before they are grouped in turn. With prune, a page's menu holds
the open path only: at most 50 links + 10 groups per level + the top groups, so it stays about
the same size from 1,000 to 10,000 items (flat groups: 35 group names more on every guide page
at 10,000, 20 KB more HTML per page, MkDocs' time per page up by a fifth)."""


def nav_groups(links: list[dict[str, str]]) -> list[dict]:
    """The links as they are when they fit in one level; else runs of at most NAV_GROUP_SIZE
    links named 'first title – last title', and while a level has more than
    NAV_GROUPS_PER_LEVEL groups, runs of them become groups of their own. Runs are even
    (51 links: 26 + 25, not 50 + 1)."""
    if len(links) <= NAV_GROUP_SIZE:
        return links
    level = [(run, run[0], run[-1]) for run in _even_runs(links, NAV_GROUP_SIZE)]
    while len(level) > NAV_GROUPS_PER_LEVEL:
        level = [([_named(*entry) for entry in run], run[0][1], run[-1][2])
                 for run in _even_runs(level, NAV_GROUPS_PER_LEVEL)]
    return [_named(*entry) for entry in level]


def _even_runs(entries: list, most: int) -> list[list]:
    count = -(-len(entries) // most)
    bounds = [len(entries) * number // count for number in range(count + 1)]
    return [entries[bounds[number]:bounds[number + 1]] for number in range(count)]


def _named(children: list, first: dict[str, str], last: dict[str, str]) -> dict[str, list]:
    return {f"{_shortened(next(iter(first)))} – {_shortened(next(iter(last)))}": children}


def _shortened(title: str, width: int = 24) -> str:
    return title if len(title) <= width else title[:width - 1].rstrip() + "…"
