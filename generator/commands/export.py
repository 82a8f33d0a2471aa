"""``aftersales export``: the whole checked knowledge base as one JSON document, or as an XLSX workbook.

Runs the same checks as ``aftersales check`` and refuses to export when any is an error: a
half-valid export would mislead the tools that read it. The file is written atomically, so a
reader never sees half a document and a refused export leaves an earlier one untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from generator.analyse import analyse
from generator.commands._common import (
    add_project_argument,
    usage_error,
    write_atomically,
    write_stdout_utf8,
)
from generator.load.project import load_project
from generator.memory import paused_garbage_collector
from generator.report.check_report import plural
from generator.report.export import build_export
from generator.report.workbook import build_workbook
from generator.validate import run_checks

FORMATS = ("json", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json: one document for other tools (default); xlsx: a workbook for quality managers")
    parser.add_argument("--lang", metavar="L",
                        help="language of the workbook's texts (default: the project's default language)")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the document to FILE instead of the screen")


def run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.is_dir():
        return usage_error(f"--output {args.output}: this is a folder; give a file name")
    if args.format == "xlsx" and args.output is None and sys.stdout.isatty():
        return usage_error("--format xlsx writes a binary workbook: give --output FILE.xlsx"
                           " (or redirect the output to a file)")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        exported_at = export_timestamp(epoch)
    except ValueError as exc:
        return usage_error(str(exc))

    with paused_garbage_collector():
        project = load_project(args.project)
        languages = project.config.languages
        if args.lang is not None and args.lang not in languages:
            return usage_error(f"--lang {args.lang}: not a language of this knowledge base"
                               f" ({', '.join(languages)})")
        analysis = analyse(project.kb)
        diagnostics = run_checks(project, analysis=analysis)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        for diagnostic in diagnostics:
            print(diagnostic.format_text(), file=sys.stderr)
        print(f"aftersales: export refused: {plural(len(errors), 'error')}; run aftersales check,"
              " fix them and export again (a half-valid export would mislead the tools that read it)",
              file=sys.stderr)
        return 1

    if args.format == "xlsx":
        lang = args.lang or project.kb.default_language
        payload: str | bytes = build_workbook(project.kb, analysis, lang,
                                              created=dt.datetime.fromisoformat(exported_at) if epoch else None)
        what, listed = f"{plural(len(project.kb.items), 'item')} ({lang})", ""
    else:
        # allow_nan=False: never reached (the model refuses .inf and .nan), but JSON must stay JSON.
        document = build_export(project.kb, diagnostics, list(analysis.coverage), exported_at=exported_at)
        payload = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        what, listed = plural(len(document["items"]), "item"), " listed in the document's diagnostics;"

    if args.output is None:
        _to_stdout(payload)
    else:
        try:
            write_atomically(args.output, payload)
        except OSError as exc:
            return usage_error(f"--output {args.output}: cannot write the export ({exc.strerror or exc})")
        print(f"wrote {what} to {args.output}")
    warnings = sum(d.severity == "warning" for d in diagnostics)
    if warnings:
        print(f"aftersales: exported with {plural(warnings, 'warning')} ({listed.strip()}"
              f"{' ' if listed else ''}run aftersales check to see them)", file=sys.stderr)
    return 0


def _to_stdout(payload: str | bytes) -> None:
    """The JSON document as UTF-8, or the workbook's bytes (stdout is then redirected: see run)."""
    if isinstance(payload, str):
        write_stdout_utf8(payload)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()


def export_timestamp(source_date_epoch: str | None) -> str:
    """ISO 8601 UTC time of the export: now, or ``SOURCE_DATE_EPOCH`` for reproducible output.

    That variable is the reproducible-builds convention (seconds since 1970); set it and two
    exports of the same content are byte-identical."""
    if source_date_epoch is None or not source_date_epoch.strip():
        moment = dt.datetime.now(dt.UTC)
    else:
        try:
            moment = dt.datetime.fromtimestamp(int(source_date_epoch.strip()), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH={source_date_epoch!r} is not a time: give whole seconds"
                             " since 1970-01-01 (e.g. $(git log -1 --format=%ct)), or unset it") from None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")




