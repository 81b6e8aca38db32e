/**
 * The CLV analysis (src/analyses/clv/). Expected values: hand computations
 * written out below and, on the full CDNOW orders, tests/clv/reference.py
 * (numpy/SciPy, sharing no code with romi: its summary, fits by
 * scipy.optimize.minimize, predictions, bands and holdout table), quoted
 * where used.
 */
import { describe, expect, it } from "vitest";
import { clv, clvAnalysis, clvCustomers, defaultSplit, niceStep, type ClvResult } from "../../src/analyses/clv/index.ts";
import { holdoutSplit } from "../../src/analyses/clv/customers.ts";
import { type SeriesRow } from "../../src/analyses/series.ts";
import { parseConfig } from "../../src/read/config.ts";
import { ConfigSchema, type ConfigInput } from "../../src/schema/config.ts";
import { dayFromYmd } from "../../src/time/calendar.ts";
import { periodFrame } from "../../src/time/period.ts";
import { cdnowPresent, cdnowRows } from "../clv/cdnow.ts";
import { dataDir, fact, hasFact, lines, reduceFor, said } from "../helpers.ts";
import { expectClose } from "../stats/close.ts";

/** A data folder of orders (no order id: every row is an order) from [user, "YYYY-MM-DD", revenue]. */
const ordersDir = (rows: readonly (readonly [string, string, number])[]): string =>
  dataDir({ "orders.csv": lines("customer_id,date,revenue", ...rows.map(([u, d, r]) => `${u},${d},${r}`)) });

/** The CLV input of orders over a period, through the engine's reductions, as the registry hands it over, with the `clv` settings parsed. */
async function reduced(rows: readonly (readonly [string, string, number])[], from: string, to: string, settings: ConfigInput["clv"] = {}) {
  const config = parseConfig({ period: { from, to }, clv: settings }, "test");
  const { reduced, frame } = await reduceFor(ordersDir(rows), config, clvAnalysis);
  return { customers: clvCustomers(reduced, frame), frame, config: config.clv };
}

async function run(
  rows: readonly (readonly [string, string, number])[],
  from: string,
  to: string,
  settings: ConfigInput["clv"] = {},
  margin = 1,
): Promise<ClvResult> {
  const { customers, frame, config } = await reduced(rows, from, to, settings);
  return clv({ customers }, { frame, margin, config });
}

const method = (r: ClvResult): SeriesRow<"clv_method"> => r.series.clv_method![0]!;

