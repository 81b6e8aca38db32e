/**
 * A/B experiments from exposure logs: per variant users, conversions and
 * rate; for each treatment against the control the lift with 95% intervals,
 * the pooled z-test, P(better) and expected loss under Beta(1, 1) priors,
 * the sample size the minimum detectable effect needs, and a decision; and
 * the sample-ratio-mismatch check. Rows were cleaned when read (contaminated
 * users and repeated exposures are rejected there).
 *
 * Reductions (SQL, per dataset): users, conversions and the exact revenue
 * per variant; users and conversions per variant and day; rows per variant
 * and assignment value. The model below works on those small tables only.
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type { ExperimentsConfig } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import { dayLabel } from "../../time/calendar.ts";
import {
  betaDistribution,
  betaInterval,
  betaPosterior,
  chiSquareGoodnessOfFit,
  expectedLoss,
  powerTwoProportions,
  probabilityBBeatsA,
  sampleSizeTwoProportions,
  twoProportionZTest,
  wilsonInterval,
} from "../../stats/index.ts";
import { FactSink } from "../../facts/sink.ts";
import { ratio } from "../ratio.ts";
import type { DatasetTag } from "../rows.ts";
import { type Series, type SeriesRow } from "../series.ts";
import { EXPERIMENT_METRICS } from "./catalogue.ts";
import { SRM_ALPHA, decide } from "./decision.ts";
import { decimals, numbers, type Analysis, type Reduction, type ResultTable, type Sources } from "../analysis.ts";

/** One experiment dataset, reduced: variants are dictionary indices into `ExperimentsContext.labels`. */
export interface ExperimentData {
  readonly name: string;
  readonly arms: readonly { readonly variant: number; readonly users: number; readonly conversions: number; readonly revenue: number | null }[];
  readonly daily: readonly { readonly day: number; readonly variant: number; readonly users: number; readonly conversions: number }[];
  /** Rows per variant and assignment value, with the place of the first (none without an assignment column). */
  readonly assignments: readonly { readonly variant: number; readonly assignment: number; readonly rows: number; readonly first: number }[];
}

export interface ExperimentsInput {
  /** One entry per experiment dataset. */
  readonly datasets: readonly ExperimentData[];
}

export interface ExperimentsContext {
  /** The label dictionary of variants and assignment values. */
  readonly labels: readonly string[];
  readonly config: ExperimentsConfig;
}

export interface ExperimentsResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

/** Points per posterior density curve. */
const DENSITY_POINTS = 121;

interface Arm {
  readonly variant: string;
  users: number;
  conversions: number;
  revenue: number | null;
}

