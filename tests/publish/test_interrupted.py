"""Nothing lost: a build killed mid-way leaves the previous site; two builds do not collide."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

pytestmark = pytest.mark.slow


def _start_build(project: Path) -> subprocess.Popen:
    """A whole build (``--full``): from the build cache, an unchanged project could finish before the signal."""
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--project", str(project), "--jobs", "1",
                             "--full"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _wait_for_work_folder(project: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        # The second portal's sources (portals are built in order, staff/ca first): well inside
        # the build, with four portals and the PDFs still to come.
        if list(project.glob(".site-building-*/src/staff/es")):
            return
        time.sleep(0.05)
    pytest.fail("the build never started writing its temporary folder")


@pytest.fixture
def built(new_project: Path) -> tuple[Path, bytes]:
    assert main(["build", "--project", str(new_project), "--no-pdf"]) == 0
    return new_project, (new_project / "site/staff/ca/index.html").read_bytes()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_killed_build_leaves_the_previous_site(built, sig) -> None:
    project, before = built
    for _attempt in range(3):
        proc = _start_build(project)
        _wait_for_work_folder(project, proc)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            break
        # The build finished before the signal landed (seen only in full CI runs, SIGKILL case,
        # cause not found yet: session note of 2026-12-06): what it wrote is a whole site; try again.
        assert (project / "site/staff/ca/index.html").read_bytes() == before
    else:
        pytest.skip("three builds finished before the signal landed: nothing was interrupted")
    assert "Traceback" not in err
    assert (project / "site/staff/ca/index.html").read_bytes() == before
    assert (project / "site/public/index.html").is_file()
    if sig != signal.SIGKILL:
        assert not list(project.glob(".site-building-*")), "a polite stop must clean up"
    # The next build removes whatever a hard kill left behind.
    assert main(["build", "--project", str(project), "--no-pdf", "--lang", "ca"]) == 0
    assert not list(project.glob(".site-building-*"))


def test_two_builds_on_one_output_do_not_collide(built) -> None:
    project, _ = built
    first = _start_build(project)
    _wait_for_work_folder(project, first)
    second = subprocess.run([sys.executable, "-m", "generator", "build", "--project", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 2
    assert "another build" in second.stderr and "Traceback" not in second.stderr
    first.communicate(timeout=180)
    assert first.returncode == 0
    assert (project / "site/staff/ca/index.html").is_file()
