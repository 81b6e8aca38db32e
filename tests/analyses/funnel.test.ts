/**
 * The funnel metrics on a tiny data set whose every value is worked out by
 * hand below. Period (from visits): 2024-01-01 … 2024-03-03, 63 days;
 * complete months January and February; 2024-01-01 is a Monday and
 * 2024-03-03 a Sunday, so 9 complete ISO weeks.
 */
import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/engine.ts";
import type { Report } from "../../src/schema/report.ts";
import { dataDir, fact, hasFact, lines } from "../helpers.ts";

const VISITS = lines(
  "Uid,Start Ts,End Ts,Source Id,Device",
  "a,2024-01-01 10:00:00,2024-01-01 10:05:00,s1,desktop", // 300 s
  "a,2024-01-01 12:00:00,2024-01-01 12:01:00,s2,touch", // 60 s
  "b,2024-01-01 09:00:00,2024-01-01 09:00:00,s2,touch", // 0 s
  "a,2024-02-10 08:00:00,2024-02-10 08:05:00,s2,desktop", // 300 s, Saturday of the week of Feb 5
  "c,2024-02-05 10:00:00,2024-02-05 10:01:00,s1,touch", // 60 s
  "c,2024-02-05 10:00:00,2024-02-05 10:02:00,s0,touch", // 120 s; same start: first touch is "s0" < "s1"
  "d,2024-03-03 23:00:00,,s1,desktop", // no end: no length; March is partial
  "a,2024-01-01 10:00:00,2024-01-01 10:05:00,s1,desktop", // duplicate of line 2
);
const ORDERS = lines(
  "Uid,Buy Ts,Revenue",
  "a,2024-01-01 12:30:00,10.00",
  "a,2024-02-10 09:00:00,5.50",
  "c,2024-02-07 00:00:00,20",
  "e,2024-01-15 10:00:00,8", // a buyer without sessions
  "a,2024-03-02 10:00:00,4", // partial month: in the totals, not in cohort tables
  "c,2024-02-07 00:00:00,20", // identical row: a second purchase, kept
  "f,2024-03-04 10:00:00,100", // after the period
  "g,2024-03-01 10:00:00,-3", // negative revenue
);
const COSTS = lines(
  "dt,source_id,costs",
  "2024-01-01,s1,10",
  "2024-01-15,s2,6",
  "2024-01-15,s2,6", // identical spend line, kept
  "2024-02-01,s1,3",
  "2024-02-01,s2,0",
  "2024-03-01,s1,2",
  "2024-03-05,s1,50", // after the period
  "2023-12-31,s2,1", // before the period
);

async function report(files: Record<string, string>): Promise<Report> {
  const run = await runEngine({ dataDir: dataDir(files), configPath: null });
  expect(run.errors).toEqual([]);
  return run.report!;
}

