/**
 * The rolling-origin backtest: a hand-checked tiny case, and planted series
 * where the model with the right structure must win.
 */
import { describe, expect, it } from "vitest";
import { candidates } from "../../src/analyses/forecast/models.ts";
import { backtest } from "../../src/forecast/backtest.ts";
import { ets } from "../../src/forecast/ets.ts";
import { normalSource } from "../../src/forecast/intervals.ts";
import { snaive } from "../../src/forecast/snaive.ts";
import { createRand } from "../../src/stats/prng.ts";

describe("backtest(y, candidates, options) by hand", () => {
  // Period 3. Origin 6 forecasts 13, 14, 17 for 15, 13, 20; origin 7 (step 1) forecasts 14, 17, 15 for 13, 20, 16.
  const y = [10, 12, 11, 13, 14, 17, 15, 13, 20, 16];
  const naive = [{ name: "seasonal naive", fit: (t: Float64Array) => snaive(t, 3) }];

  it("places origins one step apart before the last horizon and pools the scaled errors", () => {
    const r = backtest(y, naive, { horizon: 3, period: 3, origins: 2, step: 1, minTraining: 6 });
    expect(r.origins).toEqual([6, 7]);
    expect(r.horizon).toBe(3);
    // Scales: training [10 … 17] has seasonal differences 3, 2, 6 → 11/3; training [10 … 15] adds |15 − 13| = 2 → 13/4.
    const mase = ((2 + 1 + 3) / (11 / 3) + (1 + 3 + 1) / (13 / 4)) / 6;
    expect(r.rows[0]!.mase).toBeCloseTo(mase, 12);
    const smape = [
      [15, 13],
      [13, 14],
      [20, 17],
      [13, 14],
      [20, 17],
      [16, 15],
    ].reduce((s, [a, f]) => s + (2 * Math.abs(a! - f!)) / (a! + f!), 0);
    expect(r.rows[0]!.smape).toBeCloseTo(smape / 6, 12);
    expect(r.rows[0]!.mape).toBeCloseTo((2 / 15 + 1 / 13 + 3 / 20 + 1 / 13 + 3 / 20 + 1 / 16) / 6, 12);
    expect(r.chosen).toBe("seasonal naive");
  });

  it("shortens the horizon to what the series holds past minTraining, and has no origin when it holds nothing", () => {
    const r = backtest(y, naive, { horizon: 12, period: 3, minTraining: 6, origins: 1 });
    expect(r.origins).toEqual([6]);
    expect(r.horizon).toBe(4);
    const none = backtest(y.slice(0, 6), naive, { horizon: 3, period: 3 });
    expect(none.origins).toEqual([]);
    expect(none.chosen).toBeNull();
    expect(none.rows[0]!.mase).toBeNull();
  });

  it("shortens a horizon the series has no room for until the origins asked for fit, but not below one period", () => {
    const z = Array.from({ length: 20 }, (_, t) => 10 + t + 3 * (t % 2));
    const naive2 = [{ name: "seasonal naive", fit: (t: Float64Array) => snaive(t, 2) }];
    // 20 − 4 values past minTraining: 4 origins of ⌊16 ÷ 4⌋ = 4 steps (not 1 origin of 12).
    const four = backtest(z, naive2, { horizon: 12, period: 2, origins: 4 });
    expect([four.horizon, four.origins]).toEqual([4, [4, 8, 12, 16]]);
    // 12 origins would leave ⌊16 ÷ 12⌋ = 1 step: one period, 2 steps, leaves room for 8.
    const many = backtest(z, naive2, { horizon: 12, period: 2, origins: 12 });
    expect([many.horizon, many.origins]).toEqual([2, [4, 6, 8, 10, 12, 14, 16, 18]]);
    // A horizon the origins have room for is kept whole.
    const room = backtest(z, naive2, { horizon: 3, period: 2, origins: 4 });
    expect([room.horizon, room.origins]).toEqual([3, [8, 11, 14, 17]]);
  });

  it("counts a candidate that throws as failed, with null scores, and never chooses it", () => {
    const failing = {
      name: "broken",
      fit: (): never => {
        throw new Error("no fit");
      },
    };
    const r = backtest(y, [failing, ...naive], { horizon: 3, period: 3, minTraining: 6 });
    expect(r.rows[0]).toEqual({ model: "broken", mase: null, smape: null, mape: null, failures: 1, error: "no fit", unconverged: 0 });
    expect(r.chosen).toBe("seasonal naive");
  });
});

