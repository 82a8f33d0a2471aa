"""Portal search in a real browser: our own index (what ``aftersales`` builds) against Material's lunr search and Pagefind.

    python bench/search_browser.py [--pages 1000] [--engines aftersales,material] [--lang ca] [--keep DIR]

One synthetic corpus (``bench/make_corpus.py --items N``) gives one staff portal's Markdown
(``write_sources``, audience staff, ``--lang``). Each engine builds those same pages:

- ``aftersales``: the portal as ``aftersales build`` makes it: ``run_mkdocs`` (no search plugin),
  then ``index_portal`` (generator/publish/search_index.py) writes ``searchindex/``: ``index.json``,
  one ``words/<key>.json`` per three-letter word prefix (every page holding each word, with its
  score ranked at build time) and one ``pages/<n>.json`` record per page, fetched only for the
  results shown; our ``assets/search.js`` answers in Material's search dialog.
- ``pagefind``: the reference the portals used until commit 4478b33. The same MkDocs output (its
  own site folder), its ``data-search-body`` attributes renamed ``data-pagefind-body``, indexed by
  Pagefind into ``pagefind/`` (the options ``aftersales`` used) and answered by the Pagefind driver
  of those days (``bench/pagefind_search.js`` in place of ``assets/search.js``); needs
  ``pip install 'pagefind[bin]'``, no longer a dependency of ``aftersales``.
- ``material``: Material's built-in search with the best settings we had: the same ``mkdocs.yml``
  with ``plugins: [search]`` (Catalan: ``lang: [en]``, ``pipeline: []`` and a separator that also
  splits at apostrophes; Spanish: ``lang: [es]``), without ``assets/search.js`` and without our
  header, search and content partials, so Material's own dialog, worker and
  ``search/search_index.json`` are used.
- ``zensical``: the ``material`` configuration built by Zensical 0.0.73 (its own search worker
  over ``search.json``); needs a ``zensical`` command on PATH (``pip install zensical==0.0.73``
  in a venv of its own). It refuses a section of more than 128 KiB of text, so from about 1,000
  items (the standards register) its build fails.

Each build runs in a forked process, timed (MkDocs alone, then the indexing step). The site is
served from 127.0.0.1 by a thread of this process, which counts the body bytes of every response
(the server does not compress; a fresh browser context per engine, so nothing is cached). The
Pagefind and Zensical searches fetch from web workers, which a page's CDP Network domain does
not see, so the server's count is the bytes transferred.

In Debian's Chromium (Playwright, one browser per engine, viewport 1280×720) the home page is
opened; right after its load event the search input is clicked and the first query typed
(``press_sequentially``, no delay: every keystroke searches). Then each query of a fixed list
(single words, two words, accentless spellings, prefixes, a word that matches nothing; words of
the corpus vocabulary) is entered twice into the emptied input: first whole, in one input event
(``fill``: what a pasted query or a slow typist's last key costs, index parts not loaded yet),
then typed key by key without delay (every prefix searched too, the engine's backlog included;
its index parts are loaded by then). A script added before the page's own (``INSTRUMENT``)
stamps ``performance.now()`` at every ``input`` event and when the results of the query just
entered are in the page: for aftersales and Pagefind when the dialog's ``data-as-done``
attribute names it (both drivers set it); for Material and Zensical when their worker's answer
to that query has been rendered (worker messages: 0 setup, 1 ready, 2 query, 3 result).
Material loads its whole index at page load: "search ready" is its worker's ready message;
aftersales and Pagefind load lazily, so their first query includes loading.

Memory: the resident and the private memory (RSS, and USS = private clean + dirty, from /proc) of
all Chromium processes summed, on about:blank before the portal is opened, after the queries,
and the highest sums sampled every 0.2 s in between; and the JS heap of the page and of its workers after the queries
and a garbage collection (CDP ``Runtime.getHeapUsage``). The targets of issue 12 are for 10,000 pages in one portal:
first query ≤ 2 s after page load, each further query ≤ 100 ms, ≤ 300 MB of browser memory
(judged on what the portal adds to an empty browser's private sum), a small chunked index to transfer.

The same N gives the same pages and the same queries. Temporary folders are removed unless
``--keep DIR`` (everything is then written to DIR and kept).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ENGINES = ("aftersales", "pagefind", "material", "zensical")
AUDIENCE = "staff"
LOAD_TIMEOUT_S = 600  # the first query of an engine that loads its whole index (capped: reported)
QUERY_TIMEOUT_S = 120

FIRST_QUERY_S = 2.0
FURTHER_QUERY_MS = 100
MEMORY_MB = 300

QUERIES = {  # the first is typed right after page load; the others are the per-query sample
    "ca": ["garantia", "reparació", "reparacio", "instal·lació", "instalacio", "diagnòstic", "diagnostic",
           "termostat", "satisfaccio", "compressor", "bomba desguàs", "filtre aigua", "numero serie",
           "placa electronica", "pressupost", "recanv", "manten", "rentad", "aparell", "xilofon"],
    "es": ["garantia", "reparación", "reparacion", "instalación", "instalacion", "diagnóstico", "diagnostico",
           "termostato", "satisfaccion", "compresor", "bomba desagüe", "filtro agua", "numero serie",
           "placa electronica", "presupuesto", "recamb", "manten", "lavad", "aparato", "xilofono"],
}
ACCENT_PAIRS = {  # (as written, as often typed): the result counts show accent folding
    "ca": [("reparació", "reparacio"), ("instal·lació", "instalacio"), ("diagnòstic", "diagnostic")],
    "es": [("reparación", "reparacion"), ("instalación", "instalacion"), ("diagnóstico", "diagnostico")],
}
MATERIAL_SEARCH = {  # Material's search plugin at its best for each language (lunr has no Catalan)
    "ca": {"separator": "[\\s\\-'’]+", "lang": ["en"], "pipeline": []},
    "es": {"separator": "[\\s\\-'’]+", "lang": ["es"]},
    "en": {"separator": "[\\s\\-'’]+", "lang": ["en"]},  # for bench/search_relevance.py's English portals
}
OUR_SEARCH_PARTIALS = ("header.html", "search.html", "content.html")
INDEX_PATHS = {"aftersales": ("/searchindex/",), "pagefind": ("/pagefind/",), "material": ("/search/",),
               "zensical": ("/search.json",)}
PAGEFIND_DRIVER = HERE / "pagefind_search.js"  # templates/assets/search.js until commit 4478b33


# --------------------------------------------------------------------------- building


@dataclass
class Site:
    engine: str
    folder: Path
    mkdocs_s: float
    index_s: float | None  # None: the index is written by the MkDocs (or Zensical) build itself
    html_pages: int = 0
    indexed_pages: int = 0
    index_bytes: int = 0
    index_files: int = 0
    index_gzip_bytes: int | None = None


def in_child(function, *args):
    """``function(*args)`` in a forked process: each build's memory and MkDocs state end with it."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        return pool.submit(function, *args).result()