describe("clv(input, ctx) with too few repeat buyers", async () => {
  // 2024-01-01 … 2024-04-30 (121 days): a buys on Jan 5 and Mar 10, b on Jan 20, c on Apr 2 twice.
  const rows = [
    ["a", "2024-01-05", 40],
    ["b", "2024-01-20", 10],
    ["a", "2024-03-10", 20],
    ["c", "2024-04-02", 15],
    ["c", "2024-04-02", 15],
  ] as const;
  const result = await run(rows, "2024-01-01", "2024-04-30", {}, 0.5);

  it("says why the models are not fitted and emits no model facts, without throwing", () => {
    expect(result.warnings.map(said)).toContain("the BG/NBD and Gamma-Gamma models are not fitted: fewer than 3 repeat buyers (1 of 3 customers bought again)");
    for (const id of ["clv.bgnbd.r", "clv.gg.p", "clv.expected_12m.total", "clv.p_alive.mean", "clv.expected_12m", "clv.holdout.mape"])
      expect(hasFact(result.facts, id)).toBe(false);
    expect(method(result)).toMatchObject({ status: "not enough data", customers: 3, repeat_buyers: 1 });
    expect(result.facts.every((f) => f.value === null || Number.isFinite(f.value))).toBe(true);
  });

  it("still gives simple CLV: AOV × orders per customer per year × margin ÷ annual churn", () => {
    // 121 days: first half Jan 1 – Feb 29 (60 days), second half Mar 1 – Apr 30 (61 days).
    // First-half customers a, b; b lapses: churn 1/2, annual 1 − 0.5^(365/61).
    // AOV 100 / 5 orders = 20; orders per customer per year 5/3 × 365/121.
    const annual = 1 - 0.5 ** (365 / 61);
    expectClose(fact(result.facts, "clv.simple"), (20 * (5 / 3) * (365 / 121) * 0.5) / annual, { rel: 1e-14 });
    expect(method(result)).toMatchObject({ simple_first_half_to: "2024-02-29", simple_second_half_from: "2024-03-01", simple_churn: 0.5 });
  });

  it("gives simple CLV per complete first-order month, from the month's first day to the period's end", () => {
    // January cohort {a, b}: window Jan 1 – Apr 30 as above, orders a 2, b 1, revenue 70:
    // AOV 70/3, 3/2 orders per customer × 365/121, churn 1/2 over 61 days.
    const annual = 1 - 0.5 ** (365 / 61);
    expectClose(fact(result.facts, "clv.simple", { cohort: "2024-01" }), ((70 / 3) * 1.5 * (365 / 121) * 0.5) / annual, { rel: 1e-14 });
    // April cohort {c}: window Apr 1 – 30, halves Apr 1–15 and 16–30: c lapses, churn 1 → annual 1.
    // AOV 15, 2 orders × 365/30 a year: 15 × 2 × 365/30 × 0.5.
    expectClose(fact(result.facts, "clv.simple", { cohort: "2024-04" }), 15 * 2 * (365 / 30) * 0.5, { rel: 1e-14 });
    expect(result.facts.filter((f) => f.id === "clv.simple" && f.dims)).toHaveLength(2);
  });
});

