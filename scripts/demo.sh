#!/usr/bin/env bash
# The main job end to end on bundled data (UCI Adult): profile the columns, learn the table,
# generate as many synthetic rows as it has, and show a few of them.
set -euo pipefail
ersatz=${1:-build/ersatz}
out=build/demo
mkdir -p "$out"

echo "== 1. ersatz profile data/adult.csv"
"$ersatz" profile data/adult.csv --write-metadata "$out/adult.yaml"
echo
echo "== 2. ersatz fit: learn the table (10% of rows, at most 2,000, held out), then evaluate against the holdout"
"$ersatz" fit data/adult.csv -o "$out/adult.ersatz" --holdout-csv "$out/holdout.csv" --seed 1 \
  --report-target income
echo
echo "== 3. ersatz sample: generate 32,561 synthetic rows"
"$ersatz" sample "$out/adult.ersatz" -n 32561 -o "$out/synthetic.csv" --seed 1
echo
echo "== the first synthetic rows ($out/synthetic.csv):"
head -n 6 "$out/synthetic.csv"
echo
echo "Outputs in $out/: adult.yaml (column types), adult.ersatz (model),"
echo "adult.ersatz.report.html / .json (quality and privacy report: open the HTML in a browser),"
echo "holdout.csv (real rows the model never saw), synthetic.csv (generated rows)."
