import { expect } from "vitest";

/**
 * Asserts |actual − expected| ≤ max(abs, rel · |expected|), so one helper serves
 * p-values of 0.3 and of 1e-233 alike. A null `actual` fails.
 */
export function expectClose(actual: number | null | undefined, expected: number, { rel = 1e-12, abs = 0 }: { rel?: number; abs?: number } = {}): void {
  expect(actual, `expected a number near ${expected}`).toBeTypeOf("number");
  const tolerance = Math.max(abs, rel * Math.abs(expected));
  expect(Math.abs(actual! - expected), `${actual} vs ${expected} (tolerance ${tolerance})`).toBeLessThanOrEqual(tolerance);
}

/** The values (i·a + b) mod m for i = 0…n−1: deterministic test data that Python reproduces as `[(i*a+b) % m for i in range(n)]`. */
export function wave(n: number, a: number, b: number, m: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * a + b) % m);
}

/** Element-wise sum of equal-length arrays. */
export function add(...arrays: number[][]): number[] {
  return arrays[0]!.map((_, i) => arrays.reduce((s, a) => s + a[i]!, 0));
}
