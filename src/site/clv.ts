/**
 * The CLV page as data: tiles, charts, the band and top-customer tables,
 * the fitted models and what was not fitted.
 */
import type { SiteContext } from "./context.ts";
import { warningText } from "../words/warnings.ts";
import * as charts from "../charts/clv.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { ChartPage, Kpi, RecommendationView, Table } from "./views.ts";

export interface ClvPage extends ChartPage {
  readonly bands: Table | null;
  readonly top: Table | null;
  readonly method: readonly string[];
  readonly warnings: readonly string[];
  /** The CLV bands' recommendations. */
  readonly recommendations: readonly RecommendationView[];
}

export function clvPage({ report, fmt, charts: ctx, pieces, recommendations }: SiteContext): ClvPage | null {
  const method = (report.series.clv_method ?? [])[0];
  const warnings = report.warnings.filter((w) => w.code.startsWith("clv.")).map((w) => warningText(w, fmt));
  if (!method && warnings.length === 0) return null;
  const kpis = [
    pieces.kpi("clv.expected_12m.total", "all customers, discounted"),
    pieces.kpi("clv.p_alive.mean", "BG/NBD, at the period's end"),
    pieces.kpi("clv.simple", "AOV × orders/year × margin ÷ churn"),
    pieces.kpi("clv.holdout.mape", "MAPE of repeat purchases"),
  ];
  // Without BG/NBD nothing is drawn, and simple CLV's tile is still the page's one number.
  const base = pieces.page(
    kpis,
    [charts.clvDistribution(ctx), charts.bandSegments(ctx), charts.pAliveGrid(ctx), charts.holdoutChart(ctx)].filter((c): c is ChartSpec => c !== null),
  ) ?? { kpis: kpis.filter((k): k is Kpi => k !== null), charts: [] };
  const bandRows = report.series.clv_bands ?? [];
  const bands = bandRows.length
    ? pieces.table({
        id: "clv-bands",
        caption: "CLV bands (quintiles of customers by predicted CLV; 5 is the top fifth)",
        columns: ["band", "customers", "predicted CLV", "mean", "range", "mean P(alive)", "purchases, 12 months", "repeat buyers"],
        numeric: [false, true, true, true, true, true, true, true],
        rows: [...bandRows]
          .reverse()
          .map((b) => [
            b.band,
            fmt.number(b.customers, 0),
            fmt.money(b.clv_total),
            fmt.money(b.clv_mean),
            `${fmt.money(b.clv_min)} – ${fmt.money(b.clv_max)}`,
            fmt.percent(b.p_alive_mean),
            fmt.number(b.expected_purchases_12m_mean, 1),
            fmt.percent(b.repeat_share),
          ]),
      })
    : null;
  const topRows = report.series.clv_top_customers ?? [];
  const top = topRows.length
    ? pieces.table({
        id: "clv-top-customers",
        caption: "The 20 customers with the highest predicted CLV",
        columns: ["#", "customer", "repeat purchases", "recency (weeks)", "age (weeks)", "P(alive)", "purchases, 12 months", "order value", "CLV, 12 months"],
        numeric: [true, false, true, true, true, true, true, true, true],
        rows: topRows.map((c) => [
          fmt.number(c.rank, 0),
          c.customer,
          fmt.number(c.frequency, 0),
          fmt.number(c.recency_weeks, 1),
          fmt.number(c.t_weeks, 1),
          fmt.percent(c.p_alive),
          fmt.number(c.expected_purchases_12m, 1),
          fmt.money(c.expected_order_value),
          fmt.money(c.clv_12m),
        ]),
      })
    : null;
  const lines: string[] = [];
  if (method && method.status === "fitted") {
    lines.push(
      `BG/NBD fitted by maximum likelihood on ${fmt.number(method.customers, 0)} customers (${fmt.number(method.repeat_buyers, 0)} repeat buyers; weeks): r = ${fmt.number(method.bgnbd_r, 4)}, α = ${fmt.number(method.bgnbd_alpha, 4)}, a = ${fmt.number(method.bgnbd_a, 4)}, b = ${fmt.number(method.bgnbd_b, 4)}; log-likelihood ${fmt.number(method.bgnbd_log_likelihood, 1)}, best of ${method.bgnbd_starts?.length ?? 0} starts${method.bgnbd_converged ? "" : " (did not converge)"}.`,
    );
  }
  if (method && method.gg_status === "fitted") {
    lines.push(
      `Gamma-Gamma on the ${fmt.number(method.gg_customers, 0)} repeat buyers (${fmt.number(method.gg_excluded, 0)} one-time buyers excluded): p = ${fmt.number(method.gg_p, 4)}, q = ${fmt.number(method.gg_q, 4)}, v = ${fmt.number(method.gg_v, 4)}.`,
    );
  }
  if (method && method.holdout_status === "checked") {
    lines.push(`Holdout: the model refitted on orders before ${method.holdout_from ?? ""} predicts the ${fmt.number(method.holdout_weeks, 1)} weeks after it.`);
  }
  if (method && method.simple_churn !== null && method.simple_churn !== undefined) {
    lines.push(
      `Simple CLV: AOV ${fmt.money(method.simple_aov)} × ${fmt.number(method.simple_orders_per_customer_per_year, 2)} orders per customer per year × margin ${fmt.number(method.margin, 2)} ÷ annual churn ${fmt.percent(method.simple_annual_churn)} (${fmt.percent(method.simple_churn)} of the customers of the first half, to ${method.simple_first_half_to}, did not order from ${method.simple_second_half_from} on).`,
    );
  }
  return { ...base, bands, top, method: lines, warnings, recommendations: recommendations.filter((r) => r.rule.startsWith("clv.")) };
}
