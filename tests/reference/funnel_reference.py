#!/usr/bin/env python3
"""Independent pandas reference implementation of romi's funnel metrics (issue 2).

Usage:
    python3 funnel_reference.py DATA_DIR [--margin M] [--from YYYY-MM-DD] [--to YYYY-MM-DD]

Reads every *.csv / *.csv.gz in DATA_DIR, recognises visits, orders and costs
files by their header, and prints {"period": {...}, "facts": [...]} as JSON.

It is written for clarity, not speed, and shares no code with the TypeScript
engine. Everything is in UTC. See README.md next to it for the interpretation
choices.
"""

import argparse
import glob
import json
import math
import os
import re
import sys

import pandas as pd

# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

# Canonical column names, after normalising a header cell with norm_col().
KINDS = {
    "visits": {"required": ["uid", "start_ts"], "optional": ["end_ts", "source_id", "device"]},
    "orders": {"required": ["uid", "buy_ts", "revenue"], "optional": []},
    "costs": {"required": ["dt", "source_id", "costs"], "optional": []},
}

# ISO-like timestamps only: date, optional time, optional zone.
TS_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?$"
)


def norm_col(name):
    """'Start Ts' -> 'start_ts', ' Source Id ' -> 'source_id'."""
    return re.sub(r"\s+", "_", name.strip().lower())


def detect_kind(columns):
    cols = set(columns)
    for kind in ("orders", "costs", "visits"):
        if set(KINDS[kind]["required"]) <= cols:
            return kind
    return None


def read_dir(data_dir):
    """Return {kind: DataFrame of raw text}. Files of one kind are concatenated."""
    frames = {}
    paths = sorted(glob.glob(os.path.join(data_dir, "*.csv")) + glob.glob(os.path.join(data_dir, "*.csv.gz")))
    for path in paths:
        df = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,  # keep "" as "" (and "NA" as text)
            encoding="utf-8-sig",  # accept a BOM
            compression="infer",
        )
        df.columns = [norm_col(c) for c in df.columns]
        kind = detect_kind(df.columns)
        if kind is None:
            print(f"skipping {path}: unrecognised header {list(df.columns)}", file=sys.stderr)
            continue
        frames.setdefault(kind, []).append(df)
    out = {}
    for kind, dfs in frames.items():
        df = pd.concat(dfs, ignore_index=True)
        if kind == "visits":
            # A duplicate is a row whose fields all equal, as text, an earlier row's.
            df = df[~df.duplicated(keep="first")]
        keep = [c for c in KINDS[kind]["required"] + KINDS[kind]["optional"] if c in df.columns]
        out[kind] = df[keep].fillna("").reset_index(drop=True)
    return out


def parse_ts(text):
    """Series of text -> UTC timestamps; NaT where unparseable."""
    text = text.str.strip()
    ok = text.str.match(TS_RE)
    ts = pd.to_datetime(text.where(ok, None), errors="coerce", utc=True)
    return ts


def parse_num(text):
    num = pd.to_numeric(text.str.strip().where(text.str.strip() != "", None), errors="coerce")
    return num.astype(float).where(num.abs() != math.inf)


def clean_visits(raw):
    df = pd.DataFrame({"uid": raw["uid"].str.strip()})
    df["start"] = parse_ts(raw["start_ts"])
    ok = (df["uid"] != "") & df["start"].notna()
    if "end_ts" in raw.columns:
        end_text = raw["end_ts"].str.strip()
        df["end"] = parse_ts(end_text)
        has_end_text = end_text != ""
        ok &= ~(has_end_text & df["end"].isna())  # end given but unparseable
        ok &= ~(df["end"].notna() & (df["end"] < df["start"]))  # end before start
    else:
        df["end"] = pd.NaT
    if "source_id" in raw.columns:
        df["source"] = raw["source_id"].str.strip()
    return df[ok].reset_index(drop=True)


def clean_orders(raw):
    df = pd.DataFrame({"uid": raw["uid"].str.strip()})
    df["ts"] = parse_ts(raw["buy_ts"])
    df["revenue"] = parse_num(raw["revenue"])
    ok = (df["uid"] != "") & df["ts"].notna() & df["revenue"].notna() & (df["revenue"] >= 0)
    return df[ok].reset_index(drop=True)


