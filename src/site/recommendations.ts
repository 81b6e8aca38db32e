/**
 * Recommendations as cards: every rule's recommendation, most important
 * first, with its numbers formatted in their units; the overview's few;
 * and the Recommendations page.
 */
import { METRICS } from "../analyses/catalogue.ts";
import { DERIVED_NUMBERS, type DerivedNumber } from "../rules/numbers.ts";
import type { Recommendation, Report, Unit } from "../schema/report.ts";
import type { Formatter } from "../words/format.ts";
import { ruleName } from "../words/rules.ts";
import { why } from "../words/why.ts";
import type { SiteContext } from "./context.ts";
import type { RecommendationView, Table } from "./views.ts";

const ACTION_ORDER: readonly Recommendation["action"][] = ["cut", "stop", "investigate", "scale", "optimize", "keep", "continue", "insufficient data"];

/** Actions that keep things as they are: shown on the overview only when nothing needs doing. */
const STATUS_QUO: ReadonlySet<Recommendation["action"]> = new Set(["keep", "continue", "insufficient data"]);
/** Actions that stop a loss: shown on the overview before other changes. */
const URGENT: ReadonlySet<Recommendation["action"]> = new Set(["cut", "stop"]);

/**
 * A recommendation number's name and unit: its metric's in the catalogue,
 * with the dim a rule folded into the id in place of the label's "by <dim>"
 * ("segments.channel.reach.email" → "Channel reach: email",
 * "clv.expected_12m.5" → "Predicted 12-month CLV, band 5"); a derived
 * number's declaration (`DERIVED_NUMBERS`); the id itself, as a ratio, only
 * when nothing names it (a number of an older report).
 * @example numberDef("campaign.lift.lo95"); // => { label: "Campaign lift, 95% low", unit: "count" }
 */
export function numberDef(id: string): { readonly label: string; readonly unit: Unit } {
  const exact = METRICS.find((m) => m.id === id);
  if (exact) return { label: exact.label, unit: exact.unit };
  if (Object.hasOwn(DERIVED_NUMBERS, id)) return { ...DERIVED_NUMBERS[id as DerivedNumber] };
  const parent = foldedParent(id);
  if (!parent) return { label: id, unit: "ratio" };
  const value = id.slice(id.lastIndexOf(".") + 1);
  // The folded dim is the metric's last (the others are the subject's); "… by band" names it already, so the value takes its place.
  const dim = parent.dims[parent.dims.length - 1] ?? "";
  const by = ` by ${dim}`;
  const base = parent.label.endsWith(by) ? parent.label.slice(0, -by.length) : parent.label;
  return { label: dim === "band" ? `${base}, band ${value}` : `${base}: ${value}`, unit: parent.unit };
}

/**
 * The metric with dims whose id is `id` without its last part: the metric of a
 * number into whose id a rule folded a dim ("clv.expected_12m.5").
 */
function foldedParent(id: string): (typeof METRICS)[number] | undefined {
  const at = id.lastIndexOf(".");
  return at > 0 ? METRICS.find((m) => m.id === id.slice(0, at) && m.dims.length > 0) : undefined;
}

/** The report's recommendations as cards, most important first (ties: the more urgent action); campaigns carry their names. */
export function recommendationViews(report: Report, fmt: Formatter): RecommendationView[] {
  const names = new Map((report.series.campaign_summary ?? []).map((c) => [`${c.dataset ?? ""}|${c.campaign}`, c.campaign_name]));
  return [...report.recommendations]
    .sort((a, b) => b.importance - a.importance || ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action))
    .map((r) => recommendationView(r, fmt, names));
}

/** `names` gives a campaign's name by `dataset|campaign` ("" for no dataset), shown beside its id. */
export function recommendationView(r: Recommendation, fmt: Formatter, names: ReadonlyMap<string, string> = new Map()): RecommendationView {
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
    ruleName: ruleName(r.rule),
    why: why(r, fmt),
    confidence: r.confidence,
    numbers: Object.entries(r.numbers)
      .filter((e): e is [string, number] => e[1] !== null)
      .map(([id, v]) => {
        const { label, unit } = numberDef(id);
        return { label, value: fmt(v, unit) };
      }),
  };
}

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
  const ranked = byUrgency(views);
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

/** Whether a recommendation keeps things as they are (keep, continue, insufficient data) rather than asking for a change. */
export const keepsAsIs = (v: RecommendationView): boolean => STATUS_QUO.has(v.action);

/** How urgent an action is: 0 stops a loss (cut, stop), 1 changes something, 2 keeps things as they are. */
const urgency = (v: RecommendationView): number => (URGENT.has(v.action) ? 0 : keepsAsIs(v) ? 2 : 1);

/** The cards, most urgent first, and within each urgency in their order (most important first). */
export const byUrgency = (views: readonly RecommendationView[]): RecommendationView[] => [0, 1, 2].flatMap((g) => views.filter((v) => urgency(v) === g));

/** Status-quo cards the Recommendations page shows open; more than this are folded under a count. */
const OPEN_AS_IS = 3;

/** How a folded summary counts each action that keeps things as they are. */
const AS_IS_WORDS: Readonly<Record<string, string>> = { keep: "keep", continue: "continue", "insufficient data": "with too little data to judge" };

export interface RecommendationsPage {
  /** Every card that asks for a change, most urgent first, then the status-quo ones unless they are folded. */
  readonly cards: readonly RecommendationView[];
  /** More than OPEN_AS_IS cards that keep things as they are, under a summary that counts them: "21 more that keep things as they are: 19 continue, 2 keep". */
  readonly asIs: { readonly summary: string; readonly cards: readonly RecommendationView[] } | null;
  /** Every card's row, for the CSV. */
  readonly table: Table;
}

/** The Recommendations page: the cards, most urgent first, those that keep things as they are folded when many, and their table as a CSV; null without any. */
export function recommendationsPage({ recommendations: views, pieces }: SiteContext): RecommendationsPage | null {
  if (views.length === 0) return null;
  const all = byUrgency(views);
  const table = pieces.table({
    id: "recommendations",
    caption: "Recommendations",
    columns: ["subject", "action", "rule", "confidence", "why"],
    numeric: [false, false, false, false, false],
    rows: all.map((r) => [r.subject, r.action, r.rule, r.confidence, r.why]),
  });
  const asIs = all.filter((v) => STATUS_QUO.has(v.action));
  if (asIs.length <= OPEN_AS_IS) return { cards: all, asIs: null, table };
  const counts = new Map<string, number>();
  for (const v of asIs) counts.set(v.action, (counts.get(v.action) ?? 0) + 1);
  const summary = `${asIs.length} more that keep things as they are: ${[...counts].map(([action, n]) => `${n} ${AS_IS_WORDS[action] ?? action}`).join(", ")}`;
  return { cards: all.filter((v) => !STATUS_QUO.has(v.action)), asIs: { summary, cards: asIs }, table };
}