export function experiments(input: ExperimentsInput, ctx: ExperimentsContext): ExperimentsResult {
  const sink = new FactSink(EXPERIMENT_METRICS);
  const warnings: Warning[] = [];
  const variantsOut: SeriesRow<"experiment_variants">[] = [];
  const resultsOut: SeriesRow<"experiment_results">[] = [];
  const densityOut: SeriesRow<"experiment_posteriors">[] = [];
  const dailyOut: SeriesRow<"experiment_daily">[] = [];
  const { config } = ctx;
  const z = normalQuantile(0.975, 0, 1);

  for (const data of input.datasets) {
    const dataset = input.datasets.length > 1 ? data.name : null;
    const tag: DatasetTag = dataset === null ? {} : { dataset };
    const wdims = dataset === null ? {} : { dims: { dataset } };
    const arms = new Map<number, Arm>(
      data.arms.map((a) => [a.variant, { variant: ctx.labels[a.variant]!, users: a.users, conversions: a.conversions, revenue: a.revenue }]),
    );
    const wanted = (config.control ?? "control").toLowerCase();
    const control = [...arms.values()].find((a) => a.variant.toLowerCase() === wanted);
    const others = [...arms.values()].filter((a) => a !== control).sort((a, b) => (a.variant < b.variant ? -1 : 1));
    const ordered = control ? [control, ...others] : others;

    for (const arm of ordered) {
      sink.add("experiment.users", arm.users, { variant: arm.variant, ...tag });
      sink.add("experiment.cvr", ratio(arm.conversions, arm.users), { variant: arm.variant, ...tag });
      const ci = wilsonInterval(arm.conversions, arm.users);
      variantsOut.push({
        ...tag,
        variant: arm.variant,
        control: arm === control,
        users: arm.users,
        conversions: arm.conversions,
        cvr: ratio(arm.conversions, arm.users),
        lo95: ci?.lo ?? null,
        hi95: ci?.hi ?? null,
        revenue: arm.revenue,
        revenue_per_user: arm.revenue === null ? null : ratio(arm.revenue, arm.users),
      });
    }
    densityOut.push(...densities(ordered, tag));
    dailyOut.push(...dailyRows(data.daily, ctx.labels, tag));

    // Sample-ratio mismatch against the planned split.
    const planned = ordered.map((a) => config.split?.[a.variant] ?? null);
    const missing = ordered.filter((_, k) => planned[k] === null);
    if (config.split && missing.length > 0) {
      warnings.push({
        code: "experiments.split",
        values: { variants: missing.map((a) => a.variant) },
        ...wdims,
      });
    }
    const shares = config.split && missing.length === 0 ? (planned as number[]) : ordered.map(() => 1);
    const srm =
      ordered.length >= 2
        ? chiSquareGoodnessOfFit(
            ordered.map((a) => a.users),
            shares,
          )
        : null;
    if (srm) sink.add("experiment.srm_p", srm.pValue, tag);

    // Rows whose assignment column disagrees with the variant.
    const mismatched = countMismatches(data.assignments);
    if (mismatched.count > 0) {
      const rows = data.arms.reduce((sum, a) => sum + a.users, 0);
      warnings.push({
        code: "experiments.assignment",
        values: {
          mismatched: mismatched.count,
          rows,
          pairs: mismatched.pairs.map((p) => ({ variant: ctx.labels[p.variant]!, assignment: ctx.labels[p.assignment]!, rows: p.rows })),
        },
        ...wdims,
      });
    }

    if (!control) {
      warnings.push({
        code: "experiments.control",
        values: { control: config.control ?? "control", variants: ordered.map((a) => a.variant) },
        ...wdims,
      });
      continue;
    }
    const withVariant = others.length > 1;
    for (const t of others) {
      const pc = control.conversions / control.users;
      const pt = t.conversions / t.users;
      const d = pt - pc;
      const se = Math.sqrt((pc * (1 - pc)) / control.users + (pt * (1 - pt)) / t.users);
      const rel = pc > 0 ? d / pc : null;
      const relSe =
        control.conversions > 0 && t.conversions > 0 ? Math.sqrt(1 / t.conversions - 1 / t.users + 1 / control.conversions - 1 / control.users) : null;
      const test = twoProportionZTest(t.conversions, t.users, control.conversions, control.users, { alternative: config.alternative });
      const post = { c: betaPosterior(control.conversions, control.users)!, t: betaPosterior(t.conversions, t.users)! };
      const pBetter = probabilityBBeatsA(post.c.alpha, post.c.beta, post.t.alpha, post.t.beta);
      const loss = expectedLoss(post.c.alpha, post.c.beta, post.t.alpha, post.t.beta);
      const mdeAbs = config.mde_relative ? config.mde * pc : config.mde;
      const needed =
        pc > 0 && pc + mdeAbs < 1 ? sampleSizeTwoProportions(pc, mdeAbs, { alpha: config.alpha, power: config.power, alternative: config.alternative }) : null;
      const power =
        pc > 0 && pc + mdeAbs < 1
          ? powerTwoProportions(pc, pc + mdeAbs, control.users, t.users, { alpha: config.alpha, alternative: config.alternative })
          : null;
      const users = Math.min(control.users, t.users);
      const { decision, because } = decide({ srmP: srm?.pValue ?? null, pValue: test.pValue, alpha: config.alpha, liftAbs: d, needed, users });
      const dims = withVariant ? { variant: t.variant, ...tag } : tag;
      sink.add("experiment.lift.abs", d, dims);
      sink.add("experiment.lift.rel", rel, dims);
      sink.add("experiment.p_value", test.pValue, dims);
      sink.add("experiment.p_better", pBetter, dims);
      resultsOut.push({
        ...tag,
        variant: t.variant,
        control: control.variant,
        lift_abs: d,
        lift_abs_lo95: d - z * se,
        lift_abs_hi95: d + z * se,
        lift_rel: rel,
        lift_rel_lo95: rel === null || relSe === null ? null : Math.exp(Math.log(pt / pc) - z * relSe) - 1,
        lift_rel_hi95: rel === null || relSe === null ? null : Math.exp(Math.log(pt / pc) + z * relSe) - 1,
        z: test.statistic,
        p_value: test.pValue,
        alternative: config.alternative,
        alpha: config.alpha,
        p_better: pBetter,
        expected_loss: loss.lossB,
        srm_p: srm?.pValue ?? null,
        srm_chi2: srm?.statistic ?? null,
        srm: srm !== null && srm.pValue !== null && srm.pValue < SRM_ALPHA,
        mde: mdeAbs,
        needed_per_variant: needed === null ? null : Math.ceil(needed),
        users_per_variant: users,
        power,
        target_power: config.power,
        powered: needed === null ? null : users >= needed,
        decision,
        because,
      });
    }
  }
  const series: Series = {};
  if (input.datasets.length > 0) {
    series.experiment_variants = variantsOut;
    series.experiment_results = resultsOut;
    series.experiment_posteriors = densityOut;
    series.experiment_daily = dailyOut;
  }
  return { facts: sink.facts, warnings, series };
}

