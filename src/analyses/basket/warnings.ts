/** The basket analysis's warnings. */
import { z } from "zod";

export const BASKET_WARNINGS = {
  /** `basket.segments` is set, but the customers are not segmented: every basket is kept. */
  "basket.segments": {},
  /** `basket.countries` is set, but the orders have no country column: no order line is kept. */
  "basket.countries": {},
  /** No order has a product line once the excluded codes are left out. */
  "basket.empty": {},
  /** No rule reaches the thresholds, among the itemsets with the chosen support. */
  "basket.no_rules": { min_confidence: z.number(), min_lift: z.number(), min_support: z.number() },
};
