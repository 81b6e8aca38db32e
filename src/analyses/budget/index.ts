/**
 * Budget reallocation from response curves: per paid source, a curve of the
 * weekly outcome (revenue × margin of new first-touch buyers over their first
 * months, or buyers) against weekly spend, with adstock and saturation; then
 * the split of today's weekly budget that maximises the expected outcome
 * within bounds, its bootstrap interval, and scenarios at −20%, 0 and +20%.
 * Needs visits (first touch), orders and costs. Pure: tables and config in;
 * the bootstrap is seeded.
 */
import { quantile } from "../../stats/quantile.ts";
import { adstock, BoundsError, steadyResponse, type Curve } from "../../response/index.ts";
import type { Config } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import type { PeriodFrame } from "../../time/period.ts";
import { FactSink } from "../../facts/sink.ts";
import { costCells, costReductions, type CostCells } from "../funnel/costs.ts";
import { type Series, type SeriesRow } from "../series.ts";
import { BUDGET_METRICS } from "./catalogue.ts";
import { drawWeights, MIN_WEEKS, sourceCurve, type SourceCurve } from "./curves.ts";
import { budgetPeriods, buyerReductions } from "./periods.ts";
import { bestSplit, marginal, outcomeInterval, weekly, type PlanSource } from "./plan.ts";
import { joinReductions, periodOf, type Analysis, type ResultTable } from "../analysis.ts";

export type BudgetConfig = Config["budget"];

export interface BudgetInput {
  /** Whether there are orders. */
  readonly orders: boolean;
  /** First-touch buyers and their revenue per source and day of the first order (`buyerReductions`); null without visits (first touch). */
  readonly buyers: ResultTable | null;
  /** Spend per day and source, from the costs reduction; null without costs. */
  readonly costs: CostCells | null;
}

export interface BudgetContext {
  readonly frame: PeriodFrame;
  readonly sourceLabels: readonly string[];
  readonly margin: number;
  readonly config: BudgetConfig;
}

export interface BudgetResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

/** Complete ISO weeks at the end of the period whose mean weekly cost is "today's spend". */
export const CURRENT_WEEKS = 13;
/** The scenarios: changes of the total weekly budget. */
export const SCENARIOS = [
  { label: "-20%", change: -0.2 },
  { label: "0%", change: 0 },
  { label: "+20%", change: 0.2 },
] as const;
/** Points of each drawn response curve. */
const CURVE_POINTS = 41;

