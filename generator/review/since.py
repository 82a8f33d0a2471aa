"""What changed in the knowledge base since a git tag or commit: items added, removed and
modified (with the fields that changed), for release notes and the auditor's "changes since the
last audit".

Both sides are read the same way, as written: the content files at the commit (``git ls-tree``
and ``git cat-file``, never a checkout) and the files of the working tree, each parsed with the
safe reader (:mod:`generator.load.yaml_reader`) and compared by item id, so an item whose file
moved is modified, not removed and added, and a change of comments or layout is no change. A
file that cannot be read on either side is reported, not fatal: the rest is still compared.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.project import (
    CONTENT_FOLDER,
    YAML_SUFFIXES,
    discover_files,
    relative,
)
from generator.load.yaml_reader import YamlError, parse_yaml_bytes
from generator.model.registry import TYPES_BY_FOLDER

GIT_TIMEOUT = 120
"""Seconds any one git command may take (a huge repository on a slow disk)."""

WORKING_TREE = "working tree"
"""The side of the comparison that is the files as they are now."""

EXPANDED_FIELDS = frozenset({"document"})
"""Fields whose sub-fields are named one by one (``document.version``): what a release note says."""


class GitError(Exception):
    """Why the history cannot be read: git missing, not a repository, an unknown reference."""


@dataclass(frozen=True)
class ItemFile:
    """One item as a file holds it: its id, type, path (relative to the project) and raw data."""

    id: str
    type: str
    file: str
    data: Mapping


@dataclass(frozen=True)
class Unreadable:
    """A content file that could not be read as an item, on one side of the comparison."""

    file: str
    side: str
    """The reference (``v1``) or ``working tree``."""
    message: str
    code: str = ""
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed or modified since the reference."""

    kind: str
    """``added``, ``removed`` or ``modified``."""
    id: str
    type: str
    file: str
    """Where it is now (where it was, for a removed item)."""
    data: Mapping
    """Its data now (then, for a removed item)."""
    previous_file: str | None = None
    """For a modified item whose file moved: where it was."""
    fields: tuple[str, ...] = ()
    """For a modified item: the top-level fields that changed (``document``'s by sub-field)."""


@dataclass(frozen=True)
class ChangesSince:
    ref: str
    commit: str
    changes: list[ItemChange] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ItemChange]:
        return [change for change in self.changes if change.kind == kind]


# --------------------------------------------------------------------------- git


def git(folder: Path, *args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    program = shutil.which("git")
    if program is None:
        raise GitError("git is not installed (or not on PATH): install git to compare with an earlier version")
    try:
        return subprocess.run([program, *args], cwd=folder, input=input_bytes, capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {GIT_TIMEOUT} s") from None


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


def repository_of(root: Path) -> tuple[Path, str]:
    """The top folder of the git repository holding ``root``, and ``root``'s path inside it ('' or 'kb/')."""
    top = git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GitError(f"{root} is not inside a git repository ({_first_line(top.stderr)}); "
                       "changes --since compares with a tag or commit of the project's git history")
    prefix = git(root, "rev-parse", "--show-prefix")
    return Path(top.stdout.decode("utf-8", "surrogateescape").strip()), prefix.stdout.decode(
        "utf-8", "surrogateescape").strip()


def resolve_commit(top: Path, ref: str) -> str:
    """The commit ``ref`` names (a tag, a branch, a hash, ``HEAD~3``)."""
    if not ref or ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git reference (a tag, a branch or a commit)")
    found = git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise GitError(f"unknown git reference '{ref}': no tag, branch or commit of that name "
                       "(git tag lists the tags; git log --oneline the commits)")
    return found.stdout.decode("ascii").strip()


def files_at(top: Path, prefix: str, commit: str) -> Iterator[tuple[str, bytes]]:
    """(path relative to the project, bytes) of every content file at ``commit``."""
    folder = prefix + CONTENT_FOLDER + "/"
    listed = git(top, "ls-tree", "-r", "-z", commit, "--", folder)
    if listed.returncode != 0:
        raise GitError(f"git ls-tree failed: {_first_line(listed.stderr)}")
    blobs: list[tuple[str, str]] = []
    for entry in listed.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        path = name.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode in ("100644", "100755") and path.startswith(prefix):
            blobs.append((path[len(prefix):], sha))
    if not blobs:
        return
    batch = git(top, "cat-file", "--batch", input_bytes="".join(f"{sha}\n" for _, sha in blobs).encode("ascii"))
    if batch.returncode != 0:
        raise GitError(f"git cat-file failed: {_first_line(batch.stderr)}")
    out, at = batch.stdout, 0
    for rel, _ in blobs:
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])
        yield rel, out[end + 1:end + 1 + size]
        at = end + 1 + size + 1


