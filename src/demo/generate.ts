/**
 * The demo dataset behind `romi demo-data`: Y.Afisha-shaped visits, orders and
 * costs with a planted, documented structure, so that a correct report shows
 * known effects. The same seed and scale give byte-identical output.
 *
 * ## Shape
 * - `visits.csv`: `Uid,Start Ts,End Ts,Source Id,Device`, times `YYYY-MM-DD HH:MM:SS`
 *   without a zone (whole minutes, as in Y.Afisha), devices `desktop` and `touch`.
 * - `orders.csv`: `Uid,Buy Ts,Revenue`, revenue with 2 decimals.
 * - `costs.csv`: `dt,source_id,costs`, one row per day and paid source, 2 decimals.
 * - Period: 2024-06-01 to 2025-05-31 (365 days, 12 whole months). Nothing starts
 *   after 2025-05-31 23:59:59 (a session that starts on the last evening may end after midnight).
 * - Uids: distinct decimal integers from 2^53 + 1 to 2^64 - 1 (a seeded
 *   permutation of a counter), so they do not fit a JS number.
 * - Scale 1 is about 200k users, 300k sessions, 35k buyers and 49k orders; counts
 *   grow linearly with the scale. Output is written user by user (not sorted by
 *   time), so memory does not grow with the scale.
 *
 * ## Planted structure (expected per source, by first touch)
 * | source     | new users | spend | what a report should show                                     |
 * | ---------- | --------- | ----- | ------------------------------------------------------------- |
 * | `search`   | 34 %      | yes   | ROMI ≈ 1.4 over the period; pays back at month 2; room to grow |
 * | `social`   | 20 %      | yes   | ROMI ≈ 0.4; never pays back; saturated                         |
 * | `display`  | 15 %      | yes   | ROMI ≈ 1.0 (0.9–1.1; target 0.85); cohort ROMI climbs from ≈ 0.8 to ≈ 1: late, unstable payback |
 * | `email`    | 7 %       | yes   | cheap, ROMI ≈ 3.5; pays back in month 0                        |
 * | `referral` | 22.5 %    | none  | buyers and revenue but no cost rows: null CAC and ROMI         |
 * | `video`    | 1.5 %     | yes   | spend but very few buyers (≈ 65 at scale 1, < 15 at scale 0.1): insufficient data |
 * | `direct`   | 0 %       | none  | only return visits, never a first touch: sessions, no buyers   |
 *
 * - Costs and response curves: each paid source's spend follows a weekly
 *   schedule (ISO weeks, Monday to Sunday): a level drawn uniformly from 0.3 to
 *   1.7 of its mean, held for 1 to 3 weeks (`BUDGET_PLAN`). Its new users per day
 *   respond to that spend through a planted geometric adstock (θ) and Hill
 *   curve (α, γ): rate ∝ hill(adstock(level), α, γ × mean adstock), scaled so
 *   that over the year the source keeps its share of new users. `search` has
 *   room to grow (γ = 3 × its mean adstocked spend, almost linear), `social` is
 *   saturated (γ = 0.2 ×); `plantedBudget()` returns the true curves. A day's
 *   cost is the week's level ÷ 7 × the source's mean weekly spend × lognormal
 *   day-to-day noise with mean 1 (σ = 0.1); the mean weekly spend is the
 *   expected in-period revenue of the source's users divided by its target ROMI
 *   (the table above), the expected revenue coming from a seeded simulation of
 *   the same order process, so `romi{source}` lands near its target (closer at
 *   larger scales).
 * - Weekly seasonality: new users arrive at 70 % of the weekday rate on Saturdays
 *   and Sundays, and later sessions that land on a weekend are redrawn with
 *   probability 0.3, so weekend days have about 30 % fewer sessions. New users
 *   grow linearly from 0.85× to 1.15× the mean rate over the year.
 * - First touch: a user's first session comes from their acquisition source; each
 *   later session keeps it with probability 0.7, otherwise it is `direct` or
 *   `referral` (equally likely). Last-touch attribution would over-credit those two.
 * - Sessions: lengths in whole minutes, lognormal with a median of about 6 minutes on
 *   desktop and 3.5 on touch (≈ 5 overall), 6 % zero-length bounces, at most 6
 *   hours; end ≥ start. 70 % of users are on desktop; a later session keeps
 *   the user's device with probability 0.85. Evening hours are busiest. Users
 *   return for 0.39 non-buying sessions on average (gaps exponential, mean 18 days).
 * - Orders: a user buys with a per-source probability. The first order falls inside
 *   the first session with a per-source probability (about half), otherwise in a
 *   later session after a lognormal delay (median 0.5–3 days, long tail over
 *   weeks). Repeat orders follow geometrically (`search` buyers repeat most, with
 *   larger baskets), each in its own session. Revenue is lognormal per source.
 *   No order precedes the user's first session; nothing after the period is written.
 *
 * ## Planted bad rows
 * Counts at scale 1, proportional to the scale and at least 1 each. Every one is an
 * extra row, so rejecting it leaves the clean data exactly:
 * - visits: about 20 exact duplicates of the preceding line (reason `duplicate`);
 * - visits: about 5 copies of a session with start and end swapped (`session end before start`);
 * - orders: about 3 copies of an order with an empty Uid (missing id);
 * - costs: about 2 extra rows whose cost is `n/a`, `#VALUE!` or `1.2.3` (unparseable number).
 *
 * They are spread evenly over the year (see `plantedCounts`).
 */
