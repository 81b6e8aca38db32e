/** The CLV analysis's warnings: a model not fitted, or fitted badly, and checks it could not run. */
import { z } from "zod";
import { LACKS } from "../../clv/fit.ts";
import { day } from "../rows.ts";

/** What a fitter lacked, with its counts: `usable` of `customers` customers inform the fit, `required` are needed. */
const lacking = { lack: z.enum(LACKS), customers: z.number(), usable: z.number(), required: z.number() };
const MODELS = ["bgnbd", "gammagamma"] as const;

export const CLV_WARNINGS = {
  /** The model is not fitted (BG/NBD: neither is Gamma-Gamma; Gamma-Gamma: no CLV is predicted). */
  "clv.not_fitted": { model: z.enum(MODELS), ...lacking },
  /** Gamma-Gamma q is not above 1: one-time buyers have no expected order value, so no CLV is predicted. */
  "clv.no_order_value": { q: z.number() },
  /** A customer's CLV is not a number under the fitted BG/NBD parameters, so no CLV is predicted. */
  "clv.not_a_number": { customer: z.string(), r: z.number(), alpha: z.number(), a: z.number(), b: z.number() },
  /** A per-customer step hit the limits of the numerics (₂F₁ out of reach in a degenerate fit): `skipped` is what is not predicted. */
  "clv.numeric": { skipped: z.enum(["purchases", "clv", "holdout"]) },
  /** The fit did not converge from any of `starts` starts after `iterations` iterations; the parameters are the best found. */
  "clv.not_converged": { model: z.enum([...MODELS, "calibration"]), starts: z.number(), iterations: z.number() },
  /** The likelihood is highest at the edge of the parameter space: these parameters ran beyond 10^±6. */
  "clv.edge": { model: z.enum(MODELS), parameters: z.array(z.strictObject({ name: z.string(), value: z.number() })) },
  /** No holdout check: it would start on `start`, outside the period's `from` … `to`. */
  "clv.holdout_outside": { start: day, from: day, to: day },
  /** No holdout check: the calibration BG/NBD (the days before `start`) is not fitted. */
  "clv.holdout_not_fitted": { start: day, ...lacking },
};
