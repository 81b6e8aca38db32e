/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for real arguments
 * and z < 1, as `scipy.special.hyp2f1` gives it there.
 *
 * BG/NBD's conditional expectation needs it at z = t ÷ (α + T + t), in
 * [0, 1), with c growing with the customer's frequency. The value is the
 * power series Σₙ (a)ₙ(b)ₙ ÷ ((c)ₙ n!) zⁿ, summed with Neumaier's
 * compensation, on whichever of these equal forms converges best:
 *
 * - z < 0: Pfaff, F(a, b; c; z) = (1 − z)^−a F(a, c − b; c; z ÷ (z − 1)),
 *   which moves z into (0, 1) (with a and b swapped when that ends the series
 *   sooner);
 * - 0 < z < 1: the direct series, or, when c − a − b < 0, Euler's form
 *   F = (1 − z)^(c−a−b) F(c − a, c − b; c; z), whose series stays bounded as
 *   z → 1 where the direct one grows like (1 − z)^(c−a−b) (BG/NBD's
 *   a = r + x, b = b + x, c = a + b + x − 1 for a large x); the direct series
 *   is kept when its terms are all positive, Euler's are not, and the growth
 *   stays below 1e200;
 * - z above 0.98 with c − a − b within 10 of 0 and at least 0.01 from an
 *   integer: the 1 − z connection formula (Abramowitz & Stegun 15.3.6), two
 *   series in 1 − z, rather than thousands of terms. Nearer an integer (where
 *   its two halves cancel) or farther from 0 (where its Γ terms do, and a
 *   large c makes the series in z short) the series in z is summed to the end.
 *
 * Policy: non-finite arguments, z ≥ 1 and c a non-positive integer (a pole,
 * where SciPy returns ±∞) throw a `RangeError` naming the value; so does a
 * series that has not converged after 1,000,000 terms (z within about 4e−5
 * of 1 when the connection formula is not used). In BG/NBD, 1 − z is at
 * least α ÷ (α + t), so this needs α below about 0.002 weeks for a 12-month t. When a or b is a non-positive integer
 * the series ends and the value is a polynomial in z.
 *
 * @example hyp2f1(1, 1, 2, 0.5); // => 1.3862943611198906 (−ln(1 − z) ÷ z)
 * @example hyp2f1(-2, 3, 4, 0.5); // => 0.4 (1 − 0.75 + 0.15: the series ends after z²)
 */
import { gammaln } from "simple-statistics";

const EPS = 2.220446049250313e-16;
const MAX_TERMS = 1_000_000;
/** Above this z, the connection formula replaces the series when it can. */
const CONNECT_ABOVE = 0.98;
/** How far c − a − b must be from an integer for the connection formula… */
const CONNECT_GAP = 0.01;
/** …and how near 0: beyond, its Γ terms are huge and cancel, while the series in z converges fast. */
const CONNECT_SPAN = 10;
/** ln 1e200: growth of the direct series past which Euler's form is summed instead. */
const GROWTH = 460;

export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError(`invalid hyp2f1 arguments: a ${a}, b ${b}, c ${c}, z ${z}`);
  if (!(z < 1)) throw new RangeError(`invalid hyp2f1 z: ${z} (must be below 1)`);
  if (isNonPositiveInteger(c) && !endsBefore(a, b, c)) throw new RangeError(`invalid hyp2f1 c: ${c} (a pole)`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z);
  if (z < 0) {
    // Pfaff: z/(z − 1) lies in (0, 1). Keep the parameter that ends the series, if any.
    const w = z / (z - 1);
    const swap = isNonPositiveInteger(c - a) && !isNonPositiveInteger(c - b);
    return swap ? (1 - z) ** -b * positive(b, c - a, c, w) : (1 - z) ** -a * positive(a, c - b, c, w);
  }
  return positive(a, b, c, z);
}

/**
 * F for 0 < z < 1: the direct series when c − a − b ≥ 0; otherwise Euler's,
 * whose terms do not grow like (1 − z)^(c−a−b), unless the direct terms are
 * all positive (no cancellation), Euler's are not and the growth stays below 1e200.
 */
