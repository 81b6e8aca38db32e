/**
 * Customer lifetime value from orders: simple CLV overall and per
 * first-order cohort; BG/NBD and Gamma-Gamma fitted on the period's
 * per-customer summary (weeks); each customer's P(alive), expected purchases
 * and 12-month CLV; quintile bands; and a calibration/holdout check. Runs
 * whenever there are orders; the models need at least 3 repeat buyers.
 */
import {
  clv12,
  CLV_MONTHS,
  expectedAverageValue,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  simpleClv,
  WEEKS_PER_MONTH,
  type BgNbdFit,
  type FitStart,
  type GammaGammaFit,
  type NotEnoughData,
  type RfmSummary,
  type SimplePurchases,
} from "../../clv/index.ts";
import type { ClvConfig } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import { dayLabel, monthFirstDay, monthLabel } from "../../time/calendar.ts";
import type { PeriodFrame } from "../../time/period.ts";
import { FactSink } from "../../facts/sink.ts";
import { unitBin, type Series, type SeriesRow } from "../series.ts";
import type { WarningValues } from "../warnings.ts";
import { CLV_METRICS } from "./catalogue.ts";
import { clvCustomers, customerReductions, holdoutSplit, type ClvCustomers } from "./customers.ts";
import { holdoutCheck, type Holdout } from "./holdout.ts";
import { periodOf, type Analysis } from "../analysis.ts";

/** Rows of the top customers table. */
export const TOP_CUSTOMERS = 20;
/** The P(alive) grid runs over frequencies 0 … min(largest frequency, this). */
export const P_ALIVE_MAX_FREQUENCY = 20;
/** The P(alive) grid has about this many recency columns. */
export const P_ALIVE_RECENCY_STEPS = 20;
/** The CLV histogram has about this many bins up to the 99th percentile, then one open bin. */
export const CLV_BINS = 20;

export interface ClvInput {
  /** The customers of the period, reduced (`customerReductions`); null without orders. */
  readonly customers: ClvCustomers | null;
}

export interface ClvContext {
  readonly frame: PeriodFrame;
  /** Share of revenue that is profit. */
  readonly margin: number;
  readonly config: ClvConfig;
  /** A customer's segment name by user dictionary index (undefined: none), for the segment mix of each band (optional). */
  readonly segmentOf?: ((user: number) => string | undefined) | undefined;
}

export interface ClvResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

const BANDS = 5;

/**
 * The CLV section from orders clipped to the period: facts in CLV_METRICS,
 * series (the `clv*` names of SERIES), and warnings that say what was not fitted or
 * checked and why.
 *
 * - Simple CLV is always given (null when churn is 0 or undefined).
 * - Fewer than 3 repeat buyers: no model facts or predictions, a
 *   `clv.not_fitted` warning, and the method row says why.
 * - Gamma-Gamma with fewer than 3 valued repeat buyers: P(alive) but no CLV.
 * - A fit that did not converge (`clv.not_converged`) or whose best
 *   likelihood lies at the edge of the parameter space (`clv.edge`) is
 *   reported, and its best parameters are used.
 * - The holdout check is skipped, with a `clv.holdout` warning, when its
 *   start is outside the period or the calibration has too few repeat buyers.
 * - Predictions that the numerics cannot reach (₂F₁ with z within about
 *   4e-5 of 1, which needs α below about 0.002 weeks, only seen in a
 *   degenerate fit) are left out with a `clv.numeric` warning rather than
 *   failing the report.
 *
 * Throws only for a holdout date that is not YYYY-MM-DD (the config schema
 * validates it first).
 */
