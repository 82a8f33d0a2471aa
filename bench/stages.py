"""Measurements that run in a fresh process, for ``bench/run.py`` (one JSON object on the last line).

    python bench/stages.py floor   DIR                      bare libyaml: walk, read, yaml.load(CSafeLoader)
    python bench/stages.py portal  DIR --work TMP [--repeat R] [--audience staff] [--lang L]
                                                            load + check + render Markdown of one portal,
                                                            then write its sources and time run_mkdocs alone
    python bench/stages.py serve   DIR --work TMP [--edits 3]
                                                            _regenerate after editing one guide's step (on a copy)
    python bench/stages.py pdf     DIR --work TMP [--count 100]
                                                            N checklists through render_pdfs, fresh cache
    python bench/stages.py profile DIR --what check|generator|serve [--top 10]
                                                            cProfile, top functions (text, not JSON)

Each mode imports only what it needs, so the process's start-up and peak memory belong to it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def _emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


def _content_files(root: Path) -> list[Path]:
    files = []
    for dirpath, dirnames, filenames in os.walk(root / "content"):
        dirnames.sort()
        files.extend(Path(dirpath) / name for name in sorted(filenames) if name.endswith((".yml", ".yaml")))
    return files


# --------------------------------------------------------------------------- floor


def floor(root: Path) -> dict:
    """What any YAML-based checker must at least do: find, read and parse every file (libyaml)."""
    import yaml

    start = time.perf_counter()
    loader = yaml.CSafeLoader
    files = [root / "site_config.yml", *_content_files(root)]
    documents = [yaml.load(path.read_bytes(), Loader=loader) for path in files]
    seconds = time.perf_counter() - start
    return {"files": len(documents), "seconds_in_process": seconds}


# --------------------------------------------------------------------------- portal


def portal(root: Path, work: Path, repeat: int, audience: str, lang: str | None) -> dict:
    import yaml

    from generator.load.project import load_project
    from generator.publish.site import run_mkdocs, write_sources
    from generator.render.page_list import render_pages
    from generator.render.portal import Portal
    from generator.validate import run_checks

    files = [root / "site_config.yml", *_content_files(root)]
    floor_best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        floor_best = min(floor_best, time.perf_counter() - start)

    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        project = load_project(root)
        t1 = time.perf_counter()
        diagnostics = run_checks(project)
        t2 = time.perf_counter()
        portal = Portal.open(project.kb, audience, lang or project.kb.default_language, with_pdf=False)
        pages = render_pages(portal)
        t3 = time.perf_counter()
        runs.append({"load": t1 - t0, "check": t2 - t1, "render": t3 - t2, "total": t3 - t0})
    best = min(runs, key=lambda run: run["total"])
    problems = [d for d in diagnostics if d.severity in ("error", "warning")]
    lang = lang or project.kb.default_language

    src = work / "portal-src"
    t0 = time.perf_counter()
    config_file, written, _ = write_sources(project.kb, audience, lang, src, work / "portal-site", with_pdf=False)
    t1 = time.perf_counter()
    run_mkdocs(config_file, f"{audience}/{lang}")
    t2 = time.perf_counter()
    return {
        "audience": audience, "lang": lang, "items": len(project.kb.items), "pages": len(pages),
        "problems": len(problems),
        "floor_in_process": floor_best, "first": runs[0], "best": best,
        "write_sources": t1 - t0, "mkdocs": t2 - t1,
    }


# --------------------------------------------------------------------------- serve


def _replace_step(path: Path, new_text: str) -> str:
    """Replace the default-language text of a guide's first step (as make_corpus writes it): what
    only the guide's own pages show (a procedure's purpose is in the procedures manual too)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_corpus import scalar

    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index("steps:") + 2
    assert lines[index].startswith("      ca: "), lines[index]
    lines[index] = "      ca: " + scalar(new_text)
    path.write_text("\n".join(lines), encoding="utf-8")
    return new_text


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def serve(root: Path, work: Path, edits: int) -> dict:
    import shutil

    from generator.commands.serve import _regenerate
    from generator.load.project import load_project

    corpus = work / "serve-corpus"
    shutil.copytree(root, corpus)
    src = work / "serve-src"
    lang = load_project(corpus).config.languages[0]
    start = time.perf_counter()
    ok = _regenerate(corpus, "staff", lang, src)
    initial = time.perf_counter() - start
    if not ok:
        return {"error": "the first _regenerate failed"}
    guides = sorted((corpus / "content" / "guides").glob("*.yml"))
    results = []
    for number in range(edits):
        path = guides[number % len(guides)]
        item_id = path.stem
        before = _stamps(src)
        time.sleep(0.02)  # so that a rewritten file gets a visibly different mtime
        _replace_step(path, f"Text revisat {number + 1} per al benchmark: comprova la reparació abans de tancar l'avís.")
        start = time.perf_counter()
        ok = _regenerate(corpus, "staff", lang, src)
        seconds = time.perf_counter() - start
        after = _stamps(src)
        changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
        own = [p for p in changed if Path(p).stem == item_id]
        results.append({"item": item_id, "ok": ok, "seconds": seconds, "changed": changed,
                        "only_own": bool(changed) and len(own) == len(changed)})
    return {"lang": lang, "initial": initial, "edits": results, "files": len(_stamps(src))}