import { dayFromYmd, dayLabel } from "../time/calendar.ts";
import { createRand, cumulative, exponential, geometric, lognormal, normal, pick, poisson, randomInt, type Rand } from "./random.ts";

export interface DemoOptions {
  /** Whole number from 0 to 2^53 - 1. */
  readonly seed: number;
  /** Positive; 1 is about 300k sessions. */
  readonly scale: number;
}

/** Receives CSV lines without the line break, in file order, headers excluded. */
export interface DemoSink {
  visit(line: string): void;
  order(line: string): void;
  cost(line: string): void;
  customer(line: string): void;
}

export const VISITS_HEADER = "Uid,Start Ts,End Ts,Source Id,Device";
export const ORDERS_HEADER = "Uid,Buy Ts,Revenue";
export const COSTS_HEADER = "dt,source_id,costs";
export const CUSTOMERS_HEADER = "Uid,Registered,Age,City,Gender,Email,Sms,Push,Phone";

/** The demo files, as `romi demo-data` names them. */
export const DEMO_FILES = { visits: "visits.csv", orders: "orders.csv", costs: "costs.csv", customers: "customers.csv" } as const;

/** First day of the period, and its length in days (2024-06-01 … 2025-05-31). */
export const DEMO_PERIOD = { from: "2024-06-01", to: "2025-05-31", days: 365 } as const;

/** A planted response of new users to spend: adstock θ, Hill α, and γ as a multiple of the mean adstocked spend level. */
interface ResponsePlan {
  readonly theta: number;
  readonly alpha: number;
  readonly gammaMultiple: number;
}

interface SourcePlan {
  readonly label: string;
  /** Share of new users acquired by this source. */
  readonly share: number;
  /** Target revenue ÷ cost over the period; null for a source without spend. */
  readonly targetRomi: number | null;
  /** Probability that a new user from this source ever buys. */
  readonly buy: number;
  /** Probability that the first order is placed in the first session. */
  readonly sameSession: number;
  /** Median delay of a later first order, in days (lognormal, σ = 1.4). */
  readonly firstDelayDays: number;
  /** Probability of each further repeat order. */
  readonly repeat: number;
  /** Mean gap between orders, in days (exponential). */
  readonly repeatGapDays: number;
  /** Median revenue of the first order and of repeat orders (lognormal, σ = 0.95). */
  readonly firstRevenue: number;
  readonly repeatRevenue: number;
  /** How new users respond to weekly spend; paid sources only. */
  readonly response?: ResponsePlan;
}

