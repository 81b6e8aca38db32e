export interface Ranking {
  /** Ranks 1…n in input order; tied values share the mean of their ranks. */
  readonly ranks: Float64Array;
  /** Σ (t³ − t) over groups of t tied values; 0 when all values differ. */
  readonly tieTerm: number;
}

/**
 * Average ranks (SciPy's `rankdata(method="average")`) and the tie term used by
 * rank tests' variance corrections.
 *
 * @example rankAverage([10, 20, 10, 30]); // => { ranks: Float64Array [1.5, 3, 1.5, 4], tieTerm: 6 }
 */
export function rankAverage(values: ArrayLike<number>): Ranking {
  const n = values.length;
  // A typed array sorts numbers natively, without a comparator; each value then finds its run of equals by binary search.
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    // The first index holding v, and the first after its run: its ranks are lo + 1 … hi.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    hi = n;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (sorted[mid]! <= v) end = mid + 1;
      else hi = mid;
    }
    ranks[k] = (lo + 1 + end) / 2;
  }
  return { ranks, tieTerm };
}
