#!/usr/bin/env python3
"""Counts the rows of a sample of tests/data/orders_constraints.csv that break its constraints
(docs/constraints.md); BENCHMARKS.md reports the result for 1M rows.

    /usr/bin/python3 scripts/check_constraints.py tests/data/orders_constraints.csv sample.csv
"""
import sys

import pandas as pd


def main(train_path, sample_path):
    train = pd.read_csv(train_path)
    s = pd.read_csv(sample_path, keep_default_na=False, na_values=[""])
    pairs = set(zip(train.city, train.state))
    checks = {
        "start <= end": (pd.to_datetime(s.start) > pd.to_datetime(s.end)).sum(),
        "city, state seen together": (~pd.Series([p in pairs or p == ("_RARE_", "_RARE_")
                                                  for p in zip(s.city, s.state)])).sum(),
        "temp_f = temp_c * 9 / 5 + 32": ((s.temp_c * 9 / 5 + 32).round(2).sub(s.temp_f).abs() > 1e-9).sum(),
        "total = price * qty": ((s.price * s.qty).round(2).sub(s.total).abs() > 1e-9).sum(),
        "order_id = row_number()": (s.order_id != pd.RangeIndex(1, len(s) + 1)).sum(),
        "order_id unique": len(s) - s.order_id.nunique(),
        "null in a constrained column": s[["start", "end", "city", "state", "temp_f", "total"]].isna().any(axis=1).sum(),
    }
    print(f"{len(s)} rows")
    for name, bad in checks.items():
        print(f"  {name}: {bad} violations")


if __name__ == "__main__":
    main(*sys.argv[1:])
