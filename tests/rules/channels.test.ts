/**
 * The channel rules on hand-built facts. Every expected action, number and
 * sentence below is worked out by hand from the rule table in
 * `src/rules/channels.ts` and the defaults in `src/schema/config.ts`
 * (min_buyers 30, horizon_months 6, near_one 0.15, cut_romi 0.7, cut_spend_share 0.1).
 */
import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/engine.ts";
import { channelRecommendations, channelThresholds, type ChannelThresholds } from "../../src/rules/channels.ts";
import { ConfigSchema, type ConfigInput } from "../../src/schema/config.ts";
import { RecommendationSchema, type Fact, type Recommendation, type Unit } from "../../src/schema/report.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { why } from "../../src/words/why.ts";

/** The rules' thresholds from a config as written in `content/report.yaml`. */
const thresholds = (config: ConfigInput): ChannelThresholds => channelThresholds(ConfigSchema.parse(config));
const DEFAULTS = thresholds({});
/** The thresholds a channel recommendation carries with the defaults. */
const LIMITS = { min_buyers: 30, horizon_months: 6, near_one: 0.15, cut_romi: 0.7, cut_spend_share: 0.1 };

const FMT = makeFormatter("en-US", "USD");
/** A recommendation with its sentence as the site words it (`src/words/why.ts`), in US dollars. */
const worded = (r: Recommendation): Recommendation & { why: string } => ({ ...r, why: why(r, FMT) });

const UNITS: Readonly<Record<string, Unit>> = {
  buyers: "users",
  "visits.users": "users",
  revenue: "currency",
  cost: "currency",
  cac: "currency",
  romi: "ratio",
  "conversion.rate": "share",
  "payback.months": "months",
};

type Inputs = Readonly<Record<string, number | null>>;

/** The facts of one source: one fact per key, with dims `{ source }`. */
const source = (label: string, values: Inputs): Fact[] =>
  Object.entries(values).map(([id, value]) => ({ id, value, unit: UNITS[id] ?? "count", dims: { source: label } }));

/** The total cost fact (no dims). */
const totalCost = (value: number | null): Fact => ({ id: "cost", value, unit: "currency" });

/** The one recommendation for `label` among the output. */
function only(recs: readonly Recommendation[], label: string): Recommendation {
  const found = recs.filter((r) => r.subject["source"] === label);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Runs the rules on one source (plus a total cost of 1000 unless told) and returns its recommendation. */
function decide(values: Inputs, config: ChannelThresholds = DEFAULTS, total: Fact[] = [totalCost(1000)]): Recommendation {
  return only(channelRecommendations([...total, ...source("s", values)], config), "s");
}

/** A source that is judged on ROMI alone: enough buyers, cost 200 of 1000 (20 %), no payback. */
const judged = (romi: number, extra: Inputs = {}): Inputs => ({ buyers: 150, revenue: 200 * romi, cost: 200, romi, "payback.months": null, ...extra });

describe("channelRecommendations(facts, config) defaults", () => {
  it("an empty config gives the thresholds these tests assume", () => {
    expect(DEFAULTS).toEqual({ min_buyers: 30, horizon_months: 6, near_one: 0.15, cut_romi: 0.7, cut_spend_share: 0.1 });
  });
});

describe("channelRecommendations(facts, config) rule channel.no-cost", () => {
  it("investigates a source with buyers but no cost fact, even a single buyer", () => {
    const r = decide({ buyers: 1, revenue: 12.5, cac: null, romi: null, "payback.months": null });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "investigate",
      rule: "channel.no-cost",
      why: "s brought 1 buyer and revenue $12.50 but it has no cost rows, so its CAC and ROMI are unknown: check whether its spend is tracked.",
      numbers: { buyers: 1, revenue: 12.5 },
      limits: LIMITS,
      findings: [],
      confidence: "low",
      importance: 12.5,
    });
  });

  it("investigates a null cost as unknown, keeping the null in numbers", () => {
    const r = decide({ buyers: 861, revenue: 4984.72, cost: null });
    expect(r.rule).toBe("channel.no-cost");
    expect(r.numbers).toEqual({ buyers: 861, revenue: 4984.72, cost: null });
    expect(why(r, FMT)).toContain("its cost is unknown");
    expect(r.confidence).toBe("high");
    expect(r.importance).toBe(4984.72);
  });

  it("does not fire for a source without buyers: too few buyers decides", () => {
    expect(decide({ buyers: 0, "visits.users": 40 }).rule).toBe("channel.too-few-buyers");
  });

  it("does not fire for a cost of 0, which is a known value", () => {
    expect(decide({ buyers: 50, revenue: 300, cost: 0, romi: null, "payback.months": null }).rule).toBe("channel.default");
  });
});

