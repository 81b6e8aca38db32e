#!/usr/bin/env python3
"""Independent pandas reference for romi's customer metrics (issue 5) on order
lines in the UCI Online Retail layout.

Usage:
    python3 customers_reference.py FILE.csv[.gz]

Prints {"period": {...}, "rows": {...}, "facts": [...]} as JSON with:
row accounting, retention.buyers{cohort,age}, revenue.per_customer{cohort,age},
rfm.customers{segment} and rfm.revenue{segment}. Shares no code with romi.

Row rules, first match wins: cancellation (InvoiceNo starting with "C" or
Quantity < 0), non-positive price (UnitPrice <= 0), missing id (no
CustomerID), duplicate (an exact repeat of an earlier kept line).
"""

import json
import sys

import pandas as pd

RFM_TABLE = {  # (R, F) -> segment; rows R = 5..1, columns F = 1..5
    5: ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
    4: ["Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal"],
    3: ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
    2: ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose"],
    1: ["Lost", "Lost", "At risk", "At risk", "Can't lose"],
}


def quintile(values, ids):
    """Sort by value, ties by id text; the i-th of n scores floor(5i/n) + 1."""
    order = sorted(range(len(values)), key=lambda i: (values[i], ids[i]))
    n = len(values)
    scores = [0] * n
    for rank, i in enumerate(order):
        scores[i] = (5 * rank) // n + 1
    return scores


def main():
    df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
    rows = len(df)
    qty = pd.to_numeric(df["Quantity"])
    price = pd.to_numeric(df["UnitPrice"])
    cancel = df["InvoiceNo"].str.startswith("C") | (qty < 0)
    nonpos = ~cancel & (price <= 0)
    missing = ~cancel & ~nonpos & (df["CustomerID"].str.strip() == "")
    kept = df[~cancel & ~nonpos & ~missing].copy()
    dup = kept.duplicated()
    kept = kept[~dup]
    kept["revenue"] = pd.to_numeric(kept["Quantity"]) * pd.to_numeric(kept["UnitPrice"])
    kept["ts"] = pd.to_datetime(kept["InvoiceDate"])
    kept["day"] = kept["ts"].dt.normalize()

    first, last = kept["day"].min(), kept["day"].max()
    # Complete months: wholly inside [first, last].
    months = pd.period_range(first.to_period("M"), last.to_period("M"), freq="M")
    complete = [m for m in months if m.start_time >= first and m.end_time.normalize() <= last]

    # Orders: one per InvoiceNo, earliest line's time, revenue summed, first line's customer.
    orders = kept.groupby("InvoiceNo", sort=False).agg(user=("CustomerID", "first"), ts=("ts", "min"), revenue=("revenue", "sum"))
    orders["month"] = orders["ts"].dt.to_period("M")
    orders["day"] = orders["ts"].dt.normalize()

    facts = []
    cust = orders.groupby("user").agg(first=("ts", "min"), last=("day", "max"), f=("revenue", "size"), m=("revenue", "sum"))
    cust["cohort"] = cust["first"].dt.to_period("M")
    cset = set(complete)
    for ci, c in enumerate(complete):
        members = cust.index[cust["cohort"] == c]
        size = len(members)
        if size == 0:
            continue
        mine = orders[orders["user"].isin(members)]
        for m in complete[ci:]:
            age = (m - c).n
            cell = mine[mine["month"] == m]
            dims = {"cohort": str(c), "age": str(age)}
            facts.append({"id": "retention.buyers", "dims": dims, "value": cell["user"].nunique() / size})
            facts.append({"id": "revenue.per_customer", "dims": dims, "value": float(cell["revenue"].sum()) / size})
    assert all(m in cset for m in complete)

    ids = list(cust.index)
    recency = [(last - d).days for d in cust["last"]]
    r = quintile([-x for x in recency], ids)
    f = quintile(list(cust["f"]), ids)
    seg = [RFM_TABLE[ri][fi - 1] for ri, fi in zip(r, f)]
    counts, revenue = {}, {}
    for s, m in zip(seg, cust["m"]):
        counts[s] = counts.get(s, 0) + 1
        revenue[s] = revenue.get(s, 0.0) + float(m)
    for s in sorted({x for row in RFM_TABLE.values() for x in row}):
        facts.append({"id": "rfm.customers", "dims": {"segment": s}, "value": counts.get(s, 0)})
        facts.append({"id": "rfm.revenue", "dims": {"segment": s}, "value": revenue.get(s, 0.0)})

    json.dump(
        {
            "period": {"from": str(first.date()), "to": str(last.date()), "completeMonths": [str(m) for m in complete]},
            "rows": {
                "rows": rows,
                "used": len(kept),
                "cancellation": int(cancel.sum()),
                "non-positive price": int(nonpos.sum()),
                "missing id": int(missing.sum()),
                "duplicate": int(dup.sum()),
            },
            "facts": facts,
        },
        sys.stdout,
    )


main()