describe("backtest on planted seasonal series", () => {
  it("log-linear growth × fixed monthly factors × log-normal noise: ARIMA on the log scale wins, additive ETS and seasonal naive lose", () => {
    // y_t = 100 e^{0.02 t} s_{t mod 12} e^{0.03 ε_t}: additive on the log scale, the amplitude growing with the level.
    const normal = normalSource(createRand(1));
    const season = [0.6, 0.7, 0.9, 1.0, 1.1, 1.2, 1.4, 1.5, 1.2, 1.0, 0.8, 0.6];
    const y = Float64Array.from({ length: 96 }, (_, t) => 100 * Math.exp(0.02 * t) * season[t % 12]! * Math.exp(0.03 * normal()));
    const r = backtest(y, candidates(y, { season: 12, horizon: 12, log: true, origins: 4 }), { horizon: 12, period: 12, origins: 4 });
    expect(r.chosen).toBe("ARIMA (log)");
    const mase = Object.fromEntries(r.rows.map((row) => [row.model, row.mase!]));
    expect(mase["ARIMA (log)"]).toBeLessThan(0.5);
    // The additive season cannot grow with the level.
    expect(mase["ETS(A,Ad,A)"]).toBeGreaterThan(2 * mase["ETS(M,Ad,M)"]!);
    expect(mase["seasonal naive"]).toBeGreaterThan(1.5);
  });

  it("the same series without the log candidates: the multiplicative Holt-Winters beats the additive one", () => {
    const normal = normalSource(createRand(2));
    const season = [0.6, 0.7, 0.9, 1.0, 1.1, 1.2, 1.4, 1.5, 1.2, 1.0, 0.8, 0.6];
    const y = Float64Array.from({ length: 96 }, (_, t) => 100 * Math.exp(0.02 * t) * season[t % 12]! * Math.exp(0.03 * normal()));
    const hw = (season: "A" | "M") => ({
      name: `ETS(${season},Ad,${season})`,
      fit: (t: Float64Array) => ets(t, { error: season, trend: "Ad", season, period: 12 }),
    });
    const r = backtest(y, [{ name: "seasonal naive", fit: (t: Float64Array) => snaive(t, 12) }, hw("A"), hw("M")], { horizon: 12, period: 12, origins: 4 });
    expect(r.chosen).toBe("ETS(M,Ad,M)");
  });

  it("a fixed weekly pattern in white noise: every fitted model beats the seasonal naive forecast (whose error variance is doubled)", () => {
    // y_t = 50 + p_{t mod 7} + 2ε_t: seasonal naive errors have variance 2 × 4, a fitted seasonal mean about 4.
    const normal = normalSource(createRand(3));
    const pattern = [5, 8, 10, 9, 12, -20, -24];
    const y = Float64Array.from({ length: 140 }, (_, t) => 50 + pattern[t % 7]! + 2 * normal());
    const r = backtest(y, candidates(y, { season: 7, horizon: 7, log: true, origins: 8 }), { horizon: 7, period: 7, origins: 8 });
    const naive = r.rows.find((row) => row.model === "seasonal naive")!.mase!;
    for (const row of r.rows) if (row.model !== "seasonal naive") expect(row.mase!).toBeLessThan(naive);
    expect(r.chosen).not.toBe("seasonal naive");
  });
});
