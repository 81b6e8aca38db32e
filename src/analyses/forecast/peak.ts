/**
 * Which forecast period drives the horizon: the one with the largest point
 * forecast, when it stands out from the rest. The site names its season
 * ("driven by December seasonality").
 */

/** A period drives the forecast when its value is at least this many times the horizon's mean per period. */
export const PEAK_RATIO = 1.25;

/**
 * The label of the period with the largest forecast (the first on a tie)
 * when it is at least PEAK_RATIO times the horizon's mean per period and
 * that mean is positive; null for a single period or when none stands out.
 * @example drivingPeriod([{ label: "2024-10", value: 300e3 }, { label: "2024-11", value: 350e3 }, { label: "2024-12", value: 550e3 }]); // => "2024-12"
 */
export function drivingPeriod(periods: readonly { readonly label: string; readonly value: number }[]): string | null {
  if (periods.length < 2) return null;
  const mean = periods.reduce((s, p) => s + p.value, 0) / periods.length;
  let peak = periods[0]!;
  for (const p of periods) if (p.value > peak.value) peak = p;
  return mean > 0 && peak.value >= PEAK_RATIO * mean ? peak.label : null;
}
