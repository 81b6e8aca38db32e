/**
 * The decision on one treatment, in words: ship, don't ship, or keep
 * running, with the reason. Rules, first match wins:
 *
 * 1. sample-ratio mismatch (SRM p < 0.001): don't ship, the split is broken;
 * 2. significant (p < alpha) and better: ship;
 * 3. significant and worse: don't ship;
 * 4. not significant with at least the users the minimum detectable effect
 *    needs per variant: don't ship, there is no effect of that size;
 * 5. otherwise: keep running, with the users still needed.
 */
export const SRM_ALPHA = 0.001;

export type Decision = "ship" | "don't ship" | "keep running";

export interface DecisionInput {
  readonly srmP: number | null;
  readonly pValue: number | null;
  readonly alpha: number;
  readonly liftAbs: number;
  readonly lo95: number;
  readonly hi95: number;
  readonly pBetter: number;
  /** Users per variant needed to detect the minimum detectable effect; null when it cannot be computed. */
  readonly needed: number | null;
  /** Users in the smaller of the two variants. */
  readonly users: number;
  /** The minimum detectable effect in percentage points, for the sentence. */
  readonly mdePoints: number;
}

const pts = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)} points`;
const p = (x: number): string => (x < 0.0001 ? "< 0.0001" : x.toFixed(4));
const int = (x: number): string => Math.ceil(x).toLocaleString("en-US");

/**
 * @example decide({ srmP: 0.5, pValue: 0.01, alpha: 0.05, liftAbs: 0.015, lo95: 0.004, hi95: 0.026, pBetter: 0.995, needed: 6000, users: 12000, mdePoints: 0.01 }).decision; // => "ship"
 */
export function decide(x: DecisionInput): { decision: Decision; reason: string } {
  const ci = `${pts(x.liftAbs)} (95% CI ${pts(x.lo95)} to ${pts(x.hi95)})`;
  if (x.srmP !== null && x.srmP < SRM_ALPHA) {
    return {
      decision: "don't ship",
      reason: `sample ratio mismatch (χ² p = ${p(x.srmP)}): users did not split as planned, so the comparison may be biased; find the cause before trusting the lift of ${ci}`,
    };
  }
  if (x.pValue !== null && x.pValue < x.alpha) {
    // Significant in an underpowered test: the direction holds, the size is likely overstated.
    const caveat =
      x.needed !== null && x.users < x.needed
        ? `; the test had ${int(x.users)} users per variant, fewer than the ${int(x.needed)} the minimum detectable effect needs, so the lift's size is likely overstated`
        : "";
    return x.liftAbs > 0
      ? { decision: "ship", reason: `the treatment converts better: ${ci}, p = ${p(x.pValue)}, P(better) = ${(x.pBetter * 100).toFixed(1)}%${caveat}` }
      : { decision: "don't ship", reason: `the treatment converts worse: ${ci}, p = ${p(x.pValue)}, P(better) = ${(x.pBetter * 100).toFixed(1)}%${caveat}` };
  }
  const pv = x.pValue === null ? "no test possible" : `p = ${p(x.pValue)}`;
  if (x.needed !== null && x.users >= x.needed) {
    return {
      decision: "don't ship",
      reason: `no significant difference (${pv}) with enough users to detect ${pts(x.mdePoints).slice(1)} (${int(x.needed)} per variant needed, ${int(x.users)} seen): the lift is ${ci}`,
    };
  }
  return {
    decision: "keep running",
    reason:
      x.needed === null
        ? `not significant (${pv}) and the needed sample size cannot be computed: keep collecting`
        : `not significant yet (${pv}) and underpowered: ${int(x.needed - x.users)} more users per variant are needed to detect ${pts(x.mdePoints).slice(1)} (${int(x.needed)} per variant)`,
  };
}
