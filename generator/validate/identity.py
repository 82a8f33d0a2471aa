"""Ids: unique across the whole knowledge base, also ignoring case; file named after its id."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics.diagnostic import Diagnostic
from generator.diagnostics.rules.identity import ID_DUPLICATE, ID_FILE_NAME

if TYPE_CHECKING:
    from generator.load.project import Project


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
                f"the file is named '{stem}' but the item's id is '{declared.id}': rename the file to '{declared.id}"
                f"{PurePosixPath(declared.file).suffix}'", item=declared.id,
            ))
    return diagnostics
