import { describe, expect, it } from "vitest";
import type { Analysis, AnalysisInput } from "../../src/analyses/analysis.ts";
import { parseConfig } from "../../src/read/config.ts";
import { newDicts, type Table } from "../../src/read/table.ts";
import { ANALYSES, checkRegistry, runAnalyses } from "../../src/report/analyses.ts";
import type { Fact } from "../../src/schema/report.ts";
import { periodFrame } from "../../src/time/period.ts";

const config = parseConfig({}, "test");
const table = (kind: Table["kind"]): Table => ({ kind, name: kind, length: 0, num: {}, ref: {}, file: new Uint16Array(), line: new Uint32Array(), files: [] });
const fact = (id: string): Fact => ({ id, value: 1, unit: "count" });

/** An analysis that records what it was given and emits one fact named after itself. */
function probe(name: string, over: Partial<Analysis> = {}, seen: AnalysisInput[] = []): Analysis {
  return {
    name,
    requires: [],
    rows: [],
    period: false,
    uses: [],
    provides: [],
    run: (input) => {
      seen.push(input);
      return { facts: [fact(name)], warnings: [], series: {}, ...(over.provides?.includes("segments") ? { outputs: { segments: () => [name] } } : {}) };
    },
    ...over,
  };
}

describe("checkRegistry(analyses)", () => {
  it("accepts romi's own registry", () => {
    expect(() => checkRegistry(ANALYSES)).not.toThrow();
    expect(ANALYSES.map((a) => a.name)).toEqual(["funnel", "customers", "basket", "clv", "forecast", "budget", "campaigns", "experiments"]);
  });

  it("throws on an output used before an analysis provides it, a second provider and a repeated name", () => {
    expect(() => checkRegistry([probe("basket", { uses: ["segments"] }), probe("customers", { provides: ["segments"] })])).toThrow(
      "analysis basket uses segments, which no analysis before it provides",
    );
    expect(() => checkRegistry([probe("a", { provides: ["segments"] }), probe("b", { provides: ["segments"] })])).toThrow(
      "analysis b provides segments, which a provides already",
    );
    expect(() => checkRegistry([probe("a"), probe("a")])).toThrow("analysis a is listed twice");
  });
});

describe("runAnalyses(tables, …, analyses)", () => {
  it("runs an analysis only when its kinds are there and, if it needs one, a period; and hands it the outputs it uses", async () => {
    const seen: AnalysisInput[] = [];
    const analyses = [
      probe("needs-orders", { requires: ["orders"] }),
      probe("needs-period", { period: true }),
      probe("provider", { requires: ["visits"], provides: ["segments"] }),
      probe("user", { uses: ["segments"] }, seen),
    ];
    const without = await runAnalyses([], { visits: ["visits"] }, newDicts(), null, config, [], null, analyses);
    expect(without.facts.map((f) => f.id)).toEqual(["provider", "user"]);
    expect(seen[0]!.outputs.segments!(0)).toEqual(["provider"]);
    const frame = periodFrame({ from: 0, to: 30 });
    const all = await runAnalyses([table("orders")], { orders: ["orders"] }, newDicts(), frame, config, [], null, analyses);
    expect(all.facts.map((f) => f.id)).toEqual(["needs-orders", "needs-period", "user"]);
    // The provider did not run, so the user gets no segments.
    expect(seen[1]!.outputs.segments).toBeUndefined();
  });

  it("throws when an analysis does not give an output it declared", async () => {
    const broken: Analysis = { ...probe("broken"), provides: ["segments"], run: () => ({ facts: [], warnings: [], series: {} }) };
    await expect(runAnalyses([], {}, newDicts(), null, config, [], null, [broken])).rejects.toThrow("analysis broken did not provide segments");
  });
});
