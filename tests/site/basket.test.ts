/**
 * The Basket page model on a small order-lines fixture: the rules table in
 * three orderings, conviction ∞ shown as ∞, cross-sell sentences, and every
 * chart of the page renders.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderChart } from "../../src/charts/render.ts";
import { rulesScatter } from "../../src/charts/basket.ts";
import { WIDE } from "../../src/charts/theme.ts";
import { runEngine } from "../../src/engine.ts";
import { FactIndex } from "../../src/facts/index.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { buildSite } from "../../src/site/model.ts";
import { dataDir, lines } from "../helpers.ts";

// 10 orders: MUG in 1–6, SAUCER in 1–4 (always with MUG: conviction ∞), CARD in 5–10, POST everywhere (excluded).
const rows = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"];
for (let o = 1; o <= 10; o++) {
  const day = `2024-01-${String(o).padStart(2, "0")} 10:00:00`;
  const line = (code: string, desc: string): string => `${1000 + o},${code},${desc},1,${day},2.5,c${o},France`;
  if (o <= 6) rows.push(line("MUG", "TEA MUG"));
  if (o <= 4) rows.push(line("SAUCER", "SAUCER"));
  if (o >= 5) rows.push(line("CARD", "GREETING CARD"));
  rows.push(line("POST", "POSTAGE"));
}

describe("buildSite(report).sections.basket", async () => {
  const run = await runEngine({ dataDir: dataDir({ "lines.csv": lines(...rows) }), configPath: null });
  const report = run.report!;
  const page = buildSite(report).sections.basket!;

  it("shows the rules in three orderings, with conviction ∞ for a rule whose confidence is 1", () => {
    expect(page.orderings.map((o) => o.title)).toEqual(["by lift", "by confidence", "by support"]);
    const byLift = page.orderings[0]!.table;
    // SAUCER ⇒ MUG: 4 of 4 baskets, support 0.4, lift 4·10/(4·6) = 1.67, leverage 0.4 − 0.4·0.6 = 0.16, conviction ∞.
    const saucer = byLift.rows.find((r) => r[0] === "SAUCER")!;
    expect(saucer.slice(1, 7)).toEqual(["TEA MUG", "40%", "100%", "1.7", "0.16", "∞"]);
    expect(byLift.rows.some((r) => r.includes("POSTAGE"))).toBe(false);
  });

  it("says each cross-sell offer in a sentence with its reach", () => {
    expect(page.offers[0]!.sentence).toBe("customers who buy SAUCER buy TEA MUG 100% of the time, 1.7× more often than average");
    expect(page.offers[0]!.numbers).toContain("reach 4 baskets");
  });

  it("renders the support × confidence scatter", () => {
    const spec = rulesScatter({ report, facts: new FactIndex(report.facts), format: makeFormatter("en-US", "USD") })!;
    expect(renderChart(spec, WIDE)).toContain("<circle");
  });
});

describe("basket.segments", () => {
  // One order per customer c1…c10, on day o. RFM with n = 10: R by −recency (c1 oldest … c10 newest) gives
  // c1,c2 → 1, c3,c4 → 2, c5,c6 → 3, c7,c8 → 4, c9,c10 → 5; F ties go by id (c1 < c10 < c2 < … < c9):
  // c1,c10 → 1, c2,c3 → 2, c4,c5 → 3, c6,c7 → 4, c8,c9 → 5. So c9 (R5 F5) is the only Champion and
  // c6 (R3 F4), c7 (R4 F4), c8 (R4 F5) are Loyal.
  async function baskets(segments: string): Promise<number | null> {
    const dir = dataDir({ "lines.csv": lines(...rows) });
    const cfg = join(mkdtempSync(join(tmpdir(), "romi-cfg-")), "report.yaml");
    writeFileSync(cfg, `basket:\n  segments: [${segments}]\n`);
    const run = await runEngine({ dataDir: dir, configPath: cfg });
    return run.report!.facts.find((f) => f.id === "basket.baskets")!.value;
  }

  it("keeps only the baskets of customers in the named RFM or k-means segments", async () => {
    expect(await baskets("Champions")).toBe(1);
    expect(await baskets("Loyal")).toBe(3);
    expect(await baskets("Champions, Loyal")).toBe(4);
  });
});
