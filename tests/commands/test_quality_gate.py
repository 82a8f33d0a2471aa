"""The quality manager's gate: one command, in CI, fails on every kind of problem they answer for,
and every output format names each one with its file and line."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import edit

from generator.cli import main

PROC = "content/procedures/warranty-repair.yml"
STANDARD = "content/standards/answer-within-4-hours.yml"
FORM = "content/forms/repair-call-log.yml"
TODAY = dt.date.today()

EXPECTED = {
    "coverage.missing-phase": PROC,      # the follow-up phase deleted
    "coverage.rule-not-met": PROC,       # a house rule the procedure breaks
    "waiver.expired": PROC,              # a waiver past its date
    "review.overdue": FORM,              # a document past its review date
    "change.suspect": PROC,              # the procedure cites a standard changed since its review
}


def break_everything(root: Path) -> None:
    assert main(["review", "--all", "--project", str(root)]) == 0  # change review in use
    edit(root, STANDARD, "value: 4", "value: 2")
    text = (root / PROC).read_text(encoding="utf-8")
    (root / PROC).write_text(text[:text.index("  follow_up:\n")] + (
        "waivers:\n"
        "  - rule: reception-has-a-decision\n"
        "    justification: Calls are triaged by the switchboard before they reach reception.\n"
        "    approved_by: Quality manager\n"
        f"    expires: {(TODAY - dt.timedelta(days=1)).isoformat()}\n"), encoding="utf-8")
    (root / "site_config.yml").write_text((root / "site_config.yml").read_text(encoding="utf-8") + (
        "coverage_rules:\n"
        "  - id: reception-has-a-decision\n"
        "    message: Reception must decide whether the call is a breakdown or a question.\n"
        "    require: {phase: reception, has_decision: true}\n"
        "  - id: sat-fills-repair-card\n"
        "    message: The SAT must fill in a form.\n"
        "    severity: warning\n"
        "    require: {phase: sat, fills_form: true}\n"), encoding="utf-8")
    past = (TODAY - dt.timedelta(days=10)).isoformat()
    text = (root / FORM).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  approved: )\S+", r"\g<1>2020-01-01", text, count=1)
    text = re.sub(r"(?m)^(  next_review: )\S+", rf"\g<1>{past}", text, count=1)
    (root / FORM).write_text(text, encoding="utf-8")


def test_one_command_fails_on_every_problem_in_every_format(new_project: Path, cli) -> None:
    clean = cli("check", "--strict", "--project", new_project)
    assert clean.code == 0, clean.out
    break_everything(new_project)

    report = cli("check", "--strict", "--project", new_project, "--format", "json")
    assert report.code == 1
    diagnostics = json.loads(report.out)["diagnostics"]
    for code, file in EXPECTED.items():
        assert any(d["code"] == code and d["file"] == file and d["line"] > 1 for d in diagnostics), code
    codes = {d["code"] for d in diagnostics}
    assert codes >= set(EXPECTED)

    text = cli("check", "--strict", "--project", new_project).out
    github = cli("check", "--strict", "--project", new_project, "--format", "github").out
    junit = cli("check", "--strict", "--project", new_project, "--format", "junit").out
    sarif = json.loads(cli("check", "--strict", "--project", new_project, "--format", "sarif").out)
    rule_ids = {result["ruleId"] for result in sarif["runs"][0]["results"]}
    for code, file in EXPECTED.items():
        assert re.search(rf"^{re.escape(file)}:\d+:\d+: \w+ {re.escape(code)}:", text, re.M), code
        assert re.search(rf"file={re.escape(file)},line=\d+,col=\d+,title={re.escape(code)}", github), code
        assert code in junit, code
        assert code in rule_ids, code
    invocation = sarif["runs"][0]["invocations"][0]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (True, 1)
