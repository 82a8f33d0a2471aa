"""``aftersales check``: validate the knowledge base and report in the format CI wants."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.analyse import analyse
from generator.analyse.translations import missing_by_language
from generator.commands._common import add_project_argument, usage_error
from generator.load.project import load_project
from generator.memory import paused_garbage_collector
from generator.report.check_report import FORMATS, CheckReport
from generator.validate import run_checks


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE instead of the screen")


def run(args: argparse.Namespace) -> int:
    with paused_garbage_collector():
        project = load_project(args.project)
        analysis = analyse(project.kb)
        diagnostics = run_checks(project, analysis=analysis)
    report = CheckReport(project.kb, diagnostics, list(analysis.coverage), project.files, strict=args.strict,
                         translations=missing_by_language(project.kb))
    text = report.render(args.format)
    if args.output:
        if args.output.is_dir():
            return usage_error(f"--output {args.output}: this is a folder; give a file name")
        try:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            return usage_error(f"--output {args.output}: cannot write the report ({exc.strerror or exc})")
        if args.format != "text":
            # Keep a one-line verdict on the screen when the report goes to a file.
            sys.stdout.write(report.to_text().splitlines()[-1] + "\n")
    else:
        sys.stdout.write(text)
    return report.exit_code
