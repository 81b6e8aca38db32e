/**
 * The config reference, docs/config.md, generated from the config schema:
 * every key by its dotted path, with its type, its default and its
 * description. The descriptions are the schema's metadata
 * (`.meta({ description })`), written once there; a key without one is an
 * error, so that no key goes undocumented. The schema is read through
 * `z.toJSONSchema` as the config is written (its input: defaults not yet
 * filled in).
 */
import { z } from "zod";
import { stringify } from "yaml";

/** The parts of a JSON Schema node, as `z.toJSONSchema` writes it, that the reference reads. */
interface Node {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: Node | false;
  readonly prefixItems?: readonly Node[];
  readonly properties?: Readonly<Record<string, Node>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: Node | boolean;
  readonly propertyNames?: Node;
}

interface Row {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

/**
 * The reference page of `schema` as Markdown: its description, then one
 * table of the top-level keys that hold a value and one section per key
 * that holds others (an object, a map or a list of objects), each listing
 * that key and every key beneath it.
 *
 * @example
 * configReference(z.strictObject({ margin: z.number().gt(0).lte(1).default(1).meta({ description: "Gross margin." }) }).meta({ description: "Settings." }));
 * // => "…| `margin` | number > 0 and ≤ 1 | `1` | Gross margin. |\n"
 */
export function configReference(schema: z.ZodType): string {
  const root = z.toJSONSchema(schema, { io: "input" }) as Node;
  if (!root.description) throw new Error("the config schema has no description");
  const scalars: Row[] = [];
  const sections: string[] = [];
  for (const [key, node, required] of childrenOf("", root)) {
    const rows = rowsOf(key, node, required);
    if (rows.length === 1) scalars.push(rows[0]!);
    else sections.push(`## \`${key}\`\n\n${table(rows)}`);
  }
  return `${[
    "<!-- Generated from src/schema/config.ts by `npm run docs`: edit the descriptions there, not here. -->",
    "# Config reference: `content/report.yaml`",
    root.description,
    "A nested key is written with dots: `budget.grain` is `grain` under `budget`. " +
      "A name in angle brackets stands for a key you choose (`datasets.<file>.kind`), and `[]` for each item of a list (`hypotheses[].id`). " +
      'Keys renamed since the last release are listed in "Config migration" in README.md; a config that uses one fails, naming the new key.',
    "## Top level",
    table(scalars),
    ...sections,
  ].join("\n\n")}\n`;
}

/** The key at `path` and every key beneath it, in schema order. */
function rowsOf(path: string, node: Node, required: boolean): Row[] {
  if (!node.description) throw new Error(`config key ${path} has no description: give it .meta({ description }) in the schema`);
  const row: Row = { key: path, type: typeOf(node), default: defaultOf(node, required), description: node.description };
  return [row, ...childrenOf(path, node).flatMap(([key, child, req]) => rowsOf(key, child, req))];
}

/** The keys directly beneath `path`: an object's properties, a map's values' properties (`<name>`), a list's items' properties (`[]`). */
function childrenOf(path: string, node: Node): [string, Node, boolean][] {
  if (node.properties) {
    return Object.entries(node.properties).map(([key, child]) => [path === "" ? key : `${path}.${key}`, child, node.required?.includes(key) ?? false]);
  }
  const value = node.additionalProperties;
  if (typeof value === "object" && value.properties) return childrenOf(`${path}.<${node.propertyNames?.title ?? "name"}>`, value);
  if (typeof node.items === "object" && node.items.properties) return childrenOf(`${path}[]`, node.items);
  return [];
}

/** A node's type in words, e.g. "integer from 2 to 8", "`day` or `week`", "list of strings (at least 1)", "map: source → number from 0 to 10". */
function typeOf(node: Node): string {
  if (node.enum) return alternatives(node.enum.map((v) => code(yaml(v))));
  switch (node.type) {
    case "string":
      return node.format === "uri" ? "URL" : "string";
    case "boolean":
      return "boolean";
    case "integer":
    case "number":
      return `${node.type}${bounds(node)}`;
    case "array": {
      if (node.prefixItems) return `list of ${node.prefixItems.length} ${plural(alternatives([...new Set(node.prefixItems.map(typeOf))]))}`;
      if (typeof node.items !== "object") break;
      return `list of ${plural(typeOf(node.items))}${count(node)}`;
    }
    case "object": {
      if (node.properties) return "object";
      const value = node.additionalProperties;
      if (typeof value !== "object") break;
      return `map: ${node.propertyNames?.title ?? "name"} → ${typeOf(value)}`;
    }
  }
  throw new Error(`the config reference cannot describe ${JSON.stringify(node)}`);
}

/** The default as YAML, none for an object (each key beneath has its own), "required" for a key that must be given, else "—". */
function defaultOf(node: Node, required: boolean): string {
  if (node.properties) return "—";
  if (node.default !== undefined) return code(yaml(node.default));
  return required ? "required" : "—";
}

/** zod's `.int()` bounds an integer by ±2^53 − 1: not a limit worth stating. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** A number's bounds, e.g. " ≥ 1", " from 0 to 1", " > 0 and ≤ 1"; "" when unbounded. */
function bounds(node: Node): string {
  const low =
    node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : node.minimum !== undefined && node.minimum > -SAFE ? `≥ ${node.minimum}` : null;
  const high =
    node.exclusiveMaximum !== undefined ? `< ${node.exclusiveMaximum}` : node.maximum !== undefined && node.maximum < SAFE ? `≤ ${node.maximum}` : null;
  if (low && high) return low.startsWith("≥") && high.startsWith("≤") ? ` from ${node.minimum} to ${node.maximum}` : ` ${low} and ${high}`;
  return low || high ? ` ${low ?? high}` : "";
}

/** A list's length bounds, e.g. " (at least 1)", " (1 to 10)". */
function count(node: Node): string {
  const { minItems: min, maxItems: max } = node;
  if (min !== undefined && max !== undefined) return ` (${min} to ${max})`;
  if (min !== undefined) return ` (at least ${min})`;
  return max !== undefined ? ` (at most ${max})` : "";
}

const plural = (type: string): string => (/^[a-z]+$/.test(type) ? `${type}s` : type);

/** @example alternatives(["`a`", "`b`", "`c`"]); // => "`a`, `b` or `c`" */
const alternatives = (xs: readonly string[]): string => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);

