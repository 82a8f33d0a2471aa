"""``aftersales init``, ``new``, ``schema`` and ``explain``: scaffolding that passes check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics.codes import RULES
from generator.load.project import load_project
from generator.model import CONTENT_TYPES, TYPES_BY_NAME
from generator.validate import run_checks

SCHEMA_HEADER = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)\n")


def call(*args: str | Path) -> int:
    """The command line in-process (fast); argparse errors become their exit code."""
    try:
        return main([str(arg) for arg in args])
    except SystemExit as exc:
        return exc.code


def problems(root: Path) -> list[str]:
    """Errors and warnings that check reports (notes are allowed)."""
    return [d.format_text() for d in run_checks(load_project(root)) if d.severity in ("error", "warning")]


def name_in_the_warranty_rule(root: Path, product_id: str) -> None:
    """Every product family needs warranty rules (warranty.gap): add a new one to the init rule's products."""
    rule = root / "content/warranty/legal-guarantee.yml"
    text = rule.read_text(encoding="utf-8")
    assert "products: [washing-machines" in text
    rule.write_text(text.replace("products: [washing-machines", f"products: [{product_id}, washing-machines", 1),
                    encoding="utf-8")


def cite_in_the_procedure(root: Path, standard_id: str) -> None:
    """Every standard needs a step that must meet it (standard.uncited): cite a new one in the init procedure."""
    procedure = root / "content/procedures/warranty-repair.yml"
    text = procedure.read_text(encoding="utf-8")
    assert "standards: [answer-within-4-hours" in text
    procedure.write_text(text.replace("standards: [answer-within-4-hours",
                                      f"standards: [{standard_id}, answer-within-4-hours", 1), encoding="utf-8")


# --------------------------------------------------------------------------- init


