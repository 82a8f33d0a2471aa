"""Shared fixtures: small knowledge bases on disk, and a way to run the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
YAML_TEST_SUITE = SHARED / "yaml-test-suite"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str | os.PathLike, cwd: Path | None = None) -> Run:
    """Run ``python -m generator ARGS`` in a subprocess, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or REPO, timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    """A fresh knowledge base made by ``aftersales init`` (one valid item of each type)."""
    root = tmp_path / "kb"
    assert main(["init", str(root)]) == 0
    return root
