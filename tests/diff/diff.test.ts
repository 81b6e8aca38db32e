import { describe, expect, it } from "vitest";
import { countsLine, diffReports, sameValue } from "../../src/diff/compare.ts";
import { escapeMarkdown, formatMarkdown, MARKER } from "../../src/diff/markdown.ts";
import { checkThresholds, parsePattern, matches, ThresholdsSchema } from "../../src/diff/thresholds.ts";
import { REPORT_SCHEMA_VERSION, type Fact, type Recommendation, type Report } from "../../src/schema/report.ts";

/** A minimal report with the given facts. */
function report(facts: Fact[], extra: Partial<Report> = {}): Report {
  return {
    schema: REPORT_SCHEMA_VERSION,
    generator: "romi test",
    version: { id: "aaaaaaaaaaaa" },
    title: "t",
    currency: "USD",
    locale: "en-US",
    timezone: "UTC",
    margin: 1,
    period: { from: "2024-01-01", to: "2024-12-31", days: 366, activity: "orders", completeMonths: [], completeWeeks: 0 },
    datasets: [],
    ignored: [],
    warnings: [],
    facts,
    recommendations: [],
    series: {},
    ...extra,
  };
}
const romi = (source: string, value: number | null): Fact => ({ id: "romi", dims: { source }, value, unit: "ratio", better: "up" });
const buyers = (source: string, value: number): Fact => ({ id: "buyers", dims: { source }, value, unit: "users", better: "up" });
const rec = (source: string, action: Recommendation["action"]): Recommendation => ({
  subject: { source },
  action,
  rule: "r",
  limits: {},
  findings: [],
  numbers: {},
  confidence: "high",
  importance: 1,
});

describe("diffReports(base, head)", () => {
  const base = report([
    romi("3", 0.52),
    romi("4", 1.2),
    romi("5", null),
    romi("6", 0.5),
    { id: "cost", value: 0, unit: "currency" },
    { id: "revenue", value: 0.1 + 0.2, unit: "currency", better: "up" },
  ]);
  const head = report([
    romi("3", 0.43),
    romi("5", 0.9),
    romi("6", null),
    romi("7", 2),
    { id: "cost", value: 10, unit: "currency" },
    { id: "revenue", value: 0.3, unit: "currency", better: "up" },
  ]);
  const d = diffReports(base, head);
  const byKey = Object.fromEntries(d.facts.map((c) => [`${c.id}${JSON.stringify(c.dims)}`, c]));

  it("classifies changed, added, removed, appeared and vanished facts", () => {
    expect(byKey['romi{"source":"3"}']).toMatchObject({ kind: "changed", base: 0.52, head: 0.43, direction: "regression" });
    expect(byKey['romi{"source":"3"}']!.abs).toBeCloseTo(-0.09, 12);
    expect(byKey['romi{"source":"3"}']!.rel).toBeCloseTo(-0.09 / 0.52, 12);
    expect(byKey['romi{"source":"4"}']).toMatchObject({ kind: "removed", base: 1.2, head: null, abs: null, rel: null });
    expect(byKey['romi{"source":"7"}']).toMatchObject({ kind: "added", base: null, head: 2 });
    expect(byKey['romi{"source":"5"}']).toMatchObject({ kind: "appeared", base: null, head: 0.9, direction: "neutral" });
    expect(byKey['romi{"source":"6"}']).toMatchObject({ kind: "vanished", base: 0.5, head: null });
  });

  it("gives no relative change from a zero baseline, and no direction without `better`", () => {
    expect(byKey["cost{}"]).toMatchObject({ kind: "changed", abs: 10, rel: null, direction: "neutral" });
  });

  it("does not count float noise as a change", () => {
    expect(byKey["revenue{}"]).toBeUndefined();
    expect(sameValue(1, 1 + 1e-12)).toBe(true);
    expect(sameValue(1, 1.0001)).toBe(false);
    expect(sameValue(null, 0)).toBe(false);
  });

  it("lists changed recommendations and datasets", () => {
    const a = report([], {
      recommendations: [rec("3", "keep"), rec("4", "scale")],
      datasets: [{ name: "orders", kind: "orders", files: [], columns: {}, rows: 10, used: 9, rejected: [] }],
    });
    const b = report([], {
      recommendations: [rec("3", "cut"), rec("4", "scale")],
      datasets: [{ name: "orders", kind: "orders", files: [], columns: {}, rows: 12, used: 9, rejected: [] }],
    });
    const x = diffReports(a, b);
    expect(x.recommendations).toEqual([{ subject: "source 3", base: "keep", head: "cut" }]);
    expect(x.datasets).toEqual([{ name: "orders", base: { rows: 10, used: 9, rejected: 1 }, head: { rows: 12, used: 9, rejected: 3 } }]);
  });
});

