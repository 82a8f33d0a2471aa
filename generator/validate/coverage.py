"""Coverage: every procedure has steps in each required phase, and 'departments' steps name one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model.fields import PHASES
from generator.validate.codes import rule
from generator.validate.diagnostics import Diagnostic

if TYPE_CHECKING:
    from generator.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class CoverageRow:
    """One procedure's line of the coverage matrix."""

    procedure: str
    file: str
    phases: dict[str, int]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict:
        return {"procedure": self.procedure, "file": self.file, "phases": self.phases,
                "missing": list(self.missing), "complete": self.complete}


def coverage_matrix(kb: KnowledgeBase) -> list[CoverageRow]:
    required = kb.config.required_phases
    rows = []
    for item in kb.procedures():
        counts = {phase: len(getattr(item.model.steps, phase)) for phase in PHASES}
        missing = tuple(phase for phase in PHASES if phase in required and counts[phase] == 0)
        rows.append(CoverageRow(item.id, item.file, counts, missing))
    return rows


def check_coverage(kb: KnowledgeBase) -> list[Diagnostic]:
    diagnostics = []
    by_id = {item.id: item for item in kb.procedures()}
    for row in coverage_matrix(kb):
        item = by_id[row.procedure]
        for phase in row.missing:
            # Point at the phase key if written (an empty list), else at the 'steps' key.
            written = ("steps", phase) in item.source.key_positions
            line, column = item.position(("steps", phase) if written else ("steps",), key=True)
            diagnostics.append(Diagnostic(
                rule("coverage.missing-phase").severity, "coverage.missing-phase",
                f"the procedure has no step in the '{phase}' phase; every procedure must cover "
                + ", ".join(kb.config.required_phases),
                item.file, line, column, item.id))
        for index, step in enumerate(item.model.steps.departments):
            if step.department is None:
                line, column = item.position(("steps", "departments", index))
                diagnostics.append(Diagnostic(
                    rule("coverage.missing-department").severity, "coverage.missing-department",
                    f"steps.departments[{index}]: name the department involved (department: warehouse,"
                    " transport, sales, accounting...)",
                    item.file, line, column, item.id))
    return diagnostics
