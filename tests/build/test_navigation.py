"""Navigation at scale: a big section is split into groups so pages stay small and builds linear."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.load.project import load_project
from generator.render.pages import NAV_GROUP_SIZE, PortalRenderer

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _links(entries: list) -> list[str]:
    out = []
    for entry in entries:
        if isinstance(entry, str):
            out.append(entry)
        else:
            (value,) = entry.values()
            out.extend(_links(value) if isinstance(value, list) else [value])
    return out


def test_sections_over_the_limit_are_grouped_and_keep_every_page(tmp_path: Path) -> None:
    corpus = tmp_path / "kb"
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--items", "400", "--out", str(corpus)],
                   check=True, capture_output=True, timeout=120)
    kb = load_project(corpus).kb
    renderer = PortalRenderer(kb, "staff", "en")
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
    listed = _links(nav)
    assert sorted(listed) == sorted(set(listed))
    assert set(listed) >= {f"guides/{item.id}.md" for item in kb.of_type("guide")}
    assert set(listed) == renderer.page_paths()
    small = [section for name, section in sections.items() if name != "Self-repair guides"
             and len(section) - 1 <= NAV_GROUP_SIZE]
    assert all(isinstance(next(iter(entry.values())), str) for section in small for entry in section[1:])
