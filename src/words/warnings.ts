/**
 * A warning in words: each code's sentence, with its numbers formatted in
 * the report's locale. The analyses write a warning's code and values
 * (`analyses/warnings.ts`); the site, `romi validate` and `romi diff` read
 * them through `warningText`. The record is keyed by code, so tsc fails
 * when a code has no sentence. A sentence starts in lower case and has no
 * full stop: pages and the command line set it in their own frame.
 */
import type { Warning, WarningCode, WarningOf } from "../analyses/warnings.ts";
import { counted, type Formatter } from "./format.ts";

type Dims = Readonly<Record<string, string>>;
type Words = { readonly [C in WarningCode]: (v: WarningOf<C>["values"], fmt: Formatter, dims: Dims) => string };

const count = (fmt: Formatter, n: number): string => fmt.number(n, 0);
const list = (names: readonly string[]): string => names.join(", ");
/** The label a dim names, or a stand-in when an archived warning lacks it. */
const dim = (dims: Dims, name: string): string => dims[name] ?? `(no ${name})`;

const MODEL: Record<"bgnbd" | "gammagamma" | "calibration", string> = {
  bgnbd: "BG/NBD",
  gammagamma: "Gamma-Gamma",
  calibration: "calibration BG/NBD",
};
type Lacking = Pick<WarningOf<"clv.not_fitted">["values"], "lack" | "customers" | "usable" | "required">;
const LACK: Record<Lacking["lack"], (v: Lacking, fmt: Formatter) => string> = {
  repeat_buyers: (v, fmt) =>
    `fewer than ${count(fmt, v.required)} repeat buyers (${count(fmt, v.usable)} of ${count(fmt, v.customers)} customers bought again)`,
  valued_repeat_buyers: (v, fmt) =>
    `fewer than ${count(fmt, v.required)} repeat buyers with a positive mean repeat-purchase value (${count(fmt, v.usable)} of ${count(fmt, v.customers)} customers)`,
  observation_time: () => "no customer was observed for any time after their first purchase",
};
const SKIPPED: Record<WarningOf<"clv.numeric">["values"]["skipped"], string> = {
  purchases: "no purchases are predicted",
  clv: "no CLV is predicted",
  holdout: "no holdout check",
};

