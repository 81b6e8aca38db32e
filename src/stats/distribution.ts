import { medianSorted, sum } from "simple-statistics";

export interface Summary {
  readonly median: number | null;
  readonly mean: number | null;
  /** The most frequent value after rounding to a whole number; the smallest on a tie. */
  readonly mode: number | null;
}

/**
 * Median, mean and whole-number mode of a sample; all null when it is empty.
 * Sorts `values` in place (callers pass a scratch array).
 *
 * @example summarise(Float64Array.of(3, 1, 1, 10)); // => { median: 2, mean: 3.75, mode: 1 }
 */
export function summarise(values: Float64Array): Summary {
  const n = values.length;
  if (n === 0) return { median: null, mean: null, mode: null };
  values.sort();
  const asArray = values as unknown as number[];
  let mode = Math.round(values[0]!);
  let best = 0;
  for (let i = 0; i < n;) {
    const v = Math.round(values[i]!);
    let j = i;
    while (j < n && Math.round(values[j]!) === v) j++;
    if (j - i > best) {
      best = j - i;
      mode = v;
    }
    i = j;
  }
  return { median: medianSorted(asArray), mean: sum(asArray) / n, mode };
}
