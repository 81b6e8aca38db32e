import { describe, expect, it } from "vitest";
import { betaDistribution } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

// References: mpmath 1.2 at 40 digits. For a + b < 2000, mp.betainc(a, b, 0, x, regularized=True);
// above, mp.quad of the density on breakpoints mode + k·sd (k = −40…40) below x. SciPy 1.10's
// special.betainc (Cephes) is shown too: it is off by up to 1e-9 relative at parameters of 1e5.
const cdfCases: [x: number, a: number, b: number, expected: number][] = [
  [0.3, 2, 3, 0.3483], // scipy 0.3483 (exact: 0.3483)
  [0.001, 0.1, 5, 0.6128983593749945], // scipy 0.6128983593749942
  [0.5, 0.5, 0.5, 0.5], // scipy 0.5000000000000001
  [0.0005, 1, 1000, 0.3935451771599384], // scipy 0.3935451771603299
  [0.02, 5, 300, 0.728245801151648], // scipy 0.7282458011515274
  [0.7, 40, 20, 0.7001783247477066], // scipy 0.7001783247477064
  [0.12, 17490, 127786, 0.32384505425558424], // scipy 0.32384505429096716
  [0.1185, 17265, 128047, 0.35668475348854317], // scipy 0.35668475344441536
  [0.2, 1e5, 4e5, 0.500282094883462], // scipy 0.5002820943514007
  [0.2002, 1e5, 4e5, 0.638394987883514], // scipy 0.6383949882639106
  // I_x(a, 2) = x^a·(x + (a + 1)(1 − x)), mpmath at 30 digits; scipy 3.573912965127089e-42
  [0.999, 1e5, 2, 3.573912965226877e-42],
];

describe("betaDistribution(alpha, beta)", () => {
  it("cdf is the regularised incomplete beta function to 1e-10, for parameters from 0.1 to 4e5", () => {
    for (const [x, a, b, expected] of cdfCases) expectClose(betaDistribution(a, b).cdf(x), expected, { rel: 1e-10 });
  });

  it("logPdf matches mpmath, also at parameters of 1e5 where the naive formula loses 1e-10", () => {
    // mpmath 40 digits: (a-1)*log(x) + (b-1)*log(1-x) - log(beta(a, b)); scipy 1.10 stats.beta.logpdf in brackets
    expectClose(betaDistribution(2, 3).logPdf(0.5), 0.4054651081081644); // [0.4054651081081646]
    expectClose(betaDistribution(0.5, 0.5).logPdf(0.3), -0.364406011717066); // [-0.36440601171706566]
    expectClose(betaDistribution(17490, 127786).logPdf(0.12), 6.0443591878594765, { rel: 1e-11 }); // [6.04435918796662]
    expectClose(betaDistribution(17490, 127786).logPdf(0.125), -8.141406781380558, { rel: 1e-11 }); // [-8.141406781272963]
    expectClose(betaDistribution(1, 101).logPdf(0.01), 3.6100869314911153); // [3.6100869314911153]
    expectClose(betaDistribution(1, 101).logPdf(0), 4.61512051684126); // log 101
    expect(betaDistribution(2, 3).logPdf(1.5)).toBe(-Infinity);
    expectClose(betaDistribution(2, 3).pdf(0.5), 1.5); // hand: 12 · 0.5 · 0.25
  });

  it("quantile matches scipy.stats.beta.ppf", () => {
    // scipy 1.10.1: stats.beta.ppf(p, a, b)
    const cases: [p: number, a: number, b: number, expected: number][] = [
      [0.025, 17490, 127786, 0.1187231170190847],
      [0.975, 17490, 127786, 0.12206984386790647],
      [0.025, 1, 1, 0.025],
      [0.5, 2, 3, 0.3857275681323895],
      [0.025, 1, 101, 0.0002506399507392151],
      [0.975, 1, 101, 0.03586462039000372],
      [0.05, 31, 71, 0.2315857846670348],
      [0.95, 31, 71, 0.38065004806704367],
      [0.005, 0.5, 100, 1.9684358406015047e-7],
    ];
    for (const [p, a, b, expected] of cases) expectClose(betaDistribution(a, b).quantile(p), expected, { rel: 1e-10 });
  });

  it("has the mean and sd of Beta(α, β)", () => {
    // hand: Beta(2, 3) has mean 2/5 and variance 6/(25·6) = 0.04
    const d = betaDistribution(2, 3);
    expectClose(d.mean, 0.4);
    expectClose(d.sd, 0.2);
  });

  it("throws a RangeError for parameters that are not finite and > 0", () => {
    expect(() => betaDistribution(0, 1)).toThrow(new RangeError("betaDistribution needs Beta parameters alpha > 0 and beta > 0, got Beta(0, 1)"));
    expect(() => betaDistribution(1, Number.NaN)).toThrow(RangeError);
    expect(() => betaDistribution(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
