/**
 * ARIMA by exact maximum likelihood against R's published airline model,
 * statsmodels' SARIMAX (tests/forecast/statsmodels_reference.py) and hand
 * computations.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { arima, arimaLogLik, differencingPolynomial } from "../../src/forecast/arima.ts";
import { Z95 } from "../../src/forecast/intervals.ts";
import synthetic from "./statsmodels_synthetic.json" with { type: "json" };

const AIR = new URL("../../../shared/data/airpassengers/airpassengers.csv", import.meta.url).pathname;
const airPresent = existsSync(AIR);
if (!airPresent) console.warn(`skipping the airline model tests: ${AIR} is absent`);
const passengers = (): number[] =>
  readFileSync(AIR, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => Number(line.split(",")[1]));
const AIRLINE = { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 } as const;
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe.skipIf(!airPresent)("arima(log AirPassengers, (0,1,1)(0,1,1)[12]): the airline model", () => {
  const fit = airPresent ? arima(passengers(), AIRLINE, { log: true }) : null;

  it("reproduces R's arima: ma1 = −0.4018, sma1 = −0.5569, σ² = 0.001348 within 0.1%, log-likelihood 244.7, AIC −483.4 (Box & Jenkins; R's ?arima)", () => {
    const f = fit!;
    expect(f.converged).toBe(true);
    expect(relative(f.parameters["ma1"]!, -0.4018)).toBeLessThan(1e-3);
    expect(relative(f.parameters["sma1"]!, -0.5569)).toBeLessThan(1e-3);
    expect(relative(f.sigma2, 0.001348)).toBeLessThan(1e-3);
    expect(f.logLik).toBeCloseTo(244.7, 1);
    expect(f.aic).toBeCloseTo(-483.4, 1);
    expect(f.nobs).toBe(144 - 13);
    expect(f.model).toBe("ARIMA(0,1,1)(0,1,1)[12]");
    expect(f.scale).toBe("log");
  });

  it("matches statsmodels' SARIMAX log-likelihood to 1e-7 and its estimates to 1e-4", () => {
    // SARIMAX(log y, order=(0,1,1), seasonal_order=(0,1,1,12), simple_differencing=True).fit()
    expect(fit!.logLik).toBeCloseTo(244.69648680705217, 6);
    expect(fit!.parameters["ma1"]).toBeCloseTo(-0.40180587217353875, 4);
    expect(fit!.parameters["sma1"]).toBeCloseTo(-0.5569450029920422, 4);
  });

  it("forecasts as statsmodels (R's predict.Arima) at the same coefficients: log-scale means and standard errors per unit σ", () => {
    // SARIMAX(log y, (0,1,1), (0,1,1,12)).smooth([ma1, sma1, σ²]).get_forecast(12): steps 1, 2, 3 and 12.
    const expected = [
      [1, 6.110185186802345, 0.03671630849538119],
      [2, 6.053774718324516, 0.04278412412218044],
      [3, 6.17171431321256, 0.048092361600115804],
      [12, 6.1680242529616285, 0.08157463423541905],
    ] as const;
    const at = arima(passengers(), AIRLINE, { log: true, start: [-0.40180587217353875, -0.5569450029920422], maxIterations: 0 });
    // statsmodels estimates σ² as a parameter (0.0013480851957484408); σ² concentrated out at its coefficients is within 1e-5 of it.
    const sigma2 = 0.0013480851957484408;
    expect(relative(at.sigma2, sigma2)).toBeLessThan(1e-5);
    const fc = at.forecast(12);
    expect(fc.point).toBe("median");
    for (const [h, mean, se] of expected) {
      const step = fc.steps[h - 1]!;
      expect(Math.log(step.value)).toBeCloseTo(mean, 8);
      // exp(mean ± 1.96 se): the log-scale interval transformed back.
      const sd = (Math.log(step.hi95) - Math.log(step.lo95)) / (2 * Z95);
      expect(relative(sd / Math.sqrt(at.sigma2), se / Math.sqrt(sigma2))).toBeLessThan(1e-8);
    }
  });
});

describe("arima(y, order) against statsmodels' SARIMAX on synthetic series", () => {
  it("ARMA(2,1) with a mean: estimates, σ² and the exact log-likelihood", () => {
    const ref = synthetic.arma21; // SARIMAX(y, order=(2, 0, 1), trend='c').fit()
    const fit = arima(ref.series, { p: 2, d: 0, q: 1, P: 0, D: 0, Q: 0, period: 1 });
    expect(fit.model).toBe("ARIMA(2,0,1) with mean");
    expect(fit.logLik).toBeGreaterThan(ref.llf - 1e-7);
    expect(fit.logLik).toBeCloseTo(ref.llf, 6);
    expect(fit.parameters["ar1"]).toBeCloseTo(ref.ar1, 3);
    expect(fit.parameters["ar2"]).toBeCloseTo(ref.ar2, 3);
    expect(fit.parameters["ma1"]).toBeCloseTo(ref.ma1, 3);
    expect(fit.parameters["mean"]).toBeCloseTo(ref.mean, 3);
    expect(relative(fit.sigma2, ref.sigma2)).toBeLessThan(1e-4);
  });

  it("ARIMA(1,0,0)(1,0,0)[4] with a mean: the stationary covariance of a seasonal AR", () => {
    const ref = synthetic.sar4; // SARIMAX(y, order=(1, 0, 0), seasonal_order=(1, 0, 0, 4), trend='c').fit()
    const fit = arima(ref.series, { p: 1, d: 0, q: 0, P: 1, D: 0, Q: 0, period: 4 });
    expect(fit.logLik).toBeCloseTo(ref.llf, 6);
    expect(fit.parameters["ar1"]).toBeCloseTo(ref.ar1, 3);
    expect(fit.parameters["sar1"]).toBeCloseTo(ref.sar1, 3);
    expect(fit.parameters["mean"]).toBeCloseTo(ref.mean, 3);
  });

  it("ARIMA(1,1,1): the likelihood of the differenced series (SARIMAX simple_differencing=True)", () => {
    const ref = synthetic.arima111; // SARIMAX(y, order=(1, 1, 1), simple_differencing=True).fit()
    const fit = arima(ref.series, { p: 1, d: 1, q: 1, P: 0, D: 0, Q: 0, period: 1 }, { constant: false });
    expect(fit.nobs).toBe(ref.series.length - 1);
    expect(fit.logLik).toBeCloseTo(ref.llf, 6);
    expect(fit.parameters["ar1"]).toBeCloseTo(ref.ar1, 3);
    expect(fit.parameters["ma1"]).toBeCloseTo(ref.ma1, 3);
  });

  it("arimaLogLik at statsmodels' estimates equals statsmodels' log-likelihood (no optimiser involved)", () => {
    const a = synthetic.arma21;
    expect(arimaLogLik(a.series, 0, 0, 1, { ar: [a.ar1, a.ar2], ma: [a.ma1], constant: a.mean }).logLik).toBeCloseTo(a.llf, 6);
    const s = synthetic.sar4;
    expect(arimaLogLik(s.series, 0, 0, 4, { ar: [s.ar1], sar: [s.sar1], constant: s.mean }).logLik).toBeCloseTo(s.llf, 6);
    const i = synthetic.arima111;
    expect(arimaLogLik(i.series, 1, 0, 1, { ar: [i.ar1], ma: [i.ma1] }).logLik).toBeCloseTo(i.llf, 6);
  });
});

describe("arima(y, order) on hand-checked cases", () => {
  const y = [1, 3, 2, 5, 4];
  // Differences 2, −1, 3, −1.

  it("a random walk, ARIMA(0,1,0): σ² = mean squared difference, forecasts the last value with variance hσ²", () => {
    const fit = arima(y, { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, period: 1 }, { constant: false });
    const sigma2 = (4 + 1 + 9 + 1) / 4;
    expect(fit.sigma2).toBeCloseTo(sigma2, 12);
    expect(fit.logLik).toBeCloseTo(-0.5 * (4 * Math.log(2 * Math.PI * sigma2) + 4), 12);
    const fc = fit.forecast(3);
    expect(fc.steps.map((s) => s.value)).toEqual([4, 4, 4]);
    expect(fc.steps[1]!.hi95).toBeCloseTo(4 + Z95 * Math.sqrt(2 * sigma2), 12);
    // The total 3·e₁ + 2·e₂ + e₃ has variance (9 + 4 + 1)σ².
    expect(fc.total.value).toBe(12);
    expect(fc.total.hi95).toBeCloseTo(12 + Z95 * Math.sqrt(14 * sigma2), 12);
  });

  it("a random walk with drift: drift = mean difference, σ² around it, forecasts last + h × drift", () => {
    const fit = arima(y, { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, period: 1 });
    expect(fit.model).toBe("ARIMA(0,1,0) with drift");
    expect(fit.parameters["drift"]).toBeCloseTo(0.75, 6);
    expect(fit.sigma2).toBeCloseTo((1.25 ** 2 + 1.75 ** 2 + 2.25 ** 2 + 1.75 ** 2) / 4, 6);
    expect(fit.forecast(2).steps.map((s) => +s.value.toFixed(6))).toEqual([4.75, 5.5]);
  });

  it("arimaLogLik of an AR(1) with a mean is the closed form −½(n log(2π σ̂²) − log(1 − φ²) + n)", () => {
    const x = [10.3, 9.1, 10.4, 12.0, 11.2, 9.5, 10.1];
    const [phi, mu] = [0.6, 10.2];
    const w = x.map((v) => v - mu);
    let ssq = (1 - phi ** 2) * w[0]! ** 2;
    for (let t = 1; t < w.length; t++) ssq += (w[t]! - phi * w[t - 1]!) ** 2;
    const n = x.length;
    const ll = arimaLogLik(x, 0, 0, 1, { ar: [phi], constant: mu });
    expect(ll.sigma2).toBeCloseTo(ssq / n, 12);
    expect(ll.logLik).toBeCloseTo(-0.5 * (n * Math.log((2 * Math.PI * ssq) / n) - Math.log(1 - phi ** 2) + n), 12);
  });

  it("differencingPolynomial(d, D, m) expands (1 − B)^d (1 − Bᵐ)^D", () => {
    expect(Array.from(differencingPolynomial(1, 1, 4))).toEqual([1, -1, 0, 0, -1, 1]);
    expect(Array.from(differencingPolynomial(2, 0, 1))).toEqual([1, -2, 1]);
  });

  it("throws on too few values, a constant differenced series, or a non-positive value on the log scale", () => {
    expect(() => arima([1, 2, 3], { p: 1, d: 0, q: 1, P: 0, D: 0, Q: 0, period: 1 })).toThrow(/invalid series for ARIMA\(1,0,1\): 3 values/);
    expect(() => arima([1, 2, 3, 4, 5, 6], { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, period: 1 })).toThrow(/differenced series is constant/);
    expect(() => arima([1, 2, 0, 4, 5, 6], { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, period: 1 }, { log: true })).toThrow(/invalid value at 2: 0/);
    expect(() => arima([1, 2, 3, 4, 5, 6], { p: 0, d: 0, q: 0, P: 1, D: 0, Q: 0, period: 1 })).toThrow(/seasonal part needs a period/);
  });
});
