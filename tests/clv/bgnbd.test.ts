/**
 * BG/NBD (src/clv/bgnbd.ts). Expected values: the published CDNOW fit
 * (Fader, Hardie & Lee 2005, table; lifetimes' docs), and
 * tests/clv/reference.py, a direct SciPy transcription of the paper's
 * formulas (lifetimes is not installed and PyPI is not reachable here, so it
 * could not be run), whose output is quoted where used.
 */
import { describe, expect, it } from "vitest";
import { bgNbdLogLikelihood, expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdFit, type BgNbdParams } from "../../src/clv/bgnbd.ts";
import { expectClose } from "../stats/close.ts";
import { cdnowColumn, cdnowPresent } from "./cdnow.ts";

const PUBLISHED: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };

describe.skipIf(!cdnowPresent)("fitBgNbd on the CDNOW sample (../shared/data/cdnow/cdnow_customers_summary.csv)", () => {
  const file = "cdnow_customers_summary.csv";
  const summary = { frequency: cdnowColumn(file, "frequency"), recency: cdnowColumn(file, "recency"), T: cdnowColumn(file, "T") };
  const fit = fitBgNbd(summary) as BgNbdFit;

  it("reproduces the published r = 0.2426, α = 4.4135, a = 0.7929, b = 2.4258 within 0.5%", () => {
    expect(fit.status).toBe("fitted");
    for (const key of ["r", "alpha", "a", "b"] as const) expectClose(fit[key], PUBLISHED[key], { rel: 0.005 });
  });

  it("reaches SciPy's maximum and the paper's log-likelihood of −9,582.4, converged from every start", () => {
    // reference.py "sample.bgnbd": scipy.optimize.minimize (Nelder-Mead, xatol = fatol = 1e-10, best of 4 starts).
    expectClose(fit.r, 0.24259290365656325, { rel: 1e-5 });
    expectClose(fit.alpha, 4.413531564920561, { rel: 1e-5 });
    expectClose(fit.a, 0.792886102245992, { rel: 1e-5 });
    expectClose(fit.b, 2.4257531907752936, { rel: 1e-5 });
    expectClose(fit.logLikelihood, -9582.42556056736, { rel: 1e-12 });
    expectClose(fit.logLikelihood, -9582.4, { abs: 0.05 });
    expect(fit.converged).toBe(true);
    expect(fit.starts).toHaveLength(5);
    for (const s of fit.starts) {
      expect(s.converged).toBe(true);
      expectClose(s.logLikelihood, fit.logLikelihood, { abs: 1e-6 });
    }
    expect(fit).toMatchObject({ customers: 2357, repeatBuyers: 946 });
  });

  it("bgNbdLogLikelihood at the published parameters matches the SciPy transcription", () => {
    // reference.py "sample.bgnbd.log_likelihood_at_published"
    expectClose(bgNbdLogLikelihood(PUBLISHED, summary), -9582.425561085958, { rel: 1e-12 });
  });

  it("takes given starts, records one outside the parameter space as not converged, and keeps the best", () => {
    const given = fitBgNbd(summary, { starts: [PUBLISHED, { r: 1e20, alpha: 1, a: 1, b: 1 }] }) as BgNbdFit;
    expect(given.starts).toHaveLength(2);
    expect(given.starts[1]).toMatchObject({ converged: false, iterations: 0 });
    expectClose(given.logLikelihood, fit.logLikelihood, { abs: 1e-6 });
    expect(given.starts[0]!.start).toEqual(PUBLISHED);
  });

  it("with a penalizer, gives up likelihood for smaller parameters", () => {
    const penalised = fitBgNbd(summary, { penalizer: 0.1 }) as BgNbdFit;
    expect(penalised.logLikelihood).toBeLessThan(fit.logLikelihood);
    expect(penalised.b).toBeLessThan(fit.b);
  });

  it("takes rows as well as columns", () => {
    const rows = summary.frequency.map((frequency, i) => ({ frequency, recency: summary.recency[i]!, T: summary.T[i]! }));
    const again = fitBgNbd(rows) as BgNbdFit;
    expect(again.r).toBe(fit.r);
    expect(bgNbdLogLikelihood(PUBLISHED, rows)).toBe(bgNbdLogLikelihood(PUBLISHED, summary));
  });
});

