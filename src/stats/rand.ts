/**
 * The adjusted Rand index of two labelings of the same items, as
 * scikit-learn's `sklearn.metrics.adjusted_rand_score(a, b)`: 1 for the same
 * partition (whatever the label names), about 0 for independent labelings,
 * and negative for less agreement than chance.
 *
 * Over the ordered pairs of distinct items, with tp pairs together in both,
 * tn apart in both, fp together only in `b` and fn together only in `a`,
 * `ARI = 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))`,
 * and 1 when fn = fp = 0 (including a single item). The pair counts are
 * exact (BigInt), as sklearn's Python integers are.
 *
 * Labels are compared by identity (`===`), so 1 and "1" are different labels.
 * Empty-data policy: null for no items (sklearn returns 1.0); labelings of
 * different lengths throw.
 *
 * @example adjustedRandIndex([0, 0, 1, 1], ["b", "b", "a", "a"]); // => 1
 * @example adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]); // => -0.5
 */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number | null {
  const n = a.length;
  if (b.length !== n) throw new Error(`invalid labelings: lengths ${n} and ${b.length}`);
  if (n === 0) return null;
  const codesA = encode(a);
  const codesB = encode(b);
  const kb = codesB.count;
  const rows = new Float64Array(codesA.count);
  const columns = new Float64Array(kb);
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = codesA.codes[i]!;
    const c = codesB.codes[i]!;
    rows[r]!++;
    columns[c]!++;
    const key = r * kb + c;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const squares = (values: Iterable<number>): bigint => {
    let s = 0n;
    for (const v of values) s += BigInt(v) * BigInt(v);
    return s;
  };
  const size = BigInt(n);
  const sumSquares = squares(cells.values());
  const tp = sumSquares - size;
  const fp = squares(columns) - sumSquares;
  const fn = squares(rows) - sumSquares;
  const tn = size * size - fp - fn - sumSquares;
  if (fn === 0n && fp === 0n) return 1;
  return Number(2n * (tp * tn - fn * fp)) / Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function encode(labels: ArrayLike<number | string>): { codes: Int32Array; count: number } {
  const index = new Map<number | string, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let code = index.get(label);
    if (code === undefined) {
      code = index.size;
      index.set(label, code);
    }
    codes[i] = code;
  }
  return { codes, count: index.size };
}
