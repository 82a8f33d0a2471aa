"""Property: any title, HTML and Markdown characters included, is shown exactly as typed (issue 26).

For generated titles (hypothesis) put into every item of a fresh ``aftersales init`` project, the
real build of the staff portal must show each one, as a browser reads the HTML, unchanged in:
the item's navigation entry, its page heading, the browser tab, its search result (the title
the search index gives the result list) and its print view.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.load.project import load_project
from generator.publish.site import build_site

pytestmark = pytest.mark.slow

ALPHABET = ("abcXYZ019 <>&\"'/\\`*_[](){}#!|=;:%-~^.,?@$+·àçñÉ\u202e\u200b")
TITLES = st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda text: text.strip())
PRINTED = ("procedures", "forms", "guides")
"""Folders of the types with a print view."""


def normal(text: str) -> str:
    return " ".join(text.split())


class Shown(HTMLParser):
    """What a browser shows of a page: its tab title, first heading and active navigation entry."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.places: dict[str, list[str]] = {"title": [], "h1": [], "active": []}
        self._open: list[tuple[str, str | None]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "a" and "headerlink" in classes:
            self._skip += 1
            self._open.append((tag, "skip"))
            return
        place = None
        if tag == "title" and not self.places["title"]:
            place = "title"
        elif tag == "h1" and not self.places["h1"]:
            place = "h1"
        elif tag == "a" and "md-nav__link--active" in classes and not self.places["active"]:
            place = "active"
        if tag in ("meta", "link", "img", "input", "br", "hr"):
            return
        self._open.append((tag, place))

    def handle_endtag(self, tag) -> None:
        while self._open:
            open_tag, place = self._open.pop()
            if place == "skip":
                self._skip -= 1
            elif place:
                self.places[place] = ["".join(self.places[place]) or "\0"]
            if open_tag == tag:
                break

    def handle_data(self, data) -> None:
        if self._skip:
            return
        for _, place in self._open:
            if place and place != "skip" and (not self.places[place] or self.places[place][0] != "\0"):
                self.places[place].append(data)


def shown(path: Path) -> dict[str, str]:
    parser = Shown()
    parser.feed(path.read_text(encoding="utf-8"))
    return {place: "".join(parts).replace("\0", "") for place, parts in parser.places.items()}


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("property") / "kb"
    assert main(["init", str(root)]) == 0
    return root


def _set_titles(root: Path, titles: list[str]) -> dict[str, tuple[str, str]]:
    """Give each item an English title from ``titles``; returns id → (type folder, title)."""
    chosen = {}
    files = sorted((root / "content").rglob("*.yml"))
    for path, title in zip(files, titles, strict=False):
        text = path.read_text(encoding="utf-8")
        line = re.search(r"(?m)^title: (\{.*\})$", text)
        assert line, f"{path} has no one-line title mapping"
        data = {"ca": "Títol", "es": "Título", "en": title}
        path.write_text(text.replace(line.group(0), "title: " + json.dumps(data)), encoding="utf-8")
        item_id = re.search(r"(?m)^id: (\S+)$", text).group(1)
        chosen[item_id] = (path.parent.name, title)
    return chosen


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(titles=st.lists(TITLES, min_size=8, max_size=8))
def test_any_title_is_shown_as_typed(base_project: Path, tmp_path_factory, titles: list[str]) -> None:
    root = tmp_path_factory.mktemp("case") / "kb"
    shutil.copytree(base_project, root)
    chosen = _set_titles(root, titles)
    project = load_project(root)
    assert {item.id for item in project.kb.items} >= set(chosen), project.diagnostics
    out = root / "site"
    build_site(project.kb, out, ["staff"], ["en"], with_pdf=False, jobs=1)
    portal = out / "staff" / "en"
    records = {}
    for record_file in (portal / "searchindex" / "pages").glob("*.json"):
        record = json.loads(record_file.read_text(encoding="utf-8"))
        records[record["url"]] = record["title"]
    problems = []
    for item_id, (folder, title) in chosen.items():
        expected = normal(title)
        page = f"{folder}/{item_id}.html"
        places = shown(portal / page)
        for place in ("h1", "active"):
            if normal(places[place]) != expected:
                problems.append(f"{page} {place}: {places[place]!r} != {title!r}")
        if not normal(places["title"]).startswith(expected + " - "):
            problems.append(f"{page} tab: {places['title']!r} does not start with {title!r}")
        found = next((value for url, value in records.items() if url.endswith(page)), None)
        if found is None or normal(found) != expected:
            problems.append(f"{page} search result: {found!r} != {title!r}")
        if folder in PRINTED:
            printed = shown(portal / "print" / folder / f"{item_id}.html")
            heading = normal(printed["h1"])  # "Checklist: <title>" for a procedure
            if heading != expected and not heading.endswith(": " + expected):
                problems.append(f"print/{page} heading: {printed['h1']!r} != {title!r}")
    assert not problems, "\n".join(problems)
