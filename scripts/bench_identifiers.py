#!/usr/bin/python3
"""Can a classifier use the regenerated identifiers? Figures for docs/BENCHMARKS.md (standard
library only).

usage: scripts/bench_identifiers.py [ERSATZ] [--rows N] [--dir DIR]

Writes a police-stops-like table (ids "17-000001", "17-000002", … counting up with the stop
date, plus date, hour, county, driver, violation, search and coordinates), fits ERSATZ (default
build/ersatz) on it (`--holdout 0`, seed 1), samples as many rows, and scores them with
`ersatz report` twice: as they are (the report leaves the all-distinct id out) and with the id cut
into features a classifier can use: its prefix (a category) and its number halved (integer
division: every value then occurs about twice, so the report does not take it for an identifier
and leave it out). The reference is a second table of the same process (another seed) scored the
same way against the first: real against real.

Two cases: "dense", every row of the table (ids 1..N, as `fit --no-report` learns them), and
"gapped", a random 10% of the rows left out first (as `fit`'s report holdout leaves the ids it
learns). Also prints whether the synthetic ids are unique, keep the shape, and how often they go
up with the synthetic dates.
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_stops(path, rows, seed=17):
    rng = random.Random(seed)
    counties = [f"County{i:02d}" for i in range(12)]
    weights = [2 ** -(i / 3) for i in range(12)]
    fixed = random.Random(0)  # the process; `seed` draws one sample of it
    centres = {c: (41 + fixed.random(), -73 + fixed.random()) for c in counties}
    violations = ["Speeding", "Equipment", "Registration", "Seat belt", "Moving violation"]
    # Days of 2017 with more stops on weekdays; rows are in date order, as the real file is.
    days = []
    for d in range(365):
        days += [d] * (3 if d % 7 < 5 else 1)
    dates = sorted(rng.choice(days) for _ in range(rows))
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["stop_id", "stop_date", "hour", "county", "driver_gender", "driver_age",
                    "violation", "search_conducted", "lat", "lon"])
        for i, d in enumerate(dates):
            month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            m, day = 0, d
            while day >= month_days[m]:
                day -= month_days[m]
                m += 1
            county = rng.choices(counties, weights)[0]
            age = min(80, max(16, int(rng.gauss(38, 13))))
            violation = violations[0] if rng.random() < 0.5 - (age - 38) / 100 else rng.choice(violations[1:])
            search = rng.random() < (0.08 if violation == "Equipment" else 0.03)
            lat, lon = centres[county]
            w.writerow([f"17-{i + 1:06d}", f"2017-{m + 1:02d}-{day + 1:02d}",
                        int(rng.triangular(0, 23, 17)), county, rng.choice("MMF"), age, violation,
                        "TRUE" if search else "FALSE", f"{lat + rng.gauss(0, 0.05):.5f}",
                        f"{lon + rng.gauss(0, 0.05):.5f}"])


def with_id_features(src, dst):
    """stop_id "17-000123" -> id_prefix "p17" (a category), id_half 61 (the number // 2)."""
    with open(src, newline="") as f, open(dst, "w", newline="") as g:
        r, w = csv.reader(f), csv.writer(g)
        header = next(r)
        at = header.index("stop_id")
        w.writerow(header[:at] + ["id_prefix", "id_half"] + header[at + 1:])
        for row in r:
            prefix, _, number = row[at].partition("-")
            w.writerow(row[:at] + ["p" + prefix, int(number) // 2 if number.isdigit() else ""] + row[at + 1:])


def discriminator_auc(ersatz, real, synthetic, work, name):
    out = os.path.join(work, name)
    subprocess.run([ersatz, "report", "--real", real, "--synthetic", synthetic, "-o", out + ".html",
                    "--json", out + ".json", "--no-privacy"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out + ".json") as f:
        return json.load(f)["fidelity"]["discriminator_auc"]


def id_checks(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["stop_id"] for r in rows]
    shaped = sum(1 for i in ids if len(i) == 9 and i[:3] == "17-" and i[3:].isdigit())
    order = sorted(rows, key=lambda r: r["stop_id"])
    up = down = 0
    for a, b in zip(order, order[1:]):
        if a["stop_date"] != b["stop_date"]:
            up += a["stop_date"] < b["stop_date"]
            down += a["stop_date"] > b["stop_date"]
    return {"rows": len(ids), "unique": len(set(ids)) == len(ids), "shaped": shaped / len(ids),
            "first": min(ids), "last": max(ids), "date_steps_up": up / max(1, up + down)}


def keep_share(src, dst, share, seed):
    rng = random.Random(seed)
    with open(src, newline="") as f, open(dst, "w", newline="") as g:
        r, w = csv.reader(f), csv.writer(g)
        w.writerow(next(r))
        for row in r:
            if rng.random() < share:
                w.writerow(row)


def rows_of(path):
    with open(path) as f:
        return sum(1 for _ in f) - 1


def run_case(ersatz, work, name, rows, share):
    full, other = os.path.join(work, "stops_all.csv"), os.path.join(work, "other_all.csv")
    make_stops(full, rows, seed=17)
    make_stops(other, rows, seed=18)
    real, fresh = os.path.join(work, name + "_real.csv"), os.path.join(work, name + "_other.csv")
    keep_share(full, real, share, 1)
    keep_share(other, fresh, share, 2)
    syn, model = os.path.join(work, name + "_synthetic.csv"), os.path.join(work, name + ".ersatz")
    subprocess.run([ersatz, "fit", real, "-o", model, "--no-report", "--holdout", "0", "--seed", "1"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([ersatz, "sample", model, "-n", str(rows_of(real)), "-o", syn, "--seed", "1"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ids = {}
    for path in (real, fresh, syn):
        ids[path] = path[:-4] + "_ids.csv"
        with_id_features(path, ids[path])
    return {
        "rows": rows_of(real),
        "synthetic_auc_without_id": discriminator_auc(ersatz, real, syn, work, name + "_s0"),
        "synthetic_auc_with_id": discriminator_auc(ersatz, ids[real], ids[syn], work, name + "_s1"),
        "real_vs_real_auc_without_id": discriminator_auc(ersatz, real, fresh, work, name + "_r0"),
        "real_vs_real_auc_with_id": discriminator_auc(ersatz, ids[real], ids[fresh], work, name + "_r1"),
        "synthetic_ids": id_checks(syn),
        "real_ids": id_checks(real),
    }


def main():
    args = sys.argv[1:]
    ersatz = os.path.join(ROOT, "build", "ersatz")
    rows, work = 20000, None
    while args:
        a = args.pop(0)
        if a == "--rows":
            rows = int(args.pop(0))
        elif a == "--dir":
            work = args.pop(0)
        else:
            ersatz = a
    work = work or tempfile.mkdtemp(prefix="ersatz-ids-")
    os.makedirs(work, exist_ok=True)
    result = {"ersatz": ersatz, "dense": run_case(ersatz, work, "dense", rows, 1.0),
              "gapped": run_case(ersatz, work, "gapped", rows, 0.9)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
