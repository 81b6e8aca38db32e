/**
 * Turns CSV records of one dataset into table rows, or into rejections with
 * a reason. Pure: it sees fields, never files.
 */
import { ATTRIBUTE_PREFIX, KIND_SPECS, type Kind, type KindSpec, type RoleSpec } from "../schema/kinds.ts";
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

/** 53-bit FNV-1a-style hash of a record's text, fields separated. */
function hashFields(fields: readonly string[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const f of fields) {
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

export class DatasetReader {
  private readonly roles: readonly Role[];
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
      const h = hashFields(fields);
      const first = this.seen.get(h);
      if (first !== undefined && this.builder.equals(first, this.num, this.ref)) {
        this.rejections.add("duplicate", this.builder.files[file]!, line);
        return;
      }
      if (!this.isNew()) {
        this.rejections.add("duplicate id", this.builder.files[file]!, line);
        return;
      }
      const i = this.builder.append(this.num, this.ref, file, line);
      if (first === undefined) this.seen.set(h, i);
      return;
    }
    if (!this.isNew()) {
      this.rejections.add("duplicate id", this.builder.files[file]!, line);
      return;
    }
    this.builder.append(this.num, this.ref, file, line);
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
          const v = text === "" ? NaN : parseFlag(text);
          if (text !== "" && Number.isNaN(v)) return `unparseable ${name} flag`;
          this.num[name] = v;
          break;
        }
        case "time":
        case "date": {
          if (text === "" && !spec.required) {
            this.num[name] = NaN;
            break;
          }
          const v = spec.type === "time" ? parseTimestamp(text, this.zone) : parseDate(text);
          if (Number.isNaN(v)) return spec.type === "time" ? "unparseable timestamp" : "unparseable date";
          this.num[name] = v;
          break;
        }
        case "number": {
          if (text === "" && !spec.required) {
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
