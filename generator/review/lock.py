"""``review.lock.json``: what each item was last reviewed against.

Committed next to the content, so a pull request's diff shows which items were re-reviewed
and against which versions of what they cite. Written with sorted keys, two-space indents and
one entry per item, so that diffs and merges stay line by line.

Reading never raises: a file that is not JSON or not of the expected shape gives problems with
a line and column, and change review is then off until it is fixed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.model.fields import SLUG_PATTERN

LOCK_NAME = "review.lock.json"
FORMAT = "aftersales-review-lock"
FORMAT_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024
"""Far above any real lock file (about 1 KiB per item); larger is a mistake."""

_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{16}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLUG = re.compile(SLUG_PATTERN)
_ENTRY_KEYS = ("depends_on", "fingerprint", "reviewed")

Path_ = tuple[str | int, ...]
"""A place in the JSON document: ``("items", "warranty-repair", "reviewed")``."""


@dataclass(frozen=True)
class Entry:
    """One item's last review: its fingerprint then, the date, and its dependencies' fingerprints then."""

    fingerprint: str
    reviewed: str
    depends_on: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"fingerprint": self.fingerprint, "reviewed": self.reviewed, "depends_on": dict(self.depends_on)}


@dataclass(frozen=True)
class LockProblem:
    """Why the lock file cannot be used, and where (1-based line and column)."""

    message: str
    line: int = 1
    column: int = 1


@dataclass
class Lock:
    """The entries of a lock file that was read, and its text (to say where an entry is)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    text: str = field(default="", repr=False)

    @cached_property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        return _key_positions(self.text)[0]

    def position_of(self, item_id: str) -> tuple[int, int]:
        """Line and column of an item's entry (its key), for diagnostics about it.

        Worked out only when asked: most checks have no entry to point at."""
        return self.positions.get(("items", item_id), (1, 1))


@dataclass
class LockRead:
    """The outcome of reading the lock file: absent, usable, or problems."""

    exists: bool
    lock: Lock | None = None
    problems: list[LockProblem] = field(default_factory=list)


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


