/**
 * Hypotheses about customers and segments, each tested with a test chosen
 * from the data, Holm-adjusted across the report.
 *
 * Choosing the test:
 * - a per-customer measure (spend per order, orders, revenue, recency) in
 *   two groups: Shapiro–Wilk on each group first (on an even sample of 5,000
 *   above that); Welch's t-test with Cohen's d when neither rejects
 *   normality at 5 %, else the Mann–Whitney U test with the rank-biserial
 *   correlation;
 * - a yes/no measure (bought again) in two groups: the pooled two-proportion
 *   z-test, effect = the difference in proportions; it needs at least 5
 *   successes and 5 failures per group (the normal approximation), else the
 *   hypothesis is not tested;
 * - the mix of a property across groups: the chi-square test of independence
 *   (Yates-corrected on 2 × 2) with Cramér's V; the 5 largest groups and
 *   values are kept and the rest merged into "other".
 *
 * Every test is two-sided; the result carries what was seen (means and
 * medians, shares, the mix's most over-represented cell) for the site to
 * state the direction. A group with fewer than 3 customers (or a mix table
 * smaller than 2 × 2) is not tested: its p-values and effect are null and
 * `untested` says why. `supported`: the Holm-adjusted p lies below ALPHA.
 * The site words the statement, the test, why it was chosen and the
 * conclusion (src/site/customers.ts).
 */
import { mean, median } from "simple-statistics";
import type { HypothesisConfig } from "../../schema/config.ts";
import { evenSample } from "../../stats/evenSample.ts";
import { chiSquareTest, cohensD, cramersV, holm, mannWhitneyU, rankBiserialOfU, shapiroWilk, twoProportionZTest, welchTTest } from "../../stats/index.ts";
import type { FactSink } from "../../facts/sink.ts";
import type { SeriesRow } from "../series.ts";
import type { CustomerAttributes } from "./attributes.ts";
import type { CustomerBase } from "./base.ts";

export const ALPHA = 0.05;
const SHAPIRO_MAX = 5_000;
const MIX_TOP = 5;
const OTHER = "other";

/** Everything a grouping or a measure can be read from, per base customer. */
export interface HypothesisData {
  readonly base: CustomerBase;
  readonly recency: Float64Array;
  readonly attributes: CustomerAttributes;
  /** The k-means segment name of each customer, when segmented. */
  readonly segment: readonly string[] | null;
  readonly rfm: readonly string[];
  /** Day number of the period's middle: first orders before it are "first half". */
  readonly midDay: number;
}

type Metric = NonNullable<HypothesisConfig["metric"]>;

/** The tests a hypothesis can get. */
export const HYPOTHESIS_TESTS = ["chi-square", "chi-square-yates", "z-proportions", "welch", "mann-whitney-exact", "mann-whitney-asymptotic"] as const;
/** Why a hypothesis was not tested: no grouping (`by`) or no mix property for the customers, a mix table under 2 × 2, a group under 3 customers, or under 5 of each outcome for the z-test. */
export const UNTESTED = ["no-grouping", "no-mix", "small-table", "small-group", "few-outcomes"] as const;
/** The effect size each test reports. */
export const EFFECTS = ["cramers-v", "proportion-difference", "cohens-d", "rank-biserial"] as const;

/** A grouping: each customer's group name, or null when unknown. */
function grouping(by: string, data: HypothesisData): ((i: number) => string | null) | null {
  const { attributes: a, base } = data;
  if (by === "segment") return data.segment ? (i) => data.segment![i]! : null;
  if (by === "rfm") return (i) => data.rfm[i]!;
  if (by === "repeat") return (i) => (base.orders[i]! >= 2 ? "repeat buyers" : "one-time buyers");
  if (by === "acquired") return (i) => (base.firstDay[i]! < data.midDay ? "first-half customers" : "second-half customers");
  if (by === "age" && a.age) {
    const age = a.age;
    return (i) => (Number.isNaN(age[i]!) ? null : age[i]! < 35 ? "under 35" : "35 and over");
  }
  const channel = a.channels.get(by as never);
  if (channel) return (i) => (Number.isNaN(channel[i]!) ? null : channel[i] ? `reachable by ${by}` : `not reachable by ${by}`);
  const label = a.labels.find((p) => p.name === by);
  if (label) return (i) => (label.values[i]! < 0 ? null : a.text[label.values[i]!]!);
  return null;
}

