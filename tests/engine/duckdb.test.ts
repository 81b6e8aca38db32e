import { describe, expect, it } from "vitest";
import { DuckDbEngine } from "../../src/engine/duckdb.ts";
import { EngineMemoryError } from "../../src/engine/engine.ts";

describe("DuckDbEngine", () => {
  it("turns running out of memory into one message that names romi's --memory and --threads, not DuckDB's settings", async () => {
    const engine = await DuckDbEngine.open({ memory: "32MB", threads: 1 });
    try {
      // A list cannot spill to disk: 20M integers need more than 32 MB.
      const failure = await engine.rows("SELECT length(list(range)) AS n FROM range(20000000)").then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(EngineMemoryError);
      const message = (failure as Error).message;
      expect(message).toMatch(
        /^out of memory: .*, with a memory limit of 32MB; raise it with --memory \(e\.g\. --memory 8GB\) or use fewer threads \(--threads 1\)$/,
      );
      expect(message).not.toMatch(/SET |\n/);
      // The engine still answers after the failure.
      expect(await engine.rows("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      engine.close();
    }
  });
});
