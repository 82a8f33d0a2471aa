"""A plain step's ``next_step`` and ``end`` (issue 29, item 3): after a step without a decision
the case goes on with the step it names, or ends, instead of the next step by number. An unknown
target is reported at the ``next_step`` line and column; ``end`` with ``next_step``, or either on
a step with a decision (whose outcomes say where they lead), is refused with a message saying so."""

from __future__ import annotations

from pathlib import Path

from conftest import edit

from generator.load.project import load_project
from generator.validate import run_checks

PROC = "content/procedures/warranty-repair.yml"
ORDER_PART = "    - id: order-part\n      action:"
DIAGNOSE = "    - id: diagnose\n      action:"


def findings(root: Path, code: str | None = None) -> list[str]:
    project = load_project(root)
    return [d.format_text() for d in run_checks(project)
            if (d.code == code if code else d.severity in ("error", "warning"))]


def line_and_column(root: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate((root / PROC).read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_a_plain_step_may_jump_back_or_end(new_project: Path) -> None:
    edit(new_project, PROC, ORDER_PART, "    - id: order-part\n      next_step: register-call\n      action:")
    assert not findings(new_project)
    step = load_project(new_project).kb.get("warranty-repair").model.steps.departments[0]
    assert step.next_step == "register-call" and not step.end
    edit(new_project, PROC, "      next_step: register-call\n", "      end: true\n")
    assert not findings(new_project)


def test_an_unknown_next_step_is_reported_at_it(new_project: Path) -> None:
    edit(new_project, PROC, ORDER_PART, "    - id: order-part\n      next_step: register-cal\n      action:")
    line, column = line_and_column(new_project, "next_step: register-cal")
    column += len("next_step: ")  # at the value
    (found,) = findings(new_project, "ref.unknown-step")
    assert found.startswith(f"{PROC}:{line}:{column}: error ref.unknown-step: steps.departments[0].next_step:")
    assert "no step with the id 'register-cal'" in found and "register-call" in found


def test_end_and_next_step_on_one_step_are_refused(new_project: Path) -> None:
    edit(new_project, PROC, ORDER_PART,
         "    - id: order-part\n      next_step: register-call\n      end: true\n      action:")
    (found,) = findings(new_project)
    line, column = line_and_column(new_project, "- id: order-part")
    assert found.startswith(f"{PROC}:{line}:{column + 2}: error schema.")
    assert "ends the case (end: true) names no next_step" in found


def test_a_step_with_a_decision_keeps_them_on_its_outcomes(new_project: Path) -> None:
    edit(new_project, PROC, DIAGNOSE, "    - id: diagnose\n      end: true\n      action:")
    (found,) = findings(new_project)
    line, column = line_and_column(new_project, "- id: diagnose")
    assert found.startswith(f"{PROC}:{line}:{column + 2}: error schema.")
    assert "a step with a decision says where each outcome leads: move 'end' to its outcomes" in found
