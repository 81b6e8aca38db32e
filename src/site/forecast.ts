/**
 * The Forecast page as data: per series the reading, the chart, the chosen
 * model and the backtest table.
 */
import type { SiteContext } from "./context.ts";
import { forecastChart } from "../charts/forecast.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { ChartPage, Table } from "./views.ts";
import type { SeriesRow } from "../analyses/series.ts";
import { dayFromYmd } from "../time/calendar.ts";
import type { Formatter } from "../words/format.ts";
import { warningText } from "../words/warnings.ts";

export interface ForecastSection {
  readonly series: string;
  readonly reading: string;
  readonly model: string;
  /** The backtest's table; null when the series was too short for one. */
  readonly backtest: Table | null;
}

export interface ForecastPage extends ChartPage {
  readonly sections: readonly ForecastSection[];
  readonly warnings: readonly string[];
}

/** null without a forecast; a page of warnings only when every series was too short or failed. */
export function forecastPage({ report, fmt, charts: ctx, pieces }: SiteContext): ForecastPage | null {
  const models = report.series.forecast_model ?? [];
  const warnings = report.warnings.filter((w) => w.code.startsWith("forecast.")).map((w) => warningText(w, fmt));
  if (models.length === 0 && warnings.length === 0) return null;
  const backtest = report.series.forecast_backtest ?? [];
  const count = (v: number): string => fmt.number(v, 0);
  const sections = models.map((m) => {
    const name = m.series;
    const show = (v: number | null): string => (name === "revenue" ? fmt.money(v) : fmt.number(v, 0));
    const parameters = m.parameters.map((p) => `${p.name} = ${fmt.significant(p.value, 4)}`).join(", ");
    return {
      series: name,
      reading: `${name[0]!.toUpperCase()}${name.slice(1)}, ${forecastReading(m, fmt, name === "revenue")}. Total over the next ${count(m.horizon)} ${m.grain}s: ${show(m.total)} (80%: ${show(m.total_lo80)} – ${show(m.total_hi80)}; 95%: ${show(m.total_lo95)} – ${show(m.total_hi95)}).`,
      model: `${m.model}${parameters ? ` with ${parameters}` : ""}; σ² ${fmt.significant(m.sigma2, 4)}${m.aicc === null ? "" : `, AICc ${fmt.number(m.aicc, 1)}`}; fitted on ${count(m.history)} ${m.grain}s${m.scale === "log" ? " on the log scale, so the point forecast is the median" : ""}${m.converged ? "" : "; the optimiser did not converge"}. ${m.origins === 0 ? "No backtest: the series is too short for one (two seasons are kept for training), so seasonal naive is used." : `Backtest: ${count(m.origins)} rolling origin${m.origins === 1 ? "" : "s"}, ${count(m.backtest_horizon)} ${m.grain}s ahead each.`}`,
      backtest:
        m.origins === 0
          ? null
          : pieces.table({
              id: `forecast-backtest-${name}`,
              caption: `Backtest of the ${name} models (lower is better; MASE first)`,
              columns: ["model", "MASE", "sMAPE", "MAPE", "chosen", "failed origins"],
              numeric: [false, true, true, true, false, true],
              rows: backtest
                .filter((b) => b.series === name)
                .map((b) => [b.model, fmt.number(b.mase, 3), fmt.percent(b.smape), fmt.percent(b.mape), b.chosen ? "yes" : "", fmt.number(b.failures, 0)]),
            }),
    };
  });
  const charts = [forecastChart(ctx, "revenue"), forecastChart(ctx, "orders")].filter((c): c is ChartSpec => c !== null);
  const base = pieces.page([], charts) ?? { kpis: [], charts: [] };
  return { ...base, sections, warnings };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/**
 * The one-line reading of a forecast: `<horizon>: <total> ± <half the 95%
 * interval of the total>[, driven by <season> seasonality]`, numbers in
 * k/M/B with one decimal (none when the total is 100 or more of its unit).
 * The clause names the season (month, weekday or ISO week) of the period
 * the analysis found driving the horizon; " (median)" follows the total when
 * the point forecast is a median. With `money`, the numbers carry the
 * currency ("$1.2M ± $0.1M").
 * @example forecastReading({ grain: "month", horizon: 3, total: 1.2e6, total_lo95: 1.1e6, total_hi95: 1.3e6, point: "mean", peak: "2024-12", … }, fmt); // => "next quarter: 1.2M ± 0.1M, driven by December seasonality"
 */
export function forecastReading(
  m: Pick<SeriesRow<"forecast_model">, "grain" | "horizon" | "total" | "total_lo95" | "total_hi95" | "point" | "peak">,
  fmt: Formatter,
  money = false,
): string {
  const phrase = horizonPhrase(m.grain, m.horizon);
  if (m.total === null || m.total_lo95 === null || m.total_hi95 === null) return `${phrase}: ${fmt.number(null)}`;
  const half = (m.total_hi95 - m.total_lo95) / 2;
  const unit = compactUnit(Math.max(Math.abs(m.total), Math.abs(half)));
  const digits = Math.abs(m.total) / unit.divisor >= 100 ? 0 : 1;
  const compact = (v: number): string => {
    const x = v / unit.divisor;
    // Two significant digits for a value that would round to 0.
    const text = `${x === 0 || Math.abs(x) >= 0.5 * 10 ** -digits ? fmt.fixed(x, digits) : fmt.significant(x, 2)}${unit.suffix}`;
    return money ? fmt.inCurrency(text) : text;
  };
  const season = m.peak === null ? "" : `, driven by ${seasonName(m.grain, m.peak)} seasonality`;
  return `${phrase}: ${compact(m.total)}${m.point === "median" ? " (median)" : ""} ± ${compact(half)}${season}`;
}

/** @example horizonPhrase("month", 3); // => "next quarter" */
function horizonPhrase(grain: SeriesRow<"forecast_model">["grain"], h: number): string {
  if (grain === "month" && h === 3) return "next quarter";
  if (grain === "month" && h === 12) return "next 12 months";
  return h === 1 ? `next ${grain}` : `next ${h} ${grain}s`;
}

function seasonName(grain: SeriesRow<"forecast_model">["grain"], label: string): string {
  const year = Number(label.slice(0, 4));
  const month = Number(label.slice(5, 7));
  if (grain === "month") return MONTHS[month - 1]!;
  const day = dayFromYmd(year, month, Number(label.slice(8, 10)));
  if (grain === "day") return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
  return `week ${isoWeekNumber(day)}`;
}

/** ISO 8601 week number of a day number (its Thursday's year). */
function isoWeekNumber(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday 0
  const thursday = day - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  return Math.floor((thursday - dayFromYmd(year, 1, 1)) / 7) + 1;
}

function compactUnit(magnitude: number): { readonly divisor: number; readonly suffix: string } {
  if (magnitude >= 1e9) return { divisor: 1e9, suffix: "B" };
  if (magnitude >= 1e6) return { divisor: 1e6, suffix: "M" };
  if (magnitude >= 1e3) return { divisor: 1e3, suffix: "k" };
  return { divisor: 1, suffix: "" };
}