export function clv(input: ClvInput, ctx: ClvContext): ClvResult {
  const sink = new FactSink(CLV_METRICS);
  const warnings: Warning[] = [];
  const series: Series = {};
  const { frame, margin, config } = ctx;
  const customers = input.customers;
  if (!customers || customers.n === 0) return { facts: sink.facts, warnings, series };

  const simple = simpleClv(
    purchasesOf(customers, () => true),
    frame.range,
    margin,
  );
  sink.add("clv.simple", simple.value);
  cohortSimpleClv(customers, frame, margin, sink);

  const summary = summaryOf(customers, frame.range.to);
  const bg = fitBgNbd(summary);
  const method: SeriesRow<"clv_method"> = {
    status: bg.status,
    customers: customers.n,
    repeat_buyers: bg.status === "fitted" ? bg.repeatBuyers : bg.usable,
    period_end: dayLabel(frame.range.to),
    margin,
    monthly_discount: config.discount,
    months: CLV_MONTHS,
    weeks_per_month: WEEKS_PER_MONTH,
    simple_aov: simple.aov,
    simple_orders_per_customer_per_year: simple.ordersPerCustomerPerYear,
    simple_churn: simple.churn,
    simple_annual_churn: simple.annualChurn,
    simple_lifetime_years: simple.lifetimeYears,
    simple_first_half_to: dayLabel(simple.firstHalf.to),
    simple_second_half_from: dayLabel(simple.secondHalf.from),
  };
  series.clv_method = [method];
  if (bg.status !== "fitted") {
    warnings.push({ code: "clv.not_fitted", values: { model: "bgnbd", ...lacking(bg) } });
    return { facts: sink.facts, warnings, series };
  }
  const bgFit = fitSummary(bg, (p) => ({ r: p.r, alpha: p.alpha, a: p.a, b: p.b }));
  Object.assign(method, {
    bgnbd_log_likelihood: bgFit.logLikelihood,
    bgnbd_converged: bgFit.converged,
    bgnbd_iterations: bgFit.iterations,
    bgnbd_starts: bgFit.starts,
    bgnbd_starts_at_best: bgFit.startsAtBest,
    bgnbd_r: bg.r,
    bgnbd_alpha: bg.alpha,
    bgnbd_a: bg.a,
    bgnbd_b: bg.b,
  });
  sink.add("clv.bgnbd.r", bg.r);
  sink.add("clv.bgnbd.alpha", bg.alpha);
  sink.add("clv.bgnbd.a", bg.a);
  sink.add("clv.bgnbd.b", bg.b);
  if (!bg.converged) warnings.push(notConverged("bgnbd", bg));
  const bgEdge = atEdge({ r: bg.r, α: bg.alpha, a: bg.a, b: bg.b });
  if (bgEdge.length > 0) warnings.push({ code: "clv.edge", values: { model: "bgnbd", parameters: bgEdge } });

  const n = customers.n;
  const pAlive = new Float64Array(n);
  for (let c = 0; c < n; c++) pAlive[c] = probabilityAlive(bg, summary.frequency[c]!, summary.recency[c]!, summary.T[c]!);
  sink.add("clv.p_alive.mean", mean(pAlive));
  series.clv_p_alive = pAliveGrid(bg, summary);
  const horizon = CLV_MONTHS * WEEKS_PER_MONTH;
  const expected12 = attempt("purchases", warnings, () =>
    Float64Array.from({ length: n }, (_, c) => expectedPurchases(bg, horizon, summary.frequency[c]!, summary.recency[c]!, summary.T[c]!)),
  );

  const gg = fitGammaGamma(summary.frequency, summary.monetary);
  method.gg_status = gg.status;
  method.gg_customers = gg.status === "fitted" ? gg.customers : gg.usable;
  method.gg_excluded = gg.status === "fitted" ? gg.excluded : n - gg.usable;
  if (gg.status === "fitted") {
    const ggFit = fitSummary(gg, (p) => ({ p: p.p, q: p.q, v: p.v }));
    Object.assign(method, {
      gg_log_likelihood: ggFit.logLikelihood,
      gg_converged: ggFit.converged,
      gg_iterations: ggFit.iterations,
      gg_starts: ggFit.starts,
      gg_starts_at_best: ggFit.startsAtBest,
      gg_p: gg.p,
      gg_q: gg.q,
      gg_v: gg.v,
    });
    sink.add("clv.gg.p", gg.p);
    sink.add("clv.gg.q", gg.q);
    sink.add("clv.gg.v", gg.v);
    if (!gg.converged) warnings.push(notConverged("gammagamma", gg));
    const ggEdge = atEdge({ p: gg.p, q: gg.q, v: gg.v });
    if (ggEdge.length > 0) warnings.push({ code: "clv.edge", values: { model: "gammagamma", parameters: ggEdge } });
    if (expected12) attempt("clv", warnings, () => predicted(gg, bg, summary, customers, { pAlive, expected12 }, ctx, sink, series, warnings));
  } else {
    warnings.push({ code: "clv.not_fitted", values: { model: "gammagamma", ...lacking(gg) } });
  }

  const split = holdoutSplit(config.holdout_from, frame.range);
  const start = bg.status === "fitted" ? { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b } : undefined;
  const check = attempt("holdout", warnings, () => holdoutCheck(customers, frame.range, split, start));
  Object.assign(method, holdoutColumns(check));
  if (check?.status === "checked") {
    sink.add("clv.holdout.mape", check.mape);
    series.clv_holdout = check.rows;
    if (!check.fit.converged) warnings.push(notConverged("calibration", check.fit));
  } else if (check?.status === "skipped") {
    warnings.push({ code: "clv.holdout_outside", values: { start: dayLabel(split), from: dayLabel(frame.range.from + 1), to: dayLabel(frame.range.to) } });
  } else if (check) {
    warnings.push({ code: "clv.holdout_not_fitted", values: { start: dayLabel(split), ...lacking(check.fit) } });
  }
  return { facts: sink.facts, warnings, series };
}

