import { describe, expect, it } from "vitest";
import { betaInterval, betaPosterior, expectedLoss, probabilityBBeatsA, probabilityBest } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

// ab_data.csv (../shared/data): control 17 489 conversions of 145 274 users, treatment 17 264 of 145 310,
// so with Beta(1, 1) priors A = Beta(17 490, 127 786) and B = Beta(17 265, 128 047).
const A: [number, number] = [17490, 127786];
const B: [number, number] = [17265, 128047];

// References, by two independent routes:
// - mpmath 1.2 at 30 digits, Evan Miller's formula with every term from mp.beta:
//     mp.fsum(mp.beta(aA+i, bA+bB) / ((bB+i) * mp.beta(1+i, bB) * mp.beta(aA, bA)) for i in range(aB))
// - scipy 1.10.1: integrate.quad(lambda x: stats.beta.pdf(x, aB, bB) * stats.beta.cdf(x, aA, bA), lo, hi,
//     epsabs=1e-14, epsrel=1e-13, limit=500, points=[mean of B]), lo/hi the 1e-15 quantiles
const integerCases: [aA: number, bA: number, aB: number, bB: number, mpmath: number, scipyQuad: number][] = [
  [31, 71, 45, 60, 0.9695383106260991, 0.969538310626098],
  [11, 91, 16, 86, 0.8532837899339661, 0.8532837899339654],
  [3, 4, 5, 6, 0.548951048951049, 0.5489510489510491],
  [1, 1, 2, 1, 0.6666666666666666, 0.6666666666666655],
  [201, 1801, 241, 1761, 0.9783185774768623, 0.9783185774768629],
  [...A, ...B, 0.0949441785475568, 0.09494417854759567],
  [...B, ...A, 0.9050558214524432, 0.9050558214522377],
];

describe("betaPosterior(successes, trials)", () => {
  it("is Beta(1 + x, 1 + n − x), null for x > n", () => {
    expect(betaPosterior(17489, 145274)).toEqual({ alpha: 17490, beta: 127786 });
    expect(betaPosterior(0, 0)).toEqual({ alpha: 1, beta: 1 });
    expect(betaPosterior(11, 10)).toBeNull();
    expect(() => betaPosterior(-1, 10)).toThrow(new RangeError("betaPosterior needs finite counts ≥ 0, got -1 of 10"));
  });
});

