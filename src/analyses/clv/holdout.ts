/**
 * The calibration/holdout check of BG/NBD: fit on the orders before a split
 * day, predict each calibration customer's repeat order days after it, and
 * compare the means per calibration-frequency bucket with what happened.
 */
import { expectedPurchases, fitBgNbd, rfmSummary, type BgNbdFit, type BgNbdParams, type NotEnoughData } from "../../clv/index.ts";
import { dayLabel, type DayRange } from "../../time/calendar.ts";
import type { SeriesRow } from "../series.ts";

/** Purchases by customer index and day number (the customer columns of `rfmSummary`). */
export interface DayPurchases {
  readonly customer: Int32Array;
  readonly day: Float64Array;
  readonly revenue: Float64Array;
}

/** Buckets 0 … 6 of calibration frequency, then 7+. */
export const HOLDOUT_BUCKETS = 8;

export type Holdout =
  | { readonly status: "skipped"; readonly reason: string }
  | { readonly status: "not enough data"; readonly fit: NotEnoughData; readonly split: number }
  | {
      readonly status: "checked";
      readonly split: number;
      /** Holdout length in weeks: (range.to − split + 1) ÷ 7. */
      readonly weeks: number;
      readonly customers: number;
      readonly fit: BgNbdFit;
      /** `{ bucket, customers, actual, predicted }`, buckets "0" … "6", "7+"; means are null for an empty bucket. */
      readonly rows: SeriesRow[];
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
 * Calibration: the orders before `split`, for the customers whose first
 * order is before it, summarised with the calibration ending on split − 1.
 * Holdout: each of those customers' distinct order days from `split` to the
 * period's end. The prediction is `expectedPurchases` over the holdout's
 * (range.to − split + 1) ÷ 7 weeks.
 */
/**
 * `start`: the whole period's fit, when there is one: the calibration fit
 * starts from it alone (it lies near the calibration optimum), instead of
 * from the five default starts, which on degenerate data cost seconds.
 */
export function holdoutCheck(purchases: DayPurchases, n: number, range: DayRange, split: number, start?: BgNbdParams): Holdout {
  if (!(split > range.from && split <= range.to)) {
    return { status: "skipped", reason: `the holdout would start on ${dayLabel(split)}, outside ${dayLabel(range.from + 1)} … ${dayLabel(range.to)}` };
  }
  const { customer, day, revenue } = purchases;
  const calIndex = new Int32Array(n).fill(-1);
  let m = 0;
  const firstDay = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < customer.length; i++) firstDay[customer[i]!] = Math.min(firstDay[customer[i]!]!, day[i]!);
  for (let c = 0; c < n; c++) if (firstDay[c]! < split) calIndex[c] = m++;
  const calCustomer: number[] = [];
  const calDay: number[] = [];
  const calRevenue: number[] = [];
  const holdoutDays = new Set<number>();
  const span = range.to - range.from + 1;
  for (let i = 0; i < customer.length; i++) {
    const k = calIndex[customer[i]!]!;
    if (k < 0) continue;
    if (day[i]! < split) {
      calCustomer.push(k);
      calDay.push(day[i]!);
      calRevenue.push(revenue[i]!);
    } else holdoutDays.add(k * span + (day[i]! - range.from));
  }
  const actual = new Float64Array(m);
  for (const key of holdoutDays) actual[Math.floor(key / span)]!++;
  const summary = rfmSummary({ customer: calCustomer, day: calDay, revenue: calRevenue }, split - 1, m);
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
    predictedSum[b]! += expectedPurchases(fit, weeks, x, summary.recency[k]!, summary.T[k]!);
  }
  const rows: SeriesRow[] = [];
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
