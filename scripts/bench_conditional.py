#!/usr/bin/python3
"""Conditional-sampling figures for docs/BENCHMARKS.md (Adult; needs pandas, sklearn and Debian's
python3-xgboost — tools for measuring, not dependencies of ersatz).

usage: scripts/bench_conditional.py MODEL HOLDOUT_CSV [--boost]

MODEL / HOLDOUT_CSV: `ersatz fit data/adult.csv -o MODEL --seed 1 --no-report --holdout-csv HOLDOUT_CSV`.
--boost also runs the boosting demo: Adult split 80/20 (numpy seed 1), the >50K class of the 80%
subsampled to 3%, a model fitted on that (`--holdout 0`), synthetic >50K rows added, and an
XGBoost classifier scored on the real 20%.
CPU times are user+sys of the ersatz process (the machine may be shared: wall time is not reported).
"""
import json
import os
import resource
import subprocess
import sys
import tempfile

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ERSATZ = os.path.join(ROOT, "build", "ersatz")
ADULT = os.path.join(ROOT, "data", "adult.csv")


def run(args):
    """Runs ersatz; returns the CPU seconds (user+sys) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([ERSATZ] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def report(real, synthetic, tmp, name):
    """MOSTLY-style accuracy from the library's report (`ersatz report`)."""
    real_csv, syn_csv = os.path.join(tmp, name + "_real.csv"), os.path.join(tmp, name + "_syn.csv")
    real.to_csv(real_csv, index=False)
    synthetic.to_csv(syn_csv, index=False)
    out = os.path.join(tmp, name + ".json")
    run(["report", "--real", real_csv, "--synthetic", syn_csv, "-o", os.path.join(tmp, name + ".html"),
         "--json", out, "--no-privacy", "--no-discriminator", "--threads", "1"])
    with open(out) as f:
        return json.load(f)["fidelity"]


def throughput(model, tmp):
    rows = 50000
    out = os.path.join(tmp, "t.csv")
    cases = [("unconditional", []),
             ("--where race=Amer-Indian-Eskimo (1.0% of rows)", ["--where", "race=Amer-Indian-Eskimo"]),
             ("--where age=30..40", ["--where", "age=30..40"]),
             ("--where fnlwgt=100000..200000 (digit by digit)", ["--where", "fnlwgt=100000..200000"])]
    base = None
    for name, extra in cases:
        cpu = min(run(["sample", model, "-n", str(rows), "-o", out, "--seed", "1", "--threads", "1"] + extra)
                  for _ in range(2))
        base = base or cpu
        print(f"throughput {name}: {rows / cpu:,.0f} rows per CPU second ({base / cpu:.0%} of unconditional)")


def rebalance(model, tmp):
    out = os.path.join(tmp, "balanced.csv")
    run(["sample", model, "-n", "100000", "-o", out, "--seed", "2", "--rebalance", "income=>50K:0.5"])
    syn = read(out)
    print(f"rebalance income=>50K:0.5 over 100k rows: >50K share {(syn.income == '>50K').mean():.4f}")
    real = read(ADULT)
    for cls in ["<=50K", ">50K"]:
        f = report(real[real.income == cls], syn[syn.income == cls], tmp, "class" + cls.strip("<=>"))
        print(f"  class {cls}: bivariate accuracy {f['accuracy']['bivariate']:.4f}, "
              f"univariate {f['accuracy']['univariate']:.4f}")


def seed_pairs(real, synthetic, tmp, name):
    """Bivariate accuracy of the (seed column, other column) pairs: mean, min and the min pair."""
    f = report(real, synthetic, tmp, name)
    seed_cols = {"age", "sex", "race"}
    acc = [(p["accuracy"], "/".join(p["columns"])) for p in f["pairs"]
           if len(seed_cols & set(p["columns"])) == 1 and p.get("accuracy") is not None]
    return len(acc), sum(a for a, _ in acc) / len(acc), min(acc)


def seeded(model, holdout_csv, tmp):
    holdout = read(holdout_csv)
    seeds = os.path.join(tmp, "seeds.csv")
    holdout[["age", "sex", "race"]].to_csv(seeds, index=False)
    out = os.path.join(tmp, "seeded.csv")
    for per_seed in [1, 5]:
        run(["sample", model, "--seed-data", seeds, "--per-seed", str(per_seed), "-o", out, "--seed", "3"])
        n, mean, (low, pair) = seed_pairs(holdout, read(out)[list(holdout.columns)], tmp, "seeded")
        print(f"seeded (age, sex, race) from the holdout, --per-seed {per_seed}: {n} (seed, other) pairs "
              f"against the holdout, bivariate accuracy mean {mean:.4f}, min {low:.4f} ({pair})")
    # Reference: as many real training rows (Adult minus the holdout) against the holdout — the
    # sampling-noise floor of the metric on 6.5k rows.
    adult = read(ADULT)
    key = lambda frame: frame.astype(str).agg("\x1f".join, axis=1)
    held = key(holdout).value_counts()
    counts = {}
    keep = []
    for i, k in enumerate(key(adult)):
        counts[k] = counts.get(k, 0) + 1
        keep.append(counts[k] > held.get(k, 0))
    train = adult[keep].sample(n=len(holdout), random_state=0)
    n, mean, (low, pair) = seed_pairs(holdout, train, tmp, "real")
    print(f"  reference, {len(train)} real training rows against the holdout: mean {mean:.4f}, "
          f"min {low:.4f} ({pair})")


