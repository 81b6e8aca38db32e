/**
 * RFM: recency, frequency and monetary value at the period's end, scored 1–5
 * by rank quintiles, and the classic segments of the R×F table.
 */
import type { FactSink } from "../../facts/sink.ts";
import type { CustomerBase } from "./base.ts";

/** Segment names in the order pages list them (best first). */
export const RFM_SEGMENTS = [
  "Champions",
  "Loyal",
  "Potential loyalist",
  "New",
  "Promising",
  "Need attention",
  "About to sleep",
  "At risk",
  "Can't lose",
  "Hibernating",
  "Lost",
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** `RFM_TABLE[5 - r][f - 1]`: rows R = 5 … 1, columns F = 1 … 5. */
export const RFM_TABLE: readonly (readonly RfmSegment[])[] = [
  ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
  ["Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal"],
  ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
  ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose"],
  ["Lost", "Lost", "At risk", "At risk", "Can't lose"],
];

/** The segment of R and F scores (each 1–5). @example rfmSegment(5, 1); // => "New" */
export const rfmSegment = (r: number, f: number): RfmSegment => RFM_TABLE[5 - r]![f - 1]!;

/**
 * Rank quintile scores: sort by value ascending, ties in array order (the
 * base is sorted by customer id, so ties go by id in code-unit order); the
 * i-th of n (0-based) scores ⌊5i/n⌋ + 1. Unlike pandas `qcut` on
 * `rank(method='first')`, this is exact for every n.
 *
 * With many one-order customers, F ties are wide: which of them score 1 and
 * which 2 is decided by customer id alone.
 *
 * @example quintileScores(Float64Array.of(10, 30, 20, 20, 50)); // => Int8Array [1, 4, 2, 3, 5]
 */
export function quintileScores(values: Float64Array): Int8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const scores = new Int8Array(n);
  order.forEach((c, i) => (scores[c] = Math.floor((5 * i) / n) + 1));
  return scores;
}

export interface Rfm {
  /** Whole days from the last order to the period's last day. */
  readonly recency: Float64Array;
  readonly r: Int8Array;
  readonly f: Int8Array;
  readonly m: Int8Array;
  readonly segment: readonly RfmSegment[];
}

/** Scores every customer of the base and emits `rfm.customers{segment}` and `rfm.revenue{segment}` (0 for empty segments). */
export function rfm(base: CustomerBase, lastDay: number, sink: FactSink): Rfm {
  const recency = Float64Array.from(base.lastDay, (d) => lastDay - d);
  const r = quintileScores(recency.map((x) => -x));
  const f = quintileScores(base.orders);
  const m = quintileScores(base.revenue);
  const segment = Array.from({ length: base.n }, (_, i) => rfmSegment(r[i]!, f[i]!));
  const customers = new Map<RfmSegment, number>(RFM_SEGMENTS.map((s) => [s, 0]));
  const revenue = new Map<RfmSegment, number>(RFM_SEGMENTS.map((s) => [s, 0]));
  for (let i = 0; i < base.n; i++) {
    customers.set(segment[i]!, customers.get(segment[i]!)! + 1);
    revenue.set(segment[i]!, revenue.get(segment[i]!)! + base.revenue[i]!);
  }
  for (const s of RFM_SEGMENTS) {
    sink.add("rfm.customers", customers.get(s)!, { segment: s });
    sink.add("rfm.revenue", revenue.get(s)!, { segment: s });
  }
  return { recency, r, f, m, segment };
}
