"""The coverage matrix: per procedure, its steps per phase, the required phases it misses and the
status of each house coverage rule, with the waivers in force and expired.

A required phase or a rule may be waived by a procedure, with a justification, an approver and
an expiry date; the waiver holds until that day. The same rows feed the check, the JSON report,
the export and the staff page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from generator.model.fields import PHASES

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item, KnowledgeBase
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
