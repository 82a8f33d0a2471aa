"""Change review: items citing something that changed since they were last reviewed.

Only when the project has a ``review.lock.json`` (written by ``aftersales review``); without
one, change review is not in use and nothing is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic, Rule
from generator.diagnostics.rules.changes import (
    CHANGE_LOCK_INVALID,
    CHANGE_ORPHAN,
    CHANGE_SUSPECT,
    CHANGE_UNRECORDED,
)
from generator.model.registry import TYPES_BY_NAME
from generator.review.lock import LOCK_NAME

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.load.project import Project


def check_changes(project: Project, analysis: Analysis) -> list[Diagnostic]:
    """The analysis stage's change review as diagnostics (it read the lock once for the whole run)."""
    read = analysis.review_lock
    if not read.exists:
        return []
    if read.lock is None or analysis.review is None:
        return [Diagnostic.at(LOCK_NAME, (problem.line, problem.column), CHANGE_LOCK_INVALID,
                              f"{problem.message}; change review is off until it is fixed") for problem in read.problems]
    status = analysis.review
    # Ids declared by files that failed to load keep their entries: out of reach, not orphans.
    declared = {declared.id for declared in project.declared}
    diagnostics = []

    def report(rule: Rule, message: str, file: str, position: tuple[int, int], item: str) -> None:
        diagnostics.append(Diagnostic.at(file, position, rule, message, item=item))

    for suspect in status.suspects:
        item = suspect.item
        label = item.content_type.label
        advice = f"check that the {label} still holds, then run: aftersales review {item.id}"
        for change in suspect.changes:
            dependency = change.dependency
            cited = f"{TYPES_BY_NAME[dependency.type].label} '{dependency.id}'"
            if change.recorded is None:
                message = (f"now cites {cited}, which was not part of this {label}'s last review"
                           f" ({suspect.reviewed}); {advice}")
            else:
                message = (f"cites {cited}, which changed since this {label} was last reviewed"
                           f" ({suspect.reviewed}); {advice}")
            report(CHANGE_SUSPECT, message, item.file, item.position(dependency.loc), item.id)
    for item in status.unrecorded:
        report(CHANGE_UNRECORDED, f"not yet recorded for change review: once it has been reviewed,"
               f" run aftersales review {item.id}", item.file, item.position(("id",)), item.id)
    for orphan in (orphan for orphan in status.orphans if orphan.id not in declared):
        report(CHANGE_ORPHAN, f"{LOCK_NAME} records '{orphan.id}', which no longer exists;"
               " aftersales review --prune removes its entry", LOCK_NAME, (orphan.line, orphan.column), orphan.id)
    return diagnostics