// prettier-ignore
const SOURCES: readonly SourcePlan[] = [
  { label: "search", share: 0.34, targetRomi: 1.4, buy: 0.19, sameSession: 0.45, firstDelayDays: 3, repeat: 0.55, repeatGapDays: 75, firstRevenue: 2.2, repeatRevenue: 5.2, response: { theta: 0.2, alpha: 1, gammaMultiple: 3 } },
  { label: "social", share: 0.2, targetRomi: 0.4, buy: 0.125, sameSession: 0.6, firstDelayDays: 1.5, repeat: 0.15, repeatGapDays: 60, firstRevenue: 3, repeatRevenue: 3, response: { theta: 0.3, alpha: 1, gammaMultiple: 0.3 } },
  { label: "display", share: 0.15, targetRomi: 0.85, buy: 0.155, sameSession: 0.55, firstDelayDays: 2, repeat: 0.2, repeatGapDays: 60, firstRevenue: 3.2, repeatRevenue: 3.2, response: { theta: 0.2, alpha: 0.8, gammaMultiple: 1 } },
  { label: "email", share: 0.07, targetRomi: 3.5, buy: 0.27, sameSession: 0.7, firstDelayDays: 0.5, repeat: 0.3, repeatGapDays: 30, firstRevenue: 2.2, repeatRevenue: 2.2, response: { theta: 0.1, alpha: 1, gammaMultiple: 1 } },
  { label: "referral", share: 0.225, targetRomi: null, buy: 0.19, sameSession: 0.55, firstDelayDays: 2, repeat: 0.2, repeatGapDays: 45, firstRevenue: 3, repeatRevenue: 3 },
  { label: "video", share: 0.015, targetRomi: 0.3, buy: 0.02, sameSession: 0.5, firstDelayDays: 3, repeat: 0.2, repeatGapDays: 60, firstRevenue: 3.5, repeatRevenue: 3.5, response: { theta: 0, alpha: 1, gammaMultiple: 1 } },
  { label: "direct", share: 0, targetRomi: null, buy: 0, sameSession: 0, firstDelayDays: 1, repeat: 0, repeatGapDays: 1, firstRevenue: 1, repeatRevenue: 1 },
];
/** Sources of a later session that is not from the acquisition source. */
const ORGANIC = [SOURCES.findIndex((s) => s.label === "direct"), SOURCES.findIndex((s) => s.label === "referral")] as const;
/** Paid sources, in cost-row order. */
const PAID = SOURCES.flatMap((s, i) => (s.targetRomi === null ? [] : [i]));

const USERS_PER_DAY = 548;
const WEEKEND_FACTOR = 0.7;
const GROWTH_FROM = 0.85;
const GROWTH_TO = 1.15;
const SAME_SOURCE = 0.7;
const DEVICES = ["desktop", "touch"] as const;
const DESKTOP_SHARE = 0.7;
const SAME_DEVICE = 0.85;
const BOUNCE = 0.06;
/** Median session length in seconds, by device. */
const MEDIAN_LENGTH_S = [380, 210] as const;
const LENGTH_SIGMA = 1;
const MAX_LENGTH_MIN = 360;
const RETURN_CONTINUE = 0.28;
const RETURN_GAP_DAYS = 18;
const FIRST_DELAY_SIGMA = 1.4;
const REVENUE_SIGMA = 0.95;
const COST_NOISE_SIGMA = 0.1;
/** Weekly spend levels: uniform in [SPEND_LOW, SPEND_HIGH] × the mean, each held for 1 to SPEND_HOLD_WEEKS weeks. */
const SPEND_LOW = 0.2;
const SPEND_HIGH = 1.8;
const SPEND_HOLD_WEEKS = 3;
/** Relative busyness of each hour of the day. */
const HOURS = cumulative([2, 1, 1, 1, 1, 1, 2, 4, 6, 7, 8, 8, 8, 8, 8, 8, 8, 9, 10, 11, 11, 10, 7, 4]);
/** Draws per paid source when estimating the expected revenue of a new buyer. */
const CALIBRATION_BUYERS = 20_000;

const DAY_MIN = 1440;
const DAYS = DEMO_PERIOD.days;
const FIRST_DAY = dayFromYmd(2024, 6, 1);
const END_MIN = DAYS * DAY_MIN;

