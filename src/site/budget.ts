/**
 * The Budget page as data: a short reading, the limits in plain words, the
 * split chart, one response curve per fitted source, the per-source table and
 * the scenarios.
 */
import type { SiteContext } from "./context.ts";
import { type SeriesRow } from "../analyses/series.ts";
import { budgetCurve, budgetSplit } from "../charts/budget.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { ChartPage, Table } from "./views.ts";
import { MIN_BUYERS, MIN_R2, MIN_SPEND_CV, MIN_WEEKS } from "../analyses/budget/curves.ts";
import { SCENARIOS } from "../analyses/budget/index.ts";
import type { Formatter } from "../words/format.ts";
import { warningText } from "../words/warnings.ts";

export interface BudgetPage extends ChartPage {
  readonly reading: string;
  readonly limits: string;
  readonly warnings: readonly string[];
  readonly method: string;
  readonly sources: Table | null;
  /** One sentence per source without a recommendation, with the reason. */
  readonly declined: readonly string[];
  readonly scenarios: Table | null;
}

export const BUDGET_LIMITS =
  "Read this as a guide, not a guarantee. Buyers are credited to the source of their first session (first touch), which is not proof that the spend caused them; and a response curve is only trustworthy over the weekly spend it has seen, so a recommendation beyond that range is marked.";

/** null when the budget analysis did not run (no orders or costs). */
export function budgetPage({ report, fmt, charts: ctx, pieces }: SiteContext): BudgetPage | null {
  const method = report.series.budget_method?.[0];
  if (!method) return null;
  const rows = report.series.budget_sources ?? [];
  const warnings = report.warnings.filter((w) => w.code.startsWith("budget.")).map((w) => warningText(w, fmt));
  const revenue = method.outcome === "revenue";
  const show = (v: number | null | undefined): string => (revenue ? fmt.money(v) : fmt.number(v, 1));
  const signed = (n: number | null): string => (n === null ? show(n) : `${n > 0 ? "+" : n < 0 ? "−" : ""}${show(Math.abs(n))}`);
  const fitted = rows.filter((r) => r.status === "fitted");
  const { facts } = ctx;
  const id = revenue ? "budget.outcome" : "budget.buyers";
  const now = facts.value(`${id}.current`);
  const then = facts.value(`${id}.recommended`);

  let reading: string;
  if (method.status !== "planned") {
    reading = `No budget split is recommended: ${notPlanned(method)}.`;
  } else {
    const up = fitted.filter((r) => r.move === "more");
    const down = fitted.filter((r) => r.move === "less");
    const moved = up.reduce((a, r) => a + r.change!, 0);
    const names = (list: readonly SeriesRow<"budget_sources">[]): string => {
      const all = list.map((r) => r.source);
      return all.length < 2 ? (all[0] ?? "") : `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]!}`;
    };
    const what = revenue ? `outcome (revenue × margin of new buyers over their first ${method.horizon_months} months)` : "number of new buyers";
    const gain = now !== undefined && then !== undefined && now !== null && then !== null ? then - now : null;
    reading =
      up.length && down.length
        ? `Moving ${fmt.money(moved)} a week from ${names(down)} to ${names(up)} raises the expected weekly ${what} from ${show(now)} to ${show(then)} (${signed(gain)}; 90% interval of the new split ${show(facts.value(`${id}.recommended.lo90`))} to ${show(facts.value(`${id}.recommended.hi90`))}).`
        : `Today's split is already the best the curves find within the bounds: expected weekly ${what} ${show(now)}.`;
    const beyond = fitted.filter((r) => r.beyond_seen === true);
    if (beyond.length) reading += ` ${names(beyond)}: the recommended spend is beyond the largest weekly spend seen, so treat it with care.`;
  }

  const sources = rows.length
    ? pieces.table({
        id: "budget-sources",
        caption: `Per source, per week: spend today and recommended, marginal ${revenue ? "ROMI" : "buyers per unit of spend"}, and the expected change (90% interval)`,
        columns: [
          "source",
          "today",
          "recommended",
          "change",
          `marginal ${revenue ? "ROMI" : "buyers"}`,
          "expected change (90%)",
          "fit: θ, α, R², holdout error",
          "spend seen",
        ],
        numeric: [false, true, true, true, true, true, false, false],
        rows: rows.map((r) => {
          const fittedRow = r.status === "fitted";
          const share = r.change_share;
          return [
            r.source,
            fmt.money(r.current),
            fittedRow ? fmt.money(r.recommended) : "kept",
            fittedRow ? (share === null ? "" : `${share > 0 ? "+" : share < 0 ? "−" : ""}${fmt.percent(Math.abs(share))}`) : "",
            fittedRow ? `${fmt.number(r.marginal_current, revenue ? 2 : 3)} → ${fmt.number(r.marginal_recommended, revenue ? 2 : 3)}` : "",
            fittedRow ? `${signed(r.outcome_change)} (${signed(r.outcome_change_lo90)} to ${signed(r.outcome_change_hi90)})` : "",
            r.r2 === null && !fittedRow
              ? ""
              : `${fittedRow ? `θ ${fmt.number(r.theta, 1)}, α ${fmt.number(r.alpha, 1)}, ` : ""}R² ${fmt.number(r.r2, 2)}, ${fmt.percent(r.holdout_error)}`,
            fittedRow
              ? `${r.locked ? "locked; " : ""}${fmt.money(r.min_seen)} – ${fmt.money(r.max_seen)}${r.beyond_seen === true ? "; the recommendation is beyond it" : ""}`
              : "no curve (see below)",
          ];
        }),
      })
    : null;

  const scenarioRows = report.series.budget_scenarios ?? [];
  const spend = report.series.budget_scenario_spend ?? [];
  const scenarios = scenarioRows.length
    ? pieces.table({
        id: "budget-scenarios",
        caption: "Scenarios: the best split of a total weekly budget 20% lower, the same and 20% higher",
        columns: ["total budget", "weekly total", "expected outcome (90%)", "split"],
        numeric: [false, true, true, false],
        rows: scenarioRows.map((s) => [
          s.scenario === "0%" ? "today's" : scenarioLabel(s.scenario, fmt),
          fmt.money(s.total),
          s.outcome === null ? "bounds cannot be met" : `${show(s.outcome)} (${show(s.lo90)} – ${show(s.hi90)})`,
          spend
            .filter((x) => x.scenario === s.scenario && x.spend !== null)
            .map((x) => `${x.source} ${fmt.money(x.spend)}`)
            .join(", "),
        ]),
      })
    : null;

  const methodText =
    method.status === "no visits" || method.status === "not enough history"
      ? ""
      : `Each source's weekly ${revenue ? `outcome is the revenue × margin of its new first-touch buyers over their first ${method.horizon_months} months (30-day months), by the week of their first order` : "outcome is its new first-touch buyers, by the week of their first order"}; it is fitted to the source's spend per ${method.grain} through a geometric adstock (carry-over θ) and a Hill curve (shape α ≤ 1, half-saturation γ) scaled by β ≥ 0${method.trend ? ", with a linear trend control" : ""}, on ${fmt.number(method.fitted_weeks, 0)} weeks. θ, α and γ are chosen on a grid by rolling-origin cross-validation (3 folds), β by non-negative least squares; the 90% intervals come from ${fmt.number(method.draws, 0)} moving-block bootstrap resamples of the weeks (seed ${method.seed}), each refitted. The split is found by greedy steps of marginal return, exact for these concave curves, within ±${fmt.percent(method.bounds)} of today's spend per source; today's spend is the mean of the last ${fmt.number(method.current_weeks, 0)} weeks. A source is left out when its curve cannot be identified: too few weeks or buyers, spend that barely varies, or a fit no better than a flat line.`;

  const charts = [budgetSplit(ctx), ...fitted.map((r, i) => budgetCurve(ctx, r.source, i, revenue ? "revenue" : "buyers"))].filter(
    (c): c is ChartSpec => c !== null,
  );
  const base = pieces.page([], charts) ?? { kpis: [], charts: [] };
  const declined = rows.filter((r) => r.status !== "fitted").map((r) => `${r.source}: no recommendation, because ${declinedReason(r, fmt)}.`);
  return { ...base, reading, limits: BUDGET_LIMITS, warnings, method: methodText, sources, declined, scenarios };
}

