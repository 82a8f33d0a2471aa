"""Consistency of service standards beyond the one-case-per-code table of test_codes.py: unit
conversion, what a public standard may and may not cite, and the example knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, edit

from generator.analyse.durations import compare_durations, duration_minutes
from generator.load.project import load_project
from generator.model.items import Target
from generator.validate import run_checks

STD = "content/standards/answer-within-4-hours.yml"
PROC = "content/procedures/warranty-repair.yml"


def codes(root: Path) -> list[str]:
    return [d.code for d in run_checks(load_project(root))]


def target(value: float, unit: str) -> Target:
    return Target(value=value, unit=unit)


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (90, "minutes", ("calendar", 90)),
    (4, "hours", ("calendar", 240)),
    (2, "days", ("calendar", 2880)),
    (1, "weeks", ("calendar", 10080)),
    (1, "months", ("calendar", 43200)),  # 30 days
    (1, "years", ("calendar", 525600)),  # 365 days
    (8, "working_hours", ("working", 480)),
    (2, "working_days", ("working", 960)),  # 8 working hours each
    (95, "percent", None),
    (24, "hours_per_day", None),
    (3, "count", None),
])
def test_durations_in_minutes(value, unit, expected) -> None:
    assert duration_minutes(target(value, unit)) == expected


@pytest.mark.parametrize(("response", "resolution", "order"), [
    ((24, "hours"), (1, "months"), -1),  # complaint answered in 24 h, resolved within a month
    ((1, "days"), (24, "hours"), 0),
    ((2, "weeks"), (14, "days"), 0),
    ((1, "years"), (12, "months"), 1),  # 365 days against 360
    ((31, "days"), (1, "months"), 1),
    ((120, "minutes"), (2, "hours"), 0),
    ((8, "working_hours"), (1, "working_days"), 0),
    ((9, "working_hours"), (1, "working_days"), 1),
    ((2, "working_days"), (1, "days"), None),  # working and calendar time never compare
    ((4, "hours"), (1, "working_days"), None),
    ((4, "hours"), (95, "percent"), None),
])
def test_response_and_resolution_compare_in_one_kind_of_time(response, resolution, order) -> None:
    assert compare_durations(target(*response), target(*resolution)) == order


# --------------------------------------------------------------------------- public standards


def make_public(root: Path) -> None:
    edit(root, STD, "audience: staff", "audience: public")


def test_a_public_standard_may_name_a_staff_owner_role(new_project: Path) -> None:
    """Its responsible role is shown only in the staff register, like document.owner."""
    make_public(new_project)
    edit(new_project, STD, "# owner: tele-operator  #", "owner: head-of-after-sales  #")
    assert codes(new_project) == []


def test_a_public_standard_with_a_staff_resolution_is_reported_once(new_project: Path) -> None:
    resolve = (new_project / STD).read_text(encoding="utf-8")
    resolve = resolve.replace("id: answer-within-4-hours", "id: resolve-case", 1).replace(
        "value: 4\n  unit: hours", "value: 1\n  unit: months", 1).replace(
        "# applies_to: organisation  #", "applies_to: organisation  #", 1).replace(
        '"Resposta en 4 hores", es: "Respuesta en 4 horas", en: "Answer within 4 hours"',
        '"Resolució en un mes", es: "Resolución en un mes", en: "Resolved within a month"', 1)
    (new_project / "content/standards/resolve-case.yml").write_text(resolve, encoding="utf-8")
    make_public(new_project)
    edit(new_project, STD, "# resolution: complaint-resolved-1-month", "resolution: resolve-case")
    diagnostics = run_checks(load_project(new_project))
    assert [d.code for d in diagnostics] == ["standard.public-cites-staff"]  # not ref.public-to-staff as well
    assert "resolution: 'resolve-case' is staff-only" in diagnostics[0].message


@pytest.mark.parametrize("link", ["../procedures/warranty-repair.md", "procedures/warranty-repair.html#step-1",
                                  "https://example.com/staff/en/procedures/warranty-repair.html"])
def test_a_public_standard_linking_to_a_staff_page_is_reported(new_project: Path, link: str) -> None:
    make_public(new_project)
    edit(new_project, STD, 'en: "Every customer question gets an answer within 4 hours."',
         f'en: "Every question gets an answer within 4 hours ([how]({link}))."')
    diagnostics = [d for d in run_checks(load_project(new_project)) if d.code != "text.unsafe-link"]
    assert [d.code for d in diagnostics] == ["standard.public-cites-staff"]
    assert "links to the page of 'warranty-repair' (procedure)" in diagnostics[0].message


def test_a_public_standard_may_link_to_a_public_page_and_name_a_job_title(new_project: Path) -> None:
    make_public(new_project)
    edit(new_project, STD, 'en: "Every customer question gets an answer within 4 hours."',
         'en: "Every question gets an answer within 4 hours; the Head of after-sales sees to it'
         ' ([guide](guides/washing-machine-does-not-drain.html))."')
    assert codes(new_project) == []


def test_a_staff_standard_may_name_staff_items(new_project: Path) -> None:
    edit(new_project, STD, 'en: "Every customer question gets an answer within 4 hours."',
         'en: "Every entry in the Repair call log gets an answer within 4 hours."')
    assert codes(new_project) == []


# --------------------------------------------------------------------------- citations


def test_uncited_is_silent_while_a_procedure_fails_validation(new_project: Path) -> None:
    """The broken procedure may be the one citing the standard: no second, false alarm."""
    edit(new_project, PROC, "\npurpose:", "\npurpos:")
    assert "standard.uncited" not in codes(new_project)


def test_wrong_phase_is_reported_at_each_citation(new_project: Path) -> None:
    edit(new_project, PROC, "      role: head-of-after-sales\n      department: warehouse",
         "      role: head-of-after-sales\n      standards: [answer-within-4-hours]\n      department: warehouse")
    edit(new_project, STD, "# phases: [reception]  #", "phases: [sat]  #")
    diagnostics = [d for d in run_checks(load_project(new_project)) if d.code == "standard.wrong-phase"]
    assert [(d.file, "'reception'" in d.message or "'departments'" in d.message) for d in diagnostics] == [
        (PROC, True), (PROC, True)]
    assert "step 3 is in the 'departments' phase" in diagnostics[1].message


def test_repeated_phases_are_refused(new_project: Path) -> None:
    edit(new_project, STD, "# phases: [reception]  #", "phases: [reception, reception]  #")
    assert codes(new_project) == ["schema.invalid-value"]


# --------------------------------------------------------------------------- the example


def test_the_example_standards_are_consistent() -> None:
    project = load_project(REPO)
    assert not [d.format_text() for d in run_checks(project) if d.code.startswith("standard.")]
    standards = {item.id: item.model for item in project.kb.of_type("standard")}
    assert standards["complaint-answer-24-hours"].resolution == "complaint-resolution-1-month"
    assert {item_id for item_id, model in standards.items() if model.applies_to == "organisation"} == {
        "leadership-commitment", "staff-profile"}
    assert all(model.customer_claim for model in standards.values() if model.audience == "public")
