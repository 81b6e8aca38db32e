import type { CostCells } from "./costs.ts";
import type { OrderData } from "./orders.ts";
import type { SourceData } from "./sources.ts";
import type { VisitData } from "./visits.ts";
import type { PeriodFrame } from "../../time/period.ts";
import type { Zone } from "../../time/zone.ts";

/** What every funnel step needs besides its tables. */
export interface FunnelContext {
  readonly frame: PeriodFrame;
  readonly sourceLabels: readonly string[];
  readonly deviceLabels: readonly string[];
  readonly margin: number;
  readonly zone: Zone;
}

/** The funnel's inputs, already clipped to the period. */
export interface FunnelInput {
  /** The visits, reduced (`visitReductions`); null without visits. */
  readonly visits: VisitData | null;
  /** The orders, reduced (`orderReductions`); null without orders. */
  readonly orders: OrderData | null;
  /** The first-touch buyers, reduced (`sourceReductions`); null without visits or orders. */
  readonly sources: SourceData | null;
  /** Spend per day and source (`costReductions`); null without costs. */
  readonly costs: CostCells | null;
}

/** Label of a source index; an empty source in the data is "(unknown)". */
export const UNKNOWN = "(unknown)";
export const sourceLabel = (ctx: FunnelContext, source: number): string => (source < 0 ? UNKNOWN : ctx.sourceLabels[source]!);