describe("funnel(visits, orders, costs) on a hand-computed fixture", async () => {
  const r = await runEngine({ dataDir: dataDir({ "visits.csv": VISITS, "orders.csv": ORDERS, "costs.csv": COSTS }), configPath: null });
  const facts = r.report!.facts;

  it("sets the period from visits and names its complete months and weeks", () => {
    expect(r.report!.period).toEqual({
      from: "2024-01-01",
      to: "2024-03-03",
      days: 63,
      activity: "visits",
      completeMonths: ["2024-01", "2024-02"],
      completeWeeks: 9,
    });
  });

  it("counts sessions, users and active users", () => {
    expect(fact(facts, "visits.sessions")).toBe(7);
    expect(fact(facts, "visits.users")).toBe(4);
    // Distinct users per day: Jan 1 {a,b}, Feb 5 {c}, Feb 10 {a}, Mar 3 {d} → 5 over 63 days.
    expect(fact(facts, "dau")).toBeCloseTo(5 / 63, 12);
    // Weeks of Jan 1 {a,b}, Feb 5 {c,a}, Feb 26 {d} → 5 over 9 weeks.
    expect(fact(facts, "wau")).toBeCloseTo(5 / 9, 12);
    // January {a,b}, February {a,c}; March is partial.
    expect(fact(facts, "mau")).toBe(2);
    expect(fact(facts, "sticky.dau_wau")).toBeCloseTo(5 / 63 / (5 / 9), 12);
    expect(fact(facts, "sticky.dau_mau")).toBeCloseTo(5 / 63 / 2, 12);
    // 3/2, 2/1, 1/1, 1/1 over the 4 days with sessions.
    expect(fact(facts, "sessions.per_user_day")).toBe(1.375);
  });

  it("summarises session length, taking the smaller length on a mode tie", () => {
    // 0, 60, 60, 120, 300, 300
    expect(fact(facts, "session.length.median_s")).toBe(90);
    expect(fact(facts, "session.length.mean_s")).toBe(140);
    expect(fact(facts, "session.length.mode_s")).toBe(60);
  });

  it("builds retention only for complete months, with 0 kept as a value", () => {
    expect(fact(facts, "retention", { cohort: "2024-01", age: "0" })).toBe(1);
    expect(fact(facts, "retention", { cohort: "2024-01", age: "1" })).toBe(0.5);
    expect(fact(facts, "retention", { cohort: "2024-02", age: "0" })).toBe(1);
    expect(() => fact(facts, "retention", { cohort: "2024-02", age: "1" })).toThrow();
    expect(() => fact(facts, "retention", { cohort: "2024-03", age: "0" })).toThrow();
  });

  it("totals orders over the whole period, keeping identical rows", () => {
    expect(fact(facts, "orders.count")).toBe(6);
    expect(fact(facts, "buyers")).toBe(3);
    expect(fact(facts, "revenue")).toBe(67.5);
    expect(fact(facts, "aov")).toBe(11.25);
  });

  it("computes cohort LTV and orders per buyer cut at the last complete month", () => {
    expect(fact(facts, "cohort.size", { cohort: "2024-01" })).toBe(2); // a, e
    expect(fact(facts, "cohort.size", { cohort: "2024-02" })).toBe(1); // c
    expect(fact(facts, "ltv", { cohort: "2024-01", age: "0" })).toBe(9); // (10 + 8) / 2
    expect(fact(facts, "ltv", { cohort: "2024-01", age: "1" })).toBe(11.75); // (18 + 5.5) / 2
    expect(fact(facts, "ltv", { cohort: "2024-02", age: "0" })).toBe(40);
    expect(() => fact(facts, "ltv", { cohort: "2024-02", age: "1" })).toThrow();
    expect(fact(facts, "ltv.mean", { age: "0" })).toBe(24.5);
    expect(fact(facts, "ltv.mean", { age: "1" })).toBe(11.75);
    expect(fact(facts, "orders.per_buyer", { cohort: "2024-01", age: "1" })).toBe(1.5);
    expect(fact(facts, "orders.per_buyer", { cohort: "2024-02", age: "0" })).toBe(2);
  });

  it("sums cost by source and month, and derives cohort CAC and ROMI", () => {
    expect(fact(facts, "cost")).toBe(27);
    expect(fact(facts, "cost", { source: "s1" })).toBe(15);
    expect(fact(facts, "cost", { source: "s2" })).toBe(12);
    expect(fact(facts, "cost", { month: "2024-01" })).toBe(22);
    expect(fact(facts, "cost", { month: "2024-02" })).toBe(3);
    expect(fact(facts, "cost", { month: "2024-03" })).toBe(2);
    expect(fact(facts, "cac")).toBe(9); // 27 ÷ 3 buyers
    expect(fact(facts, "romi")).toBe(2.5); // 67.5 ÷ 27
    expect(fact(facts, "cac", { cohort: "2024-01" })).toBe(11);
    expect(fact(facts, "cac", { cohort: "2024-02" })).toBe(3);
    expect(fact(facts, "romi", { cohort: "2024-01", age: "0" })).toBeCloseTo(9 / 11, 12);
    expect(fact(facts, "romi", { cohort: "2024-01", age: "1" })).toBeCloseTo(11.75 / 11, 12);
    expect(fact(facts, "romi", { cohort: "2024-02", age: "0" })).toBeCloseTo(40 / 3, 12);
  });

  it("attributes buyers to their first-touch source and measures the delay", () => {
    expect(fact(facts, "conversion.rate")).toBe(0.5); // a and c of a, b, c, d
    expect(fact(facts, "buyers.without_sessions")).toBe(1); // e
    expect(fact(facts, "conversion.delay.median_days")).toBe(1); // a: 0 days, c: 2 days
    expect(fact(facts, "conversion.delay.mean_days")).toBe(1);
    expect(fact(facts, "conversion.delay.median_days", { source: "s0" })).toBe(2);
    expect(fact(facts, "buyers", { source: "s1" })).toBe(1);
    expect(fact(facts, "buyers", { source: "s0" })).toBe(1);
    expect(fact(facts, "buyers", { source: "s2" })).toBe(0);
    expect(fact(facts, "revenue", { source: "s1" })).toBe(19.5); // a: 10 + 5.5 + 4
    expect(fact(facts, "revenue", { source: "s0" })).toBe(40);
    expect(fact(facts, "visits.users", { source: "s1" })).toBe(2); // a, d
    expect(fact(facts, "conversion.rate", { source: "s2" })).toBe(0); // b did not buy
  });

  it("derives CAC, ROMI and payback per source, null where the inputs are missing", () => {
    expect(fact(facts, "cac", { source: "s1" })).toBe(15);
    expect(fact(facts, "romi", { source: "s1" })).toBe(1.3);
    expect(fact(facts, "ltv", { source: "s1", age: "0" })).toBe(10);
    expect(fact(facts, "ltv", { source: "s1", age: "1" })).toBe(15.5);
    expect(fact(facts, "romi", { source: "s1", age: "1" })).toBeCloseTo(15.5 / 15, 12);
    expect(fact(facts, "payback.months", { source: "s1" })).toBe(1);
    // s0 has a buyer but no cost rows: CAC and ROMI unknown, and flagged.
    expect(fact(facts, "cac", { source: "s0" })).toBeNull();
    expect(fact(facts, "romi", { source: "s0" })).toBeNull();
    expect(fact(facts, "payback.months", { source: "s0" })).toBeNull();
    // s2 spent 12 and acquired nobody: CAC undefined, ROMI a true 0.
    expect(fact(facts, "cac", { source: "s2" })).toBeNull();
    expect(fact(facts, "romi", { source: "s2" })).toBe(0);
    expect(r.report!.warnings.filter((w) => w.code.startsWith("funnel.")).map((w) => `${w.code} ${w.dims?.["source"]}`)).toEqual([
      "funnel.no_buyers s2",
      "funnel.no_cost s0",
    ]);
  });

  it("builds the chart series: activity, session length, delay, AOV and weekly spend", () => {
    const series = r.report!.series;
    const active = series["active_users"]!;
    expect(active.filter((x) => x["metric"] === "DAU")).toHaveLength(63);
    expect(active).toContainEqual({ date: "2024-01-01", metric: "DAU", users: 2 });
    expect(active).toContainEqual({ date: "2024-02-05", metric: "WAU", users: 2 }); // c on Monday, a on Saturday
    expect(active).toContainEqual({ date: "2024-02-01", metric: "MAU", users: 2 });
    // Desktop: 300 s twice (the length-less session of d has no bin). Touch: 0, 60, 60, 120 s.
    const length = series["session_length_histogram"]!.filter((x) => Number(x["sessions"]) > 0);
    expect(length).toEqual([
      { device: "desktop", from_min: 5, to_min: 6, sessions: 2 },
      { device: "touch", from_min: 0, to_min: 1, sessions: 1 },
      { device: "touch", from_min: 1, to_min: 2, sessions: 2 },
      { device: "touch", from_min: 2, to_min: 3, sessions: 1 },
    ]);
    const delay = series["conversion_delay_histogram"]!.filter((x) => Number(x["buyers"]) > 0);
    expect(delay).toEqual([
      { source: "s1", from_days: 0, to_days: 1, buyers: 1 },
      { source: "s0", from_days: 2, to_days: 3, buyers: 1 },
    ]);
    // January: 10 + 8 over 2 orders; February: 5.5 + 20 + 20 over 3.
    expect(series["aov_monthly"]).toEqual([
      { month: "2024-01", orders: 2, revenue: 18, aov: 9 },
      { month: "2024-02", orders: 3, revenue: 45.5, aov: 45.5 / 3 },
    ]);
    const weekly = series["cost_weekly"]!.filter((x) => Number(x["cost"]) > 0);
    // 2024-02-01 is the Thursday of the week of 2024-01-29; 2024-03-01 that of 2024-02-26.
    expect(weekly).toEqual([
      { week: "2024-01-01", source: "s1", cost: 10 },
      { week: "2024-01-15", source: "s2", cost: 12 },
      { week: "2024-01-29", source: "s1", cost: 3 },
      { week: "2024-02-26", source: "s1", cost: 2 },
    ]);
  });

  it("accounts for every row", () => {
    const byName = Object.fromEntries(r.report!.datasets.map((d) => [d.name, d]));
    expect(byName["visits"]!.rejected).toEqual([{ reason: "duplicate", count: 1, examples: ["visits.csv:9"] }]);
    expect(byName["orders"]!.rejected).toEqual([
      { reason: "negative revenue", count: 1, examples: ["orders.csv:9"] },
      { reason: "outside period", count: 1, examples: ["orders.csv:8"] },
    ]);
    expect(byName["costs"]!.rejected).toEqual([{ reason: "outside period", count: 2, examples: ["costs.csv:8", "costs.csv:9"] }]);
    for (const d of r.report!.datasets) expect(d.used + d.rejected.reduce((s, x) => s + x.count, 0)).toBe(d.rows);
  });

  it("applies the margin to LTV and ROMI but not to revenue", async () => {
    const dir = dataDir({ "visits.csv": VISITS, "orders.csv": ORDERS, "costs.csv": COSTS, "report.yaml": "margin: 0.5\n" });
    const half = (await runEngine({ dataDir: dir, configPath: `${dir}/report.yaml` })).report!.facts;
    expect(fact(half, "revenue")).toBe(67.5);
    expect(fact(half, "ltv", { cohort: "2024-01", age: "0" })).toBe(4.5);
    expect(fact(half, "romi", { source: "s1" })).toBe(0.65);
  });
});

