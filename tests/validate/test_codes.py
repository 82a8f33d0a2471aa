"""Check codes that a static fixture cannot express, and details of some codes.

Most codes have their failing and passing example as files under ``tests/fixtures/<code>/``
(``test_fixtures.py``). ``CASES`` keeps the few that need a program, each with its reason: the
mutation of a fresh ``aftersales init`` project (the ``new_project`` fixture) that triggers exactly
that code, where the diagnostic must point, and a near miss that must not report it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import edit
from overlays import ANY, locate, plant

from generator.cli import main
from generator.diagnostics.codes import RULES
from generator.diagnostics.diagnostic import Diagnostic
from generator.load.project import ConfigError, load_project
from generator.validate import run_checks

# --------------------------------------------------------------------------- the init project

PROC = "content/procedures/warranty-repair.yml"
FORM = "content/forms/repair-call-log.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"
ROLE = "content/roles/head-of-after-sales.yml"
TRAIN = "content/training/after-sales-basics.yml"
CONFIG = "site_config.yml"

BROKEN = "content/forms/broken-form.yml"
"""A new, unreferenced form: YAML defects are planted here so no other item is affected."""

TODAY = dt.date.today()


def check(root: Path) -> list[Diagnostic]:
    return run_checks(load_project(root))


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def set_dates(root: Path, rel: str, approved: dt.date, next_review: dt.date) -> None:
    text = read(root, rel)
    text, n1 = re.subn(r"(?m)^(  approved: )\S+", rf"\g<1>{approved.isoformat()}", text, count=1)
    text, n2 = re.subn(r"(?m)^(  next_review: )\S+", rf"\g<1>{next_review.isoformat()}", text, count=1)
    assert n1 == n2 == 1, "the document block changed shape: update set_dates"
    write(root, rel, text)


def copy_item(root: Path, source: str, target: str, new_id: str, **replacements: str) -> None:
    """Write ``target`` as a copy of ``source`` with another id (and other replacements)."""
    text = read(root, source)
    old_id = Path(source).stem
    text = text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1)
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new, 1)
    write(root, target, text)


def broken_form(transform: Callable[[str], str | bytes]) -> Callable[[Path], None]:
    """A mutation writing ``BROKEN``: the init form with another id, then ``transform``ed."""

    def mutate(root: Path) -> None:
        text = read(root, FORM).replace("id: repair-call-log\n", "id: broken-form\n", 1)
        write(root, BROKEN, transform(text))

    return mutate


# --------------------------------------------------------------------------- the programmatic cases


@dataclass(frozen=True)
class Case:
    code: str
    reason: str
    """Why a static fixture cannot express this case."""
    mutate: Callable[[Path], None]
    """Edits the project to trigger the code."""
    file: str = ""
    at: str | None = None
    """Text the diagnostic points at (line and column); None: a whole-file problem, line 1."""
    item: object = ANY
    message: str = ""
    near_miss: Callable[[Path], None] | None = None
    """A variant close to the failing one that must not report the code (default: unmutated)."""


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "outside.yml"
    outside.write_text(read(root, FORM).replace("id: repair-call-log", "id: outside"), encoding="utf-8")
    (root / "content/forms/outside.yml").symlink_to(outside)


def _symlink_inside(root: Path) -> None:
    write(root, "drafts/linked-form.yml", read(root, FORM).replace("id: repair-call-log", "id: linked-form"))
    (root / "content/forms/linked-form.yml").symlink_to(root / "drafts/linked-form.yml")


def _too_large(size: int) -> Callable[[str], str]:
    def transform(text: str) -> str:
        padding = "# " + "x" * 98 + "\n"
        count = (size - len(text.encode("utf-8"))) // len(padding) + 1
        return text + padding * count

    return transform


def _add_technician(root: Path) -> None:
    copy_item(root, ROLE, "content/roles/service-technician.yml", "service-technician",
              **{"# reports_to: general-manager  # id of the role above, if any": "reports_to: head-of-after-sales"})


def _without_follow_up(root: Path) -> None:
    text = read(root, PROC)
    start = text.index("  follow_up:\n")
    write(root, PROC, text[:start])


def _rule_waiver(expires: dt.date) -> Callable[[Path], None]:
    """The unmet coverage rule 'follow-up-form' in site_config.yml, waived until ``expires``."""
    def mutate(root: Path) -> None:
        write(root, CONFIG, read(root, CONFIG) + (
            "coverage_rules:\n"
            "  - id: follow-up-form\n"
            "    message: {ca: El seguiment es registra en un formulari., es: El seguimiento se registra en un"
            " formulario., en: The follow-up must be recorded on a form.}\n"
            "    require: {phase: follow_up, fills_form: true}\n"))
        write(root, PROC, read(root, PROC) + (
            "waivers:\n"
            "  - rule: follow-up-form  # waived rule\n"
            "    justification: {ca: La trucada de satisfacció es registra al CRM fins al 2027., es: La llamada de"
            " satisfacción se registra en el CRM hasta 2027., en: 'The satisfaction call is logged in the CRM, not on"
            " paper, until 2027.'}\n"
            "    approved_by: Quality manager\n"
            f"    expires: {expires.isoformat()}\n"))
    return mutate


def _in_days(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def _dates(rel: str, approved_days: int, next_review_days: int) -> Callable[[Path], None]:
    return lambda root: set_dates(root, rel, TODAY + dt.timedelta(days=approved_days),
                                  TODAY + dt.timedelta(days=next_review_days))


DATA = "data/measurements.csv"
DATA_HEADER = "standard,date,met,value,cases,not_met"
DATA_GOOD = "answer-within-4-hours,2025-03-03,yes,,,"


def _measurements(*rows: str) -> Callable[[Path], None]:
    """site_config.yml names data/measurements.csv, written with ``rows``."""
    def mutate(root: Path) -> None:
        write(root, CONFIG, read(root, CONFIG) + f"compliance:\n  data: {DATA}\n")
        write(root, DATA, "\n".join([DATA_HEADER, *rows, ""]))
    return mutate


def _huge_measurements(root: Path) -> None:
    _measurements(DATA_GOOD)(root)
    with open(root / DATA, "r+b") as handle:  # sparse: 50 MiB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024 + 1)


RELATIVE_TO_TODAY = "the date must lie a few days after today, so it cannot be written in a file"

CASES: list[Case] = [
    Case("file.unreadable", "a symbolic link to a file outside the project (outside the fixture too)",
         _symlink_outside, "content/forms/outside.yml", None, message="outside the project",
         near_miss=_symlink_inside),
    Case("yaml.too-large", "a file of more than 1 MiB (and a near miss just under) is too big to keep in the repository",
         broken_form(_too_large(1024 * 1024 + 1)), BROKEN, None, message="1 MiB",
         near_miss=broken_form(_too_large(1024 * 1024 - 200))),
    Case("data.too-large", "a measurements file of more than 50 MiB, made sparse on the fly",
         _huge_measurements, DATA, None, message="50 MiB", near_miss=_measurements(DATA_GOOD)),
    Case("review.due-soon", RELATIVE_TO_TODAY, _dates(PROC, -300, 10), PROC, _in_days(10).isoformat(),
         item="warranty-repair", message="in 10 days", near_miss=_dates(PROC, -300, 31)),
    Case("waiver.expires-soon", RELATIVE_TO_TODAY, _rule_waiver(_in_days(10)), PROC, _in_days(10).isoformat(),
         item="warranty-repair", message="in 10 days", near_miss=_rule_waiver(_in_days(31))),
]


def test_cases_name_only_real_codes_once() -> None:
    codes = [case.code for case in CASES]
    assert len(codes) == len(set(codes))
    assert not set(codes) - set(RULES), "a case names a code that RULES no longer has"
    assert all(case.reason for case in CASES)


def test_the_init_project_is_clean(new_project: Path) -> None:
    assert check(new_project) == []


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_code_is_reported_where_the_problem_is(case: Case, new_project: Path) -> None:
    case.mutate(new_project)
    diagnostics = check(new_project)
    found = [d for d in diagnostics if d.code == case.code]
    shown = "\n".join(d.format_text() for d in diagnostics)
    assert len(found) == 1, f"expected one {case.code}, got:\n{shown}"
    (diagnostic,) = found
    assert diagnostic.severity == RULES[case.code].severity
    assert diagnostic.file == case.file
    if case.at is None:
        assert (diagnostic.line, diagnostic.column) == (1, 1)
    else:
        line, column, text = locate(new_project / case.file, case.at)
        assert (diagnostic.line, diagnostic.column) == (line, column), f"{case.code} points elsewhere than {text!r}"
    if case.item is not ANY:
        assert diagnostic.item == case.item
    assert case.message in diagnostic.message
    assert {d.code for d in diagnostics} == {case.code}, shown


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_code_is_not_reported_for_the_near_miss(case: Case, new_project: Path) -> None:
    if case.near_miss is not None:
        case.near_miss(new_project)
    diagnostics = check(new_project)
    shown = "\n".join(d.format_text() for d in diagnostics)
    assert case.code not in {d.code for d in diagnostics}, shown
    assert not [d for d in diagnostics if d.severity in ("error", "warning")], shown


# --------------------------------------------------------------------------- details of some codes


def test_unknown_nested_field_suggests_the_right_name(new_project: Path) -> None:
    edit(new_project, PROC, "      role: head-of-after-sales  #", "      rol: head-of-after-sales  #")
    diagnostics = [d for d in check(new_project) if d.code == "schema.unknown-field"]
    assert len(diagnostics) == 1
    assert "'rol' in steps.reception[0]" in diagnostics[0].message
    assert "did you mean 'role'" in diagnostics[0].message
    line, column, _ = locate(new_project / PROC, "rol:")
    assert (diagnostics[0].line, diagnostics[0].column) == (line, column)


def test_reference_to_an_item_of_another_type_names_its_type(new_project: Path) -> None:
    edit(new_project, PROC, "role: head-of-after-sales  #", "role: repair-call-log  #")
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "ref.unknown-role"
    assert "'repair-call-log' is a form" in diagnostic.message


def test_reference_to_an_item_with_schema_errors_is_not_reported_twice(new_project: Path) -> None:
    """The form fails validation, but its id is kept: the procedure's reference still resolves."""
    edit(new_project, FORM, "kind: log", "kind: register")
    codes = [d.code for d in check(new_project)]
    assert codes == ["schema.invalid-value"]


