/**
 * Per-channel recommendations: one for every source, decided by pure rules
 * from the funnel facts alone (no I/O, no clock, no randomness).
 *
 * A source is any `source` dim value of any fact. Its inputs are the facts
 * whose dims are exactly `{ source }`: `buyers`, `revenue`, `cost`, `cac`,
 * `romi`, `payback.months`, `visits.users`, `conversion.rate`; plus the
 * total `cost` (no dims) for the spend share = cost{source} ÷ cost. A missing
 * fact is absent and a null fact is unknown; neither is ever read as 0.
 *
 * The rules are checked in this order; the first that matches decides.
 * `n` = buyers{source}, `p` = payback.months{source}, `share` = spend share,
 * and the thresholds are `recommendations.*` and `horizon_months` in
 * `content/report.yaml` (their defaults are in the config schema, listed in
 * docs/config.md).
 *
 * | # | rule id                           | action              | when                                                                              |
 * | - | --------------------------------- | ------------------- | --------------------------------------------------------------------------------- |
 * | 1 | `channel.no-cost`                 | `investigate`       | the report has cost data, n > 0, and cost{source} is missing or null               |
 * | 2 | `channel.too-few-buyers`          | `insufficient data` | n < min_buyers, n is 0, or n is missing or null                                    |
 * | 3 | `channel.no-cost-data`            | `investigate`       | the report has no cost data at all (no `cost` fact without dims)                   |
 * | 4 | `channel.pays-back`               | `scale`             | p is not null and p ≤ horizon_months                                               |
 * | 5 | `channel.near-break-even`         | `optimize`          | 1 − near_one ≤ romi ≤ 1 + near_one                                                 |
 * | 6 | `channel.loses-money`             | `cut`               | romi < cut_romi and share ≥ cut_spend_share                                        |
 * | 7 | `channel.below-break-even-small`  | `optimize`          | romi < 1 − near_one and share < cut_spend_share: small spend, fix it before cutting |
 * | 8 | `channel.below-break-even`        | `optimize`          | romi < 1 − near_one otherwise: above the cut line, or the share is unknown        |
 * | 9 | `channel.profitable-slow`         | `keep`              | romi > 1 + near_one but p is null or later than horizon_months                    |
 * | 10| `channel.default`                 | `keep`              | nothing above: romi is null or missing (a source whose cost is 0)                 |
 *
 * Choices worth knowing:
 * - Rule 1 comes before rule 2: one source without cost rows in a report that
 *   has them is a tracking gap worth checking even with a single buyer.
 * - Rule 3 (no cost data anywhere) comes after rule 2: the gap is the
 *   report's, not the source's, so a source too small to judge with costs is
 *   still "insufficient data" without them, and "investigate" is kept for the
 *   sources that could be judged once costs are added. Neither "keep" (it
 *   would claim a judgement) nor "insufficient data" (the buyers are there,
 *   the costs are not) describes those sources.
 * - Rule 8 fills the gap between rules 6 and 7: with the defaults a source at
 *   ROMI 0.78 on 25 % of spend is neither cut (0.78 ≥ 0.7) nor small, and
 *   must not fall through to "keep".
 * - Rules 4 to 10 only see sources with n ≥ min_buyers and cost data.
 *
 * `confidence`: "low" for `insufficient data`; otherwise by buyers,
 * n ≥ 300 "high", n ≥ 100 "medium", else "low".
 *
 * `importance` (money at stake, to rank "most important first"): cost{source}
 * for `cut` and `optimize`; revenue{source} for `scale`, `keep` and
 * `investigate`; 0 for `insufficient data`. An unknown amount ranks as 0 (a
 * rank, not a metric: `numbers` still says null or leaves it out).
 *
 * `numbers`: the facts the rule looked at or quotes, by fact id, plus the
 * derived `spend.share`; null where the fact is null, left out where it is
 * missing.
 *
 * `limits`: the five thresholds above, by their config names.
 *
 * The budget amount: when the budget analysis recommends a weekly spend for
 * the source (`budget.spend.recommended{source}` not null), `numbers` gains
 * the change of weekly spend, the marginal ROMI (or marginal buyers) at
 * today's and at the recommended spend, the expected change of the outcome
 * with its 90% interval and the largest weekly spend seen (`budgetNumbers`),
 * which the site words as one more sentence. The action itself still comes
 * from the rules above.
 *
 * The rules decide and emit numbers; `src/words/why.ts` words each rule.
 *
 * Fact values are first rounded to 12 significant digits, as `metrics.json`
 * publishes them, so the rules decide on the numbers a reader sees: a ROMI
 * summed to 0.8499999999999999 is 0.85, on the break-even boundary.
 */
import type { Config, RecommendationsConfig } from "../schema/config.ts";
import { roundValue } from "../report/json.ts";
import type { Action, Fact, Recommendation } from "../schema/report.ts";
import type { DerivedNumber } from "./numbers.ts";

