"""The adoption journey of a company, as it really happens (issue 19).

The tool is installed the way users get it — a wheel built with ``pip wheel . --no-deps``,
installed into a fresh virtual environment outside the repository — and, once more, the way the
README's first command does it (``pip install -e``). Then, in an empty folder with no path of
the repository reachable (another working folder, no PYTHONPATH): ``init``, ``check``, ``new``,
``build`` with and without PDFs, ``schema``, ``export``, ``report`` and ``serve`` answering a page
over HTTP. A template missing from the installed package is then one line naming it (exit 2).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent


def run(command: list, cwd: Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"{result.args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    ok(run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", out, REPO], out, dict(os.environ)))
    (found,) = out.glob("aftersales-*.whl")
    return found


def fresh_venv(folder: Path, *install: str | Path) -> dict:
    """A new virtual environment with ``pip install *install``; the environment to run it with."""
    ok(run([sys.executable, "-m", "venv", folder], folder.parent, dict(os.environ)))
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env["PATH"] = f"{folder / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(folder)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    ok(run([folder / "bin" / "python", "-m", "pip", "install", "-q", *install], folder.parent, env, timeout=900))
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def journey(work: Path, env: dict) -> Path:
    """Every command a company runs on a new knowledge base; returns the knowledge base."""
    tool = Path(env["VIRTUAL_ENV"]) / "bin" / "aftersales"
    ok(run([tool, "init", "kb"], work, env))
    kb = work / "kb"
    ok(run([tool, "check"], kb, env))
    ok(run([tool, "new", "procedure", "returns-handling"], kb, env))
    assert (kb / "content" / "procedures" / "returns-handling.yml").is_file()
    ok(run([tool, "check"], kb, env))
    built = ok(run([tool, "build"], kb, env))
    assert "PDFs:" in built
    for audience in ("public", "staff"):
        for lang in ("ca", "es", "en"):
            home = kb / "site" / audience / lang / "index.html"
            assert home.is_file(), built
            assert "assets/search.js" in home.read_text(encoding="utf-8")
        assert (kb / "site" / audience / "index.html").is_file()
    assert list((kb / "site" / "staff" / "en" / "print" / "procedures").glob("*.pdf"))
    assert (kb / "site" / "staff" / "en" / "procedures" / "returns-handling.html").is_file()
    # A role's own checklist, its training path and the print view's controls, from the package's templates.
    staff = kb / "site" / "staff" / "en"
    role_page = (staff / "roles" / "head-of-after-sales.html").read_text(encoding="utf-8")
    assert 'id="start-here"' in role_page
    assert 'href="../print/procedures/warranty-repair/head-of-after-sales.html"' in role_page
    own = (staff / "print" / "procedures" / "warranty-repair" / "head-of-after-sales.html").read_text(encoding="utf-8")
    assert 'class="print-back" href="../../../roles/head-of-after-sales.html"' in own and 'data-print' in own
    assert (staff / "print" / "procedures" / "warranty-repair" / "head-of-after-sales.pdf").is_file()
    ok(run([tool, "build", "--no-pdf", "--out", "preview"], kb, env))
    assert (kb / "preview" / "public" / "en" / "guides" / "index.html").is_file()
    ok(run([tool, "schema", "--out", "editor-schemas"], kb, env))
    assert (kb / "editor-schemas" / "procedure.schema.json").is_file()
    ok(run([tool, "export", "--output", "kb.json"], kb, env))
    assert json.loads((kb / "kb.json").read_text(encoding="utf-8"))["format"] == "aftersales-export"
    start = dt.date.today().replace(day=1) - dt.timedelta(days=200)
    rows = [f"answer-within-4-hours,{start + dt.timedelta(days=day)},yes" for day in range(0, 180, 3)]
    (kb / "measurements.csv").write_text("standard,date,met\n" + "\n".join(rows) + "\n", encoding="utf-8")
    report = ok(run([tool, "report", "--data", "measurements.csv"], kb, env))
    assert "answer-within-4-hours" in report or "Answer within 4 hours" in report
    port = free_port()
    server = subprocess.Popen([tool, "serve", "--port", str(port)], cwd=kb, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not answer: {server.communicate()[0] if server.poll() is not None else 'timeout'}") from None
                time.sleep(0.5)
        assert "<title>" in page and "search" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
    return kb


def installed_from(env: dict, work: Path) -> Path:
    python = Path(env["VIRTUAL_ENV"]) / "bin" / "python"
    out = ok(run([python, "-c", "import generator, generator.render.templates as t;"
                  " print(generator.__file__); print(t.PACKAGE_TEMPLATES)"], work, env))
    module, templates = out.split()
    return Path(module), Path(templates)


def test_from_a_wheel_in_a_fresh_environment_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    env = fresh_venv(tmp_path / "venv", wheel)
    work = tmp_path / "work"
    work.mkdir()
    module, templates = installed_from(env, work)
    assert module.is_relative_to(tmp_path / "venv") and not module.is_relative_to(REPO), module
    assert templates.is_relative_to(tmp_path / "venv") and (templates / "pages" / "guide.md.j2").is_file()
    journey(work, env)
    # a template missing from the installed package: one line naming it, exit 2, no build
    (templates / "pages" / "home_staff.md.j2").unlink()
    broken = run(["aftersales", "build", "--no-pdf", "--out", "broken"], work / "kb", env)
    assert broken.returncode == 2, broken.stdout + broken.stderr
    assert "home_staff.md.j2" in broken.stderr and "internal error" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1, broken.stderr
    assert not (work / "kb" / "broken").exists()


def test_with_the_readme_editable_install(tmp_path: Path) -> None:
    env = fresh_venv(tmp_path / "venv", "-e", REPO)
    work = tmp_path / "work"
    work.mkdir()
    module, templates = installed_from(env, work)
    assert module.is_relative_to(REPO) and templates == REPO / "templates"
    journey(work, env)