def test_reference_to_a_file_with_yaml_errors_is_not_reported_twice(new_project: Path) -> None:
    """load/project.py: 'A file that fails is left out ... but its id is kept so that references to it
    are not reported twice.' The file name is the id by convention (id.file-name)."""
    edit(new_project, FORM, "kind: log", "kind: log\nkind: form")
    codes = [d.code for d in check(new_project)]
    assert codes == ["yaml.duplicate-key"]


def test_ids_differing_only_in_case_are_duplicates(new_project: Path) -> None:
    copy_item(new_project, FORM, "content/forms/Repair-Call-Log.yml", "Repair-Call-Log")
    diagnostics = check(new_project)
    duplicate = [d for d in diagnostics if d.code == "id.duplicate"]
    assert len(duplicate) == 1
    assert "differs only in case" in duplicate[0].message
    assert "schema.invalid-id" in {d.code for d in diagnostics}


def test_dangling_link_is_unreadable(new_project: Path) -> None:
    (new_project / "content/forms/dangling.yml").symlink_to(new_project / "content/forms/nothere.yml")
    (diagnostic,) = check(new_project)
    assert (diagnostic.code, diagnostic.file, diagnostic.line) == ("file.unreadable", "content/forms/dangling.yml", 1)
    assert "cannot read the file" in diagnostic.message