/** A value as it is written in `content/report.yaml`, on one line. */
const yaml = (value: unknown): string => stringify(value, { collectionStyle: "flow", flowCollectionPadding: false, lineWidth: 0 }).trimEnd();

const code = (s: string): string => `\`${s}\``;

/** A Markdown table of rows; a `|` in a cell is escaped. */
function table(rows: readonly Row[]): string {
  const cell = (s: string): string => s.replaceAll("|", "\\|");
  const lines = rows.map((r) => `| ${code(r.key)} | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.description)} |`);
  return ["| key | type | default | description |", "| --- | --- | --- | --- |", ...lines].join("\n");
}

/**
 * The config of a new report, `content/report.yaml` as `romi init` writes
 * it: every key of `schema` commented out, under its description, with its
 * default where it has one. Removing the "# " before a key line sets it; a
 * key without a default is shown with its type, for the user to fill in. A
 * map or a list is shown whole (its default), not key by key.
 *
 * @example
 * configTemplate(z.strictObject({ margin: z.number().default(1).meta({ description: "Gross margin." }) }).meta({ description: "Settings." }));
 * // => "# Settings.\n\n# Gross margin.\n# margin: 1\n"
 */
export function configTemplate(schema: z.ZodType): string {
  const root = z.toJSONSchema(schema, { io: "input" }) as Node;
  if (!root.description) throw new Error("the config schema has no description");
  const lines = comment("", root.description);
  const keys = (node: Node, depth: number): void => {
    for (const [path, child] of node.properties ? childrenOf("", node) : []) {
      const indent = "  ".repeat(depth);
      if (!child.description) throw new Error(`config key ${path} has no description: give it .meta({ description }) in the schema`);
      if (depth === 0) lines.push("");
      lines.push(...comment(depth === 0 ? "" : `# ${indent}`, child.description));
      if (child.properties) {
        lines.push(`# ${indent}${path}:`);
        keys(child, depth + 1);
      } else if (child.default !== undefined) lines.push(`# ${indent}${path}: ${yaml(child.default)}`);
      else lines.push(`# ${indent}${path}: # ${typeOf(child)}`);
    }
  };
  keys(root, 0);
  return `${lines.join("\n")}\n`;
}

/** `text` as comment lines of at most 80 characters, after `prefix` (the indentation of a nested key). */
function comment(prefix: string, text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && prefix.length + 2 + line.length + 1 + word.length > 80) {
      lines.push(`${prefix}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${prefix}# ${line}`);
  return lines;
}
