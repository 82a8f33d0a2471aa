"""Measure check, render, MkDocs, serve, PDFs and the full build on synthetic corpora; print one table.

    python bench/run.py [--sizes 100,1000] [--big] [--out FILE] [--repeat 3] [--no-pdf-bench] [--profile]

For each N it writes a corpus with ``bench/make_corpus.py`` into a temporary folder and measures:

- ``check``: the real command line (``aftersales check --project``) in a subprocess, wall time
  (best of ``--repeat``) and peak memory (``os.wait4``); against the bare libyaml floor, also in
  a subprocess: walk ``content/``, read every file, ``yaml.load(..., Loader=yaml.CSafeLoader)``;
- the generator stage: ``load_project`` + ``run_checks`` + ``render_pages`` for one
  portal (staff, default language), in-process, best of ``--repeat``, imports excluded; against
  the MkDocs build of that portal alone (``write_sources`` first, then only ``run_mkdocs`` timed);
- ``serve``: ``_regenerate`` after editing one guide's first step (three edits, median), and which
  files of the portal's sources changed;
- the full ``aftersales build --out TMP`` in a subprocess (cold PDF cache);
- once: 100 procedure checklists through ``render_pdfs`` with a fresh cache (all cores).

``--big`` adds N = 10,000. ``--no-pdf-bench`` skips all PDF work (the checklist row, and the full
build runs with ``--no-pdf``), for a quick run. ``--profile`` prints cProfile's top functions of
``check`` and of the generator stage (and of a serve regeneration) at N = 1,000 (or the largest N).
Temporary folders are removed at the end (``--keep`` keeps them).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = HERE / "stages.py"
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

CHECK_RATIO = 1.5
GENERATOR_SHARE = 0.10
BUILD_SCALE = 11.0
SERVE_SECONDS = 0.3
PDF_SECONDS = 15.0


# --------------------------------------------------------------------------- processes


@dataclass
class Proc:
    code: int
    seconds: float
    peak_mb: float
    out: str
    err: str


_WRAPPER = r"""
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(out, "w") as f:
    f.write("%d %.6f %d" % (os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss))
"""
"""Forks the measured command from a tiny ``python -S`` process: a child's peak RSS starts at its
parent's size when forked (Linux keeps it across exec), so forking from this benchmark (~60 MB)
would inflate every figure. ``ru_maxrss`` of ``wait4`` covers the command and the children it
waited for (MkDocs and PDF worker processes)."""


def run_measured(cmd: list[str], cwd: Path | None = None) -> Proc:
    """Run ``cmd``; wall time and peak resident memory of it and the children it waited for."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rusage") as result:
        proc = subprocess.run([sys.executable, "-S", "-c", _WRAPPER, result.name, *cmd],
                              stdout=out, stderr=err, cwd=cwd, env=env)
        fields = Path(result.name).read_text().split()
        if proc.returncode != 0 or len(fields) != 3:
            raise SystemExit(f"could not run {' '.join(cmd)} (wrapper exit {proc.returncode})")
        code, seconds, maxrss_kib = int(fields[0]), float(fields[1]), int(fields[2])
        out.seek(0)
        err.seek(0)
        return Proc(code, seconds, maxrss_kib / 1024, out.read().decode("utf-8", "replace"),
                    err.read().decode("utf-8", "replace"))


def best_of(cmd: list[str], repeat: int) -> tuple[Proc, list[float]]:
    runs = [run_measured(cmd) for _ in range(repeat)]
    for run in runs:
        if run.code != 0:
            raise SystemExit(f"failed ({run.code}): {' '.join(cmd)}\n{run.out[-2000:]}\n{run.err[-2000:]}")
    best = min(runs, key=lambda run: run.seconds)
    best.peak_mb = max(run.peak_mb for run in runs)
    return best, [run.seconds for run in runs]


def stage(mode: str, project: Path, *extra: str) -> tuple[dict, Proc]:
    import json

    proc = run_measured([sys.executable, str(STAGES), mode, str(project), *extra])
    if proc.code != 0:
        raise SystemExit(f"bench/stages.py {mode} failed ({proc.code}):\n{proc.out[-3000:]}\n{proc.err[-3000:]}")
    return json.loads(proc.out.strip().splitlines()[-1]), proc


