/**
 * Product metrics from the session log: active users, stickiness, session
 * length and monthly retention cohorts.
 */
import { numCol, refCol, type Table } from "../../read/table.ts";
import { summarise } from "../../stats/distribution.ts";
import { forEachDistinctPair } from "../../stats/distinct.ts";
import { DAY_MS, dayLabel, isoWeekOf, monthFirstDay, monthLabel } from "../../time/calendar.ts";
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

/**
 * Each user's first session (first touch): the earliest start, a tie on time
 * broken by the smaller source label. Users without a session keep +Infinity
 * and source -1.
 */
export function firstSessions(visits: Table, userCount: number, sourceLabels: readonly string[]): FirstSessions {
  const user = refCol(visits, "user");
  const start = numCol(visits, "start");
  const source = visits.ref["source"];
  const first: FirstSessions = { start: new Float64Array(userCount).fill(Infinity), source: new Int32Array(userCount).fill(-1) };
  const label = (s: number): string => (s < 0 ? "" : sourceLabels[s]!);
  for (let i = 0; i < visits.length; i++) {
    const u = user[i]!;
    const t = start[i]!;
    const s = source ? source[i]! : -1;
    const best = first.start[u]!;
    if (t < best || (t === best && label(s) < label(first.source[u]!))) {
      first.start[u] = t;
      first.source[u] = s;
    }
  }
  return first;
}

export function visitsMetrics(visits: Table, ctx: FunnelContext, sink: FactSink, series: Series): FirstSessions {
  const { frame, userCount } = ctx;
  const n = visits.length;
  const user = refCol(visits, "user");
  const start = numCol(visits, "start");
  const day = new Int32Array(n);
  for (let i = 0; i < n; i++) day[i] = Math.floor(start[i]! / DAY_MS) - frame.range.from;

  const first = firstSessions(visits, userCount, ctx.sourceLabels);
  let users = 0;
  for (let u = 0; u < userCount; u++) if (first.start[u]! < Infinity) users++;
  sink.add("visits.sessions", n);
  sink.add("visits.users", users);

  // DAU and sessions per user per day.
  const usersPerDay = new Float64Array(frame.days);
  forEachDistinctPair(day, user, userCount, (d) => usersPerDay[d]!++);
  const sessionsPerDay = new Float64Array(frame.days);
  for (let i = 0; i < n; i++) sessionsPerDay[day[i]!]!++;
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
    const firstWeek = frame.weeks[0]!;
    const week = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const w = (isoWeekOf(day[i]! + frame.range.from) - firstWeek) / 7;
      week[i] = w >= 0 && w < frame.weeks.length ? w : -1;
    }
    const usersPerWeek = new Float64Array(frame.weeks.length);
    forEachDistinctPair(week, user, userCount, (w) => usersPerWeek[w]!++);
    frame.weeks.forEach((monday, w) => active.push({ date: dayLabel(monday), metric: "WAU", users: usersPerWeek[w]! }));
    const wau = usersPerWeek.reduce((a, b) => a + b, 0) / frame.weeks.length;
    sink.add("wau", wau);
    sink.add("sticky.dau_wau", ratio(dau, wau));
  }

  // MAU and retention over complete months.
  const monthOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) monthOfRow[i] = frame.completeMonthOfDay[day[i]!]!;
  const months = frame.months.length;
  if (months > 0) {
    const cohortOf = new Int32Array(userCount).fill(-1);
    for (let u = 0; u < userCount; u++) {
      const t = first.start[u]!;
      if (t < Infinity) cohortOf[u] = completeMonthIndex(frame, Math.floor(t / DAY_MS));
    }
    const cohortSize = new Float64Array(months);
    for (let u = 0; u < userCount; u++) if (cohortOf[u]! >= 0) cohortSize[cohortOf[u]!]!++;
    const retained = new Float64Array(months * months); // [cohort * months + month]
    const usersPerMonth = new Float64Array(months);
    forEachDistinctPair(monthOfRow, user, userCount, (m, u) => {
      usersPerMonth[m]!++;
      const c = cohortOf[u]!;
      if (c >= 0 && m >= c) retained[c * months + m]!++;
    });
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
    frame.months.forEach((month, m) => {
      const monthDau = dauSumPerMonth[m]! / daysPerMonth[m]!;
      active.push({ date: dayLabel(monthFirstDay(month)), metric: "MAU", users: usersPerMonth[m]! });
      sticky.push({ month: monthLabel(month), dau: monthDau, mau: usersPerMonth[m]!, sticky: ratio(monthDau, usersPerMonth[m]!) });
    });
    series[SERIES.stickyMonthly] = sticky;
    for (let c = 0; c < months; c++) {
      if (cohortSize[c] === 0) continue;
      const cohort = monthLabel(frame.months[c]!);
      sink.add("visits.cohort.size", cohortSize[c]!, { cohort });
      for (let m = c; m < months; m++) {
        sink.add("retention", retained[c * months + m]! / cohortSize[c]!, { cohort, age: String(m - c) });
      }
    }
  }

  series[SERIES.activeUsers] = active;

  // Session length, from instants so a daylight-saving change does not distort it.
  const end = visits.num["end"];
  if (end) {
    const lengths = new Float64Array(n);
    const device = visits.ref["device"];
    const binsByDevice = new Map<number, number[]>();
    let k = 0;
    for (let i = 0; i < n; i++) {
      const e = end[i]!;
      if (Number.isNaN(e)) continue;
      const seconds = (ctx.zone.toInstant(e) - ctx.zone.toInstant(start[i]!)) / 1000;
      lengths[k++] = seconds;
      const dev = device ? device[i]! : -1;
      let bins = binsByDevice.get(dev);
      if (!bins) binsByDevice.set(dev, (bins = new Array<number>(SESSION_LENGTH_MAX_MIN + 1).fill(0)));
      bins[unitBin(seconds / 60, SESSION_LENGTH_MAX_MIN)]!++;
    }
    const histogram: SeriesRow[] = [];
    for (const [dev, bins] of binsByDevice) {
      const label = dev < 0 ? UNKNOWN : ctx.deviceLabels[dev]!;
      bins.forEach((sessions, bin) => histogram.push({ device: label, from_min: bin, to_min: bin < SESSION_LENGTH_MAX_MIN ? bin + 1 : null, sessions }));
    }
    series[SERIES.sessionLength] = histogram;
    if (k > 0) {
      const s = summarise(lengths.subarray(0, k));
      sink.add("session.length.median_s", s.median);
      sink.add("session.length.mean_s", s.mean);
      sink.add("session.length.mode_s", s.mode);
    }
  }
  return first;
}
