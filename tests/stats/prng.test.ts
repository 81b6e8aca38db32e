import { describe, expect, it } from "vitest";
import { createRand } from "../../src/stats/prng.ts";

describe("createRand(seed, stream)", () => {
  it("gives sfc32 seeded through splitmix32", () => {
    // A Python port of the reference sfc32 and splitmix32 (integers masked to 32 bits) gives these.
    const rand = createRand(1);
    expect([rand(), rand(), rand()]).toEqual([0.5543206469155848, 0.4302083153743297, 0.9498325253371149]);
    const other = createRand(2 ** 40 + 5, 7);
    expect([other(), other(), other()]).toEqual([0.1438258527778089, 0.09508515079505742, 0.6410239634569734]);
  });

  it("throws on a bad seed or stream", () => {
    expect(() => createRand(-1)).toThrow("invalid seed: -1");
    expect(() => createRand(1.5)).toThrow("invalid seed: 1.5");
    expect(() => createRand(1, 2 ** 32)).toThrow("invalid stream: 4294967296");
  });
});
