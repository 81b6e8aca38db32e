/**
 * The Experiments page model from small hand-made reports: the decision and
 * its reason first, the variants and lift, the sample-ratio check (a clear
 * warning below p 0.001), power, the warnings of each experiment, and the
 * page left out without data.
 */
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import { buildSite } from "../../src/site/model.ts";
import { report } from "./report.ts";

const variant = (name: string, control: boolean, users: number, conversions: number, dataset?: string): SeriesRow<"experiment_variants"> => ({
  ...(dataset ? { dataset } : {}),
  variant: name,
  control,
  users,
  conversions,
  cvr: conversions / users,
  lo95: conversions / users - 0.002,
  hi95: conversions / users + 0.002,
  revenue: null,
  revenue_per_user: null,
});

const result = (o: {
  srm: number;
  decision: SeriesRow<"experiment_results">["decision"];
  because: SeriesRow<"experiment_results">["because"];
  powered: boolean;
  dataset?: string;
}): SeriesRow<"experiment_results"> => ({
  ...(o.dataset ? { dataset: o.dataset } : {}),
  variant: "treatment",
  control: "control",
  lift_abs: -0.0016,
  lift_abs_lo95: -0.004,
  lift_abs_hi95: 0.0007,
  lift_rel: -0.0136,
  lift_rel_lo95: -0.0329,
  lift_rel_hi95: 0.0062,
  z: -1.35,
  p_value: 0.1765,
  alternative: "two-sided",
  alpha: 0.05,
  p_better: 0.088,
  expected_loss: 0.0017,
  srm_p: o.srm,
  srm_chi2: o.srm < 0.001 ? 25.3 : 0.03,
  srm: o.srm < 0.001,
  mde: 0.006,
  needed_per_variant: 46852,
  users_per_variant: o.powered ? 144300 : 20000,
  power: o.powered ? 0.998 : 0.31,
  target_power: 0.8,
  powered: o.powered,
  decision: o.decision,
  because: o.because,
});

const daily = (dataset?: string): SeriesRow<"experiment_daily">[] =>
  ["2017-01-02", "2017-01-03"].flatMap((date) =>
    ["control", "treatment"].map((v) => ({ ...(dataset ? { dataset } : {}), date, variant: v, users: 100, conversions: 12 })),
  );

const posteriors = (dataset?: string): SeriesRow<"experiment_posteriors">[] =>
  ["control", "treatment"].flatMap((v) =>
    [0.11, 0.12, 0.13].map((rate, i) => ({ ...(dataset ? { dataset } : {}), variant: v, rate, density: [1, 40, 1][i]! })),
  );

