/**
 * Chart specs of the funnel pages (product, sales, marketing), built from
 * the report's facts and series. Pure: data in, specs out; a chart whose
 * data is absent is not returned.
 */
import * as Plot from "@observablehq/plot";
import { categories, cohortHeatmap, color, date, monthTicks, series, truncate, type ChartContext } from "./common.ts";
import type { ChartSpec, DataRow } from "./spec.ts";
import { PALETTE, ramp } from "./theme.ts";
import { topNWithOther } from "./top.ts";

export { SMALL_COHORT, truncate, type ChartContext } from "./common.ts";

export function activeUsers({ report }: ChartContext): ChartSpec | null {
  const data = series(report, "active_users");
  if (data.length === 0) return null;
  return {
    id: "active-users",
    title: "Active users",
    subtitle: "Distinct users per day (DAU), complete ISO week (WAU) and complete calendar month (MAU).",
    description: "Lines of daily, weekly and monthly distinct users over the report period.",
    data,
    plot: () => ({
      x: { type: "utc", label: "Date" },
      y: { label: "Users", grid: true, zero: true },
      color: color(["DAU", "WAU", "MAU"]),
      marks: [
        Plot.lineY(data, { x: (d) => date(d.date), y: "users", stroke: "metric", curve: "step-after", title: (d) => `${d.metric} ${d.date}: ${d.users}` }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

export function stickyFactor({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "sticky_monthly");
  if (data.length === 0) return null;
  return {
    id: "sticky-factor",
    title: "Sticky factor",
    subtitle: "The month's mean DAU ÷ its MAU: the share of a month's users active on a typical day.",
    description: "Bars of the DAU/MAU ratio for each complete month.",
    data,
    plot: (width) => ({
      x: { label: "Month", type: "band", tickFormat: monthTicks(width, data.length) },
      y: { label: "DAU ÷ MAU (%)", grid: true, percent: true },
      marks: [Plot.barY(data, { x: "month", y: "sticky", fill: PALETTE[0], title: (d) => `${d.month}: ${format.percent(d.sticky)}` }), Plot.ruleY([0])],
    }),
  };
}

export function sessionsPerUser({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "sessions_per_user_day");
  if (data.length === 0) return null;
  return {
    id: "sessions-per-user",
    title: "Sessions per user per day",
    subtitle: "How many times a day an active user comes back (1 means one visit each): each day faint, its 7-day mean in bold.",
    description: "A faint line of sessions divided by distinct users for each day with sessions, and a bold line of its 7-day moving mean.",
    data,
    plot: () => ({
      x: { type: "utc", label: "Date" },
      y: { label: "Sessions per user", grid: true },
      marks: [
        Plot.lineY(data, {
          x: (d) => date(d.date),
          y: "sessions_per_user",
          stroke: PALETTE[0],
          strokeOpacity: 0.35,
          title: (d) => `${d.date}: ${format.number(Number(d.sessions_per_user), 2)}`,
        }),
        Plot.lineY(data, Plot.windowY({ k: 7 }, { x: (d) => date(d.date), y: "sessions_per_user", stroke: PALETTE[0], strokeWidth: 2 })),
      ],
    }),
  };
}

/**
 * A histogram of one-unit bins (`from` column) stacked by a category, whose
 * last bin is open (its `to` column null): session length, conversion delay.
 */
function stackedHistogram(
  data: readonly DataRow[],
  o: {
    id: string;
    title: string;
    subtitle: (max: number) => string;
    description: string;
    from: string;
    to: string;
    count: string;
    by: string;
    unit: string;
    xLabel: string;
    yLabel: string;
  },
): ChartSpec {
  const max = Math.max(...data.map((d) => Number(d[o.from])));
  return {
    id: o.id,
    title: o.title,
    subtitle: o.subtitle(max),
    description: o.description,
    data,
    plot: () => ({
      x: { label: o.xLabel, tickFormat: (v: number) => (v >= max ? `${max}+` : String(v)) },
      y: { label: o.yLabel, grid: true },
      color: color(categories(data, o.by)),
      marks: [
        Plot.rectY(data, {
          x1: o.from,
          x2: (d) => Number(d[o.from]) + 1,
          y: o.count,
          fill: o.by,
          inset: 0.5,
          title: (d) => `${d[o.by]}, ${d[o.from]}${d[o.to] === null ? "+" : ""} ${o.unit}: ${d[o.count]}`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

export function sessionLength({ report }: ChartContext): ChartSpec | null {
  const data = series(report, "session_length_histogram");
  if (data.length === 0) return null;
  return stackedHistogram(data, {
    id: "session-length",
    title: "Session length",
    subtitle: (max) => `Sessions by length in whole minutes, stacked by device; the last bar holds every session of ${max} minutes or more.`,
    description: "A stacked histogram of session length in one-minute bins, coloured by device.",
    from: "from_min",
    to: "to_min",
    count: "sessions",
    by: "device",
    unit: "min",
    xLabel: "Session length (minutes)",
    yLabel: "Sessions",
  });
}

export const retention = (ctx: ChartContext): ChartSpec | null =>
  cohortHeatmap(ctx, {
    id: "retention",
    title: "Retention by cohort",
    subtitle: "Share of each month's new users who came back in a later month (age 0 is 100% by definition and left out).",
    metric: "retention",
    sizeMetric: "visits.cohort.size",
    label: "Retained (%)",
    percent: true,
    skipAgeZero: true,
  });

export const ltvHeatmap = (ctx: ChartContext): ChartSpec | null =>
  cohortHeatmap(ctx, {
    id: "ltv-by-cohort",
    title: "LTV by cohort",
    subtitle: "Cumulative revenue per buyer (after margin) by months since the first order.",
    metric: "ltv",
    sizeMetric: "cohort.size",
    label: "LTV",
    percent: false,
    skipAgeZero: false,
  });

export function ltvMean({ facts, format, report }: ChartContext): ChartSpec | null {
  const data = facts.list("ltv.mean", ["age"]).map((f) => ({ age: Number(f.dims!["age"]), ltv: f.value }));
  if (data.length === 0) return null;
  return {
    id: "ltv-mean",
    title: "Mean LTV curve",
    subtitle: "Cumulative revenue per buyer by months since the first order, averaged over the cohorts that reached each age.",
    description: "A line of mean cumulative LTV by cohort age.",
    data,
    plot: () => ({
      x: { label: "Age (months)" },
      y: { label: `LTV (${report.currency})`, grid: true, zero: true },
      marks: [Plot.lineY(data, { x: "age", y: "ltv", stroke: PALETTE[0], marker: "circle", title: (d) => `age ${d.age}: ${format.money(d.ltv)}` })],
    }),
  };
}

export function ordersPerBuyer({ facts, format }: ChartContext): ChartSpec | null {
  const data = facts
    .list("orders.per_buyer", ["cohort", "age"])
    .map((f) => ({ cohort: f.dims!["cohort"]!, age: Number(f.dims!["age"]), orders_per_buyer: f.value }));
  if (data.length === 0) return null;
  const cohorts = [...new Set(data.map((d) => d.cohort))].sort();
  return {
    id: "orders-per-buyer",
    title: "Orders per buyer by cohort age",
    subtitle: "Cumulative orders per buyer of each first-order cohort (older cohorts grey-blue, newer ones yellow); steeper lines mean more repeat buying.",
    description: "One line per monthly cohort of cumulative orders per buyer by age in months.",
    data,
    plot: () => ({
      x: { label: "Age (months)" },
      y: { label: "Orders per buyer", grid: true },
      color: { type: "ordinal", domain: cohorts, range: ramp(cohorts.length), legend: true, label: "First-order cohort" },
      marks: [
        Plot.lineY(
          data.filter((d) => d.orders_per_buyer !== null),
          { x: "age", y: "orders_per_buyer", stroke: "cohort", title: (d) => `${d.cohort}, age ${d.age}: ${format.number(d.orders_per_buyer, 2)}` },
        ),
      ],
    }),
  };
}

export function aovMonthly({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "aov_monthly");
  if (data.length === 0) return null;
  return {
    id: "aov-by-month",
    title: "Average order value by month",
    subtitle: "Revenue ÷ orders in each complete month.",
    description: "Bars of average order value for each complete month.",
    data,
    plot: (width) => ({
      x: { label: "Month", type: "band", tickFormat: monthTicks(width, data.length) },
      y: { label: `AOV (${report.currency})`, grid: true },
      marks: [
        Plot.barY(data, { x: "month", y: "aov", fill: PALETTE[0], title: (d) => `${d.month}: ${format.money(d.aov)} over ${d.orders} orders` }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

export function conversionDelay({ report }: ChartContext): ChartSpec | null {
  const raw = series(report, "conversion_delay_histogram");
  if (raw.length === 0) return null;
  return stackedHistogram(topNWithOther(raw, "source", "buyers", ["from_days", "to_days"]), {
    id: "conversion-delay",
    title: "Days from first visit to first order",
    subtitle: (max) => `Buyers by whole days between their first session and first order, stacked by first-touch source; the last bar is ${max} days or more.`,
    description: "A stacked histogram of conversion delay in days, coloured by source.",
    from: "from_days",
    to: "to_days",
    count: "buyers",
    by: "source",
    unit: "days",
    xLabel: "Days to first order",
    yLabel: "Buyers",
  });
}

export function spendBySource({ report, format }: ChartContext): ChartSpec | null {
  const raw = series(report, "cost_weekly");
  if (raw.length === 0) return null;
  const data = topNWithOther(raw, "source", "cost", ["week"]);
  return {
    id: "spend-by-source",
    title: "Spend by source",
    subtitle: "Weekly cost per source over complete ISO weeks, stacked: where the budget went over time.",
    description: "A stacked area chart of weekly cost by source.",
    data,
    plot: () => ({
      x: { type: "utc", label: "Week" },
      y: { label: `Cost per week (${report.currency})`, grid: true },
      color: color(categories(data, "source")),
      marks: [
        Plot.areaY(data, {
          x: (d) => date(d.week),
          y: "cost",
          fill: "source",
          title: (d) => `${d.source}, week of ${d.week}: ${format.money(Number(d.cost))}`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

/** Per-source rows for bar and scatter charts: the largest sources by cost, then by buyers. */
function sourceRows({
  facts,
  report,
}: ChartContext): { source: string; cost: number | null; buyers: number | null; cac: number | null; romi: number | null; ltv: number | null }[] {
  const sources = new Set([...facts.dimValues("cost", ["source"], "source"), ...facts.dimValues("buyers", ["source"], "source")]);
  return [...sources]
    .map((source) => {
      const buyers = facts.value("buyers", { source }) ?? null;
      const revenue = facts.value("revenue", { source }) ?? null;
      const cost = facts.value("cost", { source }) ?? null;
      return {
        source,
        cost,
        buyers,
        cac: facts.value("cac", { source }) ?? null,
        romi: facts.value("romi", { source }) ?? null,
        // LTV to date: revenue per buyer after margin, so that ROMI = LTV ÷ CAC.
        ltv: revenue !== null && buyers ? (revenue * report.margin) / buyers : null,
      };
    })
    .sort((a, b) => (b.cost ?? -1) - (a.cost ?? -1) || (b.buyers ?? 0) - (a.buyers ?? 0) || (a.source < b.source ? -1 : 1));
}

export function cacBySource(ctx: ChartContext): ChartSpec | null {
  if (!ctx.facts.has("cost")) return null;
  const rows = sourceRows(ctx);
  const data = rows.filter((r) => r.cac !== null).slice(0, 20);
  if (data.length === 0) return null;
  const unknown = rows.filter((r) => r.cac === null).map((r) => r.source);
  return {
    id: "cac-by-source",
    title: "Customer acquisition cost by source",
    subtitle: `Cost ÷ first-touch buyers; lower is better.${unknown.length ? ` Not shown (no cost or no buyers): ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", …" : ""}.` : ""}`,
    description: "Horizontal bars of CAC per source, largest spend first.",
    data,
    plot: () => ({
      marginLeft: 100,
      height: 30 * data.length + 50,
      x: { label: `CAC (${ctx.report.currency})`, grid: true },
      y: { label: null, domain: data.map((d) => d.source), tickFormat: (s: string) => truncate(s, 14) },
      marks: [
        Plot.barX(data, { x: "cac", y: "source", fill: PALETTE[0], title: (d) => `${d.source}: ${ctx.format.money(d.cac)} per buyer (${d.buyers} buyers)` }),
        Plot.ruleX([0]),
      ],
    }),
  };
}

export function romiBySourceAge(ctx: ChartContext): ChartSpec | null {
  const all = ctx.facts.list("romi", ["source", "age"]).map((f) => ({ source: f.dims!["source"]!, age: Number(f.dims!["age"]), romi: f.value }));
  const top = new Set(
    sourceRows(ctx)
      .slice(0, PALETTE.length)
      .map((r) => r.source),
  );
  const data = all.filter((d) => d.romi !== null && top.has(d.source));
  if (data.length === 0) return null;
  const payback = [...top].flatMap((source) => {
    const month = ctx.facts.value("payback.months", { source });
    const at = data.find((d) => d.source === source && d.age === month);
    return at ? [at] : [];
  });
  return {
    id: "romi-by-source-age",
    title: "ROMI by source and cohort age",
    subtitle: "Cumulative revenue per buyer after margin ÷ CAC; a source pays back where its line crosses 1 (circled).",
    description: "One line per source of ROMI by months since the first order, with a rule at 1 and the payback month circled.",
    data,
    plot: () => ({
      x: { label: "Age (months)" },
      y: { label: "ROMI", grid: true, zero: true },
      color: color([...top].filter((s) => data.some((d) => d.source === s))),
      marks: [
        Plot.ruleY([1], { stroke: "currentColor", strokeDasharray: "4 3" }),
        Plot.lineY(data, { x: "age", y: "romi", stroke: "source", title: (d) => `${d.source}, age ${d.age}: ROMI ${ctx.format.number(d.romi, 2)}` }),
        Plot.dot(payback, { x: "age", y: "romi", stroke: "source", r: 6, strokeWidth: 2, title: (d) => `${d.source} pays back in month ${d.age}` }),
      ],
    }),
  };
}

export function ltvVsCac(ctx: ChartContext): ChartSpec | null {
  if (!ctx.facts.has("cost")) return null;
  const data = sourceRows(ctx)
    .filter((r) => r.cac !== null && r.ltv !== null)
    .slice(0, 30);
  if (data.length === 0) return null;
  const max = Math.max(...data.flatMap((d) => [d.cac!, d.ltv!]));
  return {
    id: "ltv-vs-cac",
    title: "LTV against CAC by source",
    subtitle: "Revenue per buyer to date against the cost of a buyer; sources above the diagonal earn back what they cost. Dot size is buyers.",
    description: "A scatter of revenue per buyer against CAC per source, sized by buyers, with the line LTV = CAC.",
    data,
    plot: () => ({
      x: { label: `CAC (${ctx.report.currency})`, grid: true, domain: [0, max * 1.05] },
      y: { label: `Revenue per buyer (${ctx.report.currency})`, grid: true, domain: [0, max * 1.05] },
      r: { range: [3, 18] },
      marks: [
        Plot.line(
          [
            [0, 0],
            [max * 1.05, max * 1.05],
          ],
          { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 },
        ),
        Plot.dot(data, {
          x: "cac",
          y: "ltv",
          r: "buyers",
          fill: PALETTE[0],
          fillOpacity: 0.6,
          stroke: PALETTE[0],
          title: (d) => `${d.source}: ${ctx.format.money(d.ltv)} per buyer, CAC ${ctx.format.money(d.cac)}, ${d.buyers} buyers`,
        }),
        Plot.text(data, {
          x: "cac",
          y: "ltv",
          text: (d) => truncate(d.source, 14),
          dx: 22,
          textAnchor: "start",
          fontSize: 11,
        }),
      ],
    }),
  };
}
