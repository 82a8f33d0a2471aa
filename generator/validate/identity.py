"""Ids: unique across the whole knowledge base, also ignoring case; file named after its id."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.identity import ID_DUPLICATE, ID_FILE_NAME
from generator.model.fields import SLUG_PATTERN

if TYPE_CHECKING:
    from generator.load.project import Project

_SLUG = re.compile(SLUG_PATTERN)
_SLUG_MAX = 80


def check_identity(project: Project) -> list[Diagnostic]:
    diagnostics = []
    first_seen: dict[str, object] = {}
    for declared in project.declared:
        if declared.from_file_name:
            continue
        key = declared.id.casefold()
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = declared
        else:
            same = "the same id" if earlier.id == declared.id else f"an id that differs only in case ('{earlier.id}')"
            diagnostics.append(Diagnostic.at(
                declared.file, (declared.line, declared.column), ID_DUPLICATE,
                f"the id '{declared.id}' is already used: {earlier.file} (line {earlier.line}) has {same};"
                " every item needs its own id", item=declared.id,
            ))
        stem = PurePosixPath(declared.file).stem
        if stem != declared.id:
            diagnostics.append(Diagnostic.at(
                declared.file, (declared.line, declared.column), ID_FILE_NAME,
                _file_name_advice(stem, declared.id, PurePosixPath(declared.file).suffix), item=declared.id,
            ))
    return diagnostics


def _valid_id(text: str) -> bool:
    return len(text) <= _SLUG_MAX and _SLUG.match(text) is not None


def _file_name_advice(stem: str, item_id: str, suffix: str) -> str:
    """Rename the file after the id — unless the id is itself invalid: then fix the id first."""
    named = f"the file is named '{stem}' but the item's id is '{item_id}'"
    if _valid_id(item_id):
        return f"{named}: rename the file to '{item_id}{suffix}'"
    if _valid_id(stem):
        return (f"{named}, which is not a valid id: fix the id first (schema.invalid-id) — if '{stem}' is the id"
                " you meant, write id: " + stem + "; otherwise rename the file after the corrected id")
    return (f"{named}, and neither is a valid id: fix the id first (lowercase letters a-z, digits and single"
            " hyphens), then rename the file after it")
