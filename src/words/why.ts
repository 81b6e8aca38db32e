/**
 * Why a recommendation: one sentence per rule, from the numbers, limits and
 * findings the rule emitted (`src/rules/`), with every number formatted in
 * the report's locale and currency. The rules decide; this module only
 * words their decisions, so it never compares a number with a threshold
 * that the rule did not already compare it with.
 */
import type { CampaignFinding, CampaignRule } from "../rules/campaigns.ts";
import type { ChannelRule } from "../rules/channels.ts";
import type { ClvRule } from "../rules/clv.ts";
import type { SegmentRule } from "../rules/segments.ts";
import type { ChannelRole } from "../schema/kinds.ts";
import type { Recommendation } from "../schema/report.ts";
import { counted, type Formatter } from "./format.ts";

export type RuleId = ChannelRule | CampaignRule | SegmentRule | ClvRule;

/** What a sentence reads of a recommendation: numbers and limits by name (undefined when absent). */
interface Reading {
  readonly label: string;
  readonly n: (id: string) => number | null | undefined;
  readonly limit: (name: string) => number | null | undefined;
  readonly numbers: Readonly<Record<string, number | null>>;
  readonly findings: readonly string[];
  readonly plan: Recommendation["plan"];
  readonly fmt: Formatter;
  /** Money, or "unknown". */
  readonly money: (v: number | null | undefined) => string;
  /** A ratio with two decimals, or "unknown". */
  readonly ratio: (v: number | null | undefined) => string;
  /** A whole percent ("under 1%" for a small positive share), or "unknown". */
  readonly percent: (v: number | null | undefined) => string;
  /** A count with its noun: "1 buyer", "1,204 buyers". */
  readonly count: (v: number, noun: string) => string;
}

const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/**
 * The sentence for a recommendation; for a rule this romi does not know
 * (an archived report's), the empty string.
 * @example why({ subject: { source: "social" }, action: "cut", rule: "channel.loses-money", numbers: { romi: 0.42, "spend.share": 0.31 }, limits: { cut_romi: 0.7 }, findings: [], … }, fmt);
 * // => "social returns 0.42 per unit spent (ROMI 0.42, below the cut line 0.70) on 31% of spend, so cut it or move its budget."
 */
export function why(rec: Recommendation, fmt: Formatter): string {
  if (!Object.hasOwn(WHY, rec.rule)) return "";
  const words = WHY[rec.rule as RuleId];
  const r = reading(rec, fmt);
  const sentence = words(r);
  const budget = rec.rule.startsWith("channel.") ? budgetSentence(r) : null;
  return budget ? `${sentence} ${budget}` : sentence;
}

function reading(rec: Recommendation, fmt: Formatter): Reading {
  const subject = Object.entries(rec.subject)
    .filter(([k]) => k !== "dataset")
    .map(([, v]) => v)
    .join(", ");
  return {
    label: subject,
    n: (id) => rec.numbers[id],
    limit: (name) => rec.limits[name],
    numbers: rec.numbers,
    findings: rec.findings,
    plan: rec.plan,
    fmt,
    money: (v) => (known(v) ? fmt.money(v) : "unknown"),
    ratio: (v) => (known(v) ? fmt.fixed(v, 2) : "unknown"),
    percent: (v) => (!known(v) ? "unknown" : v > 0 && v < 0.005 ? `under ${fmt.percent(0.01, 0)}` : fmt.percent(v, 0)),
    count: (v, noun) => counted(fmt, v, noun),
  };
}

/** A ratio pair with two decimals, or three when two would make them look equal: "0.999 is below 1.000". */
function pair(r: Reading, a: number, b: number): [string, string] {
  const two = [r.fmt.fixed(a, 2), r.fmt.fixed(b, 2)] as const;
  return two[0] === two[1] && a !== b ? [r.fmt.fixed(a, 3), r.fmt.fixed(b, 3)] : [two[0], two[1]];
}

