/**
 * The bank demo dataset behind `romi demo-data --kind bank`: customers, their
 * card purchases with MCC codes, and an MCC reference table, with planted
 * customer segments, so that a correct segmentation recovers known groups.
 * The same seed and scale give byte-identical output.
 *
 * ## Shape
 * - `customers.csv`: `customer_id,registration_date,age,city,gender,email,sms,push,phone`,
 *   one row per customer in registration order. Ids are distinct 8-digit integers that
 *   grow with the registration date; ages are whole years on 2025-05-31; gender `F`/`M`;
 *   each channel flag is `1` when the bank can reach the customer that way (consent
 *   given, app installed), else `0`.
 * - `transactions.csv`: `customer_id,tr_datetime,mcc_code,amount`, customer by customer
 *   (in the order of `customers.csv`), each customer's purchases in time order;
 *   times `YYYY-MM-DD HH:MM:SS` without a zone; amounts positive with 2 decimals (USD).
 * - `mcc_codes.csv`: `mcc_code;mcc_description`, semicolon-separated, every code used.
 * - Period: purchases from 2024-03-01 to 2025-05-31 (457 days, 15 whole months).
 *   Registrations go back to 2021; a customer registered before the period has
 *   purchases only from 2024-03-01.
 * - Scale 1 is 1,000 customers and about 200,000 purchases (≈ 8 MB); counts grow
 *   linearly with the scale.
 *
 * ## Planted segments (see `BANK_SEGMENTS` and `plantedBankSegments`)
 * Exactly the share of customers shown; medians over the customers with purchases, seed 1, scale 1.
 *
 * | segment               | share | recency  | purchases | spend    | per purchase | categories                                    | age   | channels (most)  |
 * | --------------------- | ----- | -------- | --------- | -------- | ------------ | --------------------------------------------- | ----- | ---------------- |
 * | `everyday-young`      | 15 %  | 0 days   | ≈ 900     | ≈ $13k   | ≈ $15        | fast food, groceries, transit, taxis, digital | 19–30 | push             |
 * | `affluent-travellers` | 13 %  | 2 weeks  | ≈ 60      | ≈ $60k   | ≈ $1,000     | trips: flights, hotels, airports, restaurants | 35–55 | email, push      |
 * | `steady-families`     | 25 %  | 1 day    | ≈ 180     | ≈ $22k   | ≈ $125       | groceries, fuel, pharmacies, kids, home       | 30–50 | sms, phone       |
 * | `lapsed`              | 26 %  | 200 days | ≈ 50      | ≈ $2.4k  | ≈ $55        | mixed                                         | 20–75 | sms, phone       |
 * | `new`                 | 21 %  | 4 days   | ≈ 25      | ≈ $950   | ≈ $45        | mixed                                         | 18–45 | email, push      |
 *
 * - In log1p(recency), log1p(purchases) and log1p(spend), standardised, the segments are
 *   well apart: k-means with k = 5 recovers them with an adjusted Rand index ≈ 0.95, and
 *   the best silhouette among k = 3 … 8 is at k = 5 or 6 (6 splits off customers with
 *   very few purchases): ARI ≥ 0.9 for seeds 1 to 10 at scale 1 (`tests/demo/bank.test.ts`
 *   checks seed 1).
 * - Lapsed customers make their last purchase 150 to 240 days before the end (none after
 *   2025-01-01); 85 % registered before the period, 15 % in it (until mid-November 2024).
 * - New customers registered in the last 180 days (from 2024-12-03); they try the card
 *   (10 times their later rate) in their first two weeks, then buy about once a week.
 * - Established segments (the first three): 90 % registered 2021 … February 2024, more
 *   of them lately; 10 % from March to August 2024, so they have fewer purchases.
 * - Some customers never buy anything: 12 % of lapsed (a card never used) and 20 % of
 *   new ones, about 8 % in all. They are in `customers.csv` and in no transaction.
 * - Noise: each customer's purchase rate and amount level vary (lognormal, σ 0.15), and
 *   so does their category mix (σ 0.5 on the log of each category's weight).
 * - Trips (all segments; about 6 a year for travellers, well under 1 for the others):
 *   a ticket booked about 3 weeks ahead (a flight, or a train), at the airport a
 *   snack, duty-free or a taxi, meals on most nights, a car rental sometimes, the hotel
 *   paid at check-out.
 * - Seasonality: more purchases on Fridays and Saturdays, fewer on Sundays; December is
 *   the busiest month, January the quietest; trips peak in summer and at Christmas.
 *   Purchases cluster at meal times (food), commuting hours (transit, fuel) or daytime (shops).
 */