@pytest.mark.parametrize(("old", "new", "at", "hint"), [
    ('kind: log', 'kind: log: book', "kind: log»: book", "put text that contains ': ' in quotes"),
    ('en: "Calls"', 'en: "Calls', None, "YAML syntax error"),
    ("      - {id: date,", "      - {id: date,,", None, "YAML syntax error"),
])
def test_syntax_errors_have_a_position_and_a_plain_message(new_project: Path, old, new, at, hint) -> None:
    edit(new_project, FORM, old, new)
    diagnostics = [d for d in check(new_project) if d.file == FORM]
    assert [d.code for d in diagnostics] == ["yaml.syntax"]
    (diagnostic,) = diagnostics
    assert hint in diagnostic.message
    assert diagnostic.line > 1
    if at is not None:
        assert (diagnostic.line, diagnostic.column) == locate(new_project / FORM, at)[:2]


def test_owner_of_a_public_item_may_be_a_staff_role(new_project: Path) -> None:
    """document.owner is shown as a name, never linked: a public guide owned by a staff role is fine."""
    assert "owner: head-of-after-sales" in read(new_project, GUIDE)
    assert "ref.public-to-staff" not in {d.code for d in check(new_project)}


def test_a_loop_of_two_roles_is_reported_once(new_project: Path) -> None:
    _add_technician(new_project)
    edit(new_project, ROLE, "# reports_to: general-manager  # id of the role above, if any",
         "reports_to: service-technician")
    cycles = [d for d in check(new_project) if d.code == "ref.cycle"]
    assert len(cycles) == 1
    assert "→" in cycles[0].message


