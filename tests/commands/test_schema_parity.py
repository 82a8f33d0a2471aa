"""The per-project JSON Schemas (``aftersales schema``) and ``aftersales check`` give the same
verdict on a table of broken files, wherever JSON Schema can say it: a validator with format
checking (``jsonschema`` + ``FormatChecker``, what editors run as you type) against ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit

from generator.commands.schema import json_schemas
from generator.load.project import ConfigError, load_project
from generator.load.yaml_reader import parse_yaml_bytes
from generator.validate import run_checks

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

WARRANTY = "content/warranty/legal-guarantee.yml"
STANDARD = "content/standards/answer-within-4-hours.yml"
PROCEDURE = "content/procedures/warranty-repair.yml"
FORM = "content/forms/repair-call-log.yml"

# (file, text to replace, replacement, what check says and the schema must say too)
BROKEN = [
    (WARRANTY, "approved: 2026", "approved: 2026-13-45 #", "a date that is not real"),
    (WARRANTY, "approved: 2026", "approved: 01/10/2026 #", "a date not written YYYY-MM-DD"),
    (WARRANTY, "approved: 2026", "approved: 2026-1-5 #", "a date without leading zeros"),
    (WARRANTY, 'title: {ca: "Garantia legal", ', 'title: "" #', "an empty required text"),
    (WARRANTY, 'title: {ca: "Garantia legal", ', 'title: {ca: "  ", ', "a blank text in one language"),
    (WARRANTY, 'title: {ca: "Garantia legal", ', 'title: {fr: "Garantie", ca: "Garantia legal", ', "a language the project does not have"),
    (WARRANTY, 'title: {ca: "Garantia legal", es: "Garantía legal", en: "Legal guarantee"}', "title: {}", "a text with no language"),
    (WARRANTY, 'title: {ca: "Garantia legal", ', 'title: {ca: 12, ', "a number where a text goes"),
    (WARRANTY, "  - {ca: \"Conserveu", "  - {fr: \"Gardez\", ca: \"Conserveu", "a language the project lacks, in a list"),
    (WARRANTY, "category: C", "category: E", "a value outside an enum"),
    (WARRANTY, "audience: public", "audience: everyone", "an unknown audience"),
    (WARRANTY, "pays: {parts: company", "pays: {parts: nobody", "an unknown payer"),
    (WARRANTY, "to_month: 36", "to_month: -1", "a negative month"),
    (WARRANTY, "to_month: 36", "to_month: many", "text where a number goes"),
    (WARRANTY, "covered: true", "covered: yes", "yes is text under YAML 1.2"),
    (WARRANTY, "id: legal-guarantee", "id: Legal_Guarantee", "an invalid id"),
    (WARRANTY, "id: legal-guarantee", "# id: legal-guarantee", "a missing required field (the id)"),
    (WARRANTY, "covered: true", "covered: true\nfoo: 1", "an unknown field"),
    (WARRANTY, 'version: "1.0"', "version: true", "a version that is a boolean"),
    (STANDARD, "limit: at_most", "limit: below", "an unknown target limit"),
    (STANDARD, "frequency: monthly", "frequency: hourly", "an unknown frequency"),
    (STANDARD, "  value: 4\n", "  value: four\n", "a target that is not a number"),
    (PROCEDURE, "audience: staff", "audience: [staff]", "a list where one value goes"),
    (FORM, "audience:", "title2: x\naudience:", "an unknown field in a form"),
]

# What JSON Schema cannot say, and check does (README: "What only check sees"):
CHECK_ONLY = [
    (WARRANTY, "to_month: 36", "to_month: 36.0",
     "36.0 is the integer 36 in JSON's data model; check refuses a float where a whole number goes"),
]
GOOD = [
    (WARRANTY, 'title: {ca: "Garantia legal", es: "Garantía legal", en: "Legal guarantee"}', 'title: "Garantia legal"'),
    (WARRANTY, "approved: 2026", "approved: 2024-02-29 #"),
    (WARRANTY, 'title: {ca: "Garantia legal", es: "Garantía legal", en: "Legal guarantee"}', 'title: {en: "Legal guarantee"}'),
]


def _verdicts(project: Path, file: str) -> tuple[bool, bool, list[str]]:
    """(check refuses the file, the schema refuses it, what each said)."""
    project_loaded = load_project(project)
    schema = json_schemas(list(project_loaded.config.languages))[f"{_TYPE_OF_FOLDER[file.split('/')[1]]}.schema.json"]
    data = parse_yaml_bytes((project / file).read_bytes()).data
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    schema_errors = [error.message for error in validator.iter_errors(data)]
    check_errors = [f"{d.code}: {d.message}" for d in run_checks(project_loaded)
                    if d.file == file and d.severity == "error" and d.code.startswith(("schema.", "yaml.", "id."))]
    return bool(check_errors), bool(schema_errors), check_errors + schema_errors


_TYPE_OF_FOLDER = {"warranty": "warranty", "standards": "standard", "procedures": "procedure", "forms": "form"}


@pytest.mark.parametrize(("file", "old", "new", "what"), BROKEN, ids=[case[3] for case in BROKEN])
def test_schema_and_check_refuse_the_same_broken_files(new_project: Path, file: str, old: str, new: str,
                                                       what: str) -> None:
    edit(new_project, file, old, new)
    refused_by_check, refused_by_schema, said = _verdicts(new_project, file)
    assert refused_by_check, f"check accepts {what}"
    assert refused_by_schema, f"the schema accepts {what} (check: {said})"


@pytest.mark.parametrize(("file", "old", "new", "why"), CHECK_ONLY, ids=[case[2] for case in CHECK_ONLY])
def test_what_only_check_sees(new_project: Path, file: str, old: str, new: str, why: str) -> None:
    edit(new_project, file, old, new)
    refused_by_check, refused_by_schema, _ = _verdicts(new_project, file)
    assert (refused_by_check, refused_by_schema) == (True, False), why


@pytest.mark.parametrize(("file", "old", "new"), GOOD, ids=[case[2] for case in GOOD])
def test_schema_and_check_accept_the_same_good_variants(new_project: Path, file: str, old: str, new: str) -> None:
    edit(new_project, file, old, new)
    refused_by_check, refused_by_schema, said = _verdicts(new_project, file)
    assert (refused_by_check, refused_by_schema) == (False, False), said


def test_the_untouched_project_passes_both(new_project: Path) -> None:
    for file in (WARRANTY, STANDARD, PROCEDURE, FORM):
        assert _verdicts(new_project, file)[:2] == (False, False), file


# --------------------------------------------------------------------------- authored settings (issue 29)

RULE = ("coverage_rules:\n"
        "  - id: follow-up-form\n"
        "    message: {ca: El seguiment es registra., es: El seguimiento se registra., en: The follow-up is recorded.}\n"
        "    require: {phase: follow_up, fills_form: true}\n")
WAIVER = ("waivers:\n"
          "  - rule: follow-up-form\n"
          "    justification: {ca: La trucada es registra al CRM i no en paper., es: La llamada se registra en el"
          " CRM y no en papel., en: The call is logged in the CRM and not on paper.}\n"
          "    approved_by: Quality manager\n"
          "    expires: 2099-01-31\n")
SETTINGS_BROKEN = [
    ("site_config.yml", "message: {ca: El seguiment es registra., ", "message: {fr: Le suivi., ca: El seguiment es registra., ",
     "a rule message in a language the project does not have"),
    ("site_config.yml", "message: {ca: El seguiment es registra., es: El seguimiento se registra., en: The follow-up is recorded.}",
     "message: 12", "a number where a rule message goes"),
    ("site_config.yml", "message: {ca: El seguiment es registra., ", "message: {ca: '  ', ", "a blank rule message in one language"),
    (PROCEDURE, "es: La llamada se registra en el CRM y no en papel.", "es: En el CRM.", "a justification too short in one language"),
    (PROCEDURE, "approved_by: Quality manager", "approved_by: {ca: Cap de qualitat, de: Qualitätsleiter}",
     "an approver in a language the project does not have"),
]
SETTINGS_GOOD = [
    ("site_config.yml", "message: {ca: El seguiment es registra., es: El seguimiento se registra., en: The follow-up is recorded.}",
     "message: The follow-up is recorded."),
    (PROCEDURE, "approved_by: Quality manager", "approved_by: {ca: Cap de qualitat, es: Jefa de calidad, en: Quality manager}"),
    (PROCEDURE, ("justification: {ca: La trucada es registra al CRM i no en paper., es: La llamada se registra en el"
                 " CRM y no en papel., en: The call is logged in the CRM and not on paper.}"),
     "justification: La trucada es registra al CRM i no en paper."),
]


def _with_rule_and_waiver(project: Path) -> None:
    for rel, text in (("site_config.yml", RULE), (PROCEDURE, WAIVER)):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _settings_verdicts(project: Path, file: str) -> tuple[bool, bool, list[str]]:
    """(check refuses the file, the schema refuses it, what each said), site_config.yml included."""
    if file != "site_config.yml":
        return _verdicts(project, file)
    data = parse_yaml_bytes((project / file).read_bytes()).data
    schema = json_schemas(["ca", "es", "en"])["site_config.schema.json"]
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    schema_errors = [error.message for error in validator.iter_errors(data)]
    try:
        load_project(project)
        check_errors: list[str] = []
    except ConfigError as exc:
        check_errors = [f"{d.code}: {d.message}" for d in exc.diagnostics]
    return bool(check_errors), bool(schema_errors), check_errors + schema_errors


@pytest.mark.parametrize(("file", "old", "new", "what"), SETTINGS_BROKEN, ids=[case[3] for case in SETTINGS_BROKEN])
def test_schema_and_check_refuse_the_same_broken_settings(new_project: Path, file: str, old: str, new: str,
                                                          what: str) -> None:
    _with_rule_and_waiver(new_project)
    assert _settings_verdicts(new_project, file)[:2] == (False, False)
    edit(new_project, file, old, new)
    refused_by_check, refused_by_schema, said = _settings_verdicts(new_project, file)
    assert refused_by_check, f"check accepts {what}"
    assert refused_by_schema, f"the schema accepts {what} (check: {said})"


@pytest.mark.parametrize(("file", "old", "new"), SETTINGS_GOOD, ids=[case[2] for case in SETTINGS_GOOD])
def test_schema_and_check_accept_the_same_good_settings(new_project: Path, file: str, old: str, new: str) -> None:
    _with_rule_and_waiver(new_project)
    edit(new_project, file, old, new)
    refused_by_check, refused_by_schema, said = _settings_verdicts(new_project, file)
    assert (refused_by_check, refused_by_schema) == (False, False), said
