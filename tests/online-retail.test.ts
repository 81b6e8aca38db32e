/**
 * Customer analytics on the real UCI Online Retail order lines
 * (../shared/data/online-retail/online_retail.csv.gz, the file alone),
 * against the independent pandas reference tests/reference/customers_reference.py.
 * Skipped when the file or Debian's python3-pandas is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEngine } from "../src/engine.ts";
import type { Fact } from "../src/schema/report.ts";
import { fact } from "./helpers.ts";

const FILE = new URL("../../shared/data/online-retail/online_retail.csv.gz", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";
const present = existsSync(FILE);
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import pandas"]).status === 0;
if (!present) console.warn(`skipping Online Retail tests: ${FILE} is absent`);
else if (!hasPandas) console.warn("skipping the Online Retail reference comparison: /usr/bin/python3 with pandas is not installed");

describe.skipIf(!present)("romi metrics on UCI Online Retail (online_retail.csv.gz alone)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "romi-or-"));
  if (present) symlinkSync(FILE, join(dir, "online_retail.csv.gz"));
  const run = present ? await runEngine({ dataDir: dir, configPath: null }) : null;
  const r = run?.report;
  const ref =
    present && hasPandas
      ? JSON.parse(
          spawnSync(PYTHON, [new URL("./reference/customers_reference.py", import.meta.url).pathname, FILE], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout,
        )
      : null;

  it("accounts for all 541,909 lines: cancellations, non-positive prices, missing ids and duplicates rejected (SOURCE.md row count)", () => {
    expect(run!.errors).toEqual([]);
    const d = r!.datasets[0]!;
    expect(d.rows).toBe(541_909);
    const reasons = Object.fromEntries(d.rejected.map((x) => [x.reason, x.count]));
    expect(d.used + Object.values(reasons).reduce((a, b) => a + b, 0)).toBe(541_909);
    if (ref) {
      expect(d.used).toBe(ref.rows.used);
      for (const reason of ["cancellation", "non-positive price", "missing id", "duplicate"]) expect(reasons[reason]).toBe(ref.rows[reason]);
    }
  });

  it("takes the period 2010-12-01 … 2011-12-09 from orders, with December 2011 in the totals but not in the monthly tables", () => {
    expect(r!.period).toMatchObject({ from: "2010-12-01", to: "2011-12-09", activity: "orders" });
    expect(r!.period!.completeMonths).toEqual([
      "2010-12",
      "2011-01",
      "2011-02",
      "2011-03",
      "2011-04",
      "2011-05",
      "2011-06",
      "2011-07",
      "2011-08",
      "2011-09",
      "2011-10",
      "2011-11",
    ]);
    expect(() => fact(r!.facts, "retention.buyers", { cohort: "2011-12", age: "0" })).toThrow();
  });

  it.skipIf(!hasPandas)("matches the pandas reference on every cohort cell and RFM segment", () => {
    const key = (f: { id: string; dims?: Record<string, string> | undefined }): string => `${f.id}${JSON.stringify(Object.entries(f.dims ?? {}).sort())}`;
    const mine = new Map(r!.facts.map((f: Fact) => [key(f), f.value]));
    const problems: string[] = [];
    for (const f of ref.facts as { id: string; dims: Record<string, string>; value: number }[]) {
      const v = mine.get(key(f));
      if (v === undefined || v === null || Math.abs(v - f.value) > 1e-9 * Math.max(1, Math.abs(f.value)))
        problems.push(`${key(f)}: romi ${v}, pandas ${f.value}`);
    }
    expect(problems).toEqual([]);
    expect(ref.facts.length).toBeGreaterThan(150);
  });

  it("segments about 4,300 customers with k chosen by silhouette among k ≥ 3, and tests 3–5 hypotheses", () => {
    const k = fact(r!.facts, "segments.k")!;
    const sil = (kk: number): number => fact(r!.facts, "segments.silhouette", { k: String(kk) })!;
    for (let kk = 3; kk <= 8; kk++) expect(sil(k)).toBeGreaterThanOrEqual(sil(kk));
    const sizes = r!.facts.filter((f) => f.id === "segments.size").map((f) => f.value!);
    expect(sizes).toHaveLength(k);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(fact(r!.facts, "buyers"));
    const hyps = r!.series["hypotheses"]!;
    expect(hyps.length).toBeGreaterThanOrEqual(3);
    expect(hyps.length).toBeLessThanOrEqual(5);
    expect(r!.recommendations.filter((x) => x.plan)).toHaveLength(k);
  });

  it("finds the basket rules through the engine: 18,402 baskets and 3,659 products (tests/reference/basket_reference.py), min support 0.015 with 467 itemsets", () => {
    expect(fact(r!.facts, "basket.baskets")).toBe(18_402);
    expect(fact(r!.facts, "basket.items")).toBe(3_659);
    expect(fact(r!.facts, "basket.min_support")).toBe(0.015);
    expect(fact(r!.facts, "basket.rules")).toBe(199);
    // A ⇒ C and C ⇒ A have exactly equal lift.
    expect(fact(r!.facts, "basket.rule.lift", { rule: "22577=>22578" })).toBe(fact(r!.facts, "basket.rule.lift", { rule: "22578=>22577" }));
  });
});
