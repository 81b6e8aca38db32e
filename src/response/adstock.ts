/**
 * Geometric adstock: the carry-over of spend from one period into the next.
 */

/**
 * Adstocked spend x*ₜ = xₜ + θ·x*ₜ₋₁ with x*₀ = x₀ (no spend before the
 * first period is assumed). θ is the share of a period's effect that carries
 * into the next; a steady spend x settles at x ÷ (1 − θ).
 *
 * Empty input gives an empty array; a missing value has no meaning here, so
 * spend must be finite (callers put 0 for a period without cost rows).
 * @example adstock([100, 0, 0], 0.5); // => Float64Array [100, 50, 25]
 * @example adstock([], 0.3); // => Float64Array []
 */
export function adstock(x: ArrayLike<number>, theta: number): Float64Array {
  if (!(theta >= 0 && theta < 1)) throw new Error(`invalid adstock theta: ${theta}`);
  const out = new Float64Array(x.length);
  let carry = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) throw new Error(`invalid spend at period ${t}: ${v}`);
    carry = v + theta * carry;
    out[t] = carry;
  }
  return out;
}