export const RULE_NO_COST = "channel.no-cost";
export const RULE_TOO_FEW_BUYERS = "channel.too-few-buyers";
export const RULE_NO_COST_DATA = "channel.no-cost-data";
export const RULE_PAYS_BACK = "channel.pays-back";
export const RULE_NEAR_BREAK_EVEN = "channel.near-break-even";
export const RULE_LOSES_MONEY = "channel.loses-money";
export const RULE_BELOW_BREAK_EVEN_SMALL = "channel.below-break-even-small";
export const RULE_BELOW_BREAK_EVEN = "channel.below-break-even";
export const RULE_PROFITABLE_SLOW = "channel.profitable-slow";
export const RULE_DEFAULT = "channel.default";

/** Every channel rule id, in the order the rules are checked. */
export const CHANNEL_RULES = [
  RULE_NO_COST,
  RULE_TOO_FEW_BUYERS,
  RULE_NO_COST_DATA,
  RULE_PAYS_BACK,
  RULE_NEAR_BREAK_EVEN,
  RULE_LOSES_MONEY,
  RULE_BELOW_BREAK_EVEN_SMALL,
  RULE_BELOW_BREAK_EVEN,
  RULE_PROFITABLE_SLOW,
  RULE_DEFAULT,
] as const;
export type ChannelRule = (typeof CHANNEL_RULES)[number];

/** Buyers from which a judgement has "high" confidence. */
export const HIGH_CONFIDENCE_BUYERS = 300;
/** Buyers from which a judgement has "medium" confidence. */
export const MEDIUM_CONFIDENCE_BUYERS = 100;

/** The key of the derived spend share in `numbers`. */
export const SPEND_SHARE: DerivedNumber = "spend.share";

/**
 * The rules' thresholds: `recommendations.*` and the top-level
 * `horizon_months`, which the budget model will read too.
 */
export type ChannelThresholds = RecommendationsConfig & Pick<Config, "horizon_months">;

/** The rules' thresholds from the parsed config. */
export const channelThresholds = (config: Config): ChannelThresholds => ({ ...config.recommendations, horizon_months: config.horizon_months });

/** A fact's value: a number, null (unknown) or undefined (no such fact). */
type Value = number | null | undefined;

interface Decision {
  readonly action: Action;
  readonly rule: ChannelRule;
  readonly numbers: Record<string, number | null>;
}

/** The thresholds every channel rule compares with, as `limits`. */
const limitsOf = (c: ChannelThresholds): Record<string, number> => ({
  min_buyers: c.min_buyers,
  horizon_months: c.horizon_months,
  near_one: c.near_one,
  cut_romi: c.cut_romi,
  cut_spend_share: c.cut_spend_share,
});

/**
 * One recommendation per source, most money at stake first, then by source
 * label (code-unit order, independent of locale).
 *
 * @example
 * const f = (id: string, value: number | null, source?: string): Fact =>
 *   source === undefined ? { id, value, unit: "count" } : { id, value, unit: "count", dims: { source } };
 * channelRecommendations(
 *   [f("cost", 1000), f("buyers", 501, "social"), f("cost", 310, "social"), f("revenue", 130.2, "social"), f("romi", 0.42, "social")],
 *   { min_buyers: 30, near_one: 0.15, cut_romi: 0.7, cut_spend_share: 0.1, horizon_months: 6 },
 * );
 * // => [{ subject: { source: "social" }, action: "cut", rule: "channel.loses-money",
 * //       numbers: { buyers: 501, romi: 0.42, cost: 310, "spend.share": 0.31 },
 * //       limits: { min_buyers: 30, horizon_months: 6, near_one: 0.15, cut_romi: 0.7, cut_spend_share: 0.1 }, findings: [],
 * //       confidence: "high", importance: 310 }]
 */
export function channelRecommendations(facts: readonly Fact[], config: ChannelThresholds): Recommendation[] {
  const sources = new Set<string>();
  const inputs = new Map<string, Map<string, number | null>>();
  let totalCost: Value;
  for (const f of facts) {
    const keys = Object.keys(f.dims ?? {});
    if (keys.length === 0) {
      if (f.id === "cost" && totalCost === undefined) totalCost = roundValue(f.value);
      continue;
    }
    const source = f.dims?.["source"];
    if (source === undefined) continue;
    sources.add(source);
    if (keys.length !== 1) continue;
    let own = inputs.get(source);
    if (own === undefined) {
      own = new Map();
      inputs.set(source, own);
    }
    if (!own.has(f.id)) own.set(f.id, roundValue(f.value));
  }

  const out: Recommendation[] = [];
  for (const source of sources) {
    const own = inputs.get(source) ?? new Map<string, number | null>();
    const d = decide(own, totalCost, config);
    const buyers = own.get("buyers");
    out.push({
      subject: { source },
      action: d.action,
      rule: d.rule,
      numbers: { ...d.numbers, ...budgetNumbers(own) },
      limits: limitsOf(config),
      findings: [],
      confidence: confidence(d.action, buyers),
      importance: importance(d.action, own),
    });
  }
  return out.sort((a, b) => b.importance - a.importance || compareText(a.subject["source"]!, b.subject["source"]!));
}