/**
 * The planted bad rows per kind at a scale: proportional, at least 1 each.
 * @example plantedCounts(1); // => { duplicates: 20, endBeforeStart: 5, emptyUid: 3, badCost: 2 }
 * @example plantedCounts(0.01); // => { duplicates: 1, endBeforeStart: 1, emptyUid: 1, badCost: 1 }
 */
export function plantedCounts(scale: number): { duplicates: number; endBeforeStart: number; emptyUid: number; badCost: number } {
  const n = (atScale1: number): number => Math.max(1, Math.round(atScale1 * scale));
  return { duplicates: n(20), endBeforeStart: n(5), emptyUid: n(3), badCost: n(2) };
}

/**
 * Writes the demo dataset into `sink`, user by user: each user's sessions and
 * orders, then (after all users) the cost rows. Pure: the output depends only
 * on `seed` and `scale`.
 * @example
 * const lines: string[] = [];
 * generateDemo({ seed: 1, scale: 0.01 }, { visit: (l) => lines.push(l), order() {}, cost() {} });
 * lines.length; // => about 3000
 */
export function generateDemo(options: DemoOptions, sink: DemoSink): void {
  const { seed, scale } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`invalid scale: ${scale}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`invalid seed: ${seed}`);
  const rand = createRand(seed, 1);
  const costRand = createRand(seed, 2);
  // Customer attributes draw from their own stream: adding them left the
  // visits, orders and costs of every seed byte for byte as they were.
  const customerRand = createRand(seed, 4);
  const revenuePerUser = expectedRevenuePerUser(createRand(seed, 3));
  const budgetPlan = spendPlan(seed);

  const dayLabels: string[] = [];
  for (let d = 0; d <= DAYS + 1; d++) dayLabels.push(dayLabel(FIRST_DAY + d));
  const timeLabels: string[] = [];
  for (let m = 0; m < DAY_MIN; m++) timeLabels.push(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:00`);
  const ts = (minute: number): string => `${dayLabels[Math.floor(minute / DAY_MIN)]} ${timeLabels[minute % DAY_MIN]}`;

  const planted = plantedCounts(scale);
  const dupDays = spreadOverDays(planted.duplicates);
  const swapDays = spreadOverDays(planted.endBeforeStart);
  const emptyDays = spreadOverDays(planted.emptyUid);
  const badCostDays = spreadOverDays(planted.badCost);
  let pendingDup = 0;
  let pendingSwap = 0;
  let pendingEmpty = 0;

  // The current user, and the last rows written (to place planted rows that
  // are still pending when the users run out).
  let uid = "";
  let lastVisit = "";
  let lastSwap = "";
  let lastOrder = "";
  const uidKey = uidKeyOf(seed);
  let users = 0;
  let userOrders = 0;

  const emit: Emit = {
    session(start, length, source, device) {
      const line = `${uid},${ts(start)},${ts(start + length)},${SOURCES[source]?.label},${DEVICES[device]}`;
      sink.visit(line);
      lastVisit = line;
      if (pendingDup > 0) {
        sink.visit(line);
        pendingDup--;
      }
      if (length > 0 && start + length < END_MIN) {
        const swapped = `${uid},${ts(start + length)},${ts(start)},${SOURCES[source]?.label},${DEVICES[device]}`;
        lastSwap = swapped;
        if (pendingSwap > 0) {
          sink.visit(swapped);
          pendingSwap--;
        }
      }
    },
    order(minute, cents) {
      userOrders++;
      const tail = `,${ts(minute)},${money(cents)}`;
      sink.order(uid + tail);
      lastOrder = tail;
      if (pendingEmpty > 0) {
        sink.order(tail);
        pendingEmpty--;
      }
    },
  };

  for (let day = 0; day < DAYS; day++) {
    pendingDup += dupDays[day] ?? 0;
    pendingSwap += swapDays[day] ?? 0;
    pendingEmpty += emptyDays[day] ?? 0;
    const weights = SOURCES.map((s, i) => s.share * (budgetPlan.response[i]?.[weekOfDay(day)] ?? 1));
    const mix = cumulative(weights);
    const arrivals = poisson(rand, newUsersPerDay(day) * scale * weights.reduce((a, b) => a + b, 0));
    for (let i = 0; i < arrivals; i++) {
      uid = demoUid(uidKey, users++).toString();
      const source = pick(rand, mix);
      const plan = SOURCES[source] as SourcePlan;
      const buys = rand() < plan.buy;
      userOrders = 0;
      simulateUser(rand, source, day, buys, true, END_MIN, emit);
      const line = customerLine(customerRand, uid, dayLabels[day]!, userOrders);
      if (line !== null) sink.customer(line);
    }
  }
  for (; pendingDup > 0 && lastVisit !== ""; pendingDup--) sink.visit(lastVisit);
  for (; pendingSwap > 0 && lastSwap !== ""; pendingSwap--) sink.visit(lastSwap);
  for (; pendingEmpty > 0 && lastOrder !== ""; pendingEmpty--) sink.order(lastOrder);

  // Each paid source's mean weekly spend: its expected in-period revenue ÷ target ROMI, spread over the weeks by the spend levels.
  const weeklySpend = SOURCES.map((_, source) => meanWeeklySpend(budgetPlan, revenuePerUser, source, scale));
  const badValues = ["n/a", "#VALUE!", "1.2.3"];
  let bad = 0;
  for (let day = 0; day < DAYS; day++) {
    for (const source of PAID) {
      const plan = SOURCES[source] as SourcePlan;
      const level = budgetPlan.levels[source]?.[weekOfDay(day)] ?? 1;
      const noise = lognormal(costRand, Math.exp(-(COST_NOISE_SIGMA ** 2) / 2), COST_NOISE_SIGMA);
      sink.cost(`${dayLabels[day]},${plan.label},${money(Math.round((100 * (weeklySpend[source] ?? 0) * level * noise) / 7))}`);
    }
    for (let k = 0; k < (badCostDays[day] ?? 0); k++, bad++) {
      const plan = SOURCES[PAID[bad % PAID.length] ?? 0] as SourcePlan;
      sink.cost(`${dayLabels[day]},${plan.label},${badValues[bad % badValues.length]}`);
    }
  }
}

