"""``aftersales new TYPE ID``: write a valid, commented skeleton for a new item."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from generator.commands._common import add_project_argument, usage_error
from generator.commands.schema import write_schemas
from generator.load.project import CONTENT_FOLDER, load_project
from generator.model import TYPES_BY_NAME
from generator.model.fields import SLUG_PATTERN
from generator.scaffold import SCHEMA_FOLDER, render_skeleton


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("type", choices=list(TYPES_BY_NAME), metavar="TYPE",
                        help="one of: " + ", ".join(TYPES_BY_NAME))
    parser.add_argument("id", metavar="ID", help="the new item's id, e.g. complaint-handling")
    add_project_argument(parser)


def run(args: argparse.Namespace) -> int:
    if not re.match(SLUG_PATTERN, args.id) or len(args.id) > 80:
        return usage_error(f"'{args.id}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
    project = load_project(args.project)
    taken = {d.id.casefold(): d for d in project.declared}
    if args.id.casefold() in taken:
        return usage_error(f"the id '{args.id}' is already used by {taken[args.id.casefold()].file}")
    content_type = TYPES_BY_NAME[args.type]
    folder = project.root / CONTENT_FOLDER / content_type.folder
    path = folder / f"{args.id}.yml"
    if path.exists():
        return usage_error(f"{path} already exists")
    # Point the skeleton's references at items that exist in this project.
    refs = {}
    for declared in sorted(project.declared, key=lambda d: d.file):
        refs.setdefault(declared.type, declared.id)
    schemas = project.root / SCHEMA_FOLDER
    if not (schemas / f"{content_type.name}.schema.json").exists():
        write_schemas(schemas, list(project.config.languages))
    schema_path = Path(os.path.relpath(schemas / f"{content_type.name}.schema.json", folder)).as_posix()
    text = render_skeleton(content_type.name, args.id, list(project.config.languages), refs, schema_path)
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    # Every public product family must be decided by the warranty rules (warranty.gap).
    also = ", add it to the products of your warranty rules" if content_type.name == "product" else ""
    print(f"wrote {path.relative_to(project.root).as_posix()}: edit it{also}, then run 'aftersales check'")
    return 0