describe("diffReports across romi versions (METRIC_HISTORY)", () => {
  const revenue = (id: string, value: number): Fact => ({ id, value, unit: "currency", better: "up" });
  const v1 = (facts: Fact[]) => report(facts, { generator: "romi 0.1.0" });
  const v2 = (facts: Fact[]) => report(facts, { generator: "romi 0.2.0" });
  const history = [
    { kind: "renamed", id: "revenue", from: "rev", since: "0.2.0", why: "one name for revenue" },
    { kind: "redefined", id: "aov", since: "0.2.0", why: "net of cancellations" },
  ] as const;

  it("matches a renamed metric's facts under today's id, with a note, instead of one removed and one added", () => {
    const d = diffReports(v1([revenue("rev", 100)]), v2([revenue("revenue", 90)]), history);
    expect(d.facts.map((c) => [c.id, c.kind, c.base, c.head, c.note])).toEqual([
      ["revenue", "changed", 100, 90, "renamed from rev in romi 0.2.0: one name for revenue"],
    ]);
    expect(d.summary).toMatchObject({ added: 0, removed: 0, regressions: 1 });
  });

  it("judges a redefined metric's move neither better nor worse, and no threshold breaks on it", () => {
    const base = v1([revenue("aov", 50)]);
    const head = v2([revenue("aov", 40)]);
    const d = diffReports(base, head, history);
    expect(d.facts[0]).toMatchObject({ direction: "neutral", redefined: true, note: "definition changed in romi 0.2.0: net of cancellations" });
    const rules = ThresholdsSchema.parse({ rules: [{ metric: "aov", fail_if: "drops", by_more_than: { relative: 0.1 } }] });
    expect(checkThresholds(d, base, head, rules, []).breaches).toEqual([]);
    const md = formatMarkdown(d, null, { locale: "en-US", currency: "USD", maxRows: 10 });
    expect(md).toContain("#### Changed by the romi upgrade");
    expect(md).toContain("definition changed in romi 0.2.0: net of cancellations");
  });

  it("applies only the changes between the two versions, and none when a report names no version", () => {
    expect(diffReports(v2([revenue("aov", 50)]), v2([revenue("aov", 40)]), history).facts[0]!.direction).toBe("regression");
    expect(diffReports(report([revenue("rev", 1)]), v2([revenue("revenue", 1)]), history).summary).toMatchObject({ added: 1, removed: 1 });
  });
});

