"""``aftersales explain CODE``: what a check code checks and why it matters."""

from __future__ import annotations

import argparse
import difflib
import sys

from generator.diagnostics.codes import RULES


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
    print(f"{rule.code} ({rule.severity} by default)\n\n{rule.summary}\n\nWhy: {rule.why}")
    return 0
