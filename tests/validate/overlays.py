"""The per-code fixtures of ``tests/fixtures/<code>/``: overlays on a fresh ``aftersales init`` project.

Each code's folder holds

* ``bad/``: files written over the init project (same relative paths) so that it reports the code;
* ``good/``: the same files corrected, or a near miss that must not report it;
* ``expect.yml``: where the diagnostic of ``bad/`` must point, with these keys:

  ``file`` (path in the project), ``at`` (text the line and column land on; a ``»`` in it marks the
  column; left out: a whole-file problem at line 1, column 1), ``item`` (the item id; left out: not
  asserted), ``message`` (a part of the message), ``nth`` (which occurrence of ``at``, default 1),
  ``column`` (false: assert the line only), ``also`` (codes the bad overlay necessarily reports as
  well), ``remove`` / ``good_remove`` (files of the init project the overlay deletes, e.g. for a
  rename), ``good_clean`` (false: the good overlay may report other errors or warnings).

Files are copied byte for byte, so a fixture may hold Latin-1 bytes or control characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ANY = object()
"""``item`` is not asserted (a file that cannot be parsed has no known id)."""


@dataclass(frozen=True)
class Expectation:
    code: str
    file: str
    at: str | None = None
    item: object = ANY
    message: str = ""
    nth: int = 1
    column: bool = True
    also: frozenset[str] = frozenset()
    remove: tuple[str, ...] = ()
    good_remove: tuple[str, ...] = ()
    good_clean: bool = True
    folder: Path = field(default=FIXTURES)


def fixture_codes() -> list[str]:
    return sorted(path.name for path in FIXTURES.iterdir() if (path / "expect.yml").is_file())


def expectation(code: str) -> Expectation:
    folder = FIXTURES / code
    data = yaml.safe_load((folder / "expect.yml").read_text(encoding="utf-8"))
    unknown = set(data) - {"file", "at", "item", "message", "nth", "column", "also", "remove", "good_remove",
                           "good_clean"}
    assert not unknown, f"{folder / 'expect.yml'}: unknown keys {sorted(unknown)}"
    return Expectation(
        code=code, file=data["file"], at=data.get("at"), item=data.get("item", ANY), message=data.get("message", ""),
        nth=data.get("nth", 1), column=data.get("column", True), also=frozenset(data.get("also", ())),
        remove=tuple(data.get("remove", ())), good_remove=tuple(data.get("good_remove", ())),
        good_clean=data.get("good_clean", True), folder=folder,
    )


def overlay_files(code: str, kind: str) -> dict[str, bytes]:
    """The files of ``tests/fixtures/<code>/<kind>/`` by path in the project."""
    base = FIXTURES / code / kind
    return {path.relative_to(base).as_posix(): path.read_bytes()
            for path in sorted(base.rglob("*")) if path.is_file()}


def plant(root: Path, code: str, kind: str = "bad") -> None:
    """Write the ``kind`` overlay of ``code`` onto the project at ``root``."""
    expected = expectation(code)
    for rel, data in overlay_files(code, kind).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for rel in expected.remove if kind == "bad" else expected.good_remove:
        (root / rel).unlink()


def locate(path: Path, needle: str, nth: int = 1) -> tuple[int, int, str]:
    """(line, column, line text) of the ``nth`` line containing ``needle``; column in characters.

    A ``»`` in ``needle`` marks the column (``"id: »warranty-repair"`` is the value's column).
    """
    offset = max(needle.find("»"), 0)
    needle = needle.replace("»", "")
    seen = 0
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("latin-1")
        if needle in line:
            seen += 1
            if seen == nth:
                return number, line.index(needle) + offset + 1, line
    raise AssertionError(f"{needle!r} (occurrence {nth}) not found in {path}")
