import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import { BANK_CUSTOMERS_HEADER, BANK_FILES, BANK_MCC_HEADER, BANK_TRANSACTIONS_HEADER, generateBank } from "../demo/bank.ts";
import { CAMPAIGN_FILES, CAMPAIGNS_HEADER, EXPERIMENT_HEADER, generateCampaigns } from "../demo/campaigns.ts";
import { COSTS_HEADER, CUSTOMERS_HEADER, DEMO_FILES, ORDERS_HEADER, VISITS_HEADER, generateDemo } from "../demo/generate.ts";
import { numberFlag, parseFlags, required, UsageError, type Command } from "./args.ts";

/** Lines are written in batches of about this many characters. */
const BATCH_CHARS = 1 << 20;

/**
 * A file written line by line in ~1 MB batches. Writes are synchronous, so
 * memory stays at one batch however large the file (the generator is
 * synchronous and could not wait for a stream's backpressure).
 */
class LineFile {
  readonly path: string;
  rows = 0;
  private readonly fd: number;
  private batch = "";

  constructor(path: string, header: string) {
    this.path = path;
    this.fd = openSync(path, "w");
    this.batch = `${header}\n`;
  }

  line(text: string): void {
    this.batch += `${text}\n`;
    this.rows++;
    if (this.batch.length >= BATCH_CHARS) this.flush();
  }

  flush(): void {
    if (this.batch.length > 0) writeSync(this.fd, this.batch);
    this.batch = "";
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes without writing what is left. */
  abort(): void {
    this.batch = "";
    closeSync(this.fd);
  }
}

/** The kinds of demo dataset, the first being the default. */
const KINDS = ["funnel", "bank", "campaigns"] as const;
export type DemoKind = (typeof KINDS)[number];

export const demoData: Command = {
  name: "demo-data",
  summary:
    "write a deterministic demo dataset (funnel: visits, orders, costs, customers; bank: customers, card transactions, MCC codes; campaigns: campaign results, an A/B test)",
  usage: `romi demo-data --out DIR [--kind funnel|bank|campaigns] [--seed N] [--scale X]

  --out DIR    folder to write the files into (created if missing)
  --kind K     funnel (default): visits.csv, orders.csv, costs.csv and customers.csv, a
               Y.Afisha-shaped shop with planted acquisition sources and customer attributes;
               bank: customers.csv, transactions.csv and mcc_codes.csv, card purchases
               with MCC codes and five planted customer segments;
               campaigns: campaigns.csv (daily results by campaign, region, segment and
               device, with a planted launch lift, a segment winner and a wasteful campaign)
               and experiment.csv (an A/B test of a landing page, +1.5 points planted)
  --seed N     whole number from 0 to 4294967295 (default: 1); the same seed gives the same bytes
  --scale X    size from 0.01 to 100 (default: 1: funnel about 300k sessions and 50k orders,
               bank about 1,000 customers and 200k transactions; campaigns: the expected
               counts of each campaigns.csv row (same 13,737 rows) and the experiment's
               24,000 users, scale 1 being the committed data)

data/README.md describes the funnel and campaigns data's planted structure
(which sources pay back, seasonality, bad rows); docs/data.md lists the bank
data's segments.`,
  async run(io) {
    const flags = parseFlags(io.args, { out: { type: "string" }, kind: { type: "string" }, seed: { type: "string" }, scale: { type: "string" } });
    const out = required(flags.out, "--out");
    const kind = KINDS.find((k) => k === (flags.kind ?? KINDS[0]));
    if (kind === undefined) throw new UsageError(`invalid --kind: ${flags.kind} (expected ${KINDS.slice(0, -1).join(", ")} or ${KINDS.at(-1)})`);
    const seed = numberFlag(flags.seed, "--seed", 1, 0, 0xffffffff);
    if (!Number.isInteger(seed)) throw new UsageError(`invalid --seed: ${flags.seed} (expected a whole number from 0 to 4294967295)`);
    const scale = numberFlag(flags.scale, "--scale", 1, 0.01, 100);

    const written = writeDemoData(out, kind, seed, scale);
    const counts = written.map(([name, rows]) => `${name} ${rows} rows`).join(", ");
    io.stdout(`romi: wrote ${out} (${kind === "funnel" ? "" : `${kind}, `}seed ${seed}, scale ${scale}): ${counts}\n`);
    return 0;
  },
};

/** Writes the demo dataset of `kind` into `out` (created if missing): each file's name and rows. */
export function writeDemoData(out: string, kind: DemoKind, seed: number, scale: number): [name: string, rows: number][] {
  mkdirSync(out, { recursive: true });
  const files: LineFile[] = [];
  const open = (name: string, header: string): LineFile => {
    const file = new LineFile(join(out, name), header);
    files.push(file);
    return file;
  };
  try {
    let written: readonly LineFile[];
    if (kind === "bank") {
      const customers = open(BANK_FILES.customers, BANK_CUSTOMERS_HEADER);
      const transactions = open(BANK_FILES.transactions, BANK_TRANSACTIONS_HEADER);
      const mccCodes = open(BANK_FILES.mccCodes, BANK_MCC_HEADER);
      generateBank(
        { seed, scale },
        { customer: (line) => customers.line(line), transaction: (line) => transactions.line(line), mcc: (line) => mccCodes.line(line) },
      );
      written = [customers, transactions, mccCodes];
    } else if (kind === "campaigns") {
      const campaigns = open(CAMPAIGN_FILES.campaigns, CAMPAIGNS_HEADER);
      const experiment = open(CAMPAIGN_FILES.experiment, EXPERIMENT_HEADER);
      generateCampaigns({ seed, scale }, { campaign: (line) => campaigns.line(line), experiment: (line) => experiment.line(line) });
      written = [campaigns, experiment];
    } else {
      const visits = open(DEMO_FILES.visits, VISITS_HEADER);
      const orders = open(DEMO_FILES.orders, ORDERS_HEADER);
      const costs = open(DEMO_FILES.costs, COSTS_HEADER);
      const customers = open(DEMO_FILES.customers, CUSTOMERS_HEADER);
      generateDemo(
        { seed, scale },
        {
          visit: (line) => visits.line(line),
          order: (line) => orders.line(line),
          cost: (line) => costs.line(line),
          customer: (line) => customers.line(line),
        },
      );
      written = [visits, orders, costs, customers];
    }
    for (const file of files.splice(0)) file.close();
    return written.map((file) => [basename(file.path), file.rows]);
  } finally {
    // Only after an error: close what is open, leaving partial files.
    for (const file of files) file.abort();
  }
}
