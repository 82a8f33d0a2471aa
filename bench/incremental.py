"""Incremental builds against a cold build, in the same run: all six portals, ``--no-pdf``.

    python bench/incremental.py --sizes 1000            # ≈ 5 min on two cores
    python bench/incremental.py --sizes 1000,10000      # ≈ 1 h
    python bench/incremental.py --sizes 10000 --no-title --keep   # ≈ 25 min; the corpus kept

For each N: a corpus by ``make_corpus.py``; ``aftersales build --full`` (cold, no cache); a first
build with the cache (cold, and stores the cache); again with nothing changed; after one guide's
step text is edited in its three languages; after that guide's title is edited (the navigation
changes: the portals showing it are built whole). Each build is checked against a cold build of
the same content only by the test suite (tests/publish/test_incremental.py), not here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def aftersales() -> list[str]:
    found = shutil.which("aftersales", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "generator"]


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    run = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    if "cache ignored" in run.stdout:
        print("   ", next(line for line in run.stdout.splitlines() if "cache ignored" in line))
    return seconds


def edit_guide(corpus: Path, title: bool) -> str:
    """One guide: the first step's text (``title``: its title) changed in each language."""
    guide = sorted((corpus / "content/guides").glob("*.yml"))[len(list((corpus / "content/guides").glob("*.yml"))) // 2]
    text = guide.read_text(encoding="utf-8")
    head, _, steps = text.partition("\nsteps:\n")
    if title:
        head = re.sub(r"^(title:\n(?:  \w\w: .*\n)+)", lambda m: re.sub(r"(  \w\w: )", r"\1(2) ", m.group(1)),
                      head, count=1, flags=re.MULTILINE)
    else:
        for lang in ("ca", "es", "en"):
            steps = steps.replace(f"      {lang}: ", f"      {lang}: (2) ", 1)
    guide.write_text(f"{head}\nsteps:\n{steps}", encoding="utf-8")
    return guide.name


def measure(n: int, tmp: Path, title: bool = True) -> list[tuple[str, float]]:
    corpus = tmp / f"kb-{n}"
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--items", str(n), "--out", str(corpus)],
                   check=True, capture_output=True)
    build = [*aftersales(), "build", "--no-pdf"]
    rows = [("cold build (--full, no cache)", timed([*build, "--full", "--out", str(tmp / "cold")], corpus))]
    rows.append(("first build with the cache (cold + storing it)", timed(build, corpus)))
    rows.append(("nothing changed", timed(build, corpus)))
    name = edit_guide(corpus, title=False)
    rows.append((f"one guide's step text edited ({name}, 3 languages)", timed(build, corpus)))
    if title:
        edit_guide(corpus, title=True)
        rows.append(("that guide's title edited (navigation)", timed(build, corpus)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated N (default 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-title", action="store_true", help="skip the title edit (a whole build, no target)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="aftersales-incremental-"))
    try:
        print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
        for n in [int(size) for size in args.sizes.split(",")]:
            print(f"N = {n:,}")
            rows = measure(n, tmp, title=not args.no_title)
            cold = rows[0][1]
            for what, seconds in rows:
                print(f"  {what:<62} {seconds:7.1f} s  {100 * seconds / cold:5.1f} % of cold")
            print(f"  load average now {os.getloadavg()[0]:.1f}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
