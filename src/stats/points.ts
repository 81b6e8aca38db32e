/**
 * Points given as feature columns (the shape `standardise` returns), copied
 * once into one row-major array so that the clustering loops allocate
 * nothing: point i's feature f is `x[i * d + f]`.
 */

/**
 * @throws when a column's length differs from `n` or a value is not finite
 * @example rowMajor([Float64Array.of(1, 2), Float64Array.of(3, 4)], 2); // => Float64Array [1, 3, 2, 4]
 */
export function rowMajor(columns: readonly Float64Array[], n: number): Float64Array {
  const d = columns.length;
  const x = new Float64Array(n * d);
  columns.forEach((column, f) => {
    if (column.length !== n) throw new Error(`invalid column ${f} length: ${column.length} (column 0 has ${n})`);
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) throw new Error(`invalid value in column ${f}, row ${i}: ${v}`);
      x[i * d + f] = v;
    }
  });
  return x;
}
