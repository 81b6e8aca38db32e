/**
 * The forecast analysis on small order files whose series are worked out
 * by hand, and on UCI Online Retail when it is present.
 *
 * Fixture: 10 weeks from Monday 2024-01-01; on weekday w (Monday 0) of week k
 * there are BASE[w] orders, plus one on Tuesdays of even weeks, each worth
 * 10 + k. Sundays have none, so the period (from the orders) ends on
 * Saturday 2024-03-09: 69 days.
 */
import type { Series, SeriesName, SeriesRow } from "../../src/analyses/series.ts";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { forecast, forecastAnalysis, defaultGrain } from "../../src/analyses/forecast/index.ts";
import { drivingPeriod } from "../../src/analyses/forecast/peak.ts";
import { forecastReading } from "../../src/site/forecast.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { dailySales, periodSeries, type DailySales } from "../../src/analyses/forecast/periods.ts";
import { parseConfig } from "../../src/read/config.ts";
import { ConfigSchema } from "../../src/schema/config.ts";
import type { Fact } from "../../src/schema/report.ts";
import { dayFromYmd, dayLabel } from "../../src/time/calendar.ts";
import type { PeriodFrame } from "../../src/time/period.ts";
import { dataDir, fact, reduceFor, said } from "../helpers.ts";

/** The `forecast` settings of an empty config: the schema's defaults. */
const DEFAULTS = ConfigSchema.parse({}).forecast;
const BASE = [3, 4, 5, 4, 6, 2, 0];
const START = dayFromYmd(2024, 1, 1);

function fixture(weeks: number): string {
  const rows = ["Uid,Buy Ts,Revenue"];
  let user = 0;
  for (let k = 0; k < weeks; k++) {
    for (let w = 0; w < 7; w++) {
      const count = BASE[w]! + (w === 1 && k % 2 === 0 ? 1 : 0);
      for (let i = 0; i < count; i++) rows.push(`u${user++ % 40},${dayLabel(START + 7 * k + w)} 12:00:00,${10 + k}`);
    }
  }
  return `${rows.join("\n")}\n`;
}

/** The daily sales reduction of a data folder, and its period. */
async function load(files: Record<string, string>): Promise<{ sales: DailySales; frame: PeriodFrame }> {
  const { reduced, frame } = await reduceFor(dataDir(files), parseConfig({}, "defaults"), forecastAnalysis);
  return { sales: dailySales(reduced)!, frame };
}

const rows = <N extends SeriesName>(r: { series: Series }, name: N): SeriesRow<N>[] => r.series[name] ?? [];
const ids = (facts: readonly Fact[], id: string) => facts.filter((f) => f.id === id);

