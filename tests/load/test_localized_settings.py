"""Authored settings are texts per language, like content (issue 29, item 2): the coverage rules'
messages, the waivers' justifications and approvers, department names, company texts.

A plain string still loads (the default language; a name: every language); a text missing a
language is reported like content's, at its line and column; a wrong type stops with a message
at its line and column, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import edit

from generator.analyse.translations import settings_texts
from generator.load.project import ConfigError, load_project
from generator.model.fields import is_text_field
from generator.model.items import Waiver
from generator.validate import run_checks

CONFIG = "site_config.yml"
PROC = "content/procedures/warranty-repair.yml"
EXPIRES = (dt.date.today() + dt.timedelta(days=200)).isoformat()
RULE = ("coverage_rules:\n"
        "  - id: follow-up-form\n"
        "    title: {ca: Seguiment registrat, es: Seguimiento registrado, en: Follow-up recorded}\n"
        "    message: MESSAGE\n"
        "    require: {phase: follow_up, fills_form: true}\n")
MESSAGE = ("{ca: El seguiment es registra en un formulari., es: El seguimiento se registra en un formulario.,"
           " en: The follow-up is recorded on a form.}")
WAIVER = ("waivers:\n"
          "  - rule: follow-up-form\n"
          "    justification: JUSTIFICATION\n"
          "    approved_by: APPROVER\n"
          f"    expires: {EXPIRES}\n")
JUSTIFICATION = ("{ca: La trucada de seguiment es registra al CRM i no en paper., es: La llamada de seguimiento"
                 " se registra en el CRM y no en papel., en: The follow-up call is logged in the CRM and not on paper.}")


def with_rule(root: Path, message: str = MESSAGE) -> None:
    path = root / CONFIG
    path.write_text(path.read_text(encoding="utf-8") + RULE.replace("MESSAGE", message), encoding="utf-8")


def with_waiver(root: Path, justification: str = JUSTIFICATION, approver: str = "Quality manager") -> None:
    path = root / PROC
    path.write_text(path.read_text(encoding="utf-8")
                    + WAIVER.replace("JUSTIFICATION", justification).replace("APPROVER", approver), encoding="utf-8")


def position(root: Path, rel: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where ``needle`` starts in the project file."""
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {rel}")


def untranslated(root: Path) -> list:
    return [d for d in run_checks(load_project(root)) if d.code == "text.missing-translation"]


def test_a_rule_message_and_a_justification_per_language_load_and_pass(new_project: Path) -> None:
    with_rule(new_project)
    with_waiver(new_project)
    project = load_project(new_project)
    (rule,) = project.config.coverage_rules
    assert rule.message["es"] == "El seguimiento se registra en un formulario."
    waiver = project.kb.get("warranty-repair").model.waivers[0]
    assert waiver.justification["ca"].startswith("La trucada de seguiment")
    assert waiver.approved_by == dict.fromkeys(("ca", "es", "en"), "Quality manager")  # a name, every language
    assert untranslated(new_project) == []


def test_a_plain_string_still_loads_as_the_default_language_and_is_reported(new_project: Path) -> None:
    with_rule(new_project, message="The follow-up is recorded on a form.")
    (rule,) = load_project(new_project).config.coverage_rules
    assert rule.message == {"ca": "The follow-up is recorded on a form."}
    (warning,) = untranslated(new_project)
    assert warning.file == CONFIG and warning.severity == "warning"
    assert (warning.line, warning.column) == position(new_project, CONFIG, "The follow-up is recorded")
    assert "coverage_rules[0].message" in warning.message and "'es', 'en'" in warning.message


