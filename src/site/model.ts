/**
 * The site as data: every page's tiles, charts (rendered to SVG), tables
 * and texts, built once from the report. Pages only lay this out; nothing
 * is computed in components. Sections whose data is absent are null and
 * left out of the navigation.
 */
import { METRICS } from "../analyses/catalogue.ts";
import { DATASET_DIM, metricKey, type MetricDef } from "../analyses/facts.ts";
import * as charts from "../charts/funnel.ts";
import { renderChart } from "../charts/render.ts";
import { withAnnotations } from "../charts/common.ts";
import type { ChartSpec } from "../charts/spec.ts";
import { NARROW, WIDE } from "../charts/theme.ts";
import type { Recommendation, Report, Unit } from "../schema/report.ts";
import { csvOf, tableCsv } from "./csv.ts";
import { FactIndex } from "./facts.ts";
import { makeFormatter, MISSING, type Formatter } from "./format.ts";
import { basketPage, type BasketPage } from "./basket.ts";
import { budgetPage, type BudgetPage } from "./budget.ts";
import { campaignsPage, type CampaignsPage } from "./campaigns.ts";
import { experimentsPage, type ExperimentsPage } from "./experiments.ts";
import { clvPage, type ClvPage } from "./clv.ts";
import { forecastPage, type ForecastPage } from "./forecast.ts";
import type { PagePieces } from "./pieces.ts";
import { customersPages, type CustomerPages } from "./customers.ts";
import { versionsModel, type DiffView, type VersionView } from "./versions.ts";

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly description: string;
  readonly svgWide: string;
  readonly svgNarrow: string;
}

/** A table: header cells and rows of formatted text; `id` names its CSV. */
export interface Table {
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly string[];
  /** Which columns hold numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
}

/** A table whose rows can be emphasised (a segment's best channel), shown as cards on a phone. */
export interface CardTableView {
  readonly table: Table;
  /** Per row: whether it is emphasised. */
  readonly emphasis: readonly boolean[];
  /** How many leading columns head a row's card on a phone (1 when absent): "18-24 · Email". */
  readonly head?: number;
}

export interface Kpi {
  readonly label: string;
  readonly value: string;
  readonly hint: string;
}

export interface RecommendationView {
  /** The subject for reading: a source, a segment, "CLV band 5", a campaign's id and name. */
  readonly subject: string;
  /** The subject as the rule gave it, e.g. `{ campaign: "CMP-101", dataset: "a.csv" }`. */
  readonly key: Readonly<Record<string, string>>;
  readonly action: Recommendation["action"];
  readonly rule: string;
  readonly why: string;
  readonly confidence: Recommendation["confidence"];
  readonly numbers: readonly { label: string; value: string }[];
}

export interface ChannelView {
  readonly source: string;
  readonly anchor: string;
  readonly funnel: readonly Kpi[];
  readonly numbers: readonly Kpi[];
  readonly recommendation: RecommendationView | null;
}

export type PageSlug =
  | ""
  | "product"
  | "sales"
  | "marketing"
  | "channels"
  | "customers"
  | "segments"
  | "hypotheses"
  | "clv"
  | "basket"
  | "forecast"
  | "campaigns"
  | "experiments"
  | "budget"
  | "recommendations"
  | "versions"
  | "data";

export interface NavItem {
  readonly slug: PageSlug;
  readonly title: string;
}

export interface ChartPage {
  readonly kpis: readonly Kpi[];
  readonly charts: readonly Chart[];
}

export interface SiteModel {
  readonly title: string;
  readonly period: string;
  readonly version: string;
  readonly generator: string;
  readonly nav: readonly NavItem[];
  readonly overview: { kpis: readonly Kpi[]; top: readonly RecommendationView[]; health: string; warnings: readonly string[]; sinceLast: DiffView | null };
  readonly product: ChartPage | null;
  readonly sales: ChartPage | null;
  readonly marketing: ChartPage | null;
  readonly channels: readonly ChannelView[] | null;
  readonly customers: CustomerPages["customers"];
  readonly segments: CustomerPages["segments"];
  readonly hypotheses: CustomerPages["hypotheses"];
  readonly clv: ClvPage | null;
  readonly basket: BasketPage | null;
  readonly forecast: ForecastPage | null;
  readonly campaigns: CampaignsPage | null;
  readonly experiments: ExperimentsPage | null;
  readonly budget: BudgetPage | null;
  readonly recommendations: readonly RecommendationView[];
  /** The version archive; empty without snapshots. */
  readonly versions: readonly VersionView[];
  readonly data: {
    readonly period: readonly Kpi[];
    readonly completeMonths: string;
    readonly datasets: Table;
    readonly rejections: Table;
    /** Per dataset, its labels merged from several spellings, one line each: "channel Facebook Ads ← Facebook Ads 605, facebook ads 33". */
    readonly merged: readonly { readonly dataset: string; readonly lines: readonly string[] }[];
    readonly ignored: readonly string[];
    readonly warnings: readonly string[];
    readonly definitions: Table;
  };
  /** Every CSV download, by id: chart data and tables. */
  readonly downloads: ReadonlyMap<string, string>;
}

const ACTION_ORDER: readonly Recommendation["action"][] = ["cut", "stop", "investigate", "scale", "optimize", "keep", "continue", "insufficient data"];

/** Actions that keep things as they are: shown on the overview only when nothing needs doing. */
const STATUS_QUO: ReadonlySet<Recommendation["action"]> = new Set(["keep", "continue", "insufficient data"]);
/** Actions that stop a loss: shown on the overview before other changes. */
const URGENT: ReadonlySet<Recommendation["action"]> = new Set(["cut", "stop"]);

/**
 * The overview's most important recommendations: those stopping a loss (cut,
 * stop), then other changes, then those keeping things as they are; and one
 * per kind of subject
 * (source, campaign, segment, CLV band) before a second of any kind, so that
 * a large campaign budget does not hide every channel. `views` come most
 * important first.
 * @example topRecommendations([campaign A (continue), campaign B (optimize), campaign C (stop), source s (scale)], 2); // => [C, s]
 */
export function topRecommendations(views: readonly RecommendationView[], n: number): RecommendationView[] {
  const group = (v: RecommendationView): number => (URGENT.has(v.action) ? 0 : STATUS_QUO.has(v.action) ? 2 : 1);
  const ranked = [0, 1, 2].flatMap((g) => views.filter((v) => group(v) === g));
  const kind = (v: RecommendationView): string =>
    Object.keys(v.key)
      .filter((k) => k !== "dataset")
      .join(",");
  const first: RecommendationView[] = [];
  const seen = new Set<string>();
  for (const v of ranked) {
    if (seen.has(kind(v))) continue;
    seen.add(kind(v));
    first.push(v);
  }
  return [...first, ...ranked.filter((v) => !first.includes(v))].slice(0, n);
}

/** A URL-safe anchor for a label (labels can be anything). */
export function anchorFor(label: string, index: number): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `source-${index}${slug ? `-${slug}` : ""}`;
}

