import { diffReports } from "../diff/compare.ts";
import { formatMarkdown } from "../diff/markdown.ts";
import { InputError, readReport, readThresholds } from "../diff/read.ts";
import { checkThresholds, parsePattern } from "../diff/thresholds.ts";
import { numberFlag, parseFlags, UsageError, type Command } from "./args.ts";

export const diff: Command = {
  name: "diff",
  summary: "compare two metrics.json files: a PR comment, and a check against thresholds",
  usage: `romi diff BASE HEAD [--format markdown|json] [--thresholds FILE] [--max-rows N] [--ack PATTERN]…

  BASE, HEAD        metrics.json files, or folders that contain one
  --format F        markdown (default; a PR comment) or json
  --thresholds FILE rules that fail the check (see docs/versions.md: Thresholds)
  --max-rows N      rows in the "largest changes" table (default 10)
  --ack PATTERN     a fact pattern whose breaches are expected, e.g.
                    'romi{source=3}'; '*' acknowledges every breach

Exits with 1 when a threshold rule is broken and not acknowledged, and with
2 when an input is not a romi metrics.json or a usage is wrong.`,
  async run(io) {
    const positional = io.args.filter(
      (a, i) => !a.startsWith("--") && !(i > 0 && ["--format", "--thresholds", "--max-rows", "--ack"].includes(io.args[i - 1]!)),
    );
    const flags = parseFlags(
      io.args.filter((a) => !positional.includes(a)),
      { format: { type: "string" }, thresholds: { type: "string" }, "max-rows": { type: "string" }, ack: { type: "string", multiple: true } },
    );
    if (positional.length !== 2) throw new UsageError(`expected BASE and HEAD, got ${positional.length} argument${positional.length === 1 ? "" : "s"}`);
    const format = flags.format ?? "markdown";
    if (format !== "markdown" && format !== "json") throw new UsageError(`invalid --format: ${format} (expected markdown or json)`);
    const maxRows = numberFlag(flags["max-rows"], "--max-rows", 10, 1, 1000);
    const acks = flags.ack ?? [];
    try {
      for (const a of acks) if (a.trim() !== "*") parsePattern(a);
    } catch (e) {
      throw new UsageError(`invalid --ack: ${(e as Error).message}`);
    }
    try {
      const [base, head] = [await readReport(positional[0]!), await readReport(positional[1]!)];
      const thresholds = flags.thresholds ? await readThresholds(flags.thresholds) : null;
      const changes = diffReports(base, head);
      const result = thresholds ? checkThresholds(changes, base, head, thresholds, acks) : null;
      io.stdout(
        format === "json"
          ? `${JSON.stringify({ diff: changes, thresholds: result }, null, 2)}\n`
          : formatMarkdown(changes, result, { locale: head.locale, currency: head.currency, maxRows }),
      );
      return result?.breaches.some((b) => !b.acknowledged) ? 1 : 0;
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(e.message);
      throw e;
    }
  },
};