def write_portal_sources(corpus: Path, lang: str, src: Path, site: Path) -> str:
    from generator.load.project import load_project
    from generator.publish.site import write_sources

    kb = load_project(corpus).kb
    config_file, _, _ = write_sources(kb, AUDIENCE, lang, src, site, with_pdf=False)
    return str(config_file)


def timed_mkdocs(config_file: Path) -> float:
    from generator.publish.site import run_mkdocs

    start = time.perf_counter()
    run_mkdocs(config_file, f"{AUDIENCE}/{config_file.parent.name}")
    return time.perf_counter() - start


def timed_index(site: Path, lang: str = "") -> float:
    """The index as a build writes it: with the portal language's stems and stop words."""
    from generator.publish.search_index import index_portal

    start = time.perf_counter()
    index_portal(site, lang)
    return time.perf_counter() - start


def pagefind_executable() -> str:
    """The binary of the ``pagefind[bin]`` wheel (no longer a dependency of aftersales)."""
    try:
        import pagefind_bin
    except ImportError:
        executable = None
    else:
        executable = pagefind_bin.get_executable()
    if executable is None:
        raise SystemExit("engine pagefind: the Pagefind binary is missing (pip install 'pagefind[bin]')")
    return str(executable)


def timed_pagefind(site: Path, lang: str) -> float:
    """The index the portals had until commit 4478b33: Pagefind over the page text, with its driver."""
    from generator.publish.search_text import BODY_MARKER

    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if BODY_MARKER in html:
            page.write_text(html.replace(BODY_MARKER, "data-pagefind-body"), encoding="utf-8")
    driver = site / "assets" / "search.js"
    if not driver.is_file():
        raise SystemExit(f"engine pagefind: {driver} is missing: the portal no longer loads assets/search.js")
    shutil.copyfile(PAGEFIND_DRIVER, driver)
    command = [pagefind_executable(), "--site", str(site), "--output-subdir", "pagefind",
               "--exclude-selectors", ".headerlink", "--force-language", lang, "--keep-index-url", "--silent"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pagefind failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def material_config(config_file: Path, lang: str, name: str, site_dir: str) -> Path:
    """A copy of the portal's ``mkdocs.yml`` (beside it) that uses Material's own search."""
    import yaml

    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    overrides = config_file.parent / f"overrides-{name}"
    shutil.rmtree(overrides, ignore_errors=True)
    # The generated mkdocs.yml names its folders relative to itself (absolute ones also work).
    shutil.copytree(config_file.parent / config["theme"]["custom_dir"], overrides,
                    ignore=lambda folder, names: [n for n in names if n in OUR_SEARCH_PARTIALS])
    # Relative to the copy, as Zensical needs (it panics on absolute paths); MkDocs reads both.
    config["theme"]["custom_dir"] = overrides.name
    config["docs_dir"] = os.path.relpath(config_file.parent / config["docs_dir"], config_file.parent)
    config["plugins"] = [{"search": MATERIAL_SEARCH[lang]}]
    config["extra_javascript"] = [s for s in config.get("extra_javascript", []) if s != "assets/search.js"]
    config["site_dir"] = site_dir
    copy = config_file.parent / f"{name}.yml"
    copy.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def build_aftersales(config_file: Path) -> Site:
    import yaml

    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    folder = config_file.parent / config["site_dir"]
    mkdocs_s = in_child(timed_mkdocs, config_file)
    return Site("aftersales", folder, mkdocs_s, in_child(timed_index, folder, config["theme"]["language"]))


def build_pagefind(config_file: Path, lang: str, work: Path) -> Site:
    """The portal's own ``mkdocs.yml`` with another site folder (a copy beside it), then Pagefind."""
    import yaml

    folder = work / "site-pagefind"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["site_dir"] = str(folder)
    copy = config_file.parent / "pagefind.yml"
    copy.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mkdocs_s = in_child(timed_mkdocs, copy)
    return Site("pagefind", folder, mkdocs_s, timed_pagefind(folder, lang))


def build_material(config_file: Path, lang: str, work: Path) -> Site:
    folder = work / "site-material"
    copy = material_config(config_file, lang, "material", str(folder))
    return Site("material", folder, in_child(timed_mkdocs, copy), None)


def build_zensical(config_file: Path, lang: str) -> Site:
    """Zensical wants docs_dir and site_dir inside the folder of its configuration file."""
    command = shutil.which("zensical")
    if command is None:
        raise SystemExit("engine zensical: no 'zensical' command on PATH (pip install zensical==0.0.73)")
    copy = material_config(config_file, lang, "zensical", "site-zensical")
    start = time.perf_counter()
    done = subprocess.run([command, "build", "-f", copy.name], cwd=copy.parent, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"zensical build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return Site("zensical", copy.parent / "site-zensical", time.perf_counter() - start, None)


def describe_index(site: Site) -> None:
    """Pages built and indexed, and the index's size on disk (gzip too for JSON, file by file)."""
    site.html_pages = sum(1 for _ in site.folder.rglob("*.html"))
    if site.engine == "aftersales":
        files = [p for p in (site.folder / "searchindex").rglob("*") if p.is_file()]
        site.indexed_pages = sum(1 for p in (site.folder / "searchindex" / "pages").iterdir() if p.is_file())
        site.index_gzip_bytes = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    elif site.engine == "pagefind":
        files = [p for p in (site.folder / "pagefind").rglob("*") if p.is_file()]
        site.indexed_pages = len(list((site.folder / "pagefind" / "fragment").glob("*.pf_fragment")))
    else:
        index = site.folder / ("search/search_index.json" if site.engine == "material" else "search.json")
        files = [index]
        data = index.read_bytes()
        site.index_gzip_bytes = len(gzip.compress(data, 6))
        docs = json.loads(data)
        site.indexed_pages = sum(1 for doc in docs.get("docs", docs.get("items", [])) if "#" not in doc["location"])
    site.index_files = len(files)
    site.index_bytes = sum(p.stat().st_size for p in files)


# --------------------------------------------------------------------------- serving


class Server:
    """A folder on 127.0.0.1 (a free port), served by a thread; logs (path, body bytes) per response."""

    def __init__(self, folder: Path) -> None:
        log = self.log = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, directory=str(folder), **kwargs)

            def log_message(self, *args) -> None:
                pass

            def copyfile(self, source, outputfile) -> None:
                super().copyfile(source, outputfile)
                log.append((urllib.parse.unquote(urllib.parse.urlsplit(self.path).path), source.tell()))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------- memory


def chromium_pids() -> list[int]:
    """The Chromium processes started (through Playwright's driver) by this process."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [os.getpid()]
    while stack:
        for child in children.get(stack.pop(), []):
            stack.append(child)
            try:
                if Path(f"/proc/{child}/comm").read_text().startswith("chromium"):
                    found.append(child)
            except OSError:
                pass
    return found


def _kib(path: str, *keys: str) -> int:
    """The sum of the ``keys`` fields (in kB) of a /proc file such as ``status``; 0 when it is gone."""
    try:
        return sum(int(line.split()[1]) for line in Path(path).read_text().splitlines() if line.startswith(keys))
    except OSError:
        return 0


def chromium_memory_mb() -> tuple[float, float]:
    """(RSS, private) summed over the Chromium processes, in MB. Private memory (USS: pages no
    other process maps) does not depend on what else runs; PSS would, through shared libraries."""
    pids = chromium_pids()
    rss = sum(_kib(f"/proc/{pid}/status", "VmRSS:") for pid in pids)
    private = sum(_kib(f"/proc/{pid}/smaps_rollup", "Private_Clean:", "Private_Dirty:") for pid in pids)
    return rss / 1024, private / 1024


class PeakSampler:
    """Samples the Chromium (RSS, private) sums every 0.2 s in a thread; ``peak`` holds the highest seen."""

    def __init__(self) -> None:
        self.peak = (0.0, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            rss, private = chromium_memory_mb()
            self.peak = (max(self.peak[0], rss), max(self.peak[1], private))

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return self.peak


def js_heap_mb(context, page) -> tuple[float, float]:
    """(page, workers) JS heap in use after a garbage collection, in MB, through CDP: the page's
    session, and each worker's target attached (not flattened) to it."""
    cdp = context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    page_heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    sessions: list[str] = []
    answers: dict[int, dict] = {}

    def attached(event: dict) -> None:
        if event["targetInfo"]["type"] == "worker":
            sessions.append(event["sessionId"])

    def received(event: dict) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            answers[message["id"]] = message.get("result", {})

    cdp.on("Target.attachedToTarget", attached)
    cdp.on("Target.receivedMessageFromTarget", received)
    cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})
    for number, session in enumerate(sessions, 1):
        for method, message_id in (("HeapProfiler.collectGarbage", -number), ("Runtime.getHeapUsage", number)):
            cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(
                {"id": message_id, "method": method})})
    deadline = time.monotonic() + 5
    while len(answers) < 2 * len(sessions) and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    cdp.detach()
    workers = sum(answer.get("usedSize", 0) for message_id, answer in answers.items() if message_id > 0)
    return page_heap / 1e6, workers / 1e6


