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
export function rankAverage(values: readonly number[]): Ranking {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  return { ranks, tieTerm };
}
