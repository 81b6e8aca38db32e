/**
 * Turns CSV records of one dataset into table rows, or into rejections with
 * a reason. Pure: it sees fields, never files.
 */
import { ATTRIBUTE_PREFIX, FOLDED_DICTS, KIND_SPECS, type DictName, type Kind, type KindSpec, type RoleSpec } from "../schema/kinds.ts";
import type { Zone } from "../time/zone.ts";
import type { Rejections } from "./rejections.ts";
import { TableBuilder, type Dicts, type Table } from "./table.ts";
import { parseDate, parseFlag, parseNumber, parseTimestamp } from "./values.ts";

const ATTRIBUTE: RoleSpec = { type: "label", required: false, aliases: [] };

const roleSpec = (spec: KindSpec, role: string): RoleSpec => {
  const found = spec.roles[role] ?? (spec.keepOthers && role.startsWith(ATTRIBUTE_PREFIX) ? ATTRIBUTE : undefined);
  if (!found) throw new Error(`${spec.kind} has no role ${role}`);
  return found;
};

interface Role {
  readonly name: string;
  readonly spec: RoleSpec;
  readonly column: number;
}

/**
 * 53-bit FNV-1a-style hash of a record's text, fields separated. With
 * `fold`, each field is hashed trimmed and in lower case, as labels of
 * folding dictionaries are compared.
 */
