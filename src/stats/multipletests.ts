function checkPValues(name: string, pValues: ArrayLike<number>): number[] {
  const copy = Array.from(pValues);
  copy.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} pValues[${i}] is not a p-value in [0, 1]: ${p}`);
  });
  return copy;
}

/** Indices of `values` in ascending order of value, ties in input order. */
function ascending(values: readonly number[]): number[] {
  return Array.from(values, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
}

/**
 * Holm's step-down adjusted p-values, in input order, as statsmodels'
 * `multipletests(p, method="holm")[1]`: sort ascending, multiply the i-th smallest
 * (i = 0…m−1) by m − i, take the running maximum, cap at 1. Tied inputs get equal outputs.
 *
 * Policy: an empty list gives an empty list; a value outside [0, 1] or NaN throws a `RangeError`.
 *
 * @example holm([0.01, 0.04, 0.03, 0.005]); // => [0.03, 0.06, 0.06, 0.02]
 */
export function holm(pValues: ArrayLike<number>): number[] {
  const p = checkPValues("holm", pValues);
  const m = p.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  ascending(p).forEach((index, rank) => {
    running = Math.max(running, (m - rank) * p[index]!);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg false-discovery-rate adjusted p-values, in input order, as
 * statsmodels' `multipletests(p, method="fdr_bh")[1]`: sort ascending, scale the
 * i-th smallest (i = 1…m) by m / i, take the running minimum from the largest down,
 * cap at 1. Tied inputs get equal outputs.
 *
 * Policy: an empty list gives an empty list; a value outside [0, 1] or NaN throws a `RangeError`.
 *
 * @example benjaminiHochberg([0.01, 0.04, 0.03, 0.005]); // => [0.02, 0.04, 0.04, 0.02]
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): number[] {
  const p = checkPValues("benjaminiHochberg", pValues);
  const m = p.length;
  const adjusted = new Array<number>(m);
  const order = ascending(p);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, p[index]! / ((rank + 1) / m));
    adjusted[index] = running;
  }
  return adjusted;
}
