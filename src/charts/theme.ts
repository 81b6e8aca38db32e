/**
 * The chart theme: one categorical palette safe for colour-blind readers
 * (Okabe & Ito, with black replaced by grey so it reads on dark
 * backgrounds too) and one sequential scheme (cividis). Text and axes use
 * `currentColor`, so they follow the page's light or dark colour.
 */
import * as Plot from "@observablehq/plot";

export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442"] as const;

export const SEQUENTIAL = "cividis";

const cividis = Plot.scale({ color: { type: "linear", scheme: SEQUENTIAL, domain: [0, 1] } });

/**
 * `n` colours of the sequential scheme, oldest first, for lines of ordered
 * groups (cohorts): from 30% of the ramp, because its darkest end vanishes
 * on a dark background, to its lightest.
 */
export function ramp(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(cividis.apply(n === 1 ? 1 : 0.3 + (0.7 * i) / (n - 1))));
}

/**
 * The text colour for a cell of a heatmap of `values` coloured by the
 * sequential scheme in `n` quantized steps (Plot's `quantize`, whose steps
 * are the values' nice ticks): black on the lighter half of the steps, white
 * on the darker half, so that cells of one colour have one text colour.
 * @example textOnSteps([70, 110, 141, 202], 6)(141); // => "black" (steps at 80, 100, … 200: 141 is the 5th of 8)
 */
export function textOnSteps(values: readonly number[], n: number): (value: number) => "black" | "white" {
  const scale = Plot.scale({ color: { type: "quantize", n, scheme: SEQUENTIAL, domain: [Math.min(...values), Math.max(...values)] } });
  const thresholds = (scale.domain ?? []) as number[];
  return (value) => (thresholds.filter((t) => value >= t).length / Math.max(1, thresholds.length) > 0.5 ? "black" : "white");
}

/** How many categories a chart shows before the rest become "other". */
export const TOP_N = PALETTE.length - 1;

export const OTHER = "other";

/** Chart widths: the desktop rendering and the phone rendering. */
export const WIDE = 880;
export const NARROW = 360;
