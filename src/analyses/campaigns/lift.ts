/**
 * Each dated campaign's incremental effect from its launch: the daily total
 * of a KPI where the campaign runs, against a counterfactual from the places
 * it does not (src/causal), with difference-in-differences as a cross-check.
 *
 * - Launch: the date an annotation gives for the campaign, else the first
 *   day it has a row.
 * - Target and controls: when the campaign runs in some regions only, the
 *   KPI summed over those regions, against each other region's daily total;
 *   else, when it runs in some channels only, the same over channels; else
 *   there is no control series and the lift is refused, with that reason.
 * - Every campaign of the dataset counts in those totals (the lift is what
 *   the region gained in all, not what the campaign reported).
 * - The difference-in-differences cross-check compares the target with the
 *   controls' sum scaled to the target's pre-period mean, so that a shared
 *   seasonal swing moves both by the same amount.
 */
import { did, impact, MIN_PRE_DAYS, type ImpactResult, type Refusal } from "../../causal/index.ts";
import { dayLabel } from "../../time/calendar.ts";
import type { SeriesRow } from "../series.ts";
import type { CampaignRows } from "./rows.ts";

export interface LiftOptions {
  readonly seed: number;
  readonly draws: number;
  /** Campaign id or name → launch day, from annotations. */
  readonly launches: ReadonlyMap<string, number>;
}

export type Kpi = "conversions" | "revenue";

export interface CampaignLift {
  readonly campaign: string;
  readonly launch: number | null;
  readonly launchFrom: "annotation" | "first day";
  /** Where the campaign runs (`target`) and where it does not (`controls`), by region or else by channel; null when it runs everywhere. */
  readonly split: { readonly by: "region" | "channel"; readonly target: readonly string[]; readonly controls: readonly string[] } | null;
  readonly byKpi: Partial<Record<Kpi, ImpactResult & { readonly did: ReturnType<typeof did> | null }>>;
  /** When no KPI could be analysed at all, why. */
  readonly refused: LiftRefusal | null;
}

/**
 * Why a campaign's lift is not measured: the data has no regions or
 * channels to split by (`no-split`), or the campaign runs in all of them
 * (`runs-everywhere`); its launch leaves no pre- or post-period, or a
 * pre-period too short; every control, or the KPI, is constant before the
 * launch; or no control series at all. With the numbers the check read.
 */
export const LIFT_REFUSALS = [
  "no-split",
  "runs-everywhere",
  "no-pre-period",
  "no-post-period",
  "short-pre-period",
  "constant-controls",
  "constant-kpi",
  "no-controls",
] as const;

export interface LiftRefusal {
  readonly code: (typeof LIFT_REFUSALS)[number];
  /** Pre-period days, when the check read them. */
  readonly preDays: number | null;
  /** Days a pre-period needs, for `short-pre-period`. */
  readonly neededDays: number | null;
}

/** A refusal of the causal model as a lift refusal. */
const fromModel = (r: Refusal): LiftRefusal => ({
  code: r.refusal,
  preDays: "preDays" in r ? r.preDays : null,
  neededDays: r.refusal === "short-pre-period" ? r.needed : null,
});

/** Daily sums of `values` over rows where `keep`, on days `first` … `first + days − 1`. */
function daily(data: CampaignRows, values: Float64Array, first: number, days: number, keep: (i: number) => boolean): Float64Array {
  const out = new Float64Array(days);
  const day = data.day!;
  for (let i = 0; i < data.length; i++) {
    if (!keep(i)) continue;
    const v = values[i]!;
    if (!Number.isNaN(v)) out[day[i]! - first]! += v;
  }
  return out;
}

/**
 * The controls summed, times (target's pre-period mean ÷ that sum's), or
 * unscaled when the sum's pre-period mean is 0.
 * @example scaledComparison([2, 2, 5], [[1, 1, 1], [1, 1, 1]], 2); // => [2, 2, 2]
 */