/** The sentences of each rule, keyed by rule id: tsc checks that every rule has one. */
const WHY: Readonly<Record<RuleId, (r: Reading) => string>> = {
  "channel.no-cost": (r) =>
    `${r.label} brought ${r.count(r.n("buyers") ?? 0, "buyer")} and revenue ${r.money(r.n("revenue"))} but ${r.n("cost") === null ? "its cost is unknown" : "it has no cost rows"}, so its CAC and ROMI are unknown: check whether its spend is tracked.`,
  "channel.too-few-buyers": (r) => {
    const buyers = r.n("buyers");
    if (!known(buyers)) return `${r.label} has ${buyers === null ? "an unknown number of buyers" : "no buyer count in the report"}, so it cannot be judged.`;
    const visitors = r.n("visits.users");
    const rate = r.n("conversion.rate");
    const from = known(visitors) ? ` from ${r.count(visitors, "first-touch visitor")}${known(rate) ? ` (conversion ${r.percent(rate)})` : ""}` : "";
    return `${r.label} has ${r.count(buyers, "buyer")}${from}, fewer than the ${r.fmt.number(r.limit("min_buyers"), 0)} needed to judge it.`;
  },
  "channel.no-cost-data": (r) =>
    `The report has no cost data, so ${r.label} (${r.count(r.n("buyers") ?? 0, "buyer")}, revenue ${r.money(r.n("revenue"))}) cannot be judged on CAC or ROMI: add the spend export.`,
  "channel.pays-back": (r) => {
    const romi = r.n("romi");
    const period = known(romi) ? `, with ROMI ${r.ratio(romi)} over the period` : "";
    return `${r.label} pays back by cohort month ${r.fmt.number(r.n("payback.months"), 0)}, within the ${r.fmt.number(r.limit("horizon_months"), 0)}-month horizon${period}, so it can take more budget.`;
  },
  "channel.near-break-even": (r) => {
    const near = r.limit("near_one") ?? 0;
    return `${r.label} is near break-even: it returns ${r.ratio(r.n("romi"))} per unit spent (ROMI within ${r.ratio(1 - near)}–${r.ratio(1 + near)}), so tune it before scaling or cutting.`;
  },
  "channel.loses-money": (r) =>
    `${r.label} returns ${r.ratio(r.n("romi"))} per unit spent (ROMI ${r.ratio(r.n("romi"))}, below the cut line ${r.ratio(r.limit("cut_romi"))}) on ${r.percent(r.n("spend.share"))} of spend, so cut it or move its budget.`,
  "channel.below-break-even-small": (r) =>
    `${r.label} returns ${r.ratio(r.n("romi"))} per unit spent (ROMI below ${r.ratio(1 - (r.limit("near_one") ?? 0))}) but takes only ${r.percent(r.n("spend.share"))} of spend, so fix it before cutting.`,
  "channel.below-break-even": (r) => {
    const low = r.ratio(1 - (r.limit("near_one") ?? 0));
    const share = r.n("spend.share");
    return known(share)
      ? `${r.label} returns ${r.ratio(r.n("romi"))} per unit spent on ${r.percent(share)} of spend: below break-even (${low}) but above the cut line (${r.ratio(r.limit("cut_romi"))}), so improve it.`
      : `${r.label} returns ${r.ratio(r.n("romi"))} per unit spent, below break-even (${low}), on an unknown share of spend, so improve it before deciding on a cut.`;
  },
  "channel.profitable-slow": (r) => {
    const payback = r.n("payback.months");
    const horizon = r.fmt.number(r.limit("horizon_months"), 0);
    const when = known(payback)
      ? `pays back only by cohort month ${r.fmt.number(payback, 0)}, later than the ${horizon}-month horizon`
      : `no cohort has paid back yet (horizon ${horizon} months)`;
    return `${r.label} is profitable with ROMI ${r.ratio(r.n("romi"))} but ${when}, so keep it without scaling.`;
  },
  "channel.default": (r) => {
    const romi = r.n("romi");
    const romiText = romi === null ? `its ROMI is undefined (cost ${r.money(r.n("cost"))})` : "the report has no ROMI for it";
    return `${r.label} has ${r.count(r.n("buyers") ?? 0, "buyer")} and revenue ${r.money(r.n("revenue"))} but ${romiText}, so no rule applies and it is kept as it is.`;
  },

  "campaign.too-little-data": (r) =>
    `${r.count(r.n("campaign.conversions") ?? 0, "conversion")}, fewer than ${r.fmt.number(r.limit("min_conversions"), 0)}: its rates are too noisy to judge; keep the budget small until it has more.`,
  "campaign.losing-money": (r) => {
    const what = r.findings.includes("roas-below-stop")
      ? `ROAS ${r.ratio(r.n("campaign.roas"))} is below ${r.ratio(r.limit("stop_roas"))}`
      : `cost per conversion ${r.money(r.n("campaign.cpa"))} is more than twice the target ${r.money(r.n("campaign.target_cpa"))}`;
    const lift = liftText(r);
    return `${what}${lift ? `, and ${lift} shows no added conversions` : ", and no lift shows it adds conversions"}: stop it and move the budget.`;
  },
  "campaign.on-target": (r) => {
    const roas = r.n("campaign.roas");
    const cpa = r.n("campaign.cpa");
    const target = r.n("campaign.target_cpa");
    const good = [
      known(roas) ? `ROAS ${r.ratio(roas)}` : null,
      known(cpa) ? `cost per conversion ${r.money(cpa)}${known(target) ? ` (target ${r.money(target)})` : ""}` : null,
      liftText(r),
    ].filter((s) => s !== null);
    return `${good.join(", ")}: on target, keep it running.`;
  },
  "campaign.needs-work": (r) => {
    const shortfall: Readonly<Record<CampaignFinding, () => string>> = {
      "roas-below-stop": () => `ROAS ${r.ratio(r.n("campaign.roas"))} is below ${r.ratio(r.limit("stop_roas"))}`,
      "cpa-over-twice-target": () => `cost per conversion ${r.money(r.n("campaign.cpa"))} is more than twice the target ${r.money(r.n("campaign.target_cpa"))}`,
      "roas-below-target": () => {
        const [roas, target] = pair(r, r.n("campaign.roas") ?? 0, r.limit("target_roas") ?? 0);
        return `ROAS ${roas} is below the target ${target}`;
      },
      "cpa-above-target": () => `cost per conversion ${r.money(r.n("campaign.cpa"))} is above the target ${r.money(r.n("campaign.target_cpa"))}`,
      "no-conversions": () => "it has no conversions",
      "trend-falling": () => `its return per unit of spend fell to ${r.ratio(r.n("campaign.trend"))}× that of the 28 days before`,
      "lift-not-shown": () => `${liftText(r)} does not show it adds conversions`,
    };
    const found = r.findings.filter((f): f is CampaignFinding => Object.hasOwn(shortfall, f)).map((f) => shortfall[f]());
    return `${found.join("; ")}: rework targeting, bids or creative before adding budget.`;
  },

  "segment.lapsed-valuable": (r) =>
    `Last ordered ${days(r, r.n("segments.recency.mean"))} ago on average (all customers: ${days(r, r.limit("all.recency"))}), yet spent ${r.money(r.n("segments.monetary.mean"))} each (all: ${r.money(r.limit("all.monetary"))}): valuable customers drifting away.` +
    reach(r),
  "segment.lapsed": (r) =>
    `Last ordered ${days(r, r.n("segments.recency.mean"))} ago on average (all customers: ${days(r, r.limit("all.recency"))}) and spent less than average: win them back cheaply, or let them go.` +
    reach(r),
  "segment.one-timers": (r) => `Only ${r.percent(r.n("segments.repeat.share"))} have ordered more than once: the second order is the step to win.` + reach(r),
  "segment.best": (r) => {
    const monetary = r.n("segments.monetary.mean");
    const all = r.limit("all.monetary");
    const times = known(monetary) && known(all) && all !== 0 ? `${r.fmt.number(monetary / all, 1)}×` : "unknown ×";
    return (
      `Spend ${r.money(monetary)} each, ${times} the average customer (${r.money(all)}), over ${orders(r, r.n("segments.frequency.mean"))}: keep them, do not discount them.` +
      reach(r)
    );
  },
  "segment.frequent-small": (r) =>
    `Order often (${orders(r, r.n("segments.frequency.mean"))}, all customers: ${orders(r, r.limit("all.frequency"))}) but small (AOV ${r.money(r.n("segments.aov"))}, all: ${r.money(r.limit("all.aov"))}): grow the basket.` +
    reach(r),
  "segment.default": (r) =>
    `Average on most counts (${orders(r, r.n("segments.frequency.mean"))}, all customers: ${orders(r, r.limit("all.frequency"))}): nudge them to order more often.` +
    reach(r),

  "clv.band-holds-value": (r) => {
    const totals = Object.entries(r.numbers)
      .filter(([id]) => id.startsWith("clv.expected_12m."))
      .map(([id, v]) => ({ band: id.slice("clv.expected_12m.".length), total: v ?? 0 }))
      .sort((a, b) => (a.band < b.band ? -1 : 1));
    const sum = totals.reduce((s, b) => s + b.total, 0);
    const share = (band: string | undefined): string => r.percent(sum > 0 ? (totals.find((b) => b.band === band)?.total ?? 0) / sum : null);
    const lowest = totals[0]?.band;
    const against = lowest !== undefined && lowest !== r.label ? `, against ${share(lowest)} in band ${lowest}` : "";
    return `CLV band ${r.label} holds ${share(r.label)} of the predicted 12-month CLV with a fifth of the customers${against}: retention spend earns most there.`;
  },
};

