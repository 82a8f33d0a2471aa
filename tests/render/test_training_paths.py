"""Training in prerequisite order with a "Start here" path per role (issue 29, item 7): a role
page lists the modules the role needs, numbered, each after its prerequisites (pulled in even when
they name other roles only), with its time; the training index links each role's path."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, PortalView

from generator.load.project import load_project
from generator.render.training_paths import duration, training_path

LANGS = ("ca", "es", "en")
START_HERE = {"ca": "Per on començar", "es": "Por dónde empezar", "en": "Start here"}


@pytest.fixture(scope="module")
def kb():
    return load_project(REPO).kb


@pytest.fixture(scope="module")
def views(kb) -> dict[str, PortalView]:
    return {lang: PortalView(kb, "staff", lang) for lang in LANGS}


def section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}")
    end = markdown.find("\n## ", start + 3)
    return markdown[start:end if end > 0 else None]


def numbered_modules(markdown: str) -> list[tuple[int, str]]:
    """(number, module id) of each numbered line: '3. [Title](../training/<id>.md) · 6 h'."""
    return [(int(number), module) for number, module
            in re.findall(r"^(\d+)\. \[[^\]]+\]\(\.\./training/([\w-]+)\.md\)", markdown, re.MULTILINE)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_role_starts_with_the_prerequisites_of_its_modules_numbered_in_order(views, lang) -> None:
    page = views[lang].render("roles/quality-manager.md").markdown
    start = section(page, f"{START_HERE[lang]} {{ #start-here }}")
    rows = numbered_modules(start)
    assert [number for number, _ in rows] == list(range(1, len(rows) + 1))
    order = [module for _, module in rows]
    # "After-sales basics" names no quality manager, but "Managing quality" builds on it: first.
    assert order.index("after-sales-basics") < order.index("quality-management")
    basics = next(line for line in start.splitlines() if "training/after-sales-basics.md" in line)
    assert "2\u00a0h" in basics and "training/quality-management.md" in basics.split("·", 2)[2]  # needed before
    assert "6\u00a0h" in next(line for line in start.splitlines() if "(../training/quality-management.md) ·" in line)
    assert [line for line in start.splitlines() if line.strip()][-1].endswith(" 10\u00a0h.")  # the time in all


def test_every_roles_path_has_its_modules_and_their_prerequisites_each_after_them(kb, views) -> None:
    portal = views["en"].portal
    modules = {item.id: item for item in portal.items_of("training")}
    for role in portal.items_of("role"):
        path = training_path(portal, role.id)
        ids = [step.item.id for step in path]
        assert [step.number for step in path] == list(range(1, len(path) + 1))
        assert {module_id for module_id, module in modules.items() if role.id in module.model.roles} <= set(ids)
        for step in path:
            assert step.for_role == (role.id in step.item.model.roles)
            for need in step.item.model.prerequisites:
                assert need in ids and ids.index(need) < ids.index(step.item.id), (role.id, step.item.id, need)
            if not step.for_role:  # pulled in: says which later modules need it
                assert step.needed_by and all(step.item.id in later.model.prerequisites for later in step.needed_by)
        page = views["en"].render(f"roles/{role.id}.md").markdown
        if path:
            assert [module for _, module in numbered_modules(section(page, "Start here"))] == ids
        else:
            assert "#start-here" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_training_index_links_each_roles_start_here_path(views, lang) -> None:
    view = views[lang]
    index = view.render("training/index.md").markdown
    line = next(line for line in index.splitlines() if line.startswith(f"**{START_HERE[lang]}"))
    linked = re.findall(r"\]\(\.\./roles/([\w-]+)\.md#start-here\) \(([^)]+)\)", line)
    with_training = {role.id for role in view.portal.items_of("role") if training_path(view.portal, role.id)}
    assert {role for role, _ in linked} == with_training and len(linked) == len(with_training)
    assert dict(linked)["quality-manager"] == "10\u00a0h"
    # Then the modules, each after its prerequisites, as before.
    listed = re.findall(r"^- \[[^\]]+\]\(([\w-]+)\.md\)", index, re.MULTILINE)
    assert index.index(line) < index.index(f"]({listed[0]}.md)")
    modules = {item.id: item for item in view.portal.items_of("training")}
    for module in listed:
        assert all(listed.index(need) < listed.index(module) for need in modules[module].model.prerequisites)


def test_durations_in_hours_and_minutes() -> None:
    assert [duration(minutes) for minutes in (45, 60, 90, 120, 1440)] == [
        "45\u00a0min", "1\u00a0h", "1\u00a0h 30\u00a0min", "2\u00a0h", "24\u00a0h"]


def test_a_roles_checklists_are_one_list_item_each(views) -> None:
    page = views["en"].render("roles/sat-field-technician.md").markdown
    checklists = section(page, "Your checklists")
    items = [line for line in checklists.splitlines() if line.startswith("- ")]
    assert len(items) > 3 and all(line.count("[Print]") == 1 for line in items)