def impute(model, holdout_csv, tmp):
    """Blanks 20% of the holdout's categorical cells, imputes them, and scores the guesses."""
    import numpy as np

    holdout = read(holdout_csv)
    columns = ["workclass", "education", "marital-status", "occupation", "relationship", "sex", "income"]
    rng = np.random.default_rng(5)
    gappy = holdout.copy()
    blank = {c: rng.random(len(holdout)) < 0.2 for c in columns}
    for c in columns:
        gappy.loc[blank[c], c] = ""
    gappy_csv, filled_csv = os.path.join(tmp, "gappy.csv"), os.path.join(tmp, "filled.csv")
    gappy.to_csv(gappy_csv, index=False)
    cold_csv = os.path.join(tmp, "filled_cold.csv")
    run(["impute", model, gappy_csv, "-o", filled_csv, "--seed", "6"])
    run(["impute", model, gappy_csv, "-o", cold_csv, "--seed", "6", "--temperature", "0.1"])
    filled, cold = read(filled_csv), read(cold_csv)
    adult = read(ADULT)
    print("impute: 20% of the holdout's cells blanked per column; share of imputed cells equal to the truth "
          "(sampled / --temperature 0.1 / most frequent value)")
    for c in columns:
        mode = adult[c].mode()[0]
        hit = (filled.loc[blank[c], c] == holdout.loc[blank[c], c]).mean()
        hit_cold = (cold.loc[blank[c], c] == holdout.loc[blank[c], c]).mean()
        base = (holdout.loc[blank[c], c] == mode).mean()
        print(f"  {c}: {hit:.3f} / {hit_cold:.3f} / {base:.3f}")
    present = holdout != ""  # the holdout's own missing cells are imputed too
    kept = all((filled[c][present[c]] == holdout[c][present[c]]).all() for c in holdout.columns
               if c not in blank) and all(
        (filled[c][present[c] & ~blank[c]] == holdout[c][present[c] & ~blank[c]]).all() for c in columns)
    filled_all = bool((filled != "").all().all())
    print(f"  every present cell unchanged: {kept}; every missing cell filled: {filled_all}")


def boosting(tmp):
    import numpy as np
    import xgboost
    from sklearn.metrics import recall_score, precision_score

    adult = read(ADULT)
    rng = np.random.default_rng(1)
    order = rng.permutation(len(adult))
    cut = int(0.8 * len(adult))
    train, test = adult.iloc[order[:cut]], adult.iloc[order[cut:]]
    rich = train[train.income == ">50K"]
    poor = train[train.income != ">50K"]
    keep = int(round(0.03 / 0.97 * len(poor)))
    train = pd.concat([poor, rich.sample(n=keep, random_state=1)]).sort_index()
    train_csv, model = os.path.join(tmp, "boost_train.csv"), os.path.join(tmp, "boost.ersatz")
    train.to_csv(train_csv, index=False)
    fit_cpu = run(["fit", train_csv, "-o", model, "--seed", "1", "--no-report", "--holdout", "0"])
    minority = int((train.income == ">50K").sum())
    extra = os.path.join(tmp, "extra.csv")
    run(["sample", model, "-n", str(len(train)), "-o", extra, "--seed", "4",
         "--rebalance", "income=>50K:1"])
    synthetic = read(extra)[list(train.columns)]
    numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]

    def fit_score(frame, name):
        both = pd.concat([frame, test]).drop(columns=["income"])
        for c in both.columns:
            both[c] = pd.to_numeric(both[c], errors="coerce") if c in numeric else both[c].astype("category")
        clf = xgboost.XGBClassifier(n_estimators=200, max_depth=6, learning_rate=0.1, tree_method="hist",
                                    enable_categorical=True, n_jobs=1, random_state=0)
        clf.fit(both.iloc[: len(frame)], (frame.income == ">50K").astype(int))
        pred = clf.predict(both.iloc[len(frame):])
        truth = (test.income == ">50K").astype(int)
        print(f"  {name}: >50K recall {recall_score(truth, pred):.4f}, "
              f"precision {precision_score(truth, pred):.4f}")

    majority = len(train) - minority
    print(f"boosting demo (XGBoost {xgboost.__version__}, 200 trees of depth 6, native categories): "
          f"{len(train)} training rows, {minority} of them >50K (3%), fit {fit_cpu:.0f} s CPU; "
          f"{len(test)} real test rows")
    fit_score(train, "real only")
    for share in [0.25, 0.5]:
        add = synthetic.head(int(share * majority / (1 - share)) - minority)
        fit_score(pd.concat([train, add]), f"real + {len(add)} synthetic >50K rows ({share:.0%} minority)")


def main():
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--boost"):
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        throughput(sys.argv[1], tmp)
        rebalance(sys.argv[1], tmp)
        seeded(sys.argv[1], sys.argv[2], tmp)
        impute(sys.argv[1], sys.argv[2], tmp)
        if len(sys.argv) == 4:
            boosting(tmp)


if __name__ == "__main__":
    main()
