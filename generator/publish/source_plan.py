"""Which Markdown sources an incremental build renders again, from what its pages are made of.

A portal's pages are made of three things: what every page shares (the tool, the settings, the
project's templates, catalogs and pictures, the measurements, the review lock, the analysis that
listings show, the day), the shape of the portal (its page paths, printables, downloads, scripts
and pictures) and the items. For each item two digests are kept: its whole content (its own pages
show it) and what the other pages show of it (:func:`shown_elsewhere`: titles, summaries, a
procedure whole…). A build whose shared inputs and shape are those of the cached build, and whose
changed items changed only on their own pages, renders just those items' pages; anything else
renders every page. MkDocs then renders only the pages whose Markdown changed
(:mod:`generator.publish.build_cache`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.i18n.catalogs import PROJECT_LOCALES
from generator.load.assets import ASSETS_FOLDER
from generator.render.item_pages import shown_elsewhere
from generator.render.templates import PROJECT_TEMPLATES

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.load.knowledge_base import Item, KnowledgeBase
    from generator.render.page_spec import PageSpec
    from generator.render.portal import Portal

REVIEW_LOCK = "review.lock.json"


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _folder_digest(folder: Path) -> str:
    """Every file under ``folder`` (its path and bytes); empty without the folder."""
    parts: list[str | bytes] = []
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(current) / name
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return _digest(*parts)


def _file_digest(path: Path | None) -> str:
    try:
        return _digest(path.read_bytes()) if path is not None else "-"
    except OSError:
        return "-"


def shared_inputs(kb: KnowledgeBase, analysis: Analysis, with_pdf: bool) -> str:
    """What every page of every portal may show besides items, as one digest."""
    config = kb.config
    data = config.compliance.data if config.compliance is not None else None
    listed = {
        "config": config.model_dump(mode="json"),
        "today": analysis.today.isoformat(),
        "pdf": with_pdf,
        "suspects": analysis.suspects,
        "translations": analysis.translations,
    }
    return _digest(
        json.dumps(listed, sort_keys=True, ensure_ascii=False, default=str),
        _folder_digest(kb.root / PROJECT_TEMPLATES),
        _folder_digest(kb.root / PROJECT_LOCALES),
        _folder_digest(kb.root / ASSETS_FOLDER),
        _file_digest(kb.root / data if data else None),
        _file_digest(kb.root / REVIEW_LOCK),
    )


def item_inputs(item: Item) -> list[str]:
    """[its whole content, what other pages show of it], as digests."""
    def compute(item: Item) -> list[str]:
        return [_digest(item.type, item.file, item.model.model_dump_json()), _digest(shown_elsewhere(item))]

    return item.remembered("page-inputs", compute)


def portal_shape(portal: Portal, specs: list[PageSpec]) -> str:
    """The portal's files, before any is rendered: page paths, printables, downloads, scripts,
    pictures (a source that is no longer written must not stay behind from the cache)."""
    shape = [[spec.path, spec.printable is not None, [path for path, _ in spec.more_printables],
              [download.path for download in spec.downloads], list(spec.scripts),
              spec.item.id if spec.item is not None else None] for spec in specs]
    return _digest(portal.audience, portal.lang, json.dumps(shape), json.dumps(portal.used_assets()))


def own_page_templates(root: Path) -> bool:
    """Whether the project has its own page or print templates: they may show any field of any
    item anywhere, so what other pages show of an item is no longer known (as ``serve``)."""
    return any(path.is_file() for kind in ("pages", "print") for path in (root / PROJECT_TEMPLATES / kind).rglob("*"))


def portal_inputs(kb: KnowledgeBase, shared: str, portal: Portal, specs: list[PageSpec]) -> dict:
    """The record kept in the build cache and compared at the next build."""
    return {"shared": shared, "shape": portal_shape(portal, specs), "own_templates": own_page_templates(kb.root),
            "items": {item.id: item_inputs(item) for item in kb.items}}


@dataclass(frozen=True)
class SourcePlan:
    only: set[str] | None
    """Ids whose pages to render again; None: every page."""
    reason: str
    """Why every page (empty when only some)."""


def source_plan(previous: dict | None, current: dict) -> SourcePlan:
    """Compare the inputs of the cached build with this build's."""
    if not isinstance(previous, dict):
        return SourcePlan(None, "no record of the pages' inputs")
    if previous.get("shared") != current["shared"]:
        return SourcePlan(None, "settings, templates, catalogs, pictures, data or the day changed")
    if current["own_templates"]:
        return SourcePlan(None, "the project's own page templates may show anything of any item")
    if previous.get("shape") != current["shape"]:
        return SourcePlan(None, "pages added, removed or moved")
    before, now = previous.get("items"), current["items"]
    if not isinstance(before, dict) or set(before) != set(now):
        return SourcePlan(None, "items added or removed")
    changed = {item_id for item_id, inputs in now.items() if before[item_id] != inputs}
    shown = sorted(item_id for item_id in changed if not isinstance(before[item_id], list)
                   or before[item_id][1:] != now[item_id][1:])
    if shown:
        return SourcePlan(None, f"{shown[0]} changed what other pages show of it")
    return SourcePlan(changed, "")
