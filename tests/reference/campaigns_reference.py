"""Campaign and experiment facts computed independently with pandas, SciPy and statsmodels.

usage: python3 campaigns_reference.py DATA_DIR
Reads every campaigns file (marketing_campaign_dataset / KAG / the demo's
campaigns.csv headers) and experiment file (ab_data / the demo's
experiment.csv) in DATA_DIR and prints {"facts": [...]} in romi's fact shape
(without units) for compare.py. The cleaning rules are re-implemented here
from docs/data.md, docs/metrics.md and docs/methods.md, not from romi's code:
- labels trimmed and merged case-insensitively, shown in their most frequent
  spelling among the rows kept (ties: first in code-unit order);
- rows with negative spend or revenue, or without a required number, dropped;
  then exact duplicates after merging dropped;
- experiments: users seen in two variants dropped entirely, then each user's
  earliest exposure kept.
"""
import glob
import warnings
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy import integrate, stats
from statsmodels.stats.proportion import proportions_ztest

warnings.simplefilter("ignore", FutureWarning)
facts = []


def add(id_, value, dims=None):
    f = {"id": id_, "value": None if value is None or not np.isfinite(value) else float(value)}
    if dims:
        f["dims"] = dims
    facts.append(f)


def norm(h):
    return "".join(ch for ch in h.lower() if ch.isalnum())


CAMPAIGN_COLS = {
    "date": ["date", "day", "dt"],
    "campaign": ["campaignid", "xyzcampaignid", "campaign"],
    "channel": ["channel"],
    "region": ["region"],
    "segment": ["segment", "customersegment", "agegroup", "age"],
    "device": ["device"],
    "impressions": ["impressions"],
    "clicks": ["clicks"],
    "leads": ["leads", "totalconversion"],
    "conversions": ["conversions", "approvedconversion"],
    "spend": ["spend", "spent"],
    "revenue": ["revenue"],
}
LABELS = ["channel", "region", "segment", "device", "campaign_name"]


def pick(headers, aliases):
    n = [norm(h) for h in headers]
    for a in aliases:
        if a in n:
            return headers[n.index(a)]
    return None


def canonical(df, col):
    """Fold a label column; name each folded label by its most frequent spelling."""
    s = df[col]
    key = s.str.lower()
    counts = pd.DataFrame({"key": key, "text": s}).groupby(["key", "text"]).size().reset_index(name="n")
    # Most rows first, then the first text in code-point order (code-unit order for these ASCII labels).
    best = counts.sort_values(["n", "text"], ascending=[False, True]).drop_duplicates("key").set_index("key")["text"]
    return key.map(best)


def campaigns(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cols = {role: pick(list(raw.columns), al) for role, al in CAMPAIGN_COLS.items()}
    if cols["campaign"] is None or cols["clicks"] is None:
        return False
    name_col = pick(list(raw.columns), ["campaignname"])
    df = pd.DataFrame({role: raw[c].str.strip() for role, c in cols.items() if c is not None})
    if name_col is not None:
        df["campaign_name"] = raw[name_col].str.strip()
    for c in ["impressions", "clicks", "leads", "conversions", "spend", "revenue"]:
        if c in df:
            df[c] = pd.to_numeric(df[c].replace("", np.nan))
    required = [c for c in ["impressions", "clicks", "conversions", "spend"] if c in df]
    df = df[df[required].notna().all(axis=1)]
    df = df[(df["spend"] >= 0) & ~(df.get("revenue", pd.Series(0, index=df.index)) < 0)]
    # Duplicates after case folding: whole records (every column of the file, trimmed, in lower case).
    folded = raw.loc[df.index].apply(lambda col: col.str.strip().str.lower())
    df = df[~folded.duplicated(keep="first")].copy()
    for c in LABELS:
        if c in df:
            df[c] = canonical(df, c)
    for c in ["channel", "region", "segment", "device"]:
        if c in df:
            df[c] = df[c].replace("", "(unknown)")
    has_rev = "revenue" in df
    breakdowns = [[], ["channel"], ["campaign"], ["region"], ["segment"], ["channel", "segment"]]
    for by in breakdowns:
        if any(b not in df for b in by):
            continue
        groups = [((), df)] if not by else df.groupby(by)
        for key, g in groups:
            key = key if isinstance(key, tuple) else (key,)
            dims = dict(zip(by, key))
            spend, conv, clicks = g["spend"].sum(), g["conversions"].sum(), g["clicks"].sum()
            add("campaign.spend", spend, dims)
            add("campaign.conversions", conv, dims)
            add("campaign.cvr", conv / clicks if clicks > 0 else None, dims)
            add("campaign.cpa", spend / conv if conv > 0 else None, dims)
            if has_rev:
                r = g[g["revenue"].notna()]
                add("campaign.roas", r["revenue"].sum() / r["spend"].sum() if r["spend"].sum() > 0 else None, dims)
    return True


def experiment(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    n = {norm(h): h for h in raw.columns}
    user, ts = n.get("userid"), n.get("timestamp")
    variant = n.get("group") or n.get("variant")
    conv = n.get("converted")
    if not (user and ts and variant and conv):
        return False
    df = pd.DataFrame({"user": raw[user], "ts": pd.to_datetime(raw[ts]), "variant": raw[variant].str.strip(), "converted": raw[conv].astype(int)})
    df["key"] = df["variant"].str.lower()
    both = df.groupby("user")["key"].nunique()
    df = df[~df["user"].isin(both[both > 1].index)]
    df = df.reset_index().sort_values(["ts", "index"]).drop_duplicates("user", keep="first")
    per = df.groupby("key").agg(users=("user", "size"), conversions=("converted", "sum"))
    label = df.groupby("key")["variant"].agg(lambda s: s.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0])
    for k, row in per.iterrows():
        add("experiment.users", row.users, {"variant": label[k]})
        add("experiment.cvr", row.conversions / row.users, {"variant": label[k]})
    add("experiment.srm_p", stats.chisquare(per["users"].to_numpy()).pvalue)
    c = per.loc["control"]
    others = [k for k in per.index if k != "control"]
    for k in others:
        t = per.loc[k]
        dims = {"variant": label[k]} if len(others) > 1 else None
        pc, pt = c.conversions / c.users, t.conversions / t.users
        add("experiment.lift.abs", pt - pc, dims)
        add("experiment.lift.rel", (pt - pc) / pc, dims)
        add("experiment.p_value", proportions_ztest([t.conversions, c.conversions], [t.users, c.users])[1], dims)
        a_c, b_c = 1 + c.conversions, 1 + c.users - c.conversions
        a_t, b_t = 1 + t.conversions, 1 + t.users - t.conversions
        lo = min(stats.beta.ppf(1e-12, a_c, b_c), stats.beta.ppf(1e-12, a_t, b_t))
        hi = max(stats.beta.isf(1e-12, a_c, b_c), stats.beta.isf(1e-12, a_t, b_t))
        p = integrate.quad(lambda x: stats.beta.pdf(x, a_t, b_t) * stats.beta.cdf(x, a_c, b_c), lo, hi, epsabs=1e-13, epsrel=1e-12, limit=200)[0]
        add("experiment.p_better", p, dims)
    return True


def main():
    d = sys.argv[1]
    files = sorted(glob.glob(os.path.join(d, "**", "*.csv"), recursive=True))
    for f in files:
        if not campaigns(f):
            experiment(f)
    print(json.dumps({"facts": facts}))


main()
