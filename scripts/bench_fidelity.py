#!/usr/bin/python3
"""The fidelity suite: ersatz on a dozen public tables of different shapes, scored on unseen rows.

usage: scripts/bench_fidelity.py BUILD_DIR [--tables a,b,...] [--out bench/results/fidelity.json]

For each table of bench/fidelity-tables.csv: a seeded 80/20 split (seed 0), `ersatz fit` on the 80%
with default flags (and --no-report: the scoring below is done once, the same way for every table),
`ersatz sample` of as many rows as were trained on, then `ersatz report` against the real 80% with
the 20% as holdout. Also real-vs-real: the report of a second, disjoint real half against the first,
which says how distinguishable the table's own halves are (the floor the discriminator AUC is judged
against). Writes one JSON record per table and prints a Markdown table.

Tune on the suite as a whole, never on one table: that is what it is for.
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [row for row in reader]


def write_rows(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def run(cmd, log):
    """Runs a command, returns (seconds, cpu seconds of children); raises with its stderr."""
    start = time.monotonic()
    before = os.times()
    with open(log, "a") as err:
        err.write("$ " + " ".join(map(str, cmd)) + "\n")
        err.flush()
        subprocess.run([str(c) for c in cmd], check=True, stdout=subprocess.DEVNULL, stderr=err)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.monotonic() - start, cpu


def score(report_json):
    j = json.loads(Path(report_json).read_text())
    fid, priv, util = j.get("fidelity") or {}, j.get("privacy") or {}, j.get("utility")
    out = {
        "accuracy": (fid.get("accuracy") or {}).get("overall"),
        "discriminator_auc": fid.get("discriminator_auc"),
        "dcr_share": priv.get("dcr_share"),
        "exact_copy_rate": priv.get("exact_copy_rate"),
        "holdout_exact_copy_rate": priv.get("holdout_exact_copy_rate"),
    }
    if util:
        out["utility_metric"] = util.get("metric")
        out["utility_real"] = util.get("real")
        out["utility_synthetic"] = util.get("synthetic")
        if util.get("real") is not None and util.get("synthetic") is not None:
            out["tstr_gap"] = util["real"] - util["synthetic"]
    return out


def bench_table(ersatz, spec, work, seed):
    name, path, target = spec["name"], ROOT / spec["path"], spec["target"]
    header, rows = read_rows(path)
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    cut = int(round(0.8 * len(rows)))
    train = [rows[i] for i in order[:cut]]
    test = [rows[i] for i in order[cut:]]
    d = Path(work) / name
    d.mkdir()
    write_rows(d / "train.csv", header, train)
    write_rows(d / "test.csv", header, test)
    log = d / "log.txt"
    fit_s, fit_cpu = run([ersatz, "fit", d / "train.csv", "-o", d / "m.ersatz", "--no-report",
                          "--seed", seed], log)
    learned = [l for l in log.read_text().splitlines() if l.startswith("ersatz: learned")]
    run([ersatz, "sample", d / "m.ersatz", "-n", len(train), "-o", d / "syn.csv", "--seed", seed], log)
    report = [ersatz, "report", "--real", d / "train.csv", "--synthetic", d / "syn.csv",
              "--holdout", d / "test.csv", "-o", d / "r.html", "--json", d / "r.json"]
    if target:
        report += ["--target", target]
    run(report, log)
    record = {"table": name, "rows": len(rows), "columns": len(header), "target": target,
              "fit_seconds": round(fit_s, 1), "fit_cpu_seconds": round(fit_cpu, 1),
              "fit_summary": learned[-1] if learned else ""}
    record.update(score(d / "r.json"))
    # Real against real: the holdout (20%) against an equal-sized slice of the training rows.
    half = train[: len(test)]
    write_rows(d / "real_a.csv", header, half)
    run([ersatz, "report", "--real", d / "real_a.csv", "--synthetic", d / "test.csv",
         "-o", d / "rr.html", "--json", d / "rr.json"], log)
    record["real_vs_real_auc"] = score(d / "rr.json")["discriminator_auc"]
    return record


def fmt(v, digits=3):
    return "" if v is None else (f"{v:.{digits}f}" if isinstance(v, float) else str(v))


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    build = Path(args[0])
    ersatz = (build / "ersatz").resolve()
    only = None
    out = ROOT / "bench/results/fidelity.json"
    seed = "1"
    i = 1
    while i < len(args):
        if args[i] == "--tables":
            only = set(args[i + 1].split(","))
            i += 2
        elif args[i] == "--out":
            out = Path(args[i + 1])
            i += 2
        elif args[i] == "--seed":
            seed = args[i + 1]
            i += 2
        else:
            sys.exit(f"bench_fidelity: unknown argument {args[i]}")
    with open(ROOT / "bench/fidelity-tables.csv", newline="") as f:
        specs = [s for s in csv.DictReader(f) if only is None or s["name"] in only]
    records = []
    with tempfile.TemporaryDirectory(prefix="ersatz-fidelity-") as work:
        for spec in specs:
            print(f"bench: fidelity {spec['name']} ...", file=sys.stderr, flush=True)
            try:
                records.append(bench_table(ersatz, spec, work, seed))
            except subprocess.CalledProcessError as e:
                log = Path(work) / spec["name"] / "log.txt"
                print(log.read_text()[-3000:], file=sys.stderr)
                records.append({"table": spec["name"], "error": str(e)})
            print(json.dumps(records[-1]), file=sys.stderr, flush=True)
    result = {
        "benchmark": "fidelity suite: 80/20 split (seed 0), default fit, as many rows as trained on",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpu": subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p' | head -1"],
                              capture_output=True, text=True).stdout.strip(),
        "cores": os.cpu_count(),
        "tables": records,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print("| table | rows × cols | fit s (cpu) | accuracy | disc. AUC | real-vs-real AUC | TSTR gap | DCR share | exact copies (holdout) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in records:
        if "error" in r:
            print(f"| {r['table']} | failed: {r['error']} |")
            continue
        print(f"| {r['table']} | {r['rows']} × {r['columns']} | {fmt(r['fit_seconds'], 1)} ({fmt(r['fit_cpu_seconds'], 1)}) "
              f"| {fmt(r['accuracy'])} | {fmt(r['discriminator_auc'])} | {fmt(r['real_vs_real_auc'])} "
              f"| {fmt(r.get('tstr_gap'))} | {fmt(r['dcr_share'])} "
              f"| {fmt(100 * r['exact_copy_rate'] if r['exact_copy_rate'] is not None else None, 2)}% "
              f"({fmt(100 * r['holdout_exact_copy_rate'] if r.get('holdout_exact_copy_rate') is not None else None, 2)}%) |")
    print(f"bench: -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
