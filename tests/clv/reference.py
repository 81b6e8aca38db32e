#!/usr/bin/env python3
"""Independent reference values for romi's CLV models (src/clv, src/analyses/clv).

Usage:
    /usr/bin/python3 tests/clv/reference.py [CDNOW_DIR]

CDNOW_DIR defaults to ../shared/data/cdnow. Needs numpy and scipy (Debian's
python3-scipy; SciPy 1.10.1 was used). lifetimes is not installed and PyPI is
not reachable here, so this is a direct transcription of the published
formulas, sharing no code with romi:

- BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way",
  eq. 6 (likelihood), eq. 10 (conditional expectation, with
  scipy.special.hyp2f1 in its original form, F(r + x, b + x; a + b + x - 1; z)),
  and P(alive) from Hardie's note 021;
- Gamma-Gamma: Fader & Hardie note 025, eq. 1a and eq. 5;
- the 12-month CLV: lifetimes' customer_lifetime_value loop with a month of
  30/7 weeks.

It prints JSON: the per-customer predictions the tests compare with, and, on
the full cdnow_orders.csv, the summary (lifetimes' convention, built here from
the raw rows), maximum-likelihood fits by scipy.optimize.minimize
(Nelder-Mead, several starts, best kept), simple CLV and the
calibration/holdout table.
"""

import csv
import datetime
import json
import math
import os
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

PUBLISHED_BG = (0.2426, 4.4135, 0.7929, 2.4258)
PUBLISHED_GG = (6.25, 3.74, 15.45)


def expected(params, t, x, tx, T):
    """E[X(t) | x, tx, T], eq. 10, as written in the paper."""
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, z)
    first = (a + b + x - 1) / (a - 1)
    second = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp
    denominator = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return first * second / denominator


def p_alive(params, x, tx, T):
    r, alpha, a, b = params
    if x == 0:
        return 1.0
    return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def value(gg, x, m):
    p, q, v = gg
    return p * (v + x * m) / (p * x + q - 1)


def clv12(bg, gg, x, tx, T, m, margin=1.0, discount=0.01):
    total, before = 0.0, 0.0
    for i in range(1, 13):
        upto = expected(bg, i * 30 / 7, x, tx, T)
        total += (upto - before) * value(gg, x, m) * margin / (1 + discount) ** i
        before = upto
    return total


def bg_nll(log_params, x, tx, T, w):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + tx)
    return -np.sum(w * (a1 + a2 + np.logaddexp(a3, np.where(x > 0, a4, -np.inf))))


def gg_nll(log_params, x, m):
    p, q, v = np.exp(log_params)
    return -np.sum(
        gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v) + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)
    )


def best_fit(nll, starts, args):
    best = None
    for start in starts:
        res = minimize(nll, np.array(start, dtype=float), args=args, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-10, maxiter=20000, maxfev=40000))
        res = minimize(nll, res.x, args=args, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-10, maxiter=20000, maxfev=40000))
        if best is None or res.fun < best.fun:
            best = res
    return best


def fit_bg(x, tx, T):
    # Customers with the same (x, tx, T) once, with a weight (lifetimes' `weights`).
    patterns, weights = np.unique(np.stack([x, tx, T], axis=1), axis=0, return_counts=True)
    starts = [[0.1] * 4, np.log([1, 10, 1, 1]), np.log([0.5, 5, 0.5, 5]), np.log([0.2, 20, 2, 10])]
    res = best_fit(bg_nll, starts, (patterns[:, 0], patterns[:, 1], patterns[:, 2], weights))
    return [float(v) for v in np.exp(res.x)], float(-res.fun)


def fit_gg(x, m):
    # Values divided by their mean while fitting (v scaled back): from lifetimes'
    # unscaled start SciPy's Nelder-Mead drifts to p ~ 1e7.
    scale = m.mean()
    starts = [[0.1] * 3, np.log([1, 2, 1]), np.log([5, 3, 0.4]), np.log([10, 5, 0.4])]
    res = best_fit(gg_nll, starts, (x, m / scale))
    p, q, v = np.exp(res.x)
    params = [float(p), float(q), float(v * scale)]
    return params, float(-gg_nll(np.log(params), x, m))


