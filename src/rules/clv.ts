/**
 * Which CLV band deserves retention spend: a pure rule on the
 * `clv.expected_12m{band}` facts (total predicted 12-month CLV per quintile
 * band of customers, "1" lowest to "5" highest).
 *
 * The band with the largest total (the higher band on a tie) gets `retain`
 * (rule `clv.band-holds-value`): each band has a fifth of the customers, so the
 * largest total is the largest value per customer kept; `numbers` holds
 * every band's total, from which the site quotes the shares of the best and
 * the lowest band. Without band facts, or when
 * every total is null or 0, there is no recommendation.
 *
 * `importance`: the band's predicted CLV; `confidence`: "medium" (a model's
 * prediction, checked by the holdout error on the CLV page).
 */
import { roundValue } from "../report/json.ts";
import type { Fact, Recommendation } from "../schema/report.ts";

/** The CLV rule. */
export const CLV_RULES = ["clv.band-holds-value"] as const;
export type ClvRule = (typeof CLV_RULES)[number];

export function clvRecommendations(facts: readonly Fact[]): Recommendation[] {
  const bands = facts
    .filter((f) => f.id === "clv.expected_12m" && f.dims?.["band"] !== undefined && f.value !== null)
    .map((f) => ({ band: f.dims!["band"]!, total: roundValue(f.value!) ?? 0 }));
  const sum = bands.reduce((s, b) => s + b.total, 0);
  if (bands.length === 0 || !(sum > 0)) return [];
  const best = bands.reduce((a, b) => (b.total > a.total || (b.total === a.total && b.band > a.band) ? b : a));
  return [
    {
      subject: { band: best.band },
      action: "retain",
      rule: "clv.band-holds-value",
      numbers: Object.fromEntries(bands.map((b) => [`clv.expected_12m.${b.band}`, b.total])),
      limits: {},
      findings: [],
      confidence: "medium",
      importance: best.total,
    },
  ];
}