# --------------------------------------------------------------------------- the browser

INSTRUMENT = r"""
(() => {
  const bench = window.__bench = {firstInput: null, lastInput: null, ready: null,
                                  expected: null, done: null, count: null, sent: [], answered: 0};
  document.addEventListener("input", () => {
    const now = performance.now();
    if (bench.firstInput === null) bench.firstInput = now;
    bench.lastInput = now;
  }, true);
  const finish = (count) => {
    if (bench.done === null) { bench.done = performance.now(); bench.count = count; }
  };
  // Material's and Zensical's search workers: 0 setup, 1 ready, 2 query, 3 result. Our listener
  // runs before theirs, so the result is stamped after their own handler has rendered it.
  const queryText = (data) => typeof data === "string" ? data : (data && data.input) || "";
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!/workers\/search/.test(String(url))) return;
      this.addEventListener("message", ({data}) => {
        if (!data) return;
        if (data.type === 1 && bench.ready === null) bench.ready = performance.now();
        if (data.type === 3) {
          const query = bench.sent[bench.answered++];
          // Material: items are pages; Zensical: a page of 10 hits (sections), and the total.
          const total = data.data.pagination ? data.data.pagination.total : data.data.items.length;
          if (query === bench.expected) setTimeout(() => finish(total));
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) bench.sent.push(queryText(message.data));
      return super.postMessage(message, ...rest);
    }
  };
  // aftersales and Pagefind (templates/assets/search.js, bench/pagefind_search.js): the dialog's
  // data-as-done names the query shown.
  bench.expect = (query) => {
    Object.assign(bench, {expected: query, done: null, count: null, firstInput: null, lastInput: null});
    const dialog = document.querySelector("[data-as-search]");
    if (!dialog) return;
    dialog.removeAttribute("data-as-done");
    if (!bench.observer) {
      bench.observer = new MutationObserver(() => {
        if (dialog.getAttribute("data-as-done") === bench.expected) {
          const meta = dialog.querySelector(".md-search-result__meta").textContent;
          const digits = meta.match(/\d+/);
          finish(digits ? Number(digits[0]) : 0);
        }
      });
      bench.observer.observe(dialog, {attributes: true, attributeFilter: ["data-as-done"]});
    }
  };
})();
"""


