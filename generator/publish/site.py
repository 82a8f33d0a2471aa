"""The build stage: render every portal's Markdown, run the real MkDocs build, swap into place.

All portals are built in a temporary folder beside the output; only when every one has built
are they moved into ``OUT/<audience>/<lang>/``. A failed or interrupted build leaves the previous
site untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import html
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import yaml

from generator.analyse import analyse
from generator.i18n.labels import language_name
from generator.load.assets import ASSETS_FOLDER, asset_problem
from generator.load.project import stylesheet_problem
from generator.model.fields import AUDIENCES
from generator.publish import build_cache
from generator.publish.mkdocs_config import (
    BRAND_STYLESHEET,
    brand_stylesheet,
    mkdocs_config,
)
from generator.publish.mkdocs_run import (
    COMPILED_TEMPLATES,
    YAML_LOADER,
    BuildError,
    run_mkdocs,
)
from generator.publish.pdf import CACHE_FOLDER as PDF_CACHE_FOLDER
from generator.publish.pdf import PdfJob, PdfStats, render_pdfs
from generator.publish.privacy import external_loads, neutralise_remote_loaders
from generator.publish.search_index import (
    SEARCH_FOLDER,
    SEARCH_SCRIPT,
    SearchIndexError,
    index_portal,
)
from generator.publish.search_language import stemmer_scripts
from generator.publish.search_text import page_text
from generator.publish.source_plan import portal_inputs, shared_inputs, source_plan
from generator.publish.theme_language import fallback_partial, theme_knows
from generator.render.page_list import (
    navigation,
    portal_pages,
    render_pages,
    scripts,
    wanted,
)
from generator.render.page_spec import spec_printables
from generator.render.portal import Page, Portal
from generator.render.templates import (
    PACKAGE_TEMPLATES,
    PROJECT_TEMPLATES,
    TemplateProblem,
    asset_files,
    override_files,
)

if TYPE_CHECKING:
    from generator.analyse import Analysis
    from generator.load.knowledge_base import KnowledgeBase
    from generator.render.page_spec import PageSpec

def portal_site_dir(work: Path, audience: str, lang: str) -> Path:
    """Where MkDocs writes a portal in the build's work folder: inside the folder of its
    ``mkdocs.yml`` (``src/<audience>/<lang>/site``), as Zensical requires; the build then swaps
    it into place."""
    return work / "src" / audience / lang / "site"


def portal_name(audience: str, lang: str) -> str:
    """'staff/ca': how progress lines, errors and the output folders name a portal."""
    return f"{audience}/{lang}"


@dataclass(frozen=True)
class PortalResult:
    audience: str
    lang: str
    path: Path
    pages: int
    seconds: float

    @property
    def name(self) -> str:
        return portal_name(self.audience, self.lang)


def write_sources(
    kb: KnowledgeBase, audience: str, lang: str, src: Path, site_dir: Path, with_pdf: bool = True,
    only: set[str] | None = None, listings: bool = True, analysis: Analysis | None = None,
    portal: Portal | None = None, specs: list[PageSpec] | None = None,
) -> tuple[Path, list[Page], list[PdfJob]]:
    """Write the Markdown pages, print views, downloads, assets and ``mkdocs.yml`` of one portal into ``src``.

    Everything comes from the portal's page list (:func:`portal_pages`). Returns the PDFs still
    to render (beside their print views) when ``with_pdf``. With ``only`` (``serve`` after an
    edit), item pages and print views are rendered just for those ids, and without ``listings``
    the pages that show many items (home, indexes, summaries, the charter) are left as they are.
    ``portal`` and its ``specs``: when the caller has them already.
    """
    portal = portal or Portal.open(kb, audience, lang, analysis, with_pdf=with_pdf)
    specs = specs if specs is not None else portal_pages(portal)
    pages = render_pages(portal, only, listings, specs)
    docs = src / "docs"
    for page in pages:
        write_if_changed(docs / page.path, page.markdown)
    pdf_jobs = []
    for spec in specs:
        if not wanted(spec, only, listings):
            continue
        for download in spec.downloads:
            write_if_changed(docs / download.path, download.produce(portal), newline=download.newline)
        for produce in spec_printables(spec):
            printable = produce(portal)
            write_if_changed(docs / printable.path, printable.html)
            if with_pdf and printable.pdf:
                pdf_jobs.append(PdfJob(printable.html, docs / printable.pdf_path))
    portal_scripts = [SEARCH_SCRIPT, *scripts(specs)]
    # The search's stemmer is fetched by search.js with the index, never loaded by the pages.
    copied = {*portal_scripts, *stemmer_scripts(portal.lang)}
    for asset in asset_files(kb.root):
        # Styles always; a script only where a page of this portal uses it (the calculator is staff-only).
        if asset.suffix == ".css" or f"assets/{asset.name}" in copied:
            write_if_changed(docs / "assets" / asset.name, asset.read_text(encoding="utf-8"))
    # Only the images this portal's pages show: a staff-only picture never reaches the public site.
    for name in [*portal.used_assets(), *brand_files(kb)]:
        source = kb.root / ASSETS_FOLDER / name
        target = docs / ASSETS_FOLDER / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if kb.config.brand is not None:
        write_if_changed(docs / BRAND_STYLESHEET, brand_stylesheet(kb.config.brand))
    overrides = src / "overrides"
    for name, template in override_files(kb.root):
        write_if_changed(overrides / name, template.read_text(encoding="utf-8"))
    if not theme_knows(lang):  # the theme's own words in English, the page still in its language
        write_if_changed(overrides / "partials" / "languages" / f"{lang}.html", fallback_partial(lang))
    title = portal.text(kb.config.title)
    feeds = [(download.path, download.feed_title) for spec in specs for download in spec.downloads if download.feed_title]
    config = mkdocs_config(kb, audience, lang, navigation(specs), docs, site_dir, title, overrides, portal_scripts,
                           feeds, config_dir=src)
    config_file = src / "mkdocs.yml"
    write_if_changed(config_file, _dump_config(config_file, config))
    return config_file, pages, pdf_jobs


def brand_files(kb: KnowledgeBase) -> list[str]:
    """The logo, favicon and stylesheet of the brand (paths inside assets/), checked again as pictures are."""
    config = kb.config
    pictures = [name for name in (config.logo_file, config.favicon_file) if name]
    own = [config.brand.stylesheet] if config.brand is not None and config.brand.stylesheet else []
    return sorted({*(name for name in pictures if asset_problem(kb.root, name) is None),
                   *(name for name in own if stylesheet_problem(kb.root, name) is None)})


_LAST_CONFIG: dict[Path, tuple[dict, str]] = {}


def _dump_config(config_file: Path, config: dict) -> str:
    """``mkdocs.yml`` as text; ``serve`` refreshes often and the navigation rarely changes."""
    last = _LAST_CONFIG.get(config_file)
    if last is not None and last[0] == config:
        return last[1]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False)
    _LAST_CONFIG.clear()  # one portal at a time: never grows
    _LAST_CONFIG[config_file] = (config, text)
    return text


def write_if_changed(path: Path, text: str, newline: str | None = None) -> bool:
    """Write only when the content differs, so unchanged pages keep their mtime (dirty reloads).

    ``newline=""`` writes line ends as they are in ``text`` (the CSV's CRLF)."""
    try:
        with open(path, encoding="utf-8", newline=newline) as existing:
            if existing.read() == text:
                return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline=newline)
    return True


