/**
 * The budget metrics: each paid source's response curve (adstock × Hill,
 * fitted to weekly spend and first-touch outcomes), today's spend against the
 * split that maximises the expected outcome, and the scenarios. The outcome
 * is revenue × margin over the buyers' first `budget.horizon` months (ids
 * `budget.outcome…`, `budget.marginal_romi…`) or, with `budget.outcome:
 * buyers`, new buyers (ids `budget.buyers…`, `budget.marginal_buyers…`).
 * Every amount is per week.
 */
import type { MetricDef } from "../../facts/metric.ts";
import type { Unit } from "../../schema/report.ts";

const RUN = "not emitted without visits, orders and costs, or with fewer than 12 complete ISO weeks; a source appears when it has cost rows in the weeks used";
const FITTED = `${RUN}; only for a source whose curve is identified (enough weeks and buyers, spend that varies, R² ≥ 0.1, β > 0): the Budget page and a budget.* warning say why otherwise`;
const PLANNED = `${RUN}; not emitted when no source's curve is identified`;
const CURRENT =
  "mean weekly cost over the last 13 complete ISO weeks of the period (fewer when the period has fewer), the spend the recommendation starts from";
const STEADY =
  "the fitted curve at a steady weekly spend X: f(X) = p · β · hill(X ÷ p ÷ (1 − θ); α, γ), p the periods per week (1 at week grain, 7 at day grain), because a steady spend's adstock settles at spend ÷ (1 − θ)";
const INTERVAL =
  "5% quantile (lo90) or 95% quantile (hi90) of the same quantity over the bootstrap draws (budget.draws moving-block resamples of the weeks, each refitted)";

interface Family<P extends string, M extends string> {
  readonly prefix: P;
  readonly marginal: M;
  readonly unit: Unit;
  readonly what: string;
}

const FAMILIES = [
  {
    prefix: "budget.outcome",
    marginal: "budget.marginal_romi",
    unit: "currency",
    what: "revenue × margin of the new first-touch buyers over their first budget.horizon months (30-day months)",
  },
  { prefix: "budget.buyers", marginal: "budget.marginal_buyers", unit: "count", what: "new first-touch buyers" },
] as const satisfies readonly Family<string, string>[];

/** A value and its 90% interval: `id`, `id.lo90`, `id.hi90`. */
type Triple<I extends string> = I | `${I}.lo90` | `${I}.hi90`;

function outcomeDefs<P extends string, M extends string>(
  f: Family<P, M>,
): MetricDef<Triple<`${P}.${"current" | "recommended" | "change"}` | `budget.scenario.${"outcome" | "buyers"}`> | M | `${M}.recommended`>[] {
  const name = f.unit === "currency" ? "Expected outcome" : "Expected buyers";
  const triple = <I extends string>(id: I, label: string, dims: string[], formula: string, empty: string): MetricDef<Triple<I>>[] => [
    { id, section: "budget", label, unit: f.unit, better: "up", dims, formula, empty },
    { id: `${id}.lo90` as const, section: "budget", label: `${label}, 90% interval low`, unit: f.unit, dims, formula: `${INTERVAL}: lower end`, empty },
    { id: `${id}.hi90` as const, section: "budget", label: `${label}, 90% interval high`, unit: f.unit, dims, formula: `${INTERVAL}: upper end`, empty },
  ];
  return [
    ...triple(
      `${f.prefix}.current` as const,
      `${name} per week at today's split`,
      [],
      `Σ over the sources with an identified curve of f(budget.spend.current): expected ${f.what} per week; ${STEADY}`,
      PLANNED,
    ),
    ...triple(
      `${f.prefix}.recommended` as const,
      `${name} per week at the recommended split`,
      [],
      `Σ over the sources with an identified curve of f(budget.spend.recommended): expected ${f.what} per week`,
      PLANNED,
    ),
    ...triple(
      `${f.prefix}.change` as const,
      `${name}: change per week`,
      ["source"],
      `f(budget.spend.recommended) − f(budget.spend.current) for the source: the expected change of its ${f.what} per week`,
      FITTED,
    ),
    {
      id: f.marginal,
      section: "budget",
      label: f.unit === "currency" ? "Marginal ROMI at today's spend" : "Marginal buyers per unit of spend at today's spend",
      unit: "ratio",
      dims: ["source"],
      formula: `f′(budget.spend.current) = β · hill′(X ÷ p ÷ (1 − θ)) ÷ (1 − θ): the ${f.what} one more unit of weekly spend brings`,
      empty: FITTED,
    },
    {
      id: `${f.marginal}.recommended` as const,
      section: "budget",
      label: f.unit === "currency" ? "Marginal ROMI at the recommended spend" : "Marginal buyers per unit of spend at the recommended spend",
      unit: "ratio",
      dims: ["source"],
      formula: "f′(budget.spend.recommended), as at today's spend",
      empty: FITTED,
    },
    ...triple(
      `budget.scenario.${f.prefix === "budget.outcome" ? "outcome" : "buyers"}` as const,
      `${name} per week in a budget scenario`,
      ["scenario"],
      `Σ f(spend) at the split that maximises it for a total of today's total × (1 + change), scenario "-20%", "0%" or "+20%"; the same bounds and locks as the recommendation`,
      `${PLANNED}; null when the scenario's total cannot be met within the bounds`,
    ),
  ];
}