describe("buildSite(report).sections.experiments", () => {
  it("is null, and the page is not in the navigation, without experiment data", () => {
    const site = buildSite(report({}));
    expect(site.sections.experiments).toBeNull();
    expect(site.nav.map((n) => n.slug)).not.toContain("experiments");
  });

  const oneTest = report({
    series: {
      experiment_variants: [variant("control", true, 144300, 17374), variant("treatment", false, 144389, 17149)],
      experiment_results: [result({ srm: 0.868, decision: "don't ship", because: "no-effect", powered: true })],
      experiment_posteriors: posteriors(),
      experiment_daily: daily(),
    },
    warnings: [
      {
        code: "experiments.assignment",
        values: { mismatched: 983, rows: 288689, pairs: [{ variant: "treatment", assignment: "old_page", rows: 983 }] },
      },
      { code: "clv.numeric", values: { skipped: "clv" } },
    ],
  });

  it("puts the decision and its reason first, and tabulates variants and lift", () => {
    const site = buildSite(oneTest);
    expect(site.nav.map((n) => n.slug)).toContain("experiments");
    const x = site.sections.experiments!.sections[0]!;
    expect(x.dataset).toBeNull();
    // The fixture's numbers, worded by hand: mde 0.006 = 0.60 points; the lift −0.0016 (−0.004 to +0.0007).
    expect(x.decisions).toEqual([
      {
        variant: "treatment",
        control: "control",
        decision: "don't ship",
        reason:
          "no significant difference (p = 0.1765) with enough users to detect 0.60 points (46,852 per variant needed, 144,300 seen): the lift is −0.16 points (95% CI −0.40 points to +0.07 points)",
      },
    ]);
    // 17,374 / 144,300 = 12.04%.
    expect(x.variants.table.rows[0]).toEqual(["control", "144,300", "17,374", "12%", "11.8% – 12.2%"]);
    expect(x.comparison!.table.rows[0]).toEqual([
      "treatment vs control",
      "don't ship",
      "−0.16 pts",
      "−0.4 pts to +0.07 pts",
      "−1.36%",
      "−3.29% to +0.62%",
      "0.177",
      "8.8%",
      "0.17 pts",
    ]);
  });

  it("states the SRM check calmly when the split held, and the power the test had", () => {
    const x = buildSite(oneTest).sections.experiments!.sections[0]!;
    expect(x.srm).toEqual({
      broken: false,
      text: "Users split as planned (144,300 control, 144,389 treatment): the sample-ratio check finds no mismatch (χ² = 0.03, p = 0.868; a mismatch is p < 0.001).",
    });
    expect(x.power).toEqual([
      "treatment: detecting a lift of 0.6 pts (the minimum detectable effect) needs 46,852 users per variant; the test had 144,300 in its smaller variant, enough. Its power for that lift: 99.8%.",
    ]);
  });

  it("shows only the experiments' warnings, and draws the posteriors and users per day", () => {
    const x = buildSite(oneTest).sections.experiments!.sections[0]!;
    expect(x.warnings).toEqual([
      "983 of the 288,689 rows used have an assignment column that disagrees with the variant (treatment on old_page: 983); they are kept in the variant the log names, not fixed.",
    ]);
    expect(x.charts.map((c) => c.id)).toEqual(["experiment-posteriors", "experiment-daily"]);
  });

  it("warns clearly when p < 0.001, says how many users an underpowered test lacks, and keeps several experiments apart", () => {
    const r = report({
      series: {
        experiment_variants: [
          variant("control", true, 20000, 2400, "a.csv"),
          variant("B", false, 21000, 2500, "a.csv"),
          variant("control", true, 500, 50, "b.csv"),
        ],
        experiment_results: [result({ srm: 0.00001, decision: "don't ship", because: "srm", powered: false, dataset: "a.csv" })],
        experiment_posteriors: posteriors("a.csv"),
        experiment_daily: [...daily("a.csv"), ...daily("b.csv")],
      },
      warnings: [
        { code: "experiments.control", values: { control: "control", variants: ["A", "B"] }, dims: { dataset: "b.csv" } },
        {
          code: "experiments.assignment",
          values: { mismatched: 12, rows: 400, pairs: [{ variant: "A", assignment: "b", rows: 12 }] },
          dims: { dataset: "a.csv" },
        },
      ],
    });
    const [a, b] = buildSite(r).sections.experiments!.sections;
    expect(a!.dataset).toBe("a.csv");
    expect(a!.srm!.broken).toBe(true);
    expect(a!.srm!.text).toMatch(/^Sample ratio mismatch: users did not split as planned \(20,000 control, 21,000 B; χ² = 25.3, p < 0.001\)/);
    expect(a!.power[0]).toContain("not enough (26,852 more per variant)");
    expect(a!.warnings).toEqual([
      "12 of the 400 rows used have an assignment column that disagrees with the variant (A on b: 12); they are kept in the variant the log names, not fixed.",
    ]);
    expect(a!.charts.map((c) => c.id)).toEqual(["experiment-posteriors-1", "experiment-daily-1"]);
    expect(b!.dataset).toBe("b.csv");
    expect(b!.decisions).toEqual([]);
    expect(b!.srm).toBeNull();
    expect(b!.warnings).toEqual(['No variant is the control (looked for "control" among A, B): name it with experiments.control.']);
  });
});