export function budget(input: BudgetInput, ctx: BudgetContext): BudgetResult {
  const sink = new FactSink(BUDGET_METRICS);
  const warnings: Warning[] = [];
  const series: Series = {};
  const { buyers, orders, costs } = input;
  const c = ctx.config;
  if (!costs || !orders) return { facts: [], warnings, series };
  const method: SeriesRow<"budget_method"> = {
    status: "planned",
    grain: c.grain,
    outcome: c.outcome,
    horizon_months: c.horizon,
    weeks: ctx.frame.weeks.length,
    fitted_weeks: null,
    current_weeks: null,
    draws: c.draws,
    seed: c.seed,
    bounds: c.bounds,
    trend: c.trend,
    total: null,
    total_source: c.total === undefined ? "today" : "config",
  };
  const stop = (status: SeriesRow<"budget_method">["status"], warning: Warning): BudgetResult => {
    warnings.push(warning);
    series.budget_method = [{ ...method, status }];
    return { facts: sink.facts, warnings, series };
  };
  if (!buyers) return stop("no visits", { code: "budget.no_visits", values: {} });
  if (ctx.frame.weeks.length < MIN_WEEKS) {
    return stop("not enough history", { code: "budget.short", values: { weeks: ctx.frame.weeks.length, needed: MIN_WEEKS } });
  }
  const data = budgetPeriods(buyers, costs, {
    frame: ctx.frame,
    sourceLabels: ctx.sourceLabels,
    margin: ctx.margin,
    grain: c.grain,
    horizonMonths: c.horizon,
  });
  if (!data || data.sources.length === 0) return stop("no costs", { code: "budget.no_costs", values: {} });
  const p = data.perWeek;
  const revenueOutcome = c.outcome === "revenue";
  const n = revenueOutcome ? data.fittedRevenue : data.labels.length;
  const currentPeriods = Math.min(CURRENT_WEEKS * p, data.labels.length);
  method.fitted_weeks = n / p;
  method.current_weeks = currentPeriods / p;
  const labelOf = (s: number): string => ctx.sourceLabels[s] ?? "(unknown)";
  const labels = data.sources.map(labelOf);
  for (const name of [...c.locked, ...Object.keys(c.source_bounds)]) {
    if (!labels.includes(name)) warnings.push({ code: "budget.unknown_source", dims: { source: name }, values: {} });
  }

  const weights = drawWeights(n, c.draws, c.seed);
  const fits: SourceCurve[] = [];
  const current: number[] = [];
  data.sources.forEach((_, k) => {
    const spend = data.spend[k]!;
    let recent = 0;
    for (let t = data.labels.length - currentPeriods; t < data.labels.length; t++) recent += spend[t]!;
    current.push((recent / currentPeriods) * p);
    const outcome = (revenueOutcome ? data.revenue[k]! : data.buyers[k]!).subarray(0, n);
    const buyers = data.buyers[k]!.subarray(0, n).reduce((a, b) => a + b, 0);
    const fit = sourceCurve(spend, outcome, buyers, p, weights, c.trend);
    fits.push(fit);
    const source = labels[k]!;
    sink.add("budget.spend.current", current[k]!, { source });
    if (fit.fit) {
      sink.add("budget.curve.r2", fit.fit.r2, { source });
      sink.add("budget.curve.holdout_error", fit.fit.holdoutError, { source });
    }
  });

  const plan: PlanSource[] = [];
  const planIndex: number[] = [];
  fits.forEach((f, k) => {
    if (f.declined !== null || !f.fit) return;
    const label = labels[k]!;
    const cur = current[k]!;
    const b = c.source_bounds[label] ?? c.bounds;
    const locked = c.locked.includes(label);
    plan.push({
      label,
      curve: f.fit.curve,
      draws: f.draws,
      current: cur,
      lower: locked ? cur : Math.max(0, cur * (1 - b)),
      upper: locked ? cur : cur * (1 + b),
    });
    planIndex.push(k);
  });
  if (plan.length === 0) {
    for (const k of fits.keys()) sink.add("budget.spend.recommended", null, { source: labels[k]! });
    series.budget_sources = fits.map((f, k) => sourceRow(labels[k]!, f, current[k]!, null, null, p, c.locked.includes(labels[k]!)));
    return stop("no curve", { code: "budget.no_curve", values: {} });
  }

  const total = c.total ?? plan.reduce((a, s) => a + s.current, 0);
  method.total = total;
  // Bounds that cannot hold the total: one error, as for any bad config value.
  const split = bestSplit(plan, total, p);
  const rec = new Map(planIndex.map((k, i) => [k, split[i]!]));
  const id = revenueOutcome ? "budget.outcome" : "budget.buyers";
  const mid = revenueOutcome ? "budget.marginal_romi" : "budget.marginal_buyers";
  const now = outcomeInterval(plan, p, (s) => s.current);
  const then = outcomeInterval(plan, p, (_, i) => split[i]!);
  for (const [suffix, v] of [
    ["current", now],
    ["recommended", then],
  ] as const) {
    sink.add(`${id}.${suffix}`, v.value);
    sink.add(`${id}.${suffix}.lo90`, v.lo90);
    sink.add(`${id}.${suffix}.hi90`, v.hi90);
  }
  const rows: SeriesRow<"budget_sources">[] = [];
  fits.forEach((f, k) => {
    const source = labels[k]!;
    const i = planIndex.indexOf(k);
    const r = rec.get(k) ?? null;
    sink.add("budget.spend.recommended", r, { source });
    let change: ReturnType<typeof outcomeInterval> | null = null;
    if (i >= 0 && r !== null) {
      const s = plan[i]!;
      const curve = s.curve;
      change = outcomeInterval(
        [s],
        p,
        () => r,
        () => s.current,
      );
      sink.add("budget.spend.max_seen", f.maxSeen * p, { source });
      sink.add(mid, marginal(curve, s.current, p), { source });
      sink.add(`${mid}.recommended`, marginal(curve, r, p), { source });
      sink.add(`${id}.change`, change.value, { source });
      sink.add(`${id}.change.lo90`, change.lo90, { source });
      sink.add(`${id}.change.hi90`, change.hi90, { source });
      sink.add("budget.curve.theta", curve.theta, { source });
      sink.add("budget.curve.alpha", curve.alpha, { source });
      sink.add("budget.curve.gamma", curve.gamma, { source });
      sink.add("budget.curve.beta", curve.beta, { source });
    }
    rows.push(sourceRow(source, f, current[k]!, r, change, p, c.locked.includes(source)));
  });

  const scenarioRows: SeriesRow<"budget_scenarios">[] = [];
  const scenarioSpend: SeriesRow<"budget_scenario_spend">[] = [];
  const sid = revenueOutcome ? "budget.scenario.outcome" : "budget.scenario.buyers";
  for (const sc of SCENARIOS) {
    const t = total * (1 + sc.change);
    let x: Float64Array | null = null;
    try {
      x = bestSplit(plan, t, p);
    } catch (e) {
      if (!(e instanceof BoundsError)) throw e;
      warnings.push({ code: "budget.bounds", dims: { scenario: sc.label }, values: { total: e.total, lower: e.lower, upper: e.upper } });
    }
    const v = x ? outcomeInterval(plan, p, (_, i) => x[i]!) : null;
    sink.add(sid, v?.value ?? null, { scenario: sc.label });
    sink.add(`${sid}.lo90`, v?.lo90 ?? null, { scenario: sc.label });
    sink.add(`${sid}.hi90`, v?.hi90 ?? null, { scenario: sc.label });
    scenarioRows.push({ scenario: sc.label, total: t, outcome: v?.value ?? null, lo90: v?.lo90 ?? null, hi90: v?.hi90 ?? null });
    plan.forEach((s, i) => scenarioSpend.push({ scenario: sc.label, source: s.label, spend: x ? x[i]! : null }));
  }

  series.budget_method = [method];
  series.budget_sources = rows;
  series.budget_scenarios = scenarioRows;
  series.budget_scenario_spend = scenarioSpend;
  series.budget_curves = plan.flatMap((s, i) => curvePoints(s, split[i]!, fits[planIndex[i]!]!.maxSeen * p, p));
  series.budget_weeks = plan.flatMap((s, i) => {
    const k = planIndex[i]!;
    const spend = data.spend[k]!;
    const y = revenueOutcome ? data.revenue[k]! : data.buyers[k]!;
    const x = adstock(spend, s.curve.theta);
    return Array.from({ length: n }, (_, t) => {
      const effective = x[t]! * (1 - s.curve.theta) * p;
      return {
        source: s.label,
        period: data.labels[t]!,
        spend: spend[t]! * p,
        effective_spend: effective,
        outcome: y[t]! * p,
        fitted: weekly(s.curve, effective, p),
      };
    });
  });
  return { facts: sink.facts, warnings, series };
}

