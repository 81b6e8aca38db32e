import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { metricsDoc } from "../../src/docs/metrics.ts";
import type { MetricDef } from "../../src/facts/metric.ts";

const def = (d: Partial<MetricDef> & Pick<MetricDef, "id">): MetricDef => ({
  section: "sales",
  label: "L",
  unit: "count",
  dims: [],
  formula: "f",
  empty: "e",
  ...d,
});

describe("metricsDoc(metrics)", () => {
  it("is the committed docs/metrics.md", () => {
    const committed = readFileSync(new URL("../../docs/metrics.md", import.meta.url), "utf8");
    expect(committed === metricsDoc(), "docs/metrics.md differs from the metric catalogues: run `npm run docs` and commit it").toBe(true);
  });

  it("lists each metric under its section, in the site's order, with its dims, unit, direction, label, formula and empty policy", () => {
    const doc = metricsDoc([
      def({ id: "revenue", label: "Revenue by source", unit: "currency", better: "up", dims: ["source"], formula: "Σ revenue", empty: "without orders" }),
      def({ id: "retention", section: "product", label: "Retention", unit: "share", dims: ["cohort", "age"] }),
    ]);
    expect(doc).toContain(
      [
        "### `revenue{source}`: Revenue by source",
        "",
        "- **Unit:** currency, higher is better",
        "- **Dims:** source",
        "- **Formula:** Σ revenue",
        "- **Empty:** without orders",
        "",
      ].join("\n"),
    );
    expect(doc.indexOf("## Product")).toBeLessThan(doc.indexOf("## Sales"));
    expect(doc).toContain("Sections: [Product](#product) · [Sales](#sales).");
    expect(doc).not.toContain("## Marketing");
    expect(doc).toContain("| share | a fraction shown as a percent");
  });

  it("documents once the neighbours that differ only in their dims, and says when a dataset dim is added", () => {
    const kpi = { id: "campaign.spend", section: "campaigns", perDataset: true } as const;
    const doc = metricsDoc([def({ ...kpi, dims: [] }), def({ ...kpi, dims: ["channel"] }), def({ ...kpi, dims: ["channel", "segment"] })]);
    expect(doc.match(/^### /gm)).toHaveLength(1);
    expect(doc).toContain("### `campaign.spend`: L\n");
    expect(doc).toContain("- **Dims:** none; channel; channel, segment (a metric each); and `dataset`, last, when a folder holds several files of its kind\n");
  });

  it("escapes what would turn a formula into markup, and leaves a config key's underscores as they are", () => {
    const doc = metricsDoc([def({ id: "x", formula: "x*ₜ = xₜ + θ·x*ₜ₋₁ with basket.min_lift, <b>, _y_ and [a](b)" })]);
    expect(doc).toContain("- **Formula:** x\\*ₜ = xₜ + θ·x\\*ₜ₋₁ with basket.min_lift, \\<b>, \\_y\\_ and [a\\](b)\n");
  });
});
