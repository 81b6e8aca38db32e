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
 * and the thresholds are `recommendations` in `content/report.yaml`
 * (defaults: minBuyers 30, horizonMonths 6, nearOne 0.15, cutRomi 0.7,
 * cutSpendShare 0.1).
 *
 * | # | rule id                           | action              | when                                                                              |
 * | - | --------------------------------- | ------------------- | --------------------------------------------------------------------------------- |
 * | 1 | `channel.no-cost`                 | `investigate`       | the report has cost data, n > 0, and cost{source} is missing or null               |
 * | 2 | `channel.too-few-buyers`          | `insufficient data` | n < minBuyers, n is 0, or n is missing or null                                     |
 * | 3 | `channel.no-cost-data`            | `investigate`       | the report has no cost data at all (no `cost` fact without dims)                   |
 * | 4 | `channel.pays-back`               | `scale`             | p is not null and p ≤ horizonMonths                                                |
 * | 5 | `channel.near-break-even`         | `optimize`          | 1 − nearOne ≤ romi ≤ 1 + nearOne                                                   |
 * | 6 | `channel.loses-money`             | `cut`               | romi < cutRomi and share ≥ cutSpendShare                                           |
 * | 7 | `channel.below-break-even-small`  | `optimize`          | romi < 1 − nearOne and share < cutSpendShare: small spend, fix it before cutting   |
 * | 8 | `channel.below-break-even`        | `optimize`          | romi < 1 − nearOne otherwise: above the cut line, or the share is unknown         |
 * | 9 | `channel.profitable-slow`         | `keep`              | romi > 1 + nearOne but p is null or later than horizonMonths                      |
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
 * - Rules 4 to 10 only see sources with n ≥ minBuyers and cost data.
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
 * The budget amount: when the budget analysis recommends a weekly spend for
 * the source (`budget.spend.recommended{source}` not null), `why` gains one
 * more sentence with the change of weekly spend, the marginal ROMI (or
 * marginal buyers) at today's and at the recommended spend, the expected
 * change of the outcome with its 90% interval, and a warning when the
 * recommended spend lies outside the weekly spend the curve was fitted on;
 * `numbers` gains those facts. The action itself still comes from the rules
 * above.
 *
 * Fact values are first rounded to 12 significant digits, as `metrics.json`
 * publishes them, so the rules decide on the numbers a reader sees: a ROMI
 * summed to 0.8499999999999999 is 0.85, on the break-even boundary.
 */
import type { RecommendationsConfig } from "../schema/config.ts";
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

/** A fact's value: a number, null (unknown) or undefined (no such fact). */
type Value = number | null | undefined;

interface Decision {
  readonly action: Action;
  readonly rule: ChannelRule;
  readonly why: string;
  readonly numbers: Record<string, number | null>;
}

/**
 * One recommendation per source, most money at stake first, then by source
 * label (code-unit order, independent of locale).
 *
 * @example
 * const f = (id: string, value: number | null, source?: string): Fact =>
 *   source === undefined ? { id, value, unit: "count" } : { id, value, unit: "count", dims: { source } };
 * channelRecommendations(
 *   [f("cost", 1000), f("buyers", 501, "social"), f("cost", 310, "social"), f("revenue", 130.2, "social"), f("romi", 0.42, "social")],
 *   { minBuyers: 30, horizonMonths: 6, nearOne: 0.15, cutRomi: 0.7, cutSpendShare: 0.1 },
 * );
 * // => [{ subject: { source: "social" }, action: "cut", rule: "channel.loses-money",
 * //       why: "social returns 0.42 per unit spent (ROMI 0.42, below the cut line 0.70) on 31% of spend, so cut it or move its budget.",
 * //       numbers: { buyers: 501, romi: 0.42, cost: 310, "spend.share": 0.31 }, confidence: "high", importance: 310 }]
 */
export function channelRecommendations(facts: readonly Fact[], config: RecommendationsConfig): Recommendation[] {
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
    const d = decide(source, own, totalCost, config);
    const buyers = own.get("buyers");
    const amount = budgetAmount(own);
    out.push({
      subject: { source },
      action: d.action,
      rule: d.rule,
      why: amount ? `${d.why} ${amount.text}` : d.why,
      numbers: amount ? { ...d.numbers, ...amount.numbers } : d.numbers,
      confidence: confidence(d.action, buyers),
      importance: importance(d.action, own),
    });
  }
  return out.sort((a, b) => b.importance - a.importance || compareText(a.subject["source"]!, b.subject["source"]!));
}