/**
 * Rows whose assignment value is not their variant's usual one (the value
 * most of the variant's rows have; a tie goes to the lower index): e.g.
 * control on new_page in ab_data. Listed in the order the variants, then
 * their assignment values, first appear in the file.
 */
function countMismatches(cells: ExperimentData["assignments"]): {
  count: number;
  /** Each (variant, assignment) pair that disagrees, by label index, with its rows. */
  pairs: { variant: number; assignment: number; rows: number }[];
} {
  const byVariant = new Map<number, (typeof cells)[number][]>();
  for (const c of [...cells].sort((a, b) => a.first - b.first)) byVariant.set(c.variant, [...(byVariant.get(c.variant) ?? []), c]);
  let count = 0;
  const pairs: { variant: number; assignment: number; rows: number }[] = [];
  for (const list of byVariant.values()) {
    const usual = list.reduce((a, b) => (b.rows > a.rows || (b.rows === a.rows && b.assignment < a.assignment) ? b : a)).assignment;
    for (const c of list) {
      if (c.assignment === usual) continue;
      count += c.rows;
      pairs.push(c);
    }
  }
  return { count, pairs };
}

/** Posterior densities of each variant's rate on a shared grid covering 99.9% of every posterior. */
function densities(arms: readonly Arm[], tag: DatasetTag): SeriesRow<"experiment_posteriors">[] {
  const dists = arms.map((a) => {
    const p = betaPosterior(a.conversions, a.users);
    return p ? betaDistribution(p.alpha, p.beta) : null;
  });
  let lo = 1;
  let hi = 0;
  for (const d of dists) {
    if (!d) continue;
    const q = betaInterval(d.alpha, d.beta, 0.999);
    lo = Math.min(lo, q.lo);
    hi = Math.max(hi, q.hi);
  }
  if (!(hi > lo)) return [];
  const rows: SeriesRow<"experiment_posteriors">[] = [];
  arms.forEach((a, k) => {
    const d = dists[k];
    if (!d) return;
    for (let j = 0; j < DENSITY_POINTS; j++) {
      const x = lo + ((hi - lo) * j) / (DENSITY_POINTS - 1);
      rows.push({ ...tag, variant: a.variant, rate: x, density: d.pdf(x) });
    }
  });
  return rows;
}

/** Users and conversions per variant and day of exposure, by day and then variant label. */
function dailyRows(daily: ExperimentData["daily"], labels: readonly string[], tag: DatasetTag): SeriesRow<"experiment_daily">[] {
  return [...daily]
    .sort((a, b) => a.day - b.day || (labels[a.variant]! < labels[b.variant]! ? -1 : 1))
    .map((s) => ({ ...tag, date: dayLabel(s.day), variant: labels[s.variant]!, users: s.users, conversions: s.conversions }));
}

/**
 * The reductions, each over every experiment dataset (`ds` is its index):
 * per variant, users (rows: one exposure per user after cleaning),
 * conversions and the exact sum of revenue; per variant and day, users and
 * conversions; per variant and assignment value, rows and the first row's place.
 */
