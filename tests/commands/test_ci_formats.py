"""``aftersales check`` as CI systems read it: every format carries the same diagnostics.

Text, JSON, JUnit, GitHub workflow commands and SARIF are five views of one report: the same
(code, file, line, column, severity) in each, the same exit code, and each well-formed for the
tool that reads it (SARIF for code scanning, JUnit for test reports, annotations for pull
requests). The pre-commit hook shipped in ``.pre-commit-hooks.yaml`` runs the same check.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote
from xml.etree import ElementTree as ET

import pytest
import yaml
from conftest import REPO
from test_check_cli import (
    GUIDE,
    PROC,
    ROLE,
    TEXT_LINE,
    edit,
    line_of,
    no_traceback,
    set_next_review,
)

from generator import __version__
from generator.diagnostics.codes import RULES
from generator.diagnostics.diagnostic import Diagnostic
from generator.report.check_report import (
    FORMATS,
    CheckReport,
    _escape_data,
    _escape_property,
)
from generator.report.sarif import SCHEMA, fingerprint

STANDARD = "content/standards/answer-within-4-hours.yml"
STRAY = "content/notes/stray.yml"
GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]*),line=(?P<line>\d+),col=(?P<column>\d+),"
    r"title=(?P<code>[^,:]+)::(?P<message>.*)$"
)
SEVERITY = {"error": "error", "warning": "warning", "info": "info", "notice": "info", "note": "info"}


def with_problems(root: Path) -> Path:
    """An error with line and column, two warnings (one at a file's start) and a note."""
    edit(root, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]")  # ref.unknown-form
    set_next_review(root, ROLE, -3)  # review.overdue
    set_next_review(root, GUIDE, 3)  # review.due-soon (info)
    (root / STRAY).parent.mkdir()
    (root / STRAY).write_text("title: lost\n", encoding="utf-8")  # file.outside-type-folder
    return root


def with_warnings_only(root: Path) -> Path:
    set_next_review(root, ROLE, -3)
    set_next_review(root, GUIDE, 3)
    return root


def _unescape(text: str) -> str:
    return (text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n")
            .replace("%25", "%"))


def found(fmt: str, out: str) -> set[tuple[str, str, int, int, str]]:
    """(code, file, line, column, severity) of every diagnostic in a report of format ``fmt``."""
    if fmt == "text":
        matches = [TEXT_LINE.match(line) for line in out.splitlines()[:-1]]
        assert all(matches), out
        return {(m["code"], m["file"], int(m["line"]), int(m["column"]), m["severity"]) for m in matches}
    if fmt == "json":
        return {(d["code"], d["file"], d["line"], d["column"], d["severity"]) for d in json.loads(out)["diagnostics"]}
    if fmt == "junit":
        root = ET.fromstring(out.encode("utf-8"))
        texts = [node.text for case in root.iter("testcase") for node in case if node.tag in ("failure", "system-out")]
        matches = [TEXT_LINE.match(line) for text in texts for line in text.splitlines()]
        assert all(matches), out
        return {(m["code"], m["file"], int(m["line"]), int(m["column"]), m["severity"]) for m in matches}
    if fmt == "github":
        lines = out.splitlines()
        assert lines[-1].startswith("aftersales check: "), out
        matches = [GITHUB_LINE.match(line) for line in lines[:-1]]
        assert all(matches), out
        return {(m["code"], _unescape(m["file"]), int(m["line"]), int(m["column"]), SEVERITY[m["level"]])
                for m in matches}
    assert fmt == "sarif"
    result = set()
    for r in json.loads(out)["runs"][0]["results"]:
        location = r["locations"][0]["physicalLocation"]
        region = location["region"]
        result.add((r["ruleId"], unquote(location["artifactLocation"]["uri"]), region["startLine"],
                    region["startColumn"], SEVERITY[r["level"]]))
    return result


# --------------------------------------------------------------------------- all formats


def test_every_format_carries_every_diagnostic_with_its_place(new_project: Path, cli) -> None:
    with_problems(new_project)
    expected = {
        ("ref.unknown-form", PROC, line_of(new_project, PROC, "repair-call-book"), 15, "error"),
        ("review.overdue", ROLE, line_of(new_project, ROLE, "next_review:"), 16, "warning"),
        ("review.due-soon", GUIDE, line_of(new_project, GUIDE, "next_review:"), 16, "info"),
        ("file.outside-type-folder", STRAY, 1, 1, "warning"),
    }
    for fmt in FORMATS:
        run = cli("check", "--project", new_project, "--format", fmt)
        no_traceback(run)
        assert run.code == 1, (fmt, run)
        assert run.err == ""
        assert found(fmt, run.out) == expected, fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_warnings_pass_and_strict_fails_in_every_format(new_project: Path, cli, fmt: str) -> None:
    with_warnings_only(new_project)
    relaxed = cli("check", "--project", new_project, "--format", fmt)
    strict = cli("check", "--project", new_project, "--format", fmt, "--strict")
    assert (relaxed.code, strict.code) == (0, 1), (relaxed, strict)
    assert found(fmt, relaxed.out) == found(fmt, strict.out)
    assert {severity for *_, severity in found(fmt, strict.out)} == {"warning", "info"}


def test_a_clean_project_passes_in_every_format(new_project: Path, cli) -> None:
    for fmt in FORMATS:
        run = cli("check", "--project", new_project, "--format", fmt)
        assert run.code == 0, (fmt, run)
        assert found(fmt, run.out) == set(), fmt


# --------------------------------------------------------------------------- SARIF


def sarif(cli, root: Path, *args: str) -> tuple[int, dict]:
    run = cli("check", "--project", root, "--format", "sarif", *args)
    no_traceback(run)
    return run.code, json.loads(run.out)


def test_sarif_log_structure(new_project: Path, cli) -> None:
    code, log = sarif(cli, with_problems(new_project))
    assert code == 1
    assert log["$schema"] == SCHEMA == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("aftersales", __version__)
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == {result["ruleId"] for result in run["results"]}  # one rule per code found, no more
    for rule in rules:
        entry = RULES[rule["id"]]
        assert rule["shortDescription"]["text"] == entry.summary
        assert entry.why in rule["fullDescription"]["text"] and entry.why in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            entry.severity]
    levels = {}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        levels[result["ruleId"]] = result["level"]
        assert result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        uri = artifact["uri"]
        assert uri.startswith("content/") and "\\" not in uri and ".." not in uri
        assert not Path(uri).is_absolute() and (new_project / unquote(uri)).is_file()
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert set(result["partialFingerprints"]) == {"aftersales/v1"}
    assert levels == {"ref.unknown-form": "error", "review.overdue": "warning", "review.due-soon": "note",
                      "file.outside-type-folder": "warning"}
    (invocation,) = run["invocations"]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (True, 1)  # ran; findings fail it
    assert str(new_project) not in json.dumps(log)  # no absolute path of the machine that ran it


