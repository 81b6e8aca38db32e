/**
 * Reads `content/report.yaml`. A missing file means all defaults; a file
 * that does not fit the schema fails with every problem named by its key.
 */
import { readFile } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";
import { AnnotationsSchema, type Annotation } from "../schema/annotations.ts";
import { ConfigSchema, type Config } from "../schema/config.ts";

/** Validates an already parsed config object; `label` names it in errors. */
export function parseConfig(raw: unknown, label: string): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const at = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    if (issue.code === "unrecognized_keys") {
      const known = issue.path.length === 0 ? ` (known keys: ${Object.keys(ConfigSchema.shape).join(", ")})` : "";
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} at ${at}${known}`;
    }
    return `${at}: ${issue.message}`;
  });
  throw new Error(`${label}: invalid config: ${problems.join("; ")}`);
}

/** The YAML at `path`, parsed; undefined when `optional` and the file does not exist. */
async function readYaml(path: string, optional: boolean, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if (optional && (e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${path}: cannot read ${what}: ${(e as Error).message}`, { cause: e });
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      throw new Error(`${path}${pos ? `:${pos.line}:${pos.col}` : ""}: invalid YAML: ${e.message.split("\n")[0]}`, { cause: e });
    }
    throw e;
  }
  return raw;
}

/** The config at `path`; all defaults when `optional` and the file does not exist. */
export async function loadConfig(path: string, optional: boolean): Promise<Config> {
  return parseConfig(await readYaml(path, optional, "config"), path);
}

/** `content/annotations.yaml`: none when the file does not exist; a bad entry fails naming its index and key. */
export async function loadAnnotations(path: string): Promise<Annotation[]> {
  const raw = await readYaml(path, true, "annotations");
  if (raw === undefined || raw === null) return [];
  const result = AnnotationsSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`);
  throw new Error(`${path}: invalid annotations: ${problems.join("; ")}`);
}

export type { Config };