describe("channelRecommendations(facts, config) rule channel.too-few-buyers", () => {
  it("marks buyers below min_buyers as insufficient data with importance 0 and low confidence", () => {
    const r = decide({ buyers: 6, revenue: 17.17, cost: 132.48, romi: 0.1296, "payback.months": null, "visits.users": 316, "conversion.rate": 6 / 316 });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "insufficient data",
      rule: "channel.too-few-buyers",
      // 6 / 316 = 0.019 → 2 %
      why: "s has 6 buyers from 316 first-touch visitors (conversion 2%), fewer than the 30 needed to judge it.",
      numbers: { buyers: 6, "visits.users": 316, "conversion.rate": 0.0189873417722 }, // 6 / 316 to 12 significant digits
      limits: LIMITS,
      findings: [],
      confidence: "low",
      importance: 0,
    });
  });

  it("judges a source with exactly min_buyers buyers", () => {
    expect(decide({ buyers: 29, revenue: 500, cost: 100, romi: 5, "payback.months": 0 }).action).toBe("insufficient data");
    expect(decide({ buyers: 30, revenue: 500, cost: 100, romi: 5, "payback.months": 0 }).action).toBe("scale");
  });

  it("treats 0 buyers, null buyers and a missing buyers fact as too few, telling them apart", () => {
    const zero = decide({ buyers: 0, cost: 12, romi: 0 });
    expect(zero.numbers).toEqual({ buyers: 0 });
    expect(why(zero, FMT)).toBe("s has 0 buyers, fewer than the 30 needed to judge it.");
    const unknown = decide({ buyers: null, cost: 12 });
    expect(unknown.rule).toBe("channel.too-few-buyers");
    expect(unknown.numbers).toEqual({ buyers: null });
    expect(why(unknown, FMT)).toBe("s has an unknown number of buyers, so it cannot be judged.");
    const missing = decide({ cost: 12 }); // a costs-only report: cost{source} but no buyers{source}
    expect(missing.rule).toBe("channel.too-few-buyers");
    expect(missing.numbers).toEqual({});
    expect(why(missing, FMT)).toBe("s has no buyer count in the report, so it cannot be judged.");
  });
});

describe("channelRecommendations(facts, config) rule channel.no-cost-data", () => {
  it("investigates sources with enough buyers when the report has no total cost", () => {
    const r = decide({ buyers: 120, revenue: 900 }, DEFAULTS, []);
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "investigate",
      rule: "channel.no-cost-data",
      why: "The report has no cost data, so s (120 buyers, revenue $900.00) cannot be judged on CAC or ROMI: add the spend export.",
      numbers: { buyers: 120, revenue: 900 },
      limits: LIMITS,
      findings: [],
      confidence: "medium",
      importance: 900,
    });
  });

  it("still calls a small source insufficient data without cost data", () => {
    expect(decide({ buyers: 5, revenue: 40 }, DEFAULTS, []).rule).toBe("channel.too-few-buyers");
  });
});