def cli_command() -> list[str]:
    """The installed ``aftersales`` script beside this Python, else ``python -m generator``."""
    script = Path(sys.executable).parent / "aftersales"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]


# --------------------------------------------------------------------------- machine


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for module, name in (("generator", "aftersales"), ("mkdocs", "mkdocs"), ("material", "mkdocs-material"),
                         ("weasyprint", "WeasyPrint"), ("yaml", "PyYAML"), ("pydantic", "pydantic"),
                         ("jinja2", "Jinja2")):
        try:
            version = __import__(module).__version__ if module != "material" else _dist_version("mkdocs-material")
        except Exception:  # noqa: BLE001 - only informative
            version = "?"
        versions.append(f"{name} {version}")
    return [
        f"machine: {os.cpu_count()} cores ({usable} usable), {cpu}{memory}",
        f"python:  {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
        f"libs:    {', '.join(versions)}; libyaml C loader: {_has_libyaml()}",
        f"cli:     {' '.join(cli_command())}",
        f"date:    {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; load average at start "
        + " ".join(f"{x:.2f}" for x in os.getloadavg()),
    ]


def _dist_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def _has_libyaml() -> bool:
    import yaml

    return hasattr(yaml, "CSafeLoader")


# --------------------------------------------------------------------------- table


@dataclass
class Row:
    measure: str
    n: int | str
    seconds: float | None
    peak_mb: float | None
    ratio: str
    verdict: str
    note: str = ""


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def format_table(rows: list[Row]) -> list[str]:
    head = ("measure", "N", "seconds", "peak MB", "ratio / target", "result")
    cells = [(r.measure, f"{r.n:,}" if isinstance(r.n, int) else r.n,
              "" if r.seconds is None else f"{r.seconds:.3f}",
              "" if r.peak_mb is None else f"{r.peak_mb:.0f}", r.ratio, r.verdict) for r in rows]
    widths = [max(len(head[i]), *(len(c[i]) for c in cells)) for i in range(len(head))]
    right = {1, 2, 3}

    def line(values) -> str:
        return "  ".join(v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths))).rstrip()

    out = [line(head), line(["-" * w for w in widths])]
    out.extend(line(c) for c in cells)
    return out


# --------------------------------------------------------------------------- measurements


