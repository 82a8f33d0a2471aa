"""``aftersales schema``: one JSON Schema per content type, so editors validate as you type."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.commands._common import add_project_argument
from generator.model import CONTENT_TYPES, SiteConfig
from generator.scaffold import SCHEMA_FOLDER


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help=f"folder to write the schemas to (default: {SCHEMA_FOLDER}/ in the project)")


def json_schemas() -> dict[str, dict]:
    """File name → JSON Schema, for every content type and for site_config.yml."""
    schemas = {}
    for content_type in CONTENT_TYPES:
        schema = content_type.model.model_json_schema()
        schema["title"] = f"aftersales {content_type.label}"
        schema["description"] = (f"One {content_type.label} of an after-sales knowledge base"
                                 f" (a file in content/{content_type.folder}/).")
        schemas[f"{content_type.name}.schema.json"] = schema
    config = SiteConfig.model_json_schema()
    config["title"] = "aftersales site_config.yml"
    schemas["site_config.schema.json"] = config
    for schema in schemas.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schemas


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    folder = args.out or args.project / SCHEMA_FOLDER
    written = write_schemas(folder)
    print(f"wrote {len(written)} JSON Schemas to {folder}")
    return 0
