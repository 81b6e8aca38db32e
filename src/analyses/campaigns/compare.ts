/**
 * Within each segment, each channel's conversion rate against the best
 * channel's: a pooled two-proportion z-test with Holm's correction over the
 * segment's comparisons, and Beta(1, 1)-prior posteriors (P(best), P(channel
 * beats the best), the expected loss of choosing it, 95% credible intervals).
 */
import { betaInterval, betaPosterior, expectedLoss, holm, probabilityBBeatsA, probabilityBest, twoProportionZTest } from "../../stats/index.ts";
import type { SeriesRow } from "../series.ts";
import { groupSums, type KpiSums } from "./kpis.ts";
import type { CampaignRows } from "./rows.ts";

/** A channel converts worse than its segment's best when its Holm-adjusted p lies below this. */
export const HOLM_ALPHA = 0.05;

/**
 * One row per segment × channel with clicks. The best channel of a segment
 * is the one with the highest conversion rate (ties: the first label);
 * channels whose conversions exceed clicks are left out of the tests (their
 * rate is no proportion) and say so in `view_through`.
 */
export function compareChannels(data: CampaignRows, dataset: string | null): SeriesRow<"campaign_channel_tests">[] {
  const channels = data.labels.channel;
  if (!channels) return [];
  const segments = data.labels.segment ?? ["(all)"];
  const sums = groupSums(data, data.dims.segment ? ["segment", "channel"] : ["channel"]);
  const rows: SeriesRow<"campaign_channel_tests">[] = [];
  segments.forEach((segment, s) => {
    const cells: { channel: string; sums: KpiSums }[] = [];
    channels.forEach((channel, c) => {
      const cell = sums.get(data.dims.segment ? `${s},${c}` : `${c}`);
      if (cell && cell.clicks > 0) cells.push({ channel, sums: cell });
    });
    const testable = cells.filter((x) => x.sums.conversions <= x.sums.clicks);
    if (testable.length === 0) return;
    const rate = (x: { sums: KpiSums }): number => x.sums.conversions / x.sums.clicks;
    const best = testable.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    const posteriors = testable.map((x) => betaPosterior(x.sums.conversions, x.sums.clicks)!);
    const pBest = probabilityBest(posteriors);
    const bestPosterior = betaPosterior(best.sums.conversions, best.sums.clicks)!;
    const others = testable.filter((x) => x !== best);
    const tests = others.map((x) => twoProportionZTest(x.sums.conversions, x.sums.clicks, best.sums.conversions, best.sums.clicks));
    // Holm over the comparisons with a p-value; an undefined test stays null.
    const defined = tests.flatMap((t, i) => (t.pValue === null ? [] : [i]));
    const adjusted = holm(defined.map((i) => tests[i]!.pValue!));
    const holmOf = new Map(defined.map((i, k) => [i, adjusted[k]!]));
    for (const x of cells) {
      const t = testable.indexOf(x);
      const o = others.indexOf(x);
      const posterior = t >= 0 ? posteriors[t]! : null;
      const credible = posterior ? betaInterval(posterior.alpha, posterior.beta) : null;
      const loss =
        posterior && x !== best ? expectedLoss(bestPosterior.alpha, bestPosterior.beta, posterior.alpha, posterior.beta).lossB : posterior ? 0 : null;
      const test = o >= 0 ? tests[o]! : null;
      rows.push({
        ...(dataset === null ? {} : { dataset }),
        segment,
        channel: x.channel,
        best: best.channel,
        is_best: x === best,
        clicks: x.sums.clicks,
        conversions: x.sums.conversions,
        cvr: x.sums.conversions / x.sums.clicks,
        z: test?.statistic ?? null,
        p_value: test?.pValue ?? null,
        p_holm: o >= 0 ? (holmOf.get(o) ?? null) : null,
        p_best: t >= 0 ? pBest[t]! : null,
        p_beats_best: posterior && x !== best ? probabilityBBeatsA(bestPosterior.alpha, bestPosterior.beta, posterior.alpha, posterior.beta) : null,
        expected_loss: loss,
        cred_lo95: credible?.lo ?? null,
        cred_hi95: credible?.hi ?? null,
        worse: o >= 0 && (holmOf.get(o) ?? 1) < HOLM_ALPHA,
        view_through: t < 0,
      });
    }
  });
  return rows;
}
