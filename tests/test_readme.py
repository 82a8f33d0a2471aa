"""The README is the newcomer's manual: it must name every check code and the real commands."""

from __future__ import annotations

from conftest import REPO

from generator.cli import COMMANDS
from generator.diagnostics.codes import RULES


def test_readme_lists_every_check_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [code for code in RULES if f"`{code}`" not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_readme_shows_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert not [name for name in COMMANDS if f"aftersales {name}" not in readme]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -q -e '.[test]' && python3 -m pytest"
    assert command in readme and command in ci
