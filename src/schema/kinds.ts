/**
 * Dataset kinds: which columns ("roles") each kind has, how they parse, and
 * the header spellings recognised without configuration. This table is the
 * single source for detection, parsing and the alias table in docs/data.md
 * (`npm run romi -- validate --aliases` prints it).
 */

export type RoleType =
  /** An identifier; kept as text (ids can exceed 2^53) and interned. */
  | "id"
  /** A category label such as a source or device; kept as text. */
  | "label"
  /** A date and time; without a zone it is wall-clock time in the report timezone. */
  | "time"
  /** A calendar date (a time of day, if present, is ignored). */
  | "date"
  /** A decimal number with a dot separator. */
  | "number"
  /** Yes or no: 1/0, true/false, yes/no, y/n, t/f (any case); empty is unknown. */
  | "flag";

export interface RoleSpec {
  readonly type: RoleType;
  readonly required: boolean;
  /** Normalised header spellings (see `normaliseHeader`), the first is canonical. */
  readonly aliases: readonly string[];
  /** Rows with a negative value are rejected with this reason. */
  readonly negativeReason?: string;
  /** Rows with a value ≤ 0 are rejected with this reason. */
  readonly nonPositiveReason?: string;
  /**
   * The column may be absent (the file then lacks what the role gives, say
   * dates), but when it is present a row without a value is rejected, as for
   * a required role. Only meaningful with `required: true`.
   */
  readonly mayBeAbsent?: boolean;
  /** Rows whose text starts with `prefix` are rejected with `reason`. */
  readonly prefixReason?: { readonly prefix: string; readonly reason: string };
  /**
   * Interning dictionary shared across datasets, so that e.g. a user id in
   * visits and in orders, or a source in visits and in costs, are the same.
   * Defaults to `label`, a dictionary for free text.
   */
  readonly dict?: DictName;
}

/** The interning dictionaries (see `read/table.ts`). */
export const DICT_NAMES = ["user", "source", "device", "order", "product", "category", "label", "campaign", "dim"] as const;

/**
 * Dictionaries whose labels are merged case-insensitively: "Facebook Ads" and
 * "facebook ads" are one label, shown in its most frequent spelling (ties:
 * the first in code-unit order). Fields are trimmed before any dictionary.
 */
export const FOLDED_DICTS: ReadonlySet<DictName> = new Set(["dim"]);
export type DictName = (typeof DICT_NAMES)[number];

/**
 * Dictionaries whose labels stay in the engine: millions of user and order
 * ids that the reductions count and join by index. The few a report shows
 * come back with the rows of the reduction that needs them.
 */
export const ENGINE_DICTS = ["user", "order"] as const satisfies readonly DictName[];
/** The dictionaries whose labels the analyses read in TypeScript. */
export type ReadDictName = Exclude<DictName, (typeof ENGINE_DICTS)[number]>;
export const READ_DICT_NAMES: readonly ReadDictName[] = DICT_NAMES.filter((n): n is ReadDictName => !(ENGINE_DICTS as readonly string[]).includes(n));

export interface KindSpec {
  readonly kind: Kind;
  readonly description: string;
  /**
   * Roles in the order rows are checked: a row failing several checks is
   * rejected with the first one's reason.
   */
  readonly roles: Readonly<Record<string, RoleSpec>>;
  /** The role that dates a row, for the report period; null: the kind is not dated and never clipped. */
  readonly when: string | null;
  /** Roles whose header marks a file as this kind, even if other columns are missing. */
  readonly signature: readonly string[];
  /** Whether exact duplicate rows are rejected, given the roles present. */
  readonly rejectsDuplicates: (roles: ReadonlySet<string>) => boolean;
  /** A row whose `role` value is before its `than` value is rejected with `reason`. */
  readonly notBefore?: { readonly role: string; readonly than: string; readonly reason: string };
  /** A required role that may instead be computed as the product of two others (revenue = quantity × unit price). */
  readonly derived?: { readonly role: string; readonly product: readonly [string, string] };
  /** A role that identifies a row: a later row with the same value is rejected as `duplicate id`. */
  readonly unique?: string;
  /** Whether columns that match no role are kept as attributes (`attr.<header>`, as text). */
  readonly keepOthers?: boolean;
  /**
   * Rows are exposures of a unit (a user) to an arm (a variant): read over the
   * whole dataset, a unit seen in several arms is rejected as `contaminated`,
   * and of its repeated exposures only the earliest by `time` is kept.
   */
  readonly exposure?: { readonly unit: string; readonly arm: string; readonly time: string };
  /**
   * The kind's period is its own dataset's first to last day, whatever the
   * report period is: campaign results and experiments are read over their
   * own span (an experiment of 23 days keeps every row).
   */
  readonly ownPeriod?: boolean;
}

