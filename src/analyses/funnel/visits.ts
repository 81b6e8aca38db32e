/**
 * Product metrics from the session log: active users, stickiness, session
 * length and monthly retention cohorts.
 *
 * Reductions (SQL, over every visits dataset stacked): sessions and
 * distinct users per day; distinct users per complete ISO week; each
 * user's first session (first touch); distinct users per first-touch
 * cohort and complete month; sessions per device and length. The model
 * below reads only those tables.
 */
import type { Reduction, ResultTable, Sources } from "../analysis.ts";
import { numbers, stacked } from "../analysis.ts";
import type { Config } from "../../schema/config.ts";
import { summariseCounts } from "../../stats/distribution.ts";
import { DAY_MS, dayLabel, monthFirstDay, monthLabel } from "../../time/calendar.ts";
import { completeMonthIndex } from "../../time/period.ts";
import { ratio, type FactSink } from "../facts.ts";
import { SERIES, SESSION_LENGTH_MAX_MIN, unitBin, type Series, type SeriesRow } from "../series.ts";
import { UNKNOWN, type FunnelContext } from "./context.ts";

/** Per user, their first session: what the source metrics need. */
export interface FirstSessions {
  /** Wall ms of the user's earliest session; +Infinity for users without one. */
  readonly start: Float64Array;
  /** Source index of that session (-1: none given); on a tie, the smaller label. */
  readonly source: Int32Array;
}

/** The visits reduced: what `visitsMetrics` reads. */
export interface VisitData {
  /** Per day with sessions: day number, sessions and distinct users. */
  readonly days: ResultTable;
  /** Per complete ISO week (index into the period's weeks): distinct users. */
  readonly weeks: ResultTable;
  /** Per visiting user: the first session's start and source. */
  readonly firsts: ResultTable;
  /** Per first-touch cohort (a complete month index, or -1) and complete month: distinct users. */
  readonly months: ResultTable;
  /** Per device and session length in seconds: sessions, and the place of the device's first; null without session ends. */
  readonly lengths: ResultTable | null;
}

const ROLES = [
  { role: "user", text: true },
  { role: "start", text: false },
  { role: "end", text: false },
  { role: "source", text: true },
  { role: "device", text: true },
] as const;

/**
 * The visits reductions, or none without visits. First touch is the
 * earliest start; a tie on time goes to the smaller source label (an empty
 * source sorts first), then to the smaller source index.
 */
export function visitReductions(sources: Sources, config: Config): Record<string, Reduction> {
  const v = stacked(sources, "visits", ROLES);
  if (!v || !sources.calendar) return {};
  const d = sources.dialect;
  const [user, start, end, source, device] = ROLES.map((r) => d.ident(r.role));
  const firsts = `SELECT u, t, s FROM (SELECT v.${user} AS u, v.${start} AS t, v.${source} AS s, row_number() OVER (PARTITION BY v.${user} ORDER BY v.${start}, coalesce(l.label, ''), v.${source}) AS r FROM ${v} AS v LEFT JOIN ${sources.labels("source")} AS l ON l.idx = v.${source}) AS f WHERE r = 1`;
  const cohorts = `SELECT f.u AS u, coalesce(c.month, -1) AS cohort FROM (${firsts}) AS f LEFT JOIN ${sources.calendar} AS c ON c.day = floor(f.t / ${DAY_MS})`;
  const zone = config.timezone;
  const instant = (t: string): string => (zone === "UTC" || zone === "Etc/UTC" ? t : d.instantMs(`CAST(${t} AS BIGINT)`, zone));
  const hasEnd = (sources.datasets.visits ?? []).some((s) => s.roles.has("end"));
  return {
    days: {
      sql: `SELECT _day AS day, count(*) AS sessions, count(DISTINCT ${user}) AS users FROM ${v} AS v GROUP BY _day`,
      numeric: ["day", "sessions", "users"],
    },
    weeks: {
      sql: `SELECT c.week AS week, count(DISTINCT v.${user}) AS users FROM ${v} AS v JOIN ${sources.calendar} AS c ON c.day = v._day WHERE c.week >= 0 GROUP BY c.week`,
      numeric: ["week", "users"],
    },
    firsts: { sql: firsts, numeric: ["u", "t", "s"] },
    months: {
      sql: `SELECT h.cohort AS cohort, c.month AS month, count(DISTINCT v.${user}) AS users FROM ${v} AS v JOIN ${sources.calendar} AS c ON c.day = v._day JOIN (${cohorts}) AS h ON h.u = v.${user} WHERE c.month >= 0 GROUP BY h.cohort, c.month`,
      numeric: ["cohort", "month", "users"],
    },
    ...(hasEnd
      ? {
          lengths: {
            sql: `SELECT ${device} AS device, (${instant(`v.${end}`)} - ${instant(`v.${start}`)}) / 1000.0 AS seconds, count(*) AS sessions, min(_seq) AS first FROM ${v} AS v WHERE v.${end} IS NOT NULL GROUP BY ${device}, seconds`,
            numeric: ["device", "seconds", "sessions", "first"],
          },
        }
      : {}),
  };
}

