"""``aftersales check`` through the real command line (a subprocess), as CI runs it.

Exit codes: 0 clean (warnings allowed unless --strict), 1 content problems, 2 usage or
configuration error; never a traceback; every diagnostic ``path:line:col: severity code: message [item]``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import edit

from generator import __version__

PROC = "content/procedures/warranty-repair.yml"
FORM = "content/forms/repair-call-log.yml"
GUIDE = "content/guides/washing-machine-does-not-drain.yml"
ROLE = "content/roles/head-of-after-sales.yml"
PHASES = ["reception", "sat", "departments", "follow_up"]

TEXT_LINE = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
    r"(?P<code>[a-z]+\.[a-z-]+): (?P<message>.+?)(?: \[(?P<item>[a-z0-9-]+)\])?$"
)
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+")


def set_next_review(root: Path, rel: str, days: int, approved_days: int = -400) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    today = dt.date.today()
    text = re.sub(r"(?m)^(  approved: )\S+", rf"\g<1>{(today + dt.timedelta(days=approved_days)).isoformat()}", text)
    text = re.sub(r"(?m)^(  next_review: )\S+", rf"\g<1>{(today + dt.timedelta(days=days)).isoformat()}", text)
    path.write_text(text, encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def diagnostics(out: str) -> list[re.Match]:
    """The diagnostic lines of a text report (all but the final verdict)."""
    lines = out.splitlines()
    assert lines, "no output"
    assert lines[-1].startswith(("OK: ", "FAILED: ")), lines[-1]
    matches = [TEXT_LINE.match(line) for line in lines[:-1]]
    assert all(matches), f"lines not in 'path:line:col: severity code: message [item]' form:\n{out}"
    return matches


def no_traceback(run) -> None:
    assert "Traceback" not in run.out and "Traceback" not in run.err, run.err


def with_unknown_form(root: Path) -> Path:
    edit(root, PROC, "forms: [repair-call-log]", "forms: [repair-call-book]")
    return root


# --------------------------------------------------------------------------- exit codes, text format


def test_clean_project_exits_0(new_project: Path, cli) -> None:
    run = cli("check", "--project", new_project)
    assert run.code == 0, run
    assert run.out.startswith("OK: 0 errors, 0 warnings, 0 notes in 8 files"), run.out
    assert "coverage: 1 of 1 procedures complete" in run.out
    assert run.err == ""


def test_project_defaults_to_the_current_folder(new_project: Path, cli) -> None:
    run = cli("check", cwd=new_project)
    assert run.code == 0, run
    with_unknown_form(new_project)
    assert cli("check", cwd=new_project).code == 1


def test_content_error_exits_1_with_file_line_column_code_and_item(new_project: Path, cli) -> None:
    with_unknown_form(new_project)
    run = cli("check", "--project", new_project)
    assert run.code == 1, run
    (match,) = diagnostics(run.out)
    assert match["file"] == PROC  # relative to the project, forward slashes
    assert int(match["line"]) == line_of(new_project, PROC, "repair-call-book")
    assert int(match["column"]) == 15
    assert (match["severity"], match["code"], match["item"]) == ("error", "ref.unknown-form", "warranty-repair")
    assert "did you mean 'repair-call-log'" in match["message"]
    assert run.out.splitlines()[-1].startswith("FAILED: 1 error, 0 warnings")
    no_traceback(run)


def test_paths_are_relative_even_when_run_from_elsewhere(new_project: Path, cli, tmp_path: Path) -> None:
    with_unknown_form(new_project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = cli("check", "--project", Path("..") / new_project.name, cwd=elsewhere)
    assert run.code == 1, run
    (match,) = diagnostics(run.out)
    assert match["file"] == PROC
    assert str(tmp_path) not in run.out


def test_control_characters_quoted_from_content_stay_on_one_line(new_project: Path, cli) -> None:
    """A message quoting an id with a newline and an escape code is still one diagnostic line."""
    edit(new_project, ROLE, "id: head-of-after-sales", 'id: "head\\nfake.yml:1:1: error x.y: forged\\e[31m"')
    run = cli("check", "--project", new_project)
    assert run.code == 1
    no_traceback(run)
    assert "\x1b" not in run.out
    found = [m for m in diagnostics(run.out) if m["code"] == "schema.invalid-id"]
    assert found and "\\n" in found[0]["message"] and "\\x1b" in found[0]["message"]
    assert not any(line.startswith("fake.yml") for line in run.out.splitlines())


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e400"])
def test_numbers_must_be_finite(new_project: Path, cli, value: str) -> None:
    """Infinity would print as 'inf' on the pages and cannot go into the JSON report or export."""
    rel = "content/standards/answer-within-4-hours.yml"
    edit(new_project, rel, "  value: 4", f"  value: {value}")
    run = cli("check", "--project", new_project)
    assert run.code == 1
    found = [m for m in diagnostics(run.out) if m["code"] == "schema.invalid-value"]
    assert found and found[0]["file"] == rel and int(found[0]["line"]) == line_of(new_project, rel, "value:")
    assert "finite number" in found[0]["message"]


def test_warning_exits_0_and_strict_makes_it_fail(new_project: Path, cli) -> None:
    set_next_review(new_project, PROC, -5)
    run = cli("check", "--project", new_project)
    assert run.code == 0, run
    (match,) = diagnostics(run.out)
    assert (match["severity"], match["code"]) == ("warning", "review.overdue")
    strict = cli("check", "--project", new_project, "--strict")
    assert strict.code == 1, strict
    assert "--strict" in strict.out.splitlines()[-1]


def test_info_does_not_fail_even_with_strict(new_project: Path, cli) -> None:
    set_next_review(new_project, PROC, 5)
    run = cli("check", "--project", new_project, "--strict")
    assert run.code == 0, run
    (match,) = diagnostics(run.out)
    assert (match["severity"], match["code"]) == ("info", "review.due-soon")


def test_deleting_the_follow_up_steps_names_file_line_and_phase(new_project: Path, cli) -> None:
    path = new_project / PROC
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  follow_up:\n")], encoding="utf-8")
    run = cli("check", "--project", new_project)
    assert run.code == 1, run
    (match,) = diagnostics(run.out)
    assert (match["file"], match["severity"], match["code"]) == (PROC, "error", "coverage.missing-phase")
    assert int(match["line"]) > 0
    assert "'follow_up'" in match["message"]
    assert match["item"] == "warranty-repair"
    assert "coverage: 0 of 1 procedures complete" in run.out


# --------------------------------------------------------------------------- usage and configuration errors


def test_missing_site_config_exits_2(tmp_path: Path, cli) -> None:
    run = cli("check", "--project", tmp_path)
    assert run.code == 2, run
    assert "site_config.yml" in run.err and "aftersales init" in run.err
    no_traceback(run)


def test_missing_project_folder_exits_2(tmp_path: Path, cli) -> None:
    run = cli("check", "--project", tmp_path / "no-such-folder")
    assert run.code == 2, run
    no_traceback(run)


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("languages: [ca, es, en]", "languages: catalan", "languages: catalan"),
    ('title: {ca:', 'titel: {ca:', "titel:"),
    ("review_warning_days: 30", "review_warning_days: 30\nreview_warning_days: 40", "review_warning_days: 40"),
    ("required_phases: [reception, sat, departments, follow_up]", "required_phases: [reception, repair]", "repair]"),
])
def test_invalid_site_config_exits_2_with_its_line(new_project: Path, cli, old: str, new: str, needle: str) -> None:
    edit(new_project, "site_config.yml", old, new)
    run = cli("check", "--project", new_project)
    assert run.code == 2, run
    lines = [TEXT_LINE.match(line) for line in run.err.splitlines()]
    assert lines and all(lines), run.err
    assert lines[0]["file"] == "site_config.yml"
    assert int(lines[0]["line"]) == line_of(new_project, "site_config.yml", needle)
    assert run.out == ""
    no_traceback(run)


@pytest.mark.parametrize("args", [("--bogus",), ("--format", "xml"), ("--strict=yes",)])
def test_unknown_option_or_format_exits_2(new_project: Path, cli, args: tuple[str, ...]) -> None:
    run = cli("check", "--project", new_project, *args)
    assert run.code == 2, run
    assert "usage:" in run.err
    no_traceback(run)


def test_unknown_command_exits_2(cli) -> None:
    run = cli("chekc")
    assert run.code == 2, run
    no_traceback(run)


def test_version(cli) -> None:
    run = cli("--version")
    assert run.code == 0, run
    assert run.out.strip() == f"aftersales {__version__}"


def test_console_script_is_installed(new_project: Path) -> None:
    exe = shutil.which("aftersales")
    assert exe, "the 'aftersales' console command is not installed (pip install -e .)"
    proc = subprocess.run([exe, "check", "--project", str(new_project)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------- JSON


def test_json_report_of_a_clean_project(new_project: Path, cli) -> None:
    run = cli("check", "--project", new_project, "--format", "json")
    assert run.code == 0, run
    report = json.loads(run.out)
    assert {"ok", "counts", "items", "diagnostics", "coverage"} <= set(report)
    assert report["ok"] is True
    assert report["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert report["diagnostics"] == []
    items = {item["id"]: item for item in report["items"]}
    assert len(items) == 8
    assert {item["type"] for item in items.values()} == {
        "procedure", "standard", "role", "warranty", "guide", "training", "form", "product"}
    for item in items.values():
        assert set(item) >= {"type", "id", "audience", "file", "title"}
        assert item["audience"] in ("public", "staff")
        assert item["file"].startswith("content/") and item["file"].endswith(f"/{item['id']}.yml")
        assert isinstance(item["title"], str) and item["title"]
    assert items["warranty-repair"]["title"] == "Reparació en garantia"  # the default language, ca
    assert items["washing-machine-does-not-drain"]["audience"] == "public"
    (row,) = report["coverage"]
    assert row["procedure"] == "warranty-repair" and row["file"] == PROC
    assert list(row["phases"]) == PHASES
    assert row["phases"] == {"reception": 1, "sat": 1, "departments": 1, "follow_up": 1}
    assert row["complete"] is True


def test_json_report_of_a_project_with_problems(new_project: Path, cli) -> None:
    with_unknown_form(new_project)
    set_next_review(new_project, ROLE, -3)
    path = new_project / PROC
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  follow_up:\n")], encoding="utf-8")
    run = cli("check", "--project", new_project, "--format", "json")
    assert run.code == 1, run
    report = json.loads(run.out)
    assert report["ok"] is False
    assert report["counts"] == {"error": 2, "warning": 1, "info": 0}
    for diagnostic in report["diagnostics"]:
        assert set(diagnostic) >= {"severity", "code", "message", "file", "line", "column", "item"}
        assert isinstance(diagnostic["line"], int) and diagnostic["line"] > 0
        assert isinstance(diagnostic["column"], int) and diagnostic["column"] > 0
    by_code = {d["code"]: d for d in report["diagnostics"]}
    assert set(by_code) == {"ref.unknown-form", "coverage.missing-phase", "review.overdue"}
    assert by_code["ref.unknown-form"]["file"] == PROC
    assert by_code["ref.unknown-form"]["item"] == "warranty-repair"
    assert by_code["review.overdue"]["file"] == ROLE
    (row,) = report["coverage"]
    assert row["phases"]["follow_up"] == 0 and row["complete"] is False


def test_json_without_a_site_config_exits_2(tmp_path: Path, cli) -> None:
    run = cli("check", "--project", tmp_path, "--format", "json")
    assert run.code == 2, run
    no_traceback(run)


# --------------------------------------------------------------------------- JUnit


def test_junit_report_has_a_failure_for_the_bad_file(new_project: Path, cli) -> None:
    with_unknown_form(new_project)
    (new_project / "content/forms/broken.yml").write_text("id: broken\ntitle: a\ntitle: b\n", encoding="utf-8")
    run = cli("check", "--project", new_project, "--format", "junit")
    assert run.code == 1, run
    root = ET.fromstring(run.out.encode("utf-8"))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {*(p.relative_to(new_project).as_posix() for p in (new_project / "content").rglob("*.yml"))}
    failing = {name for name, case in cases.items() if case.find("failure") is not None}
    assert failing == {PROC, "content/forms/broken.yml"}
    failure = cases["content/forms/broken.yml"].find("failure")
    assert failure.get("type") == "yaml.duplicate-key"
    assert "content/forms/broken.yml:3:1: error yaml.duplicate-key" in failure.text
    assert cases[PROC].find("failure").get("type") == "ref.unknown-form"
    suite = root.find("testsuite")
    assert suite.get("failures") == "2" and suite.get("tests") == str(len(cases))


def test_junit_report_of_a_clean_project_has_no_failure(new_project: Path, cli) -> None:
    run = cli("check", "--project", new_project, "--format", "junit")
    assert run.code == 0, run
    root = ET.fromstring(run.out.encode("utf-8"))
    assert len(list(root.iter("testcase"))) == 8
    assert not list(root.iter("failure"))


# --------------------------------------------------------------------------- GitHub


def test_github_annotations(new_project: Path, cli) -> None:
    with_unknown_form(new_project)  # error
    set_next_review(new_project, ROLE, -3)  # warning
    set_next_review(new_project, GUIDE, 3)  # info → notice
    edit(new_project, FORM, 'en: "One line per repair call received."', 'en: "Calls, repairs: 100% logged"')
    edit(new_project, FORM, 'ca: "Llibre', 'xx: "Llibre')  # a message with ':' and ',' inside
    run = cli("check", "--project", new_project, "--format", "github")
    assert run.code == 1, run
    annotations = [line for line in run.out.splitlines() if line.startswith("::")]
    assert len(annotations) == 4, run.out
    for line in annotations:
        assert GITHUB_LINE.match(line), line
    levels = sorted(line.split(" ", 1)[0] for line in annotations)
    assert levels == ["::error", "::error", "::notice", "::warning"]
    assert any(f"file={PROC},line={line_of(new_project, PROC, 'repair-call-book')},col=15,title=ref.unknown-form::"
               in line for line in annotations)
    assert all(line.endswith("]") for line in annotations)  # the item id closes each message


# --------------------------------------------------------------------------- --output


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_output_writes_the_report_to_a_file(new_project: Path, cli, tmp_path: Path, fmt: str) -> None:
    with_unknown_form(new_project)
    target = tmp_path / "reports" / "nested" / f"check.{fmt}"
    run = cli("check", "--project", new_project, "--format", fmt, "--output", target)
    assert run.code == 1, run
    written = target.read_text(encoding="utf-8")
    assert "ref.unknown-form" in written
    expected = cli("check", "--project", new_project, "--format", fmt)
    assert written == expected.out
    if fmt == "json":
        assert json.loads(written)["ok"] is False
    if fmt != "text":
        assert "ref.unknown-form" not in run.out
        assert run.out.startswith("FAILED: 1 error"), run.out


# --------------------------------------------------------------------------- hostile and broken files

BAD_FILES = {
    "duplicate-key": ("yaml.duplicate-key", "id: bad\ntitle: one\ntitle: two\n".encode()),
    "alias": ("yaml.alias", b"id: bad\ntitle: *name\n"),
    "python-tag": ("yaml.tag", b"id: bad\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n"),
    "nested-brackets": ("yaml.too-deep", b"id: bad\ntitle: " + b"[" * 30_000 + b"]" * 30_000 + b"\n"),
    "latin-1": ("yaml.encoding", "id: bad\ntitle: Reparació en garantia\n".encode("latin-1")),
    "tab-indent": ("yaml.syntax", b"id: bad\ndocument:\n\towner: head-of-after-sales\n"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_yaml_file_exits_1_with_a_position_and_no_traceback(new_project: Path, cli, name: str) -> None:
    code, content = BAD_FILES[name]
    (new_project / "content/forms" / f"{name}.yml").write_bytes(content)
    run = cli("check", "--project", new_project)
    assert run.code == 1, run
    no_traceback(run)
    assert run.err == ""
    (match,) = diagnostics(run.out)
    assert (match["file"], match["severity"], match["code"]) == (f"content/forms/{name}.yml", "error", code)
    assert int(match["line"]) >= 2 and int(match["column"]) >= 1


def test_every_bad_file_is_reported_in_one_run(new_project: Path, cli) -> None:
    for name, (_, content) in BAD_FILES.items():
        (new_project / "content/forms" / f"{name}.yml").write_bytes(content)
    with_unknown_form(new_project)
    edit(new_project, GUIDE, "difficulty: easy", "difficulty: trivial")
    run = cli("check", "--project", new_project, "--format", "json")
    assert run.code == 1, run
    no_traceback(run)
    found = {(d["file"], d["code"]) for d in json.loads(run.out)["diagnostics"]}
    expected = {(f"content/forms/{name}.yml", code) for name, (code, _) in BAD_FILES.items()}
    expected |= {(PROC, "ref.unknown-form"), (GUIDE, "schema.invalid-value")}
    assert found == expected
    text = cli("check", "--project", new_project)
    assert len(diagnostics(text.out)) == len(expected)
    assert text.out.splitlines()[-1].startswith(f"FAILED: {len(expected)} errors")


@pytest.mark.parametrize("image", ["guides/fil\\0ter.jpg", "guides/" + "a" * 5000 + ".jpg"], ids=["nul", "too-long"])
def test_odd_image_path_is_a_content_problem(new_project: Path, cli, image: str) -> None:
    edit(new_project, GUIDE, 'en: "Open the small door at the bottom front."}\n',
         f'en: "Open the small door at the bottom front."}}\n    image: "{image}"\n'
         '    image_alt: {ca: Filtre, es: Filtro, en: Filter}\n')
    run = cli("check", "--project", new_project)
    no_traceback(run)
    assert "internal error" not in run.err, run.err
    assert run.code == 1, run
    (match,) = diagnostics(run.out)
    assert (match["file"], match["code"]) == (GUIDE, "asset.missing")
    assert int(match["line"]) == line_of(new_project, GUIDE, "image:")


def test_output_to_a_folder_is_a_usage_error(new_project: Path, cli, tmp_path: Path) -> None:
    run = cli("check", "--project", new_project, "--output", tmp_path)
    no_traceback(run)
    assert run.code == 2, run
    assert "internal error" not in run.err