def finish_portal(config_file: Path, portal: str, compiled: Path | None = None) -> None:
    """The MkDocs build of written sources, then the search index and the privacy guard
    (``compiled``: where the theme's compiled templates are kept, see :func:`run_mkdocs`)."""
    run_mkdocs(config_file, portal, compiled=compiled)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    site_dir = config_file.parent / config["site_dir"]  # relative to mkdocs.yml's folder
    _index(config, site_dir, portal)
    neutralise_remote_loaders(site_dir)
    _guard(site_dir, portal)


def _index(config: dict, site_dir: Path, portal: str, pages: list | None = None) -> None:
    search = config.get("extra", {}).get("aftersales_search", {})
    try:
        index_portal(site_dir, search.get("language", ""), search.get("synonyms", []), pages, search.get("products", []))
    except (OSError, SearchIndexError) as exc:
        raise BuildError(portal, [f"search index: {exc}"]) from None


def _guard(site_dir: Path, portal: str, only: set[str] | None = None) -> None:
    remote = external_loads(site_dir, only)
    if remote:
        raise BuildError(portal, [f"{file} loads {what} from another host" for file, what in remote])


def finish_cached_portal(src: Path, site_dir: Path, cache: Path, portal: str, cached: build_cache.Cached | None,
                         inputs: dict, compiled: Path | None = None) -> str:
    """:func:`finish_portal` starting from the restored build cache (``cached``): render only the
    pages whose Markdown changed (or all of them when the navigation, settings, overrides or set of
    pages changed; none when no source changed on the day of the cached build), index and guard
    only what changed, keep the result for the next build with ``inputs`` (what the sources were
    made of). Returns what MkDocs built ("whole: <why>", "<n> pages rendered again")."""
    docs_stats: build_cache.Stats = cached.stats["docs"] if cached is not None else {}
    docs = build_cache.tree_hashes(src / "docs", known=cached.docs if cached is not None else None, stats=docs_stats)
    sources = {f"docs/{name}": digest for name, digest in docs.items()}
    sources.update({f"overrides/{name}": digest for name, digest in build_cache.tree_hashes(src / "overrides").items()})
    # mkdocs.yml names the work folder, new for every build: compared without it.
    config_text = (src / "mkdocs.yml").read_text(encoding="utf-8")
    sources["mkdocs.yml"] = build_cache.text_hash(config_text.replace(str(site_dir), "<site>").replace(str(src), "<src>"))
    plan = build_cache.plan(cached, sources)
    if not plan.full and not plan.changed and cached.inputs.get("shared") == inputs["shared"]:
        # Nothing to render, on the day of the cached build (the sitemap's date): the site is the cached one.
        build_cache.store(cache, site_dir, src / "docs", sources, cached.site, cached.pages, cached.texts, inputs,
                          {"site": cached.stats["site"], "docs": docs_stats})
        return "no page rendered again"
    if plan.full:
        shutil.rmtree(site_dir, ignore_errors=True)
    config_file = src / "mkdocs.yml"
    seen: dict[str, dict] = {}
    if plan.full:
        with build_cache.recording(seen):
            run_mkdocs(config_file, portal, compiled=compiled)
    else:
        with build_cache.dirty_mkdocs(site_dir, plan.changed, cached.pages, seen):
            run_mkdocs(config_file, portal, dirty=True, compiled=compiled)
    config = yaml.load(config_text, Loader=YAML_LOADER)
    neutralise_remote_loaders(site_dir)
    previous = cached.site if cached is not None else {}
    site_stats: build_cache.Stats = dict(cached.stats["site"]) if cached is not None else {}
    site = build_cache.tree_hashes(site_dir, skip=site_dir / SEARCH_FOLDER, known=previous, stats=site_stats)
    pages, texts = build_cache.page_texts(cached, site, site_dir, _read_page)
    html = {name: digest for name, digest in site.items() if name.endswith(".html")}
    if plan.full or html != {name: digest for name, digest in previous.items() if name.endswith(".html")}:
        _index(config, site_dir, portal, pages)
    # else every page reads as before: the restored index (checked against its hashes) is the same
    site.update(build_cache.tree_hashes(site_dir / SEARCH_FOLDER, known=previous, stats=site_stats,
                                        prefix=f"{SEARCH_FOLDER}/"))
    _guard(site_dir, portal, {name for name, digest in site.items() if previous.get(name) != digest})
    if build_cache.json_safe(seen):
        build_cache.store(cache, site_dir, src / "docs", sources, site, seen, texts, inputs,
                          {"site": site_stats, "docs": docs_stats})
    return f"whole: {plan.reason}" if plan.full else f"{sum(name.endswith('.md') for name in plan.changed)} pages rendered again"


