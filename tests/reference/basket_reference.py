#!/usr/bin/env python3
"""Independent pandas/numpy reference for romi's market basket analysis
(issue 7) on order lines in the UCI Online Retail layout.

Usage:
    python3 basket_reference.py FILE.csv[.gz] [--top 20]

Prints JSON: {"baskets", "items", "min_support", "itemsets",
"itemsets_by_support": {support: count}, "rules", "top": [...]} where "top"
holds the first --top rules (lift descending, then rule key) with their key,
support, confidence, lift, leverage, conviction (null when infinite) and
counts. Shares no code with romi.

Row rules, first match wins: cancellation (InvoiceNo starting with "C" or
Quantity < 0), non-positive price (UnitPrice <= 0), missing id (no
CustomerID), duplicate (an exact repeat of an earlier kept line, after
trimming every field as romi's reader does). Then the non-product codes are
dropped. A basket is a distinct InvoiceNo with at least one remaining line;
an item is a StockCode, counted once per basket.

Counting is brute force with numpy: a 0/1 basket × item matrix X of the
items frequent on their own; pair counts are X.T @ X; triple counts {a, b, c}
are Xa.T @ Xa over the baskets containing a (only for b, c with {a, b} and
{a, c} frequent, since a triple's pairs are frequent whenever it is). Counts
are exact in float32 (sums of 0/1 below 2^24). An itemset is frequent when
count / baskets >= min_support, as mlxtend compares it.

Rule metrics follow mlxtend.association_rules, in floating point the way
mlxtend computes them (support ratios, then confidence = support(AC) /
support(A), lift = confidence / support(C)); the sort uses the exact
rational lift count(AC)·N / (count(A)·count(C)), then the rule key.
"""

import itertools
import json
import sys
from fractions import Fraction

import numpy as np
import pandas as pd

EXCLUDE = {"POST", "DOT", "M", "m", "C2", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS"}
EXCLUDE_PREFIXES = ("gift_0001_", "DCGS")
CANDIDATES = [0.05, 0.03, 0.02, 0.015, 0.01, 0.0075, 0.005]
MIN_ITEMSETS = 300
MIN_CONFIDENCE = 0.3
MIN_LIFT = 1.0


def load(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = df.apply(lambda col: col.str.strip())
    qty = pd.to_numeric(df["Quantity"])
    price = pd.to_numeric(df["UnitPrice"])
    cancel = df["InvoiceNo"].str.startswith("C") | (qty < 0)
    nonpos = ~cancel & (price <= 0)
    missing = ~cancel & ~nonpos & (df["CustomerID"] == "")
    kept = df[~cancel & ~nonpos & ~missing]
    kept = kept[~kept.duplicated()]
    code = kept["StockCode"]
    excluded = code.isin(EXCLUDE) | code.str.startswith(EXCLUDE_PREFIXES[0]) | code.str.startswith(EXCLUDE_PREFIXES[1])
    return kept[~excluded & (code != "")]


def frequent(X, n, counts, min_support):
    """All frequent itemsets up to size 3 as {tuple of column indices: count}."""
    ok = [i for i in range(X.shape[1]) if counts[i] / n >= min_support]
    out = {(i,): int(counts[i]) for i in ok}
    if not ok:
        return out
    Y = X[:, ok]
    pairs = Y.T @ Y
    nbr = {a: [] for a in range(len(ok))}
    for a in range(len(ok)):
        for b in range(a + 1, len(ok)):
            c = int(round(pairs[a, b]))
            if c / n >= min_support:
                out[(ok[a], ok[b])] = c
                nbr[a].append(b)
    for a in range(len(ok)):
        cols = nbr[a]
        if len(cols) < 2:
            continue
        rows = Y[:, a] > 0
        Z = Y[rows][:, cols]
        triples = Z.T @ Z
        for i, j in itertools.combinations(range(len(cols)), 2):
            c = int(round(triples[i, j]))
            if c / n >= min_support:
                out[(ok[a], ok[cols[i]], ok[cols[j]])] = c
    return out


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 20
    lines = load(path)
    pairs = lines[["InvoiceNo", "StockCode"]].drop_duplicates()
    items = sorted(pairs["StockCode"].unique())
    baskets = sorted(pairs["InvoiceNo"].unique())
    row = {b: i for i, b in enumerate(baskets)}
    n = len(baskets)
    # Only items frequent at the lowest candidate can be in any frequent itemset.
    item_counts = pairs["StockCode"].value_counts()
    cols = [s for s in items if item_counts[s] / n >= min(CANDIDATES)]
    col = {s: i for i, s in enumerate(cols)}
    some = pairs[pairs["StockCode"].isin(col)]
    X = np.zeros((n, len(cols)), dtype=np.float32)
    X[some["InvoiceNo"].map(row).to_numpy(), some["StockCode"].map(col).to_numpy()] = 1.0
    counts = X.sum(axis=0, dtype=np.float64)

    by_support = {}
    chosen = None
    for s in CANDIDATES:
        sets = frequent(X, n, counts, s)
        by_support[str(s)] = len(sets)
        chosen = (s, sets)
        if len(sets) >= MIN_ITEMSETS:
            break
    min_support, sets = chosen

    rules = []
    for itemset, c_ac in sets.items():
        if len(itemset) < 2:
            continue
        for k in range(1, len(itemset)):
            for a in itertools.combinations(itemset, k):
                c = tuple(x for x in itemset if x not in a)
                c_a, c_c = sets[a], sets[c]
                s_ac, s_a, s_c = c_ac / n, c_a / n, c_c / n
                confidence = s_ac / s_a
                lift = confidence / s_c
                if not (lift > MIN_LIFT and confidence >= MIN_CONFIDENCE):
                    continue
                ids_a = sorted(cols[i] for i in a)
                ids_c = sorted(cols[i] for i in c)
                rules.append(
                    {
                        "rule": "+".join(ids_a) + "=>" + "+".join(ids_c),
                        "exact_lift": Fraction(c_ac * n, c_a * c_c),
                        "support": s_ac,
                        "confidence": confidence,
                        "lift": lift,
                        "leverage": s_ac - s_a * s_c,
                        "conviction": None if confidence == 1 else (1 - s_c) / (1 - confidence),
                        "antecedent_baskets": c_a,
                        "consequent_baskets": c_c,
                        "rule_baskets": c_ac,
                    }
                )
    rules.sort(key=lambda r: (-r["exact_lift"], r["rule"]))
    for r in rules:
        del r["exact_lift"]

    json.dump(
        {
            "baskets": n,
            "items": len(items),
            "min_support": min_support,
            "itemsets": len(sets),
            "itemsets_by_support": by_support,
            "rules": len(rules),
            "top": rules[:top],
        },
        sys.stdout,
    )


main()
