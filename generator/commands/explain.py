"""``aftersales explain CODE``: what a check code checks, why it matters, a bad example and the fix."""

from __future__ import annotations

import argparse
import difflib
import sys
from textwrap import indent

from generator.diagnostics.codes import RULES, Rule


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="a check code such as coverage.missing-phase; omit to list all")


def run(args: argparse.Namespace) -> int:
    if args.code is None:
        for code, rule in RULES.items():
            print(f"{code:32} {rule.severity:8} {rule.summary}")
        return 0
    rule = RULES.get(args.code)
    if rule is None:
        close = difflib.get_close_matches(args.code, list(RULES), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; run 'aftersales explain' to list them"
        print(f"aftersales: '{args.code}' is not a check code{hint}", file=sys.stderr)
        return 2
    print(describe(rule))
    return 0


def describe(rule: Rule) -> str:
    """Code, default severity, summary, why, the bad example (indented) and the fix."""
    parts = [f"{rule.code} ({rule.severity} by default)", rule.summary, f"Why: {rule.why}",
             "Example:\n" + indent(rule.example, "    "), f"Fix: {rule.fix}"]
    if rule.fixed:
        parts.append(indent(rule.fixed, "    "))
    return "\n\n".join(parts)
