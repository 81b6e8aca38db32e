import { mean, sampleVariance } from "simple-statistics";

/**
 * Copies a sample into a plain array after checking it: at least `min` values,
 * every one finite. `test` and `name` only label the error, e.g.
 * "welchTTest y needs at least 2 values, got 1" or "mannWhitneyU x[2] is not a finite number: NaN".
 *
 * @example checkSample("welchTTest", "x", Float64Array.of(1, 2), 2); // => [1, 2]
 */
export function checkSample(test: string, name: string, values: ArrayLike<number>, min: number): number[] {
  if (values.length < min) throw new RangeError(`${test} ${name} needs at least ${min} value${min === 1 ? "" : "s"}, got ${values.length}`);
  const copy = Array.from(values);
  copy.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`${test} ${name}[${i}] is not a finite number: ${v}`);
  });
  return copy;
}

/** True when every value is the same (a sample whose spread is exactly zero). */
export function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/**
 * Mean and sample variance (n − 1 denominator, two-pass). The variance is
 * exactly 0 when all values are equal, so that rounding in the mean never turns
 * a constant sample into a tiny positive spread. Needs at least 2 values.
 *
 * @example meanAndVariance([1, 2, 3, 4, 5]); // => { mean: 3, variance: 2.5 }
 */
export function meanAndVariance(values: number[]): { mean: number; variance: number } {
  return { mean: mean(values), variance: isConstant(values) ? 0 : sampleVariance(values) };
}
