"""The code's layout is a contract: the stages import downwards only (import-linter), and no
render module grows into one that knows everything."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RENDER_MODULE_LINES = 350


def test_the_layers_contract_holds() -> None:
    """``lint-imports`` reads [tool.importlinter] in pyproject.toml: a violation fails CI."""
    program = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if program is None:
        pytest.fail("lint-imports is missing: install the test extras (pip install -e '.[test]')")
    result = subprocess.run([program, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_render_module_knows_everything() -> None:
    long = {path.name: lines for path in (REPO / "generator" / "render").glob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > RENDER_MODULE_LINES}
    assert not long, f"render modules over {RENDER_MODULE_LINES} lines: {long}; split them by page kind"