export function scaledComparison(y: Float64Array | readonly number[], xs: readonly (Float64Array | readonly number[])[], launch: number): Float64Array {
  const sum = new Float64Array(y.length);
  for (const x of xs) for (let t = 0; t < y.length; t++) sum[t]! += x[t]!;
  let ys = 0;
  let cs = 0;
  for (let t = 0; t < launch; t++) {
    ys += y[t]!;
    cs += sum[t]!;
  }
  const k = cs === 0 ? 1 : ys / cs;
  return sum.map((v) => v * k);
}

export function campaignLifts(data: CampaignRows, options: LiftOptions): CampaignLift[] {
  const span = data.span;
  if (!span || data.length === 0) return [];
  const { first, last } = span;
  const days = last - first + 1;

  return data.campaigns.map((campaign, c) => {
    const annotated = options.launches.get(campaign) ?? options.launches.get(data.names[c]!);
    const launch = annotated ?? span.campaignFirst[c]!;
    const base = { campaign, launch, launchFrom: annotated !== undefined ? ("annotation" as const) : ("first day" as const) };
    // Where the campaign runs, by region first, then by channel.
    let split: { dim: "region" | "channel"; touched: Set<number>; others: number[] } | null = null;
    for (const dim of ["region", "channel"] as const) {
      const labels = data.labels[dim];
      const runs = data.runsIn[dim];
      if (!labels || !runs) continue;
      const touched = new Set(runs[c]);
      const others = labels.map((_, k) => k).filter((k) => !touched.has(k));
      if (others.length > 0) {
        split = { dim, touched, others };
        break;
      }
    }
    if (!split) {
      const code = data.dims.region || data.dims.channel ? "runs-everywhere" : "no-split";
      return { ...base, split: null, byKpi: {}, refused: { code, preDays: null, neededDays: null } };
    }
    const { dim, touched, others } = split;
    const index = data.dims[dim]!;
    const labels = data.labels[dim]!;
    const where = { by: dim, target: [...touched].map((k) => labels[k]!), controls: others.map((k) => labels[k]!) };
    const refuse = (code: LiftRefusal["code"], preDays: number | null = null, neededDays: number | null = null): CampaignLift => ({
      ...base,
      split: where,
      byKpi: {},
      refused: { code, preDays, neededDays },
    });
    if (launch <= first) return refuse("no-pre-period");
    if (launch > last) return refuse("no-post-period");
    if (launch - first < MIN_PRE_DAYS) return refuse("short-pre-period", launch - first, MIN_PRE_DAYS);
    const byKpi: CampaignLift["byKpi"] = {};
    const kpis: [Kpi, Float64Array | null][] = [
      ["conversions", data.conversions],
      ["revenue", data.revenue],
    ];
    for (const [kpi, values] of kpis) {
      if (!values) continue;
      const y = daily(data, values, first, days, (i) => touched.has(index[i]!));
      const at = launch - first;
      // Controls that do not move before the launch cannot predict anything: named and left out.
      const all = others.map((k) => ({ label: labels[k]!, x: daily(data, values, first, days, (i) => index[i] === k) }));
      const moving = all.filter(({ x }) => x.subarray(0, at).some((v) => v !== x[0]));
      if (moving.length === 0) {
        byKpi[kpi] = { status: "refused", refusal: "constant-controls", preDays: at, did: null };
        continue;
      }
      const xs = moving.map((c) => c.x);
      const result = impact(y, xs, at, { seed: options.seed, draws: options.draws });
      byKpi[kpi] = { ...result, did: result.status === "ok" ? did(y, scaledComparison(y, xs, at), at) : null };
    }
    return { ...base, split: where, byKpi, refused: null };
  });
}

