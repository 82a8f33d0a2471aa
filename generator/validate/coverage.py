"""Coverage: every procedure covers the required phases and meets the house coverage rules.

A required phase or a rule may be waived by a procedure, with a justification, an approver and
an expiry date; the waiver holds until that day and fails the check after it. The rows come
from the analysis stage (:mod:`generator.analyse.coverage`).
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic, Rule, Severity
from generator.diagnostics.rules.coverage import (
    COVERAGE_MISSING_DEPARTMENT,
    COVERAGE_MISSING_PHASE,
    COVERAGE_RULE_NOT_MET,
    COVERAGE_WAIVED,
    RULE_UNKNOWN_TARGET,
    WAIVER_EXPIRED,
    WAIVER_EXPIRES_SOON,
    WAIVER_UNKNOWN_RULE,
    WAIVER_UNNEEDED,
)

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.analyse.coverage import CoverageRow
    from generator.load.knowledge_base import Item
    from generator.load.project import Project
    from generator.model.config import CoverageRule
    from generator.model.items import Waiver


# --------------------------------------------------------------------------- diagnostics


def check_coverage(project: Project, analysis: Analysis) -> list[Diagnostic]:
    kb = project.kb
    config = kb.config
    diagnostics = _check_rule_targets(project)
    rules = {rule.id: rule for rule in config.coverage_rules}
    by_id = {item.id: item for item in kb.procedures()}
    soon = dt.timedelta(days=config.review_warning_days)
    today = analysis.today
    for row in analysis.coverage:
        item = by_id[row.procedure]

        def report(rule: Rule, message: str, loc: tuple, *, key: bool = False, severity: Severity | None = None,
                   item=item) -> None:
            diagnostics.append(Diagnostic.at(item, loc, rule, message, key=key, severity=severity))

        for phase in row.missing:
            # Point at the phase key if written (an empty list), else at the 'steps' key.
            written = ("steps", phase) in item.source.key_positions
            report(COVERAGE_MISSING_PHASE,
                   f"the procedure has no step in the '{phase}' phase; every procedure must cover "
                   + ", ".join(config.required_phases), ("steps", phase) if written else ("steps",), key=True)
        for index, step in enumerate(item.model.steps.departments):
            if step.department is None:
                report(COVERAGE_MISSING_DEPARTMENT,
                       f"steps.departments[{index}]: name the department involved (department: warehouse,"
                       " transport, sales, accounting...)", ("steps", "departments", index))
        for rule_id, status in row.rules.items():
            if status == "not_met":
                rule = rules[rule_id]
                phase = rule.require.phase
                written = phase is not None and ("steps", phase) in item.source.key_positions
                report(COVERAGE_RULE_NOT_MET, f"rule '{rule_id}': {_said(rule.message, config.languages)}",
                       ("steps", phase) if written else ("steps",), key=True, severity=rule.severity)
        for index, waiver in enumerate(item.model.waivers):
            diagnostics.extend(_check_waiver(item, index, waiver, row, rules, config.required_phases, today, soon,
                                             config.languages))
    return diagnostics


def _said(text: dict[str, str], languages: list[str]) -> str:
    """A setting's or a waiver's text as check's messages (in English) quote it: in English when it is
    written in English, else in the first of the project's languages it has."""
    return text.get("en") or next((text[lang] for lang in languages if lang in text), None) or next(iter(text.values()), "")


def _check_waiver(item: Item, index: int, waiver: Waiver, row: CoverageRow, rules: dict[str, CoverageRule],
                  required: list[str], today: dt.date, soon: dt.timedelta, languages: list[str]) -> list[Diagnostic]:
    out = []
    approved_by = _said(waiver.approved_by, languages)

    def report(rule: Rule, message: str, field_name: str) -> None:
        out.append(Diagnostic.at(item, ("waivers", index, field_name), rule, f"waivers[{index}]: {message}"))

    what = f"the '{waiver.phase}' phase" if waiver.phase else f"rule '{waiver.rule}'"
    if waiver.rule is not None and waiver.rule not in rules:
        close = difflib.get_close_matches(waiver.rule, list(rules), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        known = ", ".join(rules) or "none"
        report(WAIVER_UNKNOWN_RULE, f"there is no coverage rule '{waiver.rule}' in site_config.yml"
               f" (rules: {known}){hint}", "rule")
        return out
    if waiver.target in row.expired:
        report(WAIVER_EXPIRED,
               f"the waiver of {what} expired on {waiver.expires} (approved by {approved_by});"
               " add the missing steps, or have the waiver renewed with a new expiry date", "expires")
        return out
    if waiver.target not in row.waived:
        if waiver.phase:
            reason = ("the phase is not required by site_config.yml" if waiver.phase not in required
                      else "the procedure has steps in it")
        else:
            reason = ("the procedure meets the rule" if row.rules.get(waiver.rule) == "met"
                      else "the rule does not apply to this procedure")
        report(WAIVER_UNNEEDED, f"{what} is waived but {reason}: remove the waiver",
               "phase" if waiver.phase else "rule")
        return out
    days = (waiver.expires - today).days
    if waiver.expires - today <= soon:
        report(WAIVER_EXPIRES_SOON, f"the waiver of {what} expires on {waiver.expires}, in {days} day"
               f"{'s' if days != 1 else ''}: renew it or add the missing steps", "expires")
    else:
        report(COVERAGE_WAIVED, f"{what} is waived until {waiver.expires}, approved by {approved_by}:"
               f" {_said(waiver.justification, languages)}", "phase" if waiver.phase else "rule")
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
                out.append(Diagnostic.at(project.config_file, project.config_position(("coverage_rules", index, *loc, position)),
                                         RULE_UNKNOWN_TARGET, f"coverage_rules[{index}] ({rule.id}): there is no {kind} '{target}'"))
        for position, department in enumerate(rule.require.departments):
            if department not in config.departments:
                position_ = project.config_position(("coverage_rules", index, "require", "departments", position))
                out.append(Diagnostic.at(project.config_file, position_, RULE_UNKNOWN_TARGET,
                                         f"coverage_rules[{index}] ({rule.id}): there is no department '{department}';"
                                         " the departments are: " + ", ".join(config.departments)))
    return out
