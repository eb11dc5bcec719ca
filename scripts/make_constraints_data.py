#!/usr/bin/env python3
"""Writes tests/data/orders_constraints.csv and its metadata: a small table whose columns obey
every kind of constraint (docs/constraints.md). Fixed seed, so the files never change.

    /usr/bin/python3 scripts/make_constraints_data.py
"""
import datetime
import json
import random

ROWS = 2000
CITIES = {  # city -> state (a city name in two states on purpose: the pair decides)
    "Austin": "TX", "Dallas": "TX", "Houston": "TX", "El Paso": "TX", "Portland": "OR",
    "Salem": "OR", "Eugene": "OR", "Denver": "CO", "Boulder": "CO", "Springfield": "IL",
    "Chicago": "IL", "Peoria": "IL", "Miami": "FL", "Tampa": "FL", "Orlando": "FL",
}


def main():
    rng = random.Random(20261126)
    cities = list(CITIES) + ["Springfield"]
    states = dict(CITIES)
    rows = []
    start0 = datetime.date(2023, 1, 1)
    for i in range(ROWS):
        city = rng.choice(cities)
        # The second "Springfield" entry is the one in Missouri.
        state = "MO" if city == "Springfield" and rng.random() < 0.4 else states[city]
        start = start0 + datetime.timedelta(days=rng.randrange(0, 365))
        end = start + datetime.timedelta(days=int(rng.expovariate(1 / 6)))
        temp_c = round(rng.gauss(18 if state in ("TX", "FL") else 10, 7), 1)
        temp_f = temp_c * 9 / 5 + 32
        price = round(rng.choice([4.99, 9.99, 19.99, 24.5, 99.0]) * rng.choice([1, 1, 1, 0.9]), 2)
        qty = 1 + int(rng.expovariate(1 / 2.5))
        total = price * qty
        rows.append([i + 1, start.isoformat(), end.isoformat(), city, state, f"{temp_c:.1f}",
                     f"{temp_f:.2f}", f"{price:.2f}", qty, f"{total:.2f}"])
    header = ["order_id", "start", "end", "city", "state", "temp_c", "temp_f", "price", "qty", "total"]
    with open("tests/data/orders_constraints.csv", "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(f'"{v}"' if isinstance(v, str) and " " in v else str(v) for v in r) + "\n")
    metadata = {
        "version": 1,
        "columns": [
            {"name": "order_id", "type": "identifier"},
            {"name": "start", "type": "datetime", "format": "%Y-%m-%d"},
            {"name": "end", "type": "datetime", "format": "%Y-%m-%d"},
            {"name": "city", "type": "categorical"},
            {"name": "state", "type": "categorical"},
            {"name": "temp_c", "type": "float"},
            {"name": "temp_f", "type": "float"},
            {"name": "price", "type": "float"},
            {"name": "qty", "type": "integer"},
            {"name": "total", "type": "float"},
        ],
        "constraints": [
            {"type": "inequality", "low": "start", "high": "end"},
            {"type": "combination", "columns": ["city", "state"]},
            {"type": "derived", "column": "temp_f", "expression": "temp_c * 9 / 5 + 32"},
            {"type": "derived", "column": "total", "expression": "price * qty"},
            {"type": "derived", "column": "order_id", "expression": "row_number()"},
            {"type": "unique", "column": "order_id"},
        ],
    }
    with open("tests/data/orders_constraints.json", "w") as f:
        json.dump(metadata, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