import { dayFromYmd, dayLabel } from "../time/calendar.ts";
import type { DemoOptions } from "./generate.ts";
import { createRand, cumulative, exponential, lognormal, normal, pick, poisson, randomInt, type Rand } from "./random.ts";

/** Receives CSV lines without the line break, in file order, headers excluded. */
export interface BankSink {
  customer(line: string): void;
  transaction(line: string): void;
  mcc(line: string): void;
}

export const BANK_CUSTOMERS_HEADER = "customer_id,registration_date,age,city,gender,email,sms,push,phone";
export const BANK_TRANSACTIONS_HEADER = "customer_id,tr_datetime,mcc_code,amount";
export const BANK_MCC_HEADER = "mcc_code;mcc_description";

/** The bank demo files, as `romi demo-data --kind bank` names them. */
export const BANK_FILES = { customers: "customers.csv", transactions: "transactions.csv", mccCodes: "mcc_codes.csv" } as const;

/** The period of the purchases (2024-03-01 … 2025-05-31). */
export const BANK_PERIOD = { from: "2024-03-01", to: "2025-05-31", days: 457 } as const;

/** The planted segments, in the order of the table above. */
export const BANK_SEGMENTS = ["everyday-young", "affluent-travellers", "steady-families", "lapsed", "new"] as const;
export type BankSegment = (typeof BANK_SEGMENTS)[number];

/** Lapsed customers make no purchase in this many days before the end of the period. */
export const LAPSED_QUIET_DAYS = 150;
/** New customers registered within this many days before the end of the period. */
export const NEW_CUSTOMER_DAYS = 180;

const GROUPS = [
  "grocery",
  "fastFood",
  "dining",
  "car",
  "health",
  "transit",
  "clothing",
  "home",
  "electronics",
  "digital",
  "bills",
  "leisure",
  "beauty",
  "kids",
  "other",
] as const;
type Group = (typeof GROUPS)[number];

interface MccPlan {
  readonly code: string;
  readonly description: string;
  /** `trip` codes are bought on trips only, never in the daily mix. */
  readonly group: Group | "trip";
  /** Relative frequency within the group. */
  readonly weight: number;
  /** Median amount in dollars, and the σ of its log. */
  readonly median: number;
  readonly sigma: number;
}

