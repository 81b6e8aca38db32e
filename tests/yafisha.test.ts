/**
 * Facts of the real Y.Afisha orders and costs (../shared/data/yafisha),
 * against the figures its SOURCE.md states and pandas' reference
 * (tests/reference/funnel_reference.py). Skipped when the folder is absent.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runEngine } from "../src/engine.ts";
import { fact } from "./helpers.ts";

const DIR = new URL("../../shared/data/yafisha", import.meta.url).pathname;
const present = existsSync(DIR);
if (!present) console.warn(`skipping Y.Afisha tests: ${DIR} is absent`);

describe.skipIf(!present)("romi metrics on ../shared/data/yafisha", async () => {
  const run = present ? await runEngine({ dataDir: DIR, configPath: null }) : null;
  const r = run?.report;

  it("reads every row of both files (SOURCE.md: 50,415 orders, 2,542 cost rows)", () => {
    expect(run!.errors).toEqual([]);
    expect(r!.datasets.map((d) => [d.kind, d.rows, d.used])).toEqual([
      ["orders", 50_415, 50_415],
      ["costs", 2_542, 2_542],
    ]);
  });

  it("matches the totals of SOURCE.md", () => {
    expect(fact(r!.facts, "orders.count")).toBe(50_415);
    expect(fact(r!.facts, "buyers")).toBe(36_523);
    expect(fact(r!.facts, "revenue")).toBeCloseTo(252_057.2, 6);
    expect(fact(r!.facts, "cost")).toBeCloseTo(329_131.62, 6);
    expect(fact(r!.facts, "cost", { source: "3" })).toBeCloseTo(141_321.63, 6);
    expect(fact(r!.facts, "cost", { source: "9" })).toBeCloseTo(5_517.49, 6);
  });

  it("takes the period from orders when there are no visits, with the 2018-06-01 order inside", () => {
    expect(r!.period).toMatchObject({ from: "2017-06-01", to: "2018-06-01", activity: "orders" });
    expect(r!.period!.completeMonths).toHaveLength(12);
  });

  it("matches pandas on cohort sizes, LTV, CAC and ROMI", () => {
    // From tests/reference/funnel_reference.py, cross-checked with awk.
    expect(fact(r!.facts, "cohort.size", { cohort: "2017-06" })).toBe(2023);
    expect(fact(r!.facts, "cohort.size", { cohort: "2018-05" })).toBe(2988);
    expect(fact(r!.facts, "cac", { cohort: "2017-06" })).toBeCloseTo(8.905091, 6);
    expect(fact(r!.facts, "ltv", { cohort: "2017-06", age: "11" })).toBeCloseTo(11.879234, 6);
    expect(fact(r!.facts, "romi", { cohort: "2017-06", age: "6" })).toBeCloseTo(1.045528, 6);
    expect(fact(r!.facts, "romi", { cohort: "2017-09", age: "5" })).toBeCloseTo(1.303422, 6);
  });

  it("emits no visit or per-source funnel metric without a session log", () => {
    expect(r!.facts.filter((f) => ["dau", "retention", "conversion.rate", "payback.months"].includes(f.id))).toEqual([]);
  });
});
