import gammainc from "@stdlib/math-base-special-gammainc";

export interface ChiSquareTestResult {
  /** Pearson's X² = Σ (O − E)² / E, after Yates' correction when it applies. */
  readonly statistic: number;
  readonly pValue: number;
  /** Degrees of freedom, (rows − 1)(columns − 1). */
  readonly dof: number;
  /** Expected counts under independence, row total × column total / grand total, in the table's shape. */
  readonly expected: number[][];
}

/**
 * Checks the shape and cells of a contingency table: at least 2 × 2,
 * rectangular, every count finite and ≥ 0. Throws a `RangeError` naming the problem.
 */
function checkTable(test: string, table: readonly (readonly number[])[]): void {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows < 2 || columns < 2) throw new RangeError(`${test} needs at least a 2×2 table, got ${rows}×${columns}`);
  table.forEach((row, i) => {
    if (row.length !== columns) throw new RangeError(`${test} table row ${i} has ${row.length} cells, expected ${columns}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`${test} table[${i}][${j}] is not a finite count ≥ 0: ${v}`);
    });
  });
}

/**
 * Upper tail of the chi-square distribution, P(χ²_dof ≥ x) = Q(dof/2, x/2),
 * the upper regularised incomplete gamma function: small p-values keep their
 * relative precision, as `scipy.stats.chi2.sf`.
 * @example chiSquareSf(3.841458820694124, 1); // => 0.05 (to 1e-15)
 */
export function chiSquareSf(x: number, dof: number): number {
  return gammainc(x / 2, dof / 2, true, true);
}

/**
 * Pearson's chi-square test of independence on an r × c contingency table, as
 * `scipy.stats.chi2_contingency(table, correction=…)`.
 *
 * - expected E = row total × column total / grand total; dof = (r − 1)(c − 1);
 * - with `correction` (default true) and dof = 1 (a 2 × 2 table), Yates'
 *   correction moves each observed count toward its expected count by
 *   min(0.5, |O − E|) before X² = Σ (O − E)² / E is summed; larger tables are never corrected;
 * - p = P(χ²_dof ≥ X²) by `chiSquareSf`, precise in the tail.
 *
 * Policy: a table smaller than 2 × 2, ragged, with a negative or non-finite count,
 * or with a row or column that sums to 0 (an expected count of 0; SciPy raises too)
 * throws a `RangeError`. Counts need not be whole numbers.
 *
 * @example chiSquareTest([[10, 10, 20], [20, 20, 20]]); // => { statistic: 2.7777777777777777, pValue: 0.2493522087772962, dof: 2, expected: [[12, 12, 16], [18, 18, 24]] } (p to 1e-15)
 */
export function chiSquareTest(table: readonly (readonly number[])[], options: { readonly correction?: boolean } = {}): ChiSquareTestResult {
  return pearsonChiSquare("chiSquareTest", table, options.correction ?? true);
}

/** `chiSquareTest` with the caller's name in its errors; `cramersV` uses it uncorrected. */
export function pearsonChiSquare(test: string, table: readonly (readonly number[])[], correction: boolean): ChiSquareTestResult {
  checkTable(test, table);
  const rows = table.length;
  const columns = table[0]!.length;
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => table.reduce((s, row) => s + row[j]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  rowTotals.forEach((t, i) => {
    if (t === 0) throw new RangeError(`${test} table row ${i} sums to 0, so its expected counts are 0`);
  });
  columnTotals.forEach((t, j) => {
    if (t === 0) throw new RangeError(`${test} table column ${j} sums to 0, so its expected counts are 0`);
  });
  const expected = rowTotals.map((r) => columnTotals.map((c) => (r * c) / total));
  const dof = (rows - 1) * (columns - 1);
  const yates = dof === 1 && correction;
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const e = expected[i]![j]!;
      let d = table[i]![j]! - e;
      if (yates) d = Math.sign(d) * Math.max(0, Math.abs(d) - 0.5);
      statistic += (d * d) / e;
    }
  }
  return { statistic, pValue: Math.min(1, chiSquareSf(statistic, dof)), dof, expected };
}