function render(raw: ChartSpec, annotations: Report["annotations"]): Chart {
  // Every chart passes here: dated ones get the report's annotations.
  const spec = withAnnotations(raw, annotations);
  return {
    id: spec.id,
    title: spec.title,
    subtitle: spec.subtitle,
    description: spec.description,
    svgWide: renderChart(spec, WIDE),
    svgNarrow: renderChart(spec, NARROW),
  };
}

/** How a tile shows its value: in the fact's unit, or as a percentage for shares. */
type Display = Unit | "percent";

function kpi(facts: FactIndex, fmt: Formatter, id: string, label: string, display: Display, hint: string, dims?: Record<string, string>): Kpi | null {
  if (!facts.has(id, dims)) return null;
  const value = facts.value(id, dims) ?? null;
  return { label, value: display === "percent" ? fmt.percent(value) : fmt(value, display), hint };
}

/** Units of recommendation numbers that are no metric of the catalogue. */
const NUMBER_UNITS: Readonly<Record<string, Unit>> = { "campaign.target_cpa": "currency" };

/** `names` gives a campaign's name by `dataset|campaign` ("" for no dataset), shown beside its id. */
function recommendationView(r: Recommendation, fmt: Formatter, names: ReadonlyMap<string, string> = new Map()): RecommendationView {
  const isShare = (id: string): boolean => id === "spend.share" || id.endsWith(".share") || id.startsWith("segments.channel.reach");
  const unitOf = (id: string): Unit | "share" => (isShare(id) ? "share" : (METRICS.find((m) => m.id === id)?.unit ?? NUMBER_UNITS[id] ?? "ratio"));
  const campaignName = (id: string): string => {
    const name = names.get(`${r.subject["dataset"] ?? ""}|${id}`);
    return name && name !== id ? `${id} ${name}` : id;
  };
  return {
    key: r.subject,
    subject: Object.entries(r.subject)
      .map(([k, v]) => (k === "band" ? `CLV band ${v}` : k === "campaign" ? campaignName(v) : v))
      .join(", "),
    action: r.action,
    rule: r.rule,
    why: r.why,
    confidence: r.confidence,
    numbers: Object.entries(r.numbers).map(([id, v]) => {
      const unit = unitOf(id);
      return { label: id, value: unit === "share" ? fmt.percent(v) : fmt(v, unit) };
    }),
  };
}

