/**
 * Product metrics from the session log: active users, stickiness, session
 * length and monthly retention cohorts.
 *
 * SQL, over every visits dataset stacked: the first-touch table (each
 * visiting user's first session, an engine table the funnel provides as
 * `firstTouch`); reductions of sessions and distinct users per day;
 * distinct users per complete ISO week; visiting users per first-touch
 * source and per first-touch cohort; distinct users per first-touch cohort
 * and complete month; sessions per device and length. The model below
 * reads only those tables.
 */
import type { Reduction, ResultTable, Sources } from "../analysis.ts";
import { numbers, stacked } from "../analysis.ts";
import type { Config } from "../../schema/config.ts";
import { summariseCounts } from "../../stats/distribution.ts";
import { dayLabel, monthFirstDay, monthLabel } from "../../time/calendar.ts";
import { ratio } from "../ratio.ts";
import { type FactSink } from "../../facts/sink.ts";
import { unitBin, type Series, type SeriesRow } from "../series.ts";
import { SESSION_LENGTH_MAX_MIN } from "./series.ts";
import { UNKNOWN, type FunnelContext } from "./context.ts";

/** The visits reduced: what `visitsMetrics` reads. */
export interface VisitData {
  /** Per day with sessions: day number, sessions and distinct users. */
  readonly days: ResultTable;
  /** Per complete ISO week (index into the period's weeks): distinct users. */
  readonly weeks: ResultTable;
  /** Per first-touch source: visiting users, and the smallest user index among them (sources come in that order). */
  readonly visitors: ResultTable;
  /** Per first-touch cohort (a complete month index): users. */
  readonly cohorts: ResultTable;
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
 * The first-touch table (`Outputs.firstTouch`) as SQL, or null without
 * visits: each visiting user's earliest session; a tie on time goes to the
 * smaller source label (an empty source sorts first), then to the smaller
 * source index.
 */
export function firstTouchTable(sources: Sources): string | null {
  const v = stacked(sources, "visits", ROLES);
  if (!v || !sources.calendar) return null;
  const d = sources.dialect;
  const [user, start, , source] = ROLES.map((r) => d.ident(r.role));
  const order = d.rowNumber([`v.${user}`], [`v.${start}`, "coalesce(l.label, '')", `v.${source}`]);
  const firsts = `SELECT v.${user} AS u, v.${start} AS t, v._day AS day, v.${source} AS s, ${order} AS r FROM ${v} AS v LEFT JOIN ${sources.labels("source")} AS l ON l.idx = v.${source}`;
  return `SELECT f.u AS u, f.t AS t, f.day AS day, f.s AS s, coalesce(c.month, -1) AS cohort FROM (${firsts}) AS f LEFT JOIN ${sources.calendar} AS c ON c.day = f.day WHERE f.r = 1`;
}

/** The visits reductions over the first-touch table, or none without visits. */
export function visitReductions(sources: Sources, config: Config): Record<string, Reduction> {
  const v = stacked(sources, "visits", ROLES);
  const first = sources.tables.firstTouch;
  if (!v || !sources.calendar || !first) return {};
  const d = sources.dialect;
  const [user, start, end, , device] = ROLES.map((r) => d.ident(r.role));
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
    visitors: { sql: `SELECT s AS source, count(*) AS users, min(u) AS first FROM ${first} GROUP BY s ORDER BY first`, numeric: ["source", "users", "first"] },
    visitCohorts: { sql: `SELECT cohort, count(*) AS users FROM ${first} WHERE cohort >= 0 GROUP BY cohort`, numeric: ["cohort", "users"] },
    months: {
      sql: `SELECT f.cohort AS cohort, c.month AS month, count(DISTINCT v.${user}) AS users FROM ${v} AS v JOIN ${sources.calendar} AS c ON c.day = v._day JOIN ${first} AS f ON f.u = v.${user} WHERE c.month >= 0 GROUP BY f.cohort, c.month`,
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
  const { days, weeks, visitors, visitCohorts, months } = reduced;
  if (!days || !weeks || !visitors || !visitCohorts || !months) return null;
  return { days, weeks, visitors, cohorts: visitCohorts, months, lengths: reduced["lengths"] ?? null };
}

export function visitsMetrics(data: VisitData, ctx: FunnelContext, sink: FactSink, series: Series): void {
  const { frame } = ctx;
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
  sink.add(
    "visits.users",
    numbers(data.visitors, "users").reduce((a, b) => a + b, 0),
  );

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
  const active: SeriesRow<"active_users">[] = [];
  const perUser: SeriesRow<"sessions_per_user_day">[] = [];
  for (let d = 0; d < frame.days; d++) {
    const date = dayLabel(frame.range.from + d);
    active.push({ date, metric: "DAU", users: usersPerDay[d]! });
    const sessions = sessionsPerDay[d]!;
    if (sessions > 0) perUser.push({ date, sessions, users: usersPerDay[d]!, sessions_per_user: sessions / usersPerDay[d]! });
  }
  series.sessions_per_user_day = perUser;

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
    {
      const cohort = numbers(data.cohorts, "cohort");
      const users = numbers(data.cohorts, "users");
      for (let i = 0; i < cohort.length; i++) cohortSize[cohort[i]!] = users[i]!;
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
    const sticky: SeriesRow<"sticky_monthly">[] = [];
    frame.months.forEach((key, m) => {
      const monthDau = dauSumPerMonth[m]! / daysPerMonth[m]!;
      active.push({ date: dayLabel(monthFirstDay(key)), metric: "MAU", users: usersPerMonth[m]! });
      sticky.push({ month: monthLabel(key), dau: monthDau, mau: usersPerMonth[m]!, sticky: ratio(monthDau, usersPerMonth[m]!) });
    });
    series.sticky_monthly = sticky;
    for (let c = 0; c < months; c++) {
      if (cohortSize[c] === 0) continue;
      const label = monthLabel(frame.months[c]!);
      sink.add("visits.cohort.size", cohortSize[c]!, { cohort: label });
      for (let m = c; m < months; m++) {
        sink.add("retention", retained[c * months + m]! / cohortSize[c]!, { cohort: label, age: String(m - c) });
      }
    }
  }

  series.active_users = active;

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
    const histogram: SeriesRow<"session_length_histogram">[] = [];
    for (const [dev, bins] of binsByDevice) {
      const label = dev < 0 ? UNKNOWN : ctx.deviceLabels[dev]!;
      bins.forEach((n, bin) => histogram.push({ device: label, from_min: bin, to_min: bin < SESSION_LENGTH_MAX_MIN ? bin + 1 : null, sessions: n }));
    }
    series.session_length_histogram = histogram;
    if (seconds.length > 0) {
      const s = summariseCounts(seconds, sessions);
      sink.add("session.length.median_s", s.median);
      sink.add("session.length.mean_s", s.mean);
      sink.add("session.length.mode_s", s.mode);
    }
  }
}
