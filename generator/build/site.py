"""The build stage: render every portal's Markdown, run the real MkDocs build, swap into place.

All portals are built in a temporary folder beside the output; only when every one has built
are they moved into ``OUT/<audience>/<lang>/``. A failed or interrupted build leaves the previous
site untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator.build.mkdocs_config import mkdocs_config
from generator.build.privacy import external_loads, neutralise_remote_loaders
from generator.render.pages import PACKAGE_TEMPLATES, Page, PortalRenderer
from generator.validate.assets import ASSETS_FOLDER

if TYPE_CHECKING:
    from generator.knowledge_base import KnowledgeBase

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildError(Exception):
    """MkDocs refused a portal; ``problems`` are its warnings and errors, one per line."""

    def __init__(self, portal: str, problems: list[str]) -> None:
        super().__init__(f"{portal}: " + "; ".join(problems))
        self.portal = portal
        self.problems = problems


@dataclass(frozen=True)
class PortalResult:
    audience: str
    lang: str
    path: Path
    pages: int
    seconds: float

    @property
    def name(self) -> str:
        return f"{self.audience}/{self.lang}"


def write_sources(kb: KnowledgeBase, audience: str, lang: str, src: Path, site_dir: Path) -> tuple[Path, list[Page]]:
    """Write the Markdown pages, assets and ``mkdocs.yml`` of one portal into ``src``."""
    renderer = PortalRenderer(kb, audience, lang)
    pages = renderer.render_all()
    docs = src / "docs"
    for page in pages + renderer.render_printables():
        write_if_changed(docs / page.path, page.markdown)
    for asset in _asset_files(kb.root):
        write_if_changed(docs / "assets" / asset.name, asset.read_text(encoding="utf-8"))
    # Only the images this portal's pages show: a staff-only picture never reaches the public site.
    for name in renderer.used_assets():
        source = kb.root / ASSETS_FOLDER / name
        target = docs / ASSETS_FOLDER / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    title = renderer.text(kb.config.title)
    config = mkdocs_config(kb, audience, lang, renderer.navigation(), docs, site_dir, title)
    config_file = src / "mkdocs.yml"
    write_if_changed(config_file, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return config_file, pages


def _asset_files(project_root: Path) -> list[Path]:
    """The portal's CSS; a project's own templates/assets/ file of the same name wins."""
    found: dict[str, Path] = {}
    for folder in (PACKAGE_TEMPLATES / "assets", project_root / "templates" / "assets"):
        if folder.is_dir():
            for path in sorted(folder.glob("*.css")):
                found[path.name] = path
    return list(found.values())


def write_if_changed(path: Path, text: str) -> bool:
    """Write only when the content differs, so unchanged pages keep their mtime (dirty reloads)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if "Aborted with" not in message:
            self.messages.append(message)


def run_mkdocs(config_file: Path, portal: str) -> None:
    """The real MkDocs build, in-process; every warning (broken link, missing page) is an error."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(config_file))
        build(config)
    except (Abort, MkDocsException) as exc:
        problems = collector.messages or [str(exc)]
        raise BuildError(portal, problems) from None
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
    if collector.messages:
        raise BuildError(portal, collector.messages)


def build_site(
    kb: KnowledgeBase,
    out: Path,
    audiences: Iterable[str],
    languages: Iterable[str],
    progress: Callable[[str], None] = lambda message: None,
) -> list[PortalResult]:
    """Build every (audience, language) portal and swap them into ``out`` together."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    results = []
    try:
        for audience in audiences:
            for lang in languages:
                portal = f"{audience}/{lang}"
                progress(f"building {portal} …")
                start = time.perf_counter()
                site_dir = work / "site" / audience / lang
                config_file, pages = write_sources(kb, audience, lang, work / "src" / audience / lang, site_dir)
                run_mkdocs(config_file, portal)
                neutralise_remote_loaders(site_dir)
                remote = external_loads(site_dir)
                if remote:
                    raise BuildError(portal, [f"{file} loads {what} from another host" for file, what in remote])
                results.append(PortalResult(audience, lang, out / audience / lang, len(pages),
                                            time.perf_counter() - start))
                progress(f"built {portal}: {len(pages)} pages in {results[-1].seconds:.1f} s")
        for result in results:
            _swap(work / "site" / result.audience / result.lang, result.path, work / "old")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _swap(new: Path, target: Path, trash: Path) -> None:
    """Replace ``target`` by ``new`` with two renames (same filesystem)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        trash.mkdir(parents=True, exist_ok=True)
        target.rename(trash / f"{target.parent.name}-{target.name}")
    new.rename(target)
