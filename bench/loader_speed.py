"""Time the safe YAML reader against bare libyaml on the same files, and print a table.

    python bench/loader_speed.py [--project DIR] [--repeat N]

Reads every content file of the project (default: the shipped example) ``--repeat`` times and
reports the time per pass of: libyaml's event parser alone, ``yaml.load`` with the C loader (the
physical floor for reading content, but unsafe), our safe reader, and the safe reader plus
model validation. Issue 8 adds a synthetic corpus of realistic size; this script is the
reader's own yardstick.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from generator.load.project import discover_files, load_config
from generator.load.yaml_reader import read_yaml_file


def _time(label: str, func, files, repeat: int, floor: float | None = None) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            for path, content_type in files:
                func(path, content_type)
        best = min(best, time.perf_counter() - start)
    per_file_us = best / (repeat * len(files)) * 1e6
    ratio = f"{best / floor:5.2f}x" if floor else "  1.00x"
    print(f"{label:42} {best:8.3f} s  {per_file_us:8.1f} µs/file  {ratio}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    config = load_config(args.project)
    files, _ = discover_files(args.project)
    size = sum(path.stat().st_size for path, _ in files)
    print(f"{len(files)} files, {size / 1024:.0f} KiB, x{args.repeat} passes (best of 3)")
    context = {"languages": tuple(config.languages)}

    floor = _time("yaml.load(CSafeLoader)  [floor, unsafe]",
                  lambda p, t: yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader), files, args.repeat)
    _time("yaml.parse(CSafeLoader) events only",
          lambda p, t: sum(1 for _ in yaml.parse(p.read_bytes(), Loader=yaml.CSafeLoader)), files, args.repeat, floor)
    _time("read_yaml_file (safe reader)", lambda p, t: read_yaml_file(p), files, args.repeat, floor)
    _time("safe reader + model validation",
          lambda p, t: t.model.model_validate(read_yaml_file(p).data, context=context), files, args.repeat, floor)


if __name__ == "__main__":
    main()