/** "a lift of 1.20 conversions/day (95% interval 0.40 to 2.00)", or null when no lift was measured. */
function liftText(r: Reading): string | null {
  const [lift, lo, hi] = [r.n("campaign.lift"), r.n("campaign.lift.lo95"), r.n("campaign.lift.hi95")];
  if (!known(lift) || !known(lo) || !known(hi)) return null;
  return `a lift of ${r.ratio(lift)} conversions/day (95% interval ${r.ratio(lo)} to ${r.ratio(hi)})`;
}

/** "12.5 days", or "an unknown number of days". */
const days = (r: Reading, v: number | null | undefined): string => (known(v) ? `${r.fmt.number(v, v >= 100 ? 0 : 1)} days` : "an unknown number of days");

/** "3.2 orders", or "an unknown number of orders". */
const orders = (r: Reading, v: number | null | undefined): string => (known(v) ? `${r.fmt.number(v, 1)} orders` : "an unknown number of orders");

/** The segment's channel sentence, from its plan. */
function reach(r: Reading): string {
  if (!r.plan) return "";
  if (r.plan.reach === null) return " Channel reach is unknown (no channel flags in a customers file), so email, which every customer who ordered has given.";
  const format = CHANNEL_FORMAT[r.plan.channel];
  return ` ${format[0]!.toUpperCase()}${format.slice(1)} reaches ${r.percent(r.plan.reach)} of the segment.`;
}