/** ISO weeks touched by the period: week 0 holds its first day, and weeks start on Mondays. */
const WEEKS = weekOfDay(DAYS - 1) + 1;

/** The index of the ISO week (Monday to Sunday) of a day of the period, 0 for the week of its first day. */
function weekOfDay(day: number): number {
  // Day number 0 (1970-01-01) is a Thursday: (n + 3) ÷ 7 counts Mondays.
  return Math.floor((FIRST_DAY + day + 3) / 7) - Math.floor((FIRST_DAY + 3) / 7);
}

/** The spend schedule and the planted response per source and week (empty for sources without a response). */
interface SpendPlan {
  /** Spend level per week, mean about 1. */
  readonly levels: readonly (Float64Array | undefined)[];
  /** The response factor of new users per week: hill(adstock(levels)) ÷ its mean over the weeks. */
  readonly response: readonly (Float64Array | undefined)[];
  /** Per source: the γ used, in adstocked spend levels, and the mean of hill(adstock(levels)) over the weeks. */
  readonly gamma: readonly number[];
  readonly meanHill: readonly number[];
}

/** The weekly spend levels from their own random stream (5), and the planted response to them. */
function spendPlan(seed: number): SpendPlan {
  const rand = createRand(seed, 5);
  const levels: (Float64Array | undefined)[] = [];
  const response: (Float64Array | undefined)[] = [];
  const gamma: number[] = [];
  const meanHill: number[] = [];
  for (const plan of SOURCES) {
    const r = plan.response;
    if (!r) {
      levels.push(undefined);
      response.push(undefined);
      gamma.push(0);
      meanHill.push(0);
      continue;
    }
    const level = new Float64Array(WEEKS);
    for (let w = 0; w < WEEKS;) {
      const v = SPEND_LOW + (SPEND_HIGH - SPEND_LOW) * rand();
      const hold = 1 + randomInt(rand, SPEND_HOLD_WEEKS);
      for (let k = 0; k < hold && w < WEEKS; k++, w++) level[w] = v;
    }
    const stock = new Float64Array(WEEKS);
    let carry = 0;
    for (let w = 0; w < WEEKS; w++) stock[w] = carry = level[w]! + r.theta * carry;
    const g = r.gammaMultiple * (stock.reduce((a, b) => a + b, 0) / WEEKS);
    const h = stock.map((x) => x ** r.alpha / (x ** r.alpha + g ** r.alpha));
    const mean = h.reduce((a, b) => a + b, 0) / WEEKS;
    levels.push(level);
    response.push(h.map((v) => v / mean));
    gamma.push(g);
    meanHill.push(mean);
  }
  return { levels, response, gamma, meanHill };
}

