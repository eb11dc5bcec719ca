#!/usr/bin/env bash
# The main job end to end on bundled data. Until the generator lands, that is profiling UCI Adult:
# infer every column's type, print its statistics and write the metadata file a user would edit.
set -euo pipefail
ersatz=${1:-build/ersatz}
out=build/demo
mkdir -p "$out"

echo "== ersatz profile data/adult.csv"
"$ersatz" profile data/adult.csv --write-metadata "$out/adult.yaml"
echo
echo "== the metadata file it wrote ($out/adult.yaml), to edit and pass back with --metadata:"
head -n 12 "$out/adult.yaml"
echo "..."
