#!/usr/bin/env bash
# scripts/run-fuzzer.sh BINARY CORPUS SECONDS [LIBFUZZER FLAG...]: runs a libFuzzer target for
# SECONDS on a copy of CORPUS (the checked-in corpus never grows), with any further flags passed on
# (e.g. -timeout=120). Exits non-zero on a crash, a hang or a leak and prints its file.
set -uo pipefail

binary=${1:?usage: scripts/run-fuzzer.sh BINARY CORPUS SECONDS}
corpus=${2:?usage: scripts/run-fuzzer.sh BINARY CORPUS SECONDS}
seconds=${3:?usage: scripts/run-fuzzer.sh BINARY CORPUS SECONDS}
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/ersatz-fuzz-XXXXXX")
mkdir -p "$work/corpus" "$work/artifacts"
cp -r "$corpus/." "$work/corpus/" || exit 1
log="$work/fuzz.log"

# The OpenMP runtime's pool blocks are not ersatz's leaks (tests/fuzz/lsan.supp says why).
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")/.." && pwd)/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

"$binary" "$work/corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$@" >"$log" 2>&1
status=$?
tail -n 15 "$log"

crashes=$(find "$work/artifacts" -type f | head -n 20)
if [ $status -ne 0 ] || [ -n "$crashes" ]; then
  echo "run-fuzzer: FAILED (exit $status); inputs kept in $work/artifacts:" >&2
  for f in $crashes; do
    echo "  $f" >&2
    od -c "$f" | head -n 10 >&2
  done
  exit 1
fi
rm -rf "$work"
echo "run-fuzzer: no crash in ${seconds}s"
