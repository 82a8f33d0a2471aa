"""The build cache: what an incremental ``aftersales build`` starts from.

Per portal, ``.aftersales/build/<audience>/<lang>/`` holds the previous built site (``site/``), its
Markdown sources (``docs/``) and ``manifest.json``: the cache format, the tool key (versions of
aftersales and of MkDocs, its theme and extensions, and a hash of the package's own code,
templates and catalogs), what the pages were made of (:mod:`generator.publish.source_plan`), the
hash of every source and of every site file, each page's title, front matter and anchors as
MkDocs saw them, and what the search index read from each page. A build:

1. restores the cache (:func:`restore`): the manifest is read and deleted first, so a build that
   dies half way leaves no cache at all; the site and sources are moved into the work folder and
   every file is checked against its hash (a truncated or hand-edited cache is refused, never
   trusted);
2. renders the Markdown of the items that changed, or of every page when more changed
   (:func:`generator.publish.source_plan.source_plan`), and compares hashes (:func:`plan`): a
   portal whose ``mkdocs.yml``,
   Material overrides or set of source files changed (a title, an added or deleted item, a
   setting, a template override) is built whole; otherwise only the pages whose Markdown changed
   are rendered again (:func:`run_dirty_mkdocs`), the other pages' HTML is kept;
3. stores the new site and manifest (:func:`store`) once the portal is complete: the site as
   hard links to the files that are then swapped into the output folder. No step writes into an
   existing file of a restored site (MkDocs' outputs are removed before it writes them, the
   search index is a new folder), so the published site is never changed by the next build; a
   published file changed by hand is a cached file changed, which the hashes catch.

Anything unexpected when restoring gives a reason ("cache ignored: …") and a whole build.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import sys
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from generator.publish.search_text import PageText

CACHE_FOLDER = Path(".aftersales") / "build"
FORMAT = 2
MANIFEST = "manifest.json"
THEME_TEMPLATES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
"""Written by every MkDocs build, dirty or not (``theme.static_templates``)."""

DIRTY_NOTICE = "A 'dirty' build is being performed"

_KEY: str | None = None


def tool_key() -> str:
    """Who built the cache: a different version of any piece that shapes the HTML starts cold."""
    global _KEY
    if _KEY is None:
        import generator
        from generator.i18n.catalogs import SHIPPED
        from generator.render.templates import PACKAGE_TEMPLATES

        digest = hashlib.blake2b(digest_size=16)
        package = Path(generator.__file__).parent
        # The code, and what it reads: the shipped templates (outside the package in a checkout) and catalogs.
        # Named relative to their folder: the same tool installed elsewhere keeps its cache.
        for tag, folder, pattern in (("code", package, "*.py"), ("templates", PACKAGE_TEMPLATES, "*"),
                                     ("catalogs", SHIPPED, "*.po")):
            for path in sorted(path for path in folder.rglob(pattern) if path.is_file()):
                name = f"{tag}/{path.relative_to(folder).as_posix()}"
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        versions = [f"aftersales {generator.__version__}", f"python {sys.version.split()[0]}"]
        for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "pygments"):
            try:
                versions.append(f"{name} {metadata.version(name)}")
            except metadata.PackageNotFoundError:
                versions.append(f"{name} -")
        _KEY = "; ".join(versions) + f"; code {digest.hexdigest()}"
    return _KEY


def file_hash(path: Path | str) -> str:
    with open(path, "rb") as handle:
        return hashlib.blake2b(handle.read(), digest_size=16).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


Stats = dict[str, list[int]]
"""File name → [size, mtime in ns], as last hashed: a file whose stat is the same is not read again."""


def tree_hashes(root: Path, skip: Path | None = None, known: dict[str, str] | None = None,
                stats: Stats | None = None, prefix: str = "") -> dict[str, str]:
    """Every file under ``root`` (``prefix`` + relative POSIX path → hash), but those under
    ``skip``; empty when there is no ``root``. A file listed in ``known`` whose size and
    modification time are those in ``stats`` keeps its known hash (rsync's quick check: a file
    written since, truncated or edited by hand has another size or time); ``stats`` receives every
    file's, and forgets the files under ``prefix`` that are gone (not those under ``skip``: one
    ``stats`` serves a site hashed in two parts)."""
    found: dict[str, str] = {}
    known = known or {}
    skipped = os.fspath(skip) if skip is not None else None
    pending = [(os.fspath(root), prefix)]
    while pending:  # os.scandir and plain strings: a portal has thousands of files
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir():
                if entry.path != skipped and not entry.is_symlink():  # as os.walk: a linked folder is not entered
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                continue
            relative = prefix + entry.name
            if stats is None:
                found[relative] = file_hash(entry.path)
                continue
            info = entry.stat()
            stat = [info.st_size, info.st_mtime_ns]
            found[relative] = (known[relative] if relative in known and stats.get(relative) == stat
                               else file_hash(entry.path))
            stats[relative] = stat
    if stats is not None:
        kept = f"{prefix}{Path(skip).relative_to(root).as_posix()}/" if skip is not None else None
        for gone in [name for name in stats if name.startswith(prefix) and name not in found
                     and not (kept and name.startswith(kept))]:
            del stats[gone]
    return found


@dataclass
class Cached:
    """A restored portal: its previous site is in the work folder, the rest is from the manifest."""

    sources: dict[str, str]
    site: dict[str, str]
    pages: dict[str, dict]
    texts: dict[str, list]
    inputs: dict
    """What the pages were made of (:func:`generator.publish.source_plan.portal_inputs`)."""
    stats: dict[str, Stats]
    """``site`` and ``docs``: the files' sizes and times when they were hashed."""

    @property
    def docs(self) -> dict[str, str]:
        """The Markdown sources' hashes, named as in ``docs/``."""
        return {name.removeprefix("docs/"): digest for name, digest in self.sources.items()
                if name.startswith("docs/")}


