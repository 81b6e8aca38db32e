/**
 * Row accounting: how many rows were rejected for each reason, with the
 * first few places as `file:line`.
 */

export const MAX_EXAMPLES = 5;

export interface Rejection {
  reason: string;
  count: number;
  examples: string[];
}

export class Rejections {
  private readonly byReason = new Map<string, Rejection>();

  add(reason: string, file: string, line: number): void {
    let r = this.byReason.get(reason);
    if (!r) {
      r = { reason, count: 0, examples: [] };
      this.byReason.set(reason, r);
    }
    r.count++;
    if (r.examples.length < MAX_EXAMPLES) r.examples.push(`${file}:${line}`);
  }

  /** Adds `count` rows rejected for `reason`, with their first places (at most MAX_EXAMPLES are kept). */
  addCounted(reason: string, count: number, examples: readonly string[]): void {
    let r = this.byReason.get(reason);
    if (!r) {
      r = { reason, count: 0, examples: [] };
      this.byReason.set(reason, r);
    }
    r.count += count;
    for (const e of examples) if (r.examples.length < MAX_EXAMPLES) r.examples.push(e);
  }

  get total(): number {
    let n = 0;
    for (const r of this.byReason.values()) n += r.count;
    return n;
  }

  /** By count, largest first, then by reason. */
  list(): Rejection[] {
    return [...this.byReason.values()]
      .map((r) => ({ ...r, examples: [...r.examples] }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }
}
