import { describe, expect, it } from "vitest";
import { joinReductions, type Analysis, type AnalysisInput, type Reducer, type Sources } from "../../src/analyses/analysis.ts";
import { duckdbDialect } from "../../src/engine/dialect.ts";
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

/** A reducer that records the tables it creates and the reductions it runs, and returns each reduction's SQL as its one row. */
function recordingReducer(log: string[]): Reducer {
  return {
    sources: (_range, tables): Sources => ({ dialect: duckdbDialect, datasets: {}, calendar: null, range: null, labels: (d) => `dict_${d}`, tables }),
    run: async (r) => {
      log.push(`run ${r.sql}`);
      return { sql: [r.sql] };
    },
    table: async (name, sql) => {
      log.push(`table ${name} ${sql}`);
      return `"${name}"`;
    },
  };
}

describe("engine tables as outputs (Analysis.tables)", () => {
  it("creates a provided table once, before the reductions, and hands its name to the analyses that use it", async () => {
    const log: string[] = [];
    const seen: Sources[] = [];
    const provider = probe("provider", {
      provides: ["firstTouch"],
      tables: () => ({ firstTouch: "SELECT 1 AS u" }),
      reductions: (sources) => {
        seen.push(sources);
        return { mine: { sql: `SELECT * FROM ${sources.tables.firstTouch}`, numeric: [] } };
      },
    });
    const user = probe("user", {
      uses: ["firstTouch"],
      reductions: (sources) => {
        seen.push(sources);
        return { theirs: { sql: `SELECT count(*) FROM ${sources.tables.firstTouch}`, numeric: [] } };
      },
    });
    checkRegistry([provider, user]);
    await runAnalyses([], {}, newDicts(), null, config, [], recordingReducer(log), [provider, user]);
    expect(log).toEqual(["table output_firstTouch SELECT 1 AS u", 'run SELECT * FROM "output_firstTouch"', 'run SELECT count(*) FROM "output_firstTouch"']);
    // Without orders, the shared orders table is null.
    expect(seen.map((s) => s.tables)).toEqual([
      { orders: null, firstTouch: '"output_firstTouch"' },
      { orders: null, firstTouch: '"output_firstTouch"' },
    ]);
  });

  it("gives null for a table the provider says there is none of, and throws when it does not say", async () => {
    const log: string[] = [];
    const seen: Sources[] = [];
    const none = probe("none", { provides: ["firstTouch"], tables: () => ({ firstTouch: null }) });
    const user = probe("user", { uses: ["firstTouch"], reductions: (sources) => (seen.push(sources), {}) });
    await runAnalyses([], {}, newDicts(), null, config, [], recordingReducer(log), [none, user]);
    expect(log).toEqual([]);
    expect(seen[0]!.tables).toEqual({ orders: null, firstTouch: null });
    const silent = probe("silent", { provides: ["firstTouch"], tables: () => ({}) });
    await expect(runAnalyses([], {}, newDicts(), null, config, [], recordingReducer(log), [silent])).rejects.toThrow(
      "analysis silent did not provide table firstTouch",
    );
  });
});

describe("joinReductions(...groups)", () => {
  it("joins groups, and throws on a name two groups share rather than keep the last", () => {
    const r = (sql: string) => ({ sql, numeric: [] });
    expect(Object.keys(joinReductions({ a: r("1") }, { b: r("2") }))).toEqual(["a", "b"]);
    expect(() => joinReductions({ cohorts: r("1") }, { cohorts: r("2") })).toThrow("two reductions are named cohorts");
  });
});