// Descriptions written for romi, after the ISO 18245 category names.
// prettier-ignore
const MCCS: readonly MccPlan[] = [
  { code: "4111", description: "Local and suburban commuter transport, including ferries", group: "transit", weight: 55, median: 3.5, sigma: 0.4 },
  { code: "4112", description: "Passenger railways", group: "trip", weight: 0, median: 70, sigma: 0.6 },
  { code: "4121", description: "Taxicabs and limousines", group: "transit", weight: 40, median: 19, sigma: 0.5 },
  { code: "4131", description: "Bus lines", group: "transit", weight: 5, median: 18, sigma: 0.5 },
  { code: "4511", description: "Airlines and air carriers", group: "trip", weight: 0, median: 320, sigma: 0.6 },
  { code: "4582", description: "Airports, airport terminals and flying fields", group: "trip", weight: 0, median: 22, sigma: 0.6 },
  { code: "4722", description: "Travel agencies and tour operators", group: "trip", weight: 0, median: 650, sigma: 0.7 },
  { code: "4812", description: "Telecommunication equipment and telephone sales", group: "electronics", weight: 25, median: 220, sigma: 0.9 },
  { code: "4814", description: "Telecommunication services, including prepaid phone services", group: "bills", weight: 55, median: 45, sigma: 0.3 },
  { code: "4899", description: "Cable, satellite and streaming television and radio services", group: "digital", weight: 15, median: 16, sigma: 0.3 },
  { code: "4900", description: "Utilities: electric, gas, water and sanitary", group: "bills", weight: 45, median: 110, sigma: 0.4 },
  { code: "5200", description: "Home supply warehouse stores", group: "home", weight: 35, median: 85, sigma: 0.9 },
  { code: "5251", description: "Hardware stores", group: "home", weight: 25, median: 35, sigma: 0.8 },
  { code: "5309", description: "Duty-free stores", group: "trip", weight: 0, median: 85, sigma: 0.8 },
  { code: "5311", description: "Department stores", group: "other", weight: 35, median: 65, sigma: 0.9 },
  { code: "5331", description: "Variety stores", group: "other", weight: 25, median: 14, sigma: 0.7 },
  { code: "5411", description: "Grocery stores and supermarkets", group: "grocery", weight: 62, median: 38, sigma: 0.7 },
  { code: "5422", description: "Meat provisioners and butchers", group: "grocery", weight: 5, median: 30, sigma: 0.6 },
  { code: "5441", description: "Candy, nut and confectionery stores", group: "grocery", weight: 4, median: 8, sigma: 0.6 },
  { code: "5462", description: "Bakeries", group: "grocery", weight: 8, median: 9, sigma: 0.5 },
  { code: "5499", description: "Convenience stores and specialty food markets", group: "grocery", weight: 20, median: 12, sigma: 0.7 },
  { code: "5533", description: "Automotive parts and accessories stores", group: "car", weight: 4, median: 70, sigma: 0.8 },
  { code: "5541", description: "Service stations, with or without ancillary services", group: "car", weight: 55, median: 48, sigma: 0.4 },
  { code: "5542", description: "Automated fuel dispensers", group: "car", weight: 30, median: 45, sigma: 0.4 },
  { code: "5621", description: "Women's ready-to-wear stores", group: "clothing", weight: 12, median: 70, sigma: 0.7 },
  { code: "5641", description: "Children's and infants' wear stores", group: "kids", weight: 35, median: 40, sigma: 0.6 },
  { code: "5651", description: "Family clothing stores", group: "clothing", weight: 35, median: 60, sigma: 0.7 },
  { code: "5661", description: "Shoe stores", group: "clothing", weight: 15, median: 85, sigma: 0.6 },
  { code: "5691", description: "Men's and women's clothing stores", group: "clothing", weight: 30, median: 75, sigma: 0.7 },
  { code: "5712", description: "Furniture, home furnishings and equipment stores", group: "home", weight: 12, median: 320, sigma: 0.9 },
  { code: "5732", description: "Electronics stores", group: "electronics", weight: 60, median: 140, sigma: 1 },
  { code: "5812", description: "Eating places and restaurants", group: "dining", weight: 70, median: 45, sigma: 0.7 },
  { code: "5813", description: "Drinking places: bars, taverns, nightclubs, cocktail lounges", group: "dining", weight: 30, median: 32, sigma: 0.7 },
  { code: "5814", description: "Fast food restaurants", group: "fastFood", weight: 100, median: 11, sigma: 0.5 },
  { code: "5815", description: "Digital goods: books, movies and music", group: "digital", weight: 30, median: 11, sigma: 0.5 },
  { code: "5816", description: "Digital goods: games", group: "digital", weight: 30, median: 9, sigma: 0.8 },
  { code: "5817", description: "Digital goods: applications (excluding games)", group: "digital", weight: 25, median: 6, sigma: 0.7 },
  { code: "5912", description: "Drug stores and pharmacies", group: "health", weight: 70, median: 24, sigma: 0.8 },
  { code: "5921", description: "Package stores: beer, wine and liquor", group: "grocery", weight: 6, median: 25, sigma: 0.6 },
  { code: "5941", description: "Sporting goods stores", group: "leisure", weight: 15, median: 60, sigma: 0.8 },
  { code: "5942", description: "Book stores", group: "leisure", weight: 12, median: 22, sigma: 0.6 },
  { code: "5945", description: "Hobby, toy and game shops", group: "kids", weight: 40, median: 35, sigma: 0.7 },
  { code: "5977", description: "Cosmetic stores", group: "beauty", weight: 45, median: 28, sigma: 0.7 },
  { code: "5992", description: "Florists", group: "other", weight: 8, median: 45, sigma: 0.5 },
  { code: "5995", description: "Pet shops, pet food and supplies", group: "home", weight: 20, median: 35, sigma: 0.7 },
  { code: "5999", description: "Miscellaneous and specialty retail stores", group: "other", weight: 25, median: 30, sigma: 0.9 },
  { code: "7011", description: "Hotels, motels and resorts", group: "trip", weight: 0, median: 240, sigma: 0.7 },
  { code: "7230", description: "Beauty and barber shops", group: "beauty", weight: 55, median: 38, sigma: 0.5 },
  { code: "7512", description: "Car rental agencies", group: "trip", weight: 0, median: 190, sigma: 0.6 },
  { code: "7523", description: "Parking lots, parking meters and garages", group: "car", weight: 8, median: 12, sigma: 0.6 },
  { code: "7538", description: "Automotive service shops", group: "car", weight: 3, median: 260, sigma: 0.8 },
  { code: "7832", description: "Motion picture theaters", group: "leisure", weight: 30, median: 24, sigma: 0.5 },
  { code: "7922", description: "Theatrical producers and ticket agencies", group: "leisure", weight: 15, median: 85, sigma: 0.7 },
  { code: "7991", description: "Tourist attractions and exhibits", group: "leisure", weight: 8, median: 30, sigma: 0.6 },
  { code: "7997", description: "Membership clubs: sports, recreation and fitness", group: "leisure", weight: 20, median: 55, sigma: 0.5 },
  { code: "8011", description: "Doctors and physicians", group: "health", weight: 10, median: 120, sigma: 0.6 },
  { code: "8021", description: "Dentists and orthodontists", group: "health", weight: 6, median: 180, sigma: 0.7 },
  { code: "8043", description: "Opticians, optical goods and eyeglasses", group: "health", weight: 3, median: 190, sigma: 0.5 },
  { code: "8099", description: "Medical services and health practitioners", group: "health", weight: 8, median: 90, sigma: 0.7 },
  { code: "8299", description: "Schools and educational services", group: "kids", weight: 25, median: 120, sigma: 0.7 },
];