@dataclass
class Plan:
    """What the MkDocs step of one portal does."""

    full: bool
    reason: str = ""
    changed: set[str] = field(default_factory=set)
    """Sources (relative to ``docs/``) whose text changed: rendered again in a dirty build."""


class CacheProblem(Exception):
    """The cache cannot be trusted; the message says why, for 'cache ignored: …'."""


def portal_cache(root: Path, audience: str, lang: str) -> Path:
    return root / CACHE_FOLDER / audience / lang


def restore(cache: Path, site_dir: Path, docs_dir: Path) -> Cached | None:
    """Move the cached site into ``site_dir`` and its Markdown sources into ``docs_dir``, and return
    the manifest, or None when there is no cache (a first build). Raises :class:`CacheProblem` for
    a cache that cannot be trusted; the cache is gone afterwards either way (it is written again
    once the portal is built)."""
    manifest_file = cache / MANIFEST
    if not manifest_file.exists():
        discard(cache)
        return None
    try:
        try:
            manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CacheProblem(f"{manifest_file} cannot be read ({type(exc).__name__})") from None
        manifest_file.unlink()
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise CacheProblem(f"{manifest_file} is not a build cache this version writes")
        if manifest.get("tool") != tool_key():
            raise CacheProblem("built by another version of aftersales or of MkDocs")
        try:
            cached = Cached(_strings(manifest["sources"]), _strings(manifest["site"]), dict(manifest["pages"]),
                            dict(manifest["texts"]), dict(manifest["inputs"]),
                            {kept: dict(manifest["stats"][kept]) for kept in ("site", "docs")})
        except (KeyError, TypeError, ValueError):
            raise CacheProblem(f"{manifest_file} is incomplete") from None
        for kept, target, expected in (("site", site_dir, cached.site), ("docs", docs_dir, cached.docs)):
            _move(cache / kept, target)
            found = tree_hashes(target, known=expected, stats=cached.stats[kept])  # now the files' stats
            if found != expected:
                odd = sorted(set(found) ^ set(expected)) or sorted(
                    name for name in found if found[name] != expected[name])
                raise CacheProblem(f"the cached {kept} was changed after it was built ({odd[0]})")
        return cached
    except CacheProblem:
        _forget(cache, site_dir, docs_dir)
        raise
    except OSError as exc:
        _forget(cache, site_dir, docs_dir)
        raise CacheProblem(f"{cache} cannot be read ({exc.strerror or type(exc).__name__})") from None


