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
    # A child inherits an ignored SIGINT (a shell's background job, as a CI script may start the
    # tests), and Python then leaves Ctrl+C ignored: start the build as a terminal would.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return _popen_build(project)
    finally:
        signal.signal(signal.SIGINT, previous)


def _popen_build(project: Path) -> subprocess.Popen:
    """A whole build (``--full``): from the build cache, an unchanged project could finish before the signal."""
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--project", str(project), "--jobs", "1",
                             "--full"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _wait_for_second_portal(proc: subprocess.Popen) -> None:
    """Until the build says it starts its second portal (``--jobs 1`` builds them one by one, staff
    first, and prints "building <portal> …" as each starts): four portals and the PDFs are still
    to come. Read from its output, not from the files it writes: a folder seen on disk may belong
    to a build that is already cleaning up."""
    started = []
    for line in proc.stdout:
        if line.startswith("building "):
            started.append(line)
            if len(started) == 2:
                assert proc.poll() is None
                return
    pytest.fail(f"the build ended before its second portal: {''.join(started)}{proc.stderr.read()}")


GUIDE = "content/guides/washing-machine-does-not-drain.yml"
COPIES = 30
"""Guides added to the new project so that a build with PDFs lasts seconds after its second
portal starts (the six portals of a bare new project build in about a second: on a loaded CI
machine the build could end before the signal was sent)."""


def _grow(project: Path) -> None:
    text = (project / GUIDE).read_text(encoding="utf-8")
    for number in range(COPIES):
        name = f"washing-machine-does-not-drain-{number}"
        copy = text.replace("id: washing-machine-does-not-drain", f"id: {name}").replace(
            "La rentadora no desguassa", f"La rentadora no desguassa ({number})").replace(
            "La lavadora no desagua", f"La lavadora no desagua ({number})").replace(
            "The washing machine does not drain", f"The washing machine does not drain ({number})")
        (project / "content/guides" / f"{name}.yml").write_text(copy, encoding="utf-8")


@pytest.fixture
def built(new_project: Path) -> tuple[Path, bytes]:
    _grow(new_project)
    assert main(["check", "--project", str(new_project)]) == 0
    assert main(["build", "--project", str(new_project), "--no-pdf"]) == 0
    return new_project, (new_project / "site/staff/ca/index.html").read_bytes()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_killed_build_leaves_the_previous_site(built, sig) -> None:
    project, before = built
    proc = _start_build(project)
    _wait_for_second_portal(proc)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert "done. Open:" not in out, f"the build went on to the end:\n{out}"
    assert proc.returncode != 0
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
    _wait_for_second_portal(first)
    second = subprocess.run([sys.executable, "-m", "generator", "build", "--project", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 2
    assert "another build" in second.stderr and "Traceback" not in second.stderr
    first.communicate(timeout=180)
    assert first.returncode == 0
    assert (project / "site/staff/ca/index.html").is_file()
