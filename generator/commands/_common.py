"""Arguments and errors shared by several commands."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def add_project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="folder holding site_config.yml (default: the current folder)")


def usage_error(message: str) -> int:
    """Print a one-line usage problem and return exit code 2."""
    print(f"aftersales: {message}", file=sys.stderr)
    return 2


def write_stdout_utf8(text: str) -> None:
    """Write ``text`` as UTF-8 whatever the terminal's locale says (JSON documents declare UTF-8)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to a temporary file beside ``path``, then rename it into place.

    A rename within one folder is atomic, so a reader sees the old file or the whole new one,
    and an interrupted command leaves nothing half-written behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        binary = isinstance(text, bytes)
        with (os.fdopen(handle, "wb") if binary else
              os.fdopen(handle, "w", encoding="utf-8", newline="\n")) as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(staged, _file_mode(path))  # mkstemp makes it private (0600); keep a normal file's mode
        os.replace(staged, path)
    except BaseException:
        try:
            os.unlink(staged)
        except OSError:
            pass
        raise


def _file_mode(path: Path) -> int:
    """The mode the file has now, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
