import { describe, expect, it } from "vitest";
import { summarise } from "../../src/stats/distribution.ts";

describe("summarise(values)", () => {
  it("gives median, mean and the smallest whole-number mode", () => {
    // numpy: median([1,1,3,10]) = 2.0, mean = 3.75
    expect(summarise(Float64Array.of(3, 1, 1, 10))).toEqual({ median: 2, mean: 3.75, mode: 1 });
    expect(summarise(Float64Array.of(5, 5, 2, 2, 9))).toEqual({ median: 5, mean: 4.6, mode: 2 });
  });

  it("is all null for an empty sample, never 0", () => {
    expect(summarise(new Float64Array(0))).toEqual({ median: null, mean: null, mode: null });
  });
});
