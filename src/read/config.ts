/**
 * Reads `content/report.yaml`. A missing file means all defaults; a file
 * that does not fit the schema fails with every problem named by its key.
 * The rest of the report's content (annotations, notes, the version
 * archive) sits beside it: `contentDir`.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse, YAMLParseError } from "yaml";
import { AnnotationsSchema, type Annotation } from "../schema/annotations.ts";
import { ConfigSchema, RENAMED_KEYS, type Config } from "../schema/config.ts";

/** The config a report reads when none is named: its content folder is `content/`. */
export const DEFAULT_CONFIG = "content/report.yaml";

/**
 * The report's content folder: the folder of its config, where
 * `annotations.yaml`, `notes/` and `versions/` are read, so that a report
 * named with `--config` never shows another report's notes or versions.
 * @example contentDir("reports/acme/report.yaml"); // => "reports/acme"
 * @example contentDir(undefined); // => "content"
 */
export function contentDir(configPath: string | undefined): string {
  return dirname(configPath ?? DEFAULT_CONFIG);
}

/** A file or folder of the report's content: `contentPath(config, "notes")`. */
export const contentPath = (configPath: string | undefined, name: string): string => join(contentDir(configPath), name);

/**
 * Validates an already parsed config object; `label` names it in errors. A
 * key that was renamed is named with its new key; when those are the only
 * problems, the message says just that.
 */
export function parseConfig(raw: unknown, label: string): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const renamed: string[] = [];
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    const at = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    if (issue.code !== "unrecognized_keys") {
      problems.push(`${at}: ${issue.message}`);
      continue;
    }
    const unknown: string[] = [];
    for (const key of issue.keys) {
      const old = [...issue.path, key].join(".");
      const now = RENAMED_KEYS[old];
      if (now === undefined) unknown.push(key);
      else renamed.push(`${old} is now ${now} (see "Config migration" in README.md)`);
    }
    if (unknown.length === 0) continue;
    const known = issue.path.length === 0 ? ` (known keys: ${Object.keys(ConfigSchema.shape).join(", ")})` : "";
    problems.push(`unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")} at ${at}${known}`);
  }
  if (problems.length === 0) throw new Error(`${label}: ${renamed.join("; ")}`);
  throw new Error(`${label}: invalid config: ${[...renamed, ...problems].join("; ")}`);
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
