/**
 * The decision on one treatment: ship, don't ship, or keep running, with the
 * finding that decided it (`because`); the site words it from the result's
 * numbers. Rules, first match wins:
 *
 * 1. `srm`: sample-ratio mismatch (SRM p < SRM_ALPHA): don't ship, the split
 *    is broken;
 * 2. `better`: significant (p < alpha) and better: ship;
 * 3. `worse`: significant and worse: don't ship;
 * 4. `no-effect`: not significant with at least the users the minimum
 *    detectable effect needs per variant: don't ship, there is no effect of
 *    that size;
 * 5. `underpowered`: otherwise: keep running (with the users still needed,
 *    when they can be computed).
 */
export const SRM_ALPHA = 0.001;

export const DECISIONS = ["ship", "don't ship", "keep running"] as const;
export type Decision = (typeof DECISIONS)[number];

export const BECAUSE = ["srm", "better", "worse", "no-effect", "underpowered"] as const;
export type Because = (typeof BECAUSE)[number];

export interface DecisionInput {
  readonly srmP: number | null;
  readonly pValue: number | null;
  readonly alpha: number;
  readonly liftAbs: number;
  /** Users per variant needed to detect the minimum detectable effect; null when it cannot be computed. */
  readonly needed: number | null;
  /** Users in the smaller of the two variants. */
  readonly users: number;
}

/**
 * @example decide({ srmP: 0.5, pValue: 0.01, alpha: 0.05, liftAbs: 0.015, needed: 6000, users: 12000 }); // => { decision: "ship", because: "better" }
 */
export function decide(x: DecisionInput): { decision: Decision; because: Because } {
  if (x.srmP !== null && x.srmP < SRM_ALPHA) return { decision: "don't ship", because: "srm" };
  if (x.pValue !== null && x.pValue < x.alpha) return x.liftAbs > 0 ? { decision: "ship", because: "better" } : { decision: "don't ship", because: "worse" };
  if (x.needed !== null && x.users >= x.needed) return { decision: "don't ship", because: "no-effect" };
  return { decision: "keep running", because: "underpowered" };
}