describe("funnel() emits only what its inputs allow", () => {
  it("without visits: no product or per-source metrics, period from orders", async () => {
    const r = await report({ "orders.csv": ORDERS, "costs.csv": COSTS });
    expect(r.period?.activity).toBe("orders");
    expect(r.period?.to).toBe("2024-03-04"); // the order of f is now inside
    for (const id of ["dau", "wau", "mau", "retention", "conversion.rate", "payback.months", "session.length.mean_s"]) expect(hasFact(r.facts, id)).toBe(false);
    expect(r.facts.some((f) => f.dims?.["source"] !== undefined && f.id !== "cost")).toBe(false);
  });

  it("without orders: no sales metrics", async () => {
    const r = await report({ "visits.csv": VISITS });
    for (const id of ["revenue", "buyers", "ltv", "cac", "romi", "conversion.rate"]) expect(hasFact(r.facts, id)).toBe(false);
    expect(fact(r.facts, "visits.sessions")).toBe(7);
  });

  it("without session ends: no session length", async () => {
    const r = await report({ "visits.csv": lines("user_id,session_start,source", "1,2024-01-01 10:00,x", "2,2024-01-02 10:00,y") });
    expect(hasFact(r.facts, "session.length.median_s")).toBe(false);
    expect(hasFact(r.facts, "wau")).toBe(false); // two days: no complete week
    expect(hasFact(r.facts, "mau")).toBe(false);
    expect(fact(r.facts, "dau")).toBe(1);
  });

  it("with an empty visits file: zero sessions, no averages invented", async () => {
    const r = await runEngine({ dataDir: dataDir({ "visits.csv": "Uid,Start Ts\n", "orders.csv": ORDERS }), configPath: null });
    // Visits exist but have no rows, so the period (from visits) cannot be set.
    expect(r.report).toBeNull();
    expect(r.errors.join()).toMatch(/visits has no valid rows/);
  });
});