/** In this order: the first present dated kind is the activity dataset of the period rule. */
export const KINDS = ["visits", "orders", "costs", "customers", "categories", "campaigns", "experiment"] as const;
export type Kind = (typeof KINDS)[number];

const USER: RoleSpec = {
  type: "id",
  required: true,
  aliases: ["uid", "userid", "user", "clientid", "customerid", "visitorid", "custid", "customer", "client"],
  dict: "user",
};

/** A purchase category: an MCC or a product category; codes join `categories` files. */
const CATEGORY_ALIASES = ["mcccode", "mcc", "categorycode", "categoryid", "category", "productcategory"];

const flag = (...aliases: string[]): RoleSpec => ({ type: "flag", required: false, aliases });

export const KIND_SPECS: Readonly<Record<Kind, KindSpec>> = {
  visits: {
    kind: "visits",
    description: "sessions: one row per visit",
    roles: {
      user: USER,
      start: {
        type: "time",
        required: true,
        aliases: ["startts", "sessionstart", "start", "starttime", "startedat", "sessionstartts", "visitstart"],
      },
      end: {
        type: "time",
        required: false,
        aliases: ["endts", "sessionend", "end", "endtime", "endedat", "sessionendts", "visitend"],
      },
      source: {
        type: "label",
        required: false,
        aliases: ["sourceid", "source", "channel", "utmsource", "trafficsource"],
        dict: "source",
      },
      device: { type: "label", required: false, aliases: ["device", "devicetype", "platform"], dict: "device" },
    },
    when: "start",
    signature: ["start"],
    rejectsDuplicates: () => true,
    notBefore: { role: "end", than: "start", reason: "session end before start" },
  },
  orders: {
    kind: "orders",
    description: "orders or order lines: one row per order, or per product line of an order",
    roles: {
      order: {
        type: "id",
        required: false,
        aliases: ["orderid", "order", "transactionid", "invoiceno", "invoice", "invoiceid", "ordernumber"],
        dict: "order",
        prefixReason: { prefix: "C", reason: "cancellation" },
      },
      quantity: { type: "number", required: false, aliases: ["quantity", "qty", "units"], negativeReason: "cancellation" },
      price: { type: "number", required: false, aliases: ["unitprice", "price", "itemprice"], nonPositiveReason: "non-positive price" },
      user: USER,
      time: {
        type: "time",
        required: true,
        aliases: [
          "buyts",
          "ordertime",
          "orderts",
          "orderdate",
          "ordereddate",
          "purchasetime",
          "purchasedate",
          "orderedat",
          "invoicedate",
          "trdatetime",
          "transactiondate",
          "transactiontime",
          "date",
        ],
      },
      revenue: {
        type: "number",
        required: true,
        aliases: ["revenue", "ordertotal", "total", "amount", "value", "sales", "linetotal"],
        negativeReason: "negative revenue",
      },
      product: { type: "id", required: false, aliases: ["productid", "stockcode", "sku", "itemid", "product"], dict: "product" },
      description: { type: "label", required: false, aliases: ["description", "productname", "itemname"] },
      category: { type: "id", required: false, aliases: CATEGORY_ALIASES, dict: "category" },
      count: { type: "number", required: false, aliases: ["count", "purchases", "transactions", "numpurchases"], negativeReason: "negative count" },
      country: { type: "label", required: false, aliases: ["country", "region"] },
    },
    when: "time",
    signature: ["time"],
    // Without an order id, identical rows are separate purchases (CDNOW has
    // same-day repeats), so only orders with ids drop exact duplicates.
    rejectsDuplicates: (roles) => roles.has("order"),
    derived: { role: "revenue", product: ["quantity", "price"] },
  },
  costs: {
    kind: "costs",
    description: "ad spend: one row per day and source",
    roles: {
      date: { type: "date", required: true, aliases: ["dt", "date", "day"] },
      source: {
        type: "label",
        required: true,
        aliases: ["sourceid", "source", "channel", "utmsource", "trafficsource"],
        dict: "source",
      },
      cost: {
        type: "number",
        required: true,
        aliases: ["costs", "cost", "spend", "adspend", "amountspent"],
        negativeReason: "negative cost",
      },
    },
    when: "date",
    signature: ["cost"],
    rejectsDuplicates: () => false,
  },
  customers: {
    kind: "customers",
    description: "customers: one row per customer, with attributes",
    roles: {
      user: USER,
      registered: {
        type: "date",
        required: false,
        aliases: ["registrationdate", "registered", "registeredat", "regdate", "signupdate", "signup", "signedup", "joindate", "joined", "createdat"],
      },
      age: { type: "number", required: false, aliases: ["age", "ageyears"], negativeReason: "negative age" },
      city: { type: "label", required: false, aliases: ["city", "town"] },
      gender: { type: "label", required: false, aliases: ["gender", "sex"] },
      email: flag("email", "emailoptin", "emailconsent", "hasemail"),
      sms: flag("sms", "smsoptin", "smsconsent", "hassms"),
      push: flag("push", "pushoptin", "pushenabled", "pushconsent"),
      phone: flag("phone", "call", "calls", "phoneoptin", "phoneconsent", "hasphone"),
      app: flag("app", "inapp", "mobileapp", "hasapp", "appuser"),
    },
    when: null,
    signature: ["user"],
    rejectsDuplicates: () => true,
    unique: "user",
    keepOthers: true,
  },
  categories: {
    kind: "categories",
    description: "category names: one row per code (MCC or product category)",
    roles: {
      code: { type: "id", required: true, aliases: CATEGORY_ALIASES, dict: "category" },
      name: { type: "label", required: true, aliases: ["mccdescription", "categoryname", "mccname", "description", "name", "title"] },
    },
    when: null,
    signature: ["code", "name"],
    rejectsDuplicates: () => true,
    unique: "code",
  },
  campaigns: {
    kind: "campaigns",
    description: "campaign results: one row per (date,) campaign and any of channel, region, segment, device",
    roles: {
      date: { type: "date", required: true, mayBeAbsent: true, aliases: ["date", "day", "dt", "reportingdate", "reportdate"] },
      campaign: {
        type: "id",
        required: true,
        aliases: ["campaignid", "xyzcampaignid", "campaigncode", "campaign", "campaignname"],
        dict: "campaign",
      },
      name: { type: "label", required: false, aliases: ["campaignname", "campaigntitle", "campaign"], dict: "dim" },
      channel: { type: "label", required: false, aliases: ["channel", "channelused", "adchannel", "medium", "platform", "source"], dict: "dim" },
      region: { type: "label", required: false, aliases: ["region", "location", "geo", "market", "country", "state"], dict: "dim" },
      segment: {
        type: "label",
        required: false,
        aliases: ["segment", "customersegment", "audience", "agegroup", "ageband", "agebracket", "agerange", "age"],
        dict: "dim",
      },
      device: { type: "label", required: false, aliases: ["device", "devicetype"], dict: "dim" },
      impressions: { type: "number", required: true, aliases: ["impressions", "impr", "views"], negativeReason: "negative impressions" },
      clicks: { type: "number", required: true, aliases: ["clicks", "linkclicks"], negativeReason: "negative clicks" },
      leads: { type: "number", required: false, aliases: ["leads", "totalconversion", "totalconversions", "signups"], negativeReason: "negative leads" },
      conversions: {
        type: "number",
        required: true,
        aliases: ["conversions", "approvedconversion", "approvedconversions", "purchases", "orders"],
        negativeReason: "negative conversions",
      },
      spend: { type: "number", required: true, aliases: ["spend", "spent", "cost", "costs", "adspend", "amountspent"], negativeReason: "negative spend" },
      revenue: { type: "number", required: false, aliases: ["revenue", "conversionvalue", "sales", "value"], negativeReason: "negative revenue" },
    },
    when: "date",
    signature: ["campaign", "clicks"],
    rejectsDuplicates: () => true,
    ownPeriod: true,
  },
  experiment: {
    kind: "experiment",
    description: "A/B test exposures: one row per user exposure, with the variant and whether the user converted",
    roles: {
      user: USER,
      time: { type: "time", required: true, aliases: ["timestamp", "time", "ts", "exposedat", "assignedat", "exposuretime", "date"] },
      variant: { type: "label", required: true, aliases: ["variant", "group", "arm", "bucket", "testgroup", "abgroup"], dict: "dim" },
      converted: { type: "flag", required: true, aliases: ["converted", "conversion", "isconverted", "convert"] },
      revenue: { type: "number", required: false, aliases: ["revenue", "value", "amount"], negativeReason: "negative revenue" },
      assignment: { type: "label", required: false, aliases: ["landingpage", "page", "treatment", "version"], dict: "dim" },
    },
    when: "time",
    signature: ["variant", "converted"],
    rejectsDuplicates: () => true,
    exposure: { unit: "user", arm: "variant", time: "time" },
    ownPeriod: true,
  },
};

/** Columns that match no role of a `keepOthers` kind are read as `attr.<header>` text. */
export const ATTRIBUTE_PREFIX = "attr.";

/** The channel roles of `customers`: the ways a customer can be reached. */
export const CHANNEL_ROLES = ["email", "sms", "push", "phone", "app"] as const;
export type ChannelRole = (typeof CHANNEL_ROLES)[number];

/**
 * Header spelling to match aliases: lower case, letters and digits only.
 * @example normaliseHeader(" Buy Ts "); // => "buyts"
 * @example normaliseHeader("source_id"); // => "sourceid"
 */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}
