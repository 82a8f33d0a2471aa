"""``aftersales init DIR``: a new knowledge base with one example of each type, passing check."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from generator.commands._common import usage_error
from generator.commands.schema import write_schemas
from generator.load.project import CONTENT_FOLDER
from generator.model import CONTENT_TYPES
from generator.scaffold import (
    EXAMPLE_IDS,
    SCHEMA_FOLDER,
    render_site_config,
    render_skeleton,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="folder to create (must be new or empty)")
    parser.add_argument("--title", default=None,
                        help="title of the portal, written for every language (default: 'After-sales service',"
                             " translated)")
    parser.add_argument("--languages", default="ca,es,en",
                        help="comma-separated language codes, the default first (default: ca,es,en)")


def run(args: argparse.Namespace) -> int:
    root: Path = args.dir
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        return usage_error(f"{root} exists and is not an empty folder; choose a new folder")
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    if not languages or any(len(lang) != 2 or not lang.isascii() or not lang.isalpha() or not lang.islower()
                            for lang in languages):
        return usage_error(f"--languages '{args.languages}': give two-letter codes such as ca,es,en")
    root.mkdir(parents=True, exist_ok=True)
    (root / "site_config.yml").write_text(render_site_config(args.title, languages), encoding="utf-8")
    schemas = root / SCHEMA_FOLDER
    write_schemas(schemas, languages)
    for content_type in CONTENT_TYPES:
        folder = root / CONTENT_FOLDER / content_type.folder
        folder.mkdir(parents=True, exist_ok=True)
        item_id = EXAMPLE_IDS[content_type.name]
        schema_path = Path(os.path.relpath(schemas / f"{content_type.name}.schema.json", folder)).as_posix()
        text = render_skeleton(content_type.name, item_id, languages, {}, schema_path)
        (folder / f"{item_id}.yml").write_text(text, encoding="utf-8")
    print(f"created a knowledge base in {root} with one example of each content type;"
          f" next: aftersales check --project {root}")
    return 0
