#!/usr/bin/env bash
# scripts/bench-dp.sh BUILD_DIR: DP-SGD's cost against ordinary training at the same epochs
# (issue 6's target: DP wall time ≤ 2× non-DP) on UCI Adult, for the network each ε gets by
# default: small (ε = 1) and medium (ε = 4). 20 epochs, --no-report, seed 1; wall and CPU
# (user + sys) from GNU time, written to bench/results/dp.json. ERSATZ_BENCH_THREADS sets
# --threads (default 0: all cores).
set -euo pipefail

build=${1:?usage: scripts/bench-dp.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
threads=${ERSATZ_BENCH_THREADS:-0}
work=$(mktemp -d "${TMPDIR:-/tmp}/ersatz-bench-dp-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Fits with the given flags; prints "wall_seconds cpu_seconds".
fit() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$build/ersatz" fit "$root/data/adult.csv" \
    -o "$work/m.ersatz" --max-epochs 20 --no-report --seed 1 --threads "$threads" "$@" \
    > /dev/null 2> "$work/stderr" || {
    cat "$work/stderr" >&2
    exit 1
  }
  read -r wall user sys < "$work/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%s %.2f\n", w, u + s }'
}

json="{\n  \"benchmark\": \"ersatz fit data/adult.csv --max-epochs 20 --no-report --seed 1: DP-SGD against ordinary training, same network and epochs\",\n"
json+="  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\n"
json+="  \"cpu\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\",\n  \"cores\": $(nproc),\n  \"threads\": $threads"
for pair in "small 1" "medium 4"; do
  set -- $pair
  size=$1 epsilon=$2
  echo "bench: $size network, ordinary and with --epsilon $epsilon"
  read -r plain_wall plain_cpu < <(fit --size "$size")
  read -r dp_wall dp_cpu < <(fit --size "$size" --epsilon "$epsilon")
  ratio=$(awk -v a="$dp_wall" -v b="$plain_wall" 'BEGIN { printf "%.3f", a / b }')
  cpu_ratio=$(awk -v a="$dp_cpu" -v b="$plain_cpu" 'BEGIN { printf "%.3f", a / b }')
  echo "  non-DP $plain_wall s wall ($plain_cpu s CPU), DP $dp_wall s wall ($dp_cpu s CPU): ${ratio}× wall, ${cpu_ratio}× CPU"
  json+=",\n  \"$size\": {\"epsilon\": $epsilon, \"plain_wall_seconds\": $plain_wall, \"plain_cpu_seconds\": $plain_cpu, "
  json+="\"dp_wall_seconds\": $dp_wall, \"dp_cpu_seconds\": $dp_cpu, \"wall_ratio\": $ratio, \"cpu_ratio\": $cpu_ratio}"
done
printf "$json\n}\n" > "$results/dp.json"
echo "bench: -> $results/dp.json"
