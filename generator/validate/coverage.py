"""Coverage: every procedure covers the required phases and meets the house coverage rules.

A required phase or a rule may be waived by a procedure, with a justification, an approver and
an expiry date; the waiver holds until that day and fails the check after it. The same
:func:`coverage_matrix` feeds the check, the JSON report, the export and the staff page.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from generator.diagnostics.codes import rule as code_rule
from generator.diagnostics.diagnostic import Diagnostic
from generator.model.fields import PHASES

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.load.project import Project
    from generator.model.config import CoverageRule, StepRequirement
    from generator.model.items import Waiver

RuleStatus = Literal["met", "not_met", "not_applicable", "waived"]


@dataclass(frozen=True)
class CoverageRow:
    """One procedure's line of the coverage matrix."""

    procedure: str
    file: str
    phases: dict[str, int]
    """Steps per phase."""
    missing: tuple[str, ...]
    """Required phases without steps and without a waiver in force."""
    waived: dict[str, Waiver] = field(default_factory=dict)
    """Phases and rules (``phase:sat``, ``rule:ID``) excused by a waiver in force."""
    expired: dict[str, Waiver] = field(default_factory=dict)
    """Waivers whose expiry date has passed (their phase or rule counts as unmet)."""
    rules: dict[str, RuleStatus] = field(default_factory=dict)
    """Per coverage rule of site_config.yml: met, not_met, not_applicable or waived."""

    @property
    def complete(self) -> bool:
        return not self.missing and "not_met" not in self.rules.values()

    def as_dict(self) -> dict:
        return {
            "procedure": self.procedure, "file": self.file, "phases": self.phases,
            "missing": list(self.missing), "complete": self.complete,
            "waived": {target: _waiver_dict(waiver) for target, waiver in self.waived.items()},
            "expired_waivers": {target: _waiver_dict(waiver) for target, waiver in self.expired.items()},
            "rules": self.rules,
        }


def _waiver_dict(waiver: Waiver) -> dict:
    return waiver.model_dump(mode="json", exclude_none=True)


def coverage_matrix(kb: KnowledgeBase, today: dt.date | None = None) -> list[CoverageRow]:
    today = today or dt.date.today()
    required = kb.config.required_phases
    rules = kb.config.coverage_rules
    rows = []
    for item in kb.procedures():
        waivers = {waiver.target: waiver for waiver in item.model.waivers}
        in_force = {target: waiver for target, waiver in waivers.items() if waiver.expires >= today}
        expired = {target: waiver for target, waiver in waivers.items() if waiver.expires < today}
        counts = {phase: len(getattr(item.model.steps, phase)) for phase in PHASES}
        missing = tuple(phase for phase in PHASES
                        if phase in required and counts[phase] == 0 and f"phase:{phase}" not in in_force)
        statuses: dict[str, RuleStatus] = {}
        for rule in rules:
            status = rule_status(rule, item, kb)
            if status == "not_met" and f"rule:{rule.id}" in in_force:
                status = "waived"
            statuses[rule.id] = status
        waived = {target: waiver for target, waiver in in_force.items()
                  if (target.startswith("phase:") and target[6:] in required and counts[target[6:]] == 0)
                  or statuses.get(target[5:]) == "waived"}
        rows.append(CoverageRow(item.id, item.file, counts, missing, waived, expired, statuses))
    return rows


def rule_status(rule: CoverageRule, procedure: Item, kb: KnowledgeBase) -> RuleStatus:
    """Whether ``procedure`` is in the rule's scope and, if so, has a step meeting its requirement."""
    model = procedure.model
    scope = rule.applies_to
    if ((scope.categories and model.category not in scope.categories)
            or (scope.tags and not set(scope.tags) & set(model.tags))
            or (scope.procedures and model.id not in scope.procedures)):
        return "not_applicable"
    phases = [rule.require.phase] if rule.require.phase else PHASES
    for phase in phases:
        for step in getattr(model.steps, phase):
            if _step_meets(step, rule.require, kb):
                return "met"
    return "not_met"


def _step_meets(step, need: StepRequirement, kb: KnowledgeBase) -> bool:
    if need.roles and step.role not in need.roles:
        return False
    if need.departments and step.department not in need.departments:
        return False
    if (need.fills_form or need.forms or need.form_tags) and not _cites(step.forms, need.forms, need.form_tags, kb):
        return False
    if ((need.cites_standard or need.standards or need.standard_tags)
            and not _cites(step.standards, need.standards, need.standard_tags, kb)):
        return False
    return not (need.has_decision and step.decision is None)


def _cites(cited: list[str], ids: list[str], tags: list[str], kb: KnowledgeBase) -> bool:
    """At least one cited item, restricted to ``ids`` and to items tagged with one of ``tags``."""
    for item_id in cited:
        if ids and item_id not in ids:
            continue
        if tags:
            target = kb.get(item_id)
            if target is None or not set(tags) & set(target.model.tags):
                continue
        return True
    return False


# --------------------------------------------------------------------------- diagnostics


