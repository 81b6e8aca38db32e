import { describe, expect, it } from "vitest";
import { clvRecommendations } from "../../src/rules/clv.ts";
import type { Fact } from "../../src/schema/report.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { why } from "../../src/words/why.ts";

const band = (b: string, value: number | null): Fact => ({ id: "clv.expected_12m", dims: { band: b }, value, unit: "currency" });

describe("clvRecommendations(facts)", () => {
  it("recommends retention spend on the band with the largest predicted CLV, quoting its share", () => {
    // Totals 10, 20, 30, 40, 100: sum 200; band 5 holds 50%, band 1 5%.
    const [rec, ...rest] = clvRecommendations([band("1", 10), band("2", 20), band("3", 30), band("4", 40), band("5", 100)]);
    expect(rest).toEqual([]);
    expect(rec).toMatchObject({ subject: { band: "5" }, action: "retain", rule: "clv.band-holds-value", importance: 100 });
    expect(why(rec!, makeFormatter("en-US", "USD"))).toBe(
      "CLV band 5 holds 50% of the predicted 12-month CLV with a fifth of the customers, against 5% in band 1: retention spend earns most there.",
    );
  });

  it("takes the higher band on a tie, and says nothing without band totals", () => {
    expect(clvRecommendations([band("4", 50), band("5", 50)])[0]!.subject).toEqual({ band: "5" });
    expect(clvRecommendations([])).toEqual([]);
    expect(clvRecommendations([band("1", null), band("2", 0)])).toEqual([]);
  });
});