/** The 12-month CLV of every customer, its facts and the series built on it. */
function predicted(
  gg: GammaGammaFit,
  bg: BgNbdFit,
  summary: RfmSummary,
  customers: ClvCustomers,
  perCustomer: { readonly pAlive: Float64Array; readonly expected12: Float64Array },
  ctx: ClvContext,
  sink: FactSink,
  series: Series,
  warnings: Warning[],
): void {
  const n = customers.n;
  const value = new Float64Array(n);
  const orderValue = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const customer = { frequency: summary.frequency[c]!, recency: summary.recency[c]!, T: summary.T[c]!, monetary: summary.monetary[c]! };
    const v = clv12(bg, gg, customer, { margin: ctx.margin, monthlyDiscount: ctx.config.discount });
    if (v === null) {
      warnings.push({
        code: "clv.no_order_value",
        values: { q: gg.q },
      });
      sink.add("clv.expected_12m.total", null);
      for (let b = 1; b <= BANDS; b++) sink.add("clv.expected_12m", null, { band: String(b) });
      return;
    }
    if (!Number.isFinite(v)) {
      // A fit at the edge of the parameter space (a, b → ∞) can leave the expectation undefined.
      warnings.push({
        code: "clv.not_a_number",
        values: { customer: customers.id[c]!, r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b },
      });
      sink.add("clv.expected_12m.total", null);
      for (let b = 1; b <= BANDS; b++) sink.add("clv.expected_12m", null, { band: String(b) });
      return;
    }
    value[c] = v;
    orderValue[c] = expectedAverageValue(gg, customer.frequency, customer.monetary)!;
  }
  sink.add("clv.expected_12m.total", sum(value));
  // Ascending by CLV; the sort is stable and customers are in id order, so ties go by id.
  const ascending = Array.from({ length: n }, (_, c) => c).sort((i, j) => value[i]! - value[j]!);
  const band = new Int32Array(n);
  ascending.forEach((c, i) => (band[c] = Math.floor((BANDS * i) / n) + 1));
  const totals = new Float64Array(BANDS + 1);
  for (let c = 0; c < n; c++) totals[band[c]!]! += value[c]!;
  for (let b = 1; b <= BANDS; b++) sink.add("clv.expected_12m", totals[b]!, { band: String(b) });

  series.clv_distribution = histogram(value, ascending);
  series.clv_bands = bandRows(band, value, perCustomer, summary);
  if (ctx.segmentOf) series.clv_band_segments = bandSegmentRows(band, customers, ctx.segmentOf);
  series.clv_top_customers = Array.from({ length: n }, (_, c) => c)
    .sort((i, j) => value[j]! - value[i]! || i - j)
    .slice(0, TOP_CUSTOMERS)
    .map((c, k) => ({
      rank: k + 1,
      customer: customers.id[c]!,
      frequency: summary.frequency[c]!,
      recency_weeks: summary.recency[c]!,
      t_weeks: summary.T[c]!,
      monetary: summary.monetary[c]!,
      p_alive: perCustomer.pAlive[c]!,
      expected_purchases_12m: perCustomer.expected12[c]!,
      expected_order_value: orderValue[c]!,
      clv_12m: value[c]!,
    }));
}