export function experimentReductions(sources: Sources): Record<string, Reduction> {
  const d = sources.dialect;
  const list = sources.datasets.experiment ?? [];
  const converted = `CASE WHEN ${d.ident("converted")} = 1 THEN 1 ELSE 0 END`;
  const variant = d.ident("variant");
  const union = (parts: string[]): string => (parts.length > 0 ? parts.join(" UNION ALL ") : "SELECT NULL AS ds WHERE FALSE");
  const arms = list.map((s, i) => {
    const revenue = s.roles.has("revenue") ? `coalesce(${d.exactSum(d.ident("revenue"))}, '0')` : "CAST(NULL AS VARCHAR)";
    return `SELECT ${i} AS ds, ${variant} AS variant, count(*) AS users, sum(${converted}) AS conversions, ${revenue} AS revenue FROM ${s.relation} GROUP BY ${variant}`;
  });
  const daily = list.map(
    (s, i) =>
      `SELECT ${i} AS ds, _day AS day, ${variant} AS variant, count(*) AS users, sum(${converted}) AS conversions FROM ${s.relation} GROUP BY _day, ${variant}`,
  );
  const assignment = d.ident("assignment");
  const assignments = list.flatMap((s, i) =>
    s.roles.has("assignment")
      ? [
          `SELECT ${i} AS ds, ${variant} AS variant, ${assignment} AS assignment, count(*) AS n, min(_seq) AS first FROM ${s.relation} WHERE ${assignment} >= 0 GROUP BY ${variant}, ${assignment}`,
        ]
      : [],
  );
  return {
    arms: { sql: union(arms), numeric: ["ds", "variant", "users", "conversions"] },
    daily: { sql: union(daily), numeric: ["ds", "day", "variant", "users", "conversions"] },
    assignments: { sql: union(assignments), numeric: ["ds", "variant", "assignment", "n", "first"] },
  };
}

/** The reductions' rows, split back into one `ExperimentData` per dataset. */
export function experimentData(names: readonly string[], reduced: Readonly<Record<string, ResultTable>>): ExperimentData[] {
  const rows = <T>(table: ResultTable | undefined, make: (i: number) => T & { ds: number }): (T & { ds: number })[] => {
    const ds = table && table["ds"] instanceof Float64Array ? table["ds"] : new Float64Array();
    return Array.from({ length: ds.length }, (_, i) => make(i));
  };
  const a = reduced["arms"];
  const revenue = a && Array.isArray(a["revenue"]) ? decimals(a, "revenue") : new Float64Array();
  const arms = rows(a, (i) => ({
    ds: numbers(a, "ds")[i]!,
    variant: numbers(a, "variant")[i]!,
    users: numbers(a, "users")[i]!,
    conversions: numbers(a, "conversions")[i]!,
    revenue: Number.isNaN(revenue[i]!) ? null : revenue[i]!,
  }));
  const dl = reduced["daily"];
  const daily = rows(dl, (i) => ({
    ds: numbers(dl, "ds")[i]!,
    day: numbers(dl, "day")[i]!,
    variant: numbers(dl, "variant")[i]!,
    users: numbers(dl, "users")[i]!,
    conversions: numbers(dl, "conversions")[i]!,
  }));
  const as = reduced["assignments"];
  const assignments = rows(as, (i) => ({
    ds: numbers(as, "ds")[i]!,
    variant: numbers(as, "variant")[i]!,
    assignment: numbers(as, "assignment")[i]!,
    rows: numbers(as, "n")[i]!,
    first: numbers(as, "first")[i]!,
  }));
  return names.map((name, k) => ({
    name,
    arms: arms.filter((x) => x.ds === k),
    daily: daily.filter((x) => x.ds === k),
    assignments: assignments.filter((x) => x.ds === k),
  }));
}

export { EXPERIMENT_METRICS } from "./catalogue.ts";

/** Experiments in the registry: every experiment dataset over its own period. */
export const experimentsAnalysis: Analysis = {
  name: "experiments",
  rows: [],
  requires: ["experiment"],
  period: false,
  uses: [],
  provides: [],
  reductions: (sources) => experimentReductions(sources),
  run: (input) =>
    experiments(
      { datasets: experimentData(input.datasets.experiment ?? [], input.reduced) },
      { labels: input.dicts.dim.labels, config: input.config.experiments },
    ),
};
