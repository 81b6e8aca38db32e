/**
 * Least squares against statsmodels / numpy (tests/causal/reference.py) on
 * wave data that Python rebuilds exactly.
 */
import { describe, expect, it } from "vitest";
import { leastSquares } from "../../src/causal/ols.ts";
import { add, expectClose, wave } from "../stats/close.ts";

const n = 15;
const x1 = wave(n, 7, 3, 11);
const x2 = wave(n, 5, 1, 13);
const x3 = wave(n, 3, 2, 7);
// y = 2 + 1.5 x1 − 0.7 x2 + 0.3 x3 + wave(15, 4, 0, 9) / 3
const y = add(
  x1.map((v) => 2 + 1.5 * v),
  x2.map((v) => -0.7 * v),
  x3.map((v) => 0.3 * v),
  wave(n, 4, 0, 9).map((v) => v / 3),
);

describe("leastSquares(columns, y)", () => {
  it("matches statsmodels OLS(y, add_constant(X)).fit(): params to 1e-9, rsquared and ssr", () => {
    const fit = leastSquares([x1, x2, x3], y);
    // sm.OLS(y, X).fit().params (np.linalg.lstsq agrees to 1e-15)
    const expected = [2.9554058855262846, 1.552300124399384, -0.6933007800307454, 0.3255606492128629];
    expected.forEach((b, j) => expectClose(fit.coefficients[j], b, { rel: 1e-9 }));
    expectClose(fit.r2, 0.9662944594931523, { rel: 1e-12 });
    expectClose(fit.rss, 11.278832588965674, { rel: 1e-10 });
    fit.residuals.forEach((e, i) => expectClose(e, y[i]! - fit.fitted[i]!, { abs: 1e-12 }));
  });

  it("without an intercept matches statsmodels OLS(y, X) and its uncentred R²", () => {
    const fit = leastSquares([x1, x2, x3], y, { intercept: false });
    [1.6409319599740275, -0.512498523634534, 0.7084811375659597].forEach((b, j) => expectClose(fit.coefficients[j], b, { rel: 1e-9 }));
    expectClose(fit.r2, 0.9784020639394687, { rel: 1e-12 });
  });

  it("with ridge λ matches (XᵀX + λD)⁻¹Xᵀy, the intercept unpenalised (numpy.linalg.solve)", () => {
    const fit = leastSquares([x1, x2, x3], y, { ridge: 2.5 });
    [3.019252862548156, 1.5165649516458222, -0.6724160614013089, 0.3251735444501464].forEach((b, j) => expectClose(fit.coefficients[j], b, { rel: 1e-9 }));
  });

  it("refit(y') on the same design equals a fresh fit of y'", () => {
    const other = y.map((v, i) => v + ((i * 5) % 3));
    const fresh = leastSquares([x1, x2, x3], other, { ridge: 0.5 }).coefficients;
    const refitted = leastSquares([x1, x2, x3], y, { ridge: 0.5 }).refit(other);
    fresh.forEach((b, j) => expectClose(refitted[j], b, { rel: 1e-12, abs: 1e-12 }));
  });

  it("fits a line exactly and gives R² = 0.25 by hand for [1, 3, 2] on [0, 1, 2]", () => {
    const line = leastSquares([[1, 2, 3, 4]], [3, 5, 7, 9]);
    expectClose(line.coefficients[0], 1, { abs: 1e-14 });
    expectClose(line.coefficients[1], 2, { abs: 1e-14 });
    // slope 0.5, intercept 1.5: residuals −0.5, 1, −0.5; rss 1.5; tss 2.
    expect(leastSquares([[0, 1, 2]], [1, 3, 2]).r2).toBeCloseTo(0.25, 14);
  });

  it("gives r2 null for a constant response", () => {
    expect(leastSquares([[0, 1, 2]], [4, 4, 4]).r2).toBeNull();
  });

  it("throws on collinear columns without a penalty, and fits them with one (equal weights for duplicates)", () => {
    expect(() => leastSquares([x1, x1.map((v) => 2 * v)], y)).toThrow(/leastSquares design is rank deficient at coefficient 2/);
    const fit = leastSquares([x1, x1], y, { ridge: 1 });
    expectClose(fit.coefficients[1], fit.coefficients[2]!, { rel: 1e-10 });
  });

  it("throws on mismatched lengths, non-finite values, too few rows and a negative penalty", () => {
    expect(() => leastSquares([[1, 2]], [1, 2, 3])).toThrow("leastSquares column 0 has 2 values, y has 3");
    expect(() => leastSquares([[1, NaN, 3]], [1, 2, 3])).toThrow("leastSquares column 0[1] is not a finite number: NaN");
    expect(() => leastSquares([[1, 2, 3]], [1, 2, Infinity])).toThrow("leastSquares y[2] is not a finite number: Infinity");
    expect(() => leastSquares([[1], [2]], [1])).toThrow("leastSquares needs at least 3 observations, got 1");
    expect(() => leastSquares([[1, 2, 3]], [1, 2, 3], { ridge: -1 })).toThrow("leastSquares invalid ridge: -1");
  });
});