def test_a_setting_missing_one_language_is_reported_at_its_line_and_column(new_project: Path) -> None:
    with_rule(new_project, message="{ca: El seguiment es registra., es: El seguimiento se registra.}")
    edit(new_project, CONFIG, "required_phases:", "departments:\n"
         "  warehouse: {ca: Magatzem, es: Almacén, en: Warehouse}\n"
         "  workshop: {ca: Taller, es: Taller}\n"
         "required_phases:")
    found = sorted(untranslated(new_project), key=lambda d: d.line)
    assert [(d.line, d.column) for d in found] == [position(new_project, CONFIG, "{ca: Taller"),
                                                   position(new_project, CONFIG, "{ca: El seguiment")]
    assert "departments.workshop" in found[0].message and "'en'" in found[0].message
    assert "'es'" not in found[0].message.split("(")[0]


def test_a_justification_missing_a_language_is_reported_like_content(new_project: Path) -> None:
    with_rule(new_project)
    with_waiver(new_project, justification="{ca: La trucada de seguiment es registra al CRM i no en paper.}")
    found = [d for d in untranslated(new_project) if d.file == PROC]
    assert {d.message.split("'")[1] for d in found} == {"es", "en"}
    assert all("waivers[0].justification" in d.message for d in found)
    assert {(d.line, d.column) for d in found} == {position(new_project, PROC, "{ca: La trucada")}


def test_an_approver_may_be_a_post_per_language(new_project: Path) -> None:
    with_rule(new_project)
    with_waiver(new_project, approver="{ca: Cap de qualitat, es: Jefa de calidad, en: Quality manager}")
    waiver = load_project(new_project).kb.get("warranty-repair").model.waivers[0]
    assert waiver.approved_by["es"] == "Jefa de calidad"
    assert untranslated(new_project) == []


@pytest.mark.parametrize(("message", "says"), [
    ("12", "expected text, or one text per language"),
    ("[a, b]", "expected text, or one text per language"),
    ("{ca: El seguiment., es: 12}", "the es text must be text"),
    ("{ca: El seguiment., fr: Le suivi.}", "'fr' is not one of the languages"),
])
def test_a_wrong_setting_stops_with_its_line_and_column_and_no_traceback(new_project: Path, cli, message: str,
                                                                        says: str) -> None:
    with_rule(new_project, message=message)
    with pytest.raises(ConfigError) as raised:
        load_project(new_project)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code.startswith("schema.") and says in diagnostic.message
    assert "coverage_rules[0].message" in diagnostic.message
    line, column = position(new_project, CONFIG, message)
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == (CONFIG, line, column)
    run = cli("check", "--project", new_project)
    assert run.code == 2 and "Traceback" not in run.out + run.err
    assert f"{CONFIG}:{line}:{column}: error schema." in run.out + run.err


def test_a_short_justification_in_one_language_is_refused_at_its_line(new_project: Path) -> None:
    with_rule(new_project)
    with_waiver(new_project, justification="{ca: La trucada de seguiment es registra al CRM., es: En el CRM., en: In the CRM.}")
    found = [d for d in run_checks(load_project(new_project)) if d.severity == "error" and d.file == PROC]
    assert [d.code for d in found] == ["schema.invalid-value"]
    assert "too short" in found[0].message and "at least 20" in found[0].message
    assert found[0].line == position(new_project, PROC, "justification:")[0]


def test_settings_left_to_their_defaults_are_not_the_projects_texts(new_project: Path) -> None:
    """The seven shipped department names (ca, es, en) are not counted, whatever the project's languages."""
    edit(new_project, CONFIG, "languages: [ca, es, en]", "languages: [ca, es, en, gl]")
    config = load_project(new_project).config
    assert "warehouse" in config.departments  # the shipped ones
    assert [loc for loc, _ in settings_texts(config)] == [("title",)]
    assert not any("departments" in d.message for d in untranslated(new_project))


def test_texts_are_recognised_by_their_type_not_by_being_a_mapping() -> None:
    justification = Waiver.model_fields["justification"]
    assert is_text_field(justification.annotation, tuple(justification.metadata))
    from generator.model.config import Compliance, SiteConfig
    goals = Compliance.model_fields["goals"]
    assert not is_text_field(goals.annotation, tuple(goals.metadata))
    rules = SiteConfig.model_fields["rules"]
    assert not is_text_field(rules.annotation, tuple(rules.metadata))
