/**
 * The report timezone. romi keeps every timestamp as wall-clock milliseconds
 * in this zone ("wall ms": the zone's local date and time, encoded as if it
 * were UTC). Timestamps written without a zone are taken as wall-clock
 * already; timestamps with an offset or `Z` are converted with `toWall`.
 * Elapsed time (session length) goes back to instants with `toInstant`, so a
 * session across a daylight-saving change has its true length.
 */
export interface Zone {
  readonly name: string;
  /** Wall-clock ms in this zone of an instant (epoch ms). */
  toWall(instantMs: number): number;
  /** Instant (epoch ms) of a wall-clock time in this zone; the earlier one when ambiguous. */
  toInstant(wallMs: number): number;
}

const UTC: Zone = { name: "UTC", toWall: (t) => t, toInstant: (t) => t };

/** Offsets change on quarter hours at the finest, so cache them by quarter hour. */
const STEP_MS = 15 * 60_000;

/**
 * A zone by IANA name.
 * @throws `invalid timezone: Mars/Base` for a name Intl does not know.
 */
export function zone(name: string): Zone {
  if (name === "UTC" || name === "Etc/UTC") return UTC;
  let format: Intl.DateTimeFormat;
  try {
    // Intl here reads a zone's wall-clock fields to find its offsets, not to show a date.
    // eslint-disable-next-line no-restricted-syntax
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new Error(`invalid timezone: ${name}`);
  }
  const cache = new Map<number, number>();
  /** Offset (wall − instant) in ms at an instant. */
  const offsetAt = (instantMs: number): number => {
    const key = Math.floor(instantMs / STEP_MS);
    let offset = cache.get(key);
    if (offset === undefined) {
      const at = key * STEP_MS;
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(at)) parts[p.type] = Number(p.value);
      const wall = Date.UTC(parts["year"]!, parts["month"]! - 1, parts["day"]!, parts["hour"]!, parts["minute"]!, parts["second"]!);
      offset = wall - at;
      cache.set(key, offset);
    }
    return offset;
  };
  return {
    name,
    toWall: (t) => t + offsetAt(t),
    toInstant: (wall) => {
      // The offsets half a day either side bracket any transition near `wall`.
      const before = wall - offsetAt(wall - 43_200_000);
      const after = wall - offsetAt(wall + 43_200_000);
      const valid = [before, after].filter((t) => t + offsetAt(t) === wall);
      // Ambiguous (clocks went back): the earlier instant. In a gap (clocks
      // went forward): the pre-transition offset, as Temporal's "compatible".
      return valid.length > 0 ? Math.min(...valid) : before;
    },
  };
}
