"""``aftersales merge``: one site from portals built separately (one CI job per audience × language).

Each portal is an independent build (``aftersales build --audience A --lang L --out SHARD``);
merging copies every shard's portals into one output and writes the audience pages that open
the reader's language, so the result is the same files as one full build.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands._common import add_project_argument, usage_error
from generator.load.project import load_project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("shards", nargs="+", type=Path, metavar="SHARD",
                        help="output folders of 'aftersales build --audience A --lang L --out SHARD'")
    parser.add_argument("--out", type=Path, metavar="SITE", help="the merged site (default: site/ in the project)")


def run(args: argparse.Namespace) -> int:
    from generator.publish.site import BuildLocked, MergeError, merge_shards

    project = load_project(args.project)
    out = args.out or project.root / "site"
    for shard in args.shards:
        if not shard.is_dir():
            return usage_error(f"{shard}: no such folder")
        if shard.resolve() == out.resolve():
            return usage_error(f"{shard}: a shard cannot be the output folder itself")
    try:
        portals = merge_shards(project.kb, args.shards, out)
    except (MergeError, BuildLocked) as exc:
        return usage_error(str(exc))
    print(f"merged {len(portals)} portals into {out}: {', '.join(portals)}")
    return 0
