/**
 * Chart specs of the Basket page. Pure: series in, specs out.
 */
import * as Plot from "@observablehq/plot";
import { series, truncate, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";
import { SEQUENTIAL } from "./theme.ts";

export function rulesScatter({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "basket_rules").map((r) => ({
    rule: r.rule,
    antecedent_labels: r.antecedent_labels.join(" + "),
    consequent_labels: r.consequent_labels.join(" + "),
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
  }));
  if (data.length === 0) return null;
  return {
    id: "basket-rules-scatter",
    title: "Rules: support against confidence",
    subtitle:
      "Each dot is a rule A ⇒ C: how often A and C are bought together (support) and how often buyers of A also buy C (confidence); darker is a higher lift.",
    description: "A scatter of the association rules, support on x and confidence on y, coloured by lift.",
    data,
    plot: () => ({
      height: 320,
      x: { label: "Support (% of baskets)", percent: true, grid: true },
      // With percent, the domain is in percent too.
      y: { label: "Confidence (%)", percent: true, grid: true, domain: [0, 100] },
      // Quantized: a continuous legend needs a canvas, which the SSR renderer has not.
      color: { type: "quantize", n: 6, scheme: SEQUENTIAL, reverse: true, legend: true, label: "Lift" },
      marks: [
        Plot.dot(data, {
          x: "support",
          y: "confidence",
          fill: "lift",
          r: 3.5,
          title: (d) =>
            `${truncate(String(d.antecedent_labels), 60)} ⇒ ${truncate(String(d.consequent_labels), 60)}\nsupport ${format.percent(d.support)}, confidence ${format.percent(d.confidence)}, lift ${format.number(d.lift, 1)}`,
        }),
      ],
    }),
  };
}