# --------------------------------------------------------------------------- items on each side


def content_type_of(rel: str) -> str | None:
    """The content type of a file at ``rel`` (``content/<folder>/…``), as loading the project decides it."""
    parts = rel.split("/")
    if len(parts) < 3 or parts[0] != CONTENT_FOLDER or any(part.startswith(".") for part in parts[1:]):
        return None
    if not parts[-1].lower().endswith(YAML_SUFFIXES):
        return None
    content_type = TYPES_BY_FOLDER.get(parts[1])
    return content_type.name if content_type else None


def read_items(files: Iterable[tuple[str, bytes]], side: str) -> tuple[dict[str, ItemFile], list[Unreadable]]:
    """Items by id from (path, bytes) pairs, sorted by path; the first file of an id wins."""
    items: dict[str, ItemFile] = {}
    unreadable: list[Unreadable] = []
    for rel, raw in sorted(files):
        type_name = content_type_of(rel)
        if type_name is None:
            continue
        try:
            data = parse_yaml_bytes(raw).data
        except YamlError as exc:
            unreadable.append(Unreadable(rel, side, exc.message, exc.code, exc.line, exc.column))
            continue
        item_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(item_id, str) or not item_id:
            unreadable.append(Unreadable(rel, side, "no 'id': the file is not an item"))
        elif item_id in items:
            unreadable.append(Unreadable(rel, side, f"the id '{item_id}' is also used by {items[item_id].file}"))
        else:
            items[item_id] = ItemFile(item_id, type_name, rel, data)
    return items, unreadable


def working_tree_files(root: Path) -> Iterator[tuple[str, bytes]]:
    files, _ = discover_files(root)
    for path, _content_type in files:
        try:
            yield relative(path, root), path.read_bytes()
        except OSError:
            continue  # gone while we read: as good as removed


# --------------------------------------------------------------------------- comparison


def changed_fields(old: Mapping, new: Mapping) -> tuple[str, ...]:
    """Top-level fields whose value differs (added and dropped ones too), in the new file's order;
    ``document``'s sub-fields one by one."""
    names = [*new, *(name for name in old if name not in new)]
    changed: list[str] = []
    for name in names:
        before, after = old.get(name), new.get(name)
        if before == after and (name in old) == (name in new):
            continue
        if name in EXPANDED_FIELDS and isinstance(before, dict) and isinstance(after, dict):
            changed.extend(f"{name}.{sub}" for sub in changed_fields(before, after))
        else:
            changed.append(str(name))
    return tuple(changed)


def compare(old: Mapping[str, ItemFile], new: Mapping[str, ItemFile]) -> list[ItemChange]:
    """Added, removed and modified items, each sorted by file."""
    changes = [ItemChange("added", item.id, item.type, item.file, item.data)
               for item_id, item in new.items() if item_id not in old]
    changes += [ItemChange("removed", item.id, item.type, item.file, item.data)
                for item_id, item in old.items() if item_id not in new]
    for item_id, item in new.items():
        before = old.get(item_id)
        if before is None:
            continue
        fields = changed_fields(before.data, item.data)
        if before.type != item.type and "type" not in fields:
            fields = ("type", *fields)
        moved = before.file != item.file
        if fields or moved:
            changes.append(ItemChange("modified", item.id, item.type, item.file, item.data,
                                      before.file if moved else None, fields))
    order = {"added": 0, "modified": 1, "removed": 2}
    return sorted(changes, key=lambda change: (order[change.kind], change.file, change.id))


def changes_since(root: Path, ref: str) -> ChangesSince:
    """What changed in the project at ``root`` since ``ref``; :class:`GitError` when git cannot say."""
    root = root.resolve()
    top, prefix = repository_of(root)
    commit = resolve_commit(top, ref)
    old, unreadable_then = read_items(files_at(top, prefix, commit), ref)
    new, unreadable_now = read_items(working_tree_files(root), WORKING_TREE)
    return ChangesSince(ref, commit, compare(old, new), [*unreadable_then, *unreadable_now])
