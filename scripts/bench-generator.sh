#!/usr/bin/env bash
# scripts/bench-generator.sh BUILD_DIR: the generator end to end on UCI Adult — fit on 80% of the
# rows, sample 1M and 10M rows — with wall time and peak memory (GNU time's maximum resident set
# size), written to bench/results/generator.json. ERSATZ_BENCH_THREADS sets --threads (default 0:
# all cores). The big samples go to $TMPDIR (default /tmp) and are deleted.
set -euo pipefail

build=${1:?usage: scripts/bench-generator.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
threads=${ERSATZ_BENCH_THREADS:-0}
work=$(mktemp -d "${TMPDIR:-/tmp}/ersatz-bench-gen-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Runs a command under GNU time; prints "seconds max_rss_kb".
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
    cat "$work/stderr" >&2
    exit 1
  }
  cat "$work/time"
}

echo "bench: ersatz fit data/adult.csv (holdout 0.2, seed 1, threads $threads)"
read -r fit_s fit_kb < <(measure "$build/ersatz" fit "$root/data/adult.csv" -o "$work/adult.ersatz" \
  --holdout 0.2 --seed 1 --threads "$threads")
fit_line=$(grep '^ersatz: learned' "$work/stderr")
echo "  $fit_s s, peak RSS $((fit_kb / 1024)) MB; $fit_line"

echo "bench: ersatz sample -n 1000000"
read -r s1_s s1_kb < <(measure "$build/ersatz" sample "$work/adult.ersatz" -n 1000000 \
  -o "$work/s1.csv" --threads "$threads")
echo "  $s1_s s, peak RSS $((s1_kb / 1024)) MB"
rm -f "$work/s1.csv"

echo "bench: ersatz sample -n 10000000"
read -r s10_s s10_kb < <(measure "$build/ersatz" sample "$work/adult.ersatz" -n 10000000 \
  -o "$work/s10.csv" --threads "$threads")
echo "  $s10_s s, peak RSS $((s10_kb / 1024)) MB"
rm -f "$work/s10.csv"

cat > "$results/generator.json" <<JSON
{
  "benchmark": "ersatz fit / sample on data/adult.csv (32,561 rows; 80% trained, seed 1)",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "cpu": "$(lscpu | sed -n 's/^Model name: *//p' | head -1)",
  "cores": $(nproc),
  "threads": $threads,
  "fit_seconds": $fit_s,
  "fit_peak_rss_mb": $((fit_kb / 1024)),
  "fit_summary": "${fit_line//\"/\'}",
  "sample_1m_seconds": $s1_s,
  "sample_1m_peak_rss_mb": $((s1_kb / 1024)),
  "sample_10m_seconds": $s10_s,
  "sample_10m_peak_rss_mb": $((s10_kb / 1024))
}
JSON
echo "bench: -> $results/generator.json"
