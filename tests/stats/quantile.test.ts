import { describe, expect, it } from "vitest";
import { percentile, quantile } from "../../src/stats/quantile.ts";
import { expectClose, wave } from "./close.ts";

describe("percentile(values, p)", () => {
  it("matches numpy.percentile's linear interpolation", () => {
    expect(percentile(Float64Array.of(4, 1, 3, 2), 0.5)).toBe(2.5);
    expectClose(percentile(Float64Array.of(4, 1, 3, 2), 0.025), 1.075, { rel: 1e-14 });
    expectClose(percentile(Float64Array.of(4, 1, 3, 2), 0.975), 3.925, { rel: 1e-14 });
    // np.percentile([(i*7919+13) % 1009 for i in range(1000)], [2.5, 97.5])
    expectClose(percentile(Float64Array.from(wave(1000, 7919, 13, 1009)), 0.025), 24.975, { rel: 1e-14 });
    expectClose(percentile(Float64Array.from(wave(1000, 7919, 13, 1009)), 0.975), 983.025, { rel: 1e-14 });
  });

  it("handles ties, one value and the extremes", () => {
    expect(percentile(Float64Array.of(2, 2, 2, 1, 2), 0.1)).toBe(1.4);
    expect(percentile(Float64Array.of(7), 0.975)).toBe(7);
    expect(percentile(Float64Array.of(3, 1, 2), 0)).toBe(1);
    expect(percentile(Float64Array.of(3, 1, 2), 1)).toBe(3);
    expect(() => percentile(new Float64Array(0), 0.5)).toThrow("percentile needs at least 1 value, got 0");
  });
});

describe("quantile(sorted, p)", () => {
  it("is R's type 7 on sorted values, as numpy.percentile's default", () => {
    // numpy.percentile([1, 2, 3, 4, 5], 10) = 1.4; numpy.percentile([1, 2, 3, 4], 50) = 2.5
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expectClose(quantile([1, 2, 3, 4, 5], 0.1), 1.4, { rel: 1e-14 });
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("agrees with percentile, which selects instead of sorting", () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => ((i * 37) % 101) / 7);
    const sorted = Float64Array.from(values).sort();
    for (const p of [0, 0.025, 0.1, 0.5, 0.975, 1]) expect(percentile(Float64Array.from(values), p)).toBe(quantile(sorted, p));
  });
});