const WORDS: Words = {
  "funnel.no_cost": (v, fmt, d) => `source ${dim(d, "source")}: ${counted(fmt, v.buyers, "buyer")} but no cost rows, so CAC and ROMI are unknown`,
  "funnel.no_buyers": (v, fmt, d) => `source ${dim(d, "source")}: cost ${fmt.money(v.cost)} but no first-touch buyers`,
  "customers.imputed": (v, fmt) =>
    `${counted(fmt, v.customers, "customer has", "customers have")} no ${v.feature}; the feature's mean was used for them in the segmentation`,
  "basket.segments": () => "basket.segments is set but the customers are not segmented, so every basket is kept",
  "basket.countries": () => "basket.countries is set but the orders have no country column, so no order line is kept",
  "basket.empty": () => "no order has a product line once the excluded codes are left out",
  "basket.no_rules": (v, fmt) =>
    `no rule has confidence ≥ ${fmt.percent(v.min_confidence, 2)} and lift > ${fmt.number(v.min_lift, 2)} among itemsets with support ≥ ${fmt.percent(v.min_support, 2)}`,
  "clv.not_fitted": (v, fmt) =>
    v.model === "bgnbd"
      ? `the BG/NBD and Gamma-Gamma models are not fitted: ${LACK[v.lack](v, fmt)}`
      : `the Gamma-Gamma model is not fitted, so no CLV is predicted: ${LACK[v.lack](v, fmt)}`,
  "clv.no_order_value": (v, fmt) =>
    `Gamma-Gamma q is ${fmt.significant(v.q, 4)}, not above 1: one-time buyers have no expected order value, so no 12-month CLV is predicted`,
  "clv.not_a_number": (v, fmt) =>
    `the 12-month CLV of customer ${v.customer} is not a number under the fitted model (r ${fmt.significant(v.r, 4)}, α ${fmt.significant(v.alpha, 4)}, a ${fmt.significant(v.a, 4)}, b ${fmt.significant(v.b, 4)}), so no CLV is predicted`,
  "clv.numeric": (v) => `${SKIPPED[v.skipped]}: the model's numerics cannot evaluate its predictions at the fitted parameters`,
  "clv.not_converged": (v, fmt) =>
    `the ${MODEL[v.model]} fit did not converge (best of ${count(fmt, v.starts)} starts after ${count(fmt, v.iterations)} iterations); its parameters are the best found`,
  "clv.edge": (v, fmt) =>
    `the ${MODEL[v.model]} likelihood is highest at the edge of the parameter space (${v.parameters.map((p) => `${p.name} = ${fmt.scientific(p.value, 2)}`).join(", ")}): the data are too few or too alike to pin the model down, so read its predictions with care`,
  "clv.holdout_outside": (v) => `no holdout check: the holdout would start on ${v.start}, outside ${v.from} … ${v.to}`,
  "clv.holdout_not_fitted": (v, fmt) => `no holdout check: ${LACK[v.lack](v, fmt)} before ${v.start}`,
  "forecast.short": (v, fmt, d) =>
    `the ${dim(d, "series")} series has ${counted(fmt, v.values, v.grain)}, fewer than two seasons (${count(fmt, v.needed)}), so it is not forecast`,
  "forecast.failed": (_, __, d) => `no model could be fitted to the ${dim(d, "series")} series`,
  "forecast.no_backtest": (v, fmt, d) =>
    `${dim(d, "series")}: the series is too short for a backtest (${count(fmt, v.values)} values, two seasons are kept for training): seasonal naive is used`,
  "forecast.short_backtest": (v, fmt, d) =>
    `${dim(d, "series")}: the backtest forecasts ${counted(fmt, v.steps, "step")} ahead from ${v.origins === 1 ? "its one origin" : `each of its ${count(fmt, v.origins)} origins`}, not the ${count(fmt, v.horizon)} of the forecast: the series (${count(fmt, v.values)} values) has no room for more, so the model is chosen by its nearer accuracy`,
  "forecast.backtest_failures": (v, fmt, d) =>
    `${dim(d, "series")}: ${v.model} could not be fitted at ${count(fmt, v.failures)} of ${count(fmt, v.origins)} backtest origins and was not considered`,
  "forecast.backtest_unconverged": (v, fmt, d) =>
    `${dim(d, "series")}: ${v.model}: the optimiser did not converge at ${count(fmt, v.unconverged)} of ${count(fmt, v.origins)} backtest origins`,
  "forecast.fit_failed": (v, _, d) => `${dim(d, "series")}: ${v.model} could not be fitted to the whole series`,
  "forecast.not_converged": (v, _, d) =>
    `${dim(d, "series")}: ${v.model} (${v.spec}): the optimiser did not converge on the whole series; the forecast uses its last estimate`,
  "campaigns.view_through": (v, fmt) =>
    `${counted(fmt, v.rows, "row has", "rows have")} more conversions than clicks (view-through conversions): their conversion rate is shown, but has no Wilson interval and is left out of the channel tests`,
  "campaigns.undated": () => "the campaigns file has no dates: it gives totals only, with no time charts, trend or lift",
  "experiments.split": (v) => `experiments.split gives no share for ${list(v.variants)}: the SRM check assumes an equal split`,
  "experiments.assignment": (v, fmt) =>
    `${count(fmt, v.mismatched)} of the ${count(fmt, v.rows)} rows used have an assignment column that disagrees with the variant (${v.pairs
      .map((p) => `${p.variant} on ${p.assignment}: ${count(fmt, p.rows)}`)
      .join("; ")}); they are kept in the variant the log names, not fixed`,
  "experiments.control": (v) => `no variant is the control (looked for "${v.control}" among ${list(v.variants)}): name it with experiments.control`,
  "budget.no_visits": () => "budget: there is no session log, so buyers cannot be credited to sources (first touch) and no response curve is fitted",
  "budget.short": (v, fmt) =>
    `budget: the period has ${counted(fmt, v.weeks, "complete ISO week")}, fewer than the ${count(fmt, v.needed)} a response curve needs, so no budget split is recommended`,
  "budget.no_costs": () => "budget: no cost rows fall in the complete ISO weeks of the period",
  "budget.no_curve": () => "budget: no source's response curve could be identified, so no budget split is recommended (each source's reason is listed)",
  "budget.unknown_source": (_, __, d) => `budget: ${dim(d, "source")} in the config has no cost rows`,
  "budget.bounds": (v, fmt, d) =>
    `budget: scenario ${dim(d, "scenario")}: a total of ${fmt.money(v.total)} a week is outside what the bounds allow, ${fmt.money(v.lower)} to ${fmt.money(v.upper)}, so it has no split`,
  archived: (v) => v.text,
};

/**
 * A warning's sentence, its numbers in the formatter's locale.
 * @example warningText({ code: "campaigns.view_through", values: { rows: 1200 } }, makeFormatter("en-US", "USD")); // => "1,200 rows have more conversions than clicks …"
 */
export function warningText(w: Warning, fmt: Formatter): string {
  const words = WORDS[w.code] as (v: Warning["values"], fmt: Formatter, dims: Dims) => string;
  return words(w.values, fmt, w.dims ?? {});
}
