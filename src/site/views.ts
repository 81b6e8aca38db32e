/**
 * What pages lay out: tiles, rendered charts, tables of formatted text and
 * recommendation cards. Every value in a view is already written for
 * reading; components compute nothing.
 */
import type { Recommendation } from "../schema/report.ts";

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly description: string;
  readonly svgWide: string;
  readonly svgNarrow: string;
}

/** A table: header cells and rows of formatted text; `id` names its CSV. */
export interface Table {
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly string[];
  /** Which columns hold numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  /** Which columns hold identifiers (metric ids): they wrap after `.`, `_`, `{` and `,`, never inside a word. */
  readonly identifiers?: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
}

/** A table whose rows can be emphasised (a segment's best channel), shown as cards on a phone. */
export interface CardTableView {
  readonly table: Table;
  /** Per row: whether it is emphasised. */
  readonly emphasis: readonly boolean[];
  /** How many leading columns head a row's card on a phone (1 when absent): "18-24 · Email". */
  readonly head?: number;
  /**
   * On a phone, only the first `rows` cards show and the others open under
   * `summary`, so that a long table does not bury the page below it; a
   * desktop shows every row.
   */
  readonly fold?: { readonly rows: number; readonly summary: string };
}

export interface Kpi {
  readonly label: string;
  readonly value: string;
  readonly hint: string;
}

/** Tiles, then charts: the top of most pages. */
export interface ChartPage {
  readonly kpis: readonly Kpi[];
  readonly charts: readonly Chart[];
}

export interface RecommendationView {
  /** The subject for reading: a source, a segment, "CLV band 5", a campaign's id and name. */
  readonly subject: string;
  /** The subject as the rule gave it, e.g. `{ campaign: "CMP-101", dataset: "a.csv" }`. */
  readonly key: Readonly<Record<string, string>>;
  readonly action: Recommendation["action"];
  /** The id of the rule that decided, e.g. `channel.pays-back`: the CSV's and the card's tooltip. */
  readonly rule: string;
  /** The rule's plain name, e.g. "Pays back within the horizon": what the card shows. */
  readonly ruleName: string;
  readonly why: string;
  readonly confidence: Recommendation["confidence"];
  /** The numbers the rule used that have a value; one it could not measure (null) is left out, never shown as 0 or "n/a". */
  readonly numbers: readonly { label: string; value: string }[];
}

/** A link within a page: "Jump to: search, email, …". */
export interface Anchor {
  readonly anchor: string;
  readonly label: string;
}
