/**
 * A seeded uniform random source: sfc32, seeded through splitmix32. k-means
 * seeds its starts from it, and the demo data generators draw from it
 * (`src/demo/random.ts` re-exports it). Everything is a pure function of the
 * seed: the same seed gives the same numbers on every machine.
 */

/** A uniform random source: each call returns a float in [0, 1). */
export type Rand = () => number;

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seeded sfc32 generator (Chris Doty-Humphrey's "small fast chaotic" PRNG).
 * `stream` picks an independent sequence for the same seed.
 *
 * `seed` must be a whole number from 0 to 2^53 - 1; `stream` from 0 to 2^32 - 1.
 * @example createRand(1)(); // => 0.5543206469155848
 * @example createRand(1)() === createRand(1, 1)(); // => false
 */
export function createRand(seed: number, stream = 0): Rand {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`invalid seed: ${seed}`);
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) throw new Error(`invalid stream: ${stream}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x100000000) >>> 0;
  const mixed = splitmix32(lo ^ splitmix32(hi ^ splitmix32(stream)));
  let a = splitmix32(mixed);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1; // sfc32's counter
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, as sfc32's reference seeding does.
  for (let i = 0; i < 12; i++) step();
  return () => step() / 0x100000000;
}
