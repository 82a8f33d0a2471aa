"""``aftersales report``: measured compliance with the standards, from a measurements file.

Reads the measurements (``--data FILE.csv``, or ``compliance.data`` of ``site_config.yml``),
groups them per standard and period, and prints per standard its compliance, its latest period,
its goal and whether it is in control (p-chart) — the "control" step of PDCA, for a quality
manager or a CI job. Exit 0: every measured standard in control and at its goal; 1: any standard
out of control or below goal; 2: bad data (every bad row listed, file:line:col) or usage.

The staff portals show the same as pages: every ``aftersales build`` includes them when
``compliance.data`` is set; ``report --out SITE`` rebuilds just the staff portals into SITE with
the data given here (for a file that is not, or not yet, the project's setting).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path, PurePosixPath

from generator import __version__
from generator.commands._common import (
    add_project_argument,
    usage_error,
    write_stdout_utf8,
)
from generator.commands.build import build_portals
from generator.compliance.control import StandardCompliance, assess, grouping
from generator.diagnostics.diagnostic import Diagnostic
from generator.load.measurements import Measurements, read_measurements
from generator.load.project import Project, load_project
from generator.validate import apply_rule_settings, run_checks

FORMATS = ("text", "json")
FORMAT = "aftersales-compliance-report"
FORMAT_VERSION = 1
STATUS_WORDS = {"out_of_control": "OUT OF CONTROL", "below_goal": "below goal", "in_control": "in control"}
RULE_WORDS = {"above_ucl": "above the upper control limit", "below_lcl": "below the lower control limit",
              "run": "8 or more points in a row on one side of the centre line"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = ("Exit codes: 0 every measured standard in control and at its goal; 1 a standard out of control"
                     " or below its goal (or, with --out, the staff portals could not be built); 2 bad data, every"
                     " bad row listed as FILE:LINE:COL, or a usage error.")
    add_project_argument(parser)
    parser.add_argument("--data", type=Path, metavar="FILE.csv",
                        help="the measurements: CSV (UTF-8, ',' or ';'), columns standard, date and met, value or"
                             " cases + not_met (default: compliance.data of site_config.yml)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--out", type=Path, metavar="SITE",
                        help="also rebuild the staff portals (every language) into SITE/staff/ with this data;"
                             " 'aftersales build' includes the pages whenever compliance.data is set")
    parser.add_argument("--no-pdf", action="store_true", help="with --out: skip the PDFs of the staff portals")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    kb = project.kb
    configured = kb.config.compliance.data
    if args.data is not None:
        if not args.data.is_file():
            return usage_error(f"--data {args.data}: there is no such file")
        standards = {item.id: item.model for item in kb.of_type("standard")}
        failed = {d.id for d in project.declared if d.type == "standard"} - set(standards)
        measurements = read_measurements(args.data, str(args.data), standards, dt.date.today(), failed)
        config_problems = [d for d in project.diagnostics if d.code == "data.unknown-standard"
                           and d.file == project.config_file]
    elif configured is not None:
        measurements = kb.compliance
        config_problems = [d for d in project.diagnostics if d.code.startswith("data.")
                           and d.file == project.config_file]
    else:
        return usage_error("report: give --data FILE.csv, or set compliance.data in site_config.yml")
    problems = apply_rule_settings([*config_problems, *(measurements.diagnostics if measurements else [])],
                                   kb.config.rules)
    if measurements is None or any(d.severity == "error" for d in problems):
        return _refuse(args, measurements, problems)

    standards = {item.id: item.model for item in kb.of_type("standard")}
    results = assess(measurements.rows, standards, kb.config.compliance)
    without = sorted(set(standards) - {result.standard for result in results})
    if args.format == "json":
        write_stdout_utf8(json.dumps(_document(project, measurements, results, without, problems),
                                     ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(measurements, results, without, problems))
    code = 1 if any(result.flagged for result in results) else 0
    if args.out is not None:
        built = _build(args, project, measurements, configured)
        code = max(code, built)
    return code


def _refuse(args, measurements: Measurements | None, problems: list[Diagnostic]) -> int:
    errors = [d for d in problems if d.severity == "error"]
    file = measurements.file if measurements is not None else "site_config.yml"
    if args.format == "json":
        write_stdout_utf8(json.dumps({
            "format": FORMAT, "format_version": FORMAT_VERSION, "generator": f"aftersales {__version__}",
            "ok": False, "data": file, "diagnostics": [d.as_dict() for d in sorted(problems, key=Diagnostic.sort_key)],
        }, ensure_ascii=False, indent=2) + "\n")
    else:
        for diagnostic in sorted(problems, key=Diagnostic.sort_key):
            print(diagnostic.format_text(), file=sys.stderr)
    print(f"report refused: {len(errors)} problem(s) in the measurements; fix them and run again",
          file=sys.stderr)
    return 2


# --------------------------------------------------------------------------- output


def _document(project: Project, measurements: Measurements, results: list[StandardCompliance], without: list[str],
              problems: list[Diagnostic]) -> dict:
    kb = project.kb
    counts = {status: sum(result.status == status for result in results)
              for status in ("in_control", "out_of_control", "below_goal")}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"aftersales {__version__}",
        "ok": not any(result.flagged for result in results),
        "data": measurements.file,
        "rows": len(measurements.rows),
        "counts": {"standards": len(results), **counts},
        "standards": [_standard_json(result, kb.get(result.standard).title(kb.default_language, kb.default_language))
                      for result in results],
        "without_data": without,
        "diagnostics": [d.as_dict() for d in problems],
    }


def _standard_json(result: StandardCompliance, title: str) -> dict:
    latest = result.latest
    return {
        "id": result.standard,
        "title": title,
        "status": result.status,
        "frequency": result.frequency,
        "grouped_by": grouping(result.frequency),
        "goal": result.goal,
        "cases": result.cases,
        "not_met": result.not_met,
        "compliance": _round(result.compliance),
        "centre_line": _round(result.chart.centre),
        "latest": {"period": latest.period.label, "cases": latest.cases, "not_met": latest.not_met,
                   "compliance": _round(latest.compliance)},
        "below_goal": {"overall": result.below_goal_overall, "latest": result.below_goal_latest},
        "out_of_control": [{"period": point.period.label, "rules": point.rules} for point in result.out_of_control],
        "periods": [
            {"period": point.period.label, "start": point.period.start.isoformat(), "cases": point.cases,
             "not_met": point.not_met, "p": _round(point.p), "compliance": _round(point.compliance),
             "lcl": _round(point.lcl), "ucl": _round(point.ucl), "rules": point.rules}
            for point in result.periods
        ],
        "values": len(result.values),
    }


def _round(share: float) -> float:
    return round(share, 6)


def _pct(share: float) -> str:
    return f"{share * 100:.1f} %"


def _text(measurements: Measurements, results: list[StandardCompliance], without: list[str],
          problems: list[Diagnostic]) -> str:
    lines = [d.format_text() for d in problems]
    lines.append(f"Measured compliance from {measurements.file}: {len(measurements.rows)} rows,"
                 f" {len(results)} standard(s) measured, {len(without)} without measurements")
    lines.append("")
    width = max([len("standard"), *(len(result.standard) for result in results)])
    lines.append(f"{'status':15} {'standard':{width}} {'periods':>7} {'cases':>7} {'compliance':>10}"
                 f"  {'latest period':22} {'goal':>6}")
    for result in results:
        latest = f"{result.latest.period.label}: {_pct(result.latest.compliance)}"
        lines.append(f"{STATUS_WORDS[result.status]:15} {result.standard:{width}} {len(result.periods):>7}"
                     f" {result.cases:>7} {_pct(result.compliance):>10}  {latest:22} {_pct(result.goal):>6}")
        for point in result.out_of_control:
            rules = "; ".join(RULE_WORDS[rule] for rule in point.rules)
            lines.append(f"{'':16}{point.period.label}: {_pct(point.p)} not met"
                         f" (limits {_pct(point.lcl)}–{_pct(point.ucl)}): {rules}")
        if result.below_goal_overall or result.below_goal_latest:
            which = [name for name, flag in (("overall", result.below_goal_overall),
                                             (f"latest period {result.latest.period.label}", result.below_goal_latest))
                     if flag]
            lines.append(f"{'':16}below the goal of {_pct(result.goal)}: {', '.join(which)}")
    counts = {status: sum(result.status == status for result in results) for status in STATUS_WORDS}
    lines.append("")
    verdict = "OK" if not any(result.flagged for result in results) else "FLAGGED"
    lines.append(f"{verdict}: {counts['out_of_control']} out of control, {counts['below_goal']} below goal,"
                 f" {counts['in_control']} in control")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- --out


def _build(args: argparse.Namespace, project: Project, measurements: Measurements, configured: str | None) -> int:
    """The staff portals with this data; the checks first, as ``aftersales build`` does."""
    replaced = PurePosixPath(configured).as_posix() if configured and args.data is not None else None
    diagnostics = [d for d in run_checks(project) if replaced is None or not (
        d.file == replaced or d.code == "data.unreadable" and d.file == project.config_file)]
    blocking = [d for d in diagnostics if d.severity == "error"]
    if blocking:
        for diagnostic in blocking:
            print(diagnostic.format_text(), file=sys.stderr)
        print(f"staff portals not rebuilt: {len(blocking)} problem(s) found by check.", file=sys.stderr)
        return 1
    project.kb.compliance = measurements
    results, code = build_portals(project.kb, args.out, ["staff"], list(project.config.languages),
                                  lambda message: print(message, file=sys.stderr, flush=True),
                                  with_pdf=not args.no_pdf)
    if code:
        return code
    for result in results:
        print(f"staff portal with compliance pages: {result.path / 'compliance.html'}", file=sys.stderr)
    return 0