def test_training_prerequisite_of_itself_is_a_cycle(new_project: Path) -> None:
    edit(new_project, TRAIN, "duration_minutes: 60\n", "duration_minutes: 60\nprerequisites: [after-sales-basics]\n")
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "ref.cycle"
    assert diagnostic.file == TRAIN
    assert diagnostic.line == locate(new_project / TRAIN, "prerequisites:")[0]


def test_deleted_phase_points_at_the_steps_key(new_project: Path) -> None:
    _without_follow_up(new_project)
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "coverage.missing-phase"
    assert "'follow_up'" in diagnostic.message
    assert diagnostic.line == locate(new_project / PROC, "steps:")[0]


def test_deleted_phase_is_reported_in_the_steps_block(new_project: Path) -> None:
    """Whatever the exact line, the deletion is reported inside the procedure's steps."""
    _without_follow_up(new_project)
    (diagnostic,) = check(new_project)
    assert (diagnostic.code, diagnostic.file, diagnostic.item) == ("coverage.missing-phase", PROC, "warranty-repair")
    assert "'follow_up'" in diagnostic.message
    steps_line = locate(new_project / PROC, "steps:")[0]
    assert steps_line <= diagnostic.line <= steps_line + 1


def test_every_missing_phase_is_reported(new_project: Path) -> None:
    text = read(new_project, PROC)
    start, end = text.index("  sat:\n"), text.index("  follow_up:\n")
    write(new_project, PROC, text[:start] + text[end:])
    edit(new_project, PROC, "forms: [repair-call-log]", "forms: []")  # keep the rest valid
    missing = [d for d in check(new_project) if d.code == "coverage.missing-phase"]
    assert sorted(re.search(r"'(\w+)' phase", d.message).group(1) for d in missing) == ["departments", "sat"]


@pytest.mark.parametrize(("days", "code"), [(-1, "review.overdue"), (0, "review.due-soon"),
                                            (30, "review.due-soon"), (31, None)])
def test_review_window_boundaries(days: int, code: str | None, new_project: Path) -> None:
    _dates(PROC, -400, days)(new_project)
    codes = [d.code for d in check(new_project)]
    assert codes == ([code] if code else [])


def test_review_warning_days_is_configurable(new_project: Path) -> None:
    edit(new_project, CONFIG, "review_warning_days: 30", "review_warning_days: 60")
    _dates(PROC, -400, 45)(new_project)
    assert [d.code for d in check(new_project)] == ["review.due-soon"]


