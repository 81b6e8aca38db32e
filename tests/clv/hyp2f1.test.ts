import { describe, expect, it } from "vitest";
import { hyp2f1 } from "../../src/clv/hyp2f1.ts";
import { expectClose } from "../stats/close.ts";

/**
 * [a, b, c, z, ₂F₁] with ₂F₁ from SciPy 1.10.1:
 *   /usr/bin/python3 -c "from scipy.special import hyp2f1; print(repr(hyp2f1(a, b, c, z)))"
 * with the arguments written as below. Each was also checked against
 * mpmath.hyp2f1 at 50 digits; the comment gives SciPy's relative distance
 * from it, so the tolerance (1e-13) is not SciPy's own error.
 */
const SCIPY: readonly (readonly [number, number, number, number, number])[] = [
  [1, 1, 2, 0.5, 1.3862943611198901], // mpmath rel diff 3.5e-16
  [0.5, 0.5, 1.5, 0.25, 1.047197551196598], // mpmath rel diff 3.1e-16
  [2.5, 1.5, 3.2, 0.75, 4.601192496456924], // mpmath rel diff 7.1e-17
  [1.3, 2.7, 0.4, 0.9, 21784.22356435145], // mpmath rel diff 8.7e-16
  [5, 7, 12.2, 0.3, 2.6665053690949168], // mpmath rel diff 3.9e-16
  [0.1, 20, 1.1, 0.8, 127097960710.80817], // mpmath rel diff 6.2e-15
  // BG/NBD's original form F(r + x, b + x; a + b + x - 1; z) at CDNOW's published r, α, a, b
  [0.2426 + 2, 2.4258 + 2, 0.7929 + 2.4258 + 1, 39 / (4.4135 + 38.86 + 39), 4.574342653511501], // mpmath rel diff 2.4e-16
  [0.2426, 2.4258, 0.7929 + 2.4258 - 1, 39 / (4.4135 + 39), 1.9354959257879318], // mpmath rel diff 9.4e-16
  [0.2426 + 30, 2.4258 + 30, 0.7929 + 2.4258 + 29, 52 / (4.4135 + 5 + 52), 6.26355106361747e24], // mpmath rel diff 3.7e-16
  [0.2426 + 150, 2.4258 + 150, 0.7929 + 2.4258 + 149, 0.6, 7.4003201148118005e59], // mpmath rel diff 3.4e-17
  // Euler's form that expectedPurchases sums: F(a + b - 1 - r, a - 1; a + b + x - 1; z)
  [0.7929 + 2.4258 - 1 - 0.2426, 0.7929 - 1, 0.7929 + 2.4258 - 1, 0.95, 0.6351022167589002], // mpmath rel diff 2.4e-15
  [0.7929 + 2.4258 - 1 - 0.2426, 0.7929 - 1, 0.7929 + 2.4258 + 10 - 1, 0.9, 0.9669678152917319], // mpmath rel diff 5.3e-16
  [0.7929 + 2.4258 - 1 - 0.2426, 0.7929 - 1, 0.7929 + 2.4258 + 200 - 1, 0.99, 0.9979847863213827], // mpmath rel diff 6.2e-18
  // z < 0 (Pfaff's transformation)
  [0.3, 0.7, 1.9, -0.5, 0.9531224367408746], // mpmath rel diff 1.3e-16
  [2, 3, 5, -3, 0.15160751850681242], // mpmath rel diff 5.7e-16
  [1.5, -2.5, 3.7, -0.8, 2.089540220209993], // mpmath rel diff 8.6e-17
  // z near 1: the 1 - z connection formula (c - a - b = -0.8, 0.5, 2.5) and the series (c - a - b = 1, 0)
  [1.2, 0.9, 1.3, 0.999, 267.30060337242645], // mpmath rel diff 4.1e-16
  [1, 2, 3.5, 0.9999, 4.884161217968321], // mpmath rel diff 1.5e-16
  [3, 4, 9.5, 0.99, 9.782315687659725], // mpmath rel diff 6.9e-15
  [0.25, 0.5, 1.75, 0.995, 1.140306683605771], // mpmath rel diff 1.4e-16
  [0.5, 1.5, 2, 0.995, 3.87782054486916], // mpmath rel diff 1.8e-16
  // polynomials: a or b a non-positive integer (c may be a non-positive integer below it)
  [-2, 3, 4, 0.5, 0.4], // mpmath rel diff 5.6e-17
  [-3, 2.5, -4.5, 0.7, 3.3263333333333334], // mpmath rel diff 8.2e-17
  [-3, 2, -5, 0.4, 1.6496000000000002], // mpmath rel diff 7.9e-17
];

describe("hyp2f1(a, b, c, z)", () => {
  it.each(SCIPY)("hyp2f1(%d, %d, %d, %d) matches scipy.special.hyp2f1 (%d)", (a, b, c, z, expected) => {
    expectClose(hyp2f1(a, b, c, z), expected, { rel: 1e-13 });
  });

  it("hyp2f1(1, 1, 2, z) is -ln(1 - z) / z and hyp2f1(1/2, 1/2, 3/2, z²) is asin(z) / z", () => {
    for (const z of [0.1, 0.5, 0.9, 0.999, -0.7]) expectClose(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, { rel: 1e-14 });
    for (const z of [0.2, 0.6, 0.95]) expectClose(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, { rel: 1e-14 });
  });

  it("hyp2f1(a, b, c, 0) is 1, and a or b = 0 gives 1", () => {
    expect(hyp2f1(2.5, 3, 4, 0)).toBe(1);
    expect(hyp2f1(0, 3, 4, 0.9)).toBe(1);
    expect(hyp2f1(3, 0, -4.5, -2)).toBe(1);
  });

  it("hyp2f1 throws for z ≥ 1, a pole at c = 0, -1, … and non-finite arguments", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/invalid hyp2f1 z: 1/);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/invalid hyp2f1 c: -2/);
    expect(() => hyp2f1(-3, 1, -2, 0.5)).toThrow(/pole/);
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(/invalid hyp2f1 arguments/);
  });

  it("hyp2f1 throws rather than return a wrong value where neither the series nor the connection formula reaches (z = 1 − 1e-9, c − a − b = 1)", () => {
    expect(() => hyp2f1(1, 1, 3, 1 - 1e-9)).toThrow(/hyp2f1 series did not converge/);
  });
});