def measure_size(n: int, tmp: Path, repeat: int, with_pdf: bool, rows: list[Row], notes: list[str]) -> dict:
    corpus = tmp / f"corpus-{n}"
    start = time.perf_counter()
    counts = make_corpus(n, corpus)
    made = time.perf_counter() - start
    files = sorted((corpus / "content").rglob("*.yml"))
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    rows.append(Row("corpus written (make_corpus)", n, made, None, f"{len(files):,} files, {size_mb:.1f} MB", "info"))
    print(f"[N={n:,}] corpus: {len(files)} files, {size_mb:.1f} MB ({', '.join(f'{k} {v}' for k, v in counts.items())})",
          file=sys.stderr, flush=True)
    cli = cli_command()

    startup, _ = best_of([*cli, "--version"], repeat)
    rows.append(Row("CLI start-up (aftersales --version)", n, startup.seconds, startup.peak_mb,
                    "fixed cost in every check", "info"))

    floor, floor_runs = best_of([sys.executable, str(STAGES), "floor", str(corpus)], repeat)
    rows.append(Row("bare libyaml floor (subprocess)", n, floor.seconds, floor.peak_mb,
                    "walk + read + yaml.load(CSafeLoader)", "floor"))

    check, check_runs = best_of([*cli, "check", "--project", str(corpus)], repeat)
    summary = check.out.strip().splitlines()[-1] if check.out.strip() else ""
    clean = re.search(r"\b0 errors, 0 warnings\b", summary) is not None
    if not clean:
        notes.append(f"N={n}: check was not clean: {summary}")
    ratio = check.seconds / floor.seconds
    rows.append(Row("check (aftersales check, subprocess)", n, check.seconds, check.peak_mb,
                    f"{ratio:.2f}× libyaml (≤ {CHECK_RATIO}×)", verdict(ratio <= CHECK_RATIO and clean)))
    print(f"[N={n:,}] check {check.seconds:.2f} s (runs {', '.join(f'{s:.2f}' for s in check_runs)}); "
          f"floor {floor.seconds:.2f} s", file=sys.stderr, flush=True)

    work = tmp / f"work-{n}"
    work.mkdir()
    portal, portal_proc = stage("portal", corpus, "--work", str(work), "--repeat", str(repeat))
    best = portal["best"]
    inproc_check = best["load"] + best["check"]
    rows.append(Row("  check in-process (load + run_checks)", n, inproc_check, None,
                    f"{inproc_check / portal['floor_in_process']:.2f}× libyaml in-process "
                    f"({portal['floor_in_process']:.3f} s)", "info"))
    generator = best["total"]
    mkdocs = portal["mkdocs"]
    share = generator / mkdocs
    rows.append(Row(f"generator stage ({portal['audience']}/{portal['lang']}: load+check+render)", n, generator, None,
                    f"{share * 100:.1f} % of MkDocs (≤ {GENERATOR_SHARE * 100:.0f} %)", verdict(share <= GENERATOR_SHARE)))
    rows.append(Row(f"  MkDocs build of {portal['audience']}/{portal['lang']} alone (run_mkdocs)", n, mkdocs,
                    portal_proc.peak_mb, f"{portal['pages']:,} pages", "info"))
    rows.append(Row("  write_sources (render + print views + write)", n, portal["write_sources"], None,
                    "not timed in the generator stage", "info"))
    notes.append(f"N={n}: generator stage best of {repeat}: load {best['load']:.3f} s, check {best['check']:.3f} s, "
                 f"render {best['render']:.3f} s (first run {portal['first']['total']:.3f} s)")
    print(f"[N={n:,}] generator {generator:.2f} s, mkdocs {mkdocs:.2f} s", file=sys.stderr, flush=True)

    serve, serve_proc = stage("serve", corpus, "--work", str(work))
    edits = serve["edits"]
    seconds = statistics.median(edit["seconds"] for edit in edits)
    only_own = all(edit["only_own"] and edit["ok"] for edit in edits)
    changed = max(len(edit["changed"]) for edit in edits)
    applies = n <= 1000
    ok = seconds <= SERVE_SECONDS and only_own
    rows.append(Row("serve regeneration (_regenerate, 1 edit)", n, seconds, serve_proc.peak_mb,
                    f"{seconds / SERVE_SECONDS:.1f}× 0.3 s; {changed} file(s) changed, "
                    f"{'only the edited item' if only_own else 'OTHERS TOO'}",
                    verdict(ok) if applies else "info"))
    for edit in edits:
        notes.append(f"N={n}: serve edit of {edit['item']}: {edit['seconds']:.3f} s, changed: "
                     + (", ".join(edit["changed"]) or "nothing"))
    notes.append(f"N={n}: serve first generation {serve['initial']:.3f} s ({serve['files']} files in the sources)")
    print(f"[N={n:,}] serve {seconds:.2f} s", file=sys.stderr, flush=True)

    site = tmp / f"site-{n}"
    build = run_measured([*cli, "build", "--project", str(corpus), "--out", str(site), *([] if with_pdf else ["--no-pdf"])])
    if build.code != 0:
        raise SystemExit(f"aftersales build failed ({build.code}) at N={n}:\n{build.out[-3000:]}\n{build.err[-3000:]}")
    pdf_time = re.search(r"PDFs: (\d+) rendered, (\d+) unchanged and reused \(([\d.]+) s", build.out)
    portals = len(re.findall(r"^built ", build.out, re.M))
    detail = f"{portals} portals" + (f", {pdf_time.group(1)} PDFs rendered in {pdf_time.group(3)} s of work" if pdf_time
                                     else ", --no-pdf" if not with_pdf else "")
    rows.append(Row("full build (aftersales build" + ("" if with_pdf else " --no-pdf") + ")", n, build.seconds,
                    build.peak_mb, detail, "info"))
    notes.append(f"N={n}: build output: " + " | ".join(line.strip() for line in build.out.splitlines()
                                                      if line.startswith(("PDFs:", "built "))))
    print(f"[N={n:,}] build {build.seconds:.1f} s ({detail})", file=sys.stderr, flush=True)
    notes.append(f"N={n}: load average after this size " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return {"n": n, "corpus": corpus, "procedures": counts["procedure"], "build": build.seconds}


def measure_pdfs(corpus: Path, n: int, tmp: Path, rows: list[Row], notes: list[str]) -> None:
    work = tmp / "work-pdf"
    work.mkdir()
    result, proc = stage("pdf", corpus, "--work", str(work), "--count", "100")
    cores = os.cpu_count() or 1
    seconds = result["seconds"]
    target = f"≤ {PDF_SECONDS:.0f} s on 2 cores" + ("" if cores == 2 else f" (this machine: {cores})")
    rows.append(Row("100 checklist PDFs (render_pdfs, fresh cache)", n, seconds, proc.peak_mb,
                    f"{seconds / PDF_SECONDS:.2f}× {target}", verdict(seconds <= PDF_SECONDS)))
    pages = f", {result['mean_pages']:.1f} pages" if result.get("mean_pages") else ""
    notes.append(f"PDFs: {result['rendered']} rendered from {result['distinct_procedures']} procedures of N={n}, "
                 f"{result['workers']} workers, {seconds / result['count'] * 1000:.0f} ms per PDF, "
                 f"{result['mean_kib']:.0f} KiB{pages} on average")
    print(f"[PDF] 100 checklists {seconds:.1f} s", file=sys.stderr, flush=True)
    shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated N (default 100,1000)")
    parser.add_argument("--big", action="store_true", help="add N = 10,000")
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the report to FILE")
    parser.add_argument("--repeat", type=int, default=3, help="runs of check, the floor and the generator stage (best)")
    parser.add_argument("--no-pdf-bench", action="store_true",
                        help="no PDF work: skip the 100-checklist row and build with --no-pdf")
    parser.add_argument("--profile", action="store_true", help="print cProfile top functions after the table")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes {args.sizes}: give numbers separated by commas, e.g. 100,1000")
    if args.big:
        sizes = sorted(set(sizes) | {10_000})
    if any(n < 8 for n in sizes):
        parser.error("each size must be at least 8 (one item of each type)")

    header = machine()
    for line in header:
        print(line, file=sys.stderr)
    rows: list[Row] = []
    notes: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="aftersales-bench-"))
    began = time.perf_counter()
    try:
        results = [measure_size(n, tmp, args.repeat, not args.no_pdf_bench, rows, notes) for n in sizes]
        by_n = {r["n"]: r for r in results}
        if not args.no_pdf_bench:
            # The smallest corpus with 100 distinct procedures, else the largest one (checklists repeated).
            chosen = next((r for r in results if r["procedures"] >= 100), results[-1])
            measure_pdfs(chosen["corpus"], chosen["n"], tmp, rows, notes)
        if 1000 in by_n and 10_000 in by_n:
            scale = by_n[10_000]["build"] / by_n[1000]["build"]
            rows.append(Row("full build 10,000 vs 1,000", "10k/1k", None, None,
                            f"{scale:.2f}× (≤ {BUILD_SCALE:.0f}×)", verdict(scale <= BUILD_SCALE)))
        profiles = []
        if args.profile:
            chosen = by_n.get(1000) or results[-1]
            for what in ("check", "generator", "serve"):
                proc = run_measured([sys.executable, str(STAGES), "profile", str(chosen["corpus"]), "--what", what])
                profiles.append(f"\n[N={chosen['n']:,}] " + (proc.out.strip() or proc.err.strip()))
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    report = [*header, "", *format_table(rows), "", "notes:", *(f"- {note}" for note in notes),
              f"- total benchmark time {time.perf_counter() - began:.0f} s; load average at the end "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (other processes on the machine skew the times)",
              *profiles]
    text = "\n".join(report) + "\n"
    sys.stdout.write(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
