/**
 * The ARIMA order search and the differencing tests, against R forecast's
 * published auto.arima results on AirPassengers, statsmodels' KPSS and hand
 * cases.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { autoArima } from "../../src/forecast/autoarima.ts";
import { kpss, ndiffs, nsdiffs, seasonalStrength } from "../../src/forecast/differencing.ts";
import synthetic from "./statsmodels_synthetic.json" with { type: "json" };

describe("kpss(y, lags), ndiffs(y) and nsdiffs(y, m)", () => {
  it("kpss of an alternating series by hand: Σ S² = 1, σ̂² = 0.25, n = 8 gives 1 ÷ (64 × 0.25)", () => {
    expect(kpss([1, 2, 1, 2, 1, 2, 1, 2], 0)).toBeCloseTo(0.0625, 14);
    expect(kpss([3, 3, 3, 3])).toBeNull();
  });

  it("kpss matches statsmodels' kpss(y, regression='c', nlags=⌊3√n/13⌋)", () => {
    // statsmodels.tsa.stattools.kpss(y, regression='c', nlags=int(3 * sqrt(n) / 13))[0]
    expect(kpss(synthetic.arma21.series)).toBeCloseTo(synthetic.kpss.arma21, 10);
    expect(kpss(synthetic.arima111.series)).toBeCloseTo(synthetic.kpss.arima111, 10);
  });

  it("ndiffs differences an integrated series once and leaves a stationary one alone (5% critical value 0.463)", () => {
    expect(ndiffs(synthetic.arima111.series)).toBe(1);
    expect(ndiffs(synthetic.arma21.series)).toBe(0);
  });

  it("seasonalStrength is 1 for a pure seasonal pattern and nsdiffs then takes one seasonal difference", () => {
    const pattern = Array.from({ length: 12 }, (_, t) => [1, 5, 3][t % 3]!);
    expect(seasonalStrength(pattern, 3)).toBeCloseTo(1, 12);
    expect(nsdiffs(pattern, 3)).toBe(1);
    expect(nsdiffs(synthetic.arma21.series, 4)).toBe(0);
  });
});

const AIR = new URL("../../../shared/data/airpassengers/airpassengers.csv", import.meta.url).pathname;
const airPresent = existsSync(AIR);
if (!airPresent) console.warn(`skipping the auto.arima AirPassengers tests: ${AIR} is absent`);

describe.skipIf(!airPresent)("autoArima(AirPassengers, { period: 12 }) as R forecast's auto.arima", () => {
  const passengers = (): number[] =>
    readFileSync(AIR, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => Number(line.split(",")[1]));

  it("chooses ARIMA(2,1,1)(0,1,0)[12]: ar1 0.5960, ar2 0.2143, ma1 −0.9819, log L −504.92, AIC 1017.85, AICc 1018.17, BIC 1029.35", () => {
    // R: auto.arima(AirPassengers) (forecast package; its printed σ² 132.3 is Σe² ÷ (n − k), here 129.31 × 131/128).
    const fit = autoArima(passengers(), { period: 12 });
    expect(fit.model).toBe("ARIMA(2,1,1)(0,1,0)[12]");
    expect(fit.parameters["ar1"]).toBeCloseTo(0.596, 3);
    expect(fit.parameters["ar2"]).toBeCloseTo(0.2143, 3);
    expect(fit.parameters["ma1"]).toBeCloseTo(-0.9819, 3);
    expect(fit.logLik).toBeCloseTo(-504.92, 2);
    expect(fit.aic).toBeCloseTo(1017.85, 2);
    expect(fit.aicc).toBeCloseTo(1018.17, 2);
    expect(fit.bic).toBeCloseTo(1029.35, 2);
    expect((fit.sigma2 * fit.nobs) / (fit.nobs - 3)).toBeCloseTo(132.3, 1);
  });

  it("chooses the airline model ARIMA(0,1,1)(0,1,1)[12] on the log scale, whose point forecasts are medians", () => {
    // R: auto.arima(log(AirPassengers))
    const fit = autoArima(passengers(), { period: 12, log: true });
    expect(fit.model).toBe("ARIMA(0,1,1)(0,1,1)[12]");
    expect(fit.parameters["ma1"]).toBeCloseTo(-0.4018, 3);
    expect(fit.forecast(12).point).toBe("median");
    expect(fit.tried.length).toBeGreaterThan(4);
  });
});
