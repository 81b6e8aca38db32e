/** Arithmetic the analyses share. */

/** `a / b`, or null when b is 0 or either side is missing. @example ratio(1, 4); // => 0.25 */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  const v = a / b;
  return Number.isFinite(v) ? v : null;
}
