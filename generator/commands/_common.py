"""Arguments and errors shared by several commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="folder holding site_config.yml (default: the current folder)")


def usage_error(message: str) -> int:
    """Print a one-line usage problem and return exit code 2."""
    print(f"aftersales: {message}", file=sys.stderr)
    return 2