function hashFields(fields: readonly string[], fold: boolean): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const field of fields) {
    const f = fold && !/^[\x21-\x40\x5b-\x7e]*$/.test(field) ? field.trim().toLowerCase() : field;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** A label of a folding dictionary that this dataset spelled in more than one way. */
export interface MergedLabel {
  readonly role: string;
  /** The label as shown: the most frequent spelling over every dataset. */
  readonly label: string;
  /** Each spelling in this dataset with its rows, most rows first. */
  readonly spellings: readonly { readonly text: string; readonly rows: number }[];
}

export class DatasetReader {
  private readonly roles: readonly Role[];
  /** For each role interned case-insensitively: label index → spelling → rows. */
  private readonly spelled: ReadonlyMap<string, Map<number, Map<string, number>>>;
  private readonly builder: TableBuilder;
  private readonly num: Record<string, number> = {};
  private readonly ref: Record<string, number> = {};
  /** Record hash → first row with it; confirmed by comparing values. */
  private readonly seen: Map<number, number> | null;
  private readonly notBefore: { role: string; than: string; reason: string } | undefined;
  /** The role computed as a product of two others, when its own column is absent. */
  private readonly derived: { role: string; product: readonly [string, string] } | undefined;
  /** Values seen of the `unique` role, when the kind has one. */
  private readonly unique: { role: string; seen: Set<number> } | undefined;
  private readonly dicts: Dicts;
  private readonly zone: Zone;
  private readonly rejections: Rejections;
  rows = 0;

  constructor(kind: Kind, name: string, columns: Readonly<Record<string, number>>, files: readonly string[], dicts: Dicts, zone: Zone, rejections: Rejections) {
    const spec = KIND_SPECS[kind];
    this.roles = Object.entries(columns).map(([roleName, column]) => ({ name: roleName, spec: roleSpec(spec, roleName), column }));
    const isNum = (r: Role): boolean => r.spec.type !== "id" && r.spec.type !== "label";
    this.derived = spec.derived && columns[spec.derived.role] === undefined ? spec.derived : undefined;
    this.unique = spec.unique !== undefined && columns[spec.unique] !== undefined ? { role: spec.unique, seen: new Set() } : undefined;
    this.builder = new TableBuilder(
      kind,
      name,
      [...this.roles.filter(isNum).map((r) => r.name), ...(this.derived ? [this.derived.role] : [])],
      this.roles.filter((r) => !isNum(r)).map((r) => r.name),
      files,
    );
    this.seen = spec.rejectsDuplicates(new Set(Object.keys(columns))) ? new Map() : null;
    this.notBefore = spec.notBefore && columns[spec.notBefore.role] !== undefined ? spec.notBefore : undefined;
    this.dicts = dicts;
    this.zone = zone;
    this.rejections = rejections;
    this.spelled = new Map(this.roles.filter((r) => r.spec.dict !== undefined && FOLDED_DICTS.has(r.spec.dict)).map((r) => [r.name, new Map()]));
  }

  /** Reads one record (not the header) of file `file` (index into `files`). */
  add(fields: readonly string[], headerCount: number, file: number, line: number): void {
    this.rows++;
    const reason = this.parse(fields, headerCount);
    if (reason !== null) {
      this.rejections.add(reason, this.builder.files[file]!, line);
      return;
    }
    if (this.seen) {
      // Labels are merged case-insensitively, so duplicates are too.
      const h = hashFields(fields, this.spelled.size > 0);
      const first = this.seen.get(h);
      if (first !== undefined && this.builder.equals(first, this.num, this.ref)) {
        this.rejections.add("duplicate", this.builder.files[file]!, line);
        return;
      }
      if (!this.isNew()) {
        this.rejections.add("duplicate id", this.builder.files[file]!, line);
        return;
      }
      const i = this.accept(fields, file, line);
      if (first === undefined) this.seen.set(h, i);
      return;
    }
    if (!this.isNew()) {
      this.rejections.add("duplicate id", this.builder.files[file]!, line);
      return;
    }
    this.accept(fields, file, line);
  }

  /** Appends the parsed row; returns its index. */
  private accept(fields: readonly string[], file: number, line: number): number {
    if (this.spelled.size > 0) this.countSpellings(fields);
    return this.builder.append(this.num, this.ref, file, line);
  }

  private countSpellings(fields: readonly string[]): void {
    for (const { name, column } of this.roles) {
      const byLabel = this.spelled.get(name);
      const id = this.ref[name]!;
      if (!byLabel || id < 0) continue;
      const text = fields[column]!.trim();
      let counts = byLabel.get(id);
      if (!counts) byLabel.set(id, (counts = new Map()));
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }

  /** Rows per spelling of each label of a folding dictionary, in rows used. */
  spellings(): { dict: DictName; id: number; text: string; rows: number }[] {
    const out: { dict: DictName; id: number; text: string; rows: number }[] = [];
    for (const { name, spec } of this.roles) {
      for (const [id, counts] of this.spelled.get(name) ?? []) for (const [text, rows] of counts) out.push({ dict: spec.dict!, id, text, rows });
    }
    return out;
  }

  /**
   * The labels this dataset spelled in several ways (call after the
   * dictionaries are settled), by role and label.
   */
  mergedLabels(): MergedLabel[] {
    const out: MergedLabel[] = [];
    for (const { name, spec } of this.roles) {
      const byLabel = this.spelled.get(name);
      if (!byLabel) continue;
      const labels = this.dicts[spec.dict!].labels;
      for (const [id, counts] of byLabel) {
        if (counts.size < 2) continue;
        const spellings = [...counts].map(([text, rows]) => ({ text, rows })).sort((a, b) => b.rows - a.rows || (a.text < b.text ? -1 : 1));
        out.push({ role: name, label: labels[id]!, spellings });
      }
    }
    return out.sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  /** Whether the row's `unique` value is new (and remembers it). */
  private isNew(): boolean {
    if (!this.unique) return true;
    const v = this.ref[this.unique.role]!;
    if (this.unique.seen.has(v)) return false;
    this.unique.seen.add(v);
    return true;
  }

  /** Fills the scratch values; returns a rejection reason or null. */
  private parse(fields: readonly string[], headerCount: number): string | null {
    if (fields.length !== headerCount) return `wrong number of fields`;
    for (const { name, spec, column } of this.roles) {
      const text = fields[column]!.trim();
      switch (spec.type) {
        case "id":
        case "label": {
          if (text === "") {
            if (spec.required) return spec.type === "id" ? "missing id" : `missing ${name}`;
            this.ref[name] = -1;
          } else {
            if (spec.prefixReason && text.startsWith(spec.prefixReason.prefix)) return spec.prefixReason.reason;
            this.ref[name] = this.dicts[spec.dict ?? "label"].id(text);
          }
          break;
        }
        case "flag": {
          if (text === "" && spec.required) return `missing ${name}`;
          const v = text === "" ? NaN : parseFlag(text);
          if (text !== "" && Number.isNaN(v)) return `unparseable ${name} flag`;
          this.num[name] = v;
          break;
        }
        case "time":
        case "date": {
          if (text === "") {
            if (spec.required) return `missing ${name}`;
            this.num[name] = NaN;
            break;
          }
          const v = spec.type === "time" ? parseTimestamp(text, this.zone) : parseDate(text);
          if (Number.isNaN(v)) return spec.type === "time" ? "unparseable timestamp" : "unparseable date";
          this.num[name] = v;
          break;
        }
        case "number": {
          if (text === "") {
            if (spec.required) return `missing ${name}`;
            this.num[name] = NaN;
            break;
          }
          const v = parseNumber(text);
          if (Number.isNaN(v)) return "unparseable number";
          if (v < 0 && spec.negativeReason) return spec.negativeReason;
          if (v <= 0 && spec.nonPositiveReason) return spec.nonPositiveReason;
          this.num[name] = v;
          break;
        }
      }
    }
    const d = this.derived;
    if (d) this.num[d.role] = this.num[d.product[0]]! * this.num[d.product[1]]!;
    const nb = this.notBefore;
    if (nb && this.num[nb.role]! < this.num[nb.than]!) return nb.reason;
    return null;
  }

  get used(): number {
    return this.builder.length;
  }

  build(): Table {
    return this.builder.build();
  }
}
