import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { checkAlternative, type Alternative } from "./alternative.ts";

/*
 * Power of the two-proportion z test, in statsmodels' convention: the effect size is
 * Cohen's h = 2·asin(√p₂) − 2·asin(√p₁) (`proportion_effectsize(p2, p1)`) and the
 * test statistic is taken as normal with mean h·√n_eff and variance 1, where
 * n_eff = 1/(1/n₁ + 1/n₂) (`NormalIndPower`). This arcsine approximation differs a
 * little from the pooled-variance z test's exact power, as statsmodels' does.
 * "greater" is statsmodels' "larger" (p₂ > p₁), "less" its "smaller".
 */

export interface PowerOptions {
  /** Significance level, default 0.05. */
  readonly alpha?: number;
  /** The alternative of the planned test, default "two-sided"; "greater" means p₂ > p₁. */
  readonly alternative?: Alternative;
}

export interface SampleSizeOptions extends PowerOptions {
  /** Target power 1 − β, default 0.8. */
  readonly power?: number;
  /** Group 2's size over group 1's, default 1 (statsmodels' `ratio`). */
  readonly ratio?: number;
}

/**
 * Cohen's h for two proportions, 2·asin(√p₂) − 2·asin(√p₁), as statsmodels'
 * `proportion_effectsize(p2, p1)` (note the order: positive when p₂ > p₁).
 *
 * Policy: a proportion outside [0, 1] (or NaN) throws a `RangeError`.
 *
 * @example cohensH(0.1, 0.12); // => 0.06398210298605855 (to 1e-15)
 */
export function cohensH(p1: number, p2: number): number {
  checkProportion("cohensH", "p1", p1);
  checkProportion("cohensH", "p2", p2);
  return 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
}

function checkProportion(caller: string, name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${caller} needs ${name} in [0, 1], got ${p}`);
}

function checkAlpha(caller: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${caller} needs alpha in (0, 1), got ${alpha}`);
}

/** Power of the normal test with standardised shift s = h·√n_eff, as statsmodels' `normal_power`. */
function normalPower(s: number, alpha: number, alternative: Alternative): number {
  if (alternative === "greater") return normalCdf(s - normalQuantile(1 - alpha, 0, 1), 0, 1);
  if (alternative === "less") return normalCdf(-s - normalQuantile(1 - alpha, 0, 1), 0, 1);
  const critical = normalQuantile(1 - alpha / 2, 0, 1);
  return normalCdf(s - critical, 0, 1) + normalCdf(-s - critical, 0, 1);
}

/**
 * Achieved power of a two-proportion test with n₁ and n₂ users when the true rates
 * are p₁ and p₂, as statsmodels'
 * `NormalIndPower().power(effect_size=proportion_effectsize(p2, p1), nobs1=n1, alpha=alpha, ratio=n2/n1, alternative=…)`:
 * power = Φ(h√n_eff − z₁₋α/₂) + Φ(−h√n_eff − z₁₋α/₂) two-sided, Φ(h√n_eff − z₁₋α) for
 * "greater", Φ(−h√n_eff − z₁₋α) for "less", with n_eff = n₁n₂/(n₁ + n₂).
 *
 * Policy: a proportion outside [0, 1], a group size not finite and > 0, an alpha
 * outside (0, 1) or an unknown alternative throws a `RangeError`. p₁ = p₂ gives alpha, the test's size.
 *
 * @example powerTwoProportions(0.1, 0.12, 3841, 3841); // => 0.8006540434999158 (to 1e-12)
 */
export function powerTwoProportions(p1: number, p2: number, n1: number, n2: number, options: PowerOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  const alternative = checkAlternative("powerTwoProportions", options.alternative ?? "two-sided");
  checkAlpha("powerTwoProportions", alpha);
  for (const [name, n] of [
    ["n1", n1],
    ["n2", n2],
  ] as const) {
    if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`powerTwoProportions needs ${name} > 0, got ${n}`);
  }
  const h = cohensH(p1, p2);
  return Math.min(1, normalPower(h * Math.sqrt((n1 * n2) / (n1 + n2)), alpha, alternative));
}

