/**
 * Difference-in-differences against statsmodels
 * `smf.ols("y ~ treated * post").fit(cov_type="HC2", use_t=True)` and the
 * pre-trend check against `y ~ treated * day` on the pre-period
 * (tests/causal/reference.py).
 */
import { describe, expect, it } from "vitest";
import { did } from "../../src/causal/did.ts";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { expectClose, wave } from "../stats/close.ts";

const n = 30;
const launch = 18;
// treated = 50 + wave(30, 7, 3, 11) + (5 + wave(30, 3, 1, 5)) · [t ≥ 18]; comparison = 40 + wave(30, 5, 1, 13)
const treated = wave(n, 7, 3, 11).map((v, t) => 50 + v + (t >= launch ? 5 + ((t * 3 + 1) % 5) : 0));
const comparison = wave(n, 5, 1, 13).map((v) => 40 + v);

describe("did(treated, comparison, launch)", () => {
  const r = did(treated, comparison, launch);
  if (r.status !== "ok") throw new Error(r.refusal);

  it("matches statsmodels' treated:post coefficient and HC2 se to 1e-12, its t(56) interval and p-value to 1e-8", () => {
    expectClose(r.effect.estimate, 7.222222222222246, { rel: 1e-12 });
    expectClose(r.effect.se, 2.0133082019787767, { rel: 1e-12 });
    // statsmodels' interval uses scipy's t.ppf(0.975, 56), 1.4e-9 below the exact 2.00324071884787: hence 1e-8.
    expectClose(r.effect.lo95, 3.189081255148296, { rel: 1e-8 });
    expectClose(r.effect.hi95, 11.255363189296197, { rel: 1e-8 });
    expectClose(r.effect.pValue, 0.0007026948452293907, { rel: 1e-8 });
    expect(r.effect.df).toBe(56);
  });

  it("is the difference of the four cell means' differences", () => {
    expectClose(r.effect.estimate, r.means.treatedPost - r.means.treatedPre - (r.means.comparisonPost - r.means.comparisonPre), { rel: 1e-14 });
    expect(r.pre.days).toBe(18);
    expect(r.post.days).toBe(12);
  });

  it("matches statsmodels' treated:day interaction on the pre-period for the pre-trend check", () => {
    expectClose(r.preTrend.estimate, -0.17750257997935937, { rel: 1e-12 });
    expectClose(r.preTrend.se, 0.2299204497978103, { rel: 1e-12 });
    expectClose(r.preTrend.lo95, -0.6458352105158633, { rel: 1e-10 });
    expectClose(r.preTrend.hi95, 0.29083005055714467, { rel: 1e-10 });
    expectClose(r.preTrend.pValue, 0.44576850960047365, { rel: 1e-9 });
    expect(r.preTrend.df).toBe(32);
    expect(r.preTrend.parallel).toBe(true);
  });

  it("flags diverging pre-trends: a treated series rising 1 a day before launch", () => {
    const rising = treated.map((v, t) => v + t);
    const q = did(rising, comparison, launch);
    expect(q.status === "ok" && q.preTrend.parallel).toBe(false);
  });

  it("gives 4 for a +4 shift of the treated group against an unchanged comparison (the JSDoc example)", () => {
    const q = did([1, 2, 1, 2, 1, 2, 1, 5, 6, 5, 6, 5, 6, 5], [1, 2, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 2, 1], 7);
    expect(q.status === "ok" && q.effect.estimate).toBeCloseTo(4, 14);
  });

  it("gives se, interval and p-value null when every cell is constant", () => {
    const q = did([1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3], Array(14).fill(2), 7);
    expect(q.status === "ok" && q.effect).toEqual({ estimate: 2, se: null, lo95: null, hi95: null, pValue: null, df: 24 });
  });

  it("refuses a pre- or post-period shorter than 7 days", () => {
    expect(did([1, 2, 3], [1, 2, 3], 1)).toEqual({ status: "refused", refusal: "short-pre-period", days: 1 });
    expect(did(treated, comparison, 0)).toEqual({ status: "refused", refusal: "short-pre-period", days: 0 });
    expect(did(treated, comparison, 25)).toEqual({ status: "refused", refusal: "short-post-period", days: 5 });
  });

  it("throws on different lengths, non-finite values and a launch outside the series", () => {
    expect(() => did([1, 2], [1], 1)).toThrow("did comparison has 1 days, treated has 2");
    expect(() => did([1, NaN], [1, 2], 1)).toThrow("did treated[1] is not a finite number: NaN");
    expect(() => did(treated, comparison, 31)).toThrow("did invalid launch: 31 (days 0…30)");
    expect(() => did(treated, comparison, 2.5)).toThrow("did invalid launch: 2.5");
  });
});

describe("@stdlib's t quantile, which did() uses", () => {
  // mpmath root of the regularised incomplete beta at 40 digits (reference.py); scipy's t.ppf is up to 1.4e-9 off.
  it("matches the exact quantile (mpmath) to 1e-12", () => {
    expectClose(tQuantile(0.975, 10), 2.2281388519862744, { rel: 1e-12 });
    expectClose(tQuantile(0.975, 56), 2.0032407188478718, { rel: 1e-12 });
    expectClose(tQuantile(0.975, 32), 2.0369333434601016, { rel: 1e-12 });
    expectClose(tQuantile(0.025, 2.5), -3.574654842003683, { rel: 1e-12 });
    expectClose(tQuantile(0.999, 1), 318.30883898555015, { rel: 1e-12 });
    expect(tQuantile(0.5, 3)).toBe(0);
  });
});
