/**
 * Threshold rules for the PR check: which moves of which facts fail it.
 *
 * ```yaml
 * rules:
 *   - metric: romi{source=*}      # fact id, and dims with * wildcards
 *     fail_if: drops              # drops | rises | worsens | changes
 *     by_more_than:               # both parts given: both must be exceeded
 *       relative: 0.10            # |head − base| ÷ |base|
 *       absolute: 0.05            # |head − base|
 *     min_sample:                 # skip facts whose sample is small in base or head
 *       metric: buyers            # looked up with the same dims: buyers{source=3}
 *       at_least: 30
 * ```
 *
 * A pattern matches facts with exactly its dim names: `romi{source=*}`
 * matches `romi{source=3}` but not `romi{source=3,age=2}` or `romi`. Only
 * facts with a number on both sides are judged: an added, removed, appeared
 * or vanished fact never breaks a rule, nor does one whose definition changed
 * between the two reports' romi versions. When the base is 0, the relative
 * part cannot be judged, and a rule that needs it holds.
 */
import { z } from "zod";
import type { Report } from "../schema/report.ts";
import { factKey } from "../facts/metric.ts";
import type { FactChange, ReportDiff } from "./compare.ts";

const RuleSchema = z.strictObject({
  metric: z.string().regex(/^[\w.*]+(\{[^{}]+\})?$/, "expected a pattern such as romi{source=*}"),
  fail_if: z.enum(["drops", "rises", "worsens", "changes"]),
  by_more_than: z
    .strictObject({ relative: z.number().nonnegative().optional(), absolute: z.number().nonnegative().optional() })
    .refine((b) => b.relative !== undefined || b.absolute !== undefined, "give relative, absolute or both"),
  min_sample: z.strictObject({ metric: z.string().regex(/^[\w.]+$/), at_least: z.number() }).optional(),
});
export const ThresholdsSchema = z.strictObject({ rules: z.array(RuleSchema) });
export type ThresholdRule = z.infer<typeof RuleSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;

interface Pattern {
  readonly id: RegExp;
  readonly dims: ReadonlyMap<string, RegExp>;
}

const glob = (s: string): RegExp => new RegExp(`^${s.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

/**
 * @example parsePattern("romi{source=*}"); // matches romi{source=3}
 * @throws `invalid pattern: …` for a malformed one
 */
export function parsePattern(text: string): Pattern {
  const m = /^([^{}]+)(?:\{([^{}]*)\})?$/.exec(text.trim());
  if (!m) throw new Error(`invalid pattern: ${text}`);
  const dims = new Map<string, RegExp>();
  for (const part of (m[2] ?? "").split(",").filter((p) => p.trim() !== "")) {
    const eq = part.indexOf("=");
    if (eq < 1) throw new Error(`invalid pattern: ${text} (expected dim=value in braces)`);
    dims.set(part.slice(0, eq).trim(), glob(part.slice(eq + 1).trim()));
  }
  return { id: glob(m[1]!.trim()), dims };
}

export function matches(pattern: Pattern, id: string, dims: Readonly<Record<string, string>>): boolean {
  if (!pattern.id.test(id)) return false;
  const names = Object.keys(dims);
  if (names.length !== pattern.dims.size) return false;
  return names.every((n) => pattern.dims.get(n)?.test(dims[n]!) ?? false);
}

export interface Breach {
  readonly rule: string;
  readonly change: FactChange;
  readonly acknowledged: boolean;
}

export interface ThresholdResult {
  readonly breaches: readonly Breach[];
  /** Facts a rule matched but skipped for a small sample. */
  readonly skipped: readonly { rule: string; fact: string; sample: string }[];
}

/** The rule in words, e.g. "romi{source=*} drops by more than 10% and 0.05". */
export function describeRule(r: ThresholdRule): string {
  const parts = [
    // Rounded to 4 decimals of a percent, so that 0.1 reads 10%, not 10.000000000000002%.
    r.by_more_than.relative !== undefined ? `${Math.round(r.by_more_than.relative * 1e6) / 1e4}%` : null,
    r.by_more_than.absolute !== undefined ? String(r.by_more_than.absolute) : null,
  ];
  return `${r.metric} ${r.fail_if} by more than ${parts.filter(Boolean).join(" and ")}${r.min_sample ? ` (when ${r.min_sample.metric} ≥ ${r.min_sample.at_least})` : ""}`;
}

function breaks(rule: ThresholdRule, c: FactChange): boolean {
  if (c.kind !== "changed" || c.abs === null || c.redefined) return false;
  const moves = rule.fail_if === "drops" ? c.abs < 0 : rule.fail_if === "rises" ? c.abs > 0 : rule.fail_if === "worsens" ? c.direction === "regression" : true;
  if (!moves) return false;
  const { relative, absolute } = rule.by_more_than;
  if (absolute !== undefined && !(Math.abs(c.abs) > absolute)) return false;
  if (relative !== undefined && (c.rel === null || !(Math.abs(c.rel) > relative))) return false;
  return true;
}

/** Applies the rules to a diff; `acks` are patterns of facts whose breaches are expected (`*` for all). */
export function checkThresholds(diff: ReportDiff, base: Report, head: Report, thresholds: Thresholds, acks: readonly string[] = []): ThresholdResult {
  const ackPatterns = acks.map((a) => (a.trim() === "*" ? null : parsePattern(a)));
  const sample = (r: Report, id: string, dims: Readonly<Record<string, string>>): number | null => {
    const f = r.facts.find((x) => x.id === id && factKey(x.id, x.dims) === factKey(id, dims));
    return f?.value ?? null;
  };
  const breaches: Breach[] = [];
  const skipped: { rule: string; fact: string; sample: string }[] = [];
  for (const rule of thresholds.rules) {
    const pattern = parsePattern(rule.metric);
    for (const c of diff.facts) {
      if (!matches(pattern, c.id, c.dims) || !breaks(rule, c)) continue;
      const key = factKey(c.id, c.dims);
      if (rule.min_sample) {
        const { metric, at_least } = rule.min_sample;
        const b = sample(base, metric, c.dims);
        const h = sample(head, metric, c.dims);
        if (b === null || h === null || b < at_least || h < at_least) {
          skipped.push({ rule: describeRule(rule), fact: key, sample: `${factKey(metric, c.dims)} ${b ?? "n/a"} → ${h ?? "n/a"}` });
          continue;
        }
      }
      const acknowledged = ackPatterns.some((p) => p === null || matches(p, c.id, c.dims));
      breaches.push({ rule: describeRule(rule), change: c, acknowledged });
    }
  }
  return { breaches, skipped };
}
