/**
 * The Experiments page as data, one section per experiment dataset: each
 * treatment's decision and reason first, then the variants, the comparison
 * with the control, the sample-ratio check, power, the posteriors, users per
 * day and the data-quality warnings.
 */
import type { SeriesRow } from "../analyses/series.ts";
import { SRM_ALPHA } from "../analyses/experiments/decision.ts";
import type { Formatter } from "../words/format.ts";
import { warningText } from "../words/warnings.ts";
import type { SiteContext } from "./context.ts";
import { scoped, type Scope } from "../charts/campaigns.ts";
import { dailyUsersChart, posteriorChart } from "../charts/experiments.ts";
import type { ChartSpec } from "../charts/spec.ts";
import { pValue } from "./customers.ts";
import type { CardTableView, Chart } from "./views.ts";

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

/** null without experiment data. */
export function experimentsPage({ report, fmt, charts: ctx, pieces }: SiteContext): ExperimentsPage | null {
  const variantRows = report.series.experiment_variants ?? [];
  if (variantRows.length === 0) return null;
  const datasets = [...new Set(variantRows.map((r) => (r.dataset === undefined ? null : r.dataset)))];
  const rate = fmt.rate;
  const sign = (v: number): string => (v > 0 ? "+" : v < 0 ? "−" : "");
  const pts = (v: number | null): string => (v === null ? fmt.number(null) : `${sign(v)}${fmt.number(Math.abs(v) * 100, 2)} pts`);
  const rel = (v: number | null): string => (v === null ? fmt.number(null) : `${sign(v)}${rate(Math.abs(v))}`);
  const users = (v: number | null): string => fmt.number(v, 0);
  // Expected losses are often tiny: two significant digits, so 0.00003 reads "0.003 pts", not "0 pts".
  const lossPts = (v: number | null): string => (v === null ? fmt.number(null) : `${fmt.significant(v * 100, 2)} pts`);

  const sections = datasets.map((dataset, index): ExperimentSection => {
    const scope: Scope = { dataset, suffix: datasets.length > 1 ? `-${index + 1}` : "" };
    const arms = scoped(ctx, "experiment_variants", scope);
    const results = scoped(ctx, "experiment_results", scope);
    const hasRevenue = arms.some((a) => a.revenue !== null);
    const variants = {
      emphasis: arms.map(() => false),
      table: pieces.table({
        id: `experiment-variants${scope.suffix}`,
        caption: "Variants: users exposed, users who converted, and the rate with its Wilson 95% interval",
        columns: ["variant", "users", "conversions", "conversion rate", "95% interval", ...(hasRevenue ? ["revenue per user"] : [])],
        numeric: [false, true, true, true, true, ...(hasRevenue ? [true] : [])],
        rows: arms.map((a) => [
          `${a.variant}${a.control && a.variant.toLowerCase() !== "control" ? " (control)" : ""}`,
          users(a.users),
          users(a.conversions),
          rate(a.cvr),
          a.lo95 === null ? fmt.number(null) : `${rate(a.lo95)} – ${rate(a.hi95)}`,
          ...(hasRevenue ? [fmt.money(a.revenue_per_user)] : []),
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
              `${r.variant} vs ${r.control}`,
              r.decision,
              pts(r.lift_abs),
              `${pts(r.lift_abs_lo95)} to ${pts(r.lift_abs_hi95)}`,
              rel(r.lift_rel),
              r.lift_rel_lo95 === null ? fmt.number(null) : `${rel(r.lift_rel_lo95)} to ${rel(r.lift_rel_hi95)}`,
              `${pValue(r.p_value, fmt)}${r.alternative && r.alternative !== "two-sided" ? ` (${r.alternative})` : ""}`,
              fmt.percent(r.p_better),
              lossPts(r.expected_loss),
            ]),
          }),
          emphasis: results.map((r) => r.decision === "ship"),
        }
      : null;

    // The SRM check is per experiment: every result row carries the same one.
    const first = results[0];
    const srmP = first?.srm_p ?? null;
    const split = arms.map((a) => `${users(a.users)} ${a.variant}`).join(", ");
    const srm =
      srmP === null
        ? null
        : first!.srm
          ? {
              broken: true,
              text: `Sample ratio mismatch: users did not split as planned (${split}; χ² = ${fmt.number(first!.srm_chi2, 2)}, p ${pValue(srmP, fmt).startsWith("<") ? pValue(srmP, fmt) : `= ${pValue(srmP, fmt)}`}). Assignment or logging is broken, so every comparison below may be biased: find the cause before trusting it.`,
            }
          : {
              broken: false,
              text: `Users split as planned (${split}): the sample-ratio check finds no mismatch (χ² = ${fmt.number(first!.srm_chi2, 2)}, p = ${pValue(srmP, fmt)}; a mismatch is p < ${fmt.number(SRM_ALPHA, 3)}).`,
            };
    const power = results.map((r) => {
      const needed = r.needed_per_variant;
      const had = r.users_per_variant;
      const what = `a lift of ${pts(r.mde).replace(/^\+/, "")} (the minimum detectable effect)`;
      if (needed === null) return `${r.variant}: the users needed to detect ${what} cannot be computed from the control's rate.`;
      return `${r.variant}: detecting ${what} needs ${users(needed)} users per variant; the test had ${users(had)} in its smaller variant, ${r.powered ? "enough" : `not enough (${users(needed - had)} more per variant)`}. Its power for that lift: ${fmt.percent(r.power)}.`;
    });
    const charts =
      pieces.page(
        [],
        [posteriorChart(ctx, scope), dailyUsersChart(ctx, scope)].filter((c): c is ChartSpec => c !== null),
      )?.charts ?? [];
    return {
      dataset,
      anchor: `experiment-${index + 1}`,
      decisions: results.map((r) => ({ variant: r.variant, control: r.control, decision: r.decision, reason: reason(r, fmt) })),
      variants,
      comparison,
      srm,
      power,
      charts,
      warnings: report.warnings
        .filter((w) => w.code.startsWith("experiments.") && (w.dims?.["dataset"] ?? null) === dataset)
        .map((w) => warningText(w, fmt))
        .map((m) => `${m[0]!.toUpperCase()}${m.slice(1)}.`),
    };
  });
  return { sections };
}

