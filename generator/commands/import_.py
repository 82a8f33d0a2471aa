"""``aftersales import FILE.xlsx|FILE.csv --type TYPE``: catalogue rows into the items' YAML files.

The sheet has the columns ``export --format xlsx`` writes for the type (generator/load/sheets.py),
so a workbook exported and imported again changes nothing. Each row creates or updates one item.
Without ``--write`` it prints a unified diff per file that would change and writes nothing; with
it, the files are written atomically, existing ones keeping their comments, key order and quoting
(generator/scaffold/yaml_update.py), new ones as ``aftersales new`` writes them.

Nothing is written while any row has a problem (each listed as ``FILE.xlsx:Sheet!C12: error
import.CODE: message``), nor when the knowledge base with the changes would not pass ``check``:
the changes are tried on a copy of the project first.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.commands._common import (
    add_project_argument,
    usage_error,
    write_atomically,
)
from generator.commands.schema import write_schemas
from generator.load.project import CONFIG_NAMES, CONTENT_FOLDER, Project, load_project
from generator.load.sheets import (
    IMPORT_TYPES,
    MODELS_SHEET,
    SHEETS,
    Change,
    ParseResult,
    SheetError,
    parse_models,
    parse_sheet,
    read_table,
    sheet_names,
    validate_changes,
)
from generator.memory import paused_garbage_collector
from generator.model import TYPES_BY_NAME
from generator.report.check_report import plural
from generator.scaffold import SCHEMA_FOLDER
from generator.scaffold.yaml_update import new_item_text, updated_text
from generator.validate import run_checks

TYPE_NAMES = {**{name: name for name in IMPORT_TYPES}, **{TYPES_BY_NAME[name].folder: name for name in IMPORT_TYPES},
              MODELS_SHEET.name: MODELS_SHEET.name}
"""What --type accepts: a type's name or its folder (product, products...), and product-models."""

COPIED = ("assets", "locales", "custom", "data", "review.lock.json", *CONFIG_NAMES)
"""What a check of the project reads besides content/: copied with it to try the changes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="an .xlsx workbook (as export --format xlsx"
                        " writes it) or a .csv file with the columns of the type's sheet")
    parser.add_argument("--type", required=True, choices=sorted(TYPE_NAMES), metavar="TYPE",
                        help="what the rows are: product (with the product-models sheet), role or standard;"
                             " product-models for a CSV of models alone")
    parser.add_argument("--lang", metavar="L",
                        help="language of the texts in the sheet (default: the project's default language)")
    parser.add_argument("--write", action="store_true",
                        help="write the files (without it: show what would change, write nothing)")
    add_project_argument(parser)


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        return usage_error(f"{path}: give an .xlsx workbook or a .csv file")
    if not path.is_file():
        return usage_error(f"{path}: no such file")
    with paused_garbage_collector():
        project = load_project(args.project)
    languages = project.config.languages
    lang = args.lang or project.kb.default_language
    if lang not in languages:
        return usage_error(f"--lang {lang}: not a language of this knowledge base ({', '.join(languages)})")
    kind = TYPE_NAMES[args.type]
    shown = path.name if path.parent == Path(".") else os.fspath(path)
    try:
        result = _parse(path, suffix, kind, project, lang)
    except SheetError as exc:
        return usage_error(str(exc))
    if result is None:
        wanted = MODELS_SHEET.name if kind == MODELS_SHEET.name else SHEETS[kind].name
        return usage_error(f"{path}: no sheet '{wanted}' (it has: {', '.join(sheet_names(path))})")
    validate_changes(result, tuple(languages))
    if result.problems:
        for problem in sorted(result.problems, key=lambda problem: problem.sort_key()):
            print(problem.format(shown), file=sys.stderr)
        print(f"aftersales: import refused: {plural(len(result.problems), 'problem')} in {shown}; nothing written",
              file=sys.stderr)
        return 1

    texts = _new_texts(project, result.changes)
    if not texts:
        print(f"{shown}: no file would change")
        return 0
    problems = _check_result(project, texts)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"aftersales: import refused: the knowledge base would not pass check ({plural(len(problems), 'error')});"
              " nothing written", file=sys.stderr)
        return 1

    if not args.write:
        for file, (old, new) in texts.items():
            sys.stdout.writelines(difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True),
                fromfile=f"a/{file}" if old else "/dev/null", tofile=f"b/{file}"))
        print(f"{plural(len(texts), 'file')} would change (run again with --write to write them)")
        return 0
    if any(not old for old, _ in texts.values()) and not (project.root / SCHEMA_FOLDER).is_dir():
        write_schemas(project.root / SCHEMA_FOLDER)  # new files name their schema, as `aftersales new` does
    for file, (_, new) in texts.items():
        write_atomically(project.root / file, new)
        print(f"wrote {file}")
    print(f"{plural(len(texts), 'file')} written; run 'aftersales check'")
    return 0


def _parse(path: Path, suffix: str, kind: str, project: Project, lang: str) -> ParseResult | None:
    """The changes the file's rows make, and their problems (None: the workbook lacks the sheet)."""
    kb = project.kb
    declared = {d.id: (d.type, d.file) for d in project.declared}

    if kind == MODELS_SHEET.name:
        table = read_table(path, None if suffix == ".csv" else MODELS_SHEET.name)
        if table is None:
            return None
        result = ParseResult()
        parse_models(table, kb, lang, result)
        return result
    sheet = SHEETS[kind]
    table = read_table(path, None if suffix == ".csv" else sheet.name)
    if table is None:
        return None

    def file_of(item_id: str) -> str:
        return f"{CONTENT_FOLDER}/{TYPES_BY_NAME[kind].folder}/{item_id}.yml"

    result = parse_sheet(table, sheet, kb, lang, declared, file_of)
    if kind == "product" and suffix == ".xlsx":
        models = read_table(path, MODELS_SHEET.name)
        if models is not None:
            parse_models(models, kb, lang, result)
    return result