/** Applies the rules of the table above to one source. */
function decide(label: string, own: ReadonlyMap<string, number | null>, totalCost: Value, c: RecommendationsConfig): Decision {
  const buyers = own.get("buyers");
  const revenue = own.get("revenue");
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

  if (hasCostData && known(buyers) && buyers > 0 && !known(cost)) {
    const costText = cost === null ? "its cost is unknown" : "it has no cost rows";
    return {
      action: "investigate",
      rule: RULE_NO_COST,
      why: `${label} brought ${count(buyers, "buyer")} and revenue ${money(revenue)} but ${costText}, so its CAC and ROMI are unknown: check whether its spend is tracked.`,
      numbers: pick("buyers", "revenue", "cost"),
    };
  }

  if (!known(buyers) || buyers < c.minBuyers) {
    const visitors = own.get("visits.users");
    const rate = own.get("conversion.rate");
    const from = known(visitors) ? ` from ${count(visitors, "first-touch visitor")}${known(rate) ? ` (conversion ${percent(rate)})` : ""}` : "";
    const why = known(buyers)
      ? `${label} has ${count(buyers, "buyer")}${from}, fewer than the ${c.minBuyers} needed to judge it.`
      : `${label} has ${buyers === null ? "an unknown number of buyers" : "no buyer count in the report"}, so it cannot be judged.`;
    return { action: "insufficient data", rule: RULE_TOO_FEW_BUYERS, why, numbers: pick("buyers", "visits.users", "conversion.rate") };
  }

  if (!hasCostData) {
    return {
      action: "investigate",
      rule: RULE_NO_COST_DATA,
      why: `The report has no cost data, so ${label} (${count(buyers, "buyer")}, revenue ${money(revenue)}) cannot be judged on CAC or ROMI: add the spend export.`,
      numbers: pick("buyers", "revenue"),
    };
  }

  if (known(payback) && payback <= c.horizonMonths) {
    const period = known(romi) ? `, with ROMI ${ratio2(romi)} over the period` : "";
    return {
      action: "scale",
      rule: RULE_PAYS_BACK,
      why: `${label} pays back by cohort month ${payback}, within the ${c.horizonMonths}-month horizon${period}, so it can take more budget.`,
      numbers: pick("buyers", "payback.months", "romi", "revenue"),
    };
  }

  if (known(romi)) {
    const low = 1 - c.nearOne;
    const high = 1 + c.nearOne;
    const share = known(cost) && known(totalCost) && totalCost !== 0 ? roundValue(cost / totalCost) : null;
    const withShare = (): Record<string, number | null> => ({ ...pick("buyers", "romi", "cost"), [SPEND_SHARE]: share });
    if (romi >= low && romi <= high) {
      return {
        action: "optimize",
        rule: RULE_NEAR_BREAK_EVEN,
        why: `${label} is near break-even: it returns ${ratio2(romi)} per unit spent (ROMI within ${ratio2(low)}–${ratio2(high)}), so tune it before scaling or cutting.`,
        numbers: pick("buyers", "romi", "cost"),
      };
    }
    if (romi < c.cutRomi && share !== null && share >= c.cutSpendShare) {
      return {
        action: "cut",
        rule: RULE_LOSES_MONEY,
        why: `${label} returns ${ratio2(romi)} per unit spent (ROMI ${ratio2(romi)}, below the cut line ${ratio2(c.cutRomi)}) on ${percent(share)} of spend, so cut it or move its budget.`,
        numbers: withShare(),
      };
    }
    if (romi < low && share !== null && share < c.cutSpendShare) {
      return {
        action: "optimize",
        rule: RULE_BELOW_BREAK_EVEN_SMALL,
        why: `${label} returns ${ratio2(romi)} per unit spent (ROMI below ${ratio2(low)}) but takes only ${percent(share)} of spend, so fix it before cutting.`,
        numbers: withShare(),
      };
    }
    if (romi < low) {
      const why =
        share === null
          ? `${label} returns ${ratio2(romi)} per unit spent, below break-even (${ratio2(low)}), on an unknown share of spend, so improve it before deciding on a cut.`
          : `${label} returns ${ratio2(romi)} per unit spent on ${percent(share)} of spend: below break-even (${ratio2(low)}) but above the cut line (${ratio2(c.cutRomi)}), so improve it.`;
      return {
        action: "optimize",
        rule: RULE_BELOW_BREAK_EVEN,
        why,
        numbers: withShare(),
      };
    }
    const when = known(payback)
      ? `pays back only by cohort month ${payback}, later than the ${c.horizonMonths}-month horizon`
      : `no cohort has paid back yet (horizon ${c.horizonMonths} months)`;
    return {
      action: "keep",
      rule: RULE_PROFITABLE_SLOW,
      why: `${label} is profitable with ROMI ${ratio2(romi)} but ${when}, so keep it without scaling.`,
      numbers: pick("buyers", "romi", "payback.months", "revenue"),
    };
  }

  const romiText = romi === null ? `its ROMI is undefined (cost ${money(cost)})` : "the report has no ROMI for it";
  return {
    action: "keep",
    rule: RULE_DEFAULT,
    why: `${label} has ${count(buyers, "buyer")} and revenue ${money(revenue)} but ${romiText}, so no rule applies and it is kept as it is.`,
    numbers: pick("buyers", "revenue", "cost", "romi", "payback.months"),
  };
}