/** The lift table: one row per campaign and KPI, the reason in place of numbers when refused. */
export function liftRows(lifts: readonly CampaignLift[], names: ReadonlyMap<string, string>, dataset: string | null): SeriesRow<"campaign_lift">[] {
  const rows: SeriesRow<"campaign_lift">[] = [];
  for (const l of lifts) {
    const common = {
      ...(dataset === null ? {} : { dataset }),
      campaign: l.campaign,
      campaign_name: names.get(l.campaign) ?? l.campaign,
      launch: l.launch === null ? null : dayLabel(l.launch),
      launch_from: l.launchFrom,
      split_by: l.split?.by ?? null,
      target: l.split ? [...l.split.target] : null,
      controls: l.split ? [...l.split.controls] : null,
    };
    const kpis = Object.entries(l.byKpi) as [Kpi, NonNullable<CampaignLift["byKpi"][Kpi]>][];
    if (kpis.length === 0) {
      rows.push({
        ...common,
        kpi: "conversions",
        status: "refused",
        refused: refusalRow(l.refused ?? { code: "no-controls", preDays: null, neededDays: null }),
        ...EMPTY,
      });
      continue;
    }
    for (const [kpi, r] of kpis) {
      if (r.status !== "ok") {
        rows.push({ ...common, kpi, status: "refused", refused: refusalRow(fromModel(r)), ...EMPTY });
        continue;
      }
      const placebo = r.placebo.status === "ok" ? r.placebo : null;
      const d = r.did?.status === "ok" ? r.did : null;
      rows.push({
        ...common,
        kpi,
        status: "ok",
        refused: null,
        placebo_refused: r.placebo.status === "ok" ? null : refusalRow(fromModel(r.placebo.because)),
        pre_days: r.pre.days,
        post_days: r.post.days,
        r2: r.pre.r2,
        model: r.model.kind,
        average: r.average.value,
        lo95: r.average.lo95,
        hi95: r.average.hi95,
        cumulative: r.cumulative.value,
        cum_lo95: r.cumulative.lo95,
        cum_hi95: r.cumulative.hi95,
        relative: r.relative?.value ?? null,
        placebo: placebo?.average.value ?? null,
        placebo_lo95: placebo?.average.lo95 ?? null,
        placebo_hi95: placebo?.average.hi95 ?? null,
        placebo_passed: placebo === null ? null : placebo.passed,
        did: d?.effect.estimate ?? null,
        did_lo95: d?.effect.lo95 ?? null,
        did_hi95: d?.effect.hi95 ?? null,
        parallel_pre: d?.preTrend.parallel ?? null,
      });
    }
  }
  return rows;
}

/** A refusal as the lift row holds it. */
const refusalRow = (r: LiftRefusal): NonNullable<SeriesRow<"campaign_lift">["refused"]> => ({ code: r.code, pre_days: r.preDays, needed_days: r.neededDays });

const EMPTY = {
  placebo_refused: null,
  pre_days: null,
  post_days: null,
  r2: null,
  model: null,
  average: null,
  lo95: null,
  hi95: null,
  cumulative: null,
  cum_lo95: null,
  cum_hi95: null,
  relative: null,
  placebo: null,
  placebo_lo95: null,
  placebo_hi95: null,
  placebo_passed: null,
  did: null,
  did_lo95: null,
  did_hi95: null,
  parallel_pre: null,
} as const;

/** Actual against counterfactual per day, for the lift chart (conversions). */
export function liftPoints(lifts: readonly CampaignLift[], first: number, dataset: string | null): SeriesRow<"campaign_lift_points">[] {
  const rows: SeriesRow<"campaign_lift_points">[] = [];
  for (const l of lifts) {
    const r = l.byKpi.conversions;
    if (!r || r.status !== "ok") continue;
    for (const p of r.points) {
      rows.push({
        ...(dataset === null ? {} : { dataset }),
        campaign: l.campaign,
        date: dayLabel(first + p.index),
        actual: p.actual,
        predicted: p.predicted,
        lo95: p.lo95,
        hi95: p.hi95,
      });
    }
  }
  return rows;
}