def check_coverage(project: Project, today: dt.date) -> list[Diagnostic]:
    kb = project.kb
    config = kb.config
    diagnostics = _check_rule_targets(project)
    rules = {rule.id: rule for rule in config.coverage_rules}
    by_id = {item.id: item for item in kb.procedures()}
    soon = dt.timedelta(days=config.review_warning_days)
    for row in coverage_matrix(kb, today):
        item = by_id[row.procedure]

        def report(code: str, message: str, loc: tuple, *, key: bool = False, severity: str | None = None,
                   item=item) -> None:
            line, column = item.position(loc, key=key)
            diagnostics.append(Diagnostic(severity or code_rule(code).severity, code, message,
                                          item.file, line, column, item.id))

        for phase in row.missing:
            # Point at the phase key if written (an empty list), else at the 'steps' key.
            written = ("steps", phase) in item.source.key_positions
            report("coverage.missing-phase",
                   f"the procedure has no step in the '{phase}' phase; every procedure must cover "
                   + ", ".join(config.required_phases), ("steps", phase) if written else ("steps",), key=True)
        for index, step in enumerate(item.model.steps.departments):
            if step.department is None:
                report("coverage.missing-department",
                       f"steps.departments[{index}]: name the department involved (department: warehouse,"
                       " transport, sales, accounting...)", ("steps", "departments", index))
        for rule_id, status in row.rules.items():
            if status == "not_met":
                rule = rules[rule_id]
                phase = rule.require.phase
                written = phase is not None and ("steps", phase) in item.source.key_positions
                report("coverage.rule-not-met", f"rule '{rule_id}': {rule.message}",
                       ("steps", phase) if written else ("steps",), key=True, severity=rule.severity)
        for index, waiver in enumerate(item.model.waivers):
            diagnostics.extend(_check_waiver(item, index, waiver, row, rules, config.required_phases, today, soon))
    return diagnostics


def _check_waiver(item: Item, index: int, waiver: Waiver, row: CoverageRow, rules: dict[str, CoverageRule],
                  required: list[str], today: dt.date, soon: dt.timedelta) -> list[Diagnostic]:
    out = []

    def report(code: str, message: str, field_name: str) -> None:
        line, column = item.position(("waivers", index, field_name))
        out.append(Diagnostic(code_rule(code).severity, code, f"waivers[{index}]: {message}",
                              item.file, line, column, item.id))

    what = f"the '{waiver.phase}' phase" if waiver.phase else f"rule '{waiver.rule}'"
    if waiver.rule is not None and waiver.rule not in rules:
        close = difflib.get_close_matches(waiver.rule, list(rules), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        known = ", ".join(rules) or "none"
        report("waiver.unknown-rule", f"there is no coverage rule '{waiver.rule}' in site_config.yml"
               f" (rules: {known}){hint}", "rule")
        return out
    if waiver.target in row.expired:
        report("waiver.expired",
               f"the waiver of {what} expired on {waiver.expires} (approved by {waiver.approved_by});"
               " add the missing steps, or have the waiver renewed with a new expiry date", "expires")
        return out
    if waiver.target not in row.waived:
        if waiver.phase:
            reason = ("the phase is not required by site_config.yml" if waiver.phase not in required
                      else "the procedure has steps in it")
        else:
            reason = ("the procedure meets the rule" if row.rules.get(waiver.rule) == "met"
                      else "the rule does not apply to this procedure")
        report("waiver.unneeded", f"{what} is waived but {reason}: remove the waiver",
               "phase" if waiver.phase else "rule")
        return out
    days = (waiver.expires - today).days
    if waiver.expires - today <= soon:
        report("waiver.expires-soon", f"the waiver of {what} expires on {waiver.expires}, in {days} day"
               f"{'s' if days != 1 else ''}: renew it or add the missing steps", "expires")
    else:
        report("coverage.waived", f"{what} is waived until {waiver.expires}, approved by {waiver.approved_by}:"
               f" {waiver.justification}", "phase" if waiver.phase else "rule")
    return out


def _check_rule_targets(project: Project) -> list[Diagnostic]:
    """Ids named by coverage rules must exist, or the rule could never be met (or never apply)."""
    kb = project.kb
    config = project.config
    out = []
    kinds = {"roles": "role", "forms": "form", "standards": "standard"}
    for index, rule in enumerate(config.coverage_rules):
        checks = [(("require", name), ids, kinds[name]) for name, ids in
                  (("roles", rule.require.roles), ("forms", rule.require.forms), ("standards", rule.require.standards))]
        checks.append((("applies_to", "procedures"), rule.applies_to.procedures, "procedure"))
        for loc, ids, kind in checks:
            for position, target in enumerate(ids):
                found = kb.get(target)
                if found is not None and found.type == kind:
                    continue
                line, column = project.config_position(("coverage_rules", index, *loc, position))
                out.append(Diagnostic(code_rule("rule.unknown-target").severity, "rule.unknown-target",
                                      f"coverage_rules[{index}] ({rule.id}): there is no {kind} '{target}'",
                                      project.config_file, line, column))
        for position, department in enumerate(rule.require.departments):
            if department not in config.departments:
                line, column = project.config_position(("coverage_rules", index, "require", "departments", position))
                out.append(Diagnostic(code_rule("rule.unknown-target").severity, "rule.unknown-target",
                                      f"coverage_rules[{index}] ({rule.id}): there is no department '{department}';"
                                      " the departments are: " + ", ".join(config.departments),
                                      project.config_file, line, column))
    return out