const mccIndex = (code: string): number => {
  const i = MCCS.findIndex((m) => m.code === code);
  if (i < 0) throw new Error(`unknown mcc code: ${code}`);
  return i;
};
/** Per group: the MCC indexes and their cumulative weights. */
const GROUP_MCCS = GROUPS.map((group) => {
  const members = MCCS.flatMap((m, i) => (m.group === group ? [i] : []));
  return { members, weights: cumulative(members.map((i) => MCCS[i]?.weight ?? 0)) };
});
const TRIP = {
  air: mccIndex("4511"),
  rail: mccIndex("4112"),
  airport: mccIndex("4582"),
  agency: mccIndex("4722"),
  hotel: mccIndex("7011"),
  carRental: mccIndex("7512"),
  dutyFree: mccIndex("5309"),
  dining: mccIndex("5812"),
  taxi: mccIndex("4121"),
};

/** How a segment registers and when it buys. */
type Lifecycle = "established" | "lapsed" | "new";

interface SegmentPlan {
  readonly segment: BankSegment;
  readonly lifecycle: Lifecycle;
  readonly share: number;
  /** Daily purchases outside trips, before per-customer noise and seasonality. */
  readonly rate: number;
  /** Trips per year, each with tickets, a hotel, meals and more. */
  readonly trips: number;
  /** Multiplies every amount. */
  readonly amount: number;
  /** Weights of the daily purchase categories, in `GROUPS` order. */
  readonly groups: readonly number[];
  /** Age: normal (mean, sd), rounded and clamped to [min, max]. */
  readonly age: readonly [mean: number, sd: number, min: number, max: number];
  readonly female: number;
  /** Probability of each channel flag, in header order: email, sms, push, phone. */
  readonly channels: readonly [email: number, sms: number, push: number, phone: number];
  /** Share of the segment that never buys anything. */
  readonly never: number;
  /** Cumulative weights of the cities, in `CITIES` order. */
  readonly cities: Float64Array;
}

const CITIES = ["New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Diego"] as const;
const CITY_WEIGHTS = cumulative([34, 17, 14, 11, 9, 8, 7]);
const AFFLUENT_CITIES = cumulative([46, 19, 13, 7, 5, 5, 5]);