describe("forecast({ sales }, { frame, config }) on 10 weeks of daily orders", async () => {
  const { sales, frame } = await load({ "orders.csv": fixture(10) });
  const result = forecast({ sales }, { frame, config: DEFAULTS });

  it("forecasts revenue and orders by day (a period under 2 years), 56 days (8 weeks) ahead by default", () => {
    expect(frame.days).toBe(69);
    const periods = ids(result.facts, "forecast.value")
      .filter((f) => f.dims!["series"] === "orders")
      .map((f) => f.dims!["period"]);
    // Sunday 2024-03-10, the day after the last, to Saturday 2024-05-04, 55 days later.
    expect(periods).toHaveLength(56);
    expect([periods[0], periods[55]]).toEqual(["2024-03-10", "2024-05-04"]);
    for (const id of ["forecast.value", "forecast.lo80", "forecast.hi80", "forecast.lo95", "forecast.hi95"]) expect(ids(result.facts, id)).toHaveLength(112);
  });

  it("backtests 13 days ahead from 4 origins, as far as 69 days have room for, and says so for each series", () => {
    // 69 − 14 values past the two seasons kept for training: ⌊55 ÷ 4⌋ = 13 steps, origins 17, 30, 43 and 56.
    const shortened = result.warnings.filter((w) => w.code === "forecast.short_backtest");
    expect(shortened.map(said)).toEqual(
      ["revenue", "orders"].map(
        (s) =>
          `${s}: the backtest forecasts 13 steps ahead from each of its 4 origins, not the 56 of the forecast: the series (69 values) has no room for more, so the model is chosen by its nearer accuracy`,
      ),
    );
  });

  it("keeps an explicit forecast.horizon: 7 days ahead, backtested 7 days ahead from 4 origins, without warnings", () => {
    const week = forecast({ sales }, { frame, config: { ...DEFAULTS, horizon: 7 } });
    expect(week.warnings).toEqual([]);
    const periods = ids(week.facts, "forecast.value")
      .filter((f) => f.dims!["series"] === "orders")
      .map((f) => f.dims!["period"]);
    expect(periods).toEqual(["2024-03-10", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15", "2024-03-16"]);
    for (const m of rows(week, "forecast_model")) expect(m).toMatchObject({ horizon: 7, origins: 4, backtest_horizon: 7 });
  });

  it("counts days without orders as 0 in the history: Sundays, and each day's orders and revenue otherwise", () => {
    const history = rows(result, "forecast_points").filter((p) => p.kind === "history");
    const orderDays = history.filter((p) => p.series === "orders");
    expect(orderDays).toHaveLength(69);
    expect(orderDays.find((p) => p.period === "2024-01-07")!["value"]).toBe(0);
    // Tuesday of week 0: 4 + 1 orders worth 10 each; Tuesday of week 1: 4 orders worth 11.
    expect(orderDays.find((p) => p.period === "2024-01-02")!["value"]).toBe(5);
    const revenueDays = history.filter((p) => p.series === "revenue");
    expect(revenueDays.find((p) => p.period === "2024-01-02")!["value"]).toBe(50);
    expect(revenueDays.find((p) => p.period === "2024-01-09")!["value"]).toBe(44);
    expect(history[0]!["lo95"]).toBeNull();
  });

  it("gives ordered intervals lo95 ≤ lo80 ≤ value ≤ hi80 ≤ hi95 for every forecast period", () => {
    for (const p of rows(result, "forecast_points").filter((p) => p.kind === "forecast")) {
      const [lo95, lo80, v, hi80, hi95] = [p.lo95, p.lo80, p.value, p.hi80, p.hi95] as [number, number, number, number, number];
      expect(lo95 <= lo80 && lo80 <= v && v <= hi80 && hi80 <= hi95).toBe(true);
    }
  });

  it("emits every candidate's backtest MASE and sMAPE and chooses the lowest MASE", () => {
    const table = rows(result, "forecast_backtest");
    for (const series of ["revenue", "orders"]) {
      const mine = table.filter((r) => r.series === series);
      expect(mine.map((r) => r.model)).toEqual(["seasonal naive", "ETS(A,Ad,A)", "ARIMA"]);
      const chosen = mine.filter((r) => r.chosen);
      expect(chosen).toHaveLength(1);
      const best = Math.min(...mine.filter((r) => r.mase !== null).map((r) => r.mase!));
      expect(chosen[0]!["mase"]).toBe(best);
      for (const r of mine) expect(fact(result.facts, "forecast.backtest.mase", { series, model: String(r.model) })).toBe(r.mase);
    }
  });

  it("describes the chosen model in one row per series, with its parameters, settings and the period driving it", () => {
    const models = rows(result, "forecast_model");
    expect(models.map((m) => m.series)).toEqual(["revenue", "orders"]);
    for (const m of models) {
      expect(m).toMatchObject({ grain: "day", season: 7, horizon: 56, history: 69, origins: 4, backtest_horizon: 13, scale: "identity", point: "mean" });
      expect(m.peak === null || /^\d{4}-\d{2}-\d{2}$/.test(m.peak)).toBe(true);
      const total = ids(result.facts, "forecast.value")
        .filter((f) => f.dims!["series"] === m.series)
        .reduce((s, f) => s + f.value!, 0);
      expect(m.total).toBeCloseTo(total, 8);
    }
  });

  it("is deterministic: the same input gives the same facts and series", () => {
    expect(forecast({ sales }, { frame, config: DEFAULTS })).toEqual(result);
  });
});

describe("forecast(…) on bad input", () => {
  it("warns and fits nothing when a series is shorter than two seasons (13 days at day grain)", async () => {
    const { sales, frame } = await load({ "orders.csv": fixture(2).split("\n").slice(0, 60).join("\n") + "\n" });
    expect(frame.days).toBeLessThan(14);
    const r = forecast({ sales }, { frame, config: DEFAULTS });
    expect(r.facts).toEqual([]);
    expect(r.series).toEqual({});
    expect(r.warnings.map((w) => w.code)).toEqual(["forecast.short", "forecast.short"]);
    expect(said(r.warnings[0]!)).toMatch(/^the revenue series has \d+ days, fewer than two seasons \(14\), so it is not forecast$/);
  });

  it("backtests a 20-day series from its one origin, the 6 days past the two seasons kept for training, and says so", async () => {
    const { sales, frame } = await load({ "orders.csv": fixture(3) });
    expect(frame.days).toBe(20);
    const r = forecast({ sales }, { frame, config: DEFAULTS });
    expect(rows(r, "forecast_model").map((m) => [m.horizon, m.origins, m.backtest_horizon])).toEqual([
      [56, 1, 6],
      [56, 1, 6],
    ]);
    expect(r.warnings.map(said)).toContain(
      "orders: the backtest forecasts 6 steps ahead from its one origin, not the 56 of the forecast: the series (20 values) has no room for more, so the model is chosen by its nearer accuracy",
    );
  });

  it("counts only complete weeks at week grain and warns below 104 of them", async () => {
    const { sales, frame } = await load({ "orders.csv": fixture(10) });
    const config = ConfigSchema.parse({ forecast: { grain: "week" } }).forecast;
    const r = forecast({ sales }, { frame, config });
    // Monday 2024-01-01 … Saturday 2024-03-09: the 10th week lacks its Sunday.
    expect(said(r.warnings[0]!)).toBe("the revenue series has 9 weeks, fewer than two seasons (104), so it is not forecast");
  });
});

describe("periodSeries(sales, frame, grain) and defaultGrain(days)", async () => {
  const { sales, frame } = await load({ "orders.csv": fixture(10) });

  it("sums complete ISO weeks (labelled by their Monday) and complete months", () => {
    const weeks = periodSeries(sales, frame, "week");
    expect(weeks.labels).toHaveLength(9);
    expect(weeks.labels[0]).toBe("2024-01-01");
    // Week 0: 24 + 1 orders at 10; week 1: 24 orders at 11.
    expect(Array.from(weeks.orders.slice(0, 2))).toEqual([25, 24]);
    expect(Array.from(weeks.revenue.slice(0, 2))).toEqual([250, 264]);
    const months = periodSeries(sales, frame, "month");
    expect(months.labels).toEqual(["2024-01", "2024-02"]);
  });

  it("picks day under 2 years (730.5 days), week under 5 years, month above", () => {
    expect(defaultGrain(730)).toBe("day");
    expect(defaultGrain(731)).toBe("week");
    expect(defaultGrain(1826)).toBe("week");
    expect(defaultGrain(1827)).toBe("month");
  });
});

describe("drivingPeriod(periods) and forecastReading(model, fmt)", () => {
  const fmt = makeFormatter("en-US", "USD");
  const model = { grain: "month" as const, horizon: 3, total: 1.2e6, total_lo95: 1.1e6, total_hi95: 1.3e6, point: "mean" as const, peak: null };

  it("reads the quarter's total ± half its 95% interval and the month that drives it", () => {
    const periods = [
      { label: "2024-10", value: 300e3 },
      { label: "2024-11", value: 350e3 },
      { label: "2024-12", value: 550e3 },
    ];
    // 550k ≥ 1.25 × the mean 400k = 500k.
    expect(drivingPeriod(periods)).toBe("2024-12");
    expect(forecastReading({ ...model, peak: "2024-12" }, fmt)).toBe("next quarter: 1.2M ± 0.1M, driven by December seasonality");
  });

  it("names the weekday or ISO week of the peak, says when the point is a median, and leaves the clause out when no period stands out", () => {
    const days = ["2024-03-10", "2024-03-11", "2024-03-12"].map((label, i) => ({ label, value: [10, 10, 40][i]! }));
    expect(drivingPeriod(days)).toBe("2024-03-12");
    expect(forecastReading({ ...model, grain: "day", horizon: 3, total: 60, total_lo95: 40, total_hi95: 80, point: "median", peak: "2024-03-12" }, fmt)).toBe(
      "next 3 days: 60.0 (median) ± 20.0, driven by Tuesday seasonality",
    );
    const weeks = ["2024-12-16", "2024-12-23"].map((label, i) => ({ label, value: [100, 300][i]! }));
    expect(drivingPeriod(weeks)).toBe("2024-12-23");
    expect(forecastReading({ ...model, grain: "week", horizon: 2, total: 400e3, total_lo95: 350e3, total_hi95: 450e3, peak: "2024-12-23" }, fmt)).toBe(
      "next 2 weeks: 400k ± 50k, driven by week 52 seasonality",
    );
    const flat = [1, 2, 3].map((i) => ({ label: `2024-0${i}`, value: 100 }));
    expect(drivingPeriod(flat)).toBeNull();
    expect(drivingPeriod([{ label: "2024-01", value: 5 }])).toBeNull();
    expect(forecastReading({ ...model, total: 300, total_lo95: 290, total_hi95: 310 }, fmt)).toBe("next quarter: 300 ± 10");
  });

  it("follows the report's locale, with the currency where the locale puts it for revenue", () => {
    expect(forecastReading({ ...model, peak: "2024-12" }, makeFormatter("de-DE", "EUR"))).toBe("next quarter: 1,2M ± 0,1M, driven by December seasonality");
    expect(forecastReading({ ...model, peak: "2024-12" }, makeFormatter("de-DE", "EUR"), true)).toBe(
      "next quarter: 1,2M\u00a0€ ± 0,1M\u00a0€, driven by December seasonality",
    );
    expect(forecastReading(model, fmt, true)).toBe("next quarter: $1.2M ± $0.1M");
  });
});

const RETAIL = new URL("../../../shared/data/online-retail/online_retail.csv.gz", import.meta.url).pathname;
const retailPresent = existsSync(RETAIL);
if (!retailPresent) console.warn(`skipping the Online Retail forecast test: ${RETAIL} is absent`);

describe.skipIf(!retailPresent)("forecast(…) on UCI Online Retail (online_retail.csv.gz)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "romi-forecast-"));
  if (retailPresent) symlinkSync(RETAIL, join(dir, "online_retail.csv.gz"));
  const config = parseConfig({}, "defaults");
  const data = retailPresent ? await reduceFor(dir, config, forecastAnalysis) : null;
  const result = data ? forecast({ sales: dailySales(data.reduced)! }, { frame: data.frame, config: config.forecast }) : null;

  it("forecasts 8 weeks of daily revenue and orders (374 days, no orders on Saturdays, so no multiplicative or log model)", () => {
    const r = result!;
    expect(r.warnings).toEqual([]);
    const models = rows(r, "forecast_model");
    expect(models.map((m) => [m.series, m.grain, m.history, m.horizon])).toEqual([
      ["revenue", "day", 374, 56],
      ["orders", "day", 374, 56],
    ]);
    const backtest = rows(r, "forecast_backtest");
    expect(new Set(backtest.map((b) => b.model))).toEqual(new Set(["seasonal naive", "ETS(A,Ad,A)", "ARIMA"]));
    expect(ids(r.facts, "forecast.value")).toHaveLength(112);
    // Saturdays: the forecast for Saturday 2011-12-10 is near 0 for the orders.
    expect(Math.abs(fact(r.facts, "forecast.value", { series: "orders", period: "2011-12-10" })!)).toBeLessThan(5);
  });
});
