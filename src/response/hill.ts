/**
 * Hill saturation: how a response flattens as (adstocked) spend grows.
 */

/**
 * h(x) = x^α ÷ (x^α + γ^α), a share from 0 (x = 0) towards 1; γ is the spend
 * at which half the ceiling is reached, α the shape (concave for α ≤ 1,
 * S-shaped for α > 1). Computed as 1 ÷ (1 + (γ ÷ x)^α) so that large x does
 * not overflow. Negative spend is an error, not 0.
 * @example hill(100, 1, 100); // => 0.5
 * @example hill(300, 1, 100); // => 0.75
 * @example hill(0, 0.5, 100); // => 0
 */
export function hill(x: number, alpha: number, gamma: number): number {
  check(x, alpha, gamma);
  if (x === 0) return 0;
  return 1 / (1 + Math.pow(gamma / x, alpha));
}

/**
 * dh/dx = α ÷ x · h(x) · (1 − h(x)) = α x^(α−1) γ^α ÷ (x^α + γ^α)². At x = 0
 * it is 1 ÷ γ for α = 1, +∞ for α < 1 and 0 for α > 1.
 * @example hillSlope(100, 1, 100); // => 0.0025
 * @example hillSlope(0, 1, 50); // => 0.02
 */
export function hillSlope(x: number, alpha: number, gamma: number): number {
  check(x, alpha, gamma);
  if (x === 0) return alpha === 1 ? 1 / gamma : alpha < 1 ? Infinity : 0;
  const h = 1 / (1 + Math.pow(gamma / x, alpha));
  return (alpha / x) * h * (1 - h);
}

function check(x: number, alpha: number, gamma: number): void {
  if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`invalid hill spend: ${x}`);
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new Error(`invalid hill alpha: ${alpha}`);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new Error(`invalid hill gamma: ${gamma}`);
}