function measure(metric: Metric, data: HypothesisData): (i: number) => number {
  const { base, recency } = data;
  switch (metric) {
    case "aov":
      return (i) => base.revenue[i]! / base.orders[i]!;
    case "frequency":
      return (i) => base.orders[i]!;
    case "monetary":
      return (i) => base.revenue[i]!;
    case "recency":
      return (i) => recency[i]!;
    case "repeat":
      return (i) => (base.orders[i]! >= 2 ? 1 : 0);
  }
}

/** Group sizes, largest first (ties by name). */
function groupSizes(group: (i: number) => string | null, n: number): [string, number][] {
  const sizes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = group(i);
    if (g !== null) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  }
  return [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** One hypothesis tested: what it compares, the test and its numbers, and what was seen. */
export interface HypothesisResult {
  readonly id: string;
  readonly metric: Metric | null;
  readonly mix: string | null;
  readonly by: string;
  /** The groups compared (for a mix, its rows), with their customers. */
  readonly groups: readonly { readonly label: string; readonly customers: number }[];
  readonly test: (typeof HYPOTHESIS_TESTS)[number] | null;
  readonly untested: (typeof UNTESTED)[number] | null;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly effect: number | null;
  readonly effectName: (typeof EFFECTS)[number] | null;
  /** Shapiro–Wilk p of each group (null: all values equal), for a per-customer measure. */
  readonly shapiro: readonly [number | null, number | null] | null;
  /** A mix's table: rows × columns, and how many expected counts are below 5. */
  readonly table: { readonly rows: number; readonly columns: number; readonly smallExpected: number } | null;
  /** What was seen: each group's mean and median, or share that bought again; for a mix, the cell furthest above its expected count. */
  readonly seen:
    | { readonly kind: "means"; readonly means: readonly [number, number]; readonly medians: readonly [number, number] }
    | { readonly kind: "shares"; readonly shares: readonly [number, number] }
    | { readonly kind: "over"; readonly group: string; readonly value: string; readonly ratio: number }
    | null;
}

const sampled = (v: Float64Array): Float64Array => Float64Array.from(evenSample(v.length, SHAPIRO_MAX), (i) => v[i]!);

/** A hypothesis that was not tested, and why. */
function untested(h: HypothesisConfig, why: (typeof UNTESTED)[number], groups: HypothesisResult["groups"] = []): HypothesisResult {
  return {
    id: h.id,
    metric: h.metric ?? null,
    mix: h.mix ?? null,
    by: h.by,
    groups,
    test: null,
    untested: why,
    statistic: null,
    pValue: null,
    effect: null,
    effectName: null,
    shapiro: null,
    table: null,
    seen: null,
  };
}

/** Tests one hypothesis. */
export function testHypothesis(h: HypothesisConfig, data: HypothesisData): HypothesisResult {
  const n = data.base.n;
  const group = grouping(h.by, data);
  if (h.mix !== undefined) {
    const of = grouping(h.mix, data);
    if (!group) return untested(h, "no-grouping");
    if (!of) return untested(h, "no-mix");
    const keep = (sizes: [string, number][]): Set<string> => new Set(sizes.slice(0, MIX_TOP).map(([g]) => g));
    const rows = keep(groupSizes(group, n));
    const cols = keep(groupSizes(of, n));
    const counts = new Map<string, Map<string, number>>();
    for (let i = 0; i < n; i++) {
      const g = group(i);
      const v = of(i);
      if (g === null || v === null) continue;
      const r = rows.has(g) ? g : OTHER;
      const c = cols.has(v) ? v : OTHER;
      if (!counts.has(r)) counts.set(r, new Map());
      counts.get(r)!.set(c, (counts.get(r)!.get(c) ?? 0) + 1);
    }
    const rowNames = [...counts.keys()].sort();
    const colNames = [...new Set([...counts.values()].flatMap((m) => [...m.keys()]))].sort();
    const groups = rowNames.map((r) => ({ label: r, customers: [...counts.get(r)!.values()].reduce((a, b) => a + b, 0) }));
    if (rowNames.length < 2 || colNames.length < 2) return untested(h, "small-table", groups);
    const table = rowNames.map((r) => colNames.map((c) => counts.get(r)!.get(c) ?? 0));
    const res = chiSquareTest(table);
    const small = res.expected.flat().filter((e) => e < 5).length;
    const v = cramersV(table);
    // The cell furthest above its expected count says where the mix differs.
    let best = { r: 0, c: 0, lift: -Infinity };
    table.forEach((row, r) => row.forEach((o, c) => (o / res.expected[r]![c]! > best.lift ? (best = { r, c, lift: o / res.expected[r]![c]! }) : null)));
    return {
      ...untested(h, "small-table", groups),
      untested: null,
      test: table.length === 2 && colNames.length === 2 ? "chi-square-yates" : "chi-square",
      statistic: res.statistic,
      pValue: res.pValue,
      effect: v,
      effectName: "cramers-v",
      table: { rows: table.length, columns: colNames.length, smallExpected: small },
      seen: { kind: "over", group: rowNames[best.r]!, value: colNames[best.c]!, ratio: best.lift },
    };
  }

  const metric = h.metric!;
  if (!group) return untested(h, "no-grouping");
  const sizes = groupSizes(group, n);
  const [a, b] = h.groups ?? [sizes[0]?.[0] ?? "", sizes[1]?.[0] ?? ""];
  const value = measure(metric, data);
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = group(i);
    if (g === null) continue;
    if (g === a) xa.push(value(i));
    else if (g === b || (b === OTHER && g !== a)) xb.push(value(i));
  }
  const groups = [
    { label: a, customers: xa.length },
    { label: b, customers: xb.length },
  ];
  if (xa.length < 3 || xb.length < 3) return untested(h, "small-group", groups);
  const tested = { ...untested(h, "small-group", groups), untested: null };
  const x = Float64Array.from(xa);
  const y = Float64Array.from(xb);

  if (metric === "repeat") {
    const sa = x.reduce((s, v) => s + v, 0);
    const sb = y.reduce((s, v) => s + v, 0);
    if (Math.min(sa, x.length - sa, sb, y.length - sb) < 5) return untested(h, "few-outcomes", groups);
    const res = twoProportionZTest(sa, x.length, sb, y.length);
    const pa = sa / x.length;
    const pb = sb / y.length;
    return {
      ...tested,
      test: "z-proportions",
      statistic: res.statistic,
      pValue: res.pValue,
      effect: pa - pb,
      effectName: "proportion-difference",
      seen: { kind: "shares", shares: [pa, pb] },
    };
  }

  const swA = shapiroWilk(sampled(x));
  const swB = shapiroWilk(sampled(y));
  const normal = swA.pValue !== null && swB.pValue !== null && swA.pValue >= ALPHA && swB.pValue >= ALPHA;
  const seen = {
    kind: "means" as const,
    means: [mean(x as unknown as number[]), mean(y as unknown as number[])] as const,
    medians: [median(x as unknown as number[]), median(y as unknown as number[])] as const,
  };
  const shapiro = [swA.pValue, swB.pValue] as const;
  if (normal) {
    const res = welchTTest(x, y);
    return { ...tested, test: "welch", statistic: res.statistic, pValue: res.pValue, effect: cohensD(x, y), effectName: "cohens-d", shapiro, seen };
  }
  const res = mannWhitneyU(x, y);
  return {
    ...tested,
    test: res.method === "exact" ? "mann-whitney-exact" : "mann-whitney-asymptotic",
    statistic: res.statistic,
    pValue: res.pValue,
    // From the test's own U, rather than ranking the samples again.
    effect: rankBiserialOfU(res.statistic, x.length, y.length),
    effectName: "rank-biserial",
    shapiro,
    seen,
  };
}

