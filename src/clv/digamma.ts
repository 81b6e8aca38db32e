/**
 * The digamma function ψ(x) = d ln Γ(x) ÷ dx for x > 0, for the gradients
 * of the CLV likelihoods (simple-statistics has ln Γ but not ψ).
 */

/**
 * ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then
 * the asymptotic series ln x − 1/(2x) − Σₖ B₂ₖ ÷ (2k x²ᵏ) to x⁻¹⁴ (its
 * remainder is below 1e-16 there). x ≤ 0 or not finite throws a `RangeError`.
 *
 * @example digamma(1); // => -0.5772156649015329 (−γ)
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`invalid digamma x: ${x}`);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // B₂/2 = 1/12, B₄/4 = −1/120, B₆/6 = 1/252, B₈/8 = −1/240, B₁₀/10 = 1/132, B₁₂/12 = −691/32760, B₁₄/14 = 1/12.
  const tail = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return shift + Math.log(x) - 0.5 / x - tail;
}