def _move(kept: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(kept, target)
    except OSError:  # another filesystem: copy
        if not kept.is_dir():
            raise CacheProblem(f"{kept} is missing") from None
        shutil.copytree(kept, target, symlinks=True)


def _forget(cache: Path, *restored: Path) -> None:
    for folder in restored:
        shutil.rmtree(folder, ignore_errors=True)
    discard(cache)


def _strings(mapping) -> dict[str, str]:
    if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
        raise ValueError("not a mapping of strings")
    return dict(mapping)


@contextlib.contextmanager
def held(cache: Path):
    """True while this process alone uses ``cache``; False when another build holds it (that
    build then builds whole, without the cache)."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.parent / f".{cache.name}.lock", "a", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def discard(cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)


def plan(cached: Cached | None, sources: dict[str, str]) -> Plan:
    """Compare the sources just written (``src/`` relative path → hash) with the cached ones."""
    if cached is None:
        return Plan(True, "no cache")
    if set(sources) != set(cached.sources):
        return Plan(True, "pages added or removed")
    changed = {name for name, digest in sources.items() if cached.sources[name] != digest}
    if "mkdocs.yml" in changed:
        return Plan(True, "navigation or settings changed")
    if any(name.startswith("overrides/") for name in changed):
        return Plan(True, "theme overrides changed")
    pages = {name.removeprefix("docs/") for name in sources if name.startswith("docs/") and name.endswith(".md")}
    if not pages <= set(cached.pages):
        return Plan(True, "pages missing from the cache")
    return Plan(False, changed={name.removeprefix("docs/") for name in changed if name.startswith("docs/")})


def store(cache: Path, site_dir: Path, docs_dir: Path, sources: dict[str, str], site: dict[str, str],
          pages: dict[str, dict], texts: dict[str, list], inputs: dict, stats: dict[str, Stats]) -> None:
    """Keep a copy of the built portal, its sources and its manifest (written last: no manifest, no cache)."""
    discard(cache)
    try:
        cache.mkdir(parents=True)
        for folder, kept in ((site_dir, "site"), (docs_dir, "docs")):
            try:  # hard links: nothing is copied, and no build writes into a file in place
                shutil.copytree(folder, cache / kept, symlinks=True, copy_function=os.link)
            except (OSError, shutil.Error):  # another filesystem
                shutil.rmtree(cache / kept, ignore_errors=True)
                shutil.copytree(folder, cache / kept, symlinks=True)
    except (OSError, shutil.Error):  # a full disk: no cache, the next build is whole
        discard(cache)
        return
    manifest = {"format": FORMAT, "tool": tool_key(), "sources": sources, "site": site, "pages": pages,
                "texts": texts, "inputs": inputs, "stats": stats}
    staged = cache / f"{MANIFEST}.tmp"
    try:
        staged.write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(staged, cache / MANIFEST)
    except OSError:
        discard(cache)


def page_texts(cached: Cached | None, site: dict[str, str], site_dir: Path, read) -> tuple[list, dict[str, list]]:
    """The search index's view of every page, read again only where the HTML changed.

    ``read(path) → PageText | None``. Returns the (address, PageText) list in address order, as
    ``read_pages`` gives it, and the records to keep for the next build."""
    previous = cached.texts if cached is not None else {}
    pages, kept = [], {}
    # In read_pages' order: paths compared part by part ("a/b.html" before "a-b.html").
    for name in sorted((name for name in site if name.endswith(".html")), key=lambda name: name.split("/")):
        record = previous.get(name)
        if record is not None and record[0] == site[name]:
            found = None if record[1] is None else _page_text(record[1])
        else:
            found = read(site_dir / name)
        kept[name] = [site[name], None if found is None else asdict(found)]
        if found is not None:
            pages.append((name, found))
    return pages, kept


def _page_text(record: dict) -> PageText:
    return PageText(record["title"], record["text"], list(record["headings"]), record["lead"],
                    [tuple(anchor) for anchor in record["anchors"]])


@contextlib.contextmanager
def dirty_mkdocs(site_dir: Path, changed: set[str], previous: dict[str, dict], seen: dict[str, dict]):
    """MkDocs' ``dirty`` build, made exact: a file counts as modified when its source changed (not
    by mtime), and a page that is not read again gets the title, front matter and anchors it had,
    so the navigation, footer links and anchor checks of the pages that are rendered see what a
    whole build sees. ``seen`` receives those of every page for the next build."""
    from mkdocs.commands import build as build_module
    from mkdocs.structure.files import File

    original_modified = File.is_modified
    original_populate = build_module._populate_page

    def is_modified(self) -> bool:
        if self._content is not None or self.src_uri in changed or not os.path.isfile(self.abs_dest_path):
            # About to be written: a new file, never the one the cache and the published site share.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.abs_dest_path)
            return True
        return False

    def populate(page, config, files, dirty=False):
        original_populate(page, config, files, dirty)
        uri = page.file.src_uri
        if page.markdown is None:
            record = previous.get(uri)
            if record is None:
                raise CacheProblem(f"no record of {uri}")
            page.title = record["title"]
            page.meta = record["meta"]
            page.present_anchor_ids = set(record["anchors"])
        seen[uri] = page_record(page)

    def quiet(record: logging.LogRecord) -> bool:  # its warning about inexact dirty builds: not ours
        return not record.getMessage().startswith(DIRTY_NOTICE)

    for name in THEME_TEMPLATES:  # written by every build, in place
        with contextlib.suppress(FileNotFoundError):
            (site_dir / name).unlink()
    File.is_modified = is_modified
    build_module._populate_page = populate
    build_module.log.addFilter(quiet)
    try:
        yield
    finally:
        File.is_modified = original_modified
        build_module._populate_page = original_populate
        build_module.log.removeFilter(quiet)


@contextlib.contextmanager
def recording(seen: dict[str, dict]):
    """A whole MkDocs build that notes each page's title, front matter and anchors."""
    from mkdocs.commands import build as build_module

    original_populate = build_module._populate_page

    def populate(page, config, files, dirty=False):
        original_populate(page, config, files, dirty)
        seen[page.file.src_uri] = page_record(page)

    build_module._populate_page = populate
    try:
        yield
    finally:
        build_module._populate_page = original_populate


def page_record(page) -> dict:
    return {"title": page.title, "meta": page.meta, "anchors": sorted(page.present_anchor_ids or ())}


def json_safe(records: dict[str, dict]) -> bool:
    """Front matter that JSON gives back unchanged (a date would not): else the next build is whole."""
    try:
        return json.loads(json.dumps(records, ensure_ascii=False)) == records
    except (TypeError, ValueError):
        return False