/**
 * The reason of a treatment's decision, from the finding that decided it and
 * the result's numbers.
 * @example "the treatment converts better: +1.50 points (95% CI +0.40 to +2.60 points), p = 0.0100, P(better) = 99.5%"
 */
export function reason(r: SeriesRow<"experiment_results">, fmt: Formatter): string {
  const pts = (x: number | null): string => (x === null ? fmt.number(null) : `${x >= 0 ? "+" : "−"}${fmt.fixed(Math.abs(x * 100), 2)} points`);
  const p = (x: number | null): string => (x === null ? "no test possible" : x < 0.0001 ? `p < ${fmt.fixed(0.0001, 4)}` : `p = ${fmt.fixed(x, 4)}`);
  const users = (x: number): string => fmt.number(Math.ceil(x), 0);
  const ci = `${pts(r.lift_abs)} (95% CI ${pts(r.lift_abs_lo95)} to ${pts(r.lift_abs_hi95)})`;
  const mde = pts(r.mde).slice(1);
  const needed = r.needed_per_variant;
  switch (r.because) {
    case "srm":
      return `sample ratio mismatch (χ² ${p(r.srm_p)}): users did not split as planned, so the comparison may be biased; find the cause before trusting the lift of ${ci}`;
    case "better":
    case "worse": {
      // Significant in an underpowered test: the direction holds, the size is likely overstated.
      const caveat =
        r.powered === false && needed !== null
          ? `; the test had ${users(r.users_per_variant)} users per variant, fewer than the ${users(needed)} the minimum detectable effect needs, so the lift's size is likely overstated`
          : "";
      return `the treatment converts ${r.because}: ${ci}, ${p(r.p_value)}, P(better) = ${fmt.percent(r.p_better, 1)}${caveat}`;
    }
    case "no-effect":
      return `no significant difference (${p(r.p_value)}) with enough users to detect ${mde} (${users(needed ?? 0)} per variant needed, ${users(r.users_per_variant)} seen): the lift is ${ci}`;
    case "underpowered":
      return needed === null
        ? `not significant (${p(r.p_value)}) and the needed sample size cannot be computed: keep collecting`
        : `not significant yet (${p(r.p_value)}) and underpowered: ${users(needed - r.users_per_variant)} more users per variant are needed to detect ${mde} (${users(needed)} per variant)`;
  }
}
