#!/usr/bin/env bash
# scripts/bench.sh BUILD_DIR: the CSV micro benchmarks (bench/results/csv.json) and end-to-end
# reads (ReadCsv: parse and type; ReadCsvRaw: parse only) of a generated 1 GB numeric CSV
# (bench/results/csv_1gb.json). CPU time is reported next to wall time: on a shared machine it
# is the steadier figure.
# ERSATZ_BENCH_CSV_MB sets the micro benchmark's in-memory CSV (default 64); ERSATZ_BENCH_E2E_MB
# the end-to-end file (default 1024); the file goes to $TMPDIR (default /tmp) and is deleted.
set -euo pipefail

build=${1:?usage: scripts/bench.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"

"$build/ersatz_bench" --benchmark_filter='BM_Parse' \
  --benchmark_out="$results/csv.json" --benchmark_out_format=json

e2e_mb=${ERSATZ_BENCH_E2E_MB:-1024}
csv=$(mktemp "${TMPDIR:-/tmp}/ersatz-bench-XXXXXX.csv")
raw=$(mktemp "${TMPDIR:-/tmp}/ersatz-bench-XXXXXX.json")
trap 'rm -f "$csv" "$raw"' EXIT
echo "bench: generating a ${e2e_mb} MB numeric CSV in $csv"
"$build/ersatz_make_numeric_csv" "$csv" "$e2e_mb"
# Drop nothing from the page cache (not root-safe); the file was just written, so this measures
# parsing plus a cached read, not the disk. BM_ReadCsvFile is ReadCsv (parse and type: the target),
# BM_ReadCsvRawFile ReadCsvRaw (parse only).
ERSATZ_BENCH_CSV_FILE="$csv" "$build/ersatz_bench" --benchmark_filter='BM_ReadCsv' \
  --benchmark_out="$raw" --benchmark_out_format=json
/usr/bin/python3 - "$raw" "$csv" "$results/csv_1gb.json" <<'PY'
import json, os, sys
raw, csv, out = sys.argv[1:]
run = json.load(open(raw))
size = os.path.getsize(csv)
summary = {"bytes": size, "date": run["context"]["date"], "host": run["context"].get("host_name", "")}
for name, what in [("BM_ReadCsvFile", "ReadCsv (parse + infer + type)"),
                   ("BM_ReadCsvRawFile", "ReadCsvRaw (parse only)")]:
    bench = next(b for b in run["benchmarks"] if b["name"].startswith(name + "/"))
    wall = bench["real_time"] / 1000.0  # reported in milliseconds
    cpu = bench["cpu_time"] / 1000.0
    summary[name] = {
        "benchmark": what + " of a generated numeric CSV (5 int + 5 float columns), page cache warm",
        "rows": int(bench.get("rows", 0)),
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "wall_mb_per_s": round(size / 1e6 / wall, 1),
        "cpu_mb_per_s": round(size / 1e6 / cpu, 1),
    }
    print(f"bench: {what}: {size / 1e6:.0f} MB in {wall:.2f} s wall ({cpu:.2f} s CPU) = "
          f"{size / 1e6 / wall:.1f} MB/s wall, {size / 1e6 / cpu:.1f} MB/s CPU")
json.dump(summary, open(out, "w"), indent=2)
open(out, "a").write("\n")
print(f"bench: -> {out}")
PY