def day_number(text):
    return (datetime.date.fromisoformat(text) - datetime.date(1970, 1, 1)).days


def summarise(rows, end_day):
    """lifetimes' summary_data_from_transaction_data by day, time / 7."""
    by_customer = {}
    for customer, day, revenue in rows:
        days = by_customer.setdefault(customer, {})
        days[day] = days.get(day, 0.0) + revenue
    ids = sorted(by_customer)
    out = {"id": ids, "x": [], "tx": [], "T": [], "m": []}
    for c in ids:
        days = sorted(by_customer[c])
        out["x"].append(len(days) - 1)
        out["tx"].append((days[-1] - days[0]) / 7)
        out["T"].append((end_day - days[0]) / 7)
        repeat = [by_customer[c][d] for d in days[1:]]
        out["m"].append(sum(repeat) / len(repeat) if repeat else 0.0)
    return {k: (np.array(v, dtype=float) if k != "id" else v) for k, v in out.items()}


def simple_clv(rows, start, end, margin):
    days = end - start + 1
    h = days // 2
    mid = start + h
    customers = {c for c, _, _ in rows}
    first = {c for c, d, _ in rows if d < mid}
    second = {c for c, d, _ in rows if d >= mid}
    churn = len(first - second) / len(first)
    annual = 1 - (1 - churn) ** (365 / (days - h))
    aov = sum(r for _, _, r in rows) / len(rows)
    per_year = len(rows) / len(customers) * 365 / days
    return {"churn": churn, "annual_churn": annual, "aov": aov, "orders_per_customer_per_year": per_year, "value": aov * per_year * margin / annual}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/data/cdnow")
    out = {}

    # Per-customer predictions at the published parameters, for customers of the paper's sample.
    with open(os.path.join(folder, "cdnow_customers_summary_with_transactions.csv")) as f:
        sample = {row["ID"]: row for row in csv.DictReader(f)}
    predictions = []
    for cid in ["1", "2", "3", "18", "150", "1516"]:
        row = sample[cid]
        x, tx, T, m = int(row["x"]), float(row["t_x"]), float(row["T"]), float(row["zbar"])
        predictions.append(
            {
                "id": cid,
                "x": x,
                "tx": tx,
                "T": T,
                "m": m,
                "expected_39": float(expected(PUBLISHED_BG, 39, x, tx, T)),
                "p_alive": float(p_alive(PUBLISHED_BG, x, tx, T)),
                "clv12": float(clv12(PUBLISHED_BG, PUBLISHED_GG, x, tx, T, m)),
            }
        )
    # Larger frequencies than the sample has, where the direct hyp2f1 series grows like (1 - z)^(-x).
    for x, tx, T in [(30, 50.0, 52.0), (100, 70.0, 77.0)]:
        predictions.append({"id": f"x{x}", "x": x, "tx": tx, "T": T, "m": 0.0, "expected_39": float(expected(PUBLISHED_BG, 39, x, tx, T)), "p_alive": float(p_alive(PUBLISHED_BG, x, tx, T))})
    out["predictions"] = predictions

    # Maximum likelihood on the paper's 1/10 sample (the published fits are rounded to 4 and 2 decimals).
    with open(os.path.join(folder, "cdnow_customers_summary.csv")) as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["frequency"]) for r in rows])
    tx = np.array([float(r["recency"]) for r in rows])
    T = np.array([float(r["T"]) for r in rows])
    bg, bg_ll = fit_bg(x, tx, T)
    published_ll = float(-bg_nll(np.log(PUBLISHED_BG), x, tx, T, np.ones_like(x)))
    xs = np.array([float(r["x"]) for r in sample.values()])
    ms = np.array([float(r["zbar"]) for r in sample.values()])
    keep = (xs > 0) & (ms > 0)
    gg, gg_ll = fit_gg(xs[keep], ms[keep])
    out["sample"] = {
        "bgnbd": {"r": bg[0], "alpha": bg[1], "a": bg[2], "b": bg[3], "log_likelihood": bg_ll, "log_likelihood_at_published": published_ll},
        "gg": {"p": gg[0], "q": gg[1], "v": gg[2], "log_likelihood": gg_ll, "customers": int(keep.sum()), "log_likelihood_at_published": float(-gg_nll(np.log(PUBLISHED_GG), xs[keep], ms[keep]))},
    }

    # The full CDNOW orders: every row is a purchase; the period is 1997-01-01 .. 1998-06-30.
    rows = []
    with open(os.path.join(folder, "cdnow_orders.csv")) as f:
        for row in csv.DictReader(f):
            rows.append((row["customer_id"], day_number(row["date"]), float(row["revenue"])))
    start, end = day_number("1997-01-01"), day_number("1998-06-30")
    s = summarise(rows, end)
    bg, bg_ll = fit_bg(s["x"], s["tx"], s["T"])
    repeat = s["x"] > 0
    # Gamma-Gamma on the repeat buyers with a positive mean value (some repeat days have revenue 0).
    valued = repeat & (s["m"] > 0)
    gg, gg_ll = fit_gg(s["x"][valued], s["m"][valued])
    clv = np.array([clv12(bg, gg, x, tx, T, m) for x, tx, T, m in zip(s["x"], s["tx"], s["T"], s["m"])])
    alive = np.array([p_alive(bg, x, tx, T) for x, tx, T in zip(s["x"], s["tx"], s["T"])])
    order = sorted(range(len(clv)), key=lambda i: (clv[i], s["id"][i]))
    bands = [0.0] * 5
    for rank, i in enumerate(order):
        bands[5 * rank // len(order)] += clv[i]
    out["full"] = {
        "customers": len(s["id"]),
        "repeat_buyers": int(repeat.sum()),
        "gg_customers": int(valued.sum()),
        "frequency_sum": float(s["x"].sum()),
        "recency_sum": float(s["tx"].sum()),
        "T_sum": float(s["T"].sum()),
        "monetary_sum": float(s["m"].sum()),
        "bgnbd": {"r": bg[0], "alpha": bg[1], "a": bg[2], "b": bg[3], "log_likelihood": bg_ll},
        "gg": {"p": gg[0], "q": gg[1], "v": gg[2], "log_likelihood": gg_ll},
        "expected_12m_total": float(clv.sum()),
        "p_alive_mean": float(alive.mean()),
        "expected_12m_bands": bands,
        "simple": simple_clv(rows, start, end, 1.0),
    }

    # Calibration / holdout: split at the first day of the last 25% of the period's days.
    days = end - start + 1
    split = start + math.floor(0.75 * days)
    cal = summarise([r for r in rows if r[1] < split], split - 1)
    hold_days = {}
    for c, d, _ in rows:
        if d >= split:
            hold_days.setdefault(c, set()).add(d)
    actual = np.array([len(hold_days.get(c, ())) for c in cal["id"]], dtype=float)
    cbg, cbg_ll = fit_bg(cal["x"], cal["tx"], cal["T"])
    weeks = (end - (split - 1)) / 7
    predicted = np.array([expected(cbg, weeks, x, tx, T) for x, tx, T in zip(cal["x"], cal["tx"], cal["T"])])
    buckets = []
    errors = []
    for k in range(8):
        sel = cal["x"] >= 7 if k == 7 else cal["x"] == k
        a_mean = float(actual[sel].mean())
        p_mean = float(predicted[sel].mean())
        buckets.append({"bucket": "7+" if k == 7 else str(k), "customers": int(sel.sum()), "actual": a_mean, "predicted": p_mean})
        if a_mean > 0:
            errors.append(abs(p_mean - a_mean) / a_mean)
    out["holdout"] = {
        "split": str(datetime.date(1970, 1, 1) + datetime.timedelta(days=split)),
        "weeks": weeks,
        "customers": len(cal["id"]),
        "bgnbd": {"r": cbg[0], "alpha": cbg[1], "a": cbg[2], "b": cbg[3], "log_likelihood": cbg_ll},
        "buckets": buckets,
        "mape": float(np.mean(errors)),
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
