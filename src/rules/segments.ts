/**
 * Per-segment strategy: the KPI to move, 1–3 initiatives and the channel to
 * say it on, decided by pure rules from the segment facts alone.
 *
 * Inputs, per `segment` dim value: `segments.size`, `segments.recency.mean`,
 * `segments.frequency.mean`, `segments.monetary.mean`, `segments.aov`,
 * `segments.repeat.share` and `segments.channel.reach{segment,channel}`.
 * "All customers" figures are the size-weighted means over the segments
 * (AOV: total revenue ÷ total orders). A missing or null fact never matches a
 * rule that needs it.
 *
 * The first matching rule decides:
 *
 * | # | rule id                       | action       | KPI (direction)                      | when                                                         |
 * | - | ----------------------------- | ------------ | ------------------------------------ | ------------------------------------------------------------ |
 * | 1 | `segment.lapsed-valuable`     | `reactivate` | reactivation rate (up)               | recency ≥ 1.5 × all customers' and monetary ≥ all customers' |
 * | 2 | `segment.lapsed`              | `win back`   | reactivation rate (up)               | recency ≥ 1.5 × all customers'                               |
 * | 3 | `segment.one-timers`          | `convert`    | repeat-purchase rate (up)            | repeat share < 0.3                                           |
 * | 4 | `segment.best`                | `retain`     | churn rate (down)                    | monetary ≥ 2 × all customers'                                |
 * | 5 | `segment.frequent-small`      | `develop`    | AOV (up)                             | frequency ≥ all customers' and AOV < all customers'          |
 * | 6 | `segment.default`             | `grow`       | purchase frequency (up)              | otherwise                                                    |
 *
 * The channel: each strategy ranks the channels by fit (a call for valuable
 * lapsed customers, an in-app banner for frequent app users …). The first
 * ranked channel that reaches at least half of the segment is chosen; when
 * none does, the one with the widest reach (rank breaks ties). Without
 * channel flags it is email, the channel every shop has (the address on the
 * order), with its reach unknown.
 *
 * `limits`: the all-customers figures the segment was compared with
 * (`all.recency` …). The site words the strategy: its KPI, initiatives and
 * why (`src/words/why.ts`).
 *
 * `confidence` by segment size: ≥ 300 "high", ≥ 100 "medium", else "low".
 * `importance`: the segment's revenue (size × mean revenue per customer).
 */
import { roundValue } from "../report/json.ts";
import type { Action, Fact, Plan, Recommendation } from "../schema/report.ts";
import { CHANNEL_ROLES, type ChannelRole } from "../schema/kinds.ts";

/** A strategy: its rule, action and KPI direction, and the channels by fit; the site words its KPI and initiatives (`src/words/why.ts`). */
interface Strategy {
  readonly rule: SegmentRule;
  readonly action: Action;
  readonly direction: "up" | "down";
  readonly channels: readonly ChannelRole[];
}

interface SegmentNumbers {
  readonly size: number | null;
  readonly recency: number | null;
  readonly frequency: number | null;
  readonly monetary: number | null;
  readonly aov: number | null;
  readonly repeat: number | null;
}

/** Every segment rule, in the order they are checked. */
export const SEGMENT_RULES = [
  "segment.lapsed-valuable",
  "segment.lapsed",
  "segment.one-timers",
  "segment.best",
  "segment.frequent-small",
  "segment.default",
] as const;
export type SegmentRule = (typeof SEGMENT_RULES)[number];

/** Below this repeat share a segment is one-timers. */
export const ONE_TIMERS_REPEAT = 0.3;

export const SEGMENT_STRATEGIES: readonly Strategy[] = [
  {
    rule: "segment.lapsed-valuable",
    action: "reactivate",
    direction: "up",
    channels: ["phone", "email", "sms", "push", "app"],
  },
  {
    rule: "segment.lapsed",
    action: "win back",
    direction: "up",
    channels: ["email", "sms", "push", "app", "phone"],
  },
  {
    rule: "segment.one-timers",
    action: "convert",
    direction: "up",
    channels: ["email", "push", "app", "sms", "phone"],
  },
  {
    rule: "segment.best",
    action: "retain",
    direction: "down",
    channels: ["app", "push", "email", "phone", "sms"],
  },
  {
    rule: "segment.frequent-small",
    action: "develop",
    direction: "up",
    channels: ["app", "push", "email", "sms", "phone"],
  },
  {
    rule: "segment.default",
    action: "grow",
    direction: "up",
    channels: ["email", "push", "app", "sms", "phone"],
  },
];

