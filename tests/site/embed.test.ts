/** romi's components for a team's own pages: facts, tiles, charts and recommendations, checked against the catalogue at build time. */
import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/schema/report.ts";
import { embeds } from "../../src/site/embed.ts";
import type { Chart, RecommendationView } from "../../src/site/views.ts";
import { report } from "./report.ts";

const fact = (id: string, value: number | null, unit: Fact["unit"], dims?: Record<string, string>): Fact => ({ id, value, unit, ...(dims ? { dims } : {}) });
const chart = (id: string): Chart => ({ id, title: id, subtitle: "", description: "", svgWide: "<svg/>", svgNarrow: "<svg/>" });
const rec = (key: Record<string, string>): RecommendationView => ({
  subject: Object.values(key).join(" "),
  key,
  action: "keep",
  rule: "r",
  ruleName: "R",
  why: "",
  confidence: "high",
  numbers: [],
});

const r = report({ facts: [fact("cac", 5.37, "currency"), fact("romi", 1.2831, "ratio"), fact("cac", null, "currency", { cohort: "2024-06" })] });
const e = embeds(r, new Map([["ltv-by-cohort", chart("ltv-by-cohort")]]), [
  rec({ source: "3" }),
  rec({ segment: "Loyal" }),
  rec({ campaign: "CMP-1" }),
  rec({ source: "4" }),
]);

describe("embeds(report, charts, recommendations)", () => {
  it("formats a fact in its catalogue unit, or the one asked for, and labels it from the catalogue", () => {
    expect(e.fact("/notes/", "cac")).toEqual({ label: "CAC", value: "$5.37", missing: null });
    expect(e.fact("/notes/", "romi")).toEqual({ label: "ROMI", value: "1.28", missing: null });
    expect(e.fact("/notes/", "romi", {}, "share").value).toBe("128.3%");
    expect(e.kpi("/notes/", "cac", {}, "all sources")).toEqual({ label: "CAC", value: "$5.37", hint: "all sources", missing: null });
  });

  it("shows n/a, and says why for a warning, when the report has no value: null, or no such fact", () => {
    expect(e.fact("/notes/", "cac", { cohort: "2024-06" })).toEqual({
      label: "CAC by cohort",
      value: "n/a",
      missing: "cac{cohort=2024-06} is unknown in this report",
    });
    expect(e.fact("/notes/", "cac", { cohort: "2030-01" }).missing).toBe("cac{cohort=2030-01} is not in this report");
  });

  it("fails on an unknown metric or dims, naming the page and the id", () => {
    expect(() => e.fact("/notes/", "cacc")).toThrow('romi: /notes/: unknown metric id "cacc" (the metrics are listed in docs/metrics.md)');
    expect(() => e.fact("/notes/", "cac", { region: "north" })).toThrow(/^romi: \/notes\/: cac has no dims \{region\}: its metrics are cac, cac\{cohort\}/);
  });

  it("finds a chart by id, and fails on one the report does not have, listing those it has", () => {
    expect(e.chart("/notes/", "ltv-by-cohort").id).toBe("ltv-by-cohort");
    expect(() => e.chart("/notes/", "ltv")).toThrow('romi: /notes/: no chart "ltv" in this report (its charts: ltv-by-cohort)');
  });

  it("keeps the recommendations of one kind, in order, and fails on an unknown kind", () => {
    expect(e.recommendations("/notes/", "channel").map((x) => x.key)).toEqual([{ source: "3" }, { source: "4" }]);
    expect(e.recommendations("/notes/", "segment")).toHaveLength(1);
    expect(e.recommendations("/notes/", "clv")).toEqual([]);
    expect(() => e.recommendations("/notes/", "source")).toThrow('romi: /notes/: unknown subject "source" (expected channel, segment, campaign, clv)');
  });
});