describe("expectedPurchases and probabilityAlive at the published CDNOW parameters", () => {
  // reference.py "predictions": eq. 10 with scipy.special.hyp2f1 in its original
  // form F(r + x, b + x; a + b + x − 1; z), and note 021's P(alive); customers
  // 1, 2, 3, 18, 150 and 1516 of the sample, and two larger frequencies.
  const CASES: readonly (readonly [string, number, number, number, number, number])[] = [
    ["1", 2, 30.43, 38.86, 1.225911199899222, 0.7266079973001563],
    ["2", 1, 1.71, 38.86, 0.20324888286609233, 0.21222445924803887],
    ["3", 0, 0, 38.86, 0.19478655038715112, 1],
    ["18", 1, 4.86, 38.86, 0.2977632528826936, 0.31091263300374594],
    ["150", 4, 33, 38, 2.5294568475001307, 0.800760222367523],
    ["1516", 26, 30.86, 31, 20.75048390015051, 0.9689192315509454],
    ["x = 30", 30, 50, 52, 15.786333568514255, 0.9300881522749308],
    ["x = 100", 100, 70, 77, 0.6292268184807751, 0.015355635678912728],
  ];

  it.each(CASES)("customer %s: E[X(39)] and P(alive) match the SciPy transcription", (_, x, tx, T, expected39, alive) => {
    expectClose(expectedPurchases(PUBLISHED, 39, x, tx, T), expected39, { rel: 1e-11 });
    expectClose(probabilityAlive(PUBLISHED, x, tx, T), alive, { rel: 1e-13 });
  });

  it("expectedPurchases is 0 at t = 0 and grows with t", () => {
    expect(expectedPurchases(PUBLISHED, 0, 2, 30.43, 38.86)).toBe(0);
    let before = 0;
    for (const t of [1, 5, 10, 52, 520]) {
      const e = expectedPurchases(PUBLISHED, t, 2, 30.43, 38.86);
      expect(e).toBeGreaterThan(before);
      before = e;
    }
  });

  it("expectedPurchases is continuous through a = 1, the formula's removable singularity", () => {
    const at = (a: number): number => expectedPurchases({ ...PUBLISHED, a }, 39, 3, 20, 38.86);
    const below = at(1 - 1e-6);
    const above = at(1 + 1e-6);
    expectClose(above, below, { rel: 1e-5 });
    expectClose(at(1), (above + below) / 2, { rel: 1e-5 });
  });

  it("throws for a history the model cannot take", () => {
    expect(() => expectedPurchases(PUBLISHED, 39, 1.5, 2, 3)).toThrow(/invalid frequency of the customer: 1.5/);
    expect(() => expectedPurchases(PUBLISHED, 39, 1, 4, 3)).toThrow(/invalid T of the customer: 3 \(recency 4\)/);
    expect(() => expectedPurchases(PUBLISHED, -1, 1, 2, 3)).toThrow(/invalid expectedPurchases t: -1/);
    expect(() => probabilityAlive(PUBLISHED, 1, NaN, 3)).toThrow(/invalid recency/);
  });
});

describe("fitBgNbd on thin or bad input", () => {
  it("gives 'not enough data' with fewer than 3 repeat buyers, and no fit", () => {
    const two = { frequency: [0, 1, 2, 0], recency: [0, 3, 5, 0], T: [10, 10, 8, 2] };
    expect(fitBgNbd(two)).toEqual({
      status: "not enough data",
      lack: "repeat_buyers",
      customers: 4,
      usable: 2,
      required: 3,
    });
    expect(fitBgNbd([])).toMatchObject({ status: "not enough data", customers: 0, usable: 0 });
  });

  it("fits 3 repeat buyers, and reports a run cut short as not converged", () => {
    const three = { frequency: [0, 1, 2, 3, 0], recency: [0, 3, 5, 7, 0], T: [10, 10, 8, 9, 2] };
    const fit = fitBgNbd(three);
    expect(fit.status).toBe("fitted");
    const short = fitBgNbd(three, { maxIterations: 1 });
    expect(short).toMatchObject({ status: "fitted", converged: false });
  });

  it("throws for a fractional frequency, a recency above T, a negative or non-finite value, or ragged columns", () => {
    expect(() => fitBgNbd({ frequency: [1.5], recency: [1], T: [2] })).toThrow(/invalid frequency of customer 0: 1.5/);
    expect(() => fitBgNbd({ frequency: [0, 1], recency: [0, 3], T: [1, 2] })).toThrow(/invalid T of customer 1: 2 \(recency 3\)/);
    expect(() => fitBgNbd({ frequency: [1], recency: [-1], T: [2] })).toThrow(/invalid recency of customer 0: -1/);
    expect(() => fitBgNbd({ frequency: [1], recency: [1], T: [Infinity] })).toThrow(/invalid T/);
    expect(() => fitBgNbd({ frequency: [1, 2], recency: [1], T: [2, 3] })).toThrow(/invalid fitBgNbd columns/);
  });
});