describe("channelRecommendations(facts, config) rule channel.pays-back", () => {
  it("scales a source that pays back within the horizon, ranked by revenue", () => {
    const r = decide({ buyers: 1289, revenue: 11731.2, cost: 8271.18, romi: 1.4183, "payback.months": 2 });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "scale",
      rule: "channel.pays-back",
      why: "s pays back by cohort month 2, within the 6-month horizon, with ROMI 1.42 over the period, so it can take more budget.",
      numbers: { buyers: 1289, "payback.months": 2, romi: 1.4183, revenue: 11731.2 },
      limits: LIMITS,
      findings: [],
      confidence: "high",
      importance: 11731.2,
    });
  });

  it("scales at exactly horizon_months and not one month later", () => {
    expect(decide(judged(1.5, { "payback.months": 6 })).rule).toBe("channel.pays-back");
    expect(decide(judged(1.5, { "payback.months": 7 })).rule).toBe("channel.profitable-slow");
  });

  it("scales a source paying back in month 0 even at a ROMI near 1, since the rule comes first", () => {
    expect(decide(judged(0.95, { "payback.months": 0 })).rule).toBe("channel.pays-back");
  });
});

describe("channelRecommendations(facts, config) rule channel.near-break-even", () => {
  it("optimizes a ROMI near 1, ranked by cost", () => {
    const r = decide({ buyers: 442, revenue: 2689.16, cost: 2746.86, romi: 0.979, "payback.months": 11 });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "optimize",
      rule: "channel.near-break-even",
      why: "s is near break-even: it returns 0.98 per unit spent (ROMI within 0.85–1.15), so tune it before scaling or cutting.",
      numbers: { buyers: 442, romi: 0.979, cost: 2746.86 },
      limits: LIMITS,
      findings: [],
      confidence: "high",
      importance: 2746.86,
    });
  });

  it("includes ROMI exactly 1 − near_one and 1 + near_one, and nothing beyond", () => {
    expect(decide(judged(0.85)).rule).toBe("channel.near-break-even");
    expect(decide(judged(1.15)).rule).toBe("channel.near-break-even");
    expect(decide(judged(0.8499)).rule).toBe("channel.below-break-even");
    expect(decide(judged(1.1501)).rule).toBe("channel.profitable-slow");
  });

  it("decides on values rounded to 12 significant digits, as metrics.json shows them", () => {
    // One double either side of 0.85 (summation noise); both publish as 0.85.
    for (const romi of [0.8499999999999999, 0.8500000000000001]) {
      const r = decide(judged(romi));
      expect(r.rule).toBe("channel.near-break-even");
      expect(r.numbers["romi"]).toBe(0.85);
    }
  });
});

describe("channelRecommendations(facts, config) rule channel.loses-money", () => {
  it("cuts a low ROMI on a large spend share, with the share in numbers", () => {
    // 310 of 1000 spent: 31 %.
    const r = decide({ buyers: 501, revenue: 130.2, cost: 310, romi: 0.42, "payback.months": null });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "cut",
      rule: "channel.loses-money",
      why: "s returns 0.42 per unit spent (ROMI 0.42, below the cut line 0.70) on 31% of spend, so cut it or move its budget.",
      numbers: { buyers: 501, romi: 0.42, cost: 310, "spend.share": 0.31 },
      limits: LIMITS,
      findings: [],
      confidence: "high",
      importance: 310,
    });
  });

  it("cuts at a spend share of exactly cut_spend_share and not just below it", () => {
    expect(decide(judged(0.4, { cost: 100 })).rule).toBe("channel.loses-money"); // 100 / 1000 = 0.1
    const below = decide(judged(0.4, { cost: 99 })); // 0.099
    expect(below.rule).toBe("channel.below-break-even-small");
    expect(below.numbers["spend.share"]).toBe(0.099);
  });

  it("does not cut at ROMI exactly cut_romi", () => {
    expect(decide(judged(0.69)).rule).toBe("channel.loses-money");
    expect(decide(judged(0.7)).rule).toBe("channel.below-break-even");
  });
});