/**
 * Customers' purchases as `simpleClv` reads them, two for each customer
 * kept: the first purchase day with all of the customer's revenue and
 * orders, and the last with none. `simpleClv` reads only sums and which
 * halves of its window a customer bought in, which these two days give.
 */
function purchasesOf(c: ClvCustomers, keep: (i: number) => boolean): SimplePurchases {
  const customer: number[] = [];
  const day: number[] = [];
  const revenue: number[] = [];
  const orders: number[] = [];
  for (let i = 0; i < c.n; i++) {
    if (!keep(i)) continue;
    customer.push(i, i);
    day.push(c.firstDay[i]!, c.lastDay[i]!);
    revenue.push(c.revenue[i]!, 0);
    orders.push(c.orders[i]!, 0);
  }
  return { customer, day, revenue, orders };
}

/** `clv.simple{cohort}`: simple CLV of each complete first-order month's customers, from the month's first day to the period's end. */
function cohortSimpleClv(customers: ClvCustomers, frame: PeriodFrame, margin: number, sink: FactSink): void {
  frame.months.forEach((month, k) => {
    if (!customers.cohort.includes(k)) return;
    const result = simpleClv(
      purchasesOf(customers, (i) => customers.cohort[i] === k),
      { from: monthFirstDay(month), to: frame.range.to },
      margin,
    );
    sink.add("clv.simple", result.value, { cohort: monthLabel(month) });
  });
}

/**
 * The per-customer summary BG/NBD and Gamma-Gamma take (as `rfmSummary`
 * builds it from purchases): frequency = purchase days − 1, recency and T
 * in weeks, monetary the mean revenue of the repeat purchase days.
 */
function summaryOf(c: ClvCustomers, endDay: number): RfmSummary {
  return {
    n: c.n,
    frequency: c.frequency,
    recency: Float64Array.from(c.firstDay, (first, i) => (c.lastDay[i]! - first) / 7),
    T: Float64Array.from(c.firstDay, (first) => (endDay - first) / 7),
    monetary: Float64Array.from(c.frequency, (x, i) => (x > 0 ? c.repeatRevenue[i]! / x : 0)),
    firstDay: c.firstDay,
    lastDay: c.lastDay,
  };
}

/** What the method row says of a fit: log-likelihood, convergence, iterations, where each start ended and how many ended at the best. */
function fitSummary<P, E>(
  fit: { readonly logLikelihood: number; readonly converged: boolean; readonly iterations: number; readonly starts: readonly FitStart<P>[] },
  params: (p: P) => E,
) {
  const { starts } = fit;
  return {
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    starts: starts.map((s) => ({ ...params(s.end), log_likelihood: s.logLikelihood })),
    startsAtBest: starts.filter((s) => Math.abs(s.logLikelihood - fit.logLikelihood) <= 1e-6 * Math.abs(fit.logLikelihood)).length,
  };
}

