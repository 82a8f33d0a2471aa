"""``aftersales schema``: one JSON Schema per content type, so editors validate as you type.

The schemas say what ``check`` says wherever JSON Schema can: dates ``format: date`` with the
``YYYY-MM-DD`` pattern, texts non-blank and keyed by the project's languages only, enums,
bounds. What only ``check`` sees is listed in README ("What the schemas cannot see")."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from generator.commands._common import add_project_argument
from generator.load.project import find_config, load_config
from generator.model import CONTENT_TYPES, SiteConfig
from generator.model.fields import TEXT_SCHEMA_MARK, text_json_schema
from generator.scaffold import SCHEMA_FOLDER


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help=f"folder to write the schemas to (default: {SCHEMA_FOLDER}/ in the project)")


def json_schemas(languages: Sequence[str] | None = None) -> dict[str, dict]:
    """File name → JSON Schema, for every content type and for site_config.yml; texts take only
    ``languages`` as keys (any two-letter code when None)."""
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
        _project_texts(schema, tuple(languages or ()))
    return schemas


def _project_texts(node, languages: tuple[str, ...]) -> None:
    """Put the project's languages into every text's schema (marked by the Text field type with the
    shortest text it allows)."""
    if isinstance(node, dict):
        shortest = node.pop(TEXT_SCHEMA_MARK, None)
        if shortest is not None:
            node.update(text_json_schema(languages or None, min_length=int(shortest)))
        for value in node.values():
            _project_texts(value, languages)
    elif isinstance(node, list):
        for value in node:
            _project_texts(value, languages)


def write_schemas(folder: Path, languages: Sequence[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas(languages).items():
        path = folder / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    folder = args.out or args.project / SCHEMA_FOLDER
    languages = load_config(args.project).languages if find_config(args.project) else None
    written = write_schemas(folder, languages)
    print(f"wrote {len(written)} JSON Schemas to {folder}")
    return 0
