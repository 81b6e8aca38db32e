import { describe, expect, it } from "vitest";
import * as charts from "../../src/charts/funnel.ts";
import { renderChart } from "../../src/charts/render.ts";
import { NARROW, OTHER, WIDE } from "../../src/charts/theme.ts";
import { topCategories, topNWithOther } from "../../src/charts/top.ts";
import { runEngine } from "../../src/engine.ts";
import { FactIndex } from "../../src/facts/index.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { dataDir, lines } from "../helpers.ts";

describe("topNWithOther(rows, key, value, by, n)", () => {
  it("keeps the n largest categories and sums the rest into other per bucket", () => {
    const rows = [
      { week: "w1", source: "a", cost: 10 },
      { week: "w1", source: "b", cost: 1 },
      { week: "w1", source: "c", cost: 2 },
      { week: "w2", source: "a", cost: 10 },
      { week: "w2", source: "b", cost: 3 },
      { week: "w2", source: "c", cost: 1 },
    ];
    // Totals: a 20, b 4, c 3 → top 1 is a; b + c per week: w1 3, w2 4.
    expect(topNWithOther(rows, "source", "cost", ["week"], 1)).toEqual([
      { week: "w1", source: "a", cost: 10 },
      { week: "w2", source: "a", cost: 10 },
      { week: "w1", source: OTHER, cost: 3 },
      { week: "w2", source: OTHER, cost: 4 },
    ]);
  });

  it("leaves rows alone when at most n + 1 categories exist (an other of one is no help)", () => {
    const rows = [
      { source: "a", cost: 1 },
      { source: "b", cost: 2 },
    ];
    expect(topNWithOther(rows, "source", "cost", [], 1)).toEqual(rows);
  });

  it("topCategories() breaks ties by label", () => {
    expect(
      topCategories(
        new Map([
          ["b", 1],
          ["a", 1],
          ["c", 5],
        ]),
        2,
      ),
    ).toEqual(["c", "a"]);
  });
});

describe("funnel chart specs", async () => {
  const visits = lines(
    "Uid,Start Ts,End Ts,Source Id,Device",
    "1,2024-01-01 10:00,2024-01-01 10:03,<b>x</b>,desktop",
    "2,2024-02-03 10:00,2024-02-03 10:01,b,touch",
  );
  const orders = lines("Uid,Buy Ts,Revenue", "1,2024-01-01 11:00,10", "2,2024-02-03 11:00,20");
  const costs = lines("dt,source_id,costs", "2024-01-01,<b>x</b>,5", "2024-02-01,b,40");
  const full = (await runEngine({ dataDir: dataDir({ "visits.csv": visits, "orders.csv": orders, "costs.csv": costs }), configPath: null })).report!;
  const ordersOnly = (await runEngine({ dataDir: dataDir({ "orders.csv": orders }), configPath: null })).report!;
  const ctx = (report: typeof full): charts.ChartContext => ({ report, facts: new FactIndex(report.facts), format: makeFormatter("en-US", "USD") });

  it("return null when their data is absent", () => {
    for (const chart of [
      charts.activeUsers,
      charts.sessionLength,
      charts.retention,
      charts.spendBySource,
      charts.cacBySource,
      charts.romiBySourceAge,
      charts.ltvVsCac,
    ]) {
      expect(chart(ctx(ordersOnly))).toBeNull();
    }
    expect(charts.ltvHeatmap(ctx(ordersOnly))).not.toBeNull();
  });

  it("ltvVsCac() plots revenue per buyer after margin against CAC per source", () => {
    const spec = charts.ltvVsCac(ctx(full))!;
    // Source b: cost 40, one buyer with revenue 20; source <b>x</b>: cost 5, one buyer with 10.
    expect(spec.data).toEqual([
      { source: "b", cost: 40, buyers: 1, cac: 40, romi: 0.5, ltv: 20 },
      { source: "<b>x</b>", cost: 5, buyers: 1, cac: 5, romi: 2, ltv: 10 },
    ]);
  });

  it("renderChart() gives an accessible SVG with tooltips, and escapes labels", () => {
    const spec = charts.cacBySource(ctx(full))!;
    for (const width of [WIDE, NARROW]) {
      const svg = renderChart(spec, width);
      expect(svg).toMatch(/^<svg[^>]* aria-label="Customer acquisition cost by source"/);
      expect(svg).toContain(`aria-description="${spec.description}"`);
      expect(svg).toContain("<title>&lt;b&gt;x&lt;/b&gt;: $5.00 per buyer (1 buyers)</title>");
      expect(svg).not.toContain("<b>");
      expect(svg).toContain(`width="${width}"`);
    }
  });
});

describe("makeFormatter(locale, currency)", () => {
  it("formats money, ratios, shares and durations, and shows missing values as n/a", () => {
    const f = makeFormatter("en-US", "EUR");
    expect(f(1234.5, "currency")).toBe("€1,234.50");
    expect(f(123456, "currency")).toBe("€123,456");
    expect(f(null, "currency")).toBe("n/a");
    expect(f(undefined, "ratio")).toBe("n/a");
    expect(f(0, "ratio")).toBe("0");
    expect(f(300, "seconds")).toBe("5 min");
    expect(f.percent(0.1234)).toBe("12.3%");
    expect(f(0.1234, "share")).toBe("12.3%");
    expect(f(1.05, "share")).toBe("105%");
    expect(f(null, "share")).toBe("n/a");
    expect(makeFormatter("de-DE", "EUR")(0.1234, "share")).toBe("12,3\u00a0%");
    expect(makeFormatter("de-DE", "EUR")(1234.5, "currency")).toBe("1.234,50\u00a0€"); // a no-break space, as Intl writes it
  });

  it("writes negatives with the minus sign (U+2212), and no sign on a value that rounds to zero", () => {
    const f = makeFormatter("en-US", "USD");
    expect([f.money(-29.47), f.percent(-0.3, 0), f.number(-1234.5, 1), f.compact(-1200), f.money(-0.001)]).toEqual([
      "\u2212$29.47",
      "\u221230%",
      "\u22121,234.5",
      "\u22121.2K",
      "$0.00",
    ]);
    expect(makeFormatter("de-DE", "EUR").money(-300)).toBe("\u2212300,00\u00a0€");
  });
});

describe("truncate(label, n)", () => {
  it("cuts long labels with an ellipsis and leaves short ones", () => {
    expect(charts.truncate("partner-5-with-a-long-name", 10)).toBe("partner-5…");
    expect(charts.truncate("search", 10)).toBe("search");
  });
});
