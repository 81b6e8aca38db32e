/**
 * The Forecast page as data: per series the reading, the chart, the chosen
 * model and the backtest table.
 */
import { SERIES } from "../analyses/series.ts";
import type { ChartContext } from "../charts/common.ts";
import { forecastChart } from "../charts/forecast.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { Report } from "../schema/report.ts";
import type { Formatter } from "./format.ts";
import type { PagePieces } from "./pieces.ts";
import type { ChartPage, Table } from "./model.ts";

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

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** null without a forecast; a page of warnings only when every series was too short or failed. */
export function forecastPage(report: Report, fmt: Formatter, ctx: ChartContext, pieces: PagePieces): ForecastPage | null {
  const models = report.series[SERIES.forecastModel] ?? [];
  const warnings = report.warnings.filter((w) => w.code.startsWith("forecast.")).map((w) => w.message);
  if (models.length === 0 && warnings.length === 0) return null;
  const backtest = report.series[SERIES.forecastBacktest] ?? [];
  const sections = models.map((m) => {
    const name = text(m["series"]);
    const money = name === "revenue";
    const show = (v: unknown): string => (money ? fmt.money(v as number | null) : fmt.number(v as number | null, 0));
    return {
      series: name,
      reading: `${name[0]!.toUpperCase()}${name.slice(1)}, ${text(m["reading"])}. Total over the next ${text(m["horizon"])} ${text(m["grain"])}s: ${show(m["total"])} (80%: ${show(m["total_lo80"])} – ${show(m["total_hi80"])}; 95%: ${show(m["total_lo95"])} – ${show(m["total_hi95"])}).`,
      model: `${text(m["model"])}${m["parameters"] ? ` with ${text(m["parameters"])}` : ""}; σ² ${fmt.number(m["sigma2"] as number | null, 4)}${m["aicc"] === null ? "" : `, AICc ${fmt.number(m["aicc"] as number, 1)}`}; fitted on ${text(m["history"])} ${text(m["grain"])}s${m["scale"] === "log" ? " on the log scale, so the point forecast is the median" : ""}${m["converged"] === 0 ? "; the optimiser did not converge" : ""}. Backtest: ${text(m["origins"])} rolling origins, ${text(m["backtest_horizon"])} ${text(m["grain"])}s ahead each.`,
      backtest: pieces.table({
        id: `forecast-backtest-${name}`,
        caption: `Backtest of the ${name} models (lower is better; MASE first)`,
        columns: ["model", "MASE", "sMAPE", "MAPE", "chosen", "failed origins"],
        numeric: [false, true, true, true, false, true],
        rows: backtest
          .filter((b) => b["series"] === name)
          .map((b) => [
            text(b["model"]),
            fmt.number(b["mase"] as number | null, 3),
            fmt.percent(b["smape"] as number | null),
            fmt.percent(b["mape"] as number | null),
            b["chosen"] === 1 ? "yes" : "",
            fmt.number(b["failures"] as number | null, 0),
          ]),
      }),
    };
  });
  const charts = [forecastChart(ctx, "revenue"), forecastChart(ctx, "orders")].filter((c): c is ChartSpec => c !== null);
  const base = pieces.page([], charts) ?? { kpis: [], charts: [] };
  return { ...base, sections, warnings };
}