describe("session length in a timezone with daylight saving", () => {
  it("measures sessions between instants: 20 minutes across the spring gap and in the repeated autumn hour", async () => {
    const visits = lines(
      "Uid,Start Ts,End Ts",
      // Berlin, 2024-03-31: 02:00 does not exist (clocks go from 02:00 to 03:00), so 01:50 → 03:10 is 20 minutes.
      "a,2024-03-31 01:50:00,2024-03-31 03:10:00",
      // 2024-10-27: 02:00–03:00 happens twice; both ends are read as the first time, so 01:50 → 02:10 is 20 minutes.
      "b,2024-10-27 01:50:00,2024-10-27 02:10:00",
      // An ordinary day: 10 minutes.
      "c,2024-06-01 10:00:00,2024-06-01 10:10:00",
    );
    const dir = dataDir({ "visits.csv": visits, "report.yaml": "timezone: Europe/Berlin\n" });
    const facts = (await runEngine({ dataDir: dir, configPath: `${dir}/report.yaml` })).report!.facts;
    expect(fact(facts, "session.length.median_s")).toBe(1200);
    expect(fact(facts, "session.length.mean_s")).toBe((1200 + 1200 + 600) / 3);
    expect(fact(facts, "session.length.mode_s")).toBe(1200);
  });
});
