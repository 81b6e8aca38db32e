/**
 * The numbers a rule quotes in a recommendation that are no metric of the
 * catalogue: a rule derives them from facts or the config. Their name and
 * unit are declared here, once, as a metric's are in its catalogue, so the
 * site reads them instead of guessing from the id.
 */
import type { Unit } from "../schema/report.ts";

export const DERIVED_NUMBERS = {
  /** The source's cost ÷ the cost of every source (channels). */
  "spend.share": { label: "Share of spend", unit: "share" },
  /** The cost per conversion a campaign is judged against (campaigns). */
  "campaign.target_cpa": { label: "Target cost per conversion", unit: "currency" },
} as const satisfies Readonly<Record<string, { readonly label: string; readonly unit: Unit }>>;

export type DerivedNumber = keyof typeof DERIVED_NUMBERS;
