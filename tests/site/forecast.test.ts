/**
 * The Forecast page model from small hand-made reports: left out without a
 * forecast, a page of warnings when no series could be forecast, and per
 * series the reading with its totals (missing ones as n/a), the chosen model
 * in words, the backtest table of that series only, the charts and their
 * CSVs.
 */
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import type { Report } from "../../src/schema/report.ts";
import { siteContext } from "../../src/site/context.ts";
import { forecastPage } from "../../src/site/forecast.ts";
import { buildSite } from "../../src/site/model.ts";
import { MISSING } from "../../src/words/format.ts";
import { report, row } from "./report.ts";

const revenueModel = row("forecast_model", {
  series: "revenue",
  model: "ETS(A,N,A)",
  family: "ets",
  parameters: [
    { name: "alpha", value: 0.123456 },
    { name: "gamma", value: 0.00012346 },
  ],
  sigma2: 1234.56789,
  aicc: 456.78,
  scale: "identity",
  point: "mean",
  grain: "week",
  season: 52,
  horizon: 12,
  history: 104,
  origins: 4,
  backtest_horizon: 12,
  converged: true,
  total: 45678.9,
  total_lo80: 40000,
  total_hi80: 51357.8,
  total_lo95: 37000.25,
  total_hi95: 54321,
  peak: "2025-12-22",
});

// Fitted on the log scale, not converged, without AICc or totals.
const ordersModel = row("forecast_model", {
  series: "orders",
  model: "ARIMA(1,0,1)(0,1,1)[7]",
  family: "arima",
  sigma2: 0.0123,
  scale: "log",
  point: "median",
  grain: "day",
  season: 7,
  horizon: 28,
  history: 1096,
  origins: 4,
  backtest_horizon: 7,
  converged: false,
});

const backtest = (
  series: SeriesRow<"forecast_backtest">["series"],
  model: string,
  o: Partial<SeriesRow<"forecast_backtest">>,
): SeriesRow<"forecast_backtest"> => row("forecast_backtest", { series, model, ...o });

const point = (series: "revenue" | "orders", period: string, kind: "history" | "forecast", value: number): SeriesRow<"forecast_points"> =>
  kind === "history"
    ? row("forecast_points", { series, period, kind, value })
    : { series, period, kind, value, lo80: value * 0.9, hi80: value * 1.1, lo95: value * 0.8, hi95: value * 1.2 };

const full = (): Report =>
  report({
    series: {
      forecast_model: [revenueModel, ordersModel],
      forecast_backtest: [
        backtest("revenue", "ets", { mase: 0.8123, smape: 0.1, mape: 0.12345, chosen: true }),
        backtest("orders", "arima", { mase: 0.9, smape: 0.2, mape: 0.25, chosen: true }),
        backtest("revenue", "seasonal naive", { mase: 1, smape: 0.15, mape: null, failures: 1 }),
      ],
      forecast_points: [
        point("revenue", "2025-03-03", "history", 3500),
        point("revenue", "2025-03-10", "history", 3700),
        point("revenue", "2025-03-17", "forecast", 3800),
        point("orders", "2025-03-16", "history", 40),
        point("orders", "2025-03-17", "forecast", 41),
      ],
    },
    warnings: [
      { code: "forecast.backtest_unconverged", values: { model: "ETS(A,Ad,A)", unconverged: 1, origins: 4 }, dims: { series: "orders" } },
      { code: "budget.no_curve", values: {} },
    ],
  });

