/**
 * The customer lifetime value metrics: the public contract of ids, dims and
 * units; the data page renders this table.
 */
import type { MetricDef } from "../../facts/metric.ts";

const FITTED = "not emitted with fewer than 3 repeat buyers (customers with orders on 2 or more days)";
const VALUED = `${FITTED}, or fewer than 3 repeat buyers whose repeat days have revenue`;
const MODEL =
  "BG/NBD fitted by maximum likelihood (Fader, Hardie & Lee 2005) on each customer's frequency (distinct order days − 1), recency and age T in weeks, over the whole period; best of 5 starts";
const GG = "Gamma-Gamma fitted by maximum likelihood on the repeat buyers' mean revenue per repeat order day (same-day orders summed); best of 5 starts";

export const CLV_METRICS = [
  {
    id: "clv.simple",
    section: "clv",
    label: "Simple CLV per customer",
    unit: "currency",
    better: "up",
    dims: [],
    formula:
      "AOV × orders per customer per year × margin ÷ annual churn. AOV = revenue ÷ orders; orders per customer per year = orders ÷ customers × 365 ÷ days in the period. The period of D days is split at ⌊D ÷ 2⌋: churn c = share of the customers with an order in the first ⌊D ÷ 2⌋ days and none in the remaining days; annual churn = 1 − (1 − c)^(365 ÷ days in the second half); 1 ÷ annual churn is the expected lifetime in years",
    empty: "not emitted without orders; null when churn is 0 (no first-half customer lapsed) or undefined (no customer ordered in the first half)",
  },
  {
    id: "clv.simple",
    section: "clv",
    label: "Simple CLV by cohort",
    unit: "currency",
    better: "up",
    dims: ["cohort"],
    formula:
      "clv.simple over the customers whose first order in the period falls in the cohort month, with the window from the cohort month's first day to the period's last day in place of the period (halves, days and the year scaling all taken from that window)",
    empty: "only complete months of the period; cohorts without customers are left out; null as clv.simple",
  },
  {
    id: "clv.bgnbd.r",
    section: "clv",
    label: "BG/NBD r",
    unit: "ratio",
    dims: [],
    formula: `${MODEL}: shape of the gamma distribution of purchase rates`,
    empty: FITTED,
  },
  {
    id: "clv.bgnbd.alpha",
    section: "clv",
    label: "BG/NBD α",
    unit: "ratio",
    dims: [],
    formula: `${MODEL}: scale of the gamma distribution of purchase rates, in weeks (mean rate r ÷ α purchases a week)`,
    empty: FITTED,
  },
  {
    id: "clv.bgnbd.a",
    section: "clv",
    label: "BG/NBD a",
    unit: "ratio",
    dims: [],
    formula: `${MODEL}: first shape of the beta distribution of drop-out chances`,
    empty: FITTED,
  },
  {
    id: "clv.bgnbd.b",
    section: "clv",
    label: "BG/NBD b",
    unit: "ratio",
    dims: [],
    formula: `${MODEL}: second shape of the beta distribution of drop-out chances`,
    empty: FITTED,
  },
  { id: "clv.gg.p", section: "clv", label: "Gamma-Gamma p", unit: "ratio", dims: [], formula: `${GG}: shape of each customer's order values`, empty: VALUED },
  {
    id: "clv.gg.q",
    section: "clv",
    label: "Gamma-Gamma q",
    unit: "ratio",
    dims: [],
    formula: `${GG}: shape of the gamma distribution of customers' value scales`,
    empty: VALUED,
  },
  {
    id: "clv.gg.v",
    section: "clv",
    label: "Gamma-Gamma v",
    unit: "ratio",
    dims: [],
    formula: `${GG}: rate of the gamma distribution of customers' value scales, in currency (population mean order value pv ÷ (q − 1))`,
    empty: VALUED,
  },
  {
    id: "clv.expected_12m.total",
    section: "clv",
    label: "Predicted 12-month CLV of all customers",
    tile: "Predicted CLV, all customers",
    unit: "currency",
    better: "up",
    dims: [],
    formula:
      "Σ over all customers (one-time buyers included) of Σ over months i = 1 … 12 of (E[purchases to i·30/7 weeks] − E[purchases to (i − 1)·30/7 weeks]) × expected order value × margin ÷ (1 + clv.discount)^i; E from BG/NBD, the order value from Gamma-Gamma (p(v + x·m) ÷ (px + q − 1))",
    empty: `${VALUED}; null when q ≤ 1 (the expected order value of one-time buyers does not exist)`,
  },
  {
    id: "clv.p_alive.mean",
    section: "clv",
    label: "Mean P(alive)",
    unit: "share",
    better: "up",
    dims: [],
    formula:
      "mean over all customers of the BG/NBD probability of being alive at the period's end, 1 ÷ (1 + a ÷ (b + x − 1) × ((α + T) ÷ (α + recency))^(r + x)); 1 for one-time buyers",
    empty: FITTED,
  },
  {
    id: "clv.expected_12m",
    section: "clv",
    label: "Predicted 12-month CLV by band",
    unit: "currency",
    better: "up",
    dims: ["band"],
    formula:
      "clv.expected_12m.total over the customers of a quintile band: customers sorted by predicted CLV ascending (ties by customer id), the i-th (from 0) of n in band ⌊5i ÷ n⌋ + 1, labelled 1 (lowest) to 5 (highest)",
    empty: "as clv.expected_12m.total; a band without customers (fewer than 5 customers) is 0",
  },
  {
    id: "clv.holdout.mape",
    section: "clv",
    label: "Holdout error",
    unit: "share",
    better: "down",
    dims: [],
    formula:
      "BG/NBD refitted on the orders before the holdout (clv.holdout_from, default the first day of the last 25% of the period's days, ⌊0.75 × days⌋ after the first): mean over calibration-frequency buckets 0, 1 … 6, 7+ with actual > 0 of the absolute difference of predicted and actual ÷ actual, predicted and actual being the bucket's mean repeat order days in the holdout",
    empty:
      "not emitted when the holdout start is not after the period's first day and within it, or with fewer than 3 repeat buyers before it; null when no bucket has an actual above 0",
  },
] as const satisfies readonly MetricDef[];
