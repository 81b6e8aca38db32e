import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KIND_SPECS, KINDS } from "../src/schema/kinds.ts";

// Prettier pads table cells, so compare with runs of spaces folded.
const fold = (s: string): string => s.replace(/ {2,}/g, " ");
const DATA = fold(readFileSync(new URL("../docs/data.md", import.meta.url), "utf8"));

describe("docs", () => {
  it("shows every recognised header alias of every kind", () => {
    for (const kind of KINDS) {
      for (const [role, spec] of Object.entries(KIND_SPECS[kind].roles)) {
        expect(DATA).toContain(
          `| ${kind} | ${role} | ${spec.required ? (spec.mayBeAbsent ? "if present" : "yes") : "no"} | ${spec.aliases.map((a) => `\`${a}\``).join(", ")} |`,
        );
      }
    }
  });
});
