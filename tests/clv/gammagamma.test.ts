/**
 * Gamma-Gamma (src/clv/gammagamma.ts). Expected values: the published CDNOW
 * fit (lifetimes' docs: p = 6.25, q = 3.74, v = 15.45 on the 946 repeat
 * buyers), tests/clv/reference.py (SciPy, quoted where used) and hand
 * computations written out below.
 */
import { describe, expect, it } from "vitest";
import { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood, type GammaGammaFit } from "../../src/clv/gammagamma.ts";
import { expectClose } from "../stats/close.ts";
import { cdnowColumn, cdnowPresent } from "./cdnow.ts";

const PUBLISHED = { p: 6.25, q: 3.74, v: 15.45 };

describe.skipIf(!cdnowPresent)("fitGammaGamma on the CDNOW sample (../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv)", () => {
  const file = "cdnow_customers_summary_with_transactions.csv";
  const x = cdnowColumn(file, "x");
  const m = cdnowColumn(file, "zbar");
  const fit = fitGammaGamma(x, m) as GammaGammaFit;

  it("reproduces the published p = 6.25, q = 3.74, v = 15.45 within 0.5% on the 946 customers with frequency > 0", () => {
    expect(fit.status).toBe("fitted");
    expectClose(fit.p, PUBLISHED.p, { rel: 0.005 });
    expectClose(fit.q, PUBLISHED.q, { rel: 0.005 });
    expectClose(fit.v, PUBLISHED.v, { rel: 0.005 });
    // The file has 2,357 customers (its SOURCE.md says 2,356: the last line has no newline).
    expect(fit).toMatchObject({ customers: 946, excluded: 2357 - 946 });
  });

  it("reaches SciPy's maximum, converged from every start", () => {
    // reference.py "sample.gg": scipy.optimize.minimize (Nelder-Mead) on values divided by their mean.
    expectClose(fit.p, 6.248802332054881, { rel: 1e-5 });
    expectClose(fit.q, 3.7445883773659667, { rel: 1e-5 });
    expectClose(fit.v, 15.447748064961736, { rel: 1e-5 });
    expectClose(fit.logLikelihood, -4055.9232435028644, { rel: 1e-12 });
    expect(fit.converged).toBe(true);
    for (const s of fit.starts) expectClose(s.logLikelihood, fit.logLikelihood, { abs: 1e-6 });
  });

  it("gammaGammaLogLikelihood at the published parameters matches the SciPy transcription, skipping frequency 0", () => {
    // reference.py "sample.gg.log_likelihood_at_published"
    expectClose(gammaGammaLogLikelihood(PUBLISHED, x, m), -4055.926803841611, { rel: 1e-12 });
  });
});

describe("fitGammaGamma on thin or bad input", () => {
  it("excludes frequency 0 and monetary 0, and gives 'not enough data' below 3 customers left", () => {
    expect(fitGammaGamma([0, 2, 3, 1], [0, 10, 12, 0])).toEqual({
      status: "not enough data",
      lack: "valued_repeat_buyers",
      customers: 4,
      usable: 2,
      required: 3,
    });
  });

  it("fits 3 valued repeat buyers and counts the excluded", () => {
    const fit = fitGammaGamma([0, 2, 3, 1, 4], [0, 10, 12, 9, 30]);
    expect(fit).toMatchObject({ status: "fitted", customers: 4, excluded: 1 });
  });

  it("throws for a negative or fractional frequency, a negative monetary value or ragged columns", () => {
    expect(() => fitGammaGamma([1.5], [3])).toThrow(/invalid frequency of customer 0: 1.5/);
    expect(() => fitGammaGamma([1, 2], [3, -1])).toThrow(/invalid monetary value of customer 1: -1/);
    expect(() => fitGammaGamma([1, 2], [3])).toThrow(/invalid fitGammaGamma columns/);
  });
});

describe("expectedAverageValue(params, frequency, monetary)", () => {
  it("weighs the customer's mean against the population mean pv/(q − 1)", () => {
    // x = 2, m = 22.35: 6.25 × (15.45 + 44.7) ÷ (12.5 + 2.74) = 375.9375 ÷ 15.24
    expectClose(expectedAverageValue(PUBLISHED, 2, 22.35), 375.9375 / 15.24, { rel: 1e-14 });
    // x = 0: the population mean 6.25 × 15.45 ÷ 2.74, whatever m
    expectClose(expectedAverageValue(PUBLISHED, 0, 0), 96.5625 / 2.74, { rel: 1e-14 });
    expect(expectedAverageValue(PUBLISHED, 0, 50)).toBe(expectedAverageValue(PUBLISHED, 0, 0));
  });

  it("is null when px + q ≤ 1, where the posterior mean does not exist", () => {
    expect(expectedAverageValue({ p: 2, q: 0.8, v: 10 }, 0, 0)).toBeNull();
    expect(expectedAverageValue({ p: 2, q: 1, v: 10 }, 0, 0)).toBeNull();
    // x = 1: 2 × (10 + 5) ÷ (2 + 0.8 − 1) = 30 ÷ 1.8
    expectClose(expectedAverageValue({ p: 2, q: 0.8, v: 10 }, 1, 5), 30 / 1.8, { rel: 1e-14 });
  });

  it("throws for a fractional frequency or a negative monetary value", () => {
    expect(() => expectedAverageValue(PUBLISHED, 0.5, 1)).toThrow(/invalid frequency: 0.5/);
    expect(() => expectedAverageValue(PUBLISHED, 1, -1)).toThrow(/invalid monetary value: -1/);
  });
});
