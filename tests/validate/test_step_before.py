"""A step's ``before`` (issue 29, item 3): it names a step of the same procedure in an earlier
phase; otherwise check says so at the ``before`` line and column, and the step stays where it is
listed (nothing is dropped). The later-phase case is the fixture of ``ref.step-order``."""

from __future__ import annotations

from pathlib import Path

from conftest import edit

from generator.load.knowledge_base import run_order
from generator.load.project import load_project
from generator.validate import run_checks

PROC = "content/procedures/warranty-repair.yml"
ORDER_PART = "    - id: order-part\n      action:"


def findings(root: Path, code: str) -> list[str]:
    project = load_project(root)
    return [d.format_text() for d in run_checks(project) if d.code == code]


def line_and_column(root: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate((root / PROC).read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1 + len("before: ")
    raise AssertionError(text)


def plant_before(root: Path, target: str) -> None:
    edit(root, PROC, ORDER_PART, f"    - id: order-part\n      before: {target}\n      action:")


def test_a_department_step_before_a_sat_step_is_numbered_there(new_project: Path) -> None:
    plant_before(new_project, "diagnose")
    project = load_project(new_project)
    assert not [d for d in run_checks(project) if d.severity in ("error", "warning")]
    order = [step.id for _, _, step in run_order(project.kb.get("warranty-repair").model)]
    assert order.index("order-part") + 1 == order.index("diagnose")


def test_unknown_target_is_reported_at_before(new_project: Path) -> None:
    plant_before(new_project, "diagnosis")
    line, column = line_and_column(new_project, "before: diagnosis")
    (found,) = findings(new_project, "ref.unknown-step")
    assert found.startswith(f"{PROC}:{line}:{column}: error ref.unknown-step: steps.departments[0].before:")
    assert "no step with the id 'diagnosis'" in found and "diagnose" in found
    assert not findings(new_project, "ref.step-order")


def test_same_phase_says_the_list_already_gives_the_order(new_project: Path) -> None:
    edit(new_project, PROC, "  follow_up:\n    - action:", "  follow_up:\n    - id: call-back\n      action:")
    edit(new_project, PROC, "      role: head-of-after-sales\n      department: warehouse",
         "      role: head-of-after-sales\n      department: warehouse\n    - id: invoice\n"
         "      action: Invoice it.\n      role: head-of-after-sales\n      department: accounting")
    plant_before(new_project, "invoice")
    line, column = line_and_column(new_project, "before: invoice")
    (found,) = findings(new_project, "ref.step-order")
    assert found.startswith(f"{PROC}:{line}:{column}: error ref.step-order: steps.departments[0].before:")
    assert "same phase (departments)" in found and "list this step above it" in found
    order = [step.id for _, _, step in run_order(load_project(new_project).kb.get("warranty-repair").model)]
    assert order == ["register-call", "diagnose", "order-part", "invoice", "call-back"]


def test_later_phase_says_it_already_runs_before(new_project: Path) -> None:
    edit(new_project, PROC, "  follow_up:\n    - action:", "  follow_up:\n    - id: call-back\n      action:")
    plant_before(new_project, "call-back")
    line, column = line_and_column(new_project, "before: call-back")
    (found,) = findings(new_project, "ref.step-order")
    assert found.startswith(f"{PROC}:{line}:{column}: error ref.step-order:")
    assert "later phase (follow_up) than this step (departments)" in found
