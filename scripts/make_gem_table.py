#!/usr/bin/env python3
"""Writes a gem-price table after ggplot2's diamonds (carat, cut, color, clarity, depth, table,
price, price_per_carat, x, y, z) with the near-deterministic relations that make such tables hard
to learn: carat ≈ 0.0061 · x · y · z (1% noise), x ≈ y (0.4%), z = depth · (x + y) / 200 (to the
rounding), price_per_carat = price / carat (to the cent). Fixed seed: the same file every time.
Used by docs/BENCHMARKS.md ("Discovered rules").

    python3 scripts/make_gem_table.py 20000 7 > gems.csv
"""
import math
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
CUTS = [("Fair", .03, .9), ("Good", .09, .95), ("Very Good", .22, 1.0), ("Premium", .26, 1.03),
        ("Ideal", .40, 1.05)]
COLORS = list(zip("DEFGHIJ", [.12, .18, .18, .21, .15, .10, .06],
                  [1.15, 1.1, 1.05, 1.0, .92, .85, .78]))
CLARITIES = list(zip(["I1", "SI2", "SI1", "VS2", "VS1", "VVS2", "VVS1", "IF"],
                     [.014, .17, .24, .23, .15, .09, .07, .036],
                     [.6, .8, .9, 1.0, 1.08, 1.18, 1.25, 1.4]))


def pick(options):
    u = random.random()
    for name, weight, factor in options:
        u -= weight
        if u <= 0:
            return name, factor
    return options[-1][0], options[-1][2]


print("carat,cut,color,clarity,depth,table,price,price_per_carat,x,y,z")
for _ in range(n):
    carat = round(min(5.0, max(0.2, math.exp(random.gauss(-0.45, 0.55)))), 2)
    cut, fc = pick(CUTS)
    color, fo = pick(COLORS)
    clarity, fl = pick(CLARITIES)
    depth = round(random.gauss(61.7, 1.3), 1)
    table = round(random.gauss(57.4, 2.2))
    d = (carat / 0.0061 * random.gauss(1, 0.01) / (depth / 100)) ** (1 / 3)  # x·y·z ≈ carat / 0.0061
    x = round(d * random.gauss(1, 0.004), 2)
    y = round(d * random.gauss(1, 0.004), 2)
    z = round(depth / 100 * (x + y) / 2, 2)
    price = max(326, round(3800 * carat ** 1.75 * fc * fo * fl * math.exp(random.gauss(0, 0.12))))
    print(f"{carat},{cut},{color},{clarity},{depth},{table},{price},{round(price / carat, 2)},{x},{y},{z}")