function positive(a: number, b: number, c: number, z: number): number {
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z);
  const s = c - a - b;
  if (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) return (1 - z) ** s * series(c - a, c - b, c, z);
  if (z > CONNECT_ABOVE && Math.abs(s) < CONNECT_SPAN && Math.abs(s - Math.round(s)) >= CONNECT_GAP) return connected(a, b, c, z);
  const direct = a > 0 && b > 0 && c > 0;
  const euler = c - a > 0 && c - b > 0 && c > 0;
  const useEuler = s < 0 && (!direct || euler || s * Math.log1p(-z) > GROWTH);
  return useEuler ? (1 - z) ** s * series(c - a, c - b, c, z) : series(a, b, c, z);
}

/**
 * A&S 15.3.6, s = c − a − b not an integer:
 * F = Γ(c)Γ(s) ÷ (Γ(c−a)Γ(c−b)) · F(a, b; 1 − s; 1 − z)
 *   + (1 − z)^s Γ(c)Γ(−s) ÷ (Γ(a)Γ(b)) · F(c − a, c − b; 1 + s; 1 − z).
 * A Γ at a pole in a denominator makes its term 0.
 */
function connected(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const w = 1 - z;
  const first = gammaRatio([c, s], [c - a, c - b]);
  const second = gammaRatio([c, -s], [a, b]);
  const one = first === 0 ? 0 : first * series(a, b, 1 - s, w);
  const two = second === 0 ? 0 : second * w ** s * series(c - a, c - b, 1 + s, w);
  return one + two;
}

/** Γ(n₁)Γ(n₂)… ÷ (Γ(d₁)Γ(d₂)…), by logarithms; 0 when a denominator is at a pole. */
function gammaRatio(numerators: readonly number[], denominators: readonly number[]): number {
  let log = 0;
  let sign = 1;
  for (const x of denominators) {
    if (isNonPositiveInteger(x)) return 0;
    const g = signedLogGamma(x);
    log -= g.log;
    sign *= g.sign;
  }
  for (const x of numerators) {
    const g = signedLogGamma(x);
    log += g.log;
    sign *= g.sign;
  }
  return sign * Math.exp(log);
}

/** ln|Γ(x)| and the sign of Γ(x), for x not a non-positive integer (reflection below 0.5). */
function signedLogGamma(x: number): { log: number; sign: number } {
  if (x > 0.5) return { log: gammaln(x), sign: 1 };
  // Γ(x) = π ÷ (sin(πx) Γ(1 − x)), and Γ(1 − x) > 0.
  const sine = sinPi(x);
  return { log: Math.log(Math.PI / Math.abs(sine)) - gammaln(1 - x), sign: sine < 0 ? -1 : 1 };
}

/** sin(πx), reduced to |x| ≤ 1 first so that large x keep their accuracy. */
function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2);
  return Math.sin(Math.PI * r);
}

/**
 * Σₙ (a)ₙ(b)ₙ ÷ ((c)ₙ n!) zⁿ for |z| < 1, with Neumaier summation. It stops
 * when a term is 0 (a polynomial) or when a bound on the rest is below the
 * sum's rounding: once m exceeds −a, −b and −c, the ratio of term m + 1 to
 * term m is z · (1 + (a − 1) ÷ (m + 1)) · (1 + (b − c) ÷ (c + m)), and each
 * factor moves monotonically towards 1, so every later ratio is at most
 * B = |z| · max(1, first factor) · max(1, second factor) and the rest at most
 * |term| · B ÷ (1 − B).
 */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let compensation = 0;
  const settled = Math.max(0, -a, -b, -c);
  const size = Math.abs(z);
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    if (term === 0) return sum + compensation;
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    const m = n + 1;
    if (m > settled) {
      const bound = size * Math.max(1, 1 + (a - 1) / (m + 1)) * Math.max(1, 1 + (b - c) / (c + m));
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= EPS * Math.abs(sum + compensation)) return sum + compensation;
    }
  }
  throw new RangeError(`hyp2f1 series did not converge: a ${a}, b ${b}, c ${c}, z ${z}`);
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** Whether a or b is a non-positive integer above c, so the series ends before c's pole. */
function endsBefore(a: number, b: number, c: number): boolean {
  return (isNonPositiveInteger(a) && a > c) || (isNonPositiveInteger(b) && b > c);
}