/**
 * The budget sentence of a source, or null without a recommended spend.
 * @example
 * budgetAmount(new Map([["budget.spend.current", 100], ["budget.spend.recommended", 130], ["budget.marginal_romi", 1.8],
 *   ["budget.marginal_romi.recommended", 1.3], ["budget.outcome.change", 40], ["budget.outcome.change.lo90", 12],
 *   ["budget.outcome.change.hi90", 65], ["budget.spend.max_seen", 150]]))?.text;
 * // => "Budget: +30% (+30.00 per week). The marginal ROMI of 1.80 at today's spend falls to 1.30, and the expected outcome is +40.00 per week (90% interval +12.00 to +65.00)."
 */
export function budgetAmount(own: ReadonlyMap<string, number | null>): { text: string; numbers: Record<string, number | null> } | null {
  const current = own.get("budget.spend.current");
  const recommended = own.get("budget.spend.recommended");
  if (!known(current) || !known(recommended)) return null;
  const revenue = own.has("budget.marginal_romi");
  const m = revenue ? "budget.marginal_romi" : "budget.marginal_buyers";
  const o = revenue ? "budget.outcome.change" : "budget.buyers.change";
  const ids = ["budget.spend.current", "budget.spend.recommended", m, `${m}.recommended`, o, `${o}.lo90`, `${o}.hi90`, "budget.spend.max_seen"];
  const numbers: Record<string, number | null> = {};
  for (const id of ids) {
    const v = own.get(id);
    if (v !== undefined) numbers[id] = v;
  }
  const change = recommended - current;
  const share = current > 0 ? `${signed(Math.round((change / current) * 100))}%` : "from 0";
  const spend = Math.abs(change) < 0.005 ? `keep today's ${money(current)} per week` : `${share} (${signedMoney(change)} per week)`;
  const mNow = own.get(m);
  const mThen = own.get(`${m}.recommended`);
  const what = revenue ? "marginal ROMI" : "marginal buyers per unit of spend";
  const parts: string[] = [];
  if (known(mNow) && known(mThen)) {
    const verb = mThen < mNow ? "falls to" : mThen > mNow ? "rises to" : "stays at";
    parts.push(`the ${what} of ${ratio2(mNow)} at today's spend ${verb} ${ratio2(mThen)}`);
  }
  const delta = own.get(o);
  const lo = own.get(`${o}.lo90`);
  const hi = own.get(`${o}.hi90`);
  if (known(delta)) {
    const interval = known(lo) && known(hi) ? ` (90% interval ${signedMoney(lo)} to ${signedMoney(hi)})` : "";
    parts.push(`the expected ${revenue ? "outcome" : "number of new buyers"} is ${signedMoney(delta)} per week${interval}`);
  }
  const sentence = parts.length ? ` ${parts.join(", and ")}.` : "";
  const maxSeen = own.get("budget.spend.max_seen");
  const beyond =
    known(maxSeen) && recommended > maxSeen * (1 + 1e-9)
      ? ` This is beyond the largest weekly spend seen (${money(maxSeen)}), where the curve is an extrapolation.`
      : "";
  return { text: `Budget: ${spend}.${sentence.replace(/^ t/, " T")}${beyond}`, numbers };
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

/** @example ratio2(0.4376); // => "0.44" */
const ratio2 = (v: number): string => v.toFixed(2);

/** Two decimals, no currency symbol; "unknown" for null or missing. @example money(1234.5); // => "1234.50" */
const money = (v: Value): string => (known(v) ? v.toFixed(2) : "unknown");

/** Whole percent; "under 1%" for a small positive share. @example percent(0.359); // => "36%" */
const percent = (v: number): string => (v > 0 && v < 0.005 ? "under 1%" : `${Math.round(v * 100)}%`);

/** @example signed(3); // => "+3" */
const signed = (v: number): string => (v > 0 ? `+${v}` : String(v));

/** @example signedMoney(-12.5); // => "-12.50" */
const signedMoney = (v: number): string => (v > 0 ? `+${v.toFixed(2)}` : v.toFixed(2));

/** @example count(1, "buyer"); // => "1 buyer" */
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
