import { describe, expect, it } from "vitest";
import { standardise } from "../../src/stats/standardise.ts";

describe("standardise(columns)", () => {
  it("gives z-scores with the population SD, as sklearn's StandardScaler", () => {
    // sklearn.preprocessing.StandardScaler().fit(X) on X = [[1,5,2],[3,5,8],[4,5,-1],[10,5,0.5]]:
    // transform(X).T, mean_, sqrt(var_)
    const { columns, mean, sd } = standardise([Float64Array.of(1, 3, 4, 10), Float64Array.of(5, 5, 5, 5), Float64Array.of(2, 8, -1, 0.5)]);
    const expected = [
      [-1.0434983894999017, -0.4472135954999579, -0.14907119849998599, 1.6397831834998458],
      [0, 0, 0, 0],
      [-0.10976425998969035, 1.6464638998453551, -0.9878783399072131, -0.5488212999484517],
    ];
    columns.forEach((column, c) => column.forEach((z, i) => expect(z).toBeCloseTo(expected[c]![i]!, 14)));
    expect(mean).toEqual([4.5, 5, 2.375]);
    expect(sd[0]).toBeCloseTo(3.3541019662496847, 14);
    expect(sd[1]).toBe(0);
    expect(sd[2]).toBeCloseTo(3.416412592179112, 14);
  });

  it("maps a constant column to all 0 with sd 0, even when its mean is not exact", () => {
    const { columns, mean, sd } = standardise([Float64Array.of(0.1, 0.1, 0.1)]);
    expect(Array.from(columns[0]!)).toEqual([0, 0, 0]);
    expect(mean).toEqual([0.1]);
    expect(sd).toEqual([0]);
  });

  it("does not change its input", () => {
    const input = Float64Array.of(1, 3);
    standardise([input]);
    expect(Array.from(input)).toEqual([1, 3]);
  });

  it("throws on no rows, ragged columns and non-finite values", () => {
    expect(() => standardise([])).toThrow("invalid standardise input: no rows");
    expect(() => standardise([new Float64Array(0)])).toThrow("invalid standardise input: no rows");
    expect(() => standardise([Float64Array.of(1, 2), Float64Array.of(1)])).toThrow("invalid column 1 length: 1 (column 0 has 2)");
    expect(() => standardise([Float64Array.of(1, NaN)])).toThrow("invalid value in column 0, row 1: NaN");
  });
});