describe("clv(input, ctx) on a small hand-made shop", () => {
  // 4 repeat buyers and 2 one-time buyers over 2024-01-01 … 2024-06-29 (181 days).
  const rows = [
    ["u1", "2024-01-02", 30],
    ["u1", "2024-02-10", 50],
    ["u1", "2024-05-01", 40],
    ["u2", "2024-01-15", 20],
    ["u2", "2024-03-15", 15],
    ["u3", "2024-02-01", 100],
    ["u3", "2024-02-20", 70],
    ["u3", "2024-06-20", 90],
    ["u4", "2024-03-03", 25],
    ["u4", "2024-06-01", 35],
    ["u5", "2024-04-04", 60],
    ["u6", "2024-06-25", 10],
  ] as const;

  it("fits the models, predicts every customer and bands them, with finite numbers only", async () => {
    const result = await run(rows, "2024-01-01", "2024-06-29");
    expect(method(result)).toMatchObject({ status: "fitted", customers: 6, repeat_buyers: 4, gg_status: "fitted", gg_customers: 4, gg_excluded: 2 });
    const bands = [1, 2, 3, 4, 5].map((b) => fact(result.facts, "clv.expected_12m", { band: String(b) })!);
    // 6 customers: bands ⌊5i/6⌋ + 1 = 1, 1, 2, 3, 4, 5 for i = 0 … 5.
    expect(result.series.clv_bands!.map((r) => r.customers)).toEqual([2, 1, 1, 1, 1]);
    expectClose(
      bands.reduce((s, v) => s + v, 0),
      fact(result.facts, "clv.expected_12m.total")!,
      { rel: 1e-12 },
    );
    const top = result.series.clv_top_customers!;
    expect(top).toHaveLength(6);
    expectClose(fact(result.facts, "clv.expected_12m", { band: "5" }), top[0]!["clv_12m"] as number, { rel: 1e-15 });
    for (const f of result.facts) expect(f.value === null || Number.isFinite(f.value)).toBe(true);
    // Four repeat buyers this alike are best fitted by one purchase rate for all (r, α → ∞ at a
    // fixed r/α): the fit runs to the edge, does not converge, and both are said.
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["clv.not_converged", "clv.edge"]));
    expect(method(result)).toMatchObject({ bgnbd_converged: false });
  });

  it("predicts no CLV but still P(alive) when Gamma-Gamma has too few valued repeat buyers", async () => {
    // u2's and u3's repeat days have revenue 0: 2 of the 4 repeat buyers are left for Gamma-Gamma.
    const unvalued = rows.map(([u, d, r]) => [u, d, (u === "u2" || u === "u3") && d !== "2024-01-15" && d !== "2024-02-01" ? 0 : r] as const);
    const result = await run(unvalued, "2024-01-01", "2024-06-29");
    expect(method(result)).toMatchObject({ status: "fitted", gg_status: "not enough data", gg_customers: 2, gg_excluded: 4 });
    expect(result.warnings.map(said)).toContain(
      "the Gamma-Gamma model is not fitted, so no CLV is predicted: fewer than 3 repeat buyers with a positive mean repeat-purchase value (2 of 6 customers)",
    );
    expect(hasFact(result.facts, "clv.p_alive.mean")).toBe(true);
    expect(hasFact(result.facts, "clv.expected_12m.total")).toBe(false);
    expect(result.series.clv_top_customers).toBeUndefined();
  });

  it("gives each band's segment mix when the context has segments, and the same output twice", async () => {
    const { customers, frame, config } = await reduced(rows, "2024-01-01", "2024-06-29");
    const segments = new Map([
      ["u1", "Loyal"],
      ["u2", "At risk"],
      ["u3", "Loyal"],
      ["u6", "New"],
    ]);
    // The registry hands over segments by user index.
    const segmentOf = (user: number): string | undefined => segments.get(customers!.id[customers!.user.indexOf(user)]!);
    const ctx = { frame, margin: 1, config, segmentOf };
    const result = clv({ customers }, ctx);
    const mix = result.series.clv_band_segments!;
    // Every customer once; u4 and u5 have no segment.
    expect(mix.reduce((s, r) => s + r.customers!, 0)).toBe(6);
    expect(mix.filter((r) => r.segment === "(none)").reduce((s, r) => s + r.customers!, 0)).toBe(2);
    for (const band of ["1", "2", "3", "4", "5"]) {
      expectClose(
        mix.filter((r) => r.band === band).reduce((s, r) => s + r.share!, 0),
        1,
        { rel: 1e-15 },
      );
    }
    expect(JSON.stringify(clv({ customers }, ctx))).toBe(JSON.stringify(result));
  });

  it("reads a configured holdout start, and skips the check when it is outside the period", async () => {
    const inside = await run(rows, "2024-01-01", "2024-06-29", { holdout_from: "2024-05-01" });
    expect(method(inside)).toMatchObject({ holdout_from: "2024-05-01" });
    const outside = await run(rows, "2024-01-01", "2024-06-29", { holdout_from: "2024-01-01" });
    expect(method(outside)).toMatchObject({ holdout_status: "skipped" });
    expect(outside.warnings.map(said)).toContain("no holdout check: the holdout would start on 2024-01-01, outside 2024-01-02 … 2024-06-29");
    expect(hasFact(outside.facts, "clv.holdout.mape")).toBe(false);
    // The config schema refuses it first; the split reads only YYYY-MM-DD.
    await expect(run(rows, "2024-01-01", "2024-06-29", { holdout_from: "May 1" })).rejects.toThrow(/clv.holdout_from/);
    expect(() => holdoutSplit("May 1", { from: 0, to: 99 })).toThrow("invalid clv.holdout_from: May 1");
    expect(holdoutSplit(undefined, { from: 0, to: 99 })).toBe(75);
  });

  it("gives no facts and no series without orders", () => {
    const frame = periodFrame({ from: dayFromYmd(2024, 1, 1), to: dayFromYmd(2024, 6, 29) });
    expect(clv({ customers: null }, { frame, margin: 1, config: ConfigSchema.parse({}).clv })).toEqual({ facts: [], warnings: [], series: {} });
  });
});