describe("probabilityBBeatsA(alphaA, betaA, alphaB, betaB, options)", () => {
  it("is 1/2 for equal posteriors and 2/3 or 1/3 after one conversion (hand computation)", () => {
    // P(V > U) for U uniform, V ~ Beta(2, 1) (density 2v): ∫ 2v·v dv = 2/3
    expectClose(probabilityBBeatsA(1, 1, 1, 1), 0.5, { rel: 1e-15 });
    expectClose(probabilityBBeatsA(1, 1, 2, 1), 2 / 3, { rel: 1e-15 });
    expectClose(probabilityBBeatsA(2, 1, 1, 1), 1 / 3, { rel: 1e-15 });
  });

  it("matches mpmath's exact sum and scipy's quadrature, by both methods", () => {
    for (const [aA, bA, aB, bB, exact, quad] of integerCases) {
      for (const method of ["auto", "sum", "integration"] as const) {
        const p = probabilityBBeatsA(aA, bA, aB, bB, { method });
        expectClose(p, exact, { abs: 1e-12 });
        expectClose(p, quad, { abs: 1e-12 });
      }
    }
  });

  it("is exact to 1e-12 on ab_data.csv's posteriors, and fast", () => {
    for (const method of ["auto", "integration"] as const) {
      const start = performance.now();
      const p = probabilityBBeatsA(...A, ...B, { method });
      const elapsed = performance.now() - start;
      expectClose(p, 0.0949441785475568, { abs: 1e-12 });
      expect(elapsed, `${method}: ${elapsed} ms`).toBeLessThan(50);
    }
  });

  it("gives P(B > A) + P(A > B) = 1", () => {
    for (const [aA, bA, aB, bB] of integerCases) {
      expectClose(probabilityBBeatsA(aA, bA, aB, bB) + probabilityBBeatsA(aB, bB, aA, bA), 1, { abs: 1e-12 });
      const integrated = probabilityBBeatsA(aA, bA, aB, bB, { method: "integration" }) + probabilityBBeatsA(aB, bB, aA, bA, { method: "integration" });
      expectClose(integrated, 1, { abs: 1e-13 });
    }
  });

  it("handles non-integer parameters by each closed form and by integration", () => {
    // mpmath 30 digits: mp.quad(lambda x: f(x, aB, bB) * mp.betainc(aA, bA, 0, x, regularized=True), mp.linspace(0, 1, 9)),
    //   f the Beta density. (2.5, 3, 1.5, 4.5) sums over βA; (3, 2.5, 1.5, 4.5) is 1 − a sum over αA;
    //   (2.5, 1.5, 1.5, 4) is 1 − a sum over βB; the last two have no whole parameter.
    const cases: [number, number, number, number, number][] = [
      [2.5, 3, 1.5, 4.5, 0.21213146287966575],
      [3, 2.5, 1.5, 4.5, 0.12969869363721043],
      [2.5, 1.5, 1.5, 4, 0.11380605602093861],
      [2.5, 1.5, 1.5, 4.5, 0.09534019427306878],
      [30.5, 70.5, 44.5, 59.5, 0.9703114432479683],
    ];
    for (const [aA, bA, aB, bB, expected] of cases) {
      expectClose(probabilityBBeatsA(aA, bA, aB, bB), expected, { abs: 1e-13 });
      expectClose(probabilityBBeatsA(aA, bA, aB, bB, { method: "integration" }), expected, { abs: 1e-13 });
    }
    expect(() => probabilityBBeatsA(2.5, 1.5, 1.5, 4.5, { method: "sum" })).toThrow(RangeError);
  });

  it("integrates ab_data-sized posteriors with Jeffreys priors (no whole parameter)", () => {
    // scipy 1.10.1: quad as above (points at means ± 0, 3 sd, 1e-16 quantiles) with aA, bA, aB, bB = 17489.5, 127785.5, 17264.5, 128046.5
    //   -> 0.09494141255344238 (SciPy's betainc is good to about 1e-9 relative here)
    expectClose(probabilityBBeatsA(17489.5, 127785.5, 17264.5, 128046.5), 0.09494141255344238, { abs: 1e-10 });
  });

  it("throws a RangeError for bad parameters or method", () => {
    expect(() => probabilityBBeatsA(0, 1, 1, 1)).toThrow(new RangeError("probabilityBBeatsA needs Beta parameters alpha > 0 and beta > 0, got Beta(0, 1)"));
    expect(() => probabilityBBeatsA(0.5, 0.5, 0.5, 0.5)).toThrow("probabilityBBeatsA integrates only Beta parameters ≥ 1, got Beta(0.5, 0.5)");
    expect(() => probabilityBBeatsA(1, 1, 1, 1, { method: "mc" as "sum" })).toThrow("probabilityBBeatsA invalid method: mc");
  });
});

describe("expectedLoss(alphaA, betaA, alphaB, betaB, options)", () => {
  // E[max(pA − pB, 0)] = ∫ F_B(t)·(1 − F_A(t)) dt, an independent form.
  // mpmath 30 digits: mp.quad(lambda t: F(t, aB, bB) * (1 - F(t, aA, bA)), mp.linspace(0, 1, 9)), F = mp.betainc(…, regularized=True)
  // scipy 1.10.1 for the large cases: quad of stats.beta.cdf(t, aB, bB) * stats.beta.sf(t, aA, bA), epsabs=1e-15, epsrel=1e-13
  const cases: [aA: number, bA: number, aB: number, bB: number, lossA: number, lossB: number][] = [
    [1, 1, 1, 1, 0.16666666666666666, 0.16666666666666666], // hand: E|U − V|/2 = 1/6
    [31, 71, 45, 60, 0.12544199510282483, 0.0007921351588472364],
    [3, 4, 5, 6, 0.10513016395369337, 0.07915613797966739],
    [2.5, 1.5, 1.5, 4.5, 0.013261454004058901, 0.3882614540040589],
    [201, 1801, 241, 1761, 0.020059710760064374, 7.969078004439101e-5],
    [...A, ...B, 5.355316583240462e-5, 0.0016317717238435703],
  ];

  it("matches the integral of F_B·(1 − F_A) (mpmath, scipy) to 1e-13, by both methods", () => {
    for (const [aA, bA, aB, bB, lossA, lossB] of cases) {
      for (const method of ["auto", "integration"] as const) {
        const loss = expectedLoss(aA, bA, aB, bB, { method });
        expectClose(loss.lossA, lossA, { abs: 1e-13 });
        expectClose(loss.lossB, lossB, { abs: 1e-13 });
      }
    }
  });

  it("gives lossA − lossB = mean B − mean A", () => {
    for (const [aA, bA, aB, bB] of cases) {
      const loss = expectedLoss(aA, bA, aB, bB);
      expectClose(loss.lossA - loss.lossB, aB / (aB + bB) - aA / (aA + bA), { abs: 1e-13 });
    }
  });
});