# --------------------------------------------------------------------------- pdf


def pdf(root: Path, work: Path, count: int) -> dict:
    from generator.load.project import load_project
    from generator.publish.pdf import PdfJob, render_pdfs
    from generator.render.portal import Portal
    from generator.render.printables import render_printable

    kb = load_project(root).kb
    portal = Portal.open(kb, "staff", kb.default_language)
    checklists = [render_printable(portal, item) for item in portal.items_of("procedure")]
    distinct = min(count, len(checklists))
    jobs = []
    for number in range(count):
        html = checklists[number % len(checklists)].html
        if number >= len(checklists):  # repeated: make it unique so the cache cannot answer
            html += f"<!-- copy {number} -->"
        jobs.append(PdfJob(html, work / "pdf-out" / f"{number}.pdf"))
    cache = work / "pdf-cache"
    start = time.perf_counter()
    stats = render_pdfs(jobs, cache, workers=None)
    seconds = time.perf_counter() - start
    sizes = [job.target.stat().st_size for job in jobs]
    pages = _pdf_pages([job.target for job in jobs])
    return {"count": count, "distinct_procedures": distinct, "rendered": stats.rendered, "reused": stats.reused,
            "seconds": seconds, "workers": os.cpu_count(), "mean_kib": sum(sizes) / len(sizes) / 1024,
            "mean_pages": sum(pages) / len(pages) if pages else None}


def _pdf_pages(paths: list[Path]) -> list[int]:
    """Page counts with poppler's pdfinfo, when installed (not timed)."""
    import shutil
    import subprocess

    if not shutil.which("pdfinfo"):
        return []
    pages = []
    for path in paths:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        pages.extend(int(line.split()[1]) for line in out.splitlines() if line.startswith("Pages:"))
    return pages


# --------------------------------------------------------------------------- profile


def profile(root: Path, what: str, top: int, lang: str | None) -> None:
    """Print the top functions by cumulative and by own time (imports included for 'check')."""
    import contextlib
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    if what == "check":
        profiler.enable()
        from generator.cli import main

        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--project", str(root)])
        profiler.disable()
        label = f"aftersales check --project <corpus> (exit {code}), imports included"
    elif what == "serve":
        import shutil
        import tempfile

        from generator.commands.serve import _regenerate

        work = Path(tempfile.mkdtemp(prefix="aftersales-profile-"))
        try:
            corpus, src = work / "corpus", work / "src"
            shutil.copytree(root, corpus)
            _regenerate(corpus, "staff", lang or "ca", src)
            path = sorted((corpus / "content" / "guides").glob("*.yml"))[0]
            _replace_step(path, "Text revisat per al perfil: comprova la reparació abans de tancar l'avís.")
            profiler.enable()
            _regenerate(corpus, "staff", lang or "ca", src)
            profiler.disable()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        label = f"serve: _regenerate after editing {path.stem} (staff, {lang or 'ca'}), imports excluded"
    else:
        from generator.load.project import load_project
        from generator.render.page_list import render_pages
        from generator.render.portal import Portal
        from generator.validate import run_checks

        profiler.enable()
        project = load_project(root)
        run_checks(project)
        pages = render_pages(Portal.open(project.kb, "staff", lang or project.kb.default_language, with_pdf=False))
        profiler.disable()
        label = f"generator stage: load_project + run_checks + render_pages (staff, {len(pages)} pages), imports excluded"
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"== profile: {label}; total {total:.2f} s under the profiler")
    for key, title in (("cumulative", "cumulative time"), ("tottime", "own time")):
        print(f"-- top {top} by {title}")
        print(f"{'cum s':>8} {'own s':>8} {'calls':>10}  function")
        stats.sort_stats(key)
        for func in stats.fcn_list[:top]:
            cc, nc, tt, ct, _ = stats.stats[func]
            filename, line, name = func
            where = _short(filename)
            print(f"{ct:8.3f} {tt:8.3f} {nc:10d}  {name} ({where}:{line})" if where else f"{ct:8.3f} {tt:8.3f} {nc:10d}  {name}")


def _short(filename: str) -> str:
    if filename == "~":
        return ""
    for marker in ("/generator/", "/site-packages/", "/lib/python3"):
        if marker in filename:
            return filename[filename.index(marker) + 1:]
    return filename


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("floor", "portal", "serve", "pdf", "profile"))
    parser.add_argument("project", type=Path)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--audience", default="staff")
    parser.add_argument("--lang")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--what", choices=("check", "generator", "serve"), default="check")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    root = args.project.resolve()
    if args.mode == "floor":
        _emit(floor(root))
    elif args.mode == "portal":
        _emit(portal(root, args.work, args.repeat, args.audience, args.lang))
    elif args.mode == "serve":
        _emit(serve(root, args.work, args.edits))
    elif args.mode == "pdf":
        _emit(pdf(root, args.work, args.count))
    else:
        profile(root, args.what, args.top, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
