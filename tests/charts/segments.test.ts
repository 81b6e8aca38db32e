/**
 * A k-means segment keeps its colour from chart to chart: every chart that
 * colours by segment takes the profiles' order as its colour domain.
 */
import { describe, expect, it } from "vitest";
import { bandSegments } from "../../src/charts/clv.ts";
import type { ChartContext } from "../../src/charts/common.ts";
import { segmentScatter } from "../../src/charts/customers.ts";
import { FactIndex } from "../../src/facts/index.ts";
import type { Report } from "../../src/schema/report.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { report, row } from "../site/report.ts";

const context = (r: Report): ChartContext => ({ report: r, facts: new FactIndex(r.facts), format: makeFormatter("en-US", "USD") });
const domain = (plot: unknown): unknown => (plot as { color: { domain: unknown } }).color.domain;

describe("segment colours", () => {
  it("are the same on the Customers scatter and the CLV band mix, whichever segment a chart meets first", () => {
    const r = report({
      series: {
        segment_profiles: [row("segment_profiles", { segment: "Loyal" }), row("segment_profiles", { segment: "One-timers" })],
        segment_points: [
          { segment: "One-timers", recency_days: 200, orders: 1, revenue: 20 },
          { segment: "Loyal", recency_days: 10, orders: 5, revenue: 300 },
        ],
        // The band mix lists One-timers first, as the lowest band does.
        clv_band_segments: [
          { band: "1", segment: "One-timers", customers: 80, share: 0.8 },
          { band: "1", segment: "Loyal", customers: 20, share: 0.2 },
        ],
      },
    });
    const scatter = segmentScatter(context(r))!.plot(800);
    const mix = bandSegments(context(r))!.plot(800);
    expect(domain(scatter)).toEqual(["Loyal", "One-timers"]);
    expect(domain(mix)).toEqual(["Loyal", "One-timers"]);
  });
});