def test_init_creates_a_project_that_passes_check(tmp_path: Path, cli) -> None:
    root = tmp_path / "kb"
    run = cli("init", root)
    assert run.code == 0, run
    assert "aftersales check --project" in run.out
    assert (root / "site_config.yml").is_file()
    for content_type in CONTENT_TYPES:
        assert list((root / "content" / content_type.folder).glob("*.yml")), content_type.folder
    check = cli("check", "--project", root, "--format", "json")
    assert check.code == 0, check
    report = json.loads(check.out)
    assert report["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert len(report["items"]) == len(CONTENT_TYPES)
    assert cli("check", "--project", root, "--strict").code == 0


def test_init_into_an_existing_empty_folder(tmp_path: Path, capsys) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    assert call("init", root) == 0
    assert problems(root) == []


@pytest.mark.parametrize("languages", ["es,en", "ca", "en,ca"])
def test_init_with_other_languages_passes_check(tmp_path: Path, capsys, languages: str) -> None:
    root = tmp_path / "kb"
    assert call("init", root, "--languages", languages) == 0
    assert load_project(root).config.languages == languages.split(",")
    assert problems(root) == []


def test_init_refuses_a_non_empty_folder(tmp_path: Path, cli) -> None:
    root = tmp_path / "busy"
    root.mkdir()
    (root / "notes.txt").write_text("keep me\n", encoding="utf-8")
    run = cli("init", root)
    assert run.code == 2, run
    assert "not an empty folder" in run.err
    assert "Traceback" not in run.err
    assert [p.name for p in root.iterdir()] == ["notes.txt"]


def test_init_refuses_an_existing_project_and_a_file(new_project: Path, tmp_path: Path, capsys) -> None:
    before = (new_project / "site_config.yml").read_text(encoding="utf-8")
    assert call("init", new_project) == 2
    assert (new_project / "site_config.yml").read_text(encoding="utf-8") == before
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    assert call("init", a_file) == 2


@pytest.mark.parametrize("languages", ["catalan", "CA,ES", "", "c1"])
def test_init_refuses_bad_languages(tmp_path: Path, capsys, languages: str) -> None:
    assert call("init", tmp_path / "kb", "--languages", languages) == 2
    assert not (tmp_path / "kb").exists()


# --------------------------------------------------------------------------- new


@pytest.mark.parametrize("type_name", [content_type.name for content_type in CONTENT_TYPES])
def test_new_writes_a_skeleton_that_passes_check(new_project: Path, capsys, type_name: str) -> None:
    content_type = TYPES_BY_NAME[type_name]
    item_id = f"new-{type_name}-item"
    assert call("new", type_name, item_id, "--project", new_project) == 0
    path = new_project / "content" / content_type.folder / f"{item_id}.yml"
    assert f"content/{content_type.folder}/{item_id}.yml" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    header = SCHEMA_HEADER.match(text)
    assert header, text.splitlines()[0]
    schema = (path.parent / header["path"]).resolve()
    assert schema.is_file(), schema
    assert schema.name == f"{type_name}.schema.json"
    assert "properties" in json.loads(schema.read_text(encoding="utf-8"))
    assert re.search(rf"(?m)^id: {item_id}$", text)
    if type_name == "product":
        assert [line.split(": ")[1] for line in problems(new_project)] == ["error warranty.gap"]
        name_in_the_warranty_rule(new_project, item_id)
    if type_name == "standard":
        assert [line.split(": ")[1] for line in problems(new_project)] == ["warning standard.uncited"]
        cite_in_the_procedure(new_project, item_id)
    assert problems(new_project) == []
    project = load_project(new_project)
    assert item_id in {item.id for item in project.kb.items}


def test_new_items_of_every_type_together_pass_check(new_project: Path, capsys) -> None:
    for content_type in CONTENT_TYPES:
        assert call("new", content_type.name, f"second-{content_type.name}", "--project", new_project) == 0
    name_in_the_warranty_rule(new_project, "second-product")
    cite_in_the_procedure(new_project, "second-standard")
    assert problems(new_project) == []
    assert len(load_project(new_project).kb.items) == 2 * len(CONTENT_TYPES)


def test_new_through_the_command_line(new_project: Path, cli) -> None:
    run = cli("new", "standard", "resolve-within-a-month", "--project", new_project)
    assert run.code == 0, run
    assert (new_project / "content/standards/resolve-within-a-month.yml").is_file()
    assert cli("check", "--project", new_project, "--strict").code == 1  # standard.uncited: no step cites it yet
    cite_in_the_procedure(new_project, "resolve-within-a-month")
    assert cli("check", "--project", new_project, "--strict").code == 0


def test_new_writes_the_schemas_when_missing(new_project: Path, capsys) -> None:
    for schema in (new_project / "schemas").iterdir():
        schema.unlink()
    assert call("new", "form", "pick-up-receipt", "--project", new_project) == 0
    path = new_project / "content/forms/pick-up-receipt.yml"
    header = SCHEMA_HEADER.match(path.read_text(encoding="utf-8"))
    assert (path.parent / header["path"]).resolve().is_file()


@pytest.mark.parametrize(("type_name", "item_id"), [
    ("procedure", "warranty-repair"),  # same type
    ("form", "warranty-repair"),  # an id is unique across types
    ("role", "head-of-after-sales"),
])
def test_new_refuses_an_existing_id(new_project: Path, cli, type_name: str, item_id: str) -> None:
    before = sorted(p.relative_to(new_project) for p in new_project.rglob("*"))
    run = cli("new", type_name, item_id, "--project", new_project)
    assert run.code == 2, run
    assert "already used" in run.err
    assert sorted(p.relative_to(new_project) for p in new_project.rglob("*")) == before


@pytest.mark.parametrize("item_id", ["Bad_Id", "bad id", "bad-", "bad--id", "ünïcode", "a" * 81, "../escape"])
def test_new_refuses_an_invalid_id(new_project: Path, capsys, item_id: str) -> None:
    before = sorted(p.relative_to(new_project) for p in new_project.rglob("*"))
    assert call("new", "procedure", item_id, "--project", new_project) == 2
    assert "not a valid id" in capsys.readouterr().err
    assert sorted(p.relative_to(new_project) for p in new_project.rglob("*")) == before


def test_new_refuses_an_unknown_type(new_project: Path, cli) -> None:
    run = cli("new", "checklist", "my-checklist", "--project", new_project)
    assert run.code == 2, run
    assert "invalid choice" in run.err and "procedure" in run.err
    assert not list(new_project.rglob("my-checklist*"))


def test_new_without_a_project_is_a_config_error(tmp_path: Path, cli) -> None:
    run = cli("new", "procedure", "complaint-handling", "--project", tmp_path)
    assert run.code == 2, run
    assert "site_config.yml" in run.err
    assert "Traceback" not in run.err


# --------------------------------------------------------------------------- schema


def test_schema_writes_one_json_schema_per_type(tmp_path: Path, cli) -> None:
    out = tmp_path / "schemas-out"
    run = cli("schema", "--out", out)
    assert run.code == 0, run
    expected = {f"{content_type.name}.schema.json" for content_type in CONTENT_TYPES} | {"site_config.schema.json"}
    assert len(expected) == 9
    assert {p.name for p in out.iterdir()} == expected
    for name in expected:
        schema = json.loads((out / name).read_text(encoding="utf-8"))
        assert isinstance(schema.get("properties"), dict) and schema["properties"], name
        assert schema.get("$schema", "").startswith("https://json-schema.org/")
    procedure = json.loads((out / "procedure.schema.json").read_text(encoding="utf-8"))
    assert {"id", "audience", "title", "document", "steps", "purpose"} <= set(procedure["properties"])
    assert set(procedure.get("required", [])) >= {"id", "title", "document", "steps"}
    config = json.loads((out / "site_config.schema.json").read_text(encoding="utf-8"))
    assert {"languages", "required_phases", "rules"} <= set(config["properties"])


def test_schema_defaults_to_the_project_schemas_folder(new_project: Path, capsys) -> None:
    for schema in (new_project / "schemas").iterdir():
        schema.unlink()
    assert call("schema", "--project", new_project) == 0
    assert len(list((new_project / "schemas").glob("*.schema.json"))) == 9


# --------------------------------------------------------------------------- explain


def test_explain_a_code(cli) -> None:
    run = cli("explain", "coverage.missing-phase")
    assert run.code == 0, run
    rule = RULES["coverage.missing-phase"]
    assert rule.summary in run.out
    assert rule.why in run.out
    assert "error" in run.out


def test_explain_every_code(capsys) -> None:
    for code, rule in RULES.items():
        assert call("explain", code) == 0
        out = capsys.readouterr().out
        assert out.startswith(code) and rule.summary in out and rule.severity in out


def test_explain_without_a_code_lists_them_all(capsys) -> None:
    assert call("explain") == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == list(RULES)


@pytest.mark.parametrize(("code", "hint"), [("coverage.missing-phases", "did you mean 'coverage.missing-phase'"),
                                            ("nonsense", "aftersales explain")])
def test_explain_an_unknown_code_exits_2(cli, code: str, hint: str) -> None:
    run = cli("explain", code)
    assert run.code == 2, run
    assert hint in run.err
    assert run.out == ""


def test_the_shipped_schemas_match_the_model() -> None:
    """Editors read schemas/ through the $schema line of each example file; keep it current
    (after changing generator/model, run: aftersales schema)."""
    import json

    from conftest import REPO

    from generator.commands.schema import json_schemas
    from generator.load.project import load_config

    for name, schema in json_schemas(load_config(REPO).languages).items():
        shipped = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert shipped == schema, f"schemas/{name} is out of date: run 'aftersales schema'"