/** Chooses the strategy of a segment. */
function strategyOf(s: SegmentNumbers, all: SegmentNumbers): Strategy {
  const ge = (a: number | null, b: number | null, k = 1): boolean => a !== null && b !== null && a >= k * b;
  const lt = (a: number | null, b: number | null): boolean => a !== null && b !== null && a < b;
  const pick = (rule: string): Strategy => SEGMENT_STRATEGIES.find((x) => x.rule === rule)!;
  if (ge(s.recency, all.recency, 1.5)) return pick(ge(s.monetary, all.monetary) ? "segment.lapsed-valuable" : "segment.lapsed");
  if (s.repeat !== null && s.repeat < ONE_TIMERS_REPEAT) return pick("segment.one-timers");
  if (ge(s.monetary, all.monetary, 2)) return pick("segment.best");
  if (ge(s.frequency, all.frequency) && lt(s.aov, all.aov)) return pick("segment.frequent-small");
  return pick("segment.default");
}

/** The channel for a strategy given reach shares (absent: unknown). */
export function chooseChannel(ranked: readonly ChannelRole[], reach: ReadonlyMap<ChannelRole, number | null>): { channel: ChannelRole; reach: number | null } {
  const known = ranked.filter((c) => reach.get(c) !== undefined && reach.get(c) !== null);
  // Without flags, email: the one channel every shop has (the order confirmation address).
  if (known.length === 0) return { channel: "email", reach: null };
  const good = known.find((c) => reach.get(c)! >= 0.5);
  if (good) return { channel: good, reach: reach.get(good)! };
  const widest = known.reduce((a, b) => (reach.get(b)! > reach.get(a)! ? b : a));
  return { channel: widest, reach: reach.get(widest)! };
}

export function segmentRecommendations(facts: readonly Fact[]): Recommendation[] {
  const by = new Map<string, Map<string, number | null>>();
  const reach = new Map<string, Map<ChannelRole, number | null>>();
  for (const f of facts) {
    const segment = f.dims?.["segment"];
    if (!f.id.startsWith("segments.") || segment === undefined) continue;
    const v = f.value === null ? null : roundValue(f.value);
    if (f.id === "segments.channel.reach") {
      if (!reach.has(segment)) reach.set(segment, new Map());
      reach.get(segment)!.set(f.dims!["channel"] as ChannelRole, v);
    } else if (Object.keys(f.dims!).length === 1) {
      if (!by.has(segment)) by.set(segment, new Map());
      by.get(segment)!.set(f.id, v);
    }
  }
  const numbersOf = (m: ReadonlyMap<string, number | null>): SegmentNumbers => ({
    size: m.get("segments.size") ?? null,
    recency: m.get("segments.recency.mean") ?? null,
    frequency: m.get("segments.frequency.mean") ?? null,
    monetary: m.get("segments.monetary.mean") ?? null,
    aov: m.get("segments.aov") ?? null,
    repeat: m.get("segments.repeat.share") ?? null,
  });
  const segments = [...by].map(([name, m]) => ({ name, n: numbersOf(m), raw: m }));
  const weighted = (key: keyof SegmentNumbers): number | null => {
    let sum = 0;
    let size = 0;
    for (const { n } of segments) {
      if (n[key] === null || n.size === null) return null;
      sum += n[key]! * n.size;
      size += n.size;
    }
    return size > 0 ? sum / size : null;
  };
  const revenue = segments.reduce((s, { n }) => s + (n.size ?? 0) * (n.monetary ?? 0), 0);
  const orders = segments.reduce((s, { n }) => s + (n.size ?? 0) * (n.frequency ?? 0), 0);
  const all: SegmentNumbers = {
    size: segments.reduce((s, { n }) => s + (n.size ?? 0), 0),
    recency: weighted("recency"),
    frequency: weighted("frequency"),
    monetary: weighted("monetary"),
    aov: orders > 0 ? revenue / orders : null,
    repeat: weighted("repeat"),
  };
  return segments.map(({ name, n, raw }) => {
    const strategy = strategyOf(n, all);
    const channelReach = reach.get(name) ?? new Map<ChannelRole, number | null>();
    const chosen = chooseChannel(strategy.channels, channelReach);
    const plan: Plan = { direction: strategy.direction, channel: chosen.channel, reach: chosen.reach };
    const numbers: Record<string, number | null> = Object.fromEntries(raw);
    for (const c of CHANNEL_ROLES) if (channelReach.has(c)) numbers[`segments.channel.reach.${c}`] = channelReach.get(c)!;
    const size = n.size ?? 0;
    return {
      subject: { segment: name },
      action: strategy.action,
      rule: strategy.rule,
      numbers,
      limits: { "all.recency": all.recency, "all.frequency": all.frequency, "all.monetary": all.monetary, "all.aov": all.aov },
      findings: [],
      confidence: size >= 300 ? "high" : size >= 100 ? "medium" : "low",
      importance: size * (n.monetary ?? 0),
      plan,
    };
  });
}
