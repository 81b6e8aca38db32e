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

/**
 * `summarise` of a sample given as distinct values and how often each
 * occurs (a histogram, as a SQL reduction returns it): the same median,
 * whole-number mode (the smallest on a tie) and mean, without the sample.
 *
 * @example summariseCounts(Float64Array.of(10, 1, 3), Float64Array.of(1, 2, 1)); // => { median: 2, mean: 3.75, mode: 1 }
 */
export function summariseCounts(values: Float64Array, counts: Float64Array): Summary {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  let n = 0;
  for (const c of counts) n += c;
  if (n === 0) return { median: null, mean: null, mode: null };
  // The k-th smallest value (0-based) of the sample.
  const nth = (k: number): number => {
    let seen = 0;
    for (const i of order) {
      seen += counts[i]!;
      if (k < seen) return values[i]!;
    }
    return values[order.at(-1)!]!;
  };
  const median = n % 2 === 1 ? nth((n - 1) / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
  let total = 0;
  let compensation = 0;
  const byWhole = new Map<number, number>();
  for (const i of order) {
    // Neumaier's compensated sum, as simple-statistics' sum.
    const term = values[i]! * counts[i]!;
    const t = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? total - t + term : term - t + total;
    total = t;
    const v = Math.round(values[i]!);
    byWhole.set(v, (byWhole.get(v) ?? 0) + counts[i]!);
  }
  let mode = Math.round(values[order[0]!]!);
  let best = 0;
  for (const [v, c] of [...byWhole].sort((a, b) => a[0] - b[0])) {
    if (c > best) {
      best = c;
      mode = v;
    }
  }
  return { median, mean: (total + compensation) / n, mode };
}
