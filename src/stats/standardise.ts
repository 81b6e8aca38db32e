/** Feature columns standardised to z-scores, with the mean and SD used for each. */
export interface Standardised {
  /** One z-score column per input column, each as long as the input. */
  readonly columns: Float64Array[];
  readonly mean: number[];
  /** The population SD (divisor n); 0 for a constant column. */
  readonly sd: number[];
}

/**
 * Z-scores `(x - mean) / sd` of each column, with the population standard
 * deviation `sd = sqrt(Σ(x - mean)² / n)` (ddof = 0, as scikit-learn's
 * `StandardScaler`). The mean is the plain mean and the variance a second pass
 * over the deviations.
 *
 * A constant column (all values equal, so its SD is 0) becomes all 0 and
 * reports `sd: 0`; `StandardScaler` also maps it to 0 (it divides by 1).
 *
 * Empty-data policy: there is no z-score without rows, so zero rows throw, as
 * do columns of different lengths and non-finite values (NaN, ±Infinity);
 * settle missing values before standardising.
 *
 * @example standardise([Float64Array.of(1, 3), Float64Array.of(5, 5)]); // => { columns: [[-1, 1], [0, 0]], mean: [2, 5], sd: [1, 0] }
 */
export function standardise(columns: readonly Float64Array[]): Standardised {
  const n = columns[0]?.length ?? 0;
  if (n === 0) throw new Error("invalid standardise input: no rows");
  const out: Float64Array[] = [];
  const mean: number[] = [];
  const sd: number[] = [];
  columns.forEach((column, c) => {
    if (column.length !== n) throw new Error(`invalid column ${c} length: ${column.length} (column 0 has ${n})`);
    let sum = 0;
    let constant = true;
    const first = column[0]!;
    for (let i = 0; i < n; i++) {
      const x = column[i]!;
      if (!Number.isFinite(x)) throw new Error(`invalid value in column ${c}, row ${i}: ${x}`);
      sum += x;
      if (x !== first) constant = false;
    }
    const m = constant ? first : sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (column[i]! - m) ** 2;
    const s = constant ? 0 : Math.sqrt(squares / n);
    const z = new Float64Array(n);
    if (s > 0) for (let i = 0; i < n; i++) z[i] = (column[i]! - m) / s;
    out.push(z);
    mean.push(m);
    sd.push(s);
  });
  return { columns: out, mean, sd };
}
