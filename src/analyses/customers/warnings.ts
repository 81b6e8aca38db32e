/** The customer analysis's warnings. */
import { z } from "zod";

export const CUSTOMERS_WARNINGS = {
  /** `customers` customers have no value of the segmentation feature `feature`: the feature's mean stands in for them. */
  "customers.imputed": { feature: z.string(), customers: z.number() },
};
