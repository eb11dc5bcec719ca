#!/usr/bin/env python3
"""Counts the values of a sampled CSV that break the validators stored in its model file
(docs/constraints.md); BENCHMARKS.md reports the result for 1M Adult rows.

    /usr/bin/python3 scripts/check_validators.py model.ersatz sample.csv
"""
import json
import struct
import sys

import numpy as np
import pandas as pd


def read_header(path):
    with open(path, "rb") as f:
        head = f.read(20)
        (length,) = struct.unpack("<Q", head[12:20])
        return json.loads(f.read(length))


def main(model_path, sample_path):
    rules = read_header(model_path).get("validators", [])
    s = pd.read_csv(sample_path, keep_default_na=False, na_values=[""], dtype=str)
    total = 0
    for rule in rules:
        col = s[rule["column"]].dropna()
        if rule["rule"] == "range" and not rule.get("datetime"):
            v = col.astype(float)
            bad = int(((v < rule["min"]) | (v > rule["max"])).sum())
        elif rule["rule"] == "decimals":
            v = col.astype(float) * 10 ** rule["decimals"]
            bad = int((np.abs(v - np.round(v)) > 1e-6 * np.maximum(1, np.abs(v))).sum())
        elif rule["rule"] == "categories":
            bad = int((~col.isin(set(rule["categories"]))).sum())
        else:
            continue
        total += bad
        print(f"  {rule['rule']:>10} {rule['column']}: {bad}")
    print(f"{len(s)} rows, {len(rules)} rules, {total} values outside them")


if __name__ == "__main__":
    main(*sys.argv[1:])
