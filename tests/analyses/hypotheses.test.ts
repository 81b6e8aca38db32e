/**
 * Hypotheses on planted groups: the test is chosen from the data, and the
 * statistics, p-values and Holm adjustment match SciPy 1.10.1 / statsmodels
 * 0.13.5 on the same numbers (the Python calls are quoted by each value).
 */
import { describe, expect, it } from "vitest";
import type { CustomerAttributes } from "../../src/analyses/customers/attributes.ts";
import type { CustomerBase } from "../../src/analyses/customers/base.ts";
import { CUSTOMER_METRICS } from "../../src/analyses/customers/catalogue.ts";
import { generateHypotheses, hypotheses, testHypothesis, type HypothesisData } from "../../src/analyses/customers/hypotheses.ts";
import { FactSink } from "../../src/facts/sink.ts";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

const n = 40;
// Normal scores 100 + 10 z and 105 + 10 z (z the (i + 0.5)/40 quantiles), and exponential ones with means 10 and 25.
const normalA = Array.from({ length: n }, (_, i) => 100 + 10 * normalQuantile((i + 0.5) / n, 0, 1));
const normalB = Array.from({ length: n }, (_, i) => 105 + 10 * normalQuantile((n - i - 0.5) / n, 0, 1));
const expA = Array.from({ length: n }, (_, i) => -Math.log(1 - (i + 0.5) / n) * 10);
const expB = Array.from({ length: n }, (_, i) => -Math.log(1 - (i + 0.5) / n) * 25);

/** Customers with one order each of the given revenue, in a "group" property, plus a "gender" one. */
function data(groups: Record<string, { revenue: number[]; orders?: number[] }>, gender?: string[]): HypothesisData {
  const rows = Object.entries(groups).flatMap(([g, v]) => v.revenue.map((r, i) => ({ g, r, o: v.orders?.[i] ?? 1 })));
  const text = [...new Set([...rows.map((x) => x.g), ...(gender ?? [])])];
  const m = rows.length;
  const base: CustomerBase = {
    n: m,
    user: Int32Array.from(rows, (_, i) => i),
    id: rows.map((_, i) => String(i).padStart(4, "0")),
    customerOf: (user: number) => (user < rows.length ? user : -1),
    firstDay: new Float64Array(m),
    lastDay: new Float64Array(m),
    orders: Float64Array.from(rows, (x) => x.o),
    revenue: Float64Array.from(rows, (x) => x.r),
    cohort: new Int32Array(m).fill(-1),
    active: { month: new Int32Array(0), revenue: new Float64Array(0) },
    activeFrom: new Int32Array(rows.length + 1),
  };
  const labels = [{ name: "group", values: Int32Array.from(rows, (x) => text.indexOf(x.g)) }];
  if (gender) labels.push({ name: "gender", values: Int32Array.from(gender, (g) => text.indexOf(g)) });
  const attributes: CustomerAttributes = { age: null, labels, numbers: [], channels: new Map(), text };
  return { base, recency: new Float64Array(m), attributes, segment: rows.map((x) => x.g), rfm: rows.map(() => "Lost"), midDay: 0 };
}

