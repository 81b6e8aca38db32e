import { describe, expect, it } from "vitest";
import { evenSample } from "../../src/stats/evenSample.ts";

describe("evenSample(n, size)", () => {
  it("keeps every index when n ≤ size", () => {
    expect(Array.from(evenSample(3, 5))).toEqual([0, 1, 2]);
  });
  it("takes every (n ÷ size)-th index, rounded down", () => {
    // 10 ÷ 4 = 2.5: ⌊0⌋, ⌊2.5⌋, ⌊5⌋, ⌊7.5⌋
    expect(Array.from(evenSample(10, 4))).toEqual([0, 2, 5, 7]);
  });
});
