"""Coverage rules of site_config.yml and waivers: what each condition means, what the matrix,
the JSON report and the staff page show, and how waivers expire.

Every code has its failing and passing case in test_codes.py; these tests pin the semantics.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import PortalView, edit

from generator.analyse.coverage import coverage_matrix
from generator.cli import main
from generator.load.project import ConfigError, load_project
from generator.validate import run_checks

PROC = "content/procedures/warranty-repair.yml"
CONFIG = "site_config.yml"
TODAY = dt.date.today()


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def rule(require: str, applies_to: str = "{}", severity: str = "error", rule_id: str = "house-rule") -> str:
    return (f"  - id: {rule_id}\n    message: {{ca: La regla de la casa., es: La regla de la casa., en: The house rule.}}\n"
            f"    severity: {severity}\n"
            f"    applies_to: {applies_to}\n    require: {require}\n")


def with_rules(root: Path, *rules: str) -> None:
    append(root, CONFIG, "coverage_rules:\n" + "".join(rules))


def status(root: Path, rule_id: str = "house-rule") -> str:
    (row,) = coverage_matrix(load_project(root).kb)
    return row.rules[rule_id]


def drop_departments(root: Path) -> None:
    """Remove the procedure's only 'departments' step (and the decision pointing at it)."""
    text = (root / PROC).read_text(encoding="utf-8")
    start, end = text.index("  departments:\n"), text.index("  follow_up:\n")
    text = text[:start] + text[end:]
    text = text.replace("            next_step: order-part\n", "")
    (root / PROC).write_text(text, encoding="utf-8")


def phase_waiver(expires: dt.date, phase: str = "departments") -> str:
    return ("waivers:\n"
            f"  - phase: {phase}\n"
            "    justification: {ca: El client compra les peces directament; res no passa pel magatzem., es: El cliente"
            " compra las piezas directamente; nada pasa por el almacén., en: Parts are bought by the customer directly;"
            " nothing goes through the warehouse.}\n"
            "    approved_by: Quality manager\n"
            f"    expires: {expires.isoformat()}\n")


# --------------------------------------------------------------------------- what each condition means

# The init procedure: reception step 'register-call' (role head-of-after-sales, form
# repair-call-log, standard answer-within-4-hours); sat step with a decision; departments step
# (department warehouse); follow-up step without form or standard. Category C, tags none.
@pytest.mark.parametrize(("require", "applies_to", "expected"), [
    ("{phase: reception}", "{}", "met"),
    ("{phase: reception, fills_form: true}", "{}", "met"),
    ("{phase: follow_up, fills_form: true}", "{}", "not_met"),
    ("{phase: reception, forms: [repair-call-log]}", "{}", "met"),
    ("{phase: sat, forms: [repair-call-log]}", "{}", "not_met"),
    ("{cites_standard: true}", "{}", "met"),
    ("{phase: sat, cites_standard: true}", "{}", "not_met"),
    ("{standards: [answer-within-4-hours]}", "{}", "met"),
    ("{has_decision: true}", "{}", "met"),
    ("{phase: reception, has_decision: true}", "{}", "not_met"),
    ("{phase: departments, departments: [warehouse]}", "{}", "met"),
    ("{departments: [accounting]}", "{}", "not_met"),
    ("{roles: [head-of-after-sales], fills_form: true}", "{}", "met"),
    ("{departments: [accounting]}", "{categories: [A]}", "not_applicable"),
    ("{departments: [accounting]}", "{categories: [C]}", "not_met"),
    ("{departments: [accounting]}", "{tags: [complaint]}", "not_applicable"),
    ("{departments: [accounting]}", "{procedures: [warranty-repair]}", "not_met"),
    ("{departments: [accounting]}", "{categories: [C], procedures: [other]}", "not_applicable"),
])
def test_rule_conditions(new_project: Path, require: str, applies_to: str, expected: str) -> None:
    if "procedures: [other]" in applies_to:
        applies_to = applies_to.replace("[other]", "[warranty-repair]").replace("[C]", "[A]")
    with_rules(new_project, rule(require, applies_to))
    assert status(new_project) == expected


def test_every_condition_of_a_requirement_must_hold_on_the_same_step(new_project: Path) -> None:
    """A form at reception and a decision in sat do not make 'a step with a form and a decision'."""
    with_rules(new_project, rule("{fills_form: true, has_decision: true}"))
    assert status(new_project) == "not_met"


def test_tags_of_cited_items_count(new_project: Path) -> None:
    with_rules(new_project, rule("{standard_tags: [response-time]}"), rule("{form_tags: [calls]}", rule_id="forms"))
    assert status(new_project) == "not_met"
    edit(new_project, "content/standards/answer-within-4-hours.yml", "\ndocument:", "\ntags: [response-time]\ndocument:")
    edit(new_project, "content/forms/repair-call-log.yml", "\ndocument:", "\ntags: [calls]\ndocument:")
    assert status(new_project) == "met" and status(new_project, "forms") == "met"


def test_a_rule_severity_is_the_diagnostic_severity(new_project: Path) -> None:
    with_rules(new_project, rule("{phase: follow_up, fills_form: true}", severity="warning"))
    assert main(["check", "--project", str(new_project)]) == 0
    assert main(["check", "--project", str(new_project), "--strict"]) == 1
    (diagnostic,) = run_checks(load_project(new_project))
    assert (diagnostic.code, diagnostic.severity) == ("coverage.rule-not-met", "warning")


