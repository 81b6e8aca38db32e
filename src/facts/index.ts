/**
 * Look-ups over a report's facts, by metric id (checked by tsc against the
 * catalogue) and dims.
 */
import type { MetricId } from "../analyses/catalogue.ts";
import type { Fact } from "../schema/report.ts";

/** A fact's key for look-ups: its id and dims, in any order. */
const keyOf = (id: string, dims: Readonly<Record<string, string>> | undefined): string =>
  `${id}|${Object.entries(dims ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&")}`;

export class FactIndex {
  private readonly byKey = new Map<string, Fact>();
  private readonly facts: readonly Fact[];

  constructor(facts: readonly Fact[]) {
    this.facts = facts;
    for (const f of facts) this.byKey.set(keyOf(f.id, f.dims), f);
  }

  /** The fact's value: undefined when there is no such fact, null when its value is unknown. */
  value(id: MetricId, dims?: Readonly<Record<string, string>>): number | null | undefined {
    return this.byKey.get(keyOf(id, dims))?.value;
  }

  has(id: MetricId, dims?: Readonly<Record<string, string>>): boolean {
    return this.byKey.has(keyOf(id, dims));
  }

  /** Facts with this id and exactly these dim names, in report order. */
  list(id: MetricId, dimNames: readonly string[]): Fact[] {
    const names = [...dimNames].sort().join(",");
    return this.facts.filter(
      (f) =>
        f.id === id &&
        Object.keys(f.dims ?? {})
          .sort()
          .join(",") === names,
    );
  }

  /** The distinct values of one dim over facts with this id and these dim names. */
  dimValues(id: MetricId, dimNames: readonly string[], dim: string): string[] {
    return [...new Set(this.list(id, dimNames).map((f) => f.dims![dim]!))];
  }
}