// Groups: grocery, fastFood, dining, car, health, transit, clothing, home, electronics, digital, bills, leisure, beauty, kids, other.
// prettier-ignore
const SEGMENTS: readonly SegmentPlan[] = [
  { segment: "everyday-young", lifecycle: "established", share: 0.15, rate: 2, trips: 0.4, amount: 0.4, groups: [24, 26, 8, 1, 3, 14, 4, 1, 1.5, 9, 2, 4, 2, 0, 2], age: [24, 3.5, 19, 30], female: 0.5, channels: [0.55, 0.3, 0.92, 0.2], never: 0, cities: CITY_WEIGHTS },
  { segment: "affluent-travellers", lifecycle: "established", share: 0.13, rate: 0.02, trips: 6, amount: 5, groups: [16, 3, 22, 9, 4, 5, 8, 5, 3, 2, 3, 7, 3, 0.5, 3], age: [45, 5.5, 35, 55], female: 0.42, channels: [0.85, 0.55, 0.7, 0.6], never: 0, cities: AFFLUENT_CITIES },
  { segment: "steady-families", lifecycle: "established", share: 0.25, rate: 0.4, trips: 0.6, amount: 2, groups: [40, 6, 4, 14, 9, 2, 5, 6, 1.5, 1.5, 4, 2, 1.5, 5, 3], age: [40, 5.5, 30, 50], female: 0.58, channels: [0.5, 0.82, 0.45, 0.75], never: 0, cities: CITY_WEIGHTS },
  { segment: "lapsed", lifecycle: "lapsed", share: 0.26, rate: 0.2, trips: 0.3, amount: 0.9, groups: [32, 10, 6, 8, 6, 5, 6, 4, 2, 4, 4, 3, 2, 2, 5], age: [50, 14, 20, 75], female: 0.5, channels: [0.4, 0.72, 0.15, 0.78], never: 0.12, cities: CITY_WEIGHTS },
  { segment: "new", lifecycle: "new", share: 0.21, rate: 0.12, trips: 0.3, amount: 0.85, groups: [30, 12, 7, 6, 4, 7, 6, 4, 3, 6, 5, 3, 2, 1, 4], age: [30, 7, 18, 45], female: 0.5, channels: [0.8, 0.55, 0.75, 0.35], never: 0.2, cities: CITY_WEIGHTS },
];

/** Customers at scale 1 (about 200,000 purchases). */
const CUSTOMERS = 1000;
/** σ of the log of each customer's purchase rate and amount level. */
const RATE_SIGMA = 0.15;
const AMOUNT_SIGMA = 0.15;
/** σ of the log of each category weight, per customer. */
const MIX_SIGMA = 0.5;
/** Share of the established segments registered in the period (until LATE_TO), the rest before it. */
const LATE_SHARE = 0.1;
/** Share of lapsed customers registered in the period, the rest before it. */
const LAPSED_IN_PERIOD = 0.15;
/** Lapsed customers make their last purchase between LAPSE_EARLIEST and LAPSED_QUIET_DAYS days before the end. */
const LAPSE_EARLIEST = 240;
/** New customers buy BURST times as often in their first BURST_DAYS days (trying the card). */
const BURST = 10;
const BURST_DAYS = 14;

const FIRST_DAY = dayFromYmd(2024, 3, 1);
const DAYS = BANK_PERIOD.days;
const END = FIRST_DAY + DAYS - 1;
const REGISTRATION_FROM = dayFromYmd(2021, 1, 1);
const LATE_TO = dayFromYmd(2024, 8, 31);
const LAPSE_LAST = END - LAPSED_QUIET_DAYS;
const NEW_FROM = END - NEW_CUSTOMER_DAYS + 1;