function present(...charts: (ChartSpec | null)[]): ChartSpec[] {
  return charts.filter((c): c is ChartSpec => c !== null);
}

export function buildSite(report: Report, snapshots: readonly Report[] = []): SiteModel {
  const archive = versionsModel(report, snapshots);
  const fmt = makeFormatter(report.locale, report.currency);
  const facts = new FactIndex(report.facts);
  const ctx: charts.ChartContext = { report, facts, format: fmt };
  const downloads = new Map<string, string>();
  const page = (kpis: (Kpi | null)[], specs: ChartSpec[]): ChartPage | null => {
    if (specs.length === 0) return null;
    for (const s of specs) downloads.set(s.id, csvOf(s.data));
    return { kpis: kpis.filter((k): k is Kpi => k !== null), charts: specs.map((s) => render(s, report.annotations)) };
  };

  const product = page(
    [
      kpi(facts, fmt, "dau", "DAU", "users", "mean daily active users"),
      kpi(facts, fmt, "wau", "WAU", "users", "mean weekly active users"),
      kpi(facts, fmt, "mau", "MAU", "users", "mean monthly active users"),
      kpi(facts, fmt, "sticky.dau_mau", "Sticky factor", "percent", "DAU ÷ MAU"),
      kpi(facts, fmt, "sessions.per_user_day", "Sessions per user per day", "ratio", "on days with sessions"),
      kpi(facts, fmt, "session.length.median_s", "Median session", "seconds", "end − start"),
    ],
    present(charts.activeUsers(ctx), charts.stickyFactor(ctx), charts.sessionsPerUser(ctx), charts.sessionLength(ctx), charts.retention(ctx)),
  );
  const sales = page(
    [
      kpi(facts, fmt, "revenue", "Revenue", "currency", "in the period"),
      kpi(facts, fmt, "orders.count", "Orders", "count", "in the period"),
      kpi(facts, fmt, "aov", "AOV", "currency", "revenue ÷ orders"),
      kpi(facts, fmt, "conversion.delay.median_days", "Days to first order", "days", "median"),
    ],
    present(charts.conversionDelay(ctx), charts.ordersPerBuyer(ctx), charts.aovMonthly(ctx), charts.ltvHeatmap(ctx), charts.ltvMean(ctx)),
  );
  const marketing = page(
    [
      kpi(facts, fmt, "cost", "Marketing cost", "currency", "in the period"),
      kpi(facts, fmt, "cac", "CAC", "currency", "cost ÷ buyers"),
      kpi(facts, fmt, "romi", "ROMI", "ratio", "revenue × margin ÷ cost"),
    ],
    present(charts.spendBySource(ctx), charts.cacBySource(ctx), charts.romiBySourceAge(ctx), charts.ltvVsCac(ctx)),
  );

  const pieces: PagePieces = {
    kpi: (id, label, display, hint, dims) => kpi(facts, fmt, id, label, display, hint, dims),
    page,
    table: (t) => {
      downloads.set(t.id, tableCsv(t));
      return t;
    },
  };
  const customerPages = customersPages(report, facts, fmt, ctx, pieces);
  const basket = basketPage(report, fmt, ctx, pieces);
  const clv = clvPage(report, fmt, ctx, pieces);
  const forecast = forecastPage(report, fmt, ctx, pieces);
  const budget = budgetPage(report, fmt, ctx, pieces);

  const campaignNames = new Map((report.series.campaign_summary ?? []).map((c) => [`${c.dataset ?? ""}|${c.campaign}`, c.campaign_name]));
  const recommendations = [...report.recommendations]
    .sort((a, b) => b.importance - a.importance || ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action))
    .map((r) => recommendationView(r, fmt, campaignNames));
  const campaigns = campaignsPage(report, fmt, ctx, pieces, recommendations);
  const experiments = experimentsPage(report, fmt, ctx, pieces);

  // Channels: one section per first-touch source, largest spend, then buyers, first.
  const sources = [...new Set([...facts.dimValues("buyers", ["source"], "source"), ...facts.dimValues("cost", ["source"], "source")])].sort(
    (a, b) =>
      (facts.value("cost", { source: b }) ?? -1) - (facts.value("cost", { source: a }) ?? -1) ||
      (facts.value("buyers", { source: b }) ?? 0) - (facts.value("buyers", { source: a }) ?? 0) ||
      (a < b ? -1 : 1),
  );
  const recBySource = new Map(report.recommendations.map((r) => [r.subject["source"], r]));
  const channels: ChannelView[] | null =
    sources.length === 0 || (!facts.has("buyers", { source: sources[0]! }) && !facts.has("cost", { source: sources[0]! }))
      ? null
      : sources.map((source, i) => {
          const k = (id: string, label: string, display: Display, hint: string): Kpi | null => kpi(facts, fmt, id, label, display, hint, { source });
          const rec = recBySource.get(source);
          return {
            source,
            anchor: anchorFor(source, i),
            funnel: [
              k("visits.users", "Visitors", "users", "first touch"),
              k("conversion.rate", "Conversion", "percent", "visitors who bought"),
              k("buyers", "Buyers", "users", "first touch"),
              k("revenue", "Revenue", "currency", "of those buyers"),
            ].filter((x): x is Kpi => x !== null),
            numbers: [
              k("cost", "Cost", "currency", "in the period"),
              k("cac", "CAC", "currency", "cost ÷ buyers"),
              k("romi", "ROMI", "ratio", "revenue × margin ÷ cost"),
              k("payback.months", "Payback", "months", "cohort age where ROMI ≥ 1"),
              k("conversion.delay.median_days", "Days to first order", "days", "median"),
            ].filter((x): x is Kpi => x !== null),
            recommendation: rec ? recommendationView(rec, fmt) : null,
          };
        });

  // Overview.
  const rows = report.datasets.reduce((s, d) => s + d.rows, 0);
  const rejected = report.datasets.reduce((s, d) => s + d.rows - d.used, 0);
  const reasons = new Map<string, number>();
  for (const d of report.datasets) for (const r of d.rejected) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + r.count);
  const reasonText = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${fmt.number(n, 0)} ${r}`)
    .join(", ");
  const health =
    `${report.datasets.length} dataset${report.datasets.length === 1 ? "" : "s"}, ${fmt.number(rows, 0)} rows, ` +
    `${fmt.number(rejected, 0)} rejected (${fmt.percent(rows ? rejected / rows : null)})${reasonText ? `: ${reasonText}` : ""}` +
    `${report.warnings.length ? `; ${report.warnings.length} warning${report.warnings.length === 1 ? "" : "s"}` : ""}.`;
  const overviewKpis = [
    kpi(facts, fmt, "revenue", "Revenue", "currency", "in the period"),
    kpi(facts, fmt, "buyers", "Buyers", "users", "distinct"),
    kpi(facts, fmt, "aov", "AOV", "currency", "revenue ÷ orders"),
    kpi(facts, fmt, "cost", "Marketing cost", "currency", "in the period"),
    kpi(facts, fmt, "cac", "CAC", "currency", "cost ÷ buyers"),
    kpi(facts, fmt, "romi", "ROMI", "ratio", "revenue × margin ÷ cost"),
    kpi(facts, fmt, "dau", "DAU", "users", "mean daily users"),
    kpi(facts, fmt, "wau", "WAU", "users", "mean weekly users"),
    kpi(facts, fmt, "mau", "MAU", "users", "mean monthly users"),
    kpi(facts, fmt, "conversion.rate", "Conversion rate", "percent", "visitors who bought"),
  ].filter((k): k is Kpi => k !== null);

  // Data page.
  const datasets: Table = {
    id: "datasets",
    caption: "Datasets and row accounting",
    columns: ["dataset", "kind", "files", "rows", "used", "rejected"],
    numeric: [false, false, false, true, true, true],
    rows: report.datasets.map((d) => [
      d.name,
      d.kind,
      d.files.map((f) => f.file).join(", "),
      fmt.number(d.rows, 0),
      fmt.number(d.used, 0),
      fmt.number(d.rows - d.used, 0),
    ]),
  };
  const rejections: Table = {
    id: "rejections",
    caption: "Rejected rows by reason, with the first places as file:line",
    columns: ["dataset", "reason", "rows", "examples"],
    numeric: [false, false, true, false],
    rows: report.datasets.flatMap((d) =>
      d.rejected.map((r) => [d.name, r.reason, fmt.number(r.count, 0), r.examples.join(", ") + (r.count > r.examples.length ? ", …" : "")]),
    ),
  };
  const shown = new Set(
    report.facts.map((f) =>
      metricKey(
        f.id,
        Object.keys(f.dims ?? {}).filter((d) => d !== DATASET_DIM),
      ),
    ),
  );
  const definitions: Table = {
    id: "definitions",
    caption: "Metric definitions",
    columns: ["metric", "name", "unit", "formula", "when absent or empty"],
    numeric: [false, false, false, false, false],
    rows: METRICS.filter((m: MetricDef) => shown.has(metricKey(m.id, m.dims))).map((m) => [
      m.dims.length ? `${m.id}{${m.dims.join(",")}}` : m.id,
      m.label,
      m.unit,
      m.formula,
      m.empty,
    ]),
  };
  const recTable: Table = {
    id: "recommendations",
    caption: "Recommendations",
    columns: ["subject", "action", "rule", "confidence", "why"],
    numeric: [false, false, false, false, false],
    rows: recommendations.map((r) => [r.subject, r.action, r.rule, r.confidence, r.why]),
  };
  for (const t of [datasets, rejections, definitions, recTable]) downloads.set(t.id, tableCsv(t));

  const p = report.period;
  const nav: NavItem[] = [
    { slug: "", title: "Overview" },
    ...(product ? [{ slug: "product" as const, title: "Product" }] : []),
    ...(sales ? [{ slug: "sales" as const, title: "Sales" }] : []),
    ...(marketing ? [{ slug: "marketing" as const, title: "Marketing" }] : []),
    ...(channels ? [{ slug: "channels" as const, title: "Channels" }] : []),
    ...(customerPages.customers ? [{ slug: "customers" as const, title: "Customers" }] : []),
    ...(customerPages.segments ? [{ slug: "segments" as const, title: "Segments" }] : []),
    ...(customerPages.hypotheses ? [{ slug: "hypotheses" as const, title: "Hypotheses" }] : []),
    ...(clv ? [{ slug: "clv" as const, title: "CLV" }] : []),
    ...(basket ? [{ slug: "basket" as const, title: "Basket" }] : []),
    ...(forecast ? [{ slug: "forecast" as const, title: "Forecast" }] : []),
    ...(campaigns ? [{ slug: "campaigns" as const, title: "Campaigns" }] : []),
    ...(experiments ? [{ slug: "experiments" as const, title: "Experiments" }] : []),
    ...(budget ? [{ slug: "budget" as const, title: "Budget" }] : []),
    ...(recommendations.length ? [{ slug: "recommendations" as const, title: "Recommendations" }] : []),
    ...(archive.list.length ? [{ slug: "versions" as const, title: "Versions" }] : []),
    { slug: "data", title: "Data" },
  ];
  return {
    title: report.title,
    period: p ? `${p.from} – ${p.to}` : MISSING,
    version: report.version.id,
    generator: report.generator,
    nav,
    overview: {
      kpis: overviewKpis,
      top: topRecommendations(recommendations, 3),
      health,
      warnings: report.warnings.map((w) => w.message),
      sinceLast: archive.sinceLast,
    },
    product,
    sales,
    marketing,
    channels,
    ...customerPages,
    clv,
    basket,
    forecast,
    campaigns,
    experiments,
    budget,
    recommendations,
    versions: archive.list,
    data: {
      period: p
        ? [
            { label: "Period", value: `${p.from} – ${p.to}`, hint: `${p.days} days, from ${p.activity}` },
            { label: "Complete months", value: String(p.completeMonths.length), hint: "used by monthly tables" },
            { label: "Complete ISO weeks", value: String(p.completeWeeks), hint: "used by weekly means" },
            { label: "Version", value: report.version.id, hint: report.generator },
          ]
        : [],
      completeMonths: p && p.completeMonths.length ? `${p.completeMonths[0]} … ${p.completeMonths[p.completeMonths.length - 1]}` : "none",
      datasets,
      rejections,
      merged: report.datasets
        .filter((d) => d.merged && d.merged.length > 0)
        .map((d) => ({
          dataset: d.name,
          lines: d.merged!.map((m) => `${m.role} ${m.label} ← ${m.spellings.map((x) => `${x.text} ${fmt.number(x.rows, 0)}`).join(", ")}`),
        })),
      ignored: report.ignored.map((x) => x.reason),
      warnings: report.warnings.map((w) => w.message),
      definitions,
    },
    downloads,
  };
}