/**
 * Group 1's size for a test of effect size h (Cohen's h) to reach `power`, as a real
 * number, as statsmodels'
 * `NormalIndPower().solve_power(effect_size=h, nobs1=None, alpha=alpha, power=power, ratio=ratio, alternative=…)`.
 * The standardised shift s = |h|·√n_eff solves normalPower(s) = power (closed form
 * z₁₋α + z_power one-sided; Newton's method two-sided, where the far tail counts
 * too), then n₁ = (s/h)²·(1 + ratio)/ratio.
 *
 * Policy: h = 0, or h of the wrong sign for a one-sided alternative ("greater" needs
 * h > 0), gives null: no sample size reaches the power. alpha or power outside (0, 1),
 * power ≤ alpha, a ratio not finite and > 0, a non-finite h or an unknown alternative
 * throws a `RangeError`.
 *
 * @example sampleSizeForCohensH(0.2); // => 392.4430232577885 (to 1e-9)
 */
export function sampleSizeForCohensH(h: number, options: SampleSizeOptions = {}): number | null {
  return solveSampleSize("sampleSizeForCohensH", h, options);
}

function solveSampleSize(caller: string, h: number, options: SampleSizeOptions): number | null {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const ratio = options.ratio ?? 1;
  const alternative = checkAlternative(caller, options.alternative ?? "two-sided");
  checkAlpha(caller, alpha);
  if (!(power > 0 && power < 1)) throw new RangeError(`${caller} needs power in (0, 1), got ${power}`);
  if (!(power > alpha)) throw new RangeError(`${caller} needs power > alpha, got power ${power} and alpha ${alpha}`);
  if (!(Number.isFinite(ratio) && ratio > 0)) throw new RangeError(`${caller} needs ratio > 0, got ${ratio}`);
  if (!Number.isFinite(h)) throw new RangeError(`${caller} needs a finite effect size, got ${h}`);
  if (h === 0 || (alternative === "greater" && h < 0) || (alternative === "less" && h > 0)) return null;
  const zPower = normalQuantile(power, 0, 1);
  let s: number;
  if (alternative !== "two-sided") s = normalQuantile(1 - alpha, 0, 1) + zPower;
  else {
    // Φ(s − c) + Φ(−s − c) = power is increasing in s ≥ 0; Newton from the one-tail root, which is below it.
    const c = normalQuantile(1 - alpha / 2, 0, 1);
    s = c + zPower;
    for (let i = 0; i < 50; i++) {
      const f = normalCdf(s - c, 0, 1) + normalCdf(-s - c, 0, 1) - power;
      const slope = Math.exp(-((s - c) ** 2) / 2) / Math.sqrt(2 * Math.PI) - Math.exp(-((s + c) ** 2) / 2) / Math.sqrt(2 * Math.PI);
      const step = f / slope;
      s -= step;
      if (Math.abs(step) <= 1e-15 * s) break;
    }
  }
  const nEff = (s / h) ** 2;
  return (nEff * (1 + ratio)) / ratio;
}

/**
 * Users per group for a two-proportion test to detect a change `mde` from the
 * baseline rate p₁ with the given power: Cohen's h between p₁ and p₂ and
 * `sampleSizeForCohensH`, rounded up to a whole user (statsmodels' solve_power
 * returns the real number; a solution within 1e-9 relative of a whole number is taken
 * as that number; with `ratio` ≠ 1 this is group 1's size).
 *
 * - `relative: false` (default): mde is absolute, p₂ = p₁ + mde (0.01 = one percentage point);
 * - `relative: true`: mde is relative, p₂ = p₁·(1 + mde) (0.1 = a 10% lift).
 *
 * Policy: p₁ outside [0, 1], or a p₂ outside [0, 1], throws a `RangeError`, as do
 * the options' checks of `sampleSizeForCohensH`; mde = 0 (or a direction the
 * one-sided alternative rules out) gives null.
 *
 * @example sampleSizeTwoProportions(0.1, 0.02); // => 3835 (statsmodels' solve_power: 3834.595739884031)
 * @example sampleSizeTwoProportions(0.1, 0.2, { relative: true }); // => 3835 (p₂ = 0.12)
 */
export function sampleSizeTwoProportions(p1: number, mde: number, options: SampleSizeOptions & { readonly relative?: boolean } = {}): number | null {
  if (!Number.isFinite(mde)) throw new RangeError(`sampleSizeTwoProportions needs a finite mde, got ${mde}`);
  checkProportion("sampleSizeTwoProportions", "p1", p1);
  const p2 = options.relative ? p1 * (1 + mde) : p1 + mde;
  checkProportion("sampleSizeTwoProportions", "p2 = p1 + mde", p2);
  const n = solveSampleSize("sampleSizeTwoProportions", cohensH(p1, p2), options);
  return n === null ? null : Math.ceil(n - 1e-9 * n);
}