/**
 * A paid source's mean weekly spend: the expected in-period revenue of its
 * users ÷ its target ROMI, spread over the weeks by the spend levels; 0
 * without spend.
 */
function meanWeeklySpend(plan: SpendPlan, revenuePerUser: readonly Float64Array[], source: number, scale: number): number {
  const p = SOURCES[source] as SourcePlan;
  if (p.targetRomi === null) return 0;
  let revenue = 0;
  let levels = 0;
  for (let day = 0; day < DAYS; day++) {
    const w = weekOfDay(day);
    revenue += newUsersPerDay(day) * scale * p.share * (plan.response[source]?.[w] ?? 1) * p.buy * (revenuePerUser[source]?.[DAYS - 1 - day] ?? 0);
    levels += (plan.levels[source]?.[w] ?? 1) / 7;
  }
  return revenue / p.targetRomi / levels;
}

/** A planted response curve in the units romi fits: weekly spend in currency, outcome per week. */
export interface PlantedCurve {
  readonly source: string;
  readonly theta: number;
  readonly alpha: number;
  /** Half-saturation, in adstocked weekly spend (currency). */
  readonly gamma: number;
  /** New users per week at saturation (at the year's mean growth and weekday mix). */
  readonly usersCeiling: number;
  /** The share of those users who buy. */
  readonly buy: number;
  /** Expected revenue of a buyer in the 90 days from acquisition (seeded simulation of the order process). */
  readonly revenue90: number;
  /** The mean weekly spend. */
  readonly meanWeeklySpend: number;
}

/**
 * The true response curves of the paid sources for a seed and scale: new users per
 * week at a steady weekly spend X are usersCeiling · hill(X ÷ (1 − θ); α, γ), buyers
 * that × buy, and their 90-day revenue that × revenue90.
 */
export function plantedBudget(options: DemoOptions): PlantedCurve[] {
  const plan = spendPlan(options.seed);
  const revenuePerUser = expectedRevenuePerUser(createRand(options.seed, 3));
  return PAID.map((source) => {
    const p = SOURCES[source] as SourcePlan;
    const weekly = meanWeeklySpend(plan, revenuePerUser, source, options.scale);
    return {
      source: p.label,
      theta: p.response?.theta ?? 0,
      alpha: p.response?.alpha ?? 1,
      gamma: (plan.gamma[source] ?? 0) * weekly,
      usersCeiling: (7 * USERS_PER_DAY * options.scale * p.share) / (plan.meanHill[source] ?? 1),
      buy: p.buy,
      revenue90: revenuePerUser[source]?.[89] ?? 0,
      meanWeeklySpend: weekly,
    };
  });
}

const CITIES = cumulative([30, 18, 14, 12, 10, 9, 7]);
const CITY_NAMES = ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Cardiff"];
/** Users who never bought but registered at their first visit. */
const REGISTER_WITHOUT_ORDER = 0.15;

/**
 * The customers.csv line of a user (registered on the day of the first
 * visit), or null for a visitor who neither bought nor registered. Every user
 * draws the same number of values, so one user's attributes never shift
 * another's. Planted: customers with two or more orders are reachable by push
 * in 65% of cases against 35% for the others (so "customers reachable by push
 * buy more often" holds); email 85%, SMS 40%, phone 25%; ages about 38 ± 11,
 * 18 to 80; 55% women.
 */