function holdoutColumns(check: Holdout | null): Partial<SeriesRow<"clv_method">> {
  if (check === null) return { holdout_status: "failed" };
  if (check.status === "skipped") return { holdout_status: "skipped" };
  if (check.status === "not enough data") return { holdout_status: "not enough data", holdout_from: dayLabel(check.split) };
  return {
    holdout_status: "checked",
    holdout_from: dayLabel(check.split),
    holdout_weeks: check.weeks,
    calibration_customers: check.customers,
    holdout_r: check.fit.r,
    holdout_alpha: check.fit.alpha,
    holdout_a: check.fit.a,
    holdout_b: check.fit.b,
    holdout_log_likelihood: check.fit.logLikelihood,
    holdout_converged: check.fit.converged,
  };
}

function notConverged(model: WarningValues<"clv.not_converged">["model"], fit: BgNbdFit | GammaGammaFit): Warning {
  return { code: "clv.not_converged", values: { model, starts: fit.starts.length, iterations: fit.iterations } };
}

/** What a fitter that was not attempted lacked, with its counts. */
const lacking = (fit: NotEnoughData): Pick<WarningValues<"clv.not_fitted">, "lack" | "customers" | "usable" | "required"> => ({
  lack: fit.lack,
  customers: fit.customers,
  usable: fit.usable,
  required: fit.required,
});

/**
 * Runs a step of per-customer predictions; a `RangeError` from the numerics
 * (₂F₁ out of reach at parameters far off in a degenerate fit) becomes a
 * `clv.numeric` warning and null, so that the rest of the report is built.
 */
function attempt<T>(skipped: WarningValues<"clv.numeric">["skipped"], warnings: Warning[], step: () => T): T | null {
  try {
    return step();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    warnings.push({ code: "clv.numeric", values: { skipped } });
    return null;
  }
}

/** Parameters beyond 10^±this have run to the edge of the parameter space. */
const EDGE = 6;

/** The parameters beyond 10^±EDGE (none when the fit is inside). */
function atEdge(params: Readonly<Record<string, number>>): { name: string; value: number }[] {
  return Object.entries(params)
    .filter(([, v]) => Math.abs(Math.log10(v)) > EDGE)
    .map(([name, value]) => ({ name, value }));
}

/** Customers by CLV in round-width bins up to the 99th percentile, and one open bin. */
function histogram(value: Float64Array, ascending: readonly number[]): SeriesRow<"clv_distribution">[] {
  const n = ascending.length;
  const p99 = value[ascending[Math.max(0, Math.ceil(0.99 * n) - 1)]!]!;
  const width = niceStep(p99 / CLV_BINS);
  const last = Math.max(1, Math.ceil(p99 / width));
  const counts = new Float64Array(last + 1);
  for (let c = 0; c < n; c++) counts[unitBin(value[c]! / width, last)]!++;
  return Array.from(counts, (customers, k) => ({ from: tidy(k * width), to: k < last ? tidy((k + 1) * width) : null, customers }));
}

/**
 * The smallest of 1, 2, 2.5, 5 × 10ᵏ that is at least `raw` (1 for raw ≤ 0).
 * @example niceStep(37); // => 50
 */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw * (1 - 1e-12)) return tidy(m * power);
  return 10 * power;
}

/** Drops the last bits of a binary sum such as 0.30000000000000004. */
const tidy = (v: number): number => Number(v.toPrecision(12));

function pAliveGrid(bg: BgNbdFit, summary: RfmSummary): SeriesRow<"clv_p_alive">[] {
  let maxT = 0;
  let maxFrequency = 0;
  for (let c = 0; c < summary.n; c++) {
    maxT = Math.max(maxT, summary.T[c]!);
    maxFrequency = Math.max(maxFrequency, summary.frequency[c]!);
  }
  const topFrequency = Math.min(maxFrequency, P_ALIVE_MAX_FREQUENCY);
  const step = Math.max(1, Math.ceil(maxT / P_ALIVE_RECENCY_STEPS));
  const columns = Math.floor(maxT / step) + 1;
  const counts = new Float64Array((topFrequency + 1) * columns);
  for (let c = 0; c < summary.n; c++) {
    const f = summary.frequency[c]!;
    if (f <= topFrequency) counts[f * columns + Math.min(columns - 1, Math.floor(summary.recency[c]! / step))]!++;
  }
  const rows: SeriesRow<"clv_p_alive">[] = [];
  for (let f = 0; f <= topFrequency; f++) {
    for (let k = 0; k < (f === 0 ? 1 : columns); k++) {
      const recency = k * step;
      rows.push({ frequency: f, recency_weeks: recency, p_alive: probabilityAlive(bg, f, recency, maxT), customers: counts[f * columns + k]! });
    }
  }
  return rows;
}

