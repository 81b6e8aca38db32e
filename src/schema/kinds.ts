/**
 * Dataset kinds: which columns ("roles") each kind has, how they parse, and
 * the header spellings recognised without configuration. This table is the
 * single source for detection, parsing and the alias table in the README
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
  | "number";

export interface RoleSpec {
  readonly type: RoleType;
  readonly required: boolean;
  /** Normalised header spellings (see `normaliseHeader`), the first is canonical. */
  readonly aliases: readonly string[];
  /** Rows with a negative value are rejected with this reason. */
  readonly negativeReason?: string;
  /**
   * Interning dictionary shared across datasets, so that e.g. a user id in
   * visits and in orders, or a source in visits and in costs, are the same.
   */
  readonly dict?: "user" | "source" | "device" | "order";
}

export interface KindSpec {
  readonly kind: Kind;
  readonly description: string;
  readonly roles: Readonly<Record<string, RoleSpec>>;
  /** The role that dates a row, for the report period. */
  readonly when: string;
  /** Roles whose header marks a file as this kind, even if other columns are missing. */
  readonly signature: readonly string[];
  /** Whether exact duplicate rows are rejected, given the roles present. */
  readonly rejectsDuplicates: (roles: ReadonlySet<string>) => boolean;
  /** A row whose `role` value is before its `than` value is rejected with `reason`. */
  readonly notBefore?: { readonly role: string; readonly than: string; readonly reason: string };
}

export const KINDS = ["visits", "orders", "costs"] as const;
export type Kind = (typeof KINDS)[number];

const USER: RoleSpec = {
  type: "id",
  required: true,
  aliases: ["uid", "userid", "user", "clientid", "customerid", "visitorid"],
  dict: "user",
};

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
    description: "orders: one row per order",
    roles: {
      user: USER,
      time: {
        type: "time",
        required: true,
        aliases: ["buyts", "ordertime", "orderts", "orderdate", "ordereddate", "purchasetime", "purchasedate", "orderedat"],
      },
      revenue: {
        type: "number",
        required: true,
        aliases: ["revenue", "ordertotal", "total", "amount", "value", "sales"],
        negativeReason: "negative revenue",
      },
      order: { type: "id", required: false, aliases: ["orderid", "order", "transactionid"], dict: "order" },
    },
    when: "time",
    signature: ["time"],
    // Without an order id, identical rows are separate purchases (CDNOW has
    // same-day repeats), so only orders with ids drop exact duplicates.
    rejectsDuplicates: (roles) => roles.has("order"),
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
};

/**
 * Header spelling to match aliases: lower case, letters and digits only.
 * @example normaliseHeader(" Buy Ts "); // => "buyts"
 * @example normaliseHeader("source_id"); // => "sourceid"
 */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}
