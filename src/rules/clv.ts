/**
 * Which CLV band deserves retention spend: a pure rule on the
 * `clv.expected_12m{band}` facts (total predicted 12-month CLV per quintile
 * band of customers, "1" lowest to "5" highest).
 *
 * The band with the largest total (the higher band on a tie) gets `retain`
 * (rule `clv.band-holds-value`): each band has a fifth of the customers, so the
 * largest total is the largest value per customer kept. Its share of all
 * predicted CLV and the lowest band's are quoted. Without band facts, or when
 * every total is null or 0, there is no recommendation.
 *
 * `importance`: the band's predicted CLV; `confidence`: "medium" (a model's
 * prediction, checked by the holdout error on the CLV page).
 */
import { roundValue } from "../report/json.ts";
import type { Fact, Recommendation } from "../schema/report.ts";

export function clvRecommendations(facts: readonly Fact[]): Recommendation[] {
  const bands = facts
    .filter((f) => f.id === "clv.expected_12m" && f.dims?.["band"] !== undefined && f.value !== null)
    .map((f) => ({ band: f.dims!["band"]!, total: roundValue(f.value!) ?? 0 }));
  const sum = bands.reduce((s, b) => s + b.total, 0);
  if (bands.length === 0 || !(sum > 0)) return [];
  const best = bands.reduce((a, b) => (b.total > a.total || (b.total === a.total && b.band > a.band) ? b : a));
  const lowest = bands.reduce((a, b) => (b.band < a.band ? b : a));
  const pct = (v: number): string => `${Math.round((100 * v) / sum)}%`;
  return [
    {
      subject: { band: best.band },
      action: "retain",
      rule: "clv.band-holds-value",
      why:
        `CLV band ${best.band} holds ${pct(best.total)} of the predicted 12-month CLV with a fifth of the customers` +
        (lowest.band !== best.band ? `, against ${pct(lowest.total)} in band ${lowest.band}` : "") +
        `: retention spend earns most there.`,
      numbers: Object.fromEntries(bands.map((b) => [`clv.expected_12m.${b.band}`, b.total])),
      confidence: "medium",
      importance: best.total,
    },
  ];
}
