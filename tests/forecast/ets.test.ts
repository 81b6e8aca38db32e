/**
 * ETS against statsmodels' ETSModel(initialization_method="heuristic")
 * (tests/forecast/statsmodels_reference.py) and hand computations.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ets, etsInitialStates, etsLogLik, type EtsSpec } from "../../src/forecast/ets.ts";
import { Z95 } from "../../src/forecast/intervals.ts";
import synthetic from "./statsmodels_synthetic.json" with { type: "json" };

const monthly = synthetic.ets_monthly;
const spec = (error: "A" | "M", trend: "N" | "A" | "Ad", season: "N" | "A" | "M"): EtsSpec => ({ error, trend, season, period: 12 });
const smoothing = (p: Record<string, number | undefined>) => ({
  alpha: p["smoothing_level"]!,
  beta: p["smoothing_trend"],
  gamma: p["smoothing_seasonal"],
  phi: p["damping_trend"],
});

describe("etsInitialStates(y, spec): statsmodels' heuristic", () => {
  it("is the least-squares line through the first 10 values without a season (level at x = 0)", () => {
    expect(etsInitialStates([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50], spec("A", "A", "N"))).toEqual({ level: 0, trend: 1, season: [] });
  });

  it("matches statsmodels' initial level, trend and seasonal states on a monthly series", () => {
    for (const [key, s] of [
      ["AAdA", spec("A", "Ad", "A")],
      ["MAdM", spec("M", "Ad", "M")],
    ] as const) {
      const ref = monthly.models[key];
      const mine = etsInitialStates(monthly.series, s);
      expect(mine.level).toBeCloseTo(ref.initial_level, 10);
      expect(mine.trend).toBeCloseTo(ref.initial_trend!, 10);
      mine.season.forEach((v, i) => expect(v).toBeCloseTo(ref.initial_seasonal[i]!, 12));
    }
  });

  it("throws on fewer than 10 values or two seasons", () => {
    expect(() => etsInitialStates([1, 2, 3], spec("A", "N", "N"))).toThrow(/3 values, the heuristic initialisation needs 10/);
    expect(() => etsInitialStates(monthly.series.slice(0, 23), spec("A", "N", "A"))).toThrow(/23 values, period 12 needs 24/);
  });
});

describe("ets(y, spec) against statsmodels on a monthly series with a trend and a multiplicative season", () => {
  it("ETS(A,Ad,A): the same estimates, log-likelihood and 95% intervals", () => {
    const ref = monthly.models.AAdA;
    const fit = ets(monthly.series, spec("A", "Ad", "A"));
    expect(fit.logLik).toBeCloseTo(ref.llf, 7);
    expect(fit.parameters["alpha"]).toBeCloseTo(ref.params.smoothing_level, 4);
    expect(fit.parameters["beta"]).toBeCloseTo(ref.params.smoothing_trend, 4);
    expect(fit.parameters["gamma"]).toBeCloseTo(ref.params.smoothing_seasonal, 4);
    expect(fit.parameters["phi"]).toBeCloseTo(ref.params.damping_trend, 6);
    expect(fit.sigma2).toBeCloseTo(ref.mse, 5);
    const fc = fit.forecast(13);
    for (const h of [0, 1, 11, 12]) {
      expect(fc.steps[h]!.value).toBeCloseTo(ref.mean![h]!, 3);
      expect(fc.steps[h]!.lo95).toBeCloseTo(ref.lo95![h]!, 3);
      expect(fc.steps[h]!.hi95).toBeCloseTo(ref.hi95![h]!, 3);
    }
  });

  it("ETS(A,Ad,A) three seasons ahead: statsmodels' means and 95% intervals at h = 24 and 36, and the total's variance σ² Σₜ (Σ_{j ≤ H − t} c_j)²", () => {
    // The same fit, get_prediction(start=72, end=107).summary_frame(alpha=0.05), rows 24 and 36 (statsmodels 0.13.5).
    const ref = [
      [23, 72.5789513100059, 58.19973550498255, 86.95816711502926],
      [35, 73.71131222479012, 55.643154685013315, 91.77946976456693],
    ] as const;
    const fit = ets(monthly.series, spec("A", "Ad", "A"));
    const fc = fit.forecast(36);
    for (const [h, mean, lo95, hi95] of ref) {
      expect(fc.steps[h]!.value).toBeCloseTo(mean, 3);
      expect(fc.steps[h]!.lo95).toBeCloseTo(lo95, 3);
      expect(fc.steps[h]!.hi95).toBeCloseTo(hi95, 3);
    }
    // The total's error is Σₜ εₜ (c_0 + … + c_{H−t}), with c_0 = 1 and c_j = α + βφ(1 − φʲ) ÷ (1 − φ) + γ·[j mod 12 = 0] (Hyndman et al. 2008, class 1).
    const { alpha, beta, gamma, phi } = fit.parameters as { alpha: number; beta: number; gamma: number; phi: number };
    const c = Array.from({ length: 36 }, (_, j) => (j === 0 ? 1 : alpha + (beta * phi * (1 - phi ** j)) / (1 - phi) + (j % 12 === 0 ? gamma : 0)));
    let variance = 0;
    for (let t = 1; t <= 36; t++) variance += c.slice(0, 36 - t + 1).reduce((a, b) => a + b, 0) ** 2;
    expect(fc.total.hi95 - fc.total.value).toBeCloseTo(Z95 * Math.sqrt(fit.sigma2 * variance), 8);
  });

  it("ETS(A,N,A): the same estimates, log-likelihood and intervals (whose variance steps up by γ(2α + γ) each season)", () => {
    const ref = monthly.models.ANA;
    const fit = ets(monthly.series, spec("A", "N", "A"));
    expect(fit.logLik).toBeCloseTo(ref.llf, 7);
    const fc = fit.forecast(13);
    expect(fc.steps[12]!.hi95).toBeCloseTo(ref.hi95![12]!, 3);
    // statsmodels' ANA formula: 1 + α²(h − 1) + γk(2α + γ), k = ⌊(h − 1) / m⌋.
    const { alpha, gamma } = fit.parameters as { alpha: number; gamma: number };
    const sd13 = Math.sqrt(fit.sigma2 * (1 + alpha ** 2 * 12 + gamma * (2 * alpha + gamma)));
    expect(fc.steps[12]!.hi95 - fc.steps[12]!.value).toBeCloseTo(Z95 * sd13, 10);
  });

  it("ETS(M,Ad,M): a log-likelihood at least statsmodels' (its L-BFGS stops on the φ = 0.98 bound), and etsLogLik at its estimates within 1e-5", () => {
    const ref = monthly.models.MAdM;
    const fit = ets(monthly.series, spec("M", "Ad", "M"));
    expect(fit.logLik).toBeGreaterThan(ref.llf - 1e-5);
    // statsmodels' multiplicative seasonal update differs from its documented
    // equations (and R's etscalc, which romi follows) in the 7th digit.
    expect(etsLogLik(monthly.series, spec("M", "Ad", "M"), smoothing(ref.params))!.logLik).toBeCloseTo(ref.llf, 5);
    const fc = fit.forecast(12);
    expect(fc.point).toBe("mean");
    // Simulated intervals: ordered around the point forecast, and seeded (the same twice).
    for (const s of fc.steps) expect(s.lo95 < s.lo80 && s.lo80 < s.value && s.value < s.hi80 && s.hi80 < s.hi95).toBe(true);
    expect(fit.forecast(12)).toEqual(fc);
  });

  it("etsLogLik at statsmodels' estimates reproduces its log-likelihood for the additive models", () => {
    for (const [key, s] of [
      ["AAdA", spec("A", "Ad", "A")],
      ["ANA", spec("A", "N", "A")],
    ] as const) {
      const ref = monthly.models[key];
      expect(etsLogLik(monthly.series, s, smoothing(ref.params))!.logLik).toBeCloseTo(ref.llf, 9);
    }
  });
});

describe("ets(y, spec) by hand", () => {
  const y = [10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15];

  it("ETS(A,N,N): simple exponential smoothing from the heuristic level, log L = −n/2 (log(2π Σe²/n) + 1)", () => {
    const alpha = 0.5;
    let level = etsInitialStates(y, spec("A", "N", "N")).level;
    let sse = 0;
    for (const v of y) {
      sse += (v - level) ** 2;
      level += alpha * (v - level);
    }
    const n = y.length;
    expect(etsLogLik(y, spec("A", "N", "N"), { alpha })!.logLik).toBeCloseTo((-n / 2) * (Math.log((2 * Math.PI * sse) / n) + 1), 10);
  });

  it("ETS(A,N,N) intervals widen as σ²(1 + (h − 1)α²)", () => {
    const fit = ets(y, spec("A", "N", "N"));
    const alpha = fit.parameters["alpha"]!;
    const fc = fit.forecast(3);
    expect(fc.steps[0]!.value).toBe(fc.steps[2]!.value);
    expect(fc.steps[2]!.hi95 - fc.steps[2]!.value).toBeCloseTo(Z95 * Math.sqrt(fit.sigma2 * (1 + 2 * alpha ** 2)), 10);
  });

  it("throws on a non-positive value with a multiplicative part", () => {
    expect(() => ets([...y.slice(0, 10), 0], spec("M", "N", "N"))).toThrow(/invalid value at 10: 0 \(a multiplicative ETS needs positive values\)/);
  });
});

const AIR = new URL("../../../shared/data/airpassengers/airpassengers.csv", import.meta.url).pathname;
const airPresent = existsSync(AIR);
if (!airPresent) console.warn(`skipping the AirPassengers ETS tests: ${AIR} is absent`);

describe.skipIf(!airPresent)("ets(AirPassengers, spec) against statsmodels", () => {
  const passengers = (): number[] =>
    readFileSync(AIR, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => Number(line.split(",")[1]));

  it("ETS(A,Ad,A): α 0.2592, β 0.02266, γ 0.7407, φ 0.98, log L −570.81956, first forecast 451.5676 [426.5892, 476.5460]", () => {
    // ETSModel(y, error="add", trend="add", damped_trend=True, seasonal="add", seasonal_periods=12, initialization_method="heuristic").fit()
    const fit = ets(passengers(), spec("A", "Ad", "A"));
    expect(fit.logLik).toBeCloseTo(-570.8195594406209, 7);
    expect(fit.parameters["alpha"]).toBeCloseTo(0.25921075836313756, 5);
    expect(fit.parameters["gamma"]).toBeCloseTo(0.7407151627126988, 5);
    const first = fit.forecast(1).steps[0]!;
    expect(first.value).toBeCloseTo(451.5675820098656, 4);
    expect(first.lo95).toBeCloseTo(426.58916123864793, 4);
    expect(first.hi95).toBeCloseTo(476.54600278108325, 4);
  });

  it("ETS(A,N,A) finds statsmodels' optimum on the α + γ = 1 edge (log L −587.58902), and ETS(A,A,N) a higher likelihood than its −756.19980", () => {
    // ETSModel(…, trend=None, seasonal="add", …).fit(): α 0.3331391660084212, γ 0.6667941479081797
    const ana = ets(passengers(), spec("A", "N", "A"));
    expect(ana.logLik).toBeCloseTo(-587.5890180831358, 6);
    expect(ana.parameters["alpha"]).toBeCloseTo(0.3331391660084212, 4);
    // ETSModel(…, trend="add", seasonal=None, …).fit() stops at α 0.0337, β 0.0026.
    const aan = ets(passengers(), spec("A", "A", "N"));
    expect(aan.logLik).toBeGreaterThan(-756.1998043537461);
    expect(etsLogLik(passengers(), spec("A", "A", "N"), { alpha: 0.033731751165096295, beta: 0.002613464338288796 })!.logLik).toBeCloseTo(
      -756.1998043537461,
      8,
    );
  });

  it("ETS(M,N,N): α at its upper bound 0.9999, log L −680.64035", () => {
    const fit = ets(passengers(), spec("M", "N", "N"));
    expect(fit.logLik).toBeCloseTo(-680.6403522977895, 6);
    expect(fit.parameters["alpha"]).toBeCloseTo(0.9999, 6);
  });
});
