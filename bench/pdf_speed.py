"""Time the PDF rendering of N procedure checklists, and print a table.

    python bench/pdf_speed.py [--project DIR] [-n 50]

Takes the checklists of the project's procedures (default: the shipped example), repeats them
to N documents (each made unique so the cache cannot answer), and renders them with one and
with all worker processes; then renders them again to show the cache.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from generator.load.project import load_project
from generator.publish.pdf import PdfJob, render_pdfs
from generator.render.portal import Portal
from generator.render.printables import render_printable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("-n", type=int, default=50, help="number of checklists (default 50)")
    args = parser.parse_args()
    kb = load_project(args.project).kb
    portal = Portal.open(kb, "staff", kb.default_language)
    checklists = [render_printable(portal, item) for item in portal.items_of("procedure")]
    if not checklists:
        raise SystemExit("the project has no procedure")
    pages = sum(1 for _ in checklists)
    print(f"{args.n} checklists from {pages} procedures of {args.project}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for workers in sorted({1, os.cpu_count() or 1}):
            jobs = [PdfJob(checklists[i % len(checklists)].html + f"<!-- {workers}-{i} -->",
                           tmp_path / f"out-{workers}" / f"{i}.pdf") for i in range(args.n)]
            start = time.perf_counter()
            stats = render_pdfs(jobs, tmp_path / "cache", workers=workers)
            seconds = time.perf_counter() - start
            print(f"render  workers={workers}: {seconds:6.2f} s  {seconds / args.n * 1000:6.0f} ms/PDF"
                  f"  ({stats.rendered} rendered)")
        start = time.perf_counter()
        stats = render_pdfs(jobs, tmp_path / "cache", workers=workers)
        seconds = time.perf_counter() - start
        print(f"cached  (same HTML) : {seconds:6.2f} s  {seconds / args.n * 1000:6.0f} ms/PDF  ({stats.reused} reused)")
        sizes = [job.target.stat().st_size for job in jobs]
        print(f"PDF size: {sum(sizes) / len(sizes) / 1024:.0f} KiB on average")


if __name__ == "__main__":
    main()