describe("testHypothesis(h, data)", () => {
  it("uses Welch's t-test with Cohen's d when Shapiro–Wilk accepts normality in both groups", () => {
    const r = testHypothesis({ id: "w", metric: "monetary", by: "group", groups: ["a", "b"] }, data({ a: { revenue: normalA }, b: { revenue: normalB } }));
    expect(r.test).toBe("welch");
    // stats.ttest_ind(a, b, equal_var=False) -> statistic=-2.2432410529268902, pvalue=0.027718802484447587
    expect(r.statistic).toBeCloseTo(-2.2432410529268902, 10);
    expect(r.pValue).toBeCloseTo(0.027718802484447587, 10);
    expect(r.effectName).toBe("cohens-d");
    // Both Shapiro–Wilk p-values at or above 0.05: normality not rejected.
    expect(r.shapiro!.every((p) => p !== null && p >= 0.05)).toBe(true);
  });

  it("uses the Mann–Whitney U test with the rank-biserial correlation when a group is skewed", () => {
    const r = testHypothesis({ id: "u", metric: "monetary", by: "group", groups: ["a", "b"] }, data({ a: { revenue: expA }, b: { revenue: expB } }));
    expect(r.test).toBe("mann-whitney-asymptotic");
    // stats.mannwhitneyu(ea, eb) -> statistic=458.0, pvalue=0.0010159024716850473
    expect(r.statistic).toBe(458);
    expect(r.pValue).toBeCloseTo(0.0010159024716850473, 10);
    // rank-biserial = 2U/(n1 n2) − 1 = 916/1600 − 1
    expect(r.effect).toBeCloseTo(916 / 1600 - 1, 12);
    expect(r.shapiro!.some((p) => p === null || p < 0.05)).toBe(true);
    expect(r.seen).toMatchObject({
      kind: "means",
      means: [expect.closeTo(expA.reduce((a, b) => a + b) / n, 10), expect.closeTo(expB.reduce((a, b) => a + b) / n, 10)],
    });
  });

  it("uses the pooled two-proportion z-test for bought-again, and refuses it below 5 successes or failures per group", () => {
    const orders = (yes: number, no: number): number[] => [...Array<number>(yes).fill(2), ...Array<number>(no).fill(1)];
    const d = data({ a: { revenue: Array<number>(60).fill(1), orders: orders(30, 30) }, b: { revenue: Array<number>(50).fill(1), orders: orders(15, 35) } });
    const r = testHypothesis({ id: "z", metric: "repeat", by: "group", groups: ["a", "b"] }, d);
    // proportions_ztest([30, 15], [60, 50]) -> (2.1243400181751775, 0.03364172171182354)
    expect(r.statistic).toBeCloseTo(2.1243400181751775, 10);
    expect(r.pValue).toBeCloseTo(0.03364172171182354, 10);
    expect(r.effect).toBeCloseTo(0.5 - 0.3, 12);
    const few = data({ a: { revenue: Array<number>(10).fill(1), orders: orders(4, 6) }, b: { revenue: Array<number>(10).fill(1), orders: orders(5, 5) } });
    const refused = testHypothesis({ id: "z", metric: "repeat", by: "group", groups: ["a", "b"] }, few);
    expect(refused.pValue).toBeNull();
    expect(refused.untested).toBe("few-outcomes");
  });

  it("compares a mix across groups with the chi-square test (Yates on 2 × 2) and Cramér's V", () => {
    const gender = [...Array<string>(30).fill("F"), ...Array<string>(10).fill("M"), ...Array<string>(12).fill("F"), ...Array<string>(28).fill("M")];
    const d = data({ a: { revenue: Array<number>(40).fill(1) }, b: { revenue: Array<number>(40).fill(1) } }, gender);
    const r = testHypothesis({ id: "c", mix: "gender", by: "segment" }, d);
    // stats.chi2_contingency([[30, 10], [12, 28]]) -> statistic=14.486215538847118, pvalue=0.00014118893684719275
    expect(r.test).toBe("chi-square-yates");
    expect(r.statistic).toBeCloseTo(14.486215538847118, 10);
    expect(r.pValue).toBeCloseTo(0.00014118893684719275, 12);
    // Expected counts are 21 F and 19 M per group: a/F 30 / 21 = 1.43, b/M 28 / 19 = 1.47, the furthest above.
    expect(r.seen).toEqual({ kind: "over", group: "b", value: "M", ratio: expect.closeTo(28 / 19, 12) });
  });

  it("does not test a group of fewer than 3 customers, and says why", () => {
    const r = testHypothesis({ id: "x", metric: "aov", by: "group", groups: ["a", "b"] }, data({ a: { revenue: [1, 2] }, b: { revenue: [1, 2, 3] } }));
    expect([r.pValue, r.effect, r.test, r.untested]).toEqual([null, null, null, "small-group"]);
  });
});

describe("hypotheses(list, data, sink)", () => {
  it("Holm-adjusts over the tested hypotheses and emits p, adjusted p and effect facts", () => {
    const d = data({ a: { revenue: normalA }, b: { revenue: normalB }, c: { revenue: expA }, e: { revenue: expB } });
    const sink = new FactSink(CUSTOMER_METRICS);
    const rows = hypotheses(
      [
        { id: "w", metric: "monetary", by: "group", groups: ["a", "b"] },
        { id: "u", metric: "monetary", by: "group", groups: ["c", "e"] },
        { id: "none", metric: "monetary", by: "group", groups: ["a", "nobody"] },
      ],
      d,
      sink,
    );
    // multipletests([0.027718802484447587, 0.0010159024716850473], method='holm') -> [0.02771880, 0.00203180]
    expect(rows.map((r) => r["p_adjusted"])).toEqual([expect.closeTo(0.027718802484447587, 10), expect.closeTo(2 * 0.0010159024716850473, 10), null]);
    expect(sink.facts.filter((f) => f.id === "hypothesis.p_adjusted").map((f) => [f.dims!["hypothesis"], f.value === null])).toEqual([
      ["w", false],
      ["u", false],
      ["none", true],
    ]);
    expect(rows.map((r) => r.supported)).toEqual([true, true, null]);
  });

  it("keeps the generated hypotheses that can be tested, topped up to 3 with untestable ones", () => {
    const d = data({ a: { revenue: normalA }, b: { revenue: expB } });
    const candidates = generateHypotheses(d);
    expect(candidates[0]).toEqual({ id: "aov-by-segment", metric: "aov", by: "segment" });
    const rows = hypotheses(candidates, d, new FactSink(CUSTOMER_METRICS), true);
    // Only aov-by-segment can be tested: every customer has one order (no repeat buyers) and every
    // first order is on day 0 = the period's middle (no first-half customers). Two untestable ones top it up to 3.
    expect(rows.map((r) => [r["hypothesis"], r["p_value"] === null])).toEqual([
      ["aov-by-segment", false],
      ["aov-repeat-vs-one-time", true],
      ["aov-by-acquisition-half", true],
    ]);
  });
});