def clean_costs(raw):
    df = pd.DataFrame({"source": raw["source_id"].str.strip()})
    df["ts"] = parse_ts(raw["dt"])
    df["cost"] = parse_num(raw["costs"])
    ok = df["ts"].notna() & df["cost"].notna() & (df["cost"] >= 0)
    return df[ok].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------


def day_of(ts):
    """UTC calendar day as a naive midnight Timestamp."""
    return ts.dt.tz_localize(None).dt.normalize()


def month_index(day):
    """Months as integers year*12 + (month-1), so that cohort+age is plain addition."""
    return day.dt.year * 12 + day.dt.month - 1


def month_label(m):
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def complete_months(p_from, p_to):
    """Month indices whose first and last day are inside [p_from, p_to]."""
    months = []
    m = p_from.year * 12 + p_from.month - 1
    last = p_to.year * 12 + p_to.month - 1
    while m <= last:
        first_day = pd.Timestamp(year=m // 12, month=m % 12 + 1, day=1)
        last_day = first_day + pd.offsets.MonthEnd(0)
        if first_day >= p_from and last_day <= p_to:
            months.append(m)
        m += 1
    return months


def complete_weeks(p_from, p_to):
    """Mondays of ISO weeks (Mon..Sun) lying wholly inside [p_from, p_to]."""
    monday = p_from + pd.Timedelta(days=(7 - p_from.weekday()) % 7)
    weeks = []
    while monday + pd.Timedelta(days=6) <= p_to:
        weeks.append(monday)
        monday += pd.Timedelta(days=7)
    return weeks


# ---------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------


class Facts:
    def __init__(self):
        self.items = []

    def add(self, fid, value, **dims):
        if value is not None:
            # counts are passed as Python ints; everything else is a float
            value = value if isinstance(value, int) and not isinstance(value, bool) else float(value)
            if isinstance(value, float) and not math.isfinite(value):
                value = None
        self.items.append({"id": fid, "dims": {k: str(v) for k, v in dims.items()}, "value": value})

    def sorted(self):
        def natural(v):
            return (0, int(v), "") if re.fullmatch(r"-?\d+", v) else (1, 0, v)

        def key(f):
            return (f["id"], [(k, natural(v)) for k, v in sorted(f["dims"].items())])

        return sorted(self.items, key=key)


def div(a, b):
    """a / b, or None when b is missing or 0."""
    if a is None or b is None or b == 0:
        return None
    return a / b


def visits_facts(facts, v, p_from, p_to, cmonths, cweeks):
    facts.add("visits.sessions", int(len(v)))
    facts.add("visits.users", int(v["uid"].nunique()))

    n_days = (p_to - p_from).days + 1
    users_per_day = v.groupby("day")["uid"].nunique()
    dau = users_per_day.sum() / n_days
    facts.add("dau", dau)

    wau = None
    if cweeks:
        week_start = v["day"] - pd.to_timedelta(v["day"].dt.weekday, unit="D")
        per_week = v.groupby(week_start)["uid"].nunique()
        wau = sum(int(per_week.get(w, 0)) for w in cweeks) / len(cweeks)
        facts.add("wau", wau)
        facts.add("sticky.dau_wau", div(dau, wau))
    if cmonths:
        per_month = v.groupby("month")["uid"].nunique()
        mau = sum(int(per_month.get(m, 0)) for m in cmonths) / len(cmonths)
        facts.add("mau", mau)
        facts.add("sticky.dau_mau", div(dau, mau))

    sessions_per_day = v.groupby("day").size()
    if len(sessions_per_day):
        facts.add("sessions.per_user_day", (sessions_per_day / users_per_day).mean())

    with_end = v[v["end"].notna()]
    if len(with_end):
        length = (with_end["end"] - with_end["start"]).dt.total_seconds()
        facts.add("session.length.median_s", length.median())
        facts.add("session.length.mean_s", length.mean())
        rounded = (length + 0.5).apply(math.floor)  # round half up
        counts = rounded.value_counts()
        top = counts.max()
        facts.add("session.length.mode_s", int(min(counts[counts == top].index)))

    # retention{cohort, age}
    if cmonths:
        first_month = v.groupby("uid")["month"].min().rename("cohort")
        vm = v[["uid", "month"]].drop_duplicates().join(first_month, on="uid")
        last_complete = max(cmonths)
        for cohort in cmonths:
            cohort_users = first_month[first_month == cohort].index
            size = len(cohort_users)
            if size == 0:
                continue
            active = vm[vm["cohort"] == cohort]
            for age in range(0, last_complete - cohort + 1):
                n = active.loc[active["month"] == cohort + age, "uid"].nunique()
                facts.add("retention", n / size, cohort=month_label(cohort), age=age)


def order_cohorts(o, cmonths):
    """Per buyer: cohort month (first order month) and first order day."""
    buyers = o.groupby("uid").agg(cohort=("month", "min"), first_order_day=("day", "min"))
    buyers["complete"] = buyers["cohort"].isin(cmonths)
    return buyers


def orders_facts(facts, o, buyers, cmonths, margin):
    n_orders = len(o)
    revenue = o["revenue"].sum()
    facts.add("orders.count", int(n_orders))
    facts.add("buyers", int(o["uid"].nunique()))
    facts.add("revenue", revenue)
    facts.add("aov", div(revenue, n_orders))

    sizes = {}
    ltv = {}
    if not cmonths:
        return sizes, ltv
    last_complete = max(cmonths)
    oc = o.join(buyers["cohort"], on="uid")
    for cohort in cmonths:
        size = int((buyers["cohort"] == cohort).sum())
        if size == 0:
            continue
        sizes[cohort] = size
        facts.add("cohort.size", size, cohort=month_label(cohort))
        rows = oc[oc["cohort"] == cohort]
        for age in range(0, last_complete - cohort + 1):
            in_window = rows[rows["month"] <= cohort + age]
            value = in_window["revenue"].sum() * margin / size
            ltv[(cohort, age)] = value
            facts.add("ltv", value, cohort=month_label(cohort), age=age)
            facts.add("orders.per_buyer", len(in_window) / size, cohort=month_label(cohort), age=age)

    ages = sorted({age for (_, age) in ltv})
    for age in ages:
        values = [val for (c, a), val in ltv.items() if a == age]
        facts.add("ltv.mean", sum(values) / len(values), age=age)
    return sizes, ltv


def costs_facts(facts, c, sizes, ltv):
    facts.add("cost", c["cost"].sum())
    for source, total in c.groupby("source")["cost"].sum().items():
        facts.add("cost", total, source=source)
    per_month = c.groupby("month")["cost"].sum()
    for m, total in per_month.items():
        facts.add("cost", total, month=month_label(m))

    cac = {}
    for cohort, size in sizes.items():
        month_cost = per_month.get(cohort)  # None when no cost rows that month
        cac[cohort] = None if month_cost is None else month_cost / size
        facts.add("cac", cac[cohort], cohort=month_label(cohort))
    for (cohort, age), value in ltv.items():
        month_cost = per_month.get(cohort)
        romi = None if (month_cost is None or month_cost == 0) else value / cac[cohort]
        facts.add("romi", romi, cohort=month_label(cohort), age=age)


def visits_orders_facts(facts, v, o, buyers, cmonths, margin, c):
    visitors = set(v["uid"])
    buyer_ids = set(buyers.index)
    facts.add("conversion.rate", div(len(visitors & buyer_ids), len(visitors)))
    facts.add("buyers.without_sessions", int(len(buyer_ids - visitors)))

    # First session per user: earliest start, tie -> smaller source label as text.
    has_source = "source" in v.columns
    sort_cols = ["uid", "start"] + (["source"] if has_source else [])
    first = v.sort_values(sort_cols, kind="mergesort").drop_duplicates("uid", keep="first").set_index("uid")

    b = buyers[buyers.index.isin(visitors)].copy()
    b["first_session_day"] = first.loc[b.index, "day"]
    b["delay"] = (b["first_order_day"] - b["first_session_day"]).dt.days
    if len(b):
        facts.add("conversion.delay.median_days", b["delay"].median())
        facts.add("conversion.delay.mean_days", b["delay"].mean())
    if not has_source:
        return

    b["source"] = first.loc[b.index, "source"]
    revenue_per_buyer = o.groupby("uid")["revenue"].sum()
    b["revenue"] = revenue_per_buyer.loc[b.index]

    buyers_by_source = b.groupby("source").size()
    revenue_by_source = b.groupby("source")["revenue"].sum()
    for source, g in b.groupby("source"):
        facts.add("conversion.delay.median_days", g["delay"].median(), source=source)
        facts.add("conversion.delay.mean_days", g["delay"].mean(), source=source)
        facts.add("buyers", int(buyers_by_source[source]), source=source)
        facts.add("revenue", revenue_by_source[source], source=source)

    if c is None:
        return

    cost_by_source = c.groupby("source")["cost"].sum()
    sources = sorted(set(buyers_by_source.index) | set(cost_by_source.index))
    last_complete = max(cmonths) if cmonths else None
    o_b = o[o["uid"].isin(b.index)].join(b[["cohort", "source"]], on="uid")
    for source in sources:
        n_buyers = int(buyers_by_source.get(source, 0))
        cost = cost_by_source.get(source)  # None: no cost rows for the source
        rev = float(revenue_by_source.get(source, 0.0))
        cac = None if cost is None else div(cost, n_buyers)
        facts.add("cac", cac, source=source)
        facts.add("romi", None if cost is None else div(rev * margin, cost), source=source)

        payback = None
        if last_complete is not None:
            sb = b[(b["source"] == source) & b["complete"]]
            so = o_b[o_b["source"] == source]
            max_age = last_complete - int(sb["cohort"].min()) if len(sb) else -1
            for age in range(0, max_age + 1):
                eligible = sb[sb["cohort"] + age <= last_complete]
                if len(eligible) == 0:
                    continue
                rows = so[so["uid"].isin(eligible.index) & (so["month"] <= so["cohort"] + age)]
                ltv = rows["revenue"].sum() * margin / len(eligible)
                facts.add("ltv", ltv, source=source, age=age)
                romi = div(ltv, cac)
                facts.add("romi", romi, source=source, age=age)
                if payback is None and romi is not None and romi >= 1:
                    payback = age
        facts.add("payback.months", payback, source=source)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("--margin", type=float, default=1.0)
    ap.add_argument("--from", dest="p_from")
    ap.add_argument("--to", dest="p_to")
    args = ap.parse_args(argv)

    raw = read_dir(args.data_dir)
    v = clean_visits(raw["visits"]) if "visits" in raw else None
    o = clean_orders(raw["orders"]) if "orders" in raw else None
    c = clean_costs(raw["costs"]) if "costs" in raw else None

    if v is not None:
        v["day"] = day_of(v["start"])
    if o is not None:
        o["day"] = day_of(o["ts"])
    if c is not None:
        c["day"] = day_of(c["ts"])

    activity = v if v is not None else o
    if activity is None:
        sys.exit("no visits or orders file found in " + args.data_dir)
    if len(activity) == 0 and not (args.p_from and args.p_to):
        sys.exit("activity dataset has no valid rows")
    p_from = pd.Timestamp(args.p_from) if args.p_from else activity["day"].min()
    p_to = pd.Timestamp(args.p_to) if args.p_to else activity["day"].max()
    if p_from > p_to:
        sys.exit(f"invalid period: {p_from.date()} > {p_to.date()}")

    def clip(df):
        if df is None:
            return None
        df = df[(df["day"] >= p_from) & (df["day"] <= p_to)].reset_index(drop=True)
        df["month"] = month_index(df["day"])
        return df

    v, o, c = clip(v), clip(o), clip(c)
    cmonths = complete_months(p_from, p_to)
    cweeks = complete_weeks(p_from, p_to)

    facts = Facts()
    if v is not None:
        visits_facts(facts, v, p_from, p_to, cmonths, cweeks)
    sizes, ltv = {}, {}
    buyers = None
    if o is not None:
        buyers = order_cohorts(o, cmonths)
        sizes, ltv = orders_facts(facts, o, buyers, cmonths, args.margin)
    if c is not None:
        costs_facts(facts, c, sizes, ltv)
    if v is not None and o is not None:
        visits_orders_facts(facts, v, o, buyers, cmonths, args.margin, c)

    out = {
        "period": {"from": str(p_from.date()), "to": str(p_to.date())},
        "facts": facts.sorted(),
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