describe("channelRecommendations(facts, config) rules channel.below-break-even(-small)", () => {
  it("optimizes a losing source with a small spend share before cutting it", () => {
    // 50 of 1000 spent: 5 %.
    const r = decide({ buyers: 80, revenue: 25, cost: 50, romi: 0.5, "payback.months": null });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "optimize",
      rule: "channel.below-break-even-small",
      why: "s returns 0.50 per unit spent (ROMI below 0.85) but takes only 5% of spend, so fix it before cutting.",
      numbers: { buyers: 80, romi: 0.5, cost: 50, "spend.share": 0.05 },
      limits: LIMITS,
      findings: [],
      confidence: "low",
      importance: 50,
    });
  });

  it("optimizes a ROMI between cut_romi and 1 − near_one on a large share instead of keeping it", () => {
    // 250 of 1000: 25 %; 0.78 is below 0.85 but not below 0.70.
    const r = decide({ buyers: 150, revenue: 195, cost: 250, romi: 0.78, "payback.months": null });
    expect(r.action).toBe("optimize");
    expect(r.rule).toBe("channel.below-break-even");
    expect(why(r, FMT)).toBe("s returns 0.78 per unit spent on 25% of spend: below break-even (0.85) but above the cut line (0.70), so improve it.");
    expect(r.numbers).toEqual({ buyers: 150, romi: 0.78, cost: 250, "spend.share": 0.25 });
  });

  it("does not cut when the spend share is unknown (a null total cost)", () => {
    const r = decide(judged(0.3), DEFAULTS, [totalCost(null)]);
    expect(r.rule).toBe("channel.below-break-even");
    expect(r.numbers["spend.share"]).toBeNull();
    expect(why(r, FMT)).toContain("unknown share of spend");
  });
});

describe("channelRecommendations(facts, config) rules channel.profitable-slow and channel.default", () => {
  it("keeps a profitable source that pays back after the horizon", () => {
    const r = decide({ buyers: 100, revenue: 600, cost: 200, romi: 3, "payback.months": 9 });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "keep",
      rule: "channel.profitable-slow",
      why: "s is profitable with ROMI 3.00 but pays back only by cohort month 9, later than the 6-month horizon, so keep it without scaling.",
      numbers: { buyers: 100, romi: 3, "payback.months": 9, revenue: 600 },
      limits: LIMITS,
      findings: [],
      confidence: "medium",
      importance: 600,
    });
  });

  it("keeps a profitable source that has no payback month yet", () => {
    const r = decide(judged(1.6));
    expect(r.rule).toBe("channel.profitable-slow");
    expect(r.numbers["payback.months"]).toBeNull();
    expect(why(r, FMT)).toBe("s is profitable with ROMI 1.60 but no cohort has paid back yet (horizon 6 months), so keep it without scaling.");
  });

  it("keeps a source whose ROMI is undefined because its cost is 0", () => {
    const r = decide({ buyers: 50, revenue: 300, cost: 0, cac: 0, romi: null, "payback.months": null });
    expect(worded(r)).toEqual({
      subject: { source: "s" },
      action: "keep",
      rule: "channel.default",
      why: "s has 50 buyers and revenue $300.00 but its ROMI is undefined (cost $0.00), so no rule applies and it is kept as it is.",
      numbers: { buyers: 50, revenue: 300, cost: 0, romi: null, "payback.months": null },
      limits: LIMITS,
      findings: [],
      confidence: "low",
      importance: 300,
    });
  });
});

describe("channelRecommendations(facts, config) confidence", () => {
  it("grades by buyers: 300 high, 100 medium, below low", () => {
    const at = (buyers: number): string => decide(judged(3, { buyers })).confidence;
    expect([at(30), at(99), at(100), at(299), at(300), at(5000)]).toEqual(["low", "low", "medium", "medium", "high", "high"]);
  });
});