/** Applies the rules of the table above to one source. */
function decide(own: ReadonlyMap<string, number | null>, totalCost: Value, c: ChannelThresholds): Decision {
  const buyers = own.get("buyers");
  const cost = own.get("cost");
  const romi = own.get("romi");
  const payback = own.get("payback.months");
  const hasCostData = totalCost !== undefined;
  const pick = (...ids: string[]): Record<string, number | null> => {
    const numbers: Record<string, number | null> = {};
    for (const id of ids) {
      const v = own.get(id);
      if (v !== undefined) numbers[id] = v;
    }
    return numbers;
  };

  if (hasCostData && known(buyers) && buyers > 0 && !known(cost))
    return { action: "investigate", rule: RULE_NO_COST, numbers: pick("buyers", "revenue", "cost") };
  if (!known(buyers) || buyers < c.min_buyers)
    return { action: "insufficient data", rule: RULE_TOO_FEW_BUYERS, numbers: pick("buyers", "visits.users", "conversion.rate") };
  if (!hasCostData) return { action: "investigate", rule: RULE_NO_COST_DATA, numbers: pick("buyers", "revenue") };
  if (known(payback) && payback <= c.horizon_months)
    return { action: "scale", rule: RULE_PAYS_BACK, numbers: pick("buyers", "payback.months", "romi", "revenue") };

  if (known(romi)) {
    const low = 1 - c.near_one;
    const high = 1 + c.near_one;
    const share = known(cost) && known(totalCost) && totalCost !== 0 ? roundValue(cost / totalCost) : null;
    const withShare = (): Record<string, number | null> => ({ ...pick("buyers", "romi", "cost"), [SPEND_SHARE]: share });
    if (romi >= low && romi <= high) return { action: "optimize", rule: RULE_NEAR_BREAK_EVEN, numbers: pick("buyers", "romi", "cost") };
    if (romi < c.cut_romi && share !== null && share >= c.cut_spend_share) return { action: "cut", rule: RULE_LOSES_MONEY, numbers: withShare() };
    if (romi < low && share !== null && share < c.cut_spend_share) return { action: "optimize", rule: RULE_BELOW_BREAK_EVEN_SMALL, numbers: withShare() };
    if (romi < low) return { action: "optimize", rule: RULE_BELOW_BREAK_EVEN, numbers: withShare() };
    return { action: "keep", rule: RULE_PROFITABLE_SLOW, numbers: pick("buyers", "romi", "payback.months", "revenue") };
  }
  return { action: "keep", rule: RULE_DEFAULT, numbers: pick("buyers", "revenue", "cost", "romi", "payback.months") };
}

/**
 * The budget numbers of a source, or null without a recommended spend: its
 * weekly spend today and recommended, the marginal ROMI (or marginal buyers)
 * at both, the expected change of the outcome with its 90% interval, and the
 * largest weekly spend the curve saw.
 */
export function budgetNumbers(own: ReadonlyMap<string, number | null>): Record<string, number | null> | null {
  if (!known(own.get("budget.spend.current")) || !known(own.get("budget.spend.recommended"))) return null;
  const m = own.has("budget.marginal_romi") ? "budget.marginal_romi" : "budget.marginal_buyers";
  const o = own.has("budget.marginal_romi") ? "budget.outcome.change" : "budget.buyers.change";
  const ids = ["budget.spend.current", "budget.spend.recommended", m, `${m}.recommended`, o, `${o}.lo90`, `${o}.hi90`, "budget.spend.max_seen"];
  const numbers: Record<string, number | null> = {};
  for (const id of ids) {
    const v = own.get(id);
    if (v !== undefined) numbers[id] = v;
  }
  return numbers;
}

/** "low" for insufficient data, else by buyers. @example confidence("scale", 300); // => "high" */
function confidence(action: Action, buyers: Value): Recommendation["confidence"] {
  if (action === "insufficient data" || !known(buyers)) return "low";
  if (buyers >= HIGH_CONFIDENCE_BUYERS) return "high";
  if (buyers >= MEDIUM_CONFIDENCE_BUYERS) return "medium";
  return "low";
}

/** Money at stake: cost for cut and optimize, revenue for the rest, 0 for insufficient data or an unknown amount. */
function importance(action: Action, own: ReadonlyMap<string, number | null>): number {
  if (action === "insufficient data") return 0;
  const v = own.get(action === "cut" || action === "optimize" ? "cost" : "revenue");
  return known(v) ? v : 0;
}

const known = (v: Value): v is number => v !== null && v !== undefined;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
