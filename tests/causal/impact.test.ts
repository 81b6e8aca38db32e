/**
 * impact() on planted effects in seeded data, point estimates against
 * statsmodels OLS (tests/causal/reference.py), refusals and determinism.
 */
import { describe, expect, it } from "vitest";
import { impact, type ImpactResult } from "../../src/causal/impact.ts";
import { normalSource } from "../../src/forecast/intervals.ts";
import { createRand } from "../../src/stats/prng.ts";
import { expectClose, wave } from "../stats/close.ts";

/**
 * Seeded campaign data: five controls that co-move with the target through a
 * shared weekly-and-drifting factor, plus noise, and an additive lift from the launch.
 * - f_t = 20 sin(2πt/7) + a_t, a_t = 0.9 a_{t−1} + N(0, 4²);
 * - control_j,t = 200 + 50 j + (1 + 0.2 j) f_t + N(0, 5²);
 * - target_t = 100 + 1.5 f_t + N(0, 10²) + lift · [t ≥ launch].
 */
function campaign(seed: number, { days = 180, controls = 5, launch = 120, lift = 0 } = {}): { target: number[]; controls: number[][] } {
  const normal = normalSource(createRand(seed, 7));
  const f: number[] = [];
  let a = 0;
  for (let t = 0; t < days; t++) {
    a = 0.9 * a + 4 * normal();
    f.push(20 * Math.sin((2 * Math.PI * t) / 7) + a);
  }
  const cs = Array.from({ length: controls }, (_, j) => f.map((ft) => 200 + 50 * j + (1 + 0.2 * j) * ft + 5 * normal()));
  const target = f.map((ft, t) => 100 + 1.5 * ft + 10 * normal() + (t >= launch ? lift : 0));
  return { target, controls: cs };
}

function ok(r: ImpactResult): Extract<ImpactResult, { status: "ok" }> {
  if (r.status !== "ok") throw new Error(`refused: ${r.refusal}`);
  return r;
}

const contains = (i: { lo95: number; hi95: number }, v: number): boolean => i.lo95 <= v && v <= i.hi95;