/** Purchases by weekday (Monday first) and by month (January first); trips by month. */
const WEEKDAY = [0.95, 0.95, 0.97, 1, 1.15, 1.12, 0.86];
const MONTH = [0.86, 0.9, 0.97, 0.98, 1, 1, 1.02, 1.02, 0.98, 1, 1.05, 1.25];
const TRIP_MONTH = [0.6, 0.6, 0.9, 0.9, 1.1, 1.6, 1.9, 1.7, 1, 0.8, 0.6, 1.3];
/** The factors above for each day of the period. */
const DAY_FACTOR = Float64Array.from({ length: DAYS }, (_, d) => (MONTH[monthOf(FIRST_DAY + d)] ?? 1) * (WEEKDAY[(FIRST_DAY + d + 3) % 7] ?? 1));
const TRIP_FACTOR = Float64Array.from({ length: DAYS }, (_, d) => TRIP_MONTH[monthOf(FIRST_DAY + d)] ?? 1);

// Relative busyness of each hour of the day, by kind of purchase.
const HOURS_SHOP = cumulative([0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 6, 6, 5, 4, 2.5, 1, 0.5]);
const HOURS_MEAL = cumulative([0.5, 0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 1.5, 2, 1.5, 1.5, 3, 6, 5, 2.5, 2, 2.5, 4, 6, 6, 5, 3.5, 2, 1]);
const HOURS_COMMUTE = cumulative([0.2, 0.1, 0.1, 0.1, 0.2, 0.8, 3, 6, 6, 3, 2, 2, 2, 2, 2, 2.5, 3.5, 5, 5, 3, 2, 1.5, 1, 0.5]);
const HOURS_ONLINE = cumulative([1, 0.7, 0.4, 0.3, 0.3, 0.3, 0.5, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 4.5, 3.5, 2]);
const GROUP_HOURS: Readonly<Record<Group, Float64Array>> = {
  grocery: HOURS_SHOP,
  fastFood: HOURS_MEAL,
  dining: HOURS_MEAL,
  car: HOURS_COMMUTE,
  health: HOURS_SHOP,
  transit: HOURS_COMMUTE,
  clothing: HOURS_SHOP,
  home: HOURS_SHOP,
  electronics: HOURS_SHOP,
  digital: HOURS_ONLINE,
  bills: HOURS_ONLINE,
  leisure: HOURS_MEAL,
  beauty: HOURS_SHOP,
  kids: HOURS_SHOP,
  other: HOURS_SHOP,
};

/** A customer as planned: the row of `customers.csv` and the purchase process. */
interface PlannedCustomer {
  readonly id: string;
  readonly segment: number;
  readonly registered: number;
  /** The row of `customers.csv`. */
  readonly line: string;
  /** First and last day number with purchases; first > last for none. */
  readonly first: number;
  readonly last: number;
  /** Purchases are BURST times as frequent before this day number. */
  readonly burst: number;
  readonly rate: number;
  readonly amount: number;
  /** Cumulative weights of the daily purchase categories. */
  readonly groups: Float64Array;
}

/**
 * Writes the bank demo dataset into `sink`: the MCC table, the customers, then
 * the purchases customer by customer. Pure: the output depends only on `seed`
 * and `scale`.
 * @example
 * const purchases: string[] = [];
 * generateBank({ seed: 1, scale: 0.01 }, { customer() {}, transaction: (l) => purchases.push(l), mcc() {} });
 * purchases.length; // => about 2000
 */
export function generateBank(options: DemoOptions, sink: BankSink): void {
  const customers = planCustomers(options);
  for (const m of [...MCCS].sort((a, b) => Number(a.code) - Number(b.code))) sink.mcc(`${m.code};${m.description}`);
  for (const c of customers) sink.customer(c.line);

  const rand = createRand(options.seed, 2);
  const dayLabels = Array.from({ length: DAYS }, (_, d) => dayLabel(FIRST_DAY + d));
  const purchases: Purchase[] = [];
  for (const c of customers) {
    purchases.length = 0;
    simulatePurchases(rand, c, purchases);
    purchases.sort((a, b) => a.second - b.second);
    for (const p of purchases) {
      const s = p.second % 86_400;
      const time = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
      sink.transaction(`${c.id},${dayLabels[Math.floor(p.second / 86_400)]} ${time},${MCCS[p.mcc]?.code},${money(p.cents)}`);
    }
  }
}

/**
 * The planted segment of every customer id of the bank demo with these options,
 * customers who never buy included. Pure and fast: it plans the customers
 * without simulating their purchases.
 * @example plantedBankSegments({ seed: 1, scale: 0.01 }).size; // => 10
 */
