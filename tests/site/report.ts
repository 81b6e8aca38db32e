/** Hand-made report documents for the site-model tests: valid, and only as full as a test needs. */
import { z } from "zod";
import { SERIES_ROWS, type Series, type SeriesName, type SeriesRow } from "../../src/analyses/series.ts";
import { REPORT_SCHEMA_VERSION, type Fact, type Recommendation, type Report, type Warning } from "../../src/schema/report.ts";

export function report(parts: {
  series?: Series;
  facts?: Fact[];
  recommendations?: Recommendation[];
  warnings?: Warning[];
  annotations?: Report["annotations"];
  datasets?: Report["datasets"];
}): Report {
  return {
    schema: REPORT_SCHEMA_VERSION,
    generator: "romi test",
    version: { id: "000000000000" },
    title: "Test",
    currency: "USD",
    locale: "en-US",
    timezone: "UTC",
    margin: 1,
    period: null,
    datasets: parts.datasets ?? [],
    ignored: [],
    warnings: parts.warnings ?? [],
    ...(parts.annotations ? { annotations: parts.annotations } : {}),
    facts: parts.facts ?? [],
    recommendations: parts.recommendations ?? [],
    series: parts.series ?? {},
  };
}

/** A campaign KPI row: the given breakdown and sums, rates from them, no interval when view-through. */
export function kpiRow(o: {
  breakdown: string;
  dataset?: string;
  channel?: string;
  campaign?: string;
  name?: string;
  segment?: string;
  clicks: number;
  conversions: number;
  spend: number;
  revenue?: number;
  lo?: number;
  hi?: number;
  /** The analysis's leader of its breakdown. */
  leading?: boolean;
}): SeriesRow<"campaign_kpis"> {
  const vt = o.conversions > o.clicks;
  return {
    ...(o.dataset ? { dataset: o.dataset } : {}),
    breakdown: o.breakdown,
    channel: o.channel ?? null,
    region: null,
    segment: o.segment ?? null,
    device: null,
    campaign: o.campaign ?? null,
    campaign_name: o.campaign ? (o.name ?? o.campaign) : null,
    rows: 1,
    impressions: o.clicks * 10,
    clicks: o.clicks,
    leads: null,
    conversions: o.conversions,
    spend: o.spend,
    revenue: o.revenue ?? null,
    ctr: 0.1,
    ctr_lo95: 0.09,
    ctr_hi95: 0.11,
    cpc: o.spend / o.clicks,
    cvr: o.conversions / o.clicks,
    cvr_lo95: vt ? null : (o.lo ?? null),
    cvr_hi95: vt ? null : (o.hi ?? null),
    view_through: vt,
    leading: o.leading ?? false,
    cpa: o.spend / o.conversions,
    roas: o.revenue === undefined ? null : o.revenue / o.spend,
    roi: o.revenue === undefined ? null : o.revenue / o.spend - 1,
  };
}

/**
 * A row of the series `name` with only the fields a test cares about given:
 * every other field takes a blank of its declared type (null where it can be
 * null, else 0, "", false, the first enum value, an empty list or record;
 * optional fields are left out). The result is checked against the schema.
 */
export function row<N extends SeriesName>(name: N, given: Partial<SeriesRow<N>>): SeriesRow<N> {
  const schema = SERIES_ROWS[name] as unknown as z.ZodObject<Record<string, z.ZodType>>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (key in given) out[key] = (given as Record<string, unknown>)[key];
    else if (!(field instanceof z.ZodOptional)) out[key] = blank(field);
  }
  return schema.parse(out) as SeriesRow<N>;
}

function blank(field: z.ZodType): unknown {
  if (field instanceof z.ZodNullable) return null;
  if (field instanceof z.ZodNumber) return 0;
  if (field instanceof z.ZodString) return ["", "2025-01-01", "2025-01"].find((t) => field.safeParse(t).success);
  if (field instanceof z.ZodBoolean) return false;
  if (field instanceof z.ZodEnum) return field.options[0];
  if (field instanceof z.ZodArray) return [];
  if (field instanceof z.ZodRecord) return {};
  throw new Error(`no blank for a field of type ${field.def.type}`);
}