export const BUDGET_METRICS = [
  {
    id: "budget.spend.current",
    section: "budget",
    label: "Weekly spend today",
    unit: "currency",
    dims: ["source"],
    formula: CURRENT,
    empty: RUN,
  },
  {
    id: "budget.spend.recommended",
    section: "budget",
    label: "Recommended weekly spend",
    unit: "currency",
    dims: ["source"],
    formula:
      "the source's spend in the split of the total weekly budget (budget.total, else Σ budget.spend.current of the identified sources) that maximises Σ f(spend) within current × (1 ± budget.bounds), locked sources kept at today's spend: greedy allocation in 2,000 equal steps by marginal return, exact for concave curves (α ≤ 1)",
    empty: `${RUN}; null for a source whose curve is not identified (its spend is left as it is)`,
  },
  {
    id: "budget.spend.max_seen",
    section: "budget",
    label: "Largest weekly spend seen",
    unit: "currency",
    dims: ["source"],
    formula:
      "the largest weekly cost (7 × the largest daily cost at day grain) in the periods the curve was fitted on: the curve is only trustworthy up to about here",
    empty: FITTED,
  },
  ...(["theta", "alpha", "gamma", "beta"] as const).map((p): MetricDef<`budget.curve.${typeof p}`> => ({
    id: `budget.curve.${p}`,
    section: "budget",
    label: { theta: "Adstock carry-over θ", alpha: "Hill shape α", gamma: "Hill half-saturation γ", beta: "Curve ceiling β" }[p],
    unit: p === "gamma" ? "currency" : "ratio",
    dims: ["source"],
    formula: {
      theta:
        "θ of the geometric adstock x*ₜ = xₜ + θ·x*ₜ₋₁ (x*₀ = x₀), on the grid 0, 0.1 … 0.9; the fitted shape (θ, α, γ) is the grid point with the lowest rolling-origin cross-validated squared error (3 folds)",
      alpha: "α of the Hill curve x^α ÷ (x^α + γ^α), on the grid 0.4, 0.5 … 1 (α ≤ 1 keeps the curve concave)",
      gamma:
        "γ of the Hill curve, in adstocked spend per period (day or week, budget.grain): 13 multiples from 0.1 to 10 (×10^(1/6) apart) of the mean adstocked spend",
      beta: "β ≥ 0 scaling the Hill curve: the outcome per period at saturation, by least squares of the outcome on the Hill-transformed adstocked spend (clipped at 0)",
    }[p],
    empty: FITTED,
  })),
  {
    id: "budget.curve.r2",
    section: "budget",
    label: "Curve fit R²",
    unit: "ratio",
    better: "up",
    dims: ["source"],
    formula:
      "1 − Σ(y − ŷ)² ÷ Σ(y − flat)² over the fitted periods, the flat line being the least-squares mean plus trend (budget.trend) or the mean: the share of the variation around a flat line that the curve explains (below 0 when it does worse)",
    empty: `${RUN}; for every source with enough weeks and spend variation; null when the outcome is constant`,
  },
  {
    id: "budget.curve.holdout_error",
    section: "budget",
    label: "Curve holdout error",
    unit: "share",
    better: "down",
    dims: ["source"],
    formula:
      "Σ abs(y − ŷ) ÷ Σ abs(y) over the test periods of the 3 rolling-origin folds (each fold's β from its training periods): the weighted absolute percentage error of the chosen shape",
    empty: `${RUN}; as budget.curve.r2; null when the test periods have no outcome`,
  },
  ...outcomeDefs(FAMILIES[0]),
  ...outcomeDefs(FAMILIES[1]),
] as const satisfies readonly MetricDef[];