export function plantedBankSegments(options: DemoOptions): Map<string, BankSegment> {
  return new Map(planCustomers(options).map((c) => [c.id, SEGMENTS[c.segment]?.segment ?? "new"]));
}

/** The customers in registration order, with their rows and purchase plans. */
function planCustomers(options: DemoOptions): PlannedCustomer[] {
  const { seed, scale } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`invalid scale: ${scale}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`invalid seed: ${seed}`);
  const rand = createRand(seed, 1);
  const n = Math.max(1, Math.round(CUSTOMERS * scale));

  // Exactly the planned share of each segment (largest remainders), in a seeded random order.
  const segments = quotas(
    SEGMENTS.map((plan) => plan.share),
    n,
  );
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(rand, i + 1);
    [segments[i], segments[j]] = [segments[j] ?? 0, segments[i] ?? 0];
  }

  const drafts: Omit<PlannedCustomer, "id" | "line">[] = [];
  const rows: string[] = [];
  for (const segment of segments) {
    const plan = SEGMENTS[segment] as SegmentPlan;
    const [mean, sd, min, max] = plan.age;
    const age = Math.min(max, Math.max(min, Math.round(normal(rand, mean, sd))));
    // Nobody registers before turning 18.
    const adult = END - Math.floor((age - 18) * 365.25);
    let registered: number;
    let first: number;
    let last = END;
    let burst = 0;
    if (plan.lifecycle === "new") {
      registered = between(rand, Math.max(NEW_FROM, adult), END);
      first = registered + Math.floor(exponential(rand, 3));
      burst = first + BURST_DAYS;
    } else if (plan.lifecycle === "lapsed") {
      const inPeriod = rand() < LAPSED_IN_PERIOD;
      registered = inPeriod ? between(rand, Math.max(FIRST_DAY, adult), LAPSE_LAST - 45) : growing(rand, Math.max(REGISTRATION_FROM, adult), FIRST_DAY - 1);
      first = Math.max(FIRST_DAY, registered) + randomInt(rand, 14);
      last = between(rand, Math.min(LAPSE_LAST, Math.max(first + 30, END - LAPSE_EARLIEST)), LAPSE_LAST);
    } else {
      const late = rand() < LATE_SHARE;
      registered = late ? between(rand, Math.max(FIRST_DAY, adult), LATE_TO) : growing(rand, Math.max(REGISTRATION_FROM, adult), FIRST_DAY - 1);
      first = Math.max(FIRST_DAY, registered);
    }
    if (rand() < plan.never) first = END + 1;
    const groups = cumulative(plan.groups.map((w) => w * Math.exp(normal(rand, 0, MIX_SIGMA))));
    const rate = plan.rate * Math.exp(normal(rand, 0, RATE_SIGMA));
    const amount = plan.amount * Math.exp(normal(rand, 0, AMOUNT_SIGMA));
    const city = CITIES[pick(rand, plan.cities)];
    const gender = rand() < plan.female ? "F" : "M";
    const flags = plan.channels.map((p) => (rand() < p ? "1" : "0")).join(",");
    drafts.push({ segment, registered, first, last, burst, rate, amount, groups });
    rows.push(`${age},${city},${gender},${flags}`);
  }

  // Ids grow with the registration date (ties in drawing order): 8 digits, random gaps.
  const order = drafts.map((_, i) => i).sort((a, b) => (drafts[a]?.registered ?? 0) - (drafts[b]?.registered ?? 0) || a - b);
  let id = 10_000_000 + randomInt(rand, 1_000_000);
  return order.map((i) => {
    const draft = drafts[i] as Omit<PlannedCustomer, "id" | "line">;
    id += 1 + randomInt(rand, 60);
    return { ...draft, id: String(id), line: `${id},${dayLabel(draft.registered)},${rows[i]}` };
  });
}

interface Purchase {
  /** Seconds since the start of the period. */
  readonly second: number;
  readonly mcc: number;
  readonly cents: number;
}

/** Appends a customer's purchases (daily ones and trips) to `out`, unsorted, all inside [first, last]. */
function simulatePurchases(rand: Rand, c: PlannedCustomer, out: Purchase[]): void {
  if (c.first > c.last) return;
  const plan = SEGMENTS[c.segment] as SegmentPlan;
  const buy = (day: number, mcc: number, hours: Float64Array, scale = 1): void => {
    if (day < c.first || day > c.last) return;
    const m = MCCS[mcc] as MccPlan;
    const cents = Math.max(50, Math.round(lognormal(rand, m.median * c.amount * scale, m.sigma) * 100));
    out.push({ second: (day - FIRST_DAY) * 86_400 + pick(rand, hours) * 3600 + randomInt(rand, 3600), mcc, cents });
  };
  // A trip leaving on `day`: tickets booked weeks ahead, then the stay.
  const trip = (day: number): void => {
    const nights = 1 + Math.floor(exponential(rand, 4));
    const booked = day - Math.floor(lognormal(rand, 20, 0.8));
    if (rand() < 0.12) buy(booked, TRIP.agency, HOURS_ONLINE);
    const flies = rand() < 0.75;
    buy(booked, flies ? TRIP.air : TRIP.rail, HOURS_ONLINE, 1.6); // a return ticket
    if (flies) {
      if (rand() < 0.6) buy(day, TRIP.airport, HOURS_COMMUTE);
      if (rand() < 0.3) buy(day, TRIP.dutyFree, HOURS_COMMUTE);
      if (rand() < 0.5) buy(day, TRIP.taxi, HOURS_COMMUTE, 2);
    }
    if (rand() < 0.35) buy(day, TRIP.carRental, HOURS_SHOP, Math.sqrt(nights));
    for (let night = 0; night < nights; night++) if (rand() < 0.7) buy(day + night, TRIP.dining, HOURS_MEAL);
    buy(day + nights, TRIP.hotel, HOURS_SHOP, Math.sqrt(nights)); // paid at check-out
  };

  // The trip rate follows the customer's activity level.
  const tripRate = (plan.trips * (c.rate / plan.rate)) / 365;
  for (let day = c.first; day <= c.last; day++) {
    const factor = DAY_FACTOR[day - FIRST_DAY] ?? 1;
    const count = poisson(rand, c.rate * factor * (day < c.burst ? BURST : 1));
    for (let k = 0; k < count; k++) {
      const group = pick(rand, c.groups);
      const { members, weights } = GROUP_MCCS[group] as (typeof GROUP_MCCS)[number];
      buy(day, members[pick(rand, weights)] ?? 0, GROUP_HOURS[GROUPS[group] ?? "other"]);
    }
    if (rand() < tripRate * (TRIP_FACTOR[day - FIRST_DAY] ?? 1)) trip(day);
  }
}

/**
 * `n` items split by `shares` (summing to 1) with the largest-remainder method:
 * the index of each item's share, in share order.
 * @example quotas([0.5, 0.3, 0.2], 4); // => [0, 0, 1, 2]  (2, 1.2 and 0.8 round to 2, 1 and 1)
 */
function quotas(shares: readonly number[], n: number): number[] {
  const exact = shares.map((share) => share * n);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((_, i) => i).sort((a, b) => (exact[b] ?? 0) - (counts[b] ?? 0) - ((exact[a] ?? 0) - (counts[a] ?? 0)) || a - b);
  for (let k = 0, left = n - counts.reduce((s, c) => s + c, 0); k < left; k++) {
    const i = byRemainder[k % byRemainder.length] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.flatMap((count, i) => new Array<number>(count).fill(i));
}

/** Month of the year (0 = January) of a day number. */
function monthOf(day: number): number {
  return new Date(day * 86_400_000).getUTCMonth();
}

/** A day number in [from, to], uniform; `from` when to < from. */
function between(rand: Rand, from: number, to: number): number {
  return to <= from ? from : from + randomInt(rand, to - from + 1);
}

/** A day number in [from, to], more likely late (the density grows linearly, 3 times as high at `to`); `from` when to < from. */
function growing(rand: Rand, from: number, to: number): number {
  if (to <= from) return from;
  // Inverse CDF of the density (1 + 2t) / 2 on [0, 1]: t = (√(1 + 8u) − 1) / 2.
  const t = (Math.sqrt(1 + 8 * rand()) - 1) / 2;
  return from + Math.min(to - from, Math.floor(t * (to - from + 1)));
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