function customerLine(rand: Rand, uid: string, day: string, orders: number): string | null {
  const register = rand() < REGISTER_WITHOUT_ORDER;
  const age = Math.min(80, Math.max(18, Math.round(38 + 11 * normal(rand))));
  const city = CITY_NAMES[pick(rand, CITIES)];
  const gender = rand() < 0.55 ? "F" : "M";
  const flag = (p: number): number => (rand() < p ? 1 : 0);
  const email = flag(0.85);
  const sms = flag(0.4);
  const push = flag(orders >= 2 ? 0.65 : 0.35);
  const phone = flag(0.25);
  if (orders === 0 && !register) return null;
  return `${uid},${day},${age},${city},${gender},${email},${sms},${push},${phone}`;
}

/** Callbacks of `simulateUser`: times in minutes since the period start. */
interface Emit {
  session(start: number, length: number, source: number, device: number): void;
  order(minute: number, cents: number): void;
}

/**
 * One user acquired on `day` by `source`: the first session, the orders (each
 * after the first in a session of its own) when `buys`, and the return visits
 * when `returns`. Nothing that starts at or after `end` is emitted.
 */
function simulateUser(rand: Rand, source: number, day: number, buys: boolean, returns: boolean, end: number, emit: Emit): void {
  const plan = SOURCES[source] as SourcePlan;
  const device = rand() < DESKTOP_SHARE ? 0 : 1;
  const start = day * DAY_MIN + timeOfDay(rand);
  const length = sessionLength(rand, device);
  emit.session(start, length, source, device);

  // A later session starting after `from`; returns the order time in it, or -1.
  const orderSession = (from: number, delayDays: number): number => {
    const at = laterStart(rand, from, delayDays);
    if (at >= end) return -1;
    const dev = rand() < SAME_DEVICE ? device : 1 - device;
    const len = sessionLength(rand, dev);
    emit.session(at, len, laterSource(rand, source), dev);
    const t = at + randomInt(rand, len + 1);
    return t < end ? t : -1;
  };

  if (buys) {
    let t = rand() < plan.sameSession ? start + randomInt(rand, length + 1) : orderSession(start, lognormal(rand, plan.firstDelayDays, FIRST_DELAY_SIGMA));
    if (t >= 0) {
      emit.order(t, revenueCents(rand, plan.firstRevenue));
      const repeats = geometric(rand, plan.repeat);
      for (let k = 0; k < repeats; k++) {
        t = orderSession(t, exponential(rand, plan.repeatGapDays));
        if (t < 0) break;
        emit.order(t, revenueCents(rand, plan.repeatRevenue));
      }
    }
  }

  if (returns) {
    const visits = geometric(rand, RETURN_CONTINUE);
    let from = start;
    for (let k = 0; k < visits; k++) {
      const at = laterStart(rand, from, exponential(rand, RETURN_GAP_DAYS));
      if (at >= end) break;
      const dev = rand() < SAME_DEVICE ? device : 1 - device;
      emit.session(at, sessionLength(rand, dev), laterSource(rand, source), dev);
      from = at;
    }
  }
}

/**
 * Expected revenue, within the period, of one buyer per paid source, by the
 * number of days left after the acquisition day: `table[source][daysLeft]`.
 * Estimated by simulating buyers with the same order process (acquired on
 * each weekday in turn), so that costs can be set from it.
 */
function expectedRevenuePerUser(rand: Rand): Float64Array[] {
  const table: Float64Array[] = SOURCES.map(() => new Float64Array(DAYS));
  for (const source of PAID) {
    const hist = table[source] as Float64Array;
    let day0 = 0;
    const emit: Emit = {
      session() {},
      order(minute, cents) {
        const offset = Math.floor(minute / DAY_MIN) - day0;
        if (offset < DAYS) hist[offset] = (hist[offset] ?? 0) + cents / 100;
      },
    };
    for (let i = 0; i < CALIBRATION_BUYERS; i++) {
      day0 = i % 7;
      simulateUser(rand, source, day0, true, false, (day0 + DAYS) * DAY_MIN, emit);
    }
    let sum = 0;
    for (let d = 0; d < DAYS; d++) {
      sum += hist[d] ?? 0;
      hist[d] = sum / CALIBRATION_BUYERS;
    }
  }
  return table;
}