def _new_texts(project: Project, changes: list[Change]) -> dict[str, tuple[str, str]]:
    """Per file that changes: (its text now, '' for a new file; its new text)."""
    refs: dict[str, str] = {}
    for declared in sorted(project.declared, key=lambda d: d.file):
        refs.setdefault(declared.type, declared.id)
    texts = {}
    for change in changes:
        path = project.root / change.file
        if change.new:
            folder = path.parent
            schema = project.root / SCHEMA_FOLDER / f"{change.type}.schema.json"
            schema_path = Path(os.path.relpath(schema, folder)).as_posix()
            old = ""
            new = new_item_text(change.type, change.id, list(project.config.languages), refs, schema_path, change.data)
        else:
            old = path.read_text(encoding="utf-8")
            new = updated_text(old, change.data)
        if new != old:
            texts[change.file] = (old, new)
    return texts


def _check_result(project: Project, texts: dict[str, tuple[str, str]]) -> list[str]:
    """The errors ``check`` would report with the new texts, tried on a copy of the project."""
    with tempfile.TemporaryDirectory(prefix="aftersales-import-") as folder:
        copy = Path(folder) / "project"
        copy.mkdir()
        shutil.copytree(project.root / CONTENT_FOLDER, copy / CONTENT_FOLDER)
        for name in COPIED:
            source = project.root / name
            if source.is_dir():
                shutil.copytree(source, copy / name)
            elif source.is_file():
                shutil.copy2(source, copy / name)
        data = project.config.compliance.data if project.config.compliance else None
        if data and (project.root / data).is_file() and not (copy / data).exists():
            (copy / data).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(project.root / data, copy / data)
        for file, (_, new) in texts.items():
            target = copy / file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, encoding="utf-8")
        with paused_garbage_collector():
            tried = load_project(copy)
            diagnostics = run_checks(tried)
    return [d.format_text() for d in sorted(diagnostics, key=lambda d: d.sort_key()) if d.severity == "error"]