@dataclass
class Query:
    text: str
    event_ms: float  # the whole query in one input event (pasted, or a slow typist's last key) → results shown
    typed_ms: float  # typed key by key without delay, from the last keystroke → results shown
    results: int


@dataclass
class BrowserRun:
    load_ms: float
    ready_ms: float | None
    first_nav_ms: float
    first_load_ms: float
    first_key_ms: float
    first_results: int
    queries: list[Query] = field(default_factory=list)
    blank_mb: tuple[float, float] = (0, 0)  # (RSS, private) sums on about:blank, before the portal
    after_mb: tuple[float, float] = (0, 0)  # after the queries
    peak_mb: tuple[float, float] = (0, 0)  # highest sampled while the portal was open
    heap_page_mb: float = 0
    heap_workers_mb: float = 0
    bytes_total: int = 0
    bytes_index: int = 0
    requests_index: int = 0
    capped: str = ""
    chromium: str = ""


SEARCH_OPEN = {"aftersales": ".md-search__input", "pagefind": ".md-search__input", "material": ".md-search__input",
               "zensical": ".md-search__button"}
SEARCH_INPUT = {"aftersales": ".md-search__input", "pagefind": ".md-search__input", "material": ".md-search__input",
                "zensical": "input[role=combobox]"}  # in the shadow root of Zensical's dialog


