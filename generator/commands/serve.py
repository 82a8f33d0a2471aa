"""``aftersales serve``: preview one portal on 127.0.0.1 with live reload.

The portal's Markdown is regenerated when ``content/``, ``custom/`` or ``site_config.yml``
change; only pages whose text changed are rewritten (unchanged ones keep their mtime), so
MkDocs' dirty rebuild skips them. Content with errors is reported and the last good pages stay.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from generator.analyse import analyse
from generator.commands._common import add_project_argument, usage_error
from generator.load.project import ConfigError, LoadCache, load_project
from generator.memory import paused_garbage_collector
from generator.model.fields import AUDIENCES
from generator.render.templates import PROJECT_TEMPLATES
from generator.validate import run_checks

WATCHED = ("content", PROJECT_TEMPLATES, "site_config.yml", "site_config.yaml")
POLL_SECONDS = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--audience", choices=AUDIENCES, default="staff", help="portal to preview (default: staff)")
    parser.add_argument("--lang", metavar="L", help="language (default: the first of site_config.yml)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")


def _snapshot(root: Path) -> dict[str, float]:
    stamps = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            stamps[str(path)] = path.stat().st_mtime
        elif path.is_dir():
            for file in path.rglob("*"):
                if file.is_file():
                    stamps[str(file)] = file.stat().st_mtime
    return stamps


class LiveSources:
    """The previewed portal's sources, kept between edits.

    Only files whose mtime or size changed are read again, and only the pages of the items
    touched by the edit (the edited items, the items they name and the items that name them,
    before and after the edit) are rendered again; indexes, home and matrices are always redone.
    """

    def __init__(self, root: Path, audience: str, lang: str, src: Path) -> None:
        self.root, self.audience, self.lang, self.src = root, audience, lang, src
        self.cache = LoadCache()
        self.kb = None
        self.overrides: tuple | None = None
        """The project's own templates when last rendered: a change means a full render."""
        self.pages: set[str] = set()
        """The Markdown pages written last time, to find stale ones only when the set changes."""

    def refresh(self) -> bool:
        """Rewrite what the last edit changed; False (and a report) when the content has errors."""
        from generator.publish.site import write_sources
        from generator.render.page_list import page_paths, portal_pages
        from generator.render.portal import Portal
        from generator.render.templates import template_overrides

        try:
            project = load_project(self.root, self.cache)
        except ConfigError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic.format_text(), file=sys.stderr)
            self.kb = None
            return False
        analysis = analyse(project.kb)
        errors = [d for d in run_checks(project, analysis=analysis) if d.severity == "error"]
        if errors:
            for diagnostic in errors:
                print(diagnostic.format_text(), file=sys.stderr)
            print("serve: fix these problems; the preview keeps the last good pages", file=sys.stderr)
            self.kb = None  # the next good state is rendered in full
            return False
        overrides = template_overrides(self.root)
        if self.kb is None or overrides != self.overrides:  # first run, or a template changed
            only, listings = None, True
        else:
            only, listings = self._touched(project, prune=not overrides)
        self.overrides = overrides
        with paused_garbage_collector():
            write_sources(project.kb, self.audience, self.lang, self.src, self.src / "site", with_pdf=False,
                          only=only, listings=listings, analysis=analysis)
        wanted = page_paths(portal_pages(Portal.open(project.kb, self.audience, self.lang, analysis, with_pdf=False)))
        if wanted != self.pages:  # an item came, went or changed audience: remove its old page
            docs = self.src / "docs"
            for stale in docs.rglob("*.md"):
                if stale.relative_to(docs).as_posix() not in wanted:
                    stale.unlink()
            self.pages = wanted
        self.kb = project.kb
        return True

    def _touched(self, project, prune: bool) -> tuple[set[str], bool]:
        """The ids whose pages to render again, and whether listings and summaries must be too.

        With ``prune`` (only the shipped templates in use), an edit that leaves what other
        pages show of the item unchanged (see ``shown_elsewhere``) re-renders just its own pages.
        """
        from generator.render.item_pages import shown_elsewhere

        ids = {declared.id for declared in project.declared if declared.file in self.cache.changed}
        ids |= {item.id for item in self.kb.items if item.file in self.cache.changed}
        if prune and all(
            (old := self.kb.get(item_id)) is not None and (new := project.kb.get(item_id)) is not None
            and shown_elsewhere(old) == shown_elsewhere(new)
            for item_id in ids
        ):
            return ids, False
        touched = set(ids)
        for kb in (self.kb, project.kb):
            for item_id in ids:
                touched.update(ref.source.id for ref in kb.referrers_of(item_id))
                item = kb.get(item_id)
                if item is not None:
                    touched.update(target for _, _, target in item.references)
        return touched, True


_LIVE: dict[tuple, LiveSources] = {}


def _regenerate(root: Path, audience: str, lang: str, src: Path) -> bool:
    """Rewrite the portal's sources in ``src`` (incrementally after the first call)."""
    key = (Path(root).resolve(), audience, lang, Path(src).resolve())
    live = _LIVE.get(key)
    if live is None:
        live = _LIVE[key] = LiveSources(key[0], audience, lang, key[3])
    return live.refresh()


def _watch(root: Path, audience: str, lang: str, src: Path, stop: threading.Event) -> None:
    before = _snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(root)
        if now != before:
            before = now
            print("serve: content changed, regenerating pages …", flush=True)
            _regenerate(root, audience, lang, src)


SEARCH_HOOK = Path(__file__).resolve().parent.parent / "publish" / "serve_hook.py"
"""Indexes the preview for search after each of MkDocs' rebuilds."""


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from generator.render.templates import check_templates

    project = load_project(args.project)
    lang = args.lang or project.config.languages[0]
    if lang not in project.config.languages:
        return usage_error(f"--lang {lang}: this knowledge base has the languages {', '.join(project.config.languages)}")
    src = project.root / ".aftersales" / "serve" / args.audience / lang
    check_templates(project.root)  # a broken template or asset: one line naming it (exit 2)
    if not _regenerate(project.root, args.audience, lang, src):
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(project.root, args.audience, lang, src, stop), daemon=True)
    watcher.start()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"serve: warning: listening on {args.host}, other machines can see this preview"
              f" (staff content included)", file=sys.stderr)
    print(f"serving the {args.audience} portal ({lang}) at http://{args.host}:{args.port}/ — Ctrl+C to stop",
          flush=True)
    try:
        serve(config_file=str(src / "mkdocs.yml"), livereload=True, build_type="dirty",
              dev_addr=f"{args.host}:{args.port}", strict=False, hooks=[str(SEARCH_HOOK)])
    finally:
        stop.set()
    return 0
