/**
 * The loaded datasets as SQL sources for the reductions of the analyses:
 * each dataset's view of its rows used (`load.ts`), clipped to the report
 * period with the same rule as the tables (`report/period.ts`): a dated
 * kind without its own period keeps the rows whose day is in the period.
 */
import type { Reducer, Sources } from "../analyses/analysis.ts";
import type { Engine } from "../engine/engine.ts";
import { KIND_SPECS, type Kind } from "../schema/kinds.ts";
import type { DayRange } from "../time/calendar.ts";
import type { LoadedDataset } from "./load.ts";

export function engineReducer(engine: Engine, datasets: readonly LoadedDataset[]): Reducer {
  return {
    sources(range: DayRange | null): Sources {
      const byKind: Partial<Record<Kind, { name: string; relation: string; roles: ReadonlySet<string> }[]>> = {};
      for (const d of datasets) {
        const spec = KIND_SPECS[d.table.kind];
        const roles = new Set([...Object.keys(d.table.num), ...Object.keys(d.table.ref)]);
        const clipped = range !== null && spec.when !== null && !spec.ownPeriod && roles.has(spec.when);
        const relation = clipped ? `(SELECT * FROM ${d.view} WHERE _day BETWEEN ${range.from} AND ${range.to})` : d.view;
        (byKind[d.table.kind] ??= []).push({ name: d.table.name, relation, roles });
      }
      return { dialect: engine.dialect, datasets: byKind };
    },
    run: (reduction) => engine.columns(reduction.sql, new Set(reduction.numeric)),
  };
}
