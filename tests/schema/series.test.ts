/**
 * The typed contract of `series`: the report schema takes only the series
 * and fields the analyses declare, tsc rejects a renamed field in a
 * fixture, and `upgradeReport` reads a schema-1 archive (flags as 1/0,
 * lists as joined text) as today's report.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import { REPORT_SCHEMA_VERSION, ReportSchema } from "../../src/schema/report.ts";
import { upgradeReport } from "../../src/schema/upgrade.ts";
import { report, row } from "../site/report.ts";

const source = row("budget_sources", { source: "search", status: "fitted", locked: true, beyond_seen: false });

describe("ReportSchema.series", () => {
  it("takes each analysis's rows as they are declared", () => {
    expect(ReportSchema.safeParse(report({ series: { budget_sources: [source] } })).success).toBe(true);
  });

  it("rejects a series no analysis declares, a field a row does not have, and a flag written as 1/0", () => {
    const doc = (series: unknown) => ({ ...report({}), series });
    expect(ReportSchema.safeParse(doc({ budget_source: [] })).success).toBe(false);
    expect(ReportSchema.safeParse(doc({ budget_sources: [{ ...source, spend_now: 1 }] })).success).toBe(false);
    expect(ReportSchema.safeParse(doc({ budget_sources: [{ ...source, locked: 1 }] })).success).toBe(false);
  });

  it("is checked by tsc: a renamed series or field in a fixture does not compile", () => {
    // @ts-expect-error: there is no series budget_source (it is budget_sources).
    const misnamed = report({ series: { budget_source: [source] } });
    // @ts-expect-error: a budget source row has no field spend_now.
    const renamed: SeriesRow<"budget_sources"> = { ...source, spend_now: 1 };
    // @ts-expect-error: locked is a boolean, not 1/0.
    const flag: SeriesRow<"budget_sources"> = { ...source, locked: 1 };
    expect([misnamed, renamed, flag]).toHaveLength(3);
  });
});

describe("upgradeReport(raw)", () => {
  const v1 = {
    ...report({}),
    schema: 1,
    facts: [{ id: "revenue", value: 100, unit: "currency" }],
    series: {
      // Schema 1 wrote flags as 1/0 …
      forecast_backtest: [{ series: "orders", model: "ARIMA", mase: 0.8, smape: 0.1, mape: 0.12, chosen: 1, failures: 0, unconverged: 0 }],
      // … and lists as joined text, which today's rows hold as lists.
      basket_method: [
        {
          baskets: 5,
          items: 6,
          min_support: 0.4,
          chosen_by: "config",
          min_count: 2,
          tried: "0.4: 9",
          itemsets: 9,
          max_size: 3,
          min_confidence: 0.5,
          min_lift: 1,
          rules: 4,
        },
      ],
    },
  };

  it("reads a schema-1 report as today's: flags become booleans, a series it cannot read is dropped, the facts are kept", () => {
    const read = upgradeReport(v1);
    if (!("report" in read)) throw new Error(read.error);
    expect(read.report.schema).toBe(REPORT_SCHEMA_VERSION);
    expect(read.report.series.forecast_backtest![0]!.chosen).toBe(true);
    expect(read.report.series.basket_method).toBeUndefined();
    expect(read.dropped).toEqual(["basket_method"]);
    expect(read.report.facts).toEqual(v1.facts);
  });

  it("reads a schema-2 report's recommendations as today's: no sentence, empty limits and findings, the plan's channel and reach only", () => {
    const v2 = {
      ...report({}),
      schema: 2,
      recommendations: [
        {
          subject: { segment: "Loyal" },
          action: "retain",
          rule: "segment.best",
          why: "Spend 420.0 each …",
          numbers: { "segments.size": 120 },
          confidence: "medium",
          importance: 50400,
          plan: { kpi: "churn rate", direction: "down", initiatives: ["loyalty tier"], channel: "app", format: "in-app banner", reach: 0.84 },
        },
      ],
    };
    const read = upgradeReport(v2);
    if (!("report" in read)) throw new Error(read.error);
    expect(read.report.recommendations).toEqual([
      {
        subject: { segment: "Loyal" },
        action: "retain",
        rule: "segment.best",
        numbers: { "segments.size": 120 },
        limits: {},
        findings: [],
        confidence: "medium",
        importance: 50400,
        plan: { direction: "down", channel: "app", reach: 0.84 },
      },
    ]);
  });

  it("reads a schema-2 report written before the share unit, its shares as ratios, unchanged", () => {
    const facts = [{ id: "retention", dims: { cohort: "2024-06", age: "1" }, value: 0.12, unit: "ratio", better: "up" }];
    const read = upgradeReport({ ...report({}), schema: 2, facts });
    if (!("report" in read)) throw new Error(read.error);
    expect(read.report.facts).toEqual(facts);
    expect(read.dropped).toEqual([]);
  });

  it("reads a schema-3 report's warnings, which carried their sentence, as archived warnings with that sentence and their dims", () => {
    const warnings = [
      { code: "source-without-cost", dims: { source: "referral" }, message: "source referral: 830 buyer(s) but no cost rows, so CAC and ROMI are unknown" },
      { code: "experiments.assignment", message: "{mismatched} of the {rows} rows ({other})", values: { mismatched: 80, rows: 24080 } },
    ];
    const read = upgradeReport({ ...report({}), schema: 3, warnings });
    if (!("report" in read)) throw new Error(read.error);
    expect(read.report.warnings).toEqual([
      { code: "archived", dims: { source: "referral" }, values: { text: "source referral: 830 buyer(s) but no cost rows, so CAC and ROMI are unknown" } },
      { code: "archived", values: { text: "80 of the 24080 rows ({other})" } },
    ]);
  });

  it("refuses a schema-4 warning whose code no analysis declares, or whose values do not match its code", () => {
    expect(ReportSchema.safeParse(report({ warnings: [{ code: "budget.short", values: { weeks: 10, needed: 12 } }] })).success).toBe(true);
    expect(ReportSchema.safeParse({ ...report({}), warnings: [{ code: "budget.shorter", values: {} }] }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...report({}), warnings: [{ code: "budget.short", values: { weeks: 10 } }] }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...report({}), warnings: [{ code: "budget.short", message: "old", values: { weeks: 10, needed: 12 } }] }).success).toBe(
      false,
    );
    // @ts-expect-error: budget.short carries weeks and needed, not a sentence.
    expect(report({ warnings: [{ code: "budget.short", values: { weeks: 10, needed: 12, message: "x" } }] })).toBeDefined();
  });

  it("drops a series whose name is no series, even one spelled like an Object property", () => {
    const read = upgradeReport({ ...v1, series: { constructor: [{ a: 1 }], toString: [] } });
    if (!("report" in read)) throw new Error(read.error);
    expect(read.dropped).toEqual(["constructor", "toString"]);
  });

  it("reads every archived snapshot of the demo", () => {
    for (const label of ["2025-03", "2025-04"]) {
      const read = upgradeReport(JSON.parse(readFileSync(new URL(`../../content/versions/${label}.json`, import.meta.url), "utf8")));
      expect("report" in read && read.report.version.label).toBe(label);
    }
  });

  it("refuses a newer schema, a document that is not a report, and a broken fact, naming what is wrong", () => {
    expect(upgradeReport({ ...v1, schema: 99 })).toEqual({ error: `unknown metrics.json schema version 99 (this romi reads 1 to ${REPORT_SCHEMA_VERSION})` });
    expect(upgradeReport([])).toEqual({ error: "not a romi metrics.json (no schema or facts)" });
    expect(upgradeReport({ ...v1, facts: [{ id: "revenue", value: "100", unit: "currency" }] })).toMatchObject({
      error: expect.stringContaining("facts.0.value"),
    });
  });
});