/** The visits reductions' results, or null when there were none (no visits). */
export function visitData(reduced: Readonly<Record<string, ResultTable>>): VisitData | null {
  const { days, weeks, firsts, months } = reduced;
  if (!days || !weeks || !firsts || !months) return null;
  return { days, weeks, firsts, months, lengths: reduced["lengths"] ?? null };
}

/** Each user's first session, as arrays by user index (+Infinity and -1 for users without one). */
export function firstSessions(firsts: ResultTable, userCount: number): FirstSessions {
  const out: FirstSessions = { start: new Float64Array(userCount).fill(Infinity), source: new Int32Array(userCount).fill(-1) };
  const u = numbers(firsts, "u");
  const t = numbers(firsts, "t");
  const s = numbers(firsts, "s");
  for (let i = 0; i < u.length; i++) {
    out.start[u[i]!] = t[i]!;
    out.source[u[i]!] = s[i]!;
  }
  return out;
}

export function visitsMetrics(data: VisitData, ctx: FunnelContext, sink: FactSink, series: Series): FirstSessions {
  const { frame, userCount } = ctx;
  const first = firstSessions(data.firsts, userCount);
  const usersPerDay = new Float64Array(frame.days);
  const sessionsPerDay = new Float64Array(frame.days);
  {
    const day = numbers(data.days, "day");
    const sessions = numbers(data.days, "sessions");
    const users = numbers(data.days, "users");
    for (let i = 0; i < day.length; i++) {
      usersPerDay[day[i]! - frame.range.from] = users[i]!;
      sessionsPerDay[day[i]! - frame.range.from] = sessions[i]!;
    }
  }
  sink.add(
    "visits.sessions",
    sessionsPerDay.reduce((a, b) => a + b, 0),
  );
  sink.add("visits.users", numbers(data.firsts, "u").length);

  // DAU and sessions per user per day.
  let dauSum = 0;
  let perUserSum = 0;
  let activeDays = 0;
  for (let d = 0; d < frame.days; d++) {
    dauSum += usersPerDay[d]!;
    if (sessionsPerDay[d]! > 0) {
      perUserSum += sessionsPerDay[d]! / usersPerDay[d]!;
      activeDays++;
    }
  }
  const dau = dauSum / frame.days;
  sink.add("dau", dau);
  if (activeDays > 0) sink.add("sessions.per_user_day", perUserSum / activeDays);
  const active: SeriesRow[] = [];
  const perUser: SeriesRow[] = [];
  for (let d = 0; d < frame.days; d++) {
    const date = dayLabel(frame.range.from + d);
    active.push({ date, metric: "DAU", users: usersPerDay[d]! });
    const sessions = sessionsPerDay[d]!;
    if (sessions > 0) perUser.push({ date, sessions, users: usersPerDay[d]!, sessions_per_user: sessions / usersPerDay[d]! });
  }
  series[SERIES.sessionsPerUserDay] = perUser;

  // WAU over complete ISO weeks.
  if (frame.weeks.length > 0) {
    const usersPerWeek = new Float64Array(frame.weeks.length);
    const week = numbers(data.weeks, "week");
    const users = numbers(data.weeks, "users");
    for (let i = 0; i < week.length; i++) usersPerWeek[week[i]!] = users[i]!;
    frame.weeks.forEach((monday, w) => active.push({ date: dayLabel(monday), metric: "WAU", users: usersPerWeek[w]! }));
    const wau = usersPerWeek.reduce((a, b) => a + b, 0) / frame.weeks.length;
    sink.add("wau", wau);
    sink.add("sticky.dau_wau", ratio(dau, wau));
  }

  // MAU and retention over complete months.
  const months = frame.months.length;
  if (months > 0) {
    const cohortSize = new Float64Array(months);
    for (let u = 0; u < userCount; u++) {
      const t = first.start[u]!;
      if (t < Infinity) {
        const c = completeMonthIndex(frame, Math.floor(t / DAY_MS));
        if (c >= 0) cohortSize[c]!++;
      }
    }
    const retained = new Float64Array(months * months); // [cohort * months + month]
    const usersPerMonth = new Float64Array(months);
    const cohort = numbers(data.months, "cohort");
    const month = numbers(data.months, "month");
    const users = numbers(data.months, "users");
    for (let i = 0; i < cohort.length; i++) {
      const c = cohort[i]!;
      const m = month[i]!;
      usersPerMonth[m]! += users[i]!;
      if (c >= 0 && m >= c) retained[c * months + m]! += users[i]!;
    }
    const mau = usersPerMonth.reduce((a, b) => a + b, 0) / months;
    sink.add("mau", mau);
    sink.add("sticky.dau_mau", ratio(dau, mau));
    // Sticky factor per month: the month's mean DAU over its MAU.
    const dauSumPerMonth = new Float64Array(months);
    const daysPerMonth = new Float64Array(months);
    for (let d = 0; d < frame.days; d++) {
      const m = frame.completeMonthOfDay[d]!;
      if (m < 0) continue;
      dauSumPerMonth[m]! += usersPerDay[d]!;
      daysPerMonth[m]!++;
    }
    const sticky: SeriesRow[] = [];
    frame.months.forEach((key, m) => {
      const monthDau = dauSumPerMonth[m]! / daysPerMonth[m]!;
      active.push({ date: dayLabel(monthFirstDay(key)), metric: "MAU", users: usersPerMonth[m]! });
      sticky.push({ month: monthLabel(key), dau: monthDau, mau: usersPerMonth[m]!, sticky: ratio(monthDau, usersPerMonth[m]!) });
    });
    series[SERIES.stickyMonthly] = sticky;
    for (let c = 0; c < months; c++) {
      if (cohortSize[c] === 0) continue;
      const label = monthLabel(frame.months[c]!);
      sink.add("visits.cohort.size", cohortSize[c]!, { cohort: label });
      for (let m = c; m < months; m++) {
        sink.add("retention", retained[c * months + m]! / cohortSize[c]!, { cohort: label, age: String(m - c) });
      }
    }
  }

  series[SERIES.activeUsers] = active;

  // Session length, from instants so a daylight-saving change does not distort it.
  if (data.lengths) {
    const device = numbers(data.lengths, "device");
    const seconds = numbers(data.lengths, "seconds");
    const sessions = numbers(data.lengths, "sessions");
    const first = numbers(data.lengths, "first");
    // Devices in the order their first session with an end appears.
    const firstOf = new Map<number, number>();
    for (let i = 0; i < device.length; i++) firstOf.set(device[i]!, Math.min(firstOf.get(device[i]!) ?? Infinity, first[i]!));
    const binsByDevice = new Map<number, number[]>(
      [...firstOf].sort((a, b) => a[1] - b[1]).map(([dev]) => [dev, new Array<number>(SESSION_LENGTH_MAX_MIN + 1).fill(0)]),
    );
    for (let i = 0; i < device.length; i++) binsByDevice.get(device[i]!)![unitBin(seconds[i]! / 60, SESSION_LENGTH_MAX_MIN)]! += sessions[i]!;
    const histogram: SeriesRow[] = [];
    for (const [dev, bins] of binsByDevice) {
      const label = dev < 0 ? UNKNOWN : ctx.deviceLabels[dev]!;
      bins.forEach((n, bin) => histogram.push({ device: label, from_min: bin, to_min: bin < SESSION_LENGTH_MAX_MIN ? bin + 1 : null, sessions: n }));
    }
    series[SERIES.sessionLength] = histogram;
    if (seconds.length > 0) {
      const s = summariseCounts(seconds, sessions);
      sink.add("session.length.median_s", s.median);
      sink.add("session.length.mean_s", s.mean);
      sink.add("session.length.mode_s", s.mode);
    }
  }
  return first;
}
