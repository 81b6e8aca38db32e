/**
 * The Forecast page as data: per series the reading, the chart, the chosen
 * model and the backtest table.
 */
import type { SiteContext } from "./context.ts";
import { forecastChart } from "../charts/forecast.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { ChartPage, Table } from "./views.ts";

export interface ForecastSection {
  readonly series: string;
  readonly reading: string;
  readonly model: string;
  readonly backtest: Table;
}

export interface ForecastPage extends ChartPage {
  readonly sections: readonly ForecastSection[];
  readonly warnings: readonly string[];
}

/** null without a forecast; a page of warnings only when every series was too short or failed. */
export function forecastPage({ report, fmt, charts: ctx, pieces }: SiteContext): ForecastPage | null {
  const models = report.series.forecast_model ?? [];
  const warnings = report.warnings.filter((w) => w.code.startsWith("forecast.")).map((w) => w.message);
  if (models.length === 0 && warnings.length === 0) return null;
  const backtest = report.series.forecast_backtest ?? [];
  const count = (v: number): string => fmt.number(v, 0);
  const sections = models.map((m) => {
    const name = m.series;
    const show = (v: number | null): string => (name === "revenue" ? fmt.money(v) : fmt.number(v, 0));
    const parameters = m.parameters.map((p) => `${p.name} = ${fmt.significant(p.value, 4)}`).join(", ");
    return {
      series: name,
      reading: `${name[0]!.toUpperCase()}${name.slice(1)}, ${m.reading}. Total over the next ${count(m.horizon)} ${m.grain}s: ${show(m.total)} (80%: ${show(m.total_lo80)} – ${show(m.total_hi80)}; 95%: ${show(m.total_lo95)} – ${show(m.total_hi95)}).`,
      model: `${m.model}${parameters ? ` with ${parameters}` : ""}; σ² ${fmt.number(m.sigma2, 4)}${m.aicc === null ? "" : `, AICc ${fmt.number(m.aicc, 1)}`}; fitted on ${count(m.history)} ${m.grain}s${m.scale === "log" ? " on the log scale, so the point forecast is the median" : ""}${m.converged ? "" : "; the optimiser did not converge"}. Backtest: ${count(m.origins)} rolling origins, ${count(m.backtest_horizon)} ${m.grain}s ahead each.`,
      backtest: pieces.table({
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