describe("checkThresholds(diff, base, head, rules, acks)", () => {
  const rules = ThresholdsSchema.parse({
    rules: [{ metric: "romi{source=*}", fail_if: "drops", by_more_than: { relative: 0.1, absolute: 0.05 }, min_sample: { metric: "buyers", at_least: 30 } }],
  });
  const base = report([romi("3", 0.52), romi("4", 0.52), romi("5", 0.52), romi("6", 2), buyers("3", 100), buyers("4", 100), buyers("5", 12), buyers("6", 100)]);
  // 3: −0.09 (−17%) breaks; 4: −0.02 (−3.8%) holds; 5: −0.3 but only 12 buyers; 6: −0.06 (−3%) holds (relative).
  const head = report([
    romi("3", 0.43),
    romi("4", 0.5),
    romi("5", 0.22),
    romi("6", 1.94),
    buyers("3", 100),
    buyers("4", 100),
    buyers("5", 12),
    buyers("6", 100),
  ]);
  const d = diffReports(base, head);

  it("fails a fact that drops by more than both the relative and the absolute part", () => {
    const r = checkThresholds(d, base, head, rules);
    expect(r.breaches.map((b) => [b.change.dims["source"], b.acknowledged])).toEqual([["3", false]]);
    expect(r.skipped).toEqual([
      { rule: "romi{source=*} drops by more than 10% and 0.05 (when buyers ≥ 30)", fact: "romi{source=5}", sample: "buyers{source=5} 12 → 12" },
    ]);
  });

  it("marks breaches of acknowledged patterns, or of all with *", () => {
    expect(checkThresholds(d, base, head, rules, ["romi{source=3}"]).breaches[0]!.acknowledged).toBe(true);
    expect(checkThresholds(d, base, head, rules, ["romi{source=4}"]).breaches[0]!.acknowledged).toBe(false);
    expect(checkThresholds(d, base, head, rules, ["*"]).breaches[0]!.acknowledged).toBe(true);
  });

  it("uses the direction of `better` for worsens, and absolute-only rules", () => {
    const worse = ThresholdsSchema.parse({ rules: [{ metric: "romi{source=*}", fail_if: "worsens", by_more_than: { absolute: 0.25 } }] });
    expect(checkThresholds(d, base, head, worse).breaches.map((b) => b.change.dims["source"])).toEqual(["5"]);
  });

  it("matches patterns on the id and exactly the dim names", () => {
    const p = parsePattern("romi{source=*}");
    expect(matches(p, "romi", { source: "3" })).toBe(true);
    expect(matches(p, "romi", { source: "3", age: "1" })).toBe(false);
    expect(matches(p, "romi", {})).toBe(false);
    expect(matches(parsePattern("ltv*{cohort=2024-*,age=0}"), "ltv", { cohort: "2024-05", age: "0" })).toBe(true);
    expect(() => ThresholdsSchema.parse({ rules: [{ metric: "romi", fail_if: "drops", by_more_than: {} }] })).toThrow(/give relative, absolute or both/);
  });
});

describe("formatMarkdown(diff, thresholds)", () => {
  it("escapes labels from the data", () => {
    expect(escapeMarkdown("<script>alert(1)</script>")).toBe("&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
    expect(escapeMarkdown("a | *b* [c](d)")).toBe("a &#124; \\*b\\* \\[c\\]\\(d\\)");
    const md = formatMarkdown(diffReports(report([romi("<img src=x onerror=alert(1)>", 1)]), report([romi("<img src=x onerror=alert(1)>", 0.5)])), null, {
      locale: "en-US",
      currency: "USD",
      maxRows: 10,
    });
    expect(md).not.toContain("<img");
    expect(md).toContain("ROMI · source &lt;img src=x onerror=alert\\(1\\)&gt;");
  });

  it("shows n/a, not an invented percentage, for a change from zero", () => {
    const md = formatMarkdown(diffReports(report([{ id: "cost", value: 0, unit: "currency" }]), report([{ id: "cost", value: 10, unit: "currency" }])), null, {
      locale: "en-US",
      currency: "USD",
      maxRows: 10,
    });
    expect(md).toContain("| ⚪ | Marketing cost | $0.00 | $10.00 | +$10.00 (n/a) |");
    expect(md.startsWith(`${MARKER}\n### romi: 1 metric changed: 0 regressions, 0 improvements; Marketing cost +$10.00 (n/a)`)).toBe(true);
  });

  it("shows a share as a percent and its change in percentage points, an archived report's ratio-unit share included", () => {
    const mape = (value: number, unit: Fact["unit"]): Fact => ({ id: "clv.holdout.mape", value, unit, better: "down" });
    const options = { locale: "en-US", currency: "USD", maxRows: 10 };
    // Schema 2 before the share unit wrote the holdout error as a ratio: the catalogue's unit reads it.
    const md = formatMarkdown(diffReports(report([mape(0.12, "ratio")]), report([mape(0.1525, "share")])), null, options);
    expect(md).toContain("| 🔴 worse | Holdout error | 12% | 15.25% | +3.25 pp (+27.1%) |");
    const old = formatMarkdown(diffReports(report([mape(0.2, "ratio")]), report([mape(0.15, "ratio")])), null, options);
    expect(old).toContain("| 🟢 better | Holdout error | 20% | 15% | −5 pp (−25%) |");
  });
});

describe("countsLine(summary)", () => {
  it("counts in words, singular for one", () => {
    expect(countsLine({ changed: 12, regressions: 3, improvements: 1, added: 0, removed: 0 })).toBe("12 metrics changed: 3 regressions, 1 improvement");
    expect(countsLine({ changed: 1, regressions: 1, improvements: 0, added: 0, removed: 0 })).toBe("1 metric changed: 1 regression, 0 improvements");
  });
});