/**
 * The budget sentence of a channel, from the budget numbers the rule added
 * (`budgetNumbers` in src/rules/channels.ts), or null without them. A change
 * that rounds to no cent reads as keeping today's spend.
 * @example "Budget: +30% (+$30.00 per week). The marginal ROMI of 1.80 at today's spend falls to 1.30, and the expected outcome is +$40.00 per week (90% interval +$12.00 to +$65.00)."
 */
function budgetSentence(r: Reading): string | null {
  const current = r.n("budget.spend.current");
  const recommended = r.n("budget.spend.recommended");
  if (!known(current) || !known(recommended)) return null;
  const revenue = r.n("budget.marginal_romi") !== undefined;
  const m = revenue ? "budget.marginal_romi" : "budget.marginal_buyers";
  const o = revenue ? "budget.outcome.change" : "budget.buyers.change";
  const signedMoney = (v: number): string => `${v > 0 ? "+" : ""}${r.fmt.money(v)}`;
  const signed = (v: number): string => `${v > 0 ? "+" : ""}${r.fmt.fixed(v, 2)}`;
  const change = recommended - current;
  const share = current > 0 ? `${change > 0 ? "+" : ""}${r.fmt.percent(change / current, 0)}` : "from 0";
  const spend = r.fmt.money(change) === r.fmt.money(0) ? `keep today's ${r.money(current)} per week` : `${share} (${signedMoney(change)} per week)`;
  const [mNow, mThen] = [r.n(m), r.n(`${m}.recommended`)];
  const parts: string[] = [];
  if (known(mNow) && known(mThen)) {
    const verb = mThen < mNow ? "falls to" : mThen > mNow ? "rises to" : "stays at";
    parts.push(`the ${revenue ? "marginal ROMI" : "marginal buyers per unit of spend"} of ${r.ratio(mNow)} at today's spend ${verb} ${r.ratio(mThen)}`);
  }
  const [delta, lo, hi] = [r.n(o), r.n(`${o}.lo90`), r.n(`${o}.hi90`)];
  const amount = revenue ? signedMoney : signed;
  if (known(delta)) {
    const interval = known(lo) && known(hi) ? ` (90% interval ${amount(lo)} to ${amount(hi)})` : "";
    parts.push(`the expected ${revenue ? "outcome" : "number of new buyers"} is ${amount(delta)} per week${interval}`);
  }
  const sentence = parts.length ? ` ${parts.join(", and ").replace(/^t/, "T")}.` : "";
  const maxSeen = r.n("budget.spend.max_seen");
  const beyond =
    known(maxSeen) && recommended > maxSeen * (1 + 1e-9)
      ? ` This is beyond the largest weekly spend seen (${r.money(maxSeen)}), where the curve is an extrapolation.`
      : "";
  return `Budget: ${spend}.${sentence}${beyond}`;
}

