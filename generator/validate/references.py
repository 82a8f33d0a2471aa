"""References: every id named resolves to an item of the right type, public never cites staff,
and prerequisite and reporting chains have no loops."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic, Rule
from generator.diagnostics.rules.coverage import COVERAGE_DUPLICATE_STEP_ID
from generator.diagnostics.rules.references import (
    REF_CYCLE,
    REF_PUBLIC_TO_STAFF,
    REF_STEP_ORDER,
    UNKNOWN_TARGET,
)
from generator.load.knowledge_base import phase_steps
from generator.load.schema import format_loc
from generator.model.fields import PHASES
from generator.model.registry import TYPES_BY_NAME

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.load.project import Project


def _target_label(target: str) -> str:
    return TYPES_BY_NAME[target].label if target in TYPES_BY_NAME else target


def check_references(project: Project) -> list[Diagnostic]:
    kb = project.kb
    declared = {d.id: d for d in project.declared}
    departments = project.config.departments
    diagnostics: list[Diagnostic] = []
    for ref in kb.references():
        source = ref.source

        def report(rule: Rule, message: str, ref=ref) -> None:
            # Positions and field paths are worked out only for the few references that fail.
            diagnostics.append(Diagnostic.at(ref.source, ref.loc, rule, f"{format_loc(ref.loc)}: {message}"))

        if ref.target_type == "department":
            if ref.target_id not in departments:
                report(UNKNOWN_TARGET["department"],
                       f"there is no department '{ref.target_id}'; the departments of site_config.yml are: "
                       + ", ".join(departments))
            continue
        target = declared.get(ref.target_id)
        if target is None:
            report(UNKNOWN_TARGET[ref.target_type],
                   f"there is no {_target_label(ref.target_type)} with the id '{ref.target_id}'"
                   f"{_suggest(ref.target_id, ref.target_type, project)}")
            continue
        if target.type != ref.target_type:
            report(UNKNOWN_TARGET[ref.target_type],
                   f"'{ref.target_id}' is a {_target_label(target.type)} ({target.file}),"
                   f" not a {_target_label(ref.target_type)}")
            continue
        # Document control (and a standard's responsible role) names a role that is never shown
        # publicly; a standard's resolution is judged by standard.public-cites-staff.
        if (source.is_public and target.audience == "staff" and ref.loc[0] not in source.model.CONTROL_FIELDS
                and (source.type, ref.loc[0]) != ("standard", "resolution")):
            report(REF_PUBLIC_TO_STAFF,
                   f"this public {source.content_type.label} refers to '{ref.target_id}', which is staff-only;"
                   " remove the reference or make the target public")
    diagnostics.extend(_check_step_targets(kb))
    diagnostics.extend(_check_cycles(kb, "training", "prerequisites", "prerequisite of itself"))
    diagnostics.extend(_check_cycles(kb, "role", "reports_to", "its own superior"))
    return diagnostics


def _suggest(target_id: str, target_type: str, project: Project) -> str:
    import difflib

    candidates = [d.id for d in project.declared if d.type == target_type]
    close = difflib.get_close_matches(target_id, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_step_targets(kb: KnowledgeBase) -> list[Diagnostic]:
    """Decisions, a plain step's ``next_step`` and ``before`` point to steps of the same procedure;
    step ids are unique within it; a step runs ``before`` a step of an earlier phase only."""
    diagnostics = []
    for item in kb.procedures():
        step_ids: dict[str, tuple] = {}
        targets = []  # (where, step id named): outcomes' and plain steps' next_step, before
        befores = []
        for phase, index, step in phase_steps(item.model):
            loc = ("steps", phase, index)
            if step.id is not None:
                if step.id in step_ids:
                    diagnostics.append(Diagnostic.at(
                        item, loc + ("id",), COVERAGE_DUPLICATE_STEP_ID,
                        f"the step id '{step.id}' is used twice in this procedure (also at {format_loc(step_ids[step.id])})"))
                else:
                    step_ids[step.id] = loc
            if step.decision is not None:
                for number, outcome in enumerate(step.decision.outcomes):
                    if outcome.next_step is not None:
                        targets.append((loc + ("decision", "outcomes", number, "next_step"), outcome.next_step))
            if step.next_step is not None:
                targets.append((loc + ("next_step",), step.next_step))
            if step.before is not None:
                targets.append((loc + ("before",), step.before))
                befores.append((loc + ("before",), phase, step.before))
        for loc, target in targets:
            if target not in step_ids:
                known = ", ".join(step_ids) or "none: give the target step an 'id'"
                diagnostics.append(Diagnostic.at(
                    item, loc, UNKNOWN_TARGET["step"],
                    f"{format_loc(loc)}: this procedure has no step with the id '{target}' (step ids: {known})"))
        for loc, phase, target in befores:
            if target in step_ids:
                diagnostics.extend(_check_before(item, loc, phase, target, step_ids[target][1]))
    return diagnostics


def _check_before(item: Item, loc: tuple, phase: str, target: str, target_phase: str) -> list[Diagnostic]:
    """``before`` names a step of an earlier phase (else the step stays where it is listed: say why)."""
    if PHASES.index(target_phase) < PHASES.index(phase):
        return []
    if target_phase == phase:
        why = (f"'{target}' is in the same phase ({phase}), where the order of the list already says which step"
               " runs first: remove 'before' and list this step above it")
    else:
        why = (f"'{target}' is in a later phase ({target_phase}) than this step ({phase}), which already runs"
               " before it: remove 'before'")
    return [Diagnostic.at(item, loc, REF_STEP_ORDER,
                          f"{format_loc(loc)}: {why}; 'before' names a step of an earlier phase, and this step"
                          " stays where it is listed")]


def _check_cycles(kb: KnowledgeBase, type_name: str, field: str, what: str) -> list[Diagnostic]:
    """Report each loop once, at the item of the loop that comes first in file order."""
    items = {item.id: item for item in kb.of_type(type_name)}

    def targets(item: Item) -> list[str]:
        value = getattr(item.model, field)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    diagnostics = []
    reported: set[frozenset[str]] = set()
    for start in items.values():
        # Depth-first search for a path back to ``start``.
        stack = [(start.id, [start.id])]
        seen = set()
        while stack:
            current, path = stack.pop()
            for nxt in targets(items[current]) if current in items else []:
                if nxt == start.id:
                    loop = frozenset(path)
                    if loop not in reported:
                        reported.add(loop)
                        chain = " → ".join(path + [start.id])
                        diagnostics.append(Diagnostic.at(
                            start, (field,), REF_CYCLE, f"{field}: '{start.id}' is {what} through the chain {chain}"))
                elif nxt not in seen and nxt in items:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
    return diagnostics
