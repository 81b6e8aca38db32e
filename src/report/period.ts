/**
 * The report period: by default the first to the last day with a valid row
 * in the activity dataset (visits, else orders, else costs); `period.from`
 * and `period.to` in the config override either end. Rows of every dataset
 * outside it are rejected as `outside period`.
 *
 * Kinds with their own period (campaign results, experiments) are never
 * clipped: each is read over its own first to last day. They give the report
 * period only when no other dated kind is present.
 */
import type { Config } from "../schema/config.ts";
import { KIND_SPECS, KINDS, type Kind } from "../schema/kinds.ts";
import { dayFromYmd, type DayRange } from "../time/calendar.ts";

const parseConfigDay = (s: string): number => dayFromYmd(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

/** What the period rule needs of a dataset: its kind, whether its file has dates, and the first and last day of its rows used. */
export interface DatedDataset {
  readonly kind: Kind;
  readonly dates: boolean;
  readonly days: DayRange | null;
}

export interface ResolvedPeriod {
  readonly range: DayRange;
  readonly activity: Kind;
}

/**
 * @throws when the activity dataset has no valid row and the config does not give both ends
 */
export function resolvePeriod(datasets: readonly DatedDataset[], config: Config): ResolvedPeriod | null {
  const dated = datasets.filter((d) => KIND_SPECS[d.kind].when !== null && d.dates);
  const first = (own: boolean): Kind | undefined => KINDS.find((k) => (KIND_SPECS[k].ownPeriod ?? false) === own && dated.some((d) => d.kind === k));
  const activity = first(false) ?? first(true);
  if (!activity) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const d of dated) {
    if (d.kind !== activity || !d.days) continue;
    from = Math.min(from, d.days.from);
    to = Math.max(to, d.days.to);
  }
  if (config.period.from) from = parseConfigDay(config.period.from);
  if (config.period.to) to = parseConfigDay(config.period.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new Error(`${activity} has no valid rows, so the report period is unknown; set period.from and period.to in the config`);
  }
  if (from > to) throw new Error(`the report period is empty: it starts after it ends`);
  return { range: { from, to }, activity };
}