describe("channelRecommendations(facts, config) overrides", () => {
  it("min_buyers lets a small source be judged", () => {
    expect(decide(judged(3, { buyers: 20 })).action).toBe("insufficient data");
    expect(decide(judged(3, { buyers: 20 }), thresholds({ recommendations: { min_buyers: 10 } })).action).toBe("keep");
  });

  it("horizon_months turns a slow payer into one to scale", () => {
    expect(decide(judged(2, { "payback.months": 9 }), thresholds({ horizon_months: 12 })).rule).toBe("channel.pays-back");
  });

  it("near_one narrows break-even", () => {
    expect(decide(judged(0.9)).rule).toBe("channel.near-break-even");
    expect(decide(judged(0.9), thresholds({ recommendations: { near_one: 0.05 } })).rule).toBe("channel.below-break-even");
  });

  it("cut_romi and cut_spend_share move the cut line", () => {
    expect(decide(judged(0.6)).rule).toBe("channel.loses-money");
    expect(decide(judged(0.6), thresholds({ recommendations: { cut_romi: 0.5 } })).rule).toBe("channel.below-break-even");
    expect(decide(judged(0.6), thresholds({ recommendations: { cut_spend_share: 0.5 } })).rule).toBe("channel.below-break-even-small");
  });
});

describe("channelRecommendations(facts, config) subjects, order and determinism", () => {
  const facts: Fact[] = [
    totalCost(1000),
    ...source("b", { buyers: 5, cost: 10 }),
    ...source("a", { buyers: 5, cost: 10 }),
    ...source("B", { buyers: 5, cost: 10 }),
    ...source("cut", { buyers: 300, revenue: 120, cost: 400, romi: 0.3, "payback.months": null }),
    ...source("scale", { buyers: 300, revenue: 900, cost: 300, romi: 3, "payback.months": 1 }),
    ...source("free", { buyers: 40, revenue: 250 }),
  ];

  it("sorts by importance descending, then by label in code-unit order", () => {
    const recs = channelRecommendations(facts, DEFAULTS);
    // scale: revenue 900; cut: cost 400; free (no cost): revenue 250; then three at 0.
    expect(recs.map((r) => [r.subject["source"], r.action, r.importance])).toEqual([
      ["scale", "scale", 900],
      ["cut", "cut", 400],
      ["free", "investigate", 250],
      ["B", "insufficient data", 0],
      ["a", "insufficient data", 0],
      ["b", "insufficient data", 0],
    ]);
  });

  it("gives the same output for the same facts in any order", () => {
    const once = channelRecommendations(facts, DEFAULTS);
    expect(channelRecommendations([...facts].reverse(), DEFAULTS)).toEqual(once);
    expect(JSON.stringify(channelRecommendations(facts, DEFAULTS))).toBe(JSON.stringify(once));
  });

  it("gives every source of any source-dimmed fact a recommendation that fits the schema", () => {
    const withAge: Fact[] = [...facts, { id: "ltv", value: 3, unit: "currency", dims: { source: "aged", age: "0" } }];
    const recs = channelRecommendations(withAge, DEFAULTS);
    expect(recs.map((r) => r.subject["source"]).sort()).toEqual(["B", "a", "aged", "b", "cut", "free", "scale"]);
    expect(only(recs, "aged")).toMatchObject({ action: "insufficient data", numbers: {} });
    for (const r of recs) expect(RecommendationSchema.parse(r)).toEqual(r);
  });

  it("returns no recommendations without source facts", () => {
    expect(channelRecommendations([totalCost(1000), { id: "buyers", value: 10, unit: "users" }], DEFAULTS)).toEqual([]);
  });

  it("keeps an HTML-looking label verbatim in subject and why (escaping is the site's job)", () => {
    const label = "<script>alert(1)</script>";
    const r = only(channelRecommendations([totalCost(1000), ...source(label, { buyers: 3, cost: 10 })], DEFAULTS), label);
    expect(r.subject).toEqual({ source: label });
    expect(why(r, FMT)).toBe(`${label} has 3 buyers, fewer than the 30 needed to judge it.`);
  });

  it("matches the example in its JSDoc", () => {
    const f = (id: string, value: number | null, s?: string): Fact =>
      s === undefined ? { id, value, unit: "count" } : { id, value, unit: "count", dims: { source: s } };
    const recs = channelRecommendations(
      [f("cost", 1000), f("buyers", 501, "social"), f("cost", 310, "social"), f("revenue", 130.2, "social"), f("romi", 0.42, "social")],
      DEFAULTS,
    );
    expect(recs.map(worded)).toEqual([
      {
        subject: { source: "social" },
        action: "cut",
        rule: "channel.loses-money",
        why: "social returns 0.42 per unit spent (ROMI 0.42, below the cut line 0.70) on 31% of spend, so cut it or move its budget.",
        numbers: { buyers: 501, romi: 0.42, cost: 310, "spend.share": 0.31 },
        limits: LIMITS,
        findings: [],
        confidence: "high",
        importance: 310,
      },
    ]);
  });
});

