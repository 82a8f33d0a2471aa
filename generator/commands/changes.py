"""``aftersales changes --since REF``: the items added, removed and modified since a git tag or
commit (for modified ones, which fields), as text, JSON or Markdown release notes.

The comparison is :mod:`generator.review.since`; this module reads the arguments and prints.
Exit 0 with the list (changes are not a problem), 2 outside a git repository, for an unknown
reference or without git. Content files that cannot be read at the reference or now are listed,
and the rest is still compared.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Mapping
from pathlib import Path

from generator.commands._common import usage_error, write_stdout_utf8
from generator.diagnostics.diagnostic import printable
from generator.load.project import load_config
from generator.review.since import (
    WORKING_TREE,
    ChangesSince,
    GitError,
    ItemChange,
    changes_since,
)
from generator.text.safe_text import plain_text

FORMATS = ("text", "json", "markdown")
KINDS = ("added", "modified", "removed")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", required=True, metavar="GIT-REF",
                        help="the tag or commit to compare with (e.g. v1.0, the last audit's tag, HEAD~5)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("project_dir", nargs="?", type=Path, metavar="PROJECT",
                        help="folder holding site_config.yml (default: --project, else the current folder)")
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="folder holding site_config.yml (default: the current folder)")


def run(args: argparse.Namespace) -> int:
    root = args.project_dir or args.project
    config = load_config(root)  # no or a broken site_config.yml: exit 2, as every command
    try:
        result = changes_since(root, args.since)
    except GitError as exc:
        return usage_error(f"changes: {exc}")
    default_lang = config.languages[0]
    if args.format == "json":
        write_stdout_utf8(json.dumps(as_json(result, default_lang), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        write_stdout_utf8(as_markdown(result, default_lang))
    else:
        write_stdout_utf8(as_text(result, default_lang))
    return 0


def title_of(data: Mapping, lang: str) -> str:
    """The item's title in ``lang`` (else its first), from the raw data; '' when it has none."""
    title = data.get("title")
    if isinstance(title, dict):
        value = title.get(lang) or next((text for text in title.values() if isinstance(text, str) and text), "")
        return value if isinstance(value, str) else ""
    return title if isinstance(title, str) else ""


def counts(result: ChangesSince) -> dict[str, int]:
    return {kind: len(result.of_kind(kind)) for kind in KINDS}


def as_json(result: ChangesSince, lang: str) -> dict:
    def entry(change: ItemChange) -> dict:
        out = {"id": change.id, "type": change.type, "file": change.file, "title": title_of(change.data, lang)}
        if change.kind == "modified":
            out |= {"previous_file": change.previous_file, "fields": list(change.fields)}
        return out

    return {
        "format": "aftersales-changes", "format_version": 1, "since": result.ref, "commit": result.commit,
        "counts": counts(result),
        **{kind: [entry(change) for change in result.of_kind(kind)] for kind in KINDS},
        "unreadable": [{"file": item.file, "at": item.side, "code": item.code or None, "line": item.line,
                        "column": item.column, "message": item.message} for item in result.unreadable],
    }


def modification(change: ItemChange) -> str:
    """'title, document.version; moved from content/…' (the fields, then the move)."""
    parts = [", ".join(change.fields)] if change.fields else []
    if change.previous_file:
        parts.append(f"moved from {change.previous_file}")
    return "; ".join(parts)


def as_text(result: ChangesSince, lang: str) -> str:
    numbers = counts(result)
    summary = (f"changes since {result.ref} ({result.commit[:12]}): {numbers['added']} added, "
               f"{numbers['modified']} modified, {numbers['removed']} removed")
    lines = [printable(summary)]
    for change in result.changes:
        line = f"{change.kind:<8} {change.type} {change.id} ({change.file})"
        if change.kind == "modified":
            line += f": {modification(change)}"
        title = title_of(change.data, lang)
        lines.append(printable(line + (f" — {' '.join(title.split())}" if title else "")))
    for item in result.unreadable:
        code = f" {item.code}" if item.code else ""
        where = "in the working tree" if item.side == WORKING_TREE else f"at {item.side}"
        lines.append(printable(f"{item.file}:{item.line}:{item.column}: unreadable {where}{code}: {item.message}"))
    return "\n".join(lines) + "\n"


def as_markdown(result: ChangesSince, lang: str) -> str:
    """Release notes: a section per kind of change, one line per item; every text escaped."""
    headings = {"added": "Added", "modified": "Modified", "removed": "Removed"}
    ref = f"`{result.ref}`" if "`" not in result.ref and result.ref.isprintable() else plain_text(result.ref)
    out = [f"## Changes since {ref}", ""]
    if not result.changes:
        out += ["No item was added, removed or modified.", ""]
    for kind in KINDS:
        changes = result.of_kind(kind)
        if not changes:
            continue
        out += [f"### {headings[kind]} ({len(changes)})", ""]
        for change in changes:
            name = f"`{change.id}`" if SLUG.match(change.id) else plain_text(change.id)
            title = title_of(change.data, lang)
            line = f"- **{plain_text(title)}** ({name}, {change.type})" if title else f"- {name} ({change.type})"
            if kind == "modified":
                line += f": {plain_text(modification(change))}"
            out.append(line)
        out.append("")
    if result.unreadable:
        out += ["### Not readable", ""]
        out += [f"- {plain_text(item.file)} ({plain_text(item.side)}): {plain_text(item.message)}"
                for item in result.unreadable]
        out.append("")
    return "\n".join(out)
