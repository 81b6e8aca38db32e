/**
 * The calibration/holdout check of BG/NBD: fit on the orders before a split
 * day, predict each calibration customer's repeat order days after it, and
 * compare the means per calibration-frequency bucket with what happened.
 */
import { expectedPurchases, fitBgNbd, type BgNbdFit, type BgNbdParams, type NotEnoughData } from "../../clv/index.ts";
import type { DayRange } from "../../time/calendar.ts";
import type { SeriesRow } from "../series.ts";

/** Each customer's purchase days around the split (`customerReductions`). */
export interface SplitDays {
  readonly firstDay: Float64Array;
  /** Purchase days before the split, and the last of them (NaN: none). */
  readonly calibrationDays: Float64Array;
  readonly calibrationLast: Float64Array;
  /** Purchase days from the split on. */
  readonly holdoutDays: Float64Array;
}

/** Buckets 0 … 6 of calibration frequency, then 7+. */
export const HOLDOUT_BUCKETS = 8;

export type Holdout =
  /** The split is outside the period (after its first day, up to its last): the report names the days. */
  | { readonly status: "skipped" }
  | { readonly status: "not enough data"; readonly fit: NotEnoughData; readonly split: number }
  | {
      readonly status: "checked";
      readonly split: number;
      /** Holdout length in weeks: (range.to − split + 1) ÷ 7. */
      readonly weeks: number;
      readonly customers: number;
      readonly fit: BgNbdFit;
      /** `{ bucket, customers, actual, predicted }`, buckets "0" … "6", "7+"; means are null for an empty bucket. */
      readonly rows: SeriesRow<"clv_holdout">[];
      /** Mean over buckets with actual > 0 of |predicted − actual| ÷ actual; null when there is none. */
      readonly mape: number | null;
    };

/**
 * The default split: the first day of the last 25% of the period's days,
 * rounded down, from + ⌊0.75 × days⌋.
 * @example defaultSplit({ from: 0, to: 99 }); // => 75 (holdout days 75 … 99)
 */
export function defaultSplit(range: DayRange): number {
  return range.from + Math.floor(0.75 * (range.to - range.from + 1));
}

/**
 * Calibration: the purchase days before `split` of the customers whose
 * first purchase is before it, summarised with the calibration ending on
 * split − 1. Holdout: each of those customers' distinct purchase days from
 * `split` to the period's end. The prediction is `expectedPurchases` over
 * the holdout's (range.to − split + 1) ÷ 7 weeks.
 */
/**
 * `start`: the whole period's fit, when there is one: the calibration fit
 * starts from it alone (it lies near the calibration optimum), instead of
 * from the five default starts, which on degenerate data cost seconds.
 */
export function holdoutCheck(days: SplitDays, range: DayRange, split: number, start?: BgNbdParams): Holdout {
  if (!(split > range.from && split <= range.to)) {
    return { status: "skipped" };
  }
  // The calibration customers: those whose first purchase is before the split.
  const frequency: number[] = [];
  const recency: number[] = [];
  const T: number[] = [];
  const actual: number[] = [];
  for (let c = 0; c < days.firstDay.length; c++) {
    if (!(days.firstDay[c]! < split)) continue;
    frequency.push(days.calibrationDays[c]! - 1);
    recency.push((days.calibrationLast[c]! - days.firstDay[c]!) / 7);
    T.push((split - 1 - days.firstDay[c]!) / 7);
    actual.push(days.holdoutDays[c]!);
  }
  const m = frequency.length;
  const summary = { frequency, recency, T };
  const fit = fitBgNbd(summary, start ? { starts: [start] } : {});
  if (fit.status !== "fitted") return { status: "not enough data", fit, split };
  const weeks = (range.to - split + 1) / 7;
  const count = new Float64Array(HOLDOUT_BUCKETS);
  const actualSum = new Float64Array(HOLDOUT_BUCKETS);
  const predictedSum = new Float64Array(HOLDOUT_BUCKETS);
  for (let k = 0; k < m; k++) {
    const x = summary.frequency[k]!;
    const b = Math.min(x, HOLDOUT_BUCKETS - 1);
    count[b]!++;
    actualSum[b]! += actual[k]!;
    predictedSum[b]! += expectedPurchases(fit, weeks, x, recency[k]!, T[k]!);
  }
  const rows: SeriesRow<"clv_holdout">[] = [];
  const errors: number[] = [];
  for (let b = 0; b < HOLDOUT_BUCKETS; b++) {
    const c = count[b]!;
    const a = c > 0 ? actualSum[b]! / c : null;
    const p = c > 0 ? predictedSum[b]! / c : null;
    rows.push({ bucket: b === HOLDOUT_BUCKETS - 1 ? `${b}+` : String(b), customers: c, actual: a, predicted: p });
    if (a !== null && p !== null && a > 0) errors.push(Math.abs(p - a) / a);
  }
  const mape = errors.length > 0 ? errors.reduce((s, e) => s + e, 0) / errors.length : null;
  return { status: "checked", split, weeks, customers: m, fit, rows, mape };
}