describe("channelRecommendations(report facts, default config) on the committed demo data", async () => {
  const run = await runEngine({ dataDir: "data", configPath: null });

  it("finds the structure planted in data/README.md", () => {
    expect(run.errors).toEqual([]);
    const recs = channelRecommendations(run.report!.facts, DEFAULTS);
    const by = Object.fromEntries(recs.map((r) => [r.subject["source"], `${r.action} ${r.rule}`]));
    expect(by).toEqual({
      search: "scale channel.pays-back", // payback month 2
      social: "cut channel.loses-money", // ROMI 0.42 on 35 % of spend
      display: "optimize channel.near-break-even", // ROMI 0.93, no payback
      email: "scale channel.pays-back", // payback month 0
      referral: "investigate channel.no-cost", // 830 buyers, no cost rows
      video: "insufficient data channel.too-few-buyers", // 6 buyers
    });
  });
});

describe("why(recommendation) with a budget amount", () => {
  /** A source kept by the rules, with the budget numbers the rule passes on. */
  const withBudget = (budget: Inputs): string =>
    why(decide(judged(3, { "payback.months": 9, ...budget })), FMT).replace(/^.*so keep it without scaling\. /, "");

  it("states the change, the marginal ROMI now and then, and the outcome with its interval (hand-written expected text)", () => {
    const text = withBudget({
      "budget.spend.current": 100,
      "budget.spend.recommended": 70,
      "budget.marginal_romi": 0.25,
      "budget.marginal_romi.recommended": 0.3,
      "budget.outcome.change": -8,
      "budget.outcome.change.lo90": -11.8,
      "budget.outcome.change.hi90": -2.65,
      "budget.spend.max_seen": 240,
    });
    expect(text).toBe(
      "Budget: −30% (−$30.00 per week). The marginal ROMI of 0.25 at today's spend rises to 0.30, and the expected outcome is −$8.00 per week (90% interval −$11.80 to −$2.65).",
    );
  });

  it("marks a recommendation beyond the largest weekly spend seen, keeps a change under a cent as today's spend, and says nothing without a recommended spend", () => {
    expect(withBudget({ "budget.spend.current": 100, "budget.spend.recommended": 130, "budget.spend.max_seen": 120 })).toBe(
      "Budget: +30% (+$30.00 per week). This is beyond the largest weekly spend seen ($120.00), where the curve is an extrapolation.",
    );
    expect(withBudget({ "budget.spend.current": 100, "budget.spend.recommended": 100.004 })).toBe("Budget: keep today's $100.00 per week.");
    expect(withBudget({ "budget.spend.current": 100, "budget.spend.recommended": null })).toMatch(/keep it without scaling\.$/);
  });

  it("words money in the report's currency and locale", () => {
    const eur = makeFormatter("de-DE", "EUR");
    const r = decide(judged(3, { "payback.months": 9, "budget.spend.current": 1000, "budget.spend.recommended": 1300 }));
    // de-DE: decimal comma, thousands dot, the euro sign after a non-breaking space.
    expect(why(r, eur)).toContain("Budget: +30\u00a0% (+300,00\u00a0€ per week).");
  });
});