describe("forecastPage(site)", () => {
  // Built once (its charts rendered once) and only read by the tests below.
  const fullSite = siteContext(full(), []);
  const fullPage = forecastPage(fullSite)!;

  it("is null, and Forecast is not in the navigation, without a forecast or a forecast warning", () => {
    const site = buildSite(report({ warnings: [{ code: "clv.numeric", values: { skipped: "clv" } }] }));
    expect(site.sections.forecast).toBeNull();
    expect(site.nav.map((n) => n.slug)).not.toContain("forecast");
  });

  it("is a page of warnings only when no series could be forecast", () => {
    const short = "the revenue series has 10 weeks, fewer than two seasons (104), so it is not forecast";
    const site = buildSite(report({ warnings: [{ code: "forecast.short", values: { values: 10, needed: 104, grain: "week" }, dims: { series: "revenue" } }] }));
    expect(site.sections.forecast).toEqual({ kpis: [], charts: [], sections: [], warnings: [short] });
    expect(site.nav.map((n) => n.slug)).toContain("forecast");
  });

  it("reads each series' total over the horizon with its 80% and 95% intervals, in money for revenue", () => {
    const [revenue, orders] = fullPage.sections;
    expect(revenue!.series).toBe("revenue");
    expect(revenue!.reading).toBe(
      // 45,678.9 ± (54,321 − 37,000.25) ÷ 2 = 8,660.4 in thousands; 2025-12-22 is the Monday of ISO week 52.
      "Revenue, next 12 weeks: $45.7k ± $8.7k, driven by week 52 seasonality. Total over the next 12 weeks: $45,678.90 (80%: $40,000.00 – $51,357.80; 95%: $37,000.25 – $54,321.00).",
    );
    // Unknown totals are missing, never 0.
    expect(orders!.reading).toBe(
      `Orders, next 28 days: ${MISSING}. Total over the next 28 days: ${MISSING} (80%: ${MISSING} – ${MISSING}; 95%: ${MISSING} – ${MISSING}).`,
    );
  });

  it("states the chosen model with its parameters and σ² to 4 significant digits, its fit and its backtest", () => {
    const [revenue, orders] = fullPage.sections;
    expect(revenue!.model).toBe(
      "ETS(A,N,A) with alpha = 0.1235, gamma = 0.0001235; σ² 1,235, AICc 456.8; fitted on 104 weeks. Backtest: 4 rolling origins, 12 weeks ahead each.",
    );
    expect(orders!.model).toBe(
      "ARIMA(1,0,1)(0,1,1)[7]; σ² 0.0123; fitted on 1,096 days on the log scale, so the point forecast is the median; the optimiser did not converge. Backtest: 4 rolling origins, 7 days ahead each.",
    );
  });

  it("says there was no backtest, and shows no backtest table, for a series too short for one", () => {
    const short = { ...revenueModel, model: "seasonal naive[52]", family: "snaive", parameters: [], aicc: null, origins: 0, backtest_horizon: 0 };
    const page = forecastPage(
      siteContext(report({ series: { forecast_model: [short], forecast_backtest: [backtest("revenue", "seasonal naive", { chosen: true })] } }), []),
    )!;
    expect(page.sections[0]!.backtest).toBeNull();
    expect(page.sections[0]!.model).toMatch(
      /\. No backtest: the series is too short for one \(two seasons are kept for training\), so seasonal naive is used\.$/,
    );
  });

  it("tabulates each series' own backtest rows in their order, marking the chosen model and a missing error as n/a", () => {
    const [revenue, orders] = fullPage.sections;
    expect(revenue!.backtest!.id).toBe("forecast-backtest-revenue");
    expect(revenue!.backtest!.columns).toEqual(["model", "MASE", "sMAPE", "MAPE", "chosen", "failed origins"]);
    expect(revenue!.backtest!.rows).toEqual([
      ["ets", "0.812", "10%", "12.3%", "yes", "0"],
      ["seasonal naive", "1", "15%", MISSING, "", "1"],
    ]);
    expect(orders!.backtest!.rows).toEqual([["arima", "0.9", "20%", "25%", "yes", "0"]]);
  });

  it("draws revenue then orders, keeps the series' warnings, and registers a CSV per chart and backtest table", () => {
    expect(fullPage.kpis).toEqual([]);
    expect(fullPage.charts.map((c) => c.id)).toEqual(["forecast-revenue", "forecast-orders"]);
    expect(fullPage.warnings).toEqual(["orders: ETS(A,Ad,A): the optimiser did not converge at 1 of 4 backtest origins"]);
    expect([...fullSite.downloads.keys()].sort()).toEqual(["forecast-backtest-orders", "forecast-backtest-revenue", "forecast-orders", "forecast-revenue"]);
  });

  it("keeps a series' reading and backtest without its points, and draws no chart for it", () => {
    const r = full();
    r.series.forecast_points = r.series.forecast_points!.filter((p) => p.series === "revenue");
    const page = forecastPage(siteContext(r, []))!;
    expect(page.charts.map((c) => c.id)).toEqual(["forecast-revenue"]);
    expect(page.sections.map((s) => s.series)).toEqual(["revenue", "orders"]);
  });
});