/**
 * Candidate hypotheses for a report whose config names none, in order of
 * interest; `hypotheses` keeps the first 5 that can be tested.
 */
export function generateHypotheses(data: HypothesisData): HypothesisConfig[] {
  const out: HypothesisConfig[] = [];
  const n = data.base.n;
  const a = data.attributes;
  if (data.segment) out.push({ id: "aov-by-segment", metric: "aov", by: "segment" });
  // The channel whose reach splits customers most evenly.
  let bestChannel: string | null = null;
  let bestBalance = Infinity;
  for (const [channel, flags] of a.channels) {
    let yes = 0;
    let known = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(flags[i]!)) {
        yes += flags[i]!;
        known++;
      }
    }
    if (known === 0 || yes < 3 || known - yes < 3) continue;
    const balance = Math.abs(yes / known - 0.5);
    if (balance < bestBalance) {
      bestBalance = balance;
      bestChannel = channel;
    }
  }
  if (bestChannel)
    out.push({
      id: `frequency-by-${bestChannel}`,
      metric: "frequency",
      by: bestChannel,
      groups: [`reachable by ${bestChannel}`, `not reachable by ${bestChannel}`],
    });
  if (data.segment && a.labels.some((p) => p.name === "gender")) out.push({ id: "gender-mix-by-segment", mix: "gender", by: "segment" });
  const place = a.labels.find((p) => p.name === "country") ?? a.labels.find((p) => p.name === "city");
  if (place) {
    const top = groupSizes(grouping(place.name, data)!, n)[0]?.[0];
    if (top !== undefined) {
      out.push({ id: `monetary-by-${place.name}`, metric: "monetary", by: place.name, groups: [top, OTHER] });
      out.push({ id: `repeat-by-${place.name}`, metric: "repeat", by: place.name, groups: [top, OTHER] });
    }
  }
  if (a.age) out.push({ id: "aov-by-age", metric: "aov", by: "age", groups: ["under 35", "35 and over"] });
  out.push({ id: "aov-repeat-vs-one-time", metric: "aov", by: "repeat", groups: ["repeat buyers", "one-time buyers"] });
  out.push({ id: "aov-by-acquisition-half", metric: "aov", by: "acquired", groups: ["first-half customers", "second-half customers"] });
  return out;
}

