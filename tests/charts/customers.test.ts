/**
 * The RFM grid: every cell named by its segment, on a phone too, with its
 * text black or white by the colour of its step.
 */
import { describe, expect, it } from "vitest";
import type { ChartContext } from "../../src/charts/common.ts";
import { rfmGrid } from "../../src/charts/customers.ts";
import { renderChart } from "../../src/charts/render.ts";
import { NARROW, WIDE, textOnSteps } from "../../src/charts/theme.ts";
import { FactIndex } from "../../src/facts/index.ts";
import type { Report } from "../../src/schema/report.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { report } from "../site/report.ts";

const context = (r: Report): ChartContext => ({ report: r, facts: new FactIndex(r.facts), format: makeFormatter("en-US", "USD") });
/** Each text of the grid's cells, its lines joined by "|". */
const cellTexts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/g)].map((m) => [...m[1]!.matchAll(/>([^<]*)<\/tspan>/g)].map((t) => t[1]).join("|"));

describe("rfmGrid(ctx)", () => {
  const r = report({
    series: {
      rfm_grid: [
        { r: 2, f: 1, segment: "Hibernating", customers: 144, revenue: 0 },
        { r: 5, f: 2, segment: "Potential loyalist", customers: 110, revenue: 0 },
        { r: 5, f: 5, segment: "Champions", customers: 202, revenue: 0 },
        { r: 1, f: 5, segment: "Can't lose", customers: 70, revenue: 0 },
      ],
    },
  });
  const spec = rfmGrid(context(r))!;

  it("names each cell's segment on a phone in lines short enough for its column, hyphenating a long word", () => {
    expect(cellTexts(renderChart(spec, NARROW))).toEqual(["Hiber-|nating|144", "Potential|loyalist|110", "Cham-|pions|202", "Can't|lose|70"]);
    expect(cellTexts(renderChart(spec, WIDE))).toEqual(["Hibernating|144", "Potential loyalist|110", "Champions|202", "Can't lose|70"]);
  });

  it("writes black on the lighter half of the colour steps and white on the darker", () => {
    // Counts 70 … 202 in 6 steps: thresholds 80, 100, … 200, 8 colours; 110 is the 3rd (dark), 144 the 5th (light).
    const fills = [...renderChart(spec, WIDE).matchAll(/<text[^>]*fill="(black|white)"/g)].map((m) => m[1]);
    expect(fills).toEqual(["black", "white", "black", "white"]);
  });
});

describe("textOnSteps(values, n)", () => {
  it("gives one text colour per colour step, black from the middle step up", () => {
    const ink = textOnSteps([70, 202], 6);
    // Steps at 80, 100, 120, 140, 160, 180, 200: 120–140 is the 4th of 8 (darker half), 140–160 the 5th.
    expect([70, 110, 135, 139, 140, 141, 202].map(ink)).toEqual(["white", "white", "white", "white", "black", "black", "black"]);
  });
});