describe("impact(target, controls, launch, { seed })", () => {
  it("recovers a planted +30/day lift from day 120 of 180: the average's interval contains 30 and excludes 0; the placebo passes", () => {
    const d = campaign(1, { lift: 30 });
    const r = ok(impact(d.target, d.controls, 120, { seed: 1 }));
    expect(contains(r.average, 30)).toBe(true);
    expect(r.average.lo95).toBeGreaterThan(0);
    expect(contains(r.cumulative, 30 * 60)).toBe(true);
    expect(r.cumulative.value).toBeCloseTo(r.average.value * 60, 9);
    expect(r.pre).toMatchObject({ days: 120 });
    expect(r.post).toEqual({ days: 60 });
    expect(r.model.kind).toBe("ols");
    expect(r.placebo.status === "ok" && r.placebo.passed).toBe(true);
    expect(r.placebo).toMatchObject({ launch: 60, days: 60 });
    expect(r.points).toHaveLength(180);
    expect(r.relative!.value).toBeGreaterThan(0);
    expect(contains(r.relative!, r.relative!.value)).toBe(true);
  });

  it("covers a zero lift with its 95% interval of the average in at least 45 of 50 seeds (no effect planted)", () => {
    let covered = 0;
    let placebosPassed = 0;
    for (let s = 0; s < 50; s++) {
      const d = campaign(1000 + s);
      const r = ok(impact(d.target, d.controls, 120, { seed: s, draws: 400 }));
      if (contains(r.average, 0)) covered++;
      if (r.placebo.status === "ok" && r.placebo.passed) placebosPassed++;
    }
    expect(covered).toBeGreaterThanOrEqual(45);
    expect(placebosPassed).toBeGreaterThanOrEqual(45);
  });

  it("matches statsmodels OLS on the pre-period for the fit, R², residual sd, counterfactual and lifts", () => {
    // n = 40, launch 28: c1 = 100 + wave(40, 7, 3, 17), c2 = 50 + wave(40, 5, 2, 11),
    // y = 10 + 0.8 c1 + 1.2 c2 + wave(40, 3, 1, 7) + 6 · [t ≥ 28]
    const c1 = wave(40, 7, 3, 17).map((v) => 100 + v);
    const c2 = wave(40, 5, 2, 11).map((v) => 50 + v);
    const noise = wave(40, 3, 1, 7);
    const y = c1.map((v, t) => 10 + 0.8 * v + 1.2 * c2[t]! + noise[t]! + (t >= 28 ? 6 : 0));
    const r = ok(impact(y, [c1, c2], 28, { seed: 3 }));
    expectClose(r.model.intercept, 13.613940946761602, { rel: 1e-9 });
    expectClose(r.model.coefficients[0], 0.8249951517684111, { rel: 1e-9 });
    expectClose(r.model.coefficients[1], 1.1395651639847681, { rel: 1e-9 });
    expectClose(r.pre.r2, 0.8737889052654588, { rel: 1e-10 });
    expectClose(r.pre.residualSd, 2.102595491823473, { rel: 1e-10 });
    expectClose(r.points[30]!.predicted, 170.77275716461975, { rel: 1e-12 });
    expectClose(r.points[5]!.predicted, 162.08952074983858, { rel: 1e-12 });
    expectClose(r.cumulative.value, 71.42815789712924, { rel: 1e-9 });
    expectClose(r.average.value, 5.952346491427437, { rel: 1e-9 });
    expectClose(r.relative!.value, 0.03588684103451938, { rel: 1e-9 });
    r.points.forEach((p) => {
      expect(p.effect).toBeCloseTo(p.actual - p.predicted, 12);
      expect(p.lo95).toBeLessThan(p.hi95);
    });
  });

  it("is deterministic: the same seed gives the same numbers, another seed other intervals but the same point estimates", () => {
    const d = campaign(2, { lift: 10 });
    const a = impact(d.target, d.controls, 120, { seed: 5 });
    expect(impact(d.target, d.controls, 120, { seed: 5 })).toEqual(a);
    const b = ok(impact(d.target, d.controls, 120, { seed: 6 }));
    expect(b.average.value).toBe(ok(a).average.value);
    expect(b.average.lo95).not.toBe(ok(a).average.lo95);
  });

  it("drops a constant control and lists it; switches to ridge for a duplicated control, splitting its weight evenly", () => {
    const d = campaign(3, { lift: 30 });
    const flat = ok(impact(d.target, [d.controls[0]!, Array(180).fill(7), d.controls[1]!], 120, { seed: 1 }));
    expect(flat.model.dropped).toEqual([1]);
    expect(flat.model.controls).toEqual([0, 2]);

    const e = campaign(4, { lift: 30 });
    const dup = ok(impact(e.target, [e.controls[0]!, e.controls[0]!, e.controls[1]!], 120, { seed: 1 }));
    expect(dup.model.kind).toBe("ridge");
    expect(dup.model.maxVif).toBe(Infinity);
    expect(dup.model.penalty).toBeCloseTo(0.01 * 120, 12);
    expectClose(dup.model.coefficients[0], dup.model.coefficients[1]!, { rel: 1e-9 });
    expect(contains(dup.average, 30)).toBe(true);
    // The small penalty barely moves the answer of OLS on the two distinct controls.
    const distinct = ok(impact(e.target, [e.controls[0]!, e.controls[1]!], 120, { seed: 1 }));
    expect(distinct.model.kind).toBe("ols");
    expect(Math.abs(dup.average.value - distinct.average.value)).toBeLessThan(0.1);
  });

  it("refuses no pre-period, no post-period, no controls, only constant controls, a constant KPI and too short a pre-period", () => {
    const d = campaign(4);
    expect(impact(d.target, d.controls, 0, { seed: 1 })).toEqual({ status: "refused", refusal: "no-pre-period" });
    expect(impact(d.target, d.controls, 180, { seed: 1 })).toEqual({ status: "refused", refusal: "no-post-period" });
    expect(impact(d.target, [], 120, { seed: 1 })).toEqual({ status: "refused", refusal: "no-controls" });
    expect(impact(d.target, [Array(180).fill(1), Array(180).fill(2)], 120, { seed: 1 })).toEqual({
      status: "refused",
      refusal: "constant-controls",
      preDays: 120,
    });
    expect(impact(Array(180).fill(5), d.controls, 120, { seed: 1 })).toEqual({ status: "refused", refusal: "constant-kpi", preDays: 120 });
    // 5 controls + intercept = 6 coefficients × 3 days = 18 > 14.
    expect(impact(d.target, d.controls, 13, { seed: 1 })).toEqual({ status: "refused", refusal: "short-pre-period", preDays: 13, needed: 18, controls: 5 });
    // 1 control + intercept = 2 × 3 = 6 < 14: the floor of 14 days.
    expect(impact(d.target, d.controls.slice(0, 1), 13, { seed: 1 })).toEqual({
      status: "refused",
      refusal: "short-pre-period",
      preDays: 13,
      needed: 14,
      controls: 1,
    });
  });

  it("skips the placebo, with the reason, when half the pre-period is too short for the model", () => {
    const d = campaign(5, { lift: 30 });
    const r = ok(impact(d.target, d.controls, 20, { seed: 1 }));
    expect(r.placebo).toEqual({
      status: "skipped",
      launch: 10,
      because: { status: "refused", refusal: "short-pre-period", preDays: 10, needed: 18, controls: 5 },
    });
  });

  it("throws on non-finite values, mismatched lengths, a launch outside the series and invalid options", () => {
    const d = campaign(6);
    expect(() => impact([1, NaN], [[1, 2]], 1, { seed: 1 })).toThrow("impact target[1] is not a finite number: NaN");
    expect(() => impact([1, 2], [[1]], 1, { seed: 1 })).toThrow("impact control 0 has 1 days, target has 2");
    expect(() => impact(d.target, d.controls, 181, { seed: 1 })).toThrow("impact invalid launch: 181 (days 0…180)");
    expect(() => impact(d.target, d.controls, 120, { seed: 1, draws: 10 })).toThrow("impact invalid draws: 10");
    expect(() => impact(d.target, d.controls, 120, { seed: 1, blockLength: 30 })).toThrow("impact invalid blockLength: 30");
    expect(() => impact(d.target, d.controls, 120, { seed: -1 })).toThrow("invalid seed: -1");
  });
});
