"""Fingerprints and dependencies: what counts as a change a dependant must be re-checked for.

Document control is not content (re-approving a standard must not make every procedure citing it
suspect); every other change, however small, is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.review.fingerprint import dependencies, fingerprint

PROC = "content/procedures/warranty-repair.yml"
STD = "content/standards/answer-within-4-hours.yml"
STD_ID = "answer-within-4-hours"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first match of the regular expression ``old`` (which must be there) by ``new``."""
    path = root / rel
    text, count = re.subn(old, lambda _: new, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"{rel} no longer contains {old!r}"
    path.write_text(text, encoding="utf-8")


def fingerprint_of(root: Path, item_id: str) -> str:
    return fingerprint(load_project(root).kb.get(item_id))


def test_fingerprint_is_sha256_prefix_with_16_hex_digits(new_project: Path) -> None:
    for item in load_project(new_project).kb.items:
        assert re.fullmatch(r"sha256:[0-9a-f]{16}", fingerprint(item)), item.id


def test_fingerprint_is_stable_across_loads(new_project: Path) -> None:
    assert fingerprint_of(new_project, STD_ID) == fingerprint_of(new_project, STD_ID)


def test_fingerprints_of_different_items_differ(new_project: Path) -> None:
    items = load_project(new_project).kb.items
    assert len({fingerprint(item) for item in items}) == len(items)


@pytest.mark.parametrize(("old", "new"), [
    ('version: "1.0"', 'version: "2.3"'),
    (r"approved: \S+", "approved: 2026-01-15"),
    (r"next_review: \S+", "next_review: 2036-06-30"),
    (r"next_review: \S+", ('next_review: 2036-06-30\n  approved_by: "Quality manager"\n'
                            '  history:\n    - {version: "0.9", date: 2026-01-01, summary: "Draft"}')),
    ("owner: head-of-after-sales  #", "owner: head-of-after-sales  # changed comment #"),
], ids=["version", "approved", "next-review", "history", "comment"])
def test_document_control_and_comments_do_not_change_the_fingerprint(new_project: Path, old: str, new: str) -> None:
    before = fingerprint_of(new_project, STD_ID)
    edit(new_project, STD, old, new)
    project = load_project(new_project)
    assert not project.diagnostics
    assert fingerprint(project.kb.get(STD_ID)) == before


@pytest.mark.parametrize(("old", "new"), [
    (r"within 4 hours of receiving it\.", "within 4 hours of receiving it!"),
    ('es: "Respuesta en 4 horas"', 'es: "Respuesta en cuatro horas"'),
    ("value: 4", "value: 5"),
    ("limit: at_most", "limit: at_least"),
    ("frequency: monthly", "frequency: weekly"),
    ("audience: staff", "audience: public"),
    ("when_missed: [{]", "categories: [C]\nwhen_missed: {"),
], ids=["commitment", "title-es", "target", "limit", "frequency", "audience", "new-field"])
def test_any_content_change_changes_the_fingerprint(new_project: Path, old: str, new: str) -> None:
    before = fingerprint_of(new_project, STD_ID)
    edit(new_project, STD, old, new)
    assert not load_project(new_project).diagnostics
    assert fingerprint_of(new_project, STD_ID) != before


def test_a_default_written_out_does_not_change_the_fingerprint(new_project: Path) -> None:
    """Writing ``limit: at_most`` (the default) or leaving it out says the same thing; likewise an
    optional field a later aftersales adds with a default leaves existing fingerprints alone."""
    before = fingerprint_of(new_project, STD_ID)
    edit(new_project, STD, "  limit: at_most  # at_most, at_least or exactly\n", "")
    assert fingerprint_of(new_project, STD_ID) == before


def test_list_order_matters(new_project: Path) -> None:
    before = fingerprint_of(new_project, "warranty-repair")
    edit(new_project, PROC, r"products: \[washing-machines\]", "products: [washing-machines]\ntags: [repair, warranty]")
    tagged = fingerprint_of(new_project, "warranty-repair")
    edit(new_project, PROC, r"tags: \[repair, warranty\]", "tags: [warranty, repair]")
    assert len({before, tagged, fingerprint_of(new_project, "warranty-repair")}) == 3


def test_dependencies_are_cited_items_once_each_without_document_control_or_departments(new_project: Path) -> None:
    procedure = load_project(new_project).kb.get("warranty-repair")
    found = dependencies(procedure)
    assert [(d.id, d.type) for d in found] == [
        ("washing-machines", "product"),
        ("legal-guarantee", "warranty"),
        ("head-of-after-sales", "role"),  # step roles, not document.owner; cited four times, listed once
        ("repair-call-log", "form"),
        ("answer-within-4-hours", "standard"),
    ]
    role = next(d for d in found if d.id == "head-of-after-sales")
    assert role.loc == ("steps", "reception", 0, "role")  # its first citation
    assert all(d.loc[0] != "document" for d in found)


def test_an_item_cited_only_as_document_owner_is_not_a_dependency(new_project: Path) -> None:
    kb = load_project(new_project).kb
    standard = kb.get(STD_ID)
    assert standard.model.document.owner == "head-of-after-sales"
    assert dependencies(standard) == []


def test_training_depends_on_what_it_teaches(new_project: Path) -> None:
    training = load_project(new_project).kb.get("after-sales-basics")
    assert {(d.id, d.type) for d in dependencies(training)} == {
        ("head-of-after-sales", "role"), ("warranty-repair", "procedure"), ("answer-within-4-hours", "standard")}