/** A recommended weekly spend within half a cent of today's is no move. */
const SAME_SPEND = 0.005;

function sourceRow(
  source: string,
  f: SourceCurve,
  current: number,
  recommended: number | null,
  change: { value: number; lo90: number; hi90: number } | null,
  p: number,
  locked: boolean,
): SeriesRow<"budget_sources"> {
  const curve = f.declined === null ? (f.fit?.curve ?? null) : null;
  const maxSeen = f.maxSeen * p;
  const minSeen = f.minSeen * p;
  return {
    source,
    status: curve ? "fitted" : "declined",
    declined: f.declined,
    buyers: f.buyers,
    weeks: f.weeks,
    spend_cv: f.spendCv,
    current,
    recommended,
    change: recommended === null ? null : recommended - current,
    change_share: recommended === null || current === 0 ? null : recommended / current - 1,
    move: recommended === null ? null : recommended - current > SAME_SPEND ? "more" : recommended - current < -SAME_SPEND ? "less" : "same",
    marginal_current: curve ? marginal(curve, current, p) : null,
    marginal_recommended: curve && recommended !== null ? marginal(curve, recommended, p) : null,
    outcome_current: curve ? weekly(curve, current, p) : null,
    outcome_recommended: curve && recommended !== null ? weekly(curve, recommended, p) : null,
    outcome_change: change?.value ?? null,
    outcome_change_lo90: change?.lo90 ?? null,
    outcome_change_hi90: change?.hi90 ?? null,
    theta: curve?.theta ?? null,
    alpha: curve?.alpha ?? null,
    gamma: curve?.gamma ?? null,
    beta: curve?.beta ?? null,
    r2: f.fit?.r2 ?? null,
    holdout_error: f.fit?.holdoutError ?? null,
    min_seen: minSeen,
    max_seen: maxSeen,
    beyond_seen: recommended === null ? null : recommended > maxSeen * (1 + 1e-9) || recommended < minSeen * (1 - 1e-9),
    locked,
  };
}

/** The curve and its 90% band at CURVE_POINTS weekly spends from 0 to 1.5 × the largest of today's, the recommended and the largest seen spend. */
function curvePoints(s: PlanSource, recommended: number, maxSeen: number, p: number): SeriesRow<"budget_curves">[] {
  const top = 1.5 * Math.max(s.current, recommended, maxSeen);
  const values = new Float64Array(s.draws.length);
  return Array.from({ length: CURVE_POINTS }, (_, j) => {
    const x = (top * j) / (CURVE_POINTS - 1);
    s.draws.forEach((d: Curve, b) => (values[b] = steadyResponse(d, x, p)));
    values.sort();
    return { source: s.label, spend: x, outcome: weekly(s.curve, x, p), lo90: quantile(values, 0.05), hi90: quantile(values, 0.95) };
  });
}

export { BUDGET_METRICS } from "./catalogue.ts";

/** The budget in the registry: visits, orders and costs of the report period (it says what it lacks). */
export const budgetAnalysis: Analysis = {
  name: "budget",
  rows: [],
  requires: [],
  period: true,
  uses: ["firstTouch"],
  provides: [],
  reductions: (sources, config) => joinReductions(costReductions(sources), buyerReductions(sources, config.budget.horizon)),
  run: (input) =>
    budget(
      { orders: (input.datasets.orders?.length ?? 0) > 0, buyers: input.reduced["buyers"] ?? null, costs: costCells(input.reduced) },
      {
        frame: periodOf(input),
        sourceLabels: input.dicts.source.labels,
        margin: input.config.margin,
        config: input.config.budget,
      },
    ),
};
