/**
 * The plain name of each recommendation rule, for a reader who does not know
 * the rule ids: the card reads "Rule: Pays back within the horizon" and keeps
 * `channel.pays-back` as its tooltip. The conditions themselves are the rules'
 * (`src/rules/`); a name only says which one decided.
 */
import type { RuleId } from "./why.ts";

/** Each rule's name, keyed by rule id: tsc checks that every rule has one. */
const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  "channel.no-cost": "Sales without tracked cost",
  "channel.too-few-buyers": "Too few buyers to judge",
  "channel.no-cost-data": "No cost data in the report",
  "channel.pays-back": "Pays back within the horizon",
  "channel.near-break-even": "Near break-even",
  "channel.loses-money": "Loses money on a large share of spend",
  "channel.below-break-even-small": "Below break-even on a small share of spend",
  "channel.below-break-even": "Below break-even, above the cut line",
  "channel.profitable-slow": "Profitable but slow to pay back",
  "channel.default": "No other rule applies",

  "campaign.too-little-data": "Too few conversions to judge",
  "campaign.losing-money": "Losing money with no lift shown",
  "campaign.on-target": "On target",
  "campaign.needs-work": "Short of target",

  "segment.lapsed-valuable": "Valuable customers who lapsed",
  "segment.lapsed": "Lapsed customers",
  "segment.one-timers": "Mostly one order each",
  "segment.best": "Best customers",
  "segment.frequent-small": "Frequent but small orders",
  "segment.default": "No other rule applies",

  "clv.band-holds-value": "The band with the most predicted value",
};

/**
 * A rule's plain name; for a rule this romi does not know (an archived
 * report's), its id.
 * @example ruleName("channel.pays-back"); // => "Pays back within the horizon"
 * @example ruleName("channel.retired-rule"); // => "channel.retired-rule"
 */
export function ruleName(id: string): string {
  return Object.hasOwn(RULE_NAMES, id) ? RULE_NAMES[id as RuleId] : id;
}