describe("defaultSplit(range) and niceStep(raw)", () => {
  it("defaultSplit is the first day of the last 25% of the days, rounded down", () => {
    expect(defaultSplit({ from: 0, to: 99 })).toBe(75);
    // CDNOW: 1997-01-01 … 1998-06-30 is 546 days; ⌊409.5⌋ = 409 days on is 1998-02-14.
    expect(defaultSplit({ from: dayFromYmd(1997, 1, 1), to: dayFromYmd(1998, 6, 30) })).toBe(dayFromYmd(1998, 2, 14));
  });

  it("niceStep is the smallest 1, 2, 2.5 or 5 × 10ᵏ at least the value", () => {
    expect([0.7, 1, 1.2, 2.2, 3, 37, 250, 0, -1].map(niceStep)).toEqual([1, 1, 2, 2.5, 5, 50, 250, 1, 1]);
    expect(niceStep(0.013)).toBe(0.02);
  });
});

describe.skipIf(!cdnowPresent)("clv(input, ctx) on the full CDNOW orders (../shared/data/cdnow/cdnow_orders.csv)", async () => {
  // 69,659 purchases of 23,570 customers, 1997-01-01 … 1998-06-30, margin 1, discount 1% a month.
  const rows = cdnowPresent
    ? cdnowRows("cdnow_orders.csv")
        .slice(1)
        .map((r) => [r[0]!, r[1]!, Number(r[3])] as const)
    : [];
  const result = cdnowPresent ? await run(rows, "1997-01-01", "1998-06-30") : ({ facts: [], warnings: [], series: {} } as ClvResult);
  const m = cdnowPresent ? method(result) : ({} as SeriesRow<"clv_method">);

  it("fits BG/NBD and Gamma-Gamma to SciPy's maxima on the summary built from the orders", () => {
    // reference.py "full": 23,570 customers, 11,516 repeat buyers, 11,515 with a positive repeat value.
    expect(m).toMatchObject({ status: "fitted", customers: 23570, repeat_buyers: 11516, gg_customers: 11515, gg_excluded: 23570 - 11515 });
    expect(m).toMatchObject({ bgnbd_converged: true, gg_converged: true, bgnbd_starts_at_best: 5, gg_starts_at_best: 5 });
    expect(m.bgnbd_starts).toHaveLength(5);
    expectClose(fact(result.facts, "clv.bgnbd.r"), 0.26712775747160333, { rel: 1e-5 });
    expectClose(fact(result.facts, "clv.bgnbd.alpha"), 5.98649148056312, { rel: 1e-5 });
    expectClose(fact(result.facts, "clv.bgnbd.a"), 0.48351694680092766, { rel: 1e-5 });
    expectClose(fact(result.facts, "clv.bgnbd.b"), 2.111608184034408, { rel: 1e-5 });
    expectClose(m.bgnbd_log_likelihood!, -173425.9162932174, { rel: 1e-12 });
    expectClose(fact(result.facts, "clv.gg.p"), 5.086043492617408, { rel: 1e-5 });
    expectClose(fact(result.facts, "clv.gg.q"), 3.9951208655519364, { rel: 1e-5 });
    expectClose(fact(result.facts, "clv.gg.v"), 21.252240639972452, { rel: 1e-5 });
    expectClose(m.gg_log_likelihood!, -49496.52420305407, { rel: 1e-12 });
  });

  it("predicts the 12-month CLV total, its quintile bands and mean P(alive) as the SciPy transcription", () => {
    // reference.py "full.expected_12m_total", "full.expected_12m_bands", "full.p_alive_mean"
    expectClose(fact(result.facts, "clv.expected_12m.total"), 769970.8364732983, { rel: 1e-6 });
    [21309.611675215467, 26203.164110212147, 27683.59143829881, 78540.15022819441, 616234.3190213795].forEach((total, b) =>
      expectClose(fact(result.facts, "clv.expected_12m", { band: String(b + 1) }), total, { rel: 1e-6 }),
    );
    expectClose(fact(result.facts, "clv.p_alive.mean"), 0.7969593940691828, { rel: 1e-6 });
  });

  it("gives simple CLV as the reference", () => {
    // reference.py "full.simple": churn 0.70055, annual churn 0.80055, AOV 35.894, 1.9757 orders a year.
    expectClose(fact(result.facts, "clv.simple"), 88.58284533070014, { rel: 1e-12 });
    expectClose(m.simple_annual_churn!, 0.800545183696654, { rel: 1e-12 });
    // Everyone first bought in Q1 1997: January … March cohorts only.
    expect(result.facts.filter((f) => f.id === "clv.simple" && f.dims).map((f) => f.dims!["cohort"])).toEqual(["1997-01", "1997-02", "1997-03"]);
  });

  it("checks the holdout from 1998-02-14 per calibration-frequency bucket as the reference", () => {
    // reference.py "holdout": 19.57 weeks, calibration fit r 0.26462, α 5.5619, a 0.59865, b 2.2802.
    expect(m).toMatchObject({ holdout_status: "checked", holdout_from: "1998-02-14", calibration_customers: 23570, holdout_converged: true });
    expectClose(m.holdout_weeks!, 137 / 7, { rel: 1e-15 });
    expectClose(m.holdout_r!, 0.26462109722823096, { rel: 1e-5 });
    expectClose(m.holdout_alpha!, 5.561932924334381, { rel: 1e-5 });
    const expected = [
      ["0", 12801, 0.07819701585813608, 0.08638897767828976],
      ["1", 4304, 0.2857806691449814, 0.19626404846741272],
      ["2", 2201, 0.4993184915947297, 0.3944607497003467],
      ["3", 1315, 0.6760456273764258, 0.627622435443038],
      ["4", 872, 0.9461009174311926, 0.8761874202547275],
      ["5", 540, 1.2944444444444445, 1.1254137759984426],
      ["6", 367, 1.3514986376021798, 1.33719911649005],
      ["7+", 1170, 2.7786324786324785, 2.8178363419519936],
    ] as const;
    const holdout = result.series.clv_holdout!;
    expected.forEach(([bucket, customers, actual, predicted], i) => {
      expect(holdout[i]).toMatchObject({ bucket, customers });
      expectClose(holdout[i]!["actual"] as number, actual, { rel: 1e-12 });
      expectClose(holdout[i]!["predicted"] as number, predicted, { rel: 1e-5 });
    });
    expectClose(fact(result.facts, "clv.holdout.mape"), 0.11609904817183073, { rel: 1e-5 });
  });

  it("builds the site's series: a histogram of every customer, 20 top customers, 5 bands and the P(alive) grid", () => {
    const histogram = result.series.clv_distribution!;
    expect(histogram.reduce((s, r) => s + r.customers!, 0)).toBe(23570);
    expect(histogram.at(-1)!["to"]).toBeNull();
    const top = result.series.clv_top_customers!;
    expect(top).toHaveLength(20);
    expect(top.map((r) => r.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < 20; i++) expect(top[i]!["clv_12m"] as number).toBeLessThanOrEqual(top[i - 1]!["clv_12m"] as number);
    const bands = result.series.clv_bands!;
    expect(bands.map((r) => r.customers)).toEqual([4714, 4714, 4714, 4714, 4714]);
    bands.forEach((r, b) => expectClose(r.clv_total!, fact(result.facts, "clv.expected_12m", { band: String(b + 1) })!, { rel: 1e-15 }));
    const grid = result.series.clv_p_alive!;
    expect(grid[0]).toEqual({ frequency: 0, recency_weeks: 0, p_alive: 1, customers: 23570 - 11516 });
    expect(Math.max(...grid.map((r) => r.frequency!))).toBe(20);
    expect(result.warnings).toEqual([]);
  });
});
