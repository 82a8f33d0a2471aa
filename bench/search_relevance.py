"""Relevance of the portal search on the shipped example: hit@1, hit@3 and MRR of a fixed query set.

    python bench/search_relevance.py [--engine aftersales|material|pagefind] [--site DIR] [--json FILE]

The query set is ``bench/relevance/queries.yml`` (issue 22, item 5): each query as a customer or a
new technician types it, in one portal (``public/es``, ``staff/ca``...), with the pages of that
portal any of which is a right answer. Every query is run in Debian's Chromium (Playwright)
through the portal's real search dialog: typed into ``.md-search__input``, the results read back
once the dialog says that query is done (our ``data-as-done``; for Material, its worker's answer to
that query rendered), as the addresses of the ``.md-search-result__item`` links, in order.

A query's rank is the position of the first acceptable page among the results shown (the first
ten; none: no rank). Reported per portal and overall: hit@1 (share ranked first), hit@3 (share
ranked in the first three), MRR (mean of 1/rank, 0 without a rank), and every miss (not in the
first three) with the first three results. Targets of the issue: hit@3 ≥ 95 %, hit@1 ≥ 80 %.

Engines, all on the same pages of the example:

- ``aftersales`` (default): the example as ``aftersales build --no-pdf`` makes it (built into a
  temporary folder, or ``--site DIR``: reused when DIR already holds a build, else built there).
- ``material``: Material's built-in lunr search, each portal's ``mkdocs.yml`` rebuilt with
  ``plugins: [search]`` and without our search partials (``bench/search_browser.py``'s
  ``material_config``: Catalan has no lunr language, so it gets the English tokenizer without
  stemming; Spanish and English their own).
- ``pagefind``: the portals' search until commit 4478b33: the same MkDocs output indexed by
  Pagefind, answered by the driver of those days (``bench/search_browser.py``'s ``timed_pagefind``);
  needs the ``pagefind_bin`` module (``pip install 'pagefind[bin]'``, not a dependency of aftersales).

Everything is served from 127.0.0.1. ``tests/browser/test_search_relevance.py`` runs the same
set against our search in CI, with thresholds a little under today's figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
QUERIES = HERE / "relevance" / "queries.yml"
ENGINES = ("aftersales", "material", "pagefind")
SHOWN = 10  # results read per query: the first batch the dialog shows
TARGET_HIT1, TARGET_HIT3 = 0.80, 0.95  # issue 22, item 5
QUERY_TIMEOUT_MS = 20_000


@dataclass(frozen=True)
class Query:
    portal: str  # "public/es", "staff/ca"...
    query: str
    accept: tuple[str, ...]  # page addresses inside the portal
    note: str = ""


@dataclass
class Outcome:
    portal: str
    query: str
    accept: list[str]
    results: list[str]  # page addresses, in the order shown (first SHOWN)
    rank: int | None = None  # 1-based position of the first acceptable page

    def __post_init__(self) -> None:
        self.rank = next((i for i, page in enumerate(self.results, 1) if page in self.accept), None)


@dataclass
class Figures:
    queries: int
    hit1: float
    hit3: float
    mrr: float


@dataclass
class Report:
    engine: str
    overall: Figures
    portals: dict[str, Figures] = field(default_factory=dict)
    audiences: dict[str, Figures] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank is None or o.rank > 3]


# --------------------------------------------------------------------------- the query set


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set, checked: every entry has a portal, a query and at least one page."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    queries, problems = [], []
    for number, entry in enumerate(entries, 1):
        accept = entry.get("accept") or []
        if isinstance(accept, str):
            accept = [accept]
        text = str(entry.get("query") or "").strip()
        if not text or "/" not in str(entry.get("portal", "")) or not accept:
            problems.append(f"entry {number}: needs portal (audience/lang), query and accept: {entry!r}")
            continue
        queries.append(Query(entry["portal"], text, tuple(accept), str(entry.get("note") or "")))
    seen = set()
    for q in queries:
        if (q.portal, q.query) in seen:
            problems.append(f"{q.portal}: {q.query!r} twice")
        seen.add((q.portal, q.query))
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return queries


def missing_pages(queries: list[Query], site: Path) -> list[str]:
    """Accepted pages that the built site does not have (a typo in the set, or a page renamed)."""
    return [f"{q.portal}: {q.query!r} accepts {page}, which is not in the built portal"
            for q in queries for page in q.accept if not (site / q.portal / page).is_file()]


# --------------------------------------------------------------------------- asking the browser

READ_RESULTS = """(limit) => [...document.querySelectorAll('.md-search-result__item')].slice(0, limit).map(item => {
    const link = item.querySelector('a');
    return link ? new URL(link.getAttribute('href'), document.baseURI).pathname : '';
})"""


def portal_address(path: str, portal: str) -> str:
    """``/public/es/warranty/x.html`` (a result's path, any anchor already gone) → ``warranty/x.html``."""
    prefix = f"/{portal}/"
    return (path[len(prefix):] or "index.html") if path.startswith(prefix) else path


def ask(page, engine: str, query: str) -> list[str]:
    """Type ``query`` in the portal's search dialog and return the result paths shown, in order."""
    if engine == "material":
        import search_browser

        search_browser.enter_query(page, "material", query, QUERY_TIMEOUT_MS / 1000)
    else:  # our search.js and the old Pagefind driver mark the query they have shown
        box = page.locator(".md-search__input")
        box.click()
        box.fill("")
        box.type(query, delay=5)
        page.wait_for_function(
            "q => document.querySelector('[data-as-search]').getAttribute('data-as-done') === q",
            arg=query, timeout=QUERY_TIMEOUT_MS)
    return [urlsplit(path).path for path in page.evaluate(READ_RESULTS, SHOWN)]


def run_queries(browser, base_url: str, queries: list[Query], engine: str = "aftersales",
                progress=None) -> list[Outcome]:
    """Each query in its portal (``base_url``/portal/index.html), one browser page per portal."""
    outcomes = []
    by_portal: dict[str, list[Query]] = {}
    for q in queries:
        by_portal.setdefault(q.portal, []).append(q)
    for portal, portal_queries in by_portal.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        if engine == "material":
            import search_browser

            context.add_init_script(search_browser.INSTRUMENT)
        try:
            page = context.new_page()
            page.goto(f"{base_url.rstrip('/')}/{portal}/index.html", wait_until="load")
            page.locator(".md-search__input").click()
            for q in portal_queries:
                paths = ask(page, engine, q.query)
                outcomes.append(Outcome(portal, q.query, list(q.accept), [portal_address(p, portal) for p in paths]))
        finally:
            context.close()
        if progress:
            progress(f"{engine}: {portal}: {len(portal_queries)} queries")
    return outcomes


# --------------------------------------------------------------------------- figures


def figures(outcomes: list[Outcome]) -> Figures:
    n = len(outcomes)
    if n == 0:
        return Figures(0, 0.0, 0.0, 0.0)
    return Figures(n, sum(o.rank == 1 for o in outcomes) / n,
                   sum(o.rank is not None and o.rank <= 3 for o in outcomes) / n,
                   sum(1 / o.rank for o in outcomes if o.rank) / n)


def report(engine: str, outcomes: list[Outcome]) -> Report:
    portals = sorted({o.portal for o in outcomes}, key=lambda p: (p.split("/")[0] != "public", p))
    audiences = sorted({o.portal.split("/")[0] for o in outcomes}, key=lambda a: a != "public")
    return Report(engine, figures(outcomes),
                  {p: figures([o for o in outcomes if o.portal == p]) for p in portals},
                  {a: figures([o for o in outcomes if o.portal.startswith(a + "/")]) for a in audiences},
                  outcomes)


def describe_miss(outcome: Outcome) -> str:
    shown = ", ".join(outcome.results[:3]) or "nothing"
    later = f" (accepted page at {outcome.rank})" if outcome.rank else ""
    return f"{outcome.portal}: {outcome.query!r} → {shown}{later}; wanted {' or '.join(outcome.accept)}"


def format_report(result: Report) -> list[str]:
    def row(name: str, f: Figures) -> str:
        return f"{name:<10} {f.queries:>7}  {100 * f.hit1:5.1f} %  {100 * f.hit3:5.1f} %  {f.mrr:5.3f}"

    lines = [f"engine: {result.engine}", f"{'portal':<10} {'queries':>7}  {'hit@1':>7}  {'hit@3':>7}  {'MRR':>5}",
             *(row(p, f) for p, f in result.portals.items()),
             *(row(a, f) for a, f in result.audiences.items()),
             row("overall", result.overall),
             (f"target: hit@1 ≥ {100 * TARGET_HIT1:.0f} %, hit@3 ≥ {100 * TARGET_HIT3:.0f} % "
              f"(MRR over the first {SHOWN} results)"), "",
             f"misses (no acceptable page in the first three): {len(result.misses)}",
             *(f"  {describe_miss(o)}" for o in result.misses)]
    return lines


# --------------------------------------------------------------------------- building the engines


def build_example(out: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--project", str(REPO), "--no-pdf",
                           "--out", str(out)], capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise SystemExit(f"aftersales build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def write_portal(audience: str, lang: str, src: Path, site: Path) -> str:
    """One portal's Markdown and ``mkdocs.yml`` from the example, as ``aftersales build`` writes them."""
    from generator.load.project import load_project
    from generator.publish.site import write_sources

    config_file, _, _ = write_sources(load_project(REPO).kb, audience, lang, src, site, with_pdf=False)
    return str(config_file)


def build_other(engine: str, portals: list[str], work: Path, progress) -> Path:
    """Each portal of the set built for Material's search or for Pagefind, into ``work/<engine>/<portal>``."""
    import search_browser
    import yaml

    if engine == "pagefind":
        search_browser.pagefind_executable()  # exits with the reason when the binary is missing
    root = work / engine
    for portal in portals:
        audience, lang = portal.split("/")
        if lang not in search_browser.MATERIAL_SEARCH:
            raise SystemExit(f"engine {engine}: no Material search settings for {lang!r} in bench/search_browser.py")
        folder = root / portal
        config_file = Path(search_browser.in_child(write_portal, audience, lang, work / "src" / portal,
                                                   work / "unused" / portal))
        if engine == "material":
            copy = search_browser.material_config(config_file, lang, "material", str(folder))
            search_browser.in_child(search_browser.timed_mkdocs, copy)
        else:
            config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
            config["site_dir"] = str(folder)
            copy = config_file.parent / "pagefind.yml"
            copy.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
            search_browser.in_child(search_browser.timed_mkdocs, copy)
            search_browser.timed_pagefind(folder, lang)
        progress(f"{engine}: {portal} built")
    return root


# --------------------------------------------------------------------------- main


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="aftersales", choices=ENGINES)
    parser.add_argument("--site", type=Path, metavar="DIR",
                        help="the example built by 'aftersales build --no-pdf --out DIR' (built there if missing)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help=f"query set (default {QUERIES.relative_to(REPO)})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures, misses and every ranking")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="material/pagefind: build in DIR and keep it")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO))
    import search_browser

    queries = load_queries(args.queries)
    if not Path(search_browser.CHROMIUM).exists():
        raise SystemExit(f"{search_browser.CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    temporary = Path(tempfile.mkdtemp(prefix="aftersales-relevance-"))
    try:
        site = (args.site or temporary / "site").resolve()
        if not (site / "index.html").is_file():
            progress(f"building the example into {site}")
            build_example(site)
        problems = missing_pages(queries, site)
        if problems:
            raise SystemExit("the query set names pages the example does not have:\n  " + "\n  ".join(problems))
        if args.engine == "aftersales":
            served = site
        else:
            work = args.keep.resolve() if args.keep else temporary
            work.mkdir(parents=True, exist_ok=True)
            served = build_other(args.engine, sorted({q.portal for q in queries}), work, progress)
        server = search_browser.Server(served)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=search_browser.CHROMIUM,
                                                     args=search_browser.CHROMIUM_ARGS)
                try:
                    chromium = browser.version
                    outcomes = run_queries(browser, server.url, queries, args.engine, progress)
                finally:
                    browser.close()
        finally:
            server.close()
    finally:
        shutil.rmtree(temporary, ignore_errors=True)

    result = report(args.engine, outcomes)
    shown = args.queries.relative_to(REPO) if args.queries.is_relative_to(REPO) else args.queries
    print("\n".join([f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}; Chromium {chromium}; query set {shown}",
                     *format_report(result)]))
    if args.json:
        args.json.write_text(json.dumps({
            "engine": result.engine, "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "chromium": chromium,
            "overall": asdict(result.overall), "portals": {p: asdict(f) for p, f in result.portals.items()},
            "audiences": {a: asdict(f) for a, f in result.audiences.items()},
            "targets": {"hit1": TARGET_HIT1, "hit3": TARGET_HIT3},
            "misses": [describe_miss(o) for o in result.misses],
            "outcomes": [asdict(o) for o in result.outcomes],
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