def _read_page(path: Path):
    return page_text(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PortalJob:
    """One portal to build in the work folder, as a worker process receives it."""

    audience: str
    lang: str
    work: Path
    with_pdf: bool
    pdf_workers: int
    cache: bool = False
    """Start from the build cache in ``.aftersales/build/`` and leave it there for the next build."""
    shared: str = ""
    """With the cache: what every page may show besides items (:func:`source_plan.shared_inputs`)."""

    @property
    def name(self) -> str:
        return portal_name(self.audience, self.lang)


@dataclass(frozen=True)
class PortalOutcome:
    pages: int
    pdfs: PdfStats
    pdf_seconds: float
    cache_ignored: str = ""
    how: str = ""
    """With the cache: "whole: <why>" or "<n> pages rendered again"."""


_WORKER_KB: tuple[KnowledgeBase, Analysis] | None = None
"""The knowledge base and its analysis in a worker process (set by ``_adopt``: inherited, not
copied, under fork)."""


def _adopt(kb: KnowledgeBase, analysis: Analysis) -> None:
    global _WORKER_KB
    _WORKER_KB = (kb, analysis)


def build_portal(job: PortalJob, kb: KnowledgeBase | None = None, analysis: Analysis | None = None) -> PortalOutcome:
    """Everything one portal needs, in one worker: Markdown sources, PDFs, MkDocs, search index.

    Each worker renders its own portal, so the sources of the next portals are written while
    the first ones build (writing all six first cost 86 s at 10,000 items, on one core)."""
    if kb is None:
        kb, analysis = _WORKER_KB
    site_dir = portal_site_dir(job.work, job.audience, job.lang)
    src = job.work / "src" / job.audience / job.lang
    portal = Portal.open(kb, job.audience, job.lang, analysis, with_pdf=job.with_pdf)
    specs = portal_pages(portal)
    compiled = kb.root / COMPILED_TEMPLATES
    if not job.cache:
        config_file, stats, seconds = _write_portal(kb, job, portal, specs, src, site_dir, None)
        finish_portal(config_file, job.name, compiled)
        return PortalOutcome(len(specs), stats, seconds)
    cache = build_cache.portal_cache(kb.root, job.audience, job.lang)
    with build_cache.held(cache) as alone:
        if not alone:  # another build of this knowledge base is using it
            config_file, stats, seconds = _write_portal(kb, job, portal, specs, src, site_dir, None)
            finish_portal(config_file, job.name, compiled)
            return PortalOutcome(len(specs), stats, seconds, "another build is using it")
        ignored = ""
        try:
            cached = build_cache.restore(cache, site_dir, src / "docs")
        except build_cache.CacheProblem as exc:
            cached, ignored = None, str(exc)
        inputs = portal_inputs(kb, job.shared, portal, specs)
        sources = source_plan(cached.inputs if cached is not None else None, inputs)
        if sources.only is None:  # every source written afresh: nothing stale stays from the cache
            shutil.rmtree(src / "docs", ignore_errors=True)
        config_file, stats, seconds = _write_portal(kb, job, portal, specs, src, site_dir, sources.only)
        how = finish_cached_portal(src, site_dir, cache, job.name, cached, inputs, compiled)
    written = f"Markdown of every page ({sources.reason})" if sources.only is None else (
        f"Markdown of {len(sources.only)} item(s)")
    return PortalOutcome(len(specs), stats, seconds, ignored, f"{written}, {how}")


def _write_portal(kb: KnowledgeBase, job: PortalJob, portal: Portal, specs: list[PageSpec], src: Path, site_dir: Path,
                  only: set[str] | None) -> tuple[Path, PdfStats, float]:
    """The portal's sources (every page, or the pages of the items ``only``) and their PDFs."""
    try:
        config_file, _, pdf_jobs = write_sources(
            kb, job.audience, job.lang, src, site_dir, job.with_pdf, only=only, listings=only is None,
            analysis=portal.analysis, portal=portal, specs=specs)
    except jinja2.TemplateNotFound as exc:  # check_templates reads what exists; a needed one may be missing
        raise TemplateProblem(exc.name, f"template not found in {kb.root / PROJECT_TEMPLATES} or in the"
                              f" templates shipped with aftersales ({PACKAGE_TEMPLATES})") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(getattr(exc, "filename", None) or "template", f"{type(exc).__name__}: {exc}") from None
    stats, seconds = PdfStats(), 0.0
    if pdf_jobs:
        start = time.perf_counter()
        stats = render_pdfs(pdf_jobs, kb.root / PDF_CACHE_FOLDER, workers=job.pdf_workers)
        seconds = time.perf_counter() - start
    return config_file, stats, seconds


def build_site(
    kb: KnowledgeBase,
    out: Path,
    audiences: Iterable[str],
    languages: Iterable[str],
    progress: Callable[[str], None] = lambda message: None,
    jobs: int | None = None,
    with_pdf: bool = True,
    analysis: Analysis | None = None,
    cache: bool = False,
) -> list[PortalResult]:
    """Build every (audience, language) portal and swap them into ``out`` together.

    Each portal is built whole (Markdown, PDFs, MkDocs, search index) by one of ``jobs`` worker
    processes (default: one per core), which inherit the loaded knowledge base and its analysis
    (worked out here once when the caller has none). With ``cache``, each portal starts from the
    build cache (``.aftersales/build/``) and renders only the pages that changed.
    """
    out = out.resolve()
    audiences, languages = list(audiences), list(languages)
    analysis = analysis or analyse(kb)
    with _work_folder(out) as work:
        return _build_in(work, kb, analysis, out, audiences, languages, progress, jobs, with_pdf, cache)


class BuildLocked(Exception):
    """Another build is writing to the same output folder."""


@contextlib.contextmanager
def _exclusive(out: Path):
    """One build per output folder at a time; leftovers of killed builds are removed."""
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            raise BuildLocked(f"another build (process {holder}) is writing to {out}; wait for it to finish"
                              " and build again") from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        # We hold the lock, so these belong to builds that were killed before cleaning up.
        for stale in out.parent.glob(f".{out.name}-building-*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            yield
        finally:
            lock.seek(0)
            lock.truncate()


@contextlib.contextmanager
def _work_folder(out: Path):
    """A temporary folder beside ``out`` (same filesystem: portals are swapped in by renaming),
    while holding ``out``'s lock; removed afterwards, whatever happened."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(out):
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _build_in(work: Path, kb, analysis, out, audiences, languages, progress, jobs, with_pdf,
              cache: bool = False) -> list[PortalResult]:
    portals = [(audience, lang) for audience in audiences for lang in languages]
    results = _run_builds(kb, analysis, portals, work, out, progress, jobs, with_pdf, cache)
    for result in results:
        _swap(portal_site_dir(work, result.audience, result.lang), result.path, work / "old")
    # Offer the languages whose portal exists now (a --lang build keeps the others).
    write_entry_pages(kb, out, audiences, work)
    return results


def _run_builds(kb, analysis, portals: list[tuple[str, str]], work: Path, out: Path, progress: Callable[[str], None],
                jobs: int | None, with_pdf: bool, cache: bool = False) -> list[PortalResult]:
    cores = max(1, jobs or os.cpu_count() or 1)
    jobs = min(cores, len(portals))
    # Biggest portals first (staff sees every item): a big one started last runs alone while the
    # other cores idle (N=10,000: staff/en alone for its last 150 s).
    order = sorted(portals, key=lambda portal: portal[0] != "staff")
    # One portal at a time: its PDFs may use every core; side by side, each worker renders its own.
    shared = shared_inputs(kb, analysis, with_pdf) if cache else ""
    tasks = [PortalJob(audience, lang, work, with_pdf, cores if jobs == 1 else 1, cache, shared)
             for audience, lang in order]
    ignored: list[str] = []
    started: dict[str, float] = {}
    results: dict[str, PortalResult] = {}
    pdfs, pdf_seconds = PdfStats(), 0.0
    begin = time.perf_counter()

    def record(task: PortalJob, outcome: PortalOutcome) -> None:
        nonlocal pdf_seconds
        seconds = time.perf_counter() - started[task.name]
        results[task.name] = PortalResult(task.audience, task.lang, out / task.audience / task.lang,
                                          outcome.pages, seconds)
        pdfs.rendered += outcome.pdfs.rendered
        pdfs.reused += outcome.pdfs.reused
        pdf_seconds += outcome.pdf_seconds
        if outcome.cache_ignored and not ignored:  # one line, however many portals found it
            ignored.append(outcome.cache_ignored)
            progress(f"cache ignored: {outcome.cache_ignored}")
        how = f", {outcome.how}" if outcome.how else ""
        progress(f"built {task.name}: {outcome.pages} pages{how} (done at {time.perf_counter() - begin:.1f} s)")

    if jobs == 1:
        for task in tasks:
            progress(f"building {task.name} …")
            started[task.name] = time.perf_counter()
            record(task, build_portal(task, kb, analysis))
    else:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_adopt, initargs=(kb, analysis)) as pool:
            futures = {}
            progress(f"building {len(tasks)} portals in {jobs} processes: " + ", ".join(task.name for task in tasks))
            for task in tasks:
                started[task.name] = time.perf_counter()
                futures[pool.submit(build_portal, task)] = task
            try:
                for future in as_completed(futures):
                    record(futures[future], future.result())  # re-raises the worker's BuildError
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    if with_pdf:
        progress(f"PDFs: {pdfs.rendered} rendered, {pdfs.reused} unchanged and reused ({pdf_seconds:.1f} s of work)")
    return [results[portal_name(audience, lang)] for audience, lang in portals]


def write_entry_pages(kb: KnowledgeBase, out: Path, audiences: Iterable[str], staging: Path) -> None:
    """The pages a reader enters by: ``OUT/<audience>/index.html`` opens the reader's language among
    the portals that exist in ``out`` now, and ``OUT/index.html`` opens the public portals (the staff
    ones when the output holds no public portal: a private host's build)."""
    for audience in audiences:
        built = [code for code in kb.config.languages if (out / audience / code / "index.html").is_file()]
        if not built:
            continue
        staged = staging / f"{audience}-index.html"
        staged.write_text(language_redirect_page(kb, built), encoding="utf-8")
        os.replace(staged, out / audience / "index.html")
    entry = next((audience for audience in AUDIENCES if (out / audience / "index.html").is_file()), None)
    if entry is not None:
        staged = staging / "root-index.html"
        staged.write_text(root_redirect_page(kb, entry), encoding="utf-8")
        os.replace(staged, out / "index.html")


def root_redirect_page(kb: KnowledgeBase, audience: str) -> str:
    """``OUT/index.html``: straight on to one audience's language page (no script needed)."""
    default = kb.config.default_language
    title = _site_title(kb, default)
    return _entry_document(default, title, f'<meta http-equiv="refresh" content="0; url={audience}/index.html">',
                           f'<p><a href="{audience}/index.html">{title}</a></p>')


def _site_title(kb: KnowledgeBase, lang: str) -> str:
    return html.escape(kb.config.title.get(lang) or next(iter(kb.config.title.values())))


def _entry_document(lang: str, title: str, head: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
</head>
<body>
{body}
</body>
</html>
"""


class MergeError(Exception):
    """Shards that cannot be merged (not a build output, or one portal in two shards)."""


def merge_shards(kb: KnowledgeBase, shards: Iterable[Path], out: Path) -> list[str]:
    """Copy the portals of separately built outputs into ``out``, then write the language redirects.

    Each shard is the ``--out`` folder of ``aftersales build --audience A --lang L``; its portals
    (``<audience>/<lang>/``) are copied whole, beside a temporary folder and swapped into place
    like a build's, so the merged site is the same files as one full build. Returns the portals."""
    out = out.resolve()
    found: dict[str, Path] = {}
    for shard in shards:
        portals = [shard / audience / lang for audience in AUDIENCES for lang in kb.config.languages
                   if (shard / audience / lang / "index.html").is_file()]
        if not portals:
            raise MergeError(f"{shard}: no portal in it (expected <audience>/<lang>/index.html, the --out of"
                             " 'aftersales build')")
        for portal in portals:
            name = portal_name(portal.parent.name, portal.name)
            if name in found:
                raise MergeError(f"{name} is in two shards: {found[name]} and {shard}")
            found[name] = shard
    with _work_folder(out) as work:
        for name, shard in found.items():  # every copy first: a shard that cannot be read changes nothing
            try:
                shutil.copytree(shard / name, work / "site" / name, symlinks=True)
            except (OSError, shutil.Error) as exc:
                raise MergeError(f"{shard / name}: cannot be copied ({exc})") from None
        for name in found:
            _swap(work / "site" / name, out / name, work / "old")
        write_entry_pages(kb, out, AUDIENCES, work)
    return sorted(found)


def language_redirect_page(kb: KnowledgeBase, languages: list[str]) -> str:
    """``site/<audience>/index.html``: opens the reader's preferred language, else the default.

    Plain JavaScript (no server, works from a file), with a meta refresh and links for readers
    without JavaScript. ``languages`` are those with a built portal, the default first.
    """
    default = languages[0]
    title = _site_title(kb, default)
    links = "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">{html.escape(language_name(code))}</a></li>'
        for code in languages
    )
    script = f"""<script>
(function () {{
  var available = {json.dumps(languages)};
  var wanted = navigator.languages || [navigator.language || ""];
  var chosen = available[0];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (available.indexOf(code) !== -1) {{ chosen = code; break; }}
  }}
  window.location.replace(chosen + "/index.html");
}})();
</script>
<noscript><meta http-equiv="refresh" content="0; url={default}/index.html"></noscript>"""
    return _entry_document(default, title, script, f"<h1>{title}</h1>\n<ul>\n{links}\n</ul>")


def _swap(new: Path, target: Path, trash: Path) -> None:
    """Replace ``target`` by ``new`` with two renames (same filesystem)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        trash.mkdir(parents=True, exist_ok=True)
        target.rename(trash / f"{target.parent.name}-{target.name}")
    new.rename(target)
