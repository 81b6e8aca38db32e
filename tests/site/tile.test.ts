import { describe, expect, it } from "vitest";
import { METRICS } from "../../src/analyses/catalogue.ts";
import { FactIndex } from "../../src/facts/index.ts";
import type { Fact } from "../../src/schema/report.ts";
import { siteContext } from "../../src/site/context.ts";
import { kpiTile } from "../../src/site/tile.ts";
import { versionsModel } from "../../src/site/versions.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { report } from "./report.ts";

const fmt = makeFormatter("en-US", "USD");
const facts = new FactIndex([
  { id: "conversion.rate", value: 0.0412, unit: "share", better: "up" },
  { id: "conversion.rate", dims: { source: "search" }, value: 0.05, unit: "share", better: "up" },
  { id: "cost", dims: { source: "search" }, value: 310, unit: "currency" },
  { id: "romi", value: 1.234, unit: "ratio", better: "up" },
  { id: "campaign.spend", dims: { dataset: "a.csv" }, value: 12000, unit: "currency" },
]);

describe("kpiTile(facts, fmt, id, hint, dims)", () => {
  it("takes the label and unit from the metric's catalogue entry: a share as a percent, a ROMI as a number", () => {
    expect(kpiTile(facts, fmt, "conversion.rate", "visitors who bought")).toEqual({ label: "Conversion rate", value: "4.1%", hint: "visitors who bought" });
    expect(kpiTile(facts, fmt, "romi", "revenue × margin ÷ cost")).toEqual({ label: "ROMI", value: "1.23", hint: "revenue × margin ÷ cost" });
  });

  it("uses the tile label where the catalogue gives one (the source is the page's), and finds a metric with a dataset dim", () => {
    expect(kpiTile(facts, fmt, "cost", "", { source: "search" })).toEqual({ label: "Cost", value: "$310.00", hint: "" });
    expect(kpiTile(facts, fmt, "conversion.rate", "", { source: "search" })?.label).toBe("Conversion rate");
    expect(kpiTile(facts, fmt, "campaign.spend", "all campaigns", { dataset: "a.csv" })).toEqual({
      label: "Campaign spend",
      value: "$12,000",
      hint: "all campaigns",
    });
  });

  it("is null without the fact, and throws for an id and dims no metric has", () => {
    expect(kpiTile(facts, fmt, "cac", "")).toBeNull();
    expect(() => kpiTile(facts, fmt, "romi", "", { region: "north" })).toThrow("unknown metric: romi{region=north}");
  });
});

describe("tiles on the pages", () => {
  it("are labelled as the catalogue labels their metric", () => {
    const site = siteContext(report({ facts: [{ id: "dau", value: 605, unit: "users", better: "up" }] }), []);
    const overview = site.pieces.kpi("dau", "mean daily active users");
    expect(overview).toEqual({ label: "DAU", value: "605", hint: "mean daily active users" });
  });

  it("read an archived snapshot's share written as a ratio as a percent", () => {
    const old: Fact[] = [{ id: "conversion.rate", value: 0.172, unit: "ratio", better: "up" }];
    const { list } = versionsModel(report({}), [{ ...report({ facts: old }), version: { id: "aaaaaaaaaaaa", label: "2025-03" } }]);
    expect(list[0]!.headlines).toEqual([{ label: "Conversion rate", value: "17.2%", hint: "" }]);
  });

  it("keeps every tile label shorter than the label it stands for", () => {
    for (const m of METRICS) if (m.tile) expect(m.tile.length, m.id).toBeLessThan(m.label.length);
  });
});