def test_sarif_strict_keeps_levels_and_reports_the_verdict(new_project: Path, cli) -> None:
    with_warnings_only(new_project)
    code, relaxed = sarif(cli, new_project)
    strict_code, strict = sarif(cli, new_project, "--strict")
    assert (code, strict_code) == (0, 1)
    for log, exit_code in ((relaxed, 0), (strict, 1)):
        (invocation,) = log["runs"][0]["invocations"]
        assert (invocation["executionSuccessful"], invocation["exitCode"]) == (True, exit_code)
    assert {r["level"] for r in strict["runs"][0]["results"]} == {"warning", "note"}  # not raised to error
    assert relaxed["runs"][0]["results"] == strict["runs"][0]["results"]


def test_sarif_level_follows_a_severity_changed_in_site_config(new_project: Path, cli) -> None:
    set_next_review(new_project, ROLE, -3)
    edit(new_project, "site_config.yml", "# rules:", "rules: {review.overdue: error}\n# rules:")
    code, log = sarif(cli, new_project)
    assert code == 1
    (result,) = log["runs"][0]["results"]
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert (result["level"], rule["defaultConfiguration"]["level"]) == ("error", "warning")


def test_sarif_fingerprints_survive_a_line_move(new_project: Path, cli) -> None:
    with_problems(new_project)
    _, before = sarif(cli, new_project)
    edit(new_project, PROC, "id: warranty-repair\n", "# a new comment line\nid: warranty-repair\n")
    _, after = sarif(cli, new_project)

    def by_rule(log: dict) -> dict[str, tuple[str, int]]:
        return {r["ruleId"]: (r["partialFingerprints"]["aftersales/v1"],
                              r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in log["runs"][0]["results"]}

    old, new = by_rule(before), by_rule(after)
    assert new["ref.unknown-form"][1] == old["ref.unknown-form"][1] + 1
    assert {rule: fp for rule, (fp, _) in new.items()} == {rule: fp for rule, (fp, _) in old.items()}
    assert len({fp for fp, _ in new.values()}) == len(new)


def test_sarif_output_to_a_file(new_project: Path, cli, tmp_path: Path) -> None:
    with_problems(new_project)
    target = tmp_path / "reports" / "check.sarif"
    run = cli("check", "--project", new_project, "--format", "sarif", "--output", target)
    assert run.code == 1, run
    assert run.out.startswith("FAILED: 1 error, 2 warnings, 1 note"), run.out
    assert "ref.unknown-form" not in run.out
    assert target.read_text(encoding="utf-8") == cli("check", "--project", new_project, "--format", "sarif").out


def test_sarif_places_only_what_a_diagnostic_knows() -> None:
    """A diagnostic without a file gets no location; without a line (or column), no region (or column)."""
    report = CheckReport(kb=None, coverage=[], files=[], diagnostics=[
        Diagnostic("error", "ref.cycle", "project-wide", ""),
        Diagnostic("warning", "id.file-name", "no line", "content/forms/a b.yml", 0, 0),
        Diagnostic("info", "review.due-soon", "no column", "content/forms/c.yml", 4, 0, "c"),
    ])
    project_wide, no_line, no_column = json.loads(report.render("sarif"))["runs"][0]["results"]
    assert "locations" not in project_wide
    assert no_line["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "content/forms/a%20b.yml", "uriBaseId": "%SRCROOT%"}}}]
    assert no_column["locations"][0]["physicalLocation"]["region"] == {"startLine": 4}
    assert no_column["message"]["text"] == "no column [c]"
    assert fingerprint(report.diagnostics[2]) == fingerprint(Diagnostic("info", "review.due-soon", "no column",
                                                                        "content/forms/c.yml", 9, 9, "c"))


# --------------------------------------------------------------------------- JUnit


def test_junit_failures_hold_every_failing_diagnostic_and_the_rest_is_output(new_project: Path, cli) -> None:
    with_problems(new_project)
    for args in ((), ("--strict",)):
        report = json.loads(cli("check", "--project", new_project, "--format", "json", *args).out)
        run = cli("check", "--project", new_project, "--format", "junit", *args)
        assert run.code == 1, run
        root = ET.fromstring(run.out.encode("utf-8"))
        failing_lines, other_lines, failing_files = set(), set(), set()
        for case in root.iter("testcase"):
            failure = case.find("failure")
            if failure is not None:
                failing_files.add(case.get("name"))
                lines = failure.text.splitlines()
                assert failure.get("type") == TEXT_LINE.match(lines[0])["code"]
                failing_lines.update(lines)
            out = case.find("system-out")
            if out is not None:
                other_lines.update(out.text.splitlines())
        fails = {"error", "warning"} if args else {"error"}
        diagnostics = [Diagnostic(**d) for d in report["diagnostics"]]
        assert failing_lines == {d.format_text() for d in diagnostics if d.severity in fails}
        assert other_lines == {d.format_text() for d in diagnostics if d.severity not in fails}
        assert failing_files == {d.file for d in diagnostics if d.severity in fails}
        assert root.find("testsuite").get("failures") == str(len(failing_files))


def test_junit_stays_valid_xml_when_a_message_quotes_a_control_character(new_project: Path, cli) -> None:
    edit(new_project, PROC, "forms: [repair-call-log]", r'forms: ["bad\u0007id\0"]')
    run = cli("check", "--project", new_project, "--format", "junit")
    assert run.code == 1, run
    failure = ET.fromstring(run.out.encode("utf-8")).find(".//failure")
    assert failure.get("type") == "schema.invalid-id"
    assert r"'bad\x07id\x00'" in failure.text


# --------------------------------------------------------------------------- GitHub


def test_github_annotations_escape_messages_and_properties(new_project: Path, cli) -> None:
    """A message quoting content with '%' and a newline, and a file name with ',', ':' and '%'."""
    edit(new_project, STANDARD, "frequency: monthly", r'frequency: "100%\nmonthly, really: yes"')
    odd = "content/notes/a,b:c%d.yml"
    (new_project / odd).parent.mkdir()
    (new_project / odd).write_text("title: lost\n", encoding="utf-8")
    run = cli("check", "--project", new_project, "--format", "github")
    assert run.code == 1, run
    lines = run.out.splitlines()
    annotations = {m["code"]: m for m in map(GITHUB_LINE.match, lines[:-1])}
    assert None not in annotations, run.out
    invalid = annotations["schema.invalid-value"]
    # The newline quoted from content is written as the two characters \n (see Diagnostic).
    assert "'100%25\\nmonthly, really: yes'" in invalid["message"]
    assert invalid["file"] == STANDARD and int(invalid["line"]) == line_of(new_project, STANDARD, "frequency:")
    assert annotations["file.outside-type-folder"]["file"] == "content/notes/a%2Cb%3Ac%25d.yml"
    log = json.loads(cli("check", "--project", new_project, "--format", "sarif").out)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert "'100%\\nmonthly, really: yes'" in results["schema.invalid-value"]["message"]["text"]
    uri = results["file.outside-type-folder"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == quote(odd) and unquote(uri) == odd


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert _escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert _escape_property("dir:a,b%\n") == "dir%3Aa%2Cb%25%0A"


# --------------------------------------------------------------------------- pre-commit hook


def test_pre_commit_hook_manifest() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "aftersales-check"
    assert hook["name"] and hook["language"] == "python"
    assert hook["entry"] == "aftersales check"
    # The check reads files a pattern cannot know (compliance.data is any path) and a deletion
    # breaks references too: the hook runs on every commit, once, on the whole project.
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    assert "files" not in hook
    assert set(hook) <= {"id", "name", "description", "entry", "language", "files", "exclude", "types",
                         "pass_filenames", "always_run", "require_serial", "stages", "minimum_pre_commit_version"}
    # language: python installs this repository with pip, which must provide the entry's command.
    assert 'aftersales = "generator.cli:console"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def _try_repo(project: Path, home: Path) -> subprocess.CompletedProcess:
    """``pre-commit try-repo`` of this repository's last commit (what CI checks out; a working tree
    with half-done changes need not install) on the staged files of ``project``."""
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([pre_commit, "try-repo", str(REPO), "aftersales-check", "--ref", "HEAD"], cwd=project, env=env,
                          check=False, capture_output=True, text=True, timeout=600)


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=project,
                   check=True, capture_output=True)


@pytest.mark.slow
def test_pre_commit_try_repo_fails_on_a_staged_bad_csv_row_and_a_broken_lock(new_project: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    config = new_project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "compliance:\n  data: records/m.csv\n", encoding="utf-8")
    (new_project / "records").mkdir()
    good = "standard,date,met\nanswer-within-4-hours,2025-03-03,yes\n"
    (new_project / "records/m.csv").write_text(good, encoding="utf-8")
    _git(new_project, "init", "-q")
    _git(new_project, "add", ".")
    _git(new_project, "commit", "-qm", "a clean knowledge base")
    home = tmp_path / "pre-commit-home"

    # a bad row staged in a measurements file the project names itself (outside content/)
    (new_project / "records/m.csv").write_text(good + 'answer-within-4-hours,"2025-03-03,yes\n', encoding="utf-8")
    _git(new_project, "add", "records/m.csv")
    proc = _try_repo(new_project, home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"aftersales check\.+Failed", proc.stdout), proc.stdout
    assert "records/m.csv:3:" in proc.stdout and "data.bad-row" in proc.stdout

    # a broken review.lock.json staged, the CSV fixed
    (new_project / "records/m.csv").write_text(good, encoding="utf-8")
    (new_project / "review.lock.json").write_text("{not json", encoding="utf-8")
    _git(new_project, "add", "records/m.csv", "review.lock.json")
    proc = _try_repo(new_project, home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"aftersales check\.+Failed", proc.stdout) and "Skipped" not in proc.stdout, proc.stdout
    assert "change.lock-invalid" in proc.stdout


@pytest.mark.parametrize("broken", [False, True])
def test_pre_commit_hook_entry_checks_the_project(new_project: Path, broken: bool) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    command = shlex.split(hook["entry"])
    assert shutil.which(command[0]), f"'{command[0]}' is not installed (pip install -e .)"
    if broken:
        edit(new_project, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]")
    proc = subprocess.run([*command, "--project", str(new_project)], check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == (1 if broken else 0), proc
    assert ("ref.unknown-form" in proc.stdout) is broken
    # pre-commit runs the entry from the repository's root, where --project defaults to.
    in_root = subprocess.run(command, check=False, capture_output=True, text=True, timeout=60, cwd=new_project)
    assert in_root.returncode == proc.returncode, in_root
