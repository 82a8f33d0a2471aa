"""Write the example's measurements file, data/measurements.csv: a year of recorded compliance.

December 2025 to November 2026, for five standards of the example knowledge base, with the
volumes a small appliance maker's after-sales service would have:

- answer-within-4-hours — every question (about 10 a day), with the hours it took to answer
  (``value``): the histogram of answer times;
- technician-visit-2-days — every visit (about 12 a working day), with the working days from
  the call (``value``); weekly, in whole ISO weeks (1 December 2025 to 29 November 2026);
- complaint-answer-24-hours — every complaint (about 2 a day), answered in time or not (``met``);
  from September 2026 answers slip (a complaints officer left and was not replaced): the
  proportion not met rises far above the upper control limit in October and November;
- delivery-on-agreed-date and satisfaction-call-7-days — monthly counts (``cases``, ``not_met``)
  as the transport and quality departments report them.

The generator is seeded, so the file is the same on every run. The seed was chosen so that the
four stable standards show no false alarm: on 52 weekly points the run rule (8 in a row on one
side of the centre line) also fires by chance now and then, as it would on real data.

    python3 bench/make_measurements.py [--out data/measurements.csv] [--seed 13]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
from pathlib import Path

FIRST, LAST = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
LAST_WEEK_END = dt.date(2026, 11, 29)
"""The technician visits are weekly: whole ISO weeks only (30 November starts a new one)."""
COMPLAINT_DRIFT = {(2026, 9): 0.08, (2026, 10): 0.22, (2026, 11): 0.28}
"""Proportion of complaints not answered within 24 hours in the drifting months (else 4 %)."""


def days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small daily counts used here."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def rows(seed: int) -> list[tuple[str, str, str, str, str, str]]:
    """(date, standard, met, value, cases, not_met) in date order."""
    rng = random.Random(seed)
    out = []
    for day in days(FIRST, LAST):
        for _ in range(poisson(rng, 10)):
            hours = min(rng.lognormvariate(math.log(1.2), 0.6), 30.0)
            out.append((day.isoformat(), "answer-within-4-hours", "", f"{hours:.1f}", "", ""))
        if day.weekday() < 5 and day <= LAST_WEEK_END:
            for _ in range(poisson(rng, 12)):
                working_days = rng.choices([0, 1, 2, 3, 4], weights=[10, 55, 30, 4, 1])[0]
                out.append((day.isoformat(), "technician-visit-2-days", "", str(working_days), "", ""))
        late = COMPLAINT_DRIFT.get((day.year, day.month), 0.04)
        for _ in range(poisson(rng, 2)):
            out.append((day.isoformat(), "complaint-answer-24-hours", "no" if rng.random() < late else "yes",
                        "", "", ""))
        if day.day == 1:  # the monthly counts, dated by month
            month = f"{day.year}-{day.month:02d}"
            deliveries = 380 + rng.randint(-40, 40)
            out.append((month, "delivery-on-agreed-date", "", "", str(deliveries),
                        str(sum(rng.random() < 0.015 for _ in range(deliveries)))))
            closed = 250 + rng.randint(-30, 30)
            out.append((month, "satisfaction-call-7-days", "", "", str(closed),
                        str(sum(rng.random() < 0.07 for _ in range(closed)))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "measurements.csv")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    lines = ["date,standard,met,value,cases,not_met"]
    lines.extend(",".join(row) for row in rows(args.seed))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lines) - 1} rows, {args.out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
