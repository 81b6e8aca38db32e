/**
 * A/B experiments from exposure logs: per variant users, conversions and
 * rate; for each treatment against the control the lift with 95% intervals,
 * the pooled z-test, P(better) and expected loss under Beta(1, 1) priors,
 * the sample size the minimum detectable effect needs, and a decision; and
 * the sample-ratio-mismatch check. Rows were cleaned when read (contaminated
 * users and repeated exposures are rejected there).
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { refCol, numCol, type Table } from "../../read/table.ts";
import type { ExperimentsConfig } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import { dayLabel, DAY_MS } from "../../time/calendar.ts";
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
import { FactSink, ratio } from "../facts.ts";
import { SERIES, type Series, type SeriesRow } from "../series.ts";
import { EXPERIMENT_METRICS } from "./catalogue.ts";
import { decide } from "./decision.ts";
import type { Analysis } from "../analysis.ts";

export interface ExperimentsInput {
  /** One table per experiment dataset. */
  readonly tables: readonly Table[];
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
  const variantsOut: SeriesRow[] = [];
  const resultsOut: SeriesRow[] = [];
  const densityOut: SeriesRow[] = [];
  const dailyOut: SeriesRow[] = [];
  const { config } = ctx;
  const z = normalQuantile(0.975, 0, 1);

  for (const table of input.tables) {
    const dataset = input.tables.length > 1 ? table.name : null;
    const tag = dataset === null ? {} : { dataset };
    const wdims = dataset === null ? {} : { dims: { dataset } };
    const variant = refCol(table, "variant");
    const converted = numCol(table, "converted");
    const revenue = table.num["revenue"] ?? null;
    const arms = new Map<number, Arm>();
    for (let i = 0; i < table.length; i++) {
      let arm = arms.get(variant[i]!);
      if (!arm) arms.set(variant[i]!, (arm = { variant: ctx.labels[variant[i]!]!, users: 0, conversions: 0, revenue: revenue ? 0 : null }));
      arm.users++;
      arm.conversions += converted[i]! === 1 ? 1 : 0;
      const r = revenue?.[i];
      if (arm.revenue !== null && r !== undefined && !Number.isNaN(r)) arm.revenue += r;
    }
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
        control: arm === control ? 1 : 0,
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
    dailyOut.push(...dailyRows(table, ctx.labels, tag));

    // Sample-ratio mismatch against the planned split.
    const planned = ordered.map((a) => config.split?.[a.variant] ?? null);
    const missing = ordered.filter((_, k) => planned[k] === null);
    if (config.split && missing.length > 0) {
      warnings.push({
        code: "experiments.split",
        message: `experiments.split gives no share for ${missing.map((a) => a.variant).join(", ")}: the SRM check assumes an equal split`,
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
    const assignment = table.ref["assignment"];
    if (assignment) {
      const mismatched = countMismatches(variant, assignment);
      if (mismatched.count > 0) {
        warnings.push({
          code: "experiments.assignment",
          message: `${mismatched.count.toLocaleString("en-US")} of the ${table.length.toLocaleString("en-US")} rows used have an assignment column that disagrees with the variant (${mismatched.detail(ctx.labels)}); they are kept in the variant the log names, not fixed`,
          ...wdims,
        });
      }
    }

    if (!control) {
      warnings.push({
        code: "experiments.control",
        message: `no variant is the control (looked for "${config.control ?? "control"}" among ${ordered.map((a) => a.variant).join(", ")}): name it with experiments.control`,
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
      const { decision, reason } = decide({
        srmP: srm?.pValue ?? null,
        pValue: test.pValue,
        alpha: config.alpha,
        liftAbs: d,
        lo95: d - z * se,
        hi95: d + z * se,
        pBetter,
        needed,
        users,
        mdePoints: mdeAbs,
      });
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
        mde: mdeAbs,
        needed_per_variant: needed === null ? null : Math.ceil(needed),
        users_per_variant: users,
        power,
        target_power: config.power,
        powered: needed === null ? null : users >= needed ? 1 : 0,
        decision,
        reason,
      });
    }
  }
  const series: Series = {};
  if (input.tables.length > 0) {
    series[SERIES.experimentVariants] = variantsOut;
    series[SERIES.experimentResults] = resultsOut;
    series[SERIES.experimentPosteriors] = densityOut;
    series[SERIES.experimentDaily] = dailyOut;
  }
  return { facts: sink.facts, warnings, series };
}

/**
 * Rows whose assignment value is not their variant's usual one (the value
 * most of the variant's rows have): e.g. control on new_page in ab_data.
 */
function countMismatches(variant: Int32Array, assignment: Int32Array): { count: number; detail: (labels: readonly string[]) => string } {
  const counts = new Map<number, Map<number, number>>();
  for (let i = 0; i < variant.length; i++) {
    if (assignment[i]! < 0) continue;
    let m = counts.get(variant[i]!);
    if (!m) counts.set(variant[i]!, (m = new Map()));
    m.set(assignment[i]!, (m.get(assignment[i]!) ?? 0) + 1);
  }
  const usual = new Map<number, number>();
  for (const [v, m] of counts) usual.set(v, [...m].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a))[0]);
  let count = 0;
  const pairs = new Map<string, number>();
  for (const [v, m] of counts) {
    for (const [a, n] of m) {
      if (a === usual.get(v)) continue;
      count += n;
      pairs.set(`${v},${a}`, n);
    }
  }
  return {
    count,
    detail: (labels) =>
      [...pairs]
        .map(([key, n]) => {
          const [v, a] = key.split(",").map(Number);
          return `${labels[v!]} on ${labels[a!]}: ${n.toLocaleString("en-US")}`;
        })
        .join("; "),
  };
}

/** Posterior densities of each variant's rate on a shared grid covering 99.9% of every posterior. */
function densities(arms: readonly Arm[], tag: object): SeriesRow[] {
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
  const rows: SeriesRow[] = [];
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

/** Users and conversions per variant and day of first exposure. */
function dailyRows(table: Table, labels: readonly string[], tag: object): SeriesRow[] {
  const time = numCol(table, "time");
  const variant = refCol(table, "variant");
  const converted = numCol(table, "converted");
  const sums = new Map<string, { day: number; variant: number; users: number; conversions: number }>();
  for (let i = 0; i < table.length; i++) {
    const day = Math.floor(time[i]! / DAY_MS);
    const key = `${day},${variant[i]!}`;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { day, variant: variant[i]!, users: 0, conversions: 0 }));
    s.users++;
    if (converted[i] === 1) s.conversions++;
  }
  return [...sums.values()]
    .sort((a, b) => a.day - b.day || (labels[a.variant]! < labels[b.variant]! ? -1 : 1))
    .map((s) => ({ ...tag, date: dayLabel(s.day), variant: labels[s.variant]!, users: s.users, conversions: s.conversions }));
}

export { EXPERIMENT_METRICS } from "./catalogue.ts";

/** Experiments in the registry: every experiment dataset over its own period. */
export const experimentsAnalysis: Analysis = {
  name: "experiments",
  requires: ["experiment"],
  period: false,
  uses: [],
  provides: [],
  run: (input) => experiments({ tables: input.tables.experiment ?? [] }, { labels: input.dicts.dim.labels, config: input.config.experiments }),
};