function bandRows(
  band: Int32Array,
  value: Float64Array,
  perCustomer: { readonly pAlive: Float64Array; readonly expected12: Float64Array },
  summary: RfmSummary,
): SeriesRow<"clv_bands">[] {
  const rows: SeriesRow<"clv_bands">[] = [];
  for (let b = 1; b <= BANDS; b++) {
    let customers = 0;
    let total = 0;
    let min = Infinity;
    let max = -Infinity;
    let alive = 0;
    let expected = 0;
    let repeat = 0;
    for (let c = 0; c < band.length; c++) {
      if (band[c] !== b) continue;
      customers++;
      total += value[c]!;
      min = Math.min(min, value[c]!);
      max = Math.max(max, value[c]!);
      alive += perCustomer.pAlive[c]!;
      expected += perCustomer.expected12[c]!;
      if (summary.frequency[c]! > 0) repeat++;
    }
    const some = customers > 0;
    rows.push({
      band: String(b),
      customers,
      clv_total: total,
      clv_mean: some ? total / customers : null,
      clv_min: some ? min : null,
      clv_max: some ? max : null,
      p_alive_mean: some ? alive / customers : null,
      expected_purchases_12m_mean: some ? expected / customers : null,
      repeat_share: some ? repeat / customers : null,
    });
  }
  return rows;
}

/** Each band's customers by segment (segments in code-unit order; customers without one under "(none)"). */
function bandSegmentRows(band: Int32Array, base: ClvCustomers, segmentOf: (user: number) => string | undefined): SeriesRow<"clv_band_segments">[] {
  const counts = new Map<string, Float64Array>();
  const sizes = new Float64Array(BANDS + 1);
  for (let c = 0; c < base.n; c++) {
    const segment = segmentOf(base.user[c]!) ?? "(none)";
    let row = counts.get(segment);
    if (!row) counts.set(segment, (row = new Float64Array(BANDS + 1)));
    row[band[c]!]!++;
    sizes[band[c]!]!++;
  }
  const names = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows: SeriesRow<"clv_band_segments">[] = [];
  for (let b = 1; b <= BANDS; b++) {
    for (const segment of names) {
      const customers = counts.get(segment)![b]!;
      if (customers > 0) rows.push({ band: String(b), segment, customers, share: customers / sizes[b]! });
    }
  }
  return rows;
}

function sum(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

const mean = (values: Float64Array): number => sum(values) / values.length;

export { CLV_METRICS } from "./catalogue.ts";
export { defaultSplit, HOLDOUT_BUCKETS } from "./holdout.ts";
export { customerReductions, clvCustomers, type ClvCustomers } from "./customers.ts";

/** CLV in the registry: orders, with each customer's k-means segment for the segment mix of its bands. */
export const clvAnalysis: Analysis = {
  name: "clv",
  rows: [],
  requires: ["orders"],
  period: true,
  uses: ["segments"],
  provides: [],
  reductions: (sources, config) => customerReductions(sources, config.clv.holdout_from),
  run: (input) => {
    const segmentsOf = input.outputs.segments;
    const frame = periodOf(input);
    return clv(
      { customers: clvCustomers(input.reduced, frame) },
      {
        frame,
        margin: input.config.margin,
        config: input.config.clv,
        // The k-means segment, second of a customer's segments.
        segmentOf: segmentsOf ? (user: number) => segmentsOf(user)[1] : undefined,
      },
    );
  },
};
