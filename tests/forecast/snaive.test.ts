/**
 * Seasonal naive forecasts, accuracy measures and interval helpers on tiny
 * series worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { mape, mase, maseScale, meanAbsoluteError, smape } from "../../src/forecast/accuracy.ts";
import { gaussianForecast, linearCovariance, sampledForecast, Z80, Z95 } from "../../src/forecast/intervals.ts";
import { quantile } from "../../src/stats/quantile.ts";
import { snaive } from "../../src/forecast/snaive.ts";

describe("snaive(y, m)", () => {
  // Two seasons of 3: seasonal differences 13 − 10 = 3, 14 − 12 = 2, 17 − 11 = 6.
  const y = [10, 12, 11, 13, 14, 17];

  it("repeats the last season and estimates σ² as the mean squared seasonal difference (R's snaive)", () => {
    const fit = snaive(y, 3);
    expect(fit.sigma2).toBeCloseTo((9 + 4 + 36) / 3, 12);
    const fc = fit.forecast(5);
    expect(fc.steps.map((s) => s.value)).toEqual([13, 14, 17, 13, 14]);
  });

  it("widens intervals by √(k + 1) in the (k + 1)-th season ahead: σ√1 for steps 1–3, σ√2 for 4–5", () => {
    const fit = snaive(y, 3);
    const sigma = Math.sqrt(49 / 3);
    const fc = fit.forecast(5);
    expect(fc.steps[0]!.hi80).toBeCloseTo(13 + Z80 * sigma, 12);
    expect(fc.steps[2]!.lo95).toBeCloseTo(17 - Z95 * sigma, 12);
    expect(fc.steps[3]!.hi95).toBeCloseTo(13 + Z95 * sigma * Math.SQRT2, 12);
  });

  it("gives the total of 5 steps the variance of its errors 2ε₁ + 2ε₂ + ε₃ + ε₄ + ε₅, 11σ² (steps 4 and 5 carry the innovations of 1 and 2)", () => {
    const fc = snaive(y, 3).forecast(5);
    expect(fc.total.value).toBe(13 + 14 + 17 + 13 + 14);
    expect(fc.total.hi95 - fc.total.value).toBeCloseTo(Z95 * Math.sqrt((49 / 3) * 11), 10);
  });

  it("throws on a series no longer than one season", () => {
    expect(() => snaive([1, 2, 3], 3)).toThrow(/invalid series for seasonal naive: 3 values, period 3/);
  });
});

describe("accuracy measures", () => {
  it("maseScale(training, m) is the in-sample seasonal naive MAE; null when it is 0 or undefined", () => {
    expect(maseScale([10, 12, 11, 13, 14, 17], 3)).toBeCloseTo((3 + 2 + 6) / 3, 14);
    expect(maseScale([1, 2, 1, 2], 2)).toBeNull();
    expect(maseScale([1, 2], 2)).toBeNull();
  });

  it("mase(actual, forecast, scale) scales the MAE; the seasonal naive forecast of the next season of a tiny series", () => {
    // Forecast 13, 14, 17 for actuals 15, 13, 20: MAE (2 + 1 + 3) / 3 = 2, scale 11/3.
    expect(meanAbsoluteError([15, 13, 20], [13, 14, 17])).toBe(2);
    expect(mase([15, 13, 20], [13, 14, 17], 11 / 3)).toBeCloseTo(6 / 11, 14);
    expect(mase([1], [2], null)).toBeNull();
  });

  it("smape is a fraction in [0, 2], a pair of zeros counting 0; mape is null when an actual is 0", () => {
    expect(smape([100, 200], [110, 200])).toBeCloseTo(20 / 210 / 2, 14);
    expect(smape([0, 0], [0, 5])).toBe(1);
    expect(mape([100, 200], [110, 180])).toBeCloseTo(0.1, 14);
    expect(mape([0, 200], [1, 180])).toBeNull();
    expect(smape([], [])).toBeNull();
  });
});

describe("interval helpers", () => {
  it("linearCovariance(ψ, σ², h): Cov(e_i, e_j) = σ² Σ_k ψ_k ψ_{k+j−i}", () => {
    expect(Array.from(linearCovariance([1, 0.5], 2, 2))).toEqual([2, 1, 1, 2.5]);
  });

  it("gaussianForecast(mean, cov): value ± z·sd, the total ± z·√(1ᵀ cov 1)", () => {
    const fc = gaussianForecast([10, 20], [4, 1, 1, 9]);
    expect(fc.steps[0]!.hi95).toBeCloseTo(10 + Z95 * 2, 14);
    expect(fc.steps[1]!.lo80).toBeCloseTo(20 - Z80 * 3, 14);
    expect(fc.total.value).toBe(30);
    expect(fc.total.hi95).toBeCloseTo(30 + Z95 * Math.sqrt(4 + 1 + 1 + 9), 14);
  });

  it("quantile(sorted, p) is R's type 7, and sampledForecast reads the 2.5/10/90/97.5% quantiles of the paths", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 14);
    const paths = Array.from({ length: 101 }, (_, s) => Float64Array.of(s, 2 * s));
    const fc = sampledForecast([50, 100], paths);
    expect(fc.steps[0]).toEqual({ value: 50, lo80: 10, hi80: 90, lo95: 2.5, hi95: 97.5 });
    expect(fc.total.hi80).toBeCloseTo(270, 10);
  });
});
