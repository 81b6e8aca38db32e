/**
 * The Experiments page as data, one section per experiment dataset: each
 * treatment's decision and reason first, then the variants, the comparison
 * with the control, the sample-ratio check, power, the posteriors, users per
 * day and the data-quality warnings.
 */
import { SERIES, type SeriesRow } from "../analyses/series.ts";
import { scoped, type Scope } from "../charts/campaigns.ts";
import type { ChartContext } from "../charts/common.ts";
import { dailyUsersChart, posteriorChart } from "../charts/experiments.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { Report } from "../schema/report.ts";
import { pValue } from "./customers.ts";
import type { Formatter } from "./format.ts";
import type { CardTableView, Chart } from "./model.ts";
import type { PagePieces } from "./pieces.ts";

/** Below this sample-ratio-mismatch p the split is broken (the engine's SRM_ALPHA). */
export const SRM_WARNING_P = 0.001;

export interface DecisionView {
  readonly variant: string;
  readonly control: string;
  /** ship, don't ship or keep running. */
  readonly decision: string;
  readonly reason: string;
}

export interface ExperimentSection {
  /** The dataset's name, or null when the report has one experiment. */
  readonly dataset: string | null;
  readonly anchor: string;
  readonly decisions: readonly DecisionView[];
  readonly variants: CardTableView;
  readonly comparison: CardTableView | null;
  /** The sample-ratio check in a sentence; `broken` when p < 0.001. */
  readonly srm: { readonly text: string; readonly broken: boolean } | null;
  /** Per treatment: the users the minimum detectable effect needs, and whether the test had them. */
  readonly power: readonly string[];
  readonly charts: readonly Chart[];
  /** Data-quality warnings (`experiments.*`) about this experiment. */
  readonly warnings: readonly string[];
}

