#!/usr/bin/env bash
# scripts/bench-generator.sh BUILD_DIR: the generator end to end on UCI Adult — fit on 80% of the
# rows, sample 1M rows with the default privacy filter (medium) and without, and 10M — with wall
# time, CPU time and peak memory (GNU time's maximum resident set size), written to
# bench/results/generator.json. ERSATZ_BENCH_THREADS sets --threads (default 0: all cores). The
# big samples go to $TMPDIR (default /tmp) and are deleted.
set -euo pipefail

build=${1:?usage: scripts/bench-generator.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
threads=${ERSATZ_BENCH_THREADS:-0}
work=$(mktemp -d "${TMPDIR:-/tmp}/ersatz-bench-gen-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Runs a command under GNU time; prints "seconds cpu_seconds max_rss_kb" (CPU: user + sys, the
# figure to compare on a shared machine).
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
    cat "$work/stderr" >&2
    exit 1
  }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time"
}

echo "bench: ersatz fit data/adult.csv (holdout 0.2, seed 1, threads $threads)"
read -r fit_s fit_cpu fit_kb < <(measure "$build/ersatz" fit "$root/data/adult.csv" -o "$work/adult.ersatz" \
  --holdout 0.2 --seed 1 --threads "$threads")
fit_line=$(grep '^ersatz: learned' "$work/stderr")
echo "  $fit_s s ($fit_cpu s CPU), peak RSS $((fit_kb / 1024)) MB; $fit_line"

# The default privacy filter (medium) and none: the filter must cost little next to generation.
echo "bench: ersatz sample -n 1000000 (privacy filter medium, the default)"
read -r s1_s s1_cpu s1_kb < <(measure "$build/ersatz" sample "$work/adult.ersatz" -n 1000000 \
  -o "$work/s1.csv" --threads "$threads" --seed 1)
echo "  $s1_s s ($s1_cpu s CPU), peak RSS $((s1_kb / 1024)) MB; $(grep 'privacy filter' "$work/stderr")"
rm -f "$work/s1.csv"

echo "bench: ersatz sample -n 1000000 --privacy-filter off"
read -r s1off_s s1off_cpu s1off_kb < <(measure "$build/ersatz" sample "$work/adult.ersatz" -n 1000000 \
  -o "$work/s1.csv" --threads "$threads" --seed 1 --privacy-filter off)
echo "  $s1off_s s ($s1off_cpu s CPU), peak RSS $((s1off_kb / 1024)) MB"
rm -f "$work/s1.csv"

echo "bench: ersatz sample -n 10000000"
read -r s10_s s10_cpu s10_kb < <(measure "$build/ersatz" sample "$work/adult.ersatz" -n 10000000 \
  -o "$work/s10.csv" --threads "$threads")
echo "  $s10_s s ($s10_cpu s CPU), peak RSS $((s10_kb / 1024)) MB"
rm -f "$work/s10.csv"

cat > "$results/generator.json" <<JSON
{
  "benchmark": "ersatz fit / sample on data/adult.csv (32,561 rows; 80% trained, seed 1)",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "cpu": "$(lscpu | sed -n 's/^Model name: *//p' | head -1)",
  "cores": $(nproc),
  "threads": $threads,
  "fit_seconds": $fit_s,
  "fit_cpu_seconds": $fit_cpu,
  "fit_peak_rss_mb": $((fit_kb / 1024)),
  "fit_summary": "${fit_line//\"/\'}",
  "sample_1m_seconds": $s1_s,
  "sample_1m_cpu_seconds": $s1_cpu,
  "sample_1m_peak_rss_mb": $((s1_kb / 1024)),
  "sample_1m_filter_off_seconds": $s1off_s,
  "sample_1m_filter_off_cpu_seconds": $s1off_cpu,
  "sample_10m_seconds": $s10_s,
  "sample_10m_cpu_seconds": $s10_cpu,
  "sample_10m_peak_rss_mb": $((s10_kb / 1024))
}
JSON
echo "bench: -> $results/generator.json"
