/** The funnel's warnings: a source whose CAC and ROMI cannot be read. */
import { z } from "zod";

export const FUNNEL_WARNINGS = {
  /** A source (`dims.source`) with first-touch buyers but no cost rows: its CAC and ROMI are unknown. */
  "funnel.no_cost": { buyers: z.number() },
  /** A source (`dims.source`) with cost but no first-touch buyer. */
  "funnel.no_buyers": { cost: z.number() },
};
