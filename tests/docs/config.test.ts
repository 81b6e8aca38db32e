/**
 * The config reference: the generator on a small schema, against Markdown
 * written out by hand, and docs/config.md against the generator's text for
 * the real schema.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parse } from "yaml";
import { configReference, configTemplate } from "../../src/docs/config.ts";
import { ConfigSchema, RENAMED_KEYS } from "../../src/schema/config.ts";

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("configReference(schema)", () => {
  const about = (description: string) => ({ description });

  it("lists the keys holding a value, then one section per key holding others, each key with its dotted path, type, default and description", () => {
    const schema = z
      .strictObject({
        title: z.string().min(1).default("Report").meta(about("The title.")),
        margin: z.number().gt(0).lte(1).default(1).meta(about("Gross margin | share.")),
        url: z.url().optional().meta(about("A server.")),
        budget: z
          .strictObject({
            grain: z.enum(["day", "week"]).default("week").meta(about("The period.")),
            draws: z.number().int().min(20).max(2000).default(200).meta(about("Draws.")),
            seed: z.number().int().min(0).default(1).meta(about("Seed.")),
            total: z.number().gt(0).optional().meta(about("Total.")),
            source_bounds: z
              .record(z.string().meta({ title: "source" }), z.number().min(0))
              .default({})
              .meta(about("Bounds.")),
            locked: z.array(z.string().min(1)).default(["a b", "c*"]).meta(about("Locked.")),
          })
          .meta(about("The budget."))
          .prefault({}),
        hypotheses: z
          .array(
            z.strictObject({
              id: z.string().meta(about("Its name.")),
              groups: z.tuple([z.string(), z.string()]).optional().meta(about("Two groups.")),
            }),
          )
          .min(1)
          .max(10)
          .optional()
          .meta(about("Hypotheses.")),
        datasets: z
          .record(z.string().meta({ title: "file" }), z.strictObject({ ignore: z.boolean().optional().meta(about("Leave it out.")) }))
          .default({})
          .meta(about("Per file.")),
      })
      .meta(about("Settings."));
    expect(configReference(schema).split("\n\n").slice(1)).toEqual([
      "# Config reference: `content/report.yaml`",
      "Settings.",
      expect.stringMatching(/^A nested key is written with dots/),
      "## Top level",
      [
        "| key | type | default | description |",
        "| --- | --- | --- | --- |",
        "| `title` | string | `Report` | The title. |",
        "| `margin` | number > 0 and ≤ 1 | `1` | Gross margin \\| share. |",
        "| `url` | URL | — | A server. |",
      ].join("\n"),
      "## `budget`",
      [
        "| key | type | default | description |",
        "| --- | --- | --- | --- |",
        "| `budget` | object | — | The budget. |",
        "| `budget.grain` | `day` or `week` | `week` | The period. |",
        "| `budget.draws` | integer from 20 to 2000 | `200` | Draws. |",
        "| `budget.seed` | integer ≥ 0 | `1` | Seed. |",
        "| `budget.total` | number > 0 | — | Total. |",
        "| `budget.source_bounds` | map: source → number ≥ 0 | `{}` | Bounds. |",
        "| `budget.locked` | list of strings | `[a b, c*]` | Locked. |",
      ].join("\n"),
      "## `hypotheses`",
      [
        "| key | type | default | description |",
        "| --- | --- | --- | --- |",
        "| `hypotheses` | list of objects (1 to 10) | — | Hypotheses. |",
        "| `hypotheses[].id` | string | required | Its name. |",
        "| `hypotheses[].groups` | list of 2 strings | — | Two groups. |",
      ].join("\n"),
      "## `datasets`",
      [
        "| key | type | default | description |",
        "| --- | --- | --- | --- |",
        "| `datasets` | map: file → object | `{}` | Per file. |",
        "| `datasets.<file>.ignore` | boolean | — | Leave it out. |\n",
      ].join("\n"),
    ]);
  });

  it("refuses a key without a description, naming it", () => {
    const schema = z.strictObject({ budget: z.strictObject({ seed: z.number().default(1) }).meta(about("The budget.")) }).meta(about("Settings."));
    expect(() => configReference(schema)).toThrow(new Error("config key budget.seed has no description: give it .meta({ description }) in the schema"));
  });
});

describe("configTemplate(schema)", () => {
  it("comments out every key under its description, with its default, or its type when it has none, nested keys indented", () => {
    const schema = z
      .strictObject({
        title: z.string().default("Report").meta({ description: "The title." }),
        url: z.url().optional().meta({ description: "A server." }),
        budget: z
          .strictObject({
            draws: z.number().int().default(200).meta({ description: "Draws." }),
            locked: z.array(z.string()).default([]).meta({ description: "Kept." }),
          })
          .default({ draws: 200, locked: [] })
          .meta({ description: "The budget." }),
      })
      .meta({ description: "Settings." });
    expect(configTemplate(schema)).toBe(
      [
        "# Settings.",
        "",
        "# The title.",
        "# title: Report",
        "",
        "# A server.",
        "# url: # URL",
        "",
        "# The budget.",
        "# budget:",
        "#   # Draws.",
        "#   draws: 200",
        "#   # Kept.",
        "#   locked: []",
        "",
      ].join("\n"),
    );
  });

  it("is all comments, and gives the defaults when every key line with a value is uncommented, with the objects above it", () => {
    const text = configTemplate(ConfigSchema);
    expect(parse(text)).toBeNull();
    const lines = text.split("\n");
    const keyLine = /^# ( *)([a-z_]+):( .*)?$/;
    const valued = (i: number): boolean => {
      const m = keyLine.exec(lines[i]!);
      if (!m) return false;
      if (m[3] !== undefined && !m[3].startsWith(" #")) return true;
      if (m[3] !== undefined) return false;
      // An object: valued when a key beneath it (more indented, before the next key at its depth) is.
      for (let j = i + 1; j < lines.length; j++) {
        const n = keyLine.exec(lines[j]!);
        if (!n) continue;
        if (n[1]!.length <= m[1]!.length) return false;
        if (valued(j)) return true;
      }
      return false;
    };
    const uncommented = lines.map((line, i) => (valued(i) ? line.slice(2) : line)).join("\n");
    const keys = lines.filter((l) => keyLine.test(l)).length;
    expect(keys).toBeGreaterThan(50);
    // The lines themselves hold every default: the YAML, before the schema fills anything in (period has no key with one).
    expect({ period: {}, ...parse(uncommented) }).toEqual(ConfigSchema.parse({}));
  });
});

describe("docs/config.md", () => {
  it("is the reference generated from the config schema", () => {
    expect(read("docs/config.md"), "docs/config.md differs from the reference generated from src/schema/config.ts: run `npm run docs`").toBe(
      configReference(ConfigSchema),
    );
  });
});

describe('README.md "Config migration"', () => {
  it("lists every renamed config key with its new key", () => {
    const readme = read("README.md");
    const section = readme.slice(readme.indexOf("## Config migration"), readme.indexOf("\n## ", readme.indexOf("## Config migration") + 1));
    for (const [old, now] of Object.entries(RENAMED_KEYS)) expect(section).toMatch(new RegExp(`\\| \`${old}\` +\\| \`${now}\``));
  });
});
