import { describe, expect, it } from "vitest";
import { chiSquareTest, cramersV } from "../../src/stats/index.ts";
import { expectClose, wave } from "./close.ts";

// Agresti (2007) party identification by gender, the example in R's ?chisq.test:
// R prints X-squared = 30.07, df = 2, p-value = 2.954e-07
const party = [
  [762, 327, 468],
  [484, 239, 477],
];
// Python: rc = (np.array([(i*37+11)%23 for i in range(12)]).reshape(3, 4) + 5).tolist()
const rc = [0, 1, 2].map((i) =>
  wave(12, 37, 11, 23)
    .slice(4 * i, 4 * i + 4)
    .map((v) => v + 5),
);

function expectMatrixClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expectClose(v, expected[i]![j]!, { rel: 1e-7 })));
}

describe("chiSquareTest(table, options)", () => {
  it("matches R's published example and SciPy on a 2×3 table", () => {
    // scipy 1.10.1: stats.chi2_contingency([[762,327,468],[484,239,477]])
    //   -> chi2=30.070149095754672, p=2.9535891832117595e-07, dof=2,
    //      expected=[[703.67138194, 319.64526659, 533.68335147], [542.32861806, 246.35473341, 411.31664853]]
    const result = chiSquareTest(party);
    expect(result.statistic.toFixed(2)).toBe("30.07");
    expect(result.pValue.toExponential(3)).toBe("2.954e-7");
    expectClose(result.statistic, 30.070149095754672);
    expectClose(result.pValue, 2.9535891832117595e-7, { rel: 1e-9 });
    expect(result.dof).toBe(2);
    expectMatrixClose(result.expected, [
      [703.67138194, 319.64526659, 533.68335147],
      [542.32861806, 246.35473341, 411.31664853],
    ]);
  });

  it("matches SciPy's documentation example", () => {
    // scipy docs / scipy 1.10.1: stats.chi2_contingency([[10,10,20],[20,20,20]]) -> chi2=2.7777777777777777, p=0.24935220877729622, dof=2
    const result = chiSquareTest([
      [10, 10, 20],
      [20, 20, 20],
    ]);
    expectClose(result.statistic, 2.7777777777777777);
    expectClose(result.pValue, 0.24935220877729622);
    expect(result.expected).toEqual([
      [12, 12, 16],
      [18, 18, 24],
    ]);
  });

  it("applies Yates' correction to a 2×2 table by default, and not when told", () => {
    // scipy 1.10.1: stats.chi2_contingency([[12,5],[7,9]]) -> chi2=1.455996378814684, p=0.22756821457580642, dof=1
    // scipy 1.10.1: stats.chi2_contingency([[12,5],[7,9]], correction=False) -> chi2=2.4305755196815575, p=0.118989205532145
    const table = [
      [12, 5],
      [7, 9],
    ];
    const corrected = chiSquareTest(table);
    expectClose(corrected.statistic, 1.455996378814684);
    expectClose(corrected.pValue, 0.22756821457580642);
    expect(corrected.dof).toBe(1);
    const plain = chiSquareTest(table, { correction: false });
    expectClose(plain.statistic, 2.4305755196815575);
    expectClose(plain.pValue, 0.118989205532145);
  });

  it("moves a cell only as far as its expected count when |O − E| < 0.5", () => {
    // scipy 1.10.1: stats.chi2_contingency([[10,10],[10,11]]) -> chi2=0.0, p=1.0
    // scipy 1.10.1: stats.chi2_contingency([[10,10],[10,11]], correction=False) -> chi2=0.02324263038548757, p=0.8788278129295307
    const table = [
      [10, 10],
      [10, 11],
    ];
    expect(chiSquareTest(table)).toMatchObject({ statistic: 0, pValue: 1, dof: 1 });
    expectClose(chiSquareTest(table, { correction: false }).statistic, 0.02324263038548757);
    expectClose(chiSquareTest(table, { correction: false }).pValue, 0.8788278129295307);
  });

  it("keeps a 2×2 p-value of 1e-233 precise", () => {
    // scipy 1.10.1: stats.chi2_contingency([[1000,200],[200,1000]]) -> chi2=1064.0016666666668, p=2.2031060673542857e-233
    // scipy 1.10.1: same with correction=False -> chi2=1066.6666666666667, p=5.8049143570853e-234
    const table = [
      [1000, 200],
      [200, 1000],
    ];
    expectClose(chiSquareTest(table).statistic, 1064.0016666666668);
    expectClose(chiSquareTest(table).pValue, 2.2031060673542857e-233, { rel: 1e-9 });
    expectClose(chiSquareTest(table, { correction: false }).pValue, 5.8049143570853e-234, { rel: 1e-9 });
  });

  it("never corrects a larger table", () => {
    // scipy 1.10.1: stats.chi2_contingency(rc) with rc = [[16,7,21,12],[26,17,8,22],[13,27,18,9]]
    //   -> chi2=26.78852754667673, p=0.00015862991744759053, dof=6
    expect(rc).toEqual([
      [16, 7, 21, 12],
      [26, 17, 8, 22],
      [13, 27, 18, 9],
    ]);
    for (const correction of [true, false]) {
      const result = chiSquareTest(rc, { correction });
      expectClose(result.statistic, 26.78852754667673);
      expectClose(result.pValue, 0.00015862991744759053, { rel: 1e-9 });
      expect(result.dof).toBe(6);
    }
  });

  it("accepts fractional counts", () => {
    // scipy 1.10.1: stats.chi2_contingency([[2.5,3.5,4],[6,1.5,2]]) -> chi2=2.8969272445820424, p=0.2349309536439249
    const result = chiSquareTest([
      [2.5, 3.5, 4],
      [6, 1.5, 2],
    ]);
    expectClose(result.statistic, 2.8969272445820424);
    expectClose(result.pValue, 0.2349309536439249);
  });

  it("throws a RangeError for a zero expected count, a table below 2×2, a ragged table or a bad count", () => {
    // scipy raises "The internally computed table of expected frequencies has a zero element at (0, 1)."
    expect(() =>
      chiSquareTest([
        [1, 0, 3],
        [2, 0, 4],
      ]),
    ).toThrow(new RangeError("chiSquareTest table column 1 sums to 0, so its expected counts are 0"));
    expect(() =>
      chiSquareTest([
        [0, 0],
        [2, 4],
      ]),
    ).toThrow("chiSquareTest table row 0 sums to 0, so its expected counts are 0");
    expect(() => chiSquareTest([[1, 2, 3]])).toThrow("chiSquareTest needs at least a 2×2 table, got 1×3");
    expect(() => chiSquareTest([])).toThrow("chiSquareTest needs at least a 2×2 table, got 0×0");
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow("chiSquareTest table row 1 has 1 cells, expected 2");
    expect(() =>
      chiSquareTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow("chiSquareTest table[0][1] is not a finite count ≥ 0: -2");
    expect(() =>
      chiSquareTest([
        [1, 2],
        [Number.NaN, 4],
      ]),
    ).toThrow("chiSquareTest table[1][0] is not a finite count ≥ 0: NaN");
  });
});

describe("cramersV(table)", () => {
  it("uses the uncorrected chi-square, as scipy's association(method='cramer')", () => {
    // scipy 1.10.1: stats.contingency.association(np.array(t), method="cramer") (correction=False by default)
    //   [[12,5],[7,9]] -> 0.27139234260883977; party -> 0.10443580235646777; rc -> 0.26141553220154334; [[10,0],[0,10]] -> 1.0
    expectClose(
      cramersV([
        [12, 5],
        [7, 9],
      ]),
      0.27139234260883977,
    );
    expectClose(cramersV(party), 0.10443580235646777);
    expectClose(cramersV(rc), 0.26141553220154334);
    expectClose(
      cramersV([
        [10, 0],
        [0, 10],
      ]),
      1,
    );
  });

  it("is 0 for an independent table and throws like chiSquareTest on a degenerate one", () => {
    // hand computation: rows proportional, so O = E everywhere
    expect(
      cramersV([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(0);
    expect(() => cramersV([[1, 2]])).toThrow("cramersV needs at least a 2×2 table, got 1×2");
    expect(() =>
      cramersV([
        [0, 1],
        [0, 2],
      ]),
    ).toThrow("cramersV table column 0 sums to 0, so its expected counts are 0");
  });
});