/** How each channel carries a message. */
export const CHANNEL_FORMAT: Readonly<Record<ChannelRole, string>> = {
  email: "email",
  sms: "SMS",
  push: "push notification",
  app: "in-app banner",
  phone: "call",
};

/** Each segment strategy's KPI and its initiatives, most important first. */
export const STRATEGY: Readonly<Record<SegmentRule, { readonly kpi: string; readonly initiatives: readonly string[] }>> = {
  "segment.lapsed-valuable": {
    kpi: "reactivation rate: share ordering again within 90 days",
    initiatives: ["personal win-back offer on their past favourite categories", "a call to the largest accounts", "a one-question survey: why did you stop?"],
  },
  "segment.lapsed": {
    kpi: "reactivation rate: share ordering again within 90 days",
    initiatives: ["automated win-back series with a time-limited offer", "stop paid retargeting after three unanswered messages"],
  },
  "segment.one-timers": {
    kpi: "repeat-purchase rate",
    initiatives: ["second-order incentive within 30 days of the first", "onboarding series with best-sellers", "cross-sell from the first order's category"],
  },
  "segment.best": {
    kpi: "churn rate",
    initiatives: ["loyalty tier with early access and free delivery", "a dedicated service contact", "thank-you gifts at order milestones"],
  },
  "segment.frequent-small": {
    kpi: "AOV",
    initiatives: ["bundles of their usual items", "a free-delivery threshold just above their AOV", "upsell suggestions at checkout"],
  },
  "segment.default": { kpi: "purchase frequency", initiatives: ["personalised recommendations", "replenishment reminders"] },
};