def test_missing_translation_is_one_warning_per_item_and_language(new_project: Path) -> None:
    edit(new_project, FORM, ', en: "One line per repair call received."}', "}")
    edit(new_project, FORM, ', en: "Repair call log"}', "}")
    (diagnostic,) = check(new_project)
    assert diagnostic.code == "text.missing-translation"
    assert "2 of" in diagnostic.message and "title, summary" in diagnostic.message
    # points at the first untranslated text, the title
    assert diagnostic.line == locate(new_project / FORM, "title:")[0]


def test_all_problems_of_all_files_in_one_run(new_project: Path) -> None:
    codes = ("yaml.duplicate-key", "ref.unknown-form", "ref.unknown-department", "ref.unknown-product")
    for code in codes:  # fixtures overlaying four different files
        plant(new_project, code)
    assert set(codes) <= {d.code for d in check(new_project)}


# --------------------------------------------------------------------------- severity overrides


def _rules(root: Path, lines: str) -> None:
    edit(root, CONFIG, "# rules:", "rules:\n" + lines + "\n# old rules:")


def test_rule_off_removes_the_code(new_project: Path) -> None:
    plant(new_project, "id.file-name")
    assert [d.code for d in check(new_project)] == ["id.file-name"]
    _rules(new_project, "  id.file-name: off")  # 'off' stays text (YAML 1.2), not false
    assert check(new_project) == []
    assert main(["check", "--project", str(new_project), "--strict"]) == 0


def test_rule_error_promotes_a_warning(new_project: Path, capsys) -> None:
    plant(new_project, "review.overdue")
    assert main(["check", "--project", str(new_project)]) == 0
    _rules(new_project, "  review.overdue: error")
    (diagnostic,) = check(new_project)
    assert (diagnostic.code, diagnostic.severity) == ("review.overdue", "error")
    capsys.readouterr()
    assert main(["check", "--project", str(new_project)]) == 1
    assert " error review.overdue: " in capsys.readouterr().out


def test_rule_can_lower_an_error_to_a_warning(new_project: Path) -> None:
    plant(new_project, "ref.unknown-step")
    _rules(new_project, "  ref.unknown-step: warning\n  text.missing-translation: info")
    plant(new_project, "text.missing-translation")
    severities = {d.code: d.severity for d in check(new_project)}
    assert severities == {"ref.unknown-step": "warning", "text.missing-translation": "info"}
    assert main(["check", "--project", str(new_project)]) == 0
    assert main(["check", "--project", str(new_project), "--strict"]) == 1


def test_unknown_code_in_rules_is_a_config_error(new_project: Path, cli) -> None:
    _rules(new_project, "  id.filename: off")
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.file == CONFIG
    assert diagnostic.line == locate(new_project / CONFIG, "id.filename")[0]
    assert "did you mean 'id.file-name'" in diagnostic.message
    run = cli("check", "--project", new_project)
    assert run.code == 2, run
    assert "site_config.yml:" in run.err and "id.filename" in run.err
    assert "Traceback" not in run.err + run.out


def test_unknown_severity_in_rules_is_a_config_error(new_project: Path) -> None:
    _rules(new_project, "  id.file-name: fatal")
    with pytest.raises(ConfigError):
        load_project(new_project)
    assert main(["check", "--project", str(new_project)]) == 2



# --------------------------------------------------------------------------- id.file-name advice


@pytest.mark.parametrize(("declared", "advice", "not_advised"), [
    ("repair-call-book", "rename the file to 'repair-call-book.yml'", None),
    ("Repair_Log!", "fix the id first", "rename the file to 'Repair_Log!"),
    ("Repair Log", "write id: repair-call-log", "rename the file to 'Repair Log"),
])
def test_id_file_name_never_advises_a_file_name_that_is_no_valid_id(new_project: Path, declared: str, advice: str,
                                                                   not_advised: str | None) -> None:
    edit(new_project, FORM, "id: repair-call-log", f"id: '{declared}'")
    found = [d for d in run_checks(load_project(new_project)) if d.code == "id.file-name"]
    (diagnostic,) = found
    assert advice in diagnostic.message
    assert not_advised is None or not_advised not in diagnostic.message
    if not_advised is not None:
        assert any(d.code == "schema.invalid-id" for d in run_checks(load_project(new_project)))