def read_lock(root: Path) -> LockRead:
    """Read ``review.lock.json`` at the project root; a missing file means change review is off."""
    path = lock_path(root)
    try:
        if not path.exists() and not path.is_symlink():
            return LockRead(exists=False)
        if not path.resolve().is_relative_to(root.resolve()):
            return LockRead(True, problems=[LockProblem(
                "this file is a link to a place outside the project and is not read")])
        if path.is_dir():
            return LockRead(True, problems=[LockProblem("this is a folder; the lock file must be a file")])
        if path.stat().st_size > MAX_BYTES:
            return LockRead(True, problems=[LockProblem(
                f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB; a lock file holds about 1 KiB per item")])
        raw = path.read_bytes()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links
        return LockRead(True, problems=[LockProblem(f"cannot read the file ({getattr(exc, 'strerror', None) or exc})")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        return LockRead(True, problems=[LockProblem("the file is not valid UTF-8 (save it as UTF-8)", line, column)])
    return LockRead(True, *parse_lock(text))


def parse_lock(text: str) -> tuple[Lock | None, list[LockProblem]]:
    """The lock in ``text``, or the problems that make it unusable (all of them, each with its place)."""
    repeated: list[bool] = []

    def no_duplicates(pairs: list[tuple[str, object]]) -> dict:
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            repeated.append(True)
        return mapping

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        return None, [LockProblem(_decode_message(exc, text), exc.lineno, exc.colno)]
    except RecursionError:
        return None, [LockProblem("the file is nested too deeply to be a lock file")]
    except ValueError as exc:  # e.g. an integer with thousands of digits
        return None, [LockProblem(f"the file is not valid JSON ({exc})")]
    lock = Lock(text=text)
    problems = []
    if repeated:
        problems = [LockProblem(f"'{_path_text(place)}' appears twice; JSON readers would silently keep one"
                                " of the two", *position) for place, position in _key_positions(text)[1]]
    entries = _entries(data, lock, problems)
    if problems:
        return None, sorted(problems, key=lambda p: (p.line, p.column))
    lock.entries = entries
    return lock, []


def dump_lock(entries: dict[str, Entry]) -> str:
    """The lock file's text: sorted keys, 2-space indents, one entry per item, final newline."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "items": {item_id: entry.as_json() for item_id, entry in entries.items()},
    }
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- shape


def _entries(data: object, lock: Lock, problems: list[LockProblem]) -> dict[str, Entry]:
    def problem(place: Path_, message: str) -> None:
        problems.append(LockProblem(message, *_nearest(lock.positions, place)))

    if not isinstance(data, dict):
        problem((), "the file must hold a JSON object ({\"format\": ..., \"items\": {...}});"
                    " this is not an aftersales review lock file")
        return {}
    if data.get("format") != FORMAT:
        problem(("format",), f"'format' must be \"{FORMAT}\"; this is not an aftersales review lock file")
        return {}
    version = data.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
        problem(("format_version",), f"format_version {version!r} was written by a newer aftersales; upgrade"
                                     " aftersales to read it" if newer else
                f"'format_version' must be {FORMAT_VERSION}")
        return {}
    for key in data:
        if key not in ("format", "format_version", "items"):
            problem((key,), f"unknown key '{key}' (a lock file has format, format_version and items)")
    items = data.get("items")
    if not isinstance(items, dict):
        problem(("items",), "'items' must be an object of item id → last review")
        return {}
    entries: dict[str, Entry] = {}
    for item_id, raw in items.items():
        place = ("items", item_id)
        if not _SLUG.match(item_id):
            problem(place, f"'{item_id}' is not an item id (lowercase letters, digits and single hyphens)")
            continue
        if not isinstance(raw, dict):
            problem(place, f"the entry of '{item_id}' must be an object with fingerprint, reviewed and depends_on")
            continue
        before = len(problems)
        for key in raw:
            if key not in _ENTRY_KEYS:
                problem(place + (key,), f"unknown key '{key}' in the entry of '{item_id}'"
                                        " (an entry has fingerprint, reviewed and depends_on)")
        for key in _ENTRY_KEYS:
            if key not in raw:
                problem(place, f"the entry of '{item_id}' has no '{key}'")
        fingerprint, reviewed, depends_on = raw.get("fingerprint"), raw.get("reviewed"), raw.get("depends_on")
        if "fingerprint" in raw and not _is_fingerprint(fingerprint):
            problem(place + ("fingerprint",), f"the fingerprint of '{item_id}' must look like sha256:0123456789abcdef")
        if "reviewed" in raw and not _is_date(reviewed):
            problem(place + ("reviewed",), f"the review date of '{item_id}' must be a real date, YYYY-MM-DD")
        if "depends_on" in raw:
            if not isinstance(depends_on, dict):
                problem(place + ("depends_on",), f"depends_on of '{item_id}' must be an object of item id → fingerprint")
            else:
                for dep_id, dep_fingerprint in depends_on.items():
                    if not _SLUG.match(dep_id):
                        problem(place + ("depends_on", dep_id), f"'{dep_id}' in depends_on of '{item_id}' is not an item id")
                    elif not _is_fingerprint(dep_fingerprint):
                        problem(place + ("depends_on", dep_id),
                                f"the fingerprint of '{dep_id}' in depends_on of '{item_id}' must look like"
                                " sha256:0123456789abcdef")
        if len(problems) == before:
            entries[item_id] = Entry(fingerprint, reviewed, dict(depends_on))
    return entries


def _is_fingerprint(value: object) -> bool:
    return isinstance(value, str) and _FINGERPRINT.fullmatch(value) is not None


def _is_date(value: object) -> bool:
    if not (isinstance(value, str) and _DATE.fullmatch(value)):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _decode_message(exc: json.JSONDecodeError, text: str) -> str:
    if re.search(r"(?m)^(<{7}|={7}|>{7})( |$)", text):
        return ("the file has merge conflict markers (<<<<<<<, =======, >>>>>>>): keep both sides' entries"
                " by hand, or take either side and run aftersales review for the items of the other")
    return f"the file is not valid JSON: {exc.msg}"


# --------------------------------------------------------------------------- positions

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


def _key_positions(text: str) -> tuple[dict[Path_, tuple[int, int]], list[tuple[Path_, tuple[int, int]]]]:
    """Line and column of every key of a valid JSON text, by its path; and keys seen twice.

    ``json`` keeps no positions; this scan of strings and punctuation (numbers and literals
    need no attention) is enough once the text is known to be valid."""
    offsets: dict[Path_, int] = {}
    duplicates: list[tuple[Path_, int]] = []
    stack: list[list] = []  # [path, is_object, current key or index, expecting a key]
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if stack and stack[-1][1] and stack[-1][3]:
                frame = stack[-1]
                frame[2] = json.loads(token)
                frame[3] = False
                place = frame[0] + (frame[2],)
                if place in offsets:
                    duplicates.append((place, match.start()))
                else:
                    offsets[place] = match.start()
        elif token in "{[":
            path = stack[-1][0] + (stack[-1][2],) if stack else ()
            stack.append([path, token == "{", 0 if token == "[" else None, token == "{"])
        elif token in "}]":
            stack.pop()
        elif token == "," and stack:
            if stack[-1][1]:
                stack[-1][3] = True
            else:
                stack[-1][2] += 1
    repeated = {place for place, _ in duplicates}
    duplicates = [(place, offset) for place, offset in duplicates  # not the keys inside a repeated one
                  if not any(place[:length] in repeated for length in range(1, len(place)))]
    positions = _to_line_columns(text, [*offsets.values(), *(offset for _, offset in duplicates)])
    return ({place: positions[offset] for place, offset in offsets.items()},
            [(place, positions[offset]) for place, offset in duplicates])


def _to_line_columns(text: str, offsets: list[int]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    line, line_start, scanned = 1, 0, 0
    for offset in sorted(offsets):
        line += text.count("\n", scanned, offset)
        newline = text.rfind("\n", scanned, offset)
        if newline >= 0:
            line_start = newline + 1
        scanned = offset
        out[offset] = (line, offset - line_start + 1)
    return out


def _nearest(positions: dict[Path_, tuple[int, int]], place: Path_) -> tuple[int, int]:
    """Where ``place`` is written, or its closest written parent (line 1 for the whole file)."""
    while place:
        if place in positions:
            return positions[place]
        place = place[:-1]
    return 1, 1


def _path_text(place: Path_) -> str:
    return ".".join(str(part) for part in place)