describe("probabilityBest(posteriors)", () => {
  const beta = (alpha: number, b: number) => ({ alpha, beta: b });
  // scipy 1.10.1: quad(lambda x: stats.beta.pdf(x, a_i, b_i) * np.prod([stats.beta.cdf(x, a_j, b_j) for j ≠ i]), lo, hi,
  //   epsabs=1e-15, epsrel=1e-13, limit=1000, points=means ± 0, 3 sd), lo/hi the 1e-16 quantiles;
  // mpmath 30 digits: mp.quad of the same with mp.betainc, on mp.linspace(0, 1, 17)
  it("matches scipy's and mpmath's quadrature for three and four variants", () => {
    const three = probabilityBest([beta(31, 71), beta(45, 60), beta(40, 66)]);
    // mpmath: [0.015885133914963929, 0.76632866711173696, 0.21778619897329911]
    [0.01588513391496393, 0.766328667111737, 0.21778619897329912].forEach((p, i) => expectClose(three[i], p, { abs: 1e-13 }));
    const four = probabilityBest([beta(1, 1), beta(3, 9), beta(20, 60), beta(2, 2)]);
    // mpmath: [0.47204473439754299, 0.05138682823127643, 0.025852173185821866, 0.45071626418535871]
    [0.47204473439754296, 0.05138682823127643, 0.025852173185821867, 0.4507162641853587].forEach((p, i) => expectClose(four[i], p, { abs: 1e-13 }));
  });

  it("handles ab_data-sized posteriors fast", () => {
    // scipy: [0.6692925564000671, 0.052052766804460845, 0.27865467679549955] (sum 1 + 2.8e-14; SciPy's betainc is good to 1e-9 here)
    const start = performance.now();
    const large = probabilityBest([beta(...A), beta(...B), beta(17400, 127900)]);
    expect(performance.now() - start).toBeLessThan(50);
    [0.6692925564000671, 0.052052766804460845, 0.27865467679549955].forEach((p, i) => expectClose(large[i], p, { abs: 1e-11 }));
  });

  it("sums to 1 within 1e-12 and agrees with probabilityBBeatsA for two variants", () => {
    const sets = [
      [beta(31, 71), beta(45, 60), beta(40, 66)],
      [beta(1, 1), beta(3, 9), beta(20, 60), beta(2, 2)],
      [beta(...A), beta(...B), beta(17400, 127900)],
      [beta(2, 998), beta(5, 995), beta(1, 1), beta(400, 600), beta(17, 1)],
    ];
    for (const set of sets)
      expectClose(
        probabilityBest(set).reduce((s, p) => s + p, 0),
        1,
        { abs: 1e-12 },
      );
    for (const [aA, bA, aB, bB, exact] of integerCases) {
      const [pA, pB] = probabilityBest([beta(aA, bA), beta(aB, bB)]);
      expectClose(pB, exact, { abs: 1e-12 });
      expectClose(pA, 1 - exact, { abs: 1e-12 });
    }
  });

  it("is [1] for one posterior and throws for none or parameters below 1", () => {
    expect(probabilityBest([beta(3, 4)])).toEqual([1]);
    expect(() => probabilityBest([])).toThrow(new RangeError("probabilityBest needs at least one posterior, got 0"));
    expect(() => probabilityBest([beta(0.5, 4), beta(1, 1)])).toThrow("probabilityBest integrates only Beta parameters ≥ 1, got Beta(0.5, 4)");
  });
});

describe("betaInterval(alpha, beta, level)", () => {
  it("matches scipy.stats.beta.ppf at (1 ∓ level)/2", () => {
    // scipy 1.10.1: stats.beta.ppf([(1-l)/2, (1+l)/2], a, b)
    const cases: [number, number, number, number, number][] = [
      [31, 71, 0.95, 0.21897872630403406, 0.396147128647689],
      [...A, 0.95, 0.1187231170190847, 0.12206984386790647],
      [1, 1, 0.9, 0.04999999999999999, 0.95],
      [1, 101, 0.95, 0.0002506399507392153, 0.03586462039000372],
      [3, 4, 0.5, 0.2969165483072575, 0.5531982517439586],
    ];
    for (const [a, b, level, lo, hi] of cases) {
      const interval = betaInterval(a, b, level);
      expectClose(interval.lo, lo, { rel: 1e-10 });
      expectClose(interval.hi, hi, { rel: 1e-10 });
    }
    expectClose(betaInterval(1, 1).lo, 0.025);
  });

  it("throws a RangeError for a level outside (0, 1)", () => {
    expect(() => betaInterval(2, 3, 95)).toThrow(new RangeError("betaInterval needs a level in (0, 1), got 95"));
  });
});
