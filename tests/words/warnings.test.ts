/**
 * Warnings in words: the analyses write a code and its values, and
 * `warningText` words each code in the report's locale. The samples are
 * keyed by code, so a new code without a sample (or a sentence) fails tsc.
 */
import { describe, expect, it } from "vitest";
import { WarningSchema, type Warning, type WarningCode, type WarningOf } from "../../src/analyses/warnings.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { warningText } from "../../src/words/warnings.ts";

const EN = makeFormatter("en-US", "USD");
const DE = makeFormatter("de-DE", "EUR");

const lacking = { lack: "repeat_buyers", customers: 4, usable: 2, required: 3 } as const;
const SAMPLES: { [C in WarningCode]: Omit<WarningOf<C>, "code"> } = {
  "funnel.no_cost": { dims: { source: "referral" }, values: { buyers: 830 } },
  "funnel.no_buyers": { dims: { source: "tv" }, values: { cost: 1250.5 } },
  "customers.imputed": { values: { feature: "age", customers: 12 } },
  "basket.segments": { values: {} },
  "basket.countries": { values: {} },
  "basket.empty": { values: {} },
  "basket.no_rules": { values: { min_confidence: 0.3, min_lift: 1, min_support: 0.015 } },
  "clv.not_fitted": { values: { model: "bgnbd", ...lacking } },
  "clv.no_order_value": { values: { q: 0.91234 } },
  "clv.not_a_number": { values: { customer: "C17", r: 0.24251, alpha: 4.41355, a: 0.79291, b: 2.42586 } },
  "clv.numeric": { values: { skipped: "clv" } },
  "clv.not_converged": { values: { model: "calibration", starts: 5, iterations: 1500 } },
  "clv.edge": { values: { model: "gammagamma", parameters: [{ name: "q", value: 9.5e11 }] } },
  "clv.holdout_outside": { values: { start: "2025-01-01", from: "2024-01-02", to: "2024-12-31" } },
  "clv.holdout_not_fitted": { values: { start: "2024-10-01", ...lacking } },
  "forecast.short": { dims: { series: "revenue" }, values: { values: 9, needed: 104, grain: "week" } },
  "forecast.failed": { dims: { series: "orders" }, values: {} },
  "forecast.no_backtest": { dims: { series: "orders" }, values: { values: 14 } },
  "forecast.short_backtest": { dims: { series: "orders" }, values: { steps: 1, horizon: 56, origins: 1, values: 15 } },
  "forecast.backtest_failures": { dims: { series: "orders" }, values: { model: "ARIMA", failures: 2, origins: 4 } },
  "forecast.backtest_unconverged": { dims: { series: "orders" }, values: { model: "ETS(A,Ad,A)", unconverged: 1, origins: 4 } },
  "forecast.fit_failed": { dims: { series: "orders" }, values: { model: "ARIMA (log)" } },
  "forecast.not_converged": { dims: { series: "orders" }, values: { model: "ARIMA", spec: "ARIMA(1,0,1)(0,1,1)[7]" } },
  "campaigns.view_through": { values: { rows: 1 } },
  "campaigns.undated": { values: {} },
  "experiments.split": { values: { variants: ["B", "C"] } },
  "experiments.assignment": {
    values: {
      mismatched: 80,
      rows: 24080,
      pairs: [
        { variant: "treatment", assignment: "old_page", rows: 40 },
        { variant: "control", assignment: "new_page", rows: 40 },
      ],
    },
  },
  "experiments.control": { values: { control: "control", variants: ["A", "B"] } },
  "budget.no_visits": { values: {} },
  "budget.short": { values: { weeks: 10, needed: 12 } },
  "budget.no_costs": { values: {} },
  "budget.no_curve": { values: {} },
  "budget.unknown_source": { dims: { source: "tv" }, values: {} },
  "budget.bounds": { dims: { scenario: "+20%" }, values: { total: 1200, lower: 100, upper: 1000 } },
  archived: { values: { text: "source referral: 830 buyer(s) but no cost rows" } },
};
const all = (Object.entries(SAMPLES) as [WarningCode, Omit<Warning, "code">][]).map(([code, rest]) => ({ code, ...rest }) as Warning);

describe("warningText(warning, fmt)", () => {
  it("words every code as a fragment with its numbers filled in: lower case first (or a proper name), no placeholder, no full stop", () => {
    for (const w of all) {
      expect(WarningSchema.safeParse(w).success).toBe(true);
      const text = warningText(w, EN);
      expect(text, w.code).not.toMatch(/undefined|NaN|\{|\}|\.$|\(no \w+\)/);
      expect(text.length, w.code).toBeGreaterThan(20);
    }
  });

  it("writes the sentences by hand: counts grouped, a singular for one, money as money", () => {
    const text = (code: WarningCode) =>
      warningText(
        all.find((w) => w.code === code)!,
        EN,
      );
    expect(text("funnel.no_cost")).toBe("source referral: 830 buyers but no cost rows, so CAC and ROMI are unknown");
    expect(text("funnel.no_buyers")).toBe("source tv: cost $1,250.50 but no first-touch buyers");
    expect(text("campaigns.view_through")).toMatch(/^1 row has more conversions than clicks/);
    expect(text("clv.not_fitted")).toBe("the BG/NBD and Gamma-Gamma models are not fitted: fewer than 3 repeat buyers (2 of 4 customers bought again)");
    expect(text("clv.holdout_not_fitted")).toBe("no holdout check: fewer than 3 repeat buyers (2 of 4 customers bought again) before 2024-10-01");
    expect(text("clv.edge")).toMatch(/^the Gamma-Gamma likelihood is highest at the edge of the parameter space \(q = 9\.5E11\)/);
    expect(text("forecast.short")).toBe("the revenue series has 9 weeks, fewer than two seasons (104), so it is not forecast");
    expect(text("forecast.short_backtest")).toMatch(/^orders: the backtest forecasts 1 step ahead from its one origin, not the 56 of the forecast/);
    expect(text("basket.no_rules")).toBe("no rule has confidence ≥ 30% and lift > 1 among itemsets with support ≥ 1.5%");
    expect(text("experiments.assignment")).toBe(
      "80 of the 24,080 rows used have an assignment column that disagrees with the variant (treatment on old_page: 40; control on new_page: 40); they are kept in the variant the log names, not fixed",
    );
    expect(text("budget.bounds")).toBe(
      "budget: scenario +20%: a total of $1,200.00 a week is outside what the bounds allow, $100.00 to $1,000.00, so it has no split",
    );
    expect(text("archived")).toBe("source referral: 830 buyer(s) but no cost rows");
  });

  it("follows the report's locale", () => {
    const w = all.find((x) => x.code === "experiments.assignment")!;
    expect(warningText(w, DE)).toMatch(/^80 of the 24\.080 rows/);
    expect(
      warningText(
        all.find((x) => x.code === "funnel.no_buyers")!,
        DE,
      ),
    ).toBe("source tv: cost 1.250,50\u00a0€ but no first-touch buyers");
  });

  it("leaves no model internals in a sentence: the numerics' own message is not carried", () => {
    expect(warningText({ code: "clv.numeric", values: { skipped: "holdout" } }, EN)).toBe(
      "no holdout check: the model's numerics cannot evaluate its predictions at the fitted parameters",
    );
  });
});