/**
 * Why a source has no curve, from the check it failed and the numbers the
 * check read.
 * @example declinedReason({ declined: "few-weeks", weeks: 8, … }, fmt); // => "only 8 weeks can be fitted, fewer than 12"
 */
export function declinedReason(r: SeriesRow<"budget_sources">, fmt: Formatter): string {
  switch (r.declined) {
    case "few-weeks":
      return `only ${fmt.number(r.weeks, 0)} weeks can be fitted, fewer than ${MIN_WEEKS}`;
    case "no-buyers":
      return "it has cost but no first-touch buyers, so its curve is flat: spend on it shows no return";
    case "few-buyers":
      return `it has ${fmt.number(r.buyers, 0)} first-touch buyers in the fitted weeks, fewer than the ${MIN_BUYERS} needed to trace a curve`;
    case "no-spend":
      return "it has no spend in the fitted weeks";
    case "flat-spend":
      return `its spend barely varies (coefficient of variation ${fmt.significant(r.spend_cv, 2)}, below ${fmt.number(MIN_SPEND_CV, 2)}), so the data cannot show how the outcome responds to it`;
    case "flat-fit":
      return "the outcome does not rise with spend (the best fit is flat)";
    case "weak-fit":
      return `the curve explains ${r.r2 === null ? "none" : fmt.percent(Math.max(0, r.r2), 0)} of the week-to-week variation around a flat line (R² below ${fmt.number(MIN_R2, 2)}), so the data cannot tell it from one`;
    case null:
      return "its curve is not fitted";
  }
}

/** Why the budget analysis planned no split, from its status. */
function notPlanned(m: SeriesRow<"budget_method">): string {
  switch (m.status) {
    case "no visits":
      return "there is no session log, so buyers cannot be credited to sources (first touch) and no response curve is fitted";
    case "not enough history":
      return `the period has ${m.weeks} complete ISO weeks, fewer than the ${MIN_WEEKS} a response curve needs`;
    case "no costs":
      return "no cost rows fall in the complete ISO weeks of the period";
    case "no curve":
      return "no source's response curve could be identified (each source's reason is listed below)";
    case "planned":
      return "";
  }
}

/** A scenario's change of the total budget, formatted: "−20%", "+20%". */
function scenarioLabel(scenario: SeriesRow<"budget_scenarios">["scenario"], fmt: Formatter): string {
  const change = SCENARIOS.find((x) => x.label === scenario)!.change;
  return `${change > 0 ? "+" : ""}${fmt.percent(change, 0)}`;
}