def test_rule_ids_are_unique_and_requirements_strict(new_project: Path) -> None:
    with_rules(new_project, rule("{phase: sat}"), rule("{phase: sat}"))
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    assert "house-rule is repeated" in raised.value.diagnostics[0].message


def test_a_misspelt_condition_is_a_configuration_error(new_project: Path, cli) -> None:
    with_rules(new_project, rule("{phase: sat, fill_form: true}"))
    run = cli("check", "--project", new_project)
    assert run.code == 2
    assert "site_config.yml:" in run.err and "fill_form" in run.err and "fills_form" in run.err


# --------------------------------------------------------------------------- waivers of phases


def test_a_waived_phase_is_not_a_gap_until_the_waiver_expires(new_project: Path) -> None:
    drop_departments(new_project)
    codes = [d.code for d in run_checks(load_project(new_project))]
    assert codes == ["coverage.missing-phase"]

    append(new_project, PROC, phase_waiver(TODAY + dt.timedelta(days=90)))
    diagnostics = run_checks(load_project(new_project))
    assert [(d.code, d.severity) for d in diagnostics] == [("coverage.waived", "info")]
    assert "Quality manager" in diagnostics[0].message
    (row,) = coverage_matrix(load_project(new_project).kb)
    assert row.complete and row.missing == () and set(row.waived) == {"phase:departments"}

    # The last day of a waiver still counts; the day after, it fails.
    edit(new_project, PROC, (TODAY + dt.timedelta(days=90)).isoformat(), TODAY.isoformat())
    assert [d.code for d in run_checks(load_project(new_project))] == ["waiver.expires-soon"]
    tomorrow = TODAY + dt.timedelta(days=1)
    diagnostics = run_checks(load_project(new_project), today=tomorrow)
    # The gap is back (at the steps) and the expired waiver says why (at its date).
    assert sorted((d.code, d.severity) for d in diagnostics) == [("coverage.missing-phase", "error"),
                                                                 ("waiver.expired", "error")]
    (row,) = coverage_matrix(load_project(new_project).kb, tomorrow)
    assert not row.complete and row.missing == ("departments",) and set(row.expired) == {"phase:departments"}


def test_a_waiver_needs_a_justification_an_approver_and_one_target(new_project: Path, cli) -> None:
    append(new_project, PROC, "waivers:\n  - phase: sat\n    rule: house-rule\n    justification: short\n"
                              f"    expires: {TODAY.isoformat()}\n")
    run = cli("check", "--project", new_project)
    assert run.code == 1
    messages = run.out
    assert "justification" in messages and "approved_by" in messages


def test_a_phase_waived_twice_is_refused(new_project: Path) -> None:
    drop_departments(new_project)
    waiver = phase_waiver(TODAY + dt.timedelta(days=90))
    append(new_project, PROC, waiver + waiver.removeprefix("waivers:\n"))
    codes = [d.code for d in run_checks(load_project(new_project))]
    assert "schema.invalid-value" in codes


# --------------------------------------------------------------------------- where it shows


def test_json_report_carries_rules_and_waivers(new_project: Path, cli) -> None:
    drop_departments(new_project)
    append(new_project, PROC, phase_waiver(TODAY + dt.timedelta(days=90)))
    with_rules(new_project, rule("{phase: follow_up, fills_form: true}"), rule("{phase: sat}", rule_id="sat"))
    run = cli("check", "--project", new_project, "--format", "json")
    assert run.code == 1
    (row,) = json.loads(run.out)["coverage"]
    assert row["rules"] == {"house-rule": "not_met", "sat": "met"}
    # Texts per language, like the export: a name written once is the same in every language.
    assert row["waived"]["phase:departments"]["approved_by"] == dict.fromkeys(("ca", "es", "en"), "Quality manager")
    assert row["waived"]["phase:departments"]["justification"]["es"].startswith("El cliente compra")
    assert row["complete"] is False and row["missing"] == []


def test_staff_coverage_page_shows_rules_and_waived_cells(new_project: Path) -> None:
    drop_departments(new_project)
    append(new_project, PROC, phase_waiver(TODAY + dt.timedelta(days=90)))
    with_rules(new_project, rule("{phase: follow_up, fills_form: true}"),
               rule("{departments: [accounting]}", "{categories: [A]}", rule_id="paid-involves-accounting"))
    kb = load_project(new_project).kb
    page = PortalView(kb, "staff", "en").render("coverage.md").markdown
    assert '<td class="as-waived"><a href="#waiver-warranty-repair-phase-departments" title="waived until' in page
    assert ">house-rule</a></th>" in page and ">paid-involves-accounting</a></th>" in page
    assert '<td class="as-gap">✗ <span class="as-sr">not met</span>' in page
    assert '<td class="as-na">– <span class="as-sr">does not apply</span>' in page
    assert "Parts are bought by the customer directly" in page and "in force" in page
    public = {page.path for page in PortalView(kb, "public", "en").render_all()}
    assert "coverage.md" not in public


def test_text_from_waivers_and_rules_is_inert_on_the_page(new_project: Path) -> None:
    drop_departments(new_project)
    append(new_project, PROC, phase_waiver(TODAY + dt.timedelta(days=90)).replace(
        "Parts are bought", "<script>alert(1)</script> | broken | cell - parts are bought"))
    kb = load_project(new_project).kb
    page = PortalView(kb, "staff", "en").render("coverage.md").markdown
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&#124; broken &#124;" in page  # a '|' cannot end the table cell
