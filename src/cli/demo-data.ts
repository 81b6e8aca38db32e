import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { COSTS_HEADER, DEMO_FILES, ORDERS_HEADER, VISITS_HEADER, generateDemo } from "../demo/generate.ts";
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

export const demoData: Command = {
  name: "demo-data",
  summary: "write a deterministic demo dataset (visits, orders, costs) with a planted structure",
  usage: `romi demo-data --out DIR [--seed N] [--scale X]

  --out DIR    folder to write visits.csv, orders.csv and costs.csv into (created if missing)
  --seed N     whole number from 0 to 4294967295 (default: 1); the same seed gives the same bytes
  --scale X    size from 0.01 to 20 (default: 1, about 300k sessions and 50k orders)

The planted structure (which sources pay back, seasonality, bad rows) is
described in data/README.md.`,
  async run(io) {
    const flags = parseFlags(io.args, { out: { type: "string" }, seed: { type: "string" }, scale: { type: "string" } });
    const out = required(flags.out, "--out");
    const seed = numberFlag(flags.seed, "--seed", 1, 0, 0xffffffff);
    if (!Number.isInteger(seed)) throw new UsageError(`invalid --seed: ${flags.seed} (expected a whole number from 0 to 4294967295)`);
    const scale = numberFlag(flags.scale, "--scale", 1, 0.01, 20);

    mkdirSync(out, { recursive: true });
    const files: LineFile[] = [];
    try {
      const visits = new LineFile(join(out, DEMO_FILES.visits), VISITS_HEADER);
      files.push(visits);
      const orders = new LineFile(join(out, DEMO_FILES.orders), ORDERS_HEADER);
      files.push(orders);
      const costs = new LineFile(join(out, DEMO_FILES.costs), COSTS_HEADER);
      files.push(costs);
      generateDemo({ seed, scale }, { visit: (line) => visits.line(line), order: (line) => orders.line(line), cost: (line) => costs.line(line) });
      for (const file of files.splice(0)) file.close();
      io.stdout(
        `romi: wrote ${out} (seed ${seed}, scale ${scale}): ${DEMO_FILES.visits} ${visits.rows} rows, ` +
          `${DEMO_FILES.orders} ${orders.rows} rows, ${DEMO_FILES.costs} ${costs.rows} rows\n`,
      );
      return 0;
    } finally {
      // Only after an error: close what is open, leaving partial files.
      for (const file of files) file.abort();
    }
  },
};