/** At most this many generated hypotheses are reported, and at least `MIN_GENERATED` when there are that many candidates. */
export const MAX_GENERATED = 5;
export const MIN_GENERATED = 3;

/**
 * Tests the hypotheses, adjusts with Holm over those tested, and emits the
 * facts and table rows. Hypotheses from the config are all reported;
 * generated ones (`generated: true`) are cut to the first 5 that can be
 * tested, topped up to 3 with untestable ones (shown with the reason).
 */
export function hypotheses(list: readonly HypothesisConfig[], data: HypothesisData, sink: FactSink, generated = false): SeriesRow<"hypotheses">[] {
  let results = list.map((h) => testHypothesis(h, data));
  if (generated) {
    const tested = results.filter((r) => r.pValue !== null).slice(0, MAX_GENERATED);
    const untested = results.filter((r) => r.pValue === null).slice(0, Math.max(0, MIN_GENERATED - tested.length));
    results = results.filter((r) => tested.includes(r) || untested.includes(r));
  }
  const testedIdx = results.map((r, i) => [r.pValue, i] as const).filter((x): x is readonly [number, number] => x[0] !== null);
  const adjusted = new Map<number, number>();
  holm(testedIdx.map(([p]) => p)).forEach((p, j) => adjusted.set(testedIdx[j]![1], p));
  return results.map((r, i) => {
    const pAdj = adjusted.get(i) ?? null;
    sink.add("hypothesis.p_value", r.pValue, { hypothesis: r.id });
    sink.add("hypothesis.p_adjusted", pAdj, { hypothesis: r.id });
    sink.add("hypothesis.effect", r.effect, { hypothesis: r.id });
    return {
      hypothesis: r.id,
      metric: r.metric,
      mix: r.mix,
      by: r.by,
      groups: [...r.groups],
      test: r.test,
      untested: r.untested,
      statistic: r.statistic,
      p_value: r.pValue,
      p_adjusted: pAdj,
      supported: pAdj === null ? null : pAdj < ALPHA,
      effect: r.effect,
      effect_name: r.effectName,
      shapiro: r.shapiro ? [...r.shapiro] : null,
      table_rows: r.table?.rows ?? null,
      table_columns: r.table?.columns ?? null,
      small_expected: r.table?.smallExpected ?? null,
      means: r.seen?.kind === "means" ? [...r.seen.means] : null,
      medians: r.seen?.kind === "means" ? [...r.seen.medians] : null,
      shares: r.seen?.kind === "shares" ? [...r.seen.shares] : null,
      over: r.seen?.kind === "over" ? { group: r.seen.group, value: r.seen.value, ratio: r.seen.ratio } : null,
    };
  });
}
