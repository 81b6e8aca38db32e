/**
 * The experiment metrics: users and conversion rate per variant, the lift
 * of each treatment over the control with its z-test and Bayesian
 * probability, and the sample-ratio-mismatch check. With more than two
 * variants the comparison metrics carry a `variant` dim.
 */
import type { MetricDef } from "../../facts/metric.ts";

const RUN = "not emitted without an experiment file, or when no variant is the control (named control, or experiments.control)";

/** A metric before its section and dims are given. */
type Comparison = Omit<MetricDef, "section" | "dims" | "perDataset">;

const COMPARISONS = [
  {
    id: "experiment.lift.abs",
    label: "Lift, absolute",
    unit: "share",
    better: "up",
    formula: "conversion rate of the treatment − conversion rate of the control (users who converted ÷ users exposed, after exclusions)",
    empty: RUN,
  },
  {
    id: "experiment.lift.rel",
    label: "Lift, relative",
    unit: "share",
    better: "up",
    formula: "(treatment rate − control rate) ÷ control rate",
    empty: `${RUN}; null when the control rate is 0`,
  },
  {
    id: "experiment.p_value",
    label: "p-value",
    unit: "ratio",
    formula: "pooled two-proportion z-test of treatment against control, two-sided unless experiments.alternative says otherwise",
    empty: `${RUN}; null when no user, or every user, converted in both variants`,
  },
  {
    id: "experiment.p_better",
    label: "P(treatment better)",
    unit: "share",
    better: "up",
    formula:
      "P(p_treatment > p_control) under Beta(1, 1) priors: posteriors Beta(1 + conversions, 1 + users − conversions), computed exactly (closed-form sum or deterministic numerical integration)",
    empty: RUN,
  },
] as const satisfies readonly Comparison[];

export const EXPERIMENT_METRICS = [
  {
    id: "experiment.users",
    section: "experiments",
    label: "Users",
    unit: "users",
    dims: ["variant"],
    perDataset: true,
    formula: "distinct users exposed to the variant, after excluding users seen in more than one variant and repeated exposures",
    empty: "not emitted without an experiment file",
  },
  {
    id: "experiment.cvr",
    section: "experiments",
    label: "Conversion rate",
    unit: "share",
    better: "up",
    dims: ["variant"],
    perDataset: true,
    formula: "users who converted ÷ users exposed",
    empty: "not emitted without an experiment file",
  },
  ...COMPARISONS.flatMap((c) => [
    { ...c, section: "experiments" as const, dims: [], perDataset: true },
    { ...c, section: "experiments" as const, dims: ["variant"], perDataset: true, empty: `${c.empty}; with more than two variants, one per treatment` },
  ]),
  {
    id: "experiment.srm_p",
    section: "experiments",
    label: "Sample-ratio-mismatch p-value",
    unit: "ratio",
    better: "up",
    dims: [],
    perDataset: true,
    formula:
      "χ² goodness-of-fit test of users per variant against the planned split (experiments.split, by default equal), after exclusions; below 0.001 the split is broken",
    empty: "not emitted without an experiment file",
  },
] as const satisfies readonly MetricDef[];