/** Expected new users on a day of the period at scale 1 (growth and weekly seasonality). */
function newUsersPerDay(day: number): number {
  const growth = GROWTH_FROM + ((GROWTH_TO - GROWTH_FROM) * day) / (DAYS - 1);
  const weekMean = (5 + 2 * WEEKEND_FACTOR) / 7;
  return (USERS_PER_DAY * growth * (isWeekend(day) ? WEEKEND_FACTOR : 1)) / weekMean;
}

/** Whether a day of the period (0 = 2024-06-01) is a Saturday or Sunday. */
function isWeekend(day: number): boolean {
  // Day number 0 (1970-01-01) is a Thursday: Monday-based weekday = (n + 3) mod 7.
  return (FIRST_DAY + day + 3) % 7 >= 5;
}

/** A minute of the day, busier in the evening. */
function timeOfDay(rand: Rand): number {
  return pick(rand, HOURS) * 60 + randomInt(rand, 60);
}

/** Whole minutes: a bounce (0), else lognormal by device, capped. */
function sessionLength(rand: Rand, device: number): number {
  if (rand() < BOUNCE) return 0;
  const seconds = lognormal(rand, MEDIAN_LENGTH_S[device === 0 ? 0 : 1], LENGTH_SIGMA);
  return Math.min(MAX_LENGTH_MIN, Math.round(seconds / 60));
}

/**
 * The start of a session about `delayDays` after minute `from`, strictly later:
 * the day is from + delay, the time of day is drawn afresh. A start on a
 * weekend is redrawn with probability 1 - WEEKEND_FACTOR (at most 4 times).
 */
function laterStart(rand: Rand, from: number, delayDays: number): number {
  let delay = delayDays;
  for (let attempt = 0; ; attempt++) {
    const day = Math.floor((from + delay * DAY_MIN) / DAY_MIN);
    let at = day * DAY_MIN + timeOfDay(rand);
    if (at <= from) at = from + 20 + randomInt(rand, 160);
    if (attempt >= 4 || !isWeekend(Math.floor(at / DAY_MIN)) || rand() < WEEKEND_FACTOR) return at;
    delay = delayDays * (0.5 + rand());
  }
}

/** The source of a later session: the acquisition source, or an organic one. */
function laterSource(rand: Rand, source: number): number {
  if (rand() < SAME_SOURCE) return source;
  return ORGANIC[rand() < 0.5 ? 0 : 1];
}

/** Revenue in cents, lognormal, at least 1 cent. */
function revenueCents(rand: Rand, median: number): number {
  return Math.max(1, Math.round(lognormal(rand, median, REVENUE_SIGMA) * 100));
}

/** How many planted rows fall on each day: `n` spread evenly over the period. */
function spreadOverDays(n: number): Uint32Array {
  const days = new Uint32Array(DAYS);
  for (let k = 0; k < n; k++) {
    const day = Math.floor(((k + 0.5) * DAYS) / n);
    days[day] = (days[day] ?? 0) + 1;
  }
  return days;
}

/**
 * `12.30` for 1230 cents.
 * @example money(1230); // => "12.30"
 */
function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${pad2(cents % 100)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const U64 = (1n << 64n) - 1n;
const UID_LOW = (1n << 53n) + 1n;
const UID_SPAN = (1n << 64n) - UID_LOW;

/** splitmix64's finaliser: a bijection of 64-bit integers. */
function mix64(value: bigint): bigint {
  let x = value;
  x = ((x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n) & U64;
  x = ((x ^ (x >> 27n)) * 0x94d049bb133111ebn) & U64;
  return x ^ (x >> 31n);
}

function uidKeyOf(seed: number): bigint {
  return mix64(BigInt(seed) ^ 0x5eed5eed5eedn);
}

/**
 * The `n`-th user id for a key: a permutation of [2^53 + 1, 2^64) (mix64 with
 * cycle walking), so ids are distinct and look random.
 * @example demoUid(0n, 0) > 2n ** 53n; // => true
 * @example demoUid(0n, 0) === demoUid(0n, 1); // => false
 */
export function demoUid(key: bigint, n: number): bigint {
  let y = mix64(UID_LOW + ((key + BigInt(n)) % UID_SPAN));
  while (y < UID_LOW) y = mix64(y);
  return y;
}
