/**
 * Customer analytics from orders (or order lines), with a customers file
 * and category names when present: cohorts, RFM, k-means segments and
 * hypothesis tests. Runs whenever there are orders.
 */
import type { Table } from "../../read/table.ts";
import type { Config } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import type { PeriodFrame } from "../../time/period.ts";
import { FactSink } from "../../facts/sink.ts";
import { type Series, type SeriesRow } from "../series.ts";
import { attributeReductions, customerAttributes } from "./attributes.ts";
import { baseReductions, customerBase, modalCountry } from "./base.ts";
import { CUSTOMER_METRICS } from "./catalogue.ts";
import { categorySpend } from "./categories.ts";
import { buyerCohorts, registrationCohorts, registrationReductions } from "./cohorts.ts";
import { generateHypotheses, hypotheses } from "./hypotheses.ts";
import { rfm, rfmSegment } from "./rfm.ts";
import { EXACT_UP_TO, SAMPLE, SAMPLED_STARTS, segments, STARTS } from "./segments.ts";
import { joinReductions, merged, periodOf, type Analysis, type ResultTable } from "../analysis.ts";

export interface CustomersInput {
  /**
   * The orders reduced per customer, month, country and category
   * (`baseReductions`), the customers files' rows of those customers and
   * their other columns' values (`attributeReductions`), and the
   * registration cohorts (`registrationReductions`).
   */
  readonly reduced: Readonly<Record<string, ResultTable>>;
  readonly categories: Table | null;
}

export interface CustomersContext {
  readonly frame: PeriodFrame;
  readonly categoryLabels: readonly string[];
  /** The free-text dictionary (cities, genders, category names, attributes). */
  readonly text: readonly string[];
  readonly config: Pick<Config, "segments" | "hypotheses">;
}

export interface CustomersResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
  /** A customer's RFM segment and k-means segment, by user dictionary index (none for users without orders). */
  readonly segmentsOf: (user: number) => readonly string[];
}

export function customers(input: CustomersInput, ctx: CustomersContext): CustomersResult {
  const sink = new FactSink(CUSTOMER_METRICS);
  const warnings: Warning[] = [];
  const series: Series = {};
  const { frame } = ctx;
  const base = customerBase(input.reduced, frame);
  const attributes = customerAttributes(base, modalCountry(input.reduced, base, ctx.text), input.reduced, ctx.text);
  if (base.n === 0) return { facts: sink.facts, warnings, series, segmentsOf: () => [] };

  buyerCohorts(base, frame, sink);
  registrationCohorts(input.reduced, frame, sink);

  const scored = rfm(base, frame.range.to, sink);
  const grid = new Map<string, { customers: number; revenue: number }>();
  for (let i = 0; i < base.n; i++) {
    const key = `${scored.r[i]},${scored.f[i]}`;
    const cell = grid.get(key) ?? { customers: 0, revenue: 0 };
    cell.customers++;
    cell.revenue += base.revenue[i]!;
    grid.set(key, cell);
  }
  const gridRows: SeriesRow<"rfm_grid">[] = [];
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const cell = grid.get(`${r},${f}`) ?? { customers: 0, revenue: 0 };
      gridRows.push({ r, f, segment: rfmSegment(r, f), customers: cell.customers, revenue: cell.revenue });
    }
  }
  series.rfm_grid = gridRows;

  const spend = categorySpend(input.reduced, base, ctx.categoryLabels, input.categories, ctx.text);
  const segmented = segments(base, scored.recency, attributes, spend, ctx.config.segments, sink);
  if (segmented) {
    series.segment_profiles = segmented.profiles;
    series.segment_points = segmented.points;
    series.segment_method = [
      {
        features: [...segmented.features],
        k: segmented.k,
        chosen_by: ctx.config.segments.k !== undefined ? "config" : "silhouette",
        starts: base.n > EXACT_UP_TO ? SAMPLED_STARTS : STARTS,
        customers: base.n,
        sample: base.n > EXACT_UP_TO ? SAMPLE : base.n,
      },
    ];
    for (const { feature, customers } of segmented.imputed) warnings.push({ code: "customers.imputed", values: { feature, customers } });
  }

  const data = {
    base,
    recency: scored.recency,
    attributes,
    segment: segmented ? Array.from(segmented.labels, (s) => segmented.names[s]!) : null,
    rfm: scored.segment,
    midDay: frame.range.from + Math.floor(frame.days / 2),
  };
  const configured = ctx.config.hypotheses;
  series.hypotheses = configured ? hypotheses(configured, data, sink) : hypotheses(generateHypotheses(data), data, sink, true);
  // What later analyses read of a customer, without holding on to the rest of the base.
  const { customerOf } = base;
  const rfmSegments = scored.segment;
  const segment = data.segment;
  const segmentsOf = (user: number): readonly string[] => {
    const i = customerOf(user);
    if (i < 0) return [];
    return segment ? [rfmSegments[i]!, segment[i]!] : [rfmSegments[i]!];
  };
  return { facts: sink.facts, warnings, series, segmentsOf };
}

export { CUSTOMER_METRICS } from "./catalogue.ts";

/** Customers in the registry: it needs orders, and lends each customer's segments to later analyses. */
export const customersAnalysis: Analysis = {
  name: "customers",
  rows: ["categories"],
  requires: ["orders"],
  period: true,
  uses: [],
  provides: ["segments"],
  reductions: (sources) => joinReductions(baseReductions(sources), attributeReductions(sources), registrationReductions(sources)),
  run: (input) => {
    const result = customers(
      { reduced: input.reduced, categories: merged(input, "categories") },
      {
        frame: periodOf(input),
        categoryLabels: input.dicts.category.labels,
        text: input.dicts.label.labels,
        config: input.config,
      },
    );
    return { facts: result.facts, warnings: result.warnings, series: result.series, outputs: { segments: result.segmentsOf } };
  },
};
