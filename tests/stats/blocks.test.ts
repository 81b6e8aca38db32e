import { describe, expect, it } from "vitest";
import { movingBlocks } from "../../src/stats/blocks.ts";

const draw = (n: number, block: number, count: number, circular: boolean, rands: number[]): number[] => {
  const out: number[] = [];
  let r = 0;
  movingBlocks(
    n,
    block,
    count,
    circular,
    () => rands[r++]!,
    (i) => out.push(i),
  );
  return out;
};

describe("movingBlocks(n, block, count, circular, rand, take)", () => {
  it("draws circular blocks that wrap past the end, the last one cut (by hand)", () => {
    // starts ⌊0.9 · 5⌋ = 4 and ⌊0.1 · 5⌋ = 0: blocks [4, 0] and [0, 1], cut to 3 indices.
    expect(draw(5, 2, 3, true, [0.9, 0.1])).toEqual([4, 0, 0]);
  });

  it("keeps non-circular blocks inside the series: starts over 0 … n − block", () => {
    // starts ⌊0.99 · 4⌋ = 3 and ⌊0 · 4⌋ = 0 for n = 5, block 2.
    expect(draw(5, 2, 4, false, [0.99, 0])).toEqual([3, 4, 0, 1]);
  });

  it("uses one random number per block, and refuses a block longer than the series", () => {
    let calls = 0;
    movingBlocks(
      10,
      3,
      10,
      false,
      () => (calls++, 0.5),
      () => {},
    );
    expect(calls).toBe(4);
    expect(() =>
      movingBlocks(
        3,
        4,
        3,
        true,
        () => 0,
        () => {},
      ),
    ).toThrow("movingBlocks invalid block length: 4 (a whole number from 1 to 3)");
  });
});
