import { describe, expect, it } from "vitest";
import { summarise, summariseCounts } from "../../src/stats/distribution.ts";

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

describe("summariseCounts(values, counts)", () => {
  it("gives the median, mean and mode of the sample the histogram stands for (hand-computed)", () => {
    // The sample 1, 1, 3, 10: median (1 + 3) / 2, mean 15 / 4, mode 1.
    expect(summariseCounts(Float64Array.of(10, 1, 3), Float64Array.of(1, 2, 1))).toEqual({ median: 2, mean: 3.75, mode: 1 });
    // 2.4 and 2.6 round to 2 and 3: three 3s beat two 2s; odd count, median the middle value 2.6.
    expect(summariseCounts(Float64Array.of(2.4, 2.6, 3), Float64Array.of(2, 1, 2))).toEqual({ median: 2.6, mean: 13.4 / 5, mode: 3 });
    // A tie between whole values 1 and 5 goes to the smaller.
    expect(summariseCounts(Float64Array.of(5, 1), Float64Array.of(3, 3)).mode).toBe(1);
  });

  it("is all null for an empty histogram", () => {
    expect(summariseCounts(new Float64Array(), new Float64Array())).toEqual({ median: null, mean: null, mode: null });
  });
});