def enter_query(page, engine: str, query: str, timeout_s: float, typed: bool = True) -> dict:
    """Empty the input, enter ``query`` (typed key by key, else in one input event), wait for its
    results; returns the page's timestamps."""
    box = page.locator(SEARCH_INPUT[engine])
    page.evaluate("(query) => window.__bench.expect(query)", query)
    box.evaluate("input => { input.value = ''; }")
    if typed:
        box.press_sequentially(query, delay=0)
    else:
        box.fill(query)
    # Characters outside the US layout are inserted without key events; Material searches on keyup.
    box.evaluate("input => input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
    page.wait_for_function("() => window.__bench.done !== null", timeout=timeout_s * 1000, polling=10)
    return page.evaluate("() => ({...window.__bench, observer: null, expect: null, sent: null})")


def further_queries(page, engine: str, queries: list[str], run: BrowserRun) -> None:
    """Each query whole in one input event, then typed; stops at the first without results in time."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for query in queries:
        timings = []
        for typed in (False, True):  # the first, cold: then the index parts it needs are loaded
            page.wait_for_timeout(200)
            try:
                stamps = enter_query(page, engine, query, QUERY_TIMEOUT_S, typed)
            except PlaywrightTimeout:
                run.capped = (f"{query!r} {'typed' if typed else 'in one input event'}: no results within "
                              f"{QUERY_TIMEOUT_S} s (capped); the queries after it were not run")
                return
            timings.append(stamps["done"] - stamps["lastInput"])
        run.queries.append(Query(query, *timings, stamps["count"]))


def run_browser(playwright, engine: str, url: str, server: Server, queries: list[str]) -> BrowserRun:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        context.add_init_script(INSTRUMENT)
        page = context.new_page()
        page.goto("about:blank")
        blank = chromium_memory_mb()
        server.log.clear()
        sampler = PeakSampler()
        page.goto(url, wait_until="load")
        load_ms = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        page.locator(SEARCH_OPEN[engine]).click()
        capped = ""
        try:
            first = enter_query(page, engine, queries[0], LOAD_TIMEOUT_S)
        except PlaywrightTimeout:  # report the cap; memory and bytes are still measured
            capped = f"no results within {LOAD_TIMEOUT_S} s of the first keystroke (capped)"
            first = page.evaluate("() => ({...window.__bench, observer: null, expect: null, sent: null, "
                                  "done: performance.now(), count: -1})")
        run = BrowserRun(load_ms, first["ready"], first["done"], first["done"] - load_ms,
                         first["done"] - first["firstInput"], first["count"], capped=capped, chromium=browser.version)
        if not capped:
            further_queries(page, engine, queries[1:], run)
        run.peak_mb = sampler.stop()
        run.blank_mb = blank
        run.after_mb = chromium_memory_mb()
        run.heap_page_mb, run.heap_workers_mb = js_heap_mb(context, page)
        served = list(server.log)
        run.bytes_total = sum(size for _, size in served)
        index = [size for path, size in served if path.startswith(INDEX_PATHS[engine])]
        run.bytes_index, run.requests_index = sum(index), len(index)
        context.close()
        return run
    finally:
        browser.close()


# --------------------------------------------------------------------------- report


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def rows_for(sites: dict[str, Site], runs: dict[str, BrowserRun], lang: str) -> list[tuple[str, dict, str]]:
    """(measure, {engine: cell}, target) rows."""
    def each(cell) -> dict:
        return {engine: cell(engine) for engine in sites}

    def mb(n: float) -> str:
        return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"

    def pair(mb_pair: tuple[float, float]) -> str:
        return f"{mb_pair[0]:.0f} / {mb_pair[1]:.0f} MB"

    def added(engine: str) -> float:
        return runs[engine].after_mb[1] - runs[engine].blank_mb[1]

    def latency_rows(label: str, attribute: str) -> list[tuple[str, dict, str]]:
        def cell(engine: str, summary, judged: bool = False) -> str:
            values = [getattr(q, attribute) for q in runs[engine].queries]
            if not values:
                return "–"
            ms = summary(values)
            return f"{ms:.0f} ms" + (f" {verdict(ms <= FURTHER_QUERY_MS)}" if judged else "")

        return [(f"{label}: median", each(lambda e: cell(e, statistics.median)), ""),
                (f"{label}: p95", each(lambda e: cell(e, lambda v: percentile(v, 0.95))), ""),
                (f"{label}: slowest", each(lambda e: cell(e, max, judged=True)), f"each ≤ {FURTHER_QUERY_MS} ms")]

    def count_of(engine: str, query: str) -> str:
        found = [q.results for q in runs[engine].queries if q.text == query]
        return str(found[0]) if found else "–"

    rows = [
        ("HTML pages built / pages indexed", each(lambda e: f"{sites[e].html_pages:,} / {sites[e].indexed_pages:,}"), ""),
        ("build: MkDocs (or Zensical) alone", each(lambda e: f"{sites[e].mkdocs_s:.1f} s"), ""),
        ("build: indexing after it", each(lambda e: "in the build" if sites[e].index_s is None
                                          else f"{sites[e].index_s:.1f} s"), ""),
        ("build: total", each(lambda e: f"{sites[e].mkdocs_s + (sites[e].index_s or 0):.1f} s"), ""),
        ("index on disk (files)", each(lambda e: f"{mb(sites[e].index_bytes)} ({sites[e].index_files:,})"), ""),
        ("index on disk, gzip (JSON, file by file)", each(lambda e: "chunks are gzip" if sites[e].index_gzip_bytes is None
                                                          else mb(sites[e].index_gzip_bytes)), ""),
        ("page load event (from navigation start)", each(lambda e: f"{runs[e].load_ms / 1000:.2f} s"), ""),
        ("search ready (worker has the index)", each(lambda e: "lazy" if runs[e].ready_ms is None
                                                     else f"{runs[e].ready_ms / 1000:.2f} s"), ""),
        ("first query: navigation start → results", each(lambda e: f"{runs[e].first_nav_ms / 1000:.2f} s"), ""),
        ("first query: page load → results", each(lambda e: f"{runs[e].first_load_ms / 1000:.2f} s "
                                                  + verdict(runs[e].first_load_ms <= FIRST_QUERY_S * 1000)),
         f"≤ {FIRST_QUERY_S:.0f} s"),
        ("first query: first keystroke → results", each(lambda e: f"{runs[e].first_key_ms / 1000:.2f} s"), ""),
        *latency_rows(f"{len(QUERIES[lang]) - 1} queries, one input event", "event_ms"),
        *latency_rows("same, typed key by key", "typed_ms"),
        ("Chromium RSS / private sums: blank page", each(lambda e: pair(runs[e].blank_mb)), ""),
        ("Chromium RSS / private sums: after queries", each(lambda e: pair(runs[e].after_mb)), ""),
        ("Chromium RSS / private sums: highest seen", each(lambda e: pair(runs[e].peak_mb)), ""),
        ("memory the portal adds (private after − blank)", each(lambda e: f"{added(e):.0f} MB "
                                                            + verdict(added(e) <= MEMORY_MB)), f"≤ {MEMORY_MB} MB"),
        ("JS heap after GC: page + workers", each(lambda e: f"{runs[e].heap_page_mb:.1f} + "
                                              f"{runs[e].heap_workers_mb:.1f} MB"), ""),
        ("bytes transferred: all", each(lambda e: mb(runs[e].bytes_total)), ""),
        ("bytes transferred: index (requests)", each(lambda e: f"{mb(runs[e].bytes_index)} ({runs[e].requests_index})"),
         "small, chunked"),
        (f"results: {QUERIES[lang][0]!r} (first query)", each(lambda e: "capped" if runs[e].first_results < 0
                                                               else str(runs[e].first_results)), ""),
    ]
    for written, typed in ACCENT_PAIRS[lang]:
        rows.append((f"results: {written!r} / {typed!r}",
                     each(lambda e, w=written, t=typed: f"{count_of(e, w)} / {count_of(e, t)}"), "same"))
    return rows


def format_table(engines: list[str], rows: list[tuple[str, dict, str]]) -> list[str]:
    head = ["measure", *engines, "target (10,000 pages)"]
    cells = [[measure, *(values[e] for e in engines), target] for measure, values, target in rows]
    widths = [max(len(str(row[i])) for row in [head, *cells]) for i in range(len(head))]

    def line(values) -> str:
        return "  ".join(str(v).rjust(w) if 0 < i <= len(engines) else str(v).ljust(w)
                         for i, (v, w) in enumerate(zip(values, widths))).rstrip()

    return [line(head), line(["-" * w for w in widths]), *(line(c) for c in cells)]


def query_table(engines: list[str], runs: dict[str, BrowserRun], queries: list[str]) -> list[str]:
    """Each further query, per engine: ms in one input event, ms typed key by key, results."""
    head = ["query", *(f"{e}: event / typed ms, results" for e in engines)]
    cells = []
    for index, text in enumerate(queries):
        row = [text]
        for engine in engines:
            done = runs[engine].queries
            row.append(f"{done[index].event_ms:.0f} / {done[index].typed_ms:.0f}, {done[index].results}"
                       if index < len(done) else "–")
        cells.append(row)
    widths = [max(len(row[i]) for row in [head, *cells]) for i in range(len(head))]
    return ["  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths))).rstrip()
            for row in [head, ["-" * w for w in widths], *cells]]


def machine(chromium_version: str, load_at_start: str) -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str | None:
        try:
            return f"{name} {version(name)}"
        except PackageNotFoundError:
            return None

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    memory = _kib("/proc/meminfo", "MemTotal:") / 1024 / 1024
    libs = ", ".join(filter(None, map(installed, ("mkdocs", "mkdocs-material", "pagefind", "playwright"))))
    zensical = shutil.which("zensical")
    return [
        f"machine:  {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, {memory:.1f} GiB RAM;"
        " shared with other work running at the same time (times move by ±20 % between runs)",
        f"software: Python {platform.python_version()}, Chromium {chromium_version} (headless), {libs}"
        + (f", zensical {subprocess.run([zensical, '--version'], capture_output=True, text=True).stdout.strip()}"
           if zensical else ""),
        f"date:     {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; load average at start " + load_at_start,
    ]


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --------------------------------------------------------------------------- main


def build_sites(engines: list[str], items: int, lang: str, work: Path) -> dict[str, Site]:
    corpus = work / "corpus"
    make_corpus(items, corpus)
    progress(f"corpus of {items:,} items written")
    config_file = Path(in_child(write_portal_sources, corpus, lang, work / "src" / lang, work / "site-aftersales"))
    progress("portal sources written")
    builders = {"aftersales": lambda: build_aftersales(config_file),
                "pagefind": lambda: build_pagefind(config_file, lang, work),
                "material": lambda: build_material(config_file, lang, work),
                "zensical": lambda: build_zensical(config_file, lang)}
    sites = {}
    for engine in engines:
        sites[engine] = builders[engine]()
        describe_index(sites[engine])
        progress(f"{engine}: built in {sites[engine].mkdocs_s + (sites[engine].index_s or 0):.1f} s")
    return sites


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="items of the synthetic corpus (default 1000)")
    parser.add_argument("--engines", default="aftersales,material", help=f"comma-separated, of {', '.join(ENGINES)}")
    parser.add_argument("--lang", default="ca", choices=sorted(QUERIES), help="portal language (default ca)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it (corpus, sources, sites)")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if not engines or any(e not in ENGINES for e in engines):
        parser.error(f"--engines: choose among {', '.join(ENGINES)}")
    if args.pages < 8:
        parser.error("--pages must be at least 8 (one item of each type)")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    if "pagefind" in engines:
        pagefind_executable()  # before building anything
    from playwright.sync_api import sync_playwright

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="aftersales-search-"))
    work.mkdir(parents=True, exist_ok=True)
    began, load_at_start = time.perf_counter(), load_average()
    try:
        sites = build_sites(engines, args.pages, args.lang, work)
        runs = {}
        with sync_playwright() as playwright:
            for engine in engines:
                server = Server(sites[engine].folder)
                try:
                    runs[engine] = run_browser(playwright, engine, server.url + "index.html", server, QUERIES[args.lang])
                finally:
                    server.close()
                progress(f"{engine}: browser run done")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    report = [*machine(runs[engines[0]].chromium, load_at_start),
              f"portal:   {AUDIENCE}/{args.lang} of a {args.pages:,}-item corpus "
              f"(bench/make_corpus.py --items {args.pages})", "",
              *format_table(engines, rows_for(sites, runs, args.lang)), "",
              *query_table(engines, runs, QUERIES[args.lang][1:]), "",
              *(f"note: {e}: {runs[e].capped}" for e in engines if runs[e].capped),
              "note: verdicts are against the targets for 10,000 pages. Memory: RSS sums count the pages "
              "Chromium's processes share once per process; private sums leave shared pages out; an empty "
              "Chromium already holds the 'blank page' figures, so the target is judged on what the portal adds",
              *(["note: zensical counts matching sections, the others matching pages"] if "zensical" in engines
                else []),
              f"total benchmark time {time.perf_counter() - began:.0f} s; load average at the end {load_average()}"]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