export interface ExperimentsPage {
  readonly sections: readonly ExperimentSection[];
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** null without experiment data. */
export function experimentsPage(report: Report, fmt: Formatter, ctx: ChartContext, pieces: PagePieces): ExperimentsPage | null {
  const variantRows = report.series[SERIES.experimentVariants] ?? [];
  if (variantRows.length === 0) return null;
  const datasets = [...new Set(variantRows.map((r) => (r["dataset"] === undefined ? null : text(r["dataset"]))))];
  const pct = new Intl.NumberFormat(report.locale, { style: "percent", maximumSignificantDigits: 3 });
  const rate = (v: unknown): string => (num(v) === null ? fmt.number(null) : pct.format(num(v)!));
  const sign = (v: number): string => (v > 0 ? "+" : v < 0 ? "−" : "");
  const pts = (v: unknown): string => (num(v) === null ? fmt.number(null) : `${sign(num(v)!)}${fmt.number(Math.abs(num(v)!) * 100, 2)} pts`);
  const rel = (v: unknown): string => (num(v) === null ? fmt.number(null) : `${sign(num(v)!)}${pct.format(Math.abs(num(v)!))}`);
  const users = (v: unknown): string => fmt.number(num(v), 0);
  // Expected losses are often tiny: two significant digits, so 0.00003 reads "0.003 pts", not "0 pts".
  const small = new Intl.NumberFormat(report.locale, { maximumSignificantDigits: 2 });
  const lossPts = (v: unknown): string => (num(v) === null ? fmt.number(null) : `${small.format(num(v)! * 100)} pts`);

  const sections = datasets.map((dataset, index): ExperimentSection => {
    const scope: Scope = { dataset, suffix: datasets.length > 1 ? `-${index + 1}` : "" };
    const rows = (name: string): SeriesRow[] => scoped(ctx, name, scope);
    const arms = rows(SERIES.experimentVariants);
    const results = rows(SERIES.experimentResults);
    const hasRevenue = arms.some((a) => num(a["revenue"]) !== null);
    const variants = {
      emphasis: arms.map(() => false),
      table: pieces.table({
        id: `experiment-variants${scope.suffix}`,
        caption: "Variants: users exposed, users who converted, and the rate with its Wilson 95% interval",
        columns: ["variant", "users", "conversions", "conversion rate", "95% interval", ...(hasRevenue ? ["revenue per user"] : [])],
        numeric: [false, true, true, true, true, ...(hasRevenue ? [true] : [])],
        rows: arms.map((a) => [
          `${text(a["variant"])}${a["control"] === 1 && text(a["variant"]).toLowerCase() !== "control" ? " (control)" : ""}`,
          users(a["users"]),
          users(a["conversions"]),
          rate(a["cvr"]),
          num(a["lo95"]) === null ? fmt.number(null) : `${rate(a["lo95"])} – ${rate(a["hi95"])}`,
          ...(hasRevenue ? [fmt.money(num(a["revenue_per_user"]))] : []),
        ]),
      }),
    };
    const comparison = results.length
      ? {
          table: pieces.table({
            id: `experiment-results${scope.suffix}`,
            caption: "Each treatment against the control: lift with 95% intervals, the pooled z-test, and the Bayesian view (Beta(1, 1) priors)",
            columns: ["treatment", "decision", "lift", "lift, 95% CI", "relative lift", "relative, 95% CI", "p", "P(better)", "expected loss"],
            numeric: [false, false, true, true, true, true, true, true, true],
            rows: results.map((r) => [
              `${text(r["variant"])} vs ${text(r["control"])}`,
              text(r["decision"]),
              pts(r["lift_abs"]),
              `${pts(r["lift_abs_lo95"])} to ${pts(r["lift_abs_hi95"])}`,
              rel(r["lift_rel"]),
              num(r["lift_rel_lo95"]) === null ? fmt.number(null) : `${rel(r["lift_rel_lo95"])} to ${rel(r["lift_rel_hi95"])}`,
              `${pValue(num(r["p_value"]), fmt)}${r["alternative"] && r["alternative"] !== "two-sided" ? ` (${text(r["alternative"])})` : ""}`,
              fmt.percent(num(r["p_better"])),
              lossPts(r["expected_loss"]),
            ]),
          }),
          emphasis: results.map((r) => r["decision"] === "ship"),
        }
      : null;

    // The SRM check is per experiment: every result row carries the same one.
    const first = results[0];
    const srmP = num(first?.["srm_p"]);
    const split = arms.map((a) => `${users(a["users"])} ${text(a["variant"])}`).join(", ");
    const srm =
      srmP === null
        ? null
        : srmP < SRM_WARNING_P
          ? {
              broken: true,
              text: `Sample ratio mismatch: users did not split as planned (${split}; χ² = ${fmt.number(num(first!["srm_chi2"]), 2)}, p ${pValue(srmP, fmt).startsWith("<") ? pValue(srmP, fmt) : `= ${pValue(srmP, fmt)}`}). Assignment or logging is broken, so every comparison below may be biased: find the cause before trusting it.`,
            }
          : {
              broken: false,
              text: `Users split as planned (${split}): the sample-ratio check finds no mismatch (χ² = ${fmt.number(num(first!["srm_chi2"]), 2)}, p = ${pValue(srmP, fmt)}; a mismatch is p < ${SRM_WARNING_P}).`,
            };
    const power = results.map((r) => {
      const needed = num(r["needed_per_variant"]);
      const had = num(r["users_per_variant"]);
      const what = `a lift of ${pts(r["mde"]).replace(/^\+/, "")} (the minimum detectable effect)`;
      if (needed === null) return `${text(r["variant"])}: the users needed to detect ${what} cannot be computed from the control's rate.`;
      return `${text(r["variant"])}: detecting ${what} needs ${users(needed)} users per variant; the test had ${users(had)} in its smaller variant, ${r["powered"] === 1 ? "enough" : `not enough (${users(needed - (had ?? 0))} more per variant)`}. Its power for that lift: ${fmt.percent(num(r["power"]))}.`;
    });
    const charts =
      pieces.page(
        [],
        [posteriorChart(ctx, scope), dailyUsersChart(ctx, scope)].filter((c): c is ChartSpec => c !== null),
      )?.charts ?? [];
    return {
      dataset,
      anchor: `experiment-${index + 1}`,
      decisions: results.map((r) => ({ variant: text(r["variant"]), control: text(r["control"]), decision: text(r["decision"]), reason: text(r["reason"]) })),
      variants,
      comparison,
      srm,
      power,
      charts,
      warnings: report.warnings
        .filter((w) => w.code.startsWith("experiments.") && (w.dims?.["dataset"] ?? null) === dataset)
        .map((w) => `${w.message[0]!.toUpperCase()}${w.message.slice(1)}.`),
    };
  });
  return { sections };
}
