/**
 * Which kind a file is, and which column holds each role, from its headers
 * alone (or from `datasets.<file>` in the config).
 */
import type { DatasetConfig } from "../schema/config.ts";
import { ATTRIBUTE_PREFIX, KIND_SPECS, KINDS, normaliseHeader, type Kind } from "../schema/kinds.ts";

export type Detection =
  | { readonly status: "ok"; readonly kind: Kind; readonly columns: Readonly<Record<string, number>> }
  /** Recognised as a kind, but a required column is missing: the file cannot be used. */
  | { readonly status: "error"; readonly message: string }
  /** Not a dataset romi knows; listed as ignored. */
  | { readonly status: "unknown"; readonly message: string };

/** Role → column index for one kind; explicit columns win over aliases. */
function mapRoles(kind: Kind, headers: readonly string[], explicit: Readonly<Record<string, string>>): Record<string, number> {
  const normalised = headers.map(normaliseHeader);
  const columns: Record<string, number> = {};
  for (const [role, spec] of Object.entries(KIND_SPECS[kind].roles)) {
    const wanted = explicit[role];
    if (wanted !== undefined) {
      let i = headers.indexOf(wanted);
      if (i < 0) i = normalised.indexOf(normaliseHeader(wanted));
      if (i >= 0) columns[role] = i;
      continue;
    }
    for (const alias of spec.aliases) {
      const i = normalised.indexOf(alias);
      if (i >= 0) {
        columns[role] = i;
        break;
      }
    }
  }
  return columns;
}

/**
 * @example detect("orders.csv", ["Buy Ts", "Revenue", "Uid"]); // => { status: "ok", kind: "orders", columns: { user: 2, time: 0, revenue: 1 } }
 */
export function detect(file: string, headers: readonly string[], config: DatasetConfig = {}): Detection {
  const explicit = config.columns ?? {};
  const candidates: Kind[] = config.kind
    ? [config.kind]
    : KINDS.filter((k) => KIND_SPECS[k].signature.every((r) => mapRoles(k, headers, explicit)[r] !== undefined));
  const found = `found headers: ${headers.map((h) => JSON.stringify(h)).join(", ")}`;
  if (candidates.length === 0) {
    return { status: "unknown", message: `${file}: not a ${KINDS.slice(0, -1).join(", ")} or ${KINDS.at(-1)!} file (${found})` };
  }
  // Several kinds match: the one that recognises the most columns, in KINDS order on a tie.
  let best = candidates[0]!;
  let bestColumns = mapRoles(best, headers, explicit);
  for (const k of candidates.slice(1)) {
    const columns = mapRoles(k, headers, explicit);
    if (Object.keys(columns).length > Object.keys(bestColumns).length) {
      best = k;
      bestColumns = columns;
    }
  }
  const derived = KIND_SPECS[best].derived;
  for (const [role, spec] of Object.entries(KIND_SPECS[best].roles)) {
    const computable = derived?.role === role && derived.product.every((r) => bestColumns[r] !== undefined);
    if (spec.required && !spec.mayBeAbsent && bestColumns[role] === undefined && !computable) {
      const lookedFor = explicit[role] !== undefined ? JSON.stringify(explicit[role]) : spec.aliases.join(", ");
      const instead = derived?.role === role ? ` or both ${derived.product.join(" and ")} columns` : "";
      return {
        status: "error",
        message: `${file}: ${best} file lacks the ${role} column${instead} (looked for: ${lookedFor}); ${found}`,
      };
    }
  }
  for (const role of Object.keys(explicit)) {
    if (!(role in KIND_SPECS[best].roles)) {
      return {
        status: "error",
        message: `${file}: unknown role "${role}" for ${best} in datasets.columns (roles: ${Object.keys(KIND_SPECS[best].roles).join(", ")})`,
      };
    }
  }
  if (KIND_SPECS[best].keepOthers) {
    const used = new Set(Object.values(bestColumns));
    headers.forEach((h, i) => {
      if (!used.has(i) && h !== "") bestColumns[`${ATTRIBUTE_PREFIX}${h}`] = i;
    });
  }
  return { status: "ok", kind: best, columns: bestColumns };
}
