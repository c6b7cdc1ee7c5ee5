import { addDays, dayNumber, parseLocalDate, localDate, daysInMonth, weekday, type LocalDate } from '../time';

/**
 * Definitions of the station's figures (the supervisor's "day in figures", 日报 and 月报), in one place so the
 * screen, the reports and central read the same numbers:
 *
 * - **waiting time** of a ticket: from issue (or, for an appointment, its slot start if later) to its first call;
 *   **service time**: from the call at a window to the end of that service (served, skipped or transferred);
 *   both in seconds; a window's figures are those of the calls it made.
 * - **median** and **p90**: quantiles with linear interpolation between order statistics (Excel PERCENTILE.INC,
 *   R type 7); none of an empty set.
 * - **satisfaction rate** (好评率): ratings 非常满意 + 满意 + 基本满意 over all ratings of the period, leaving out
 *   bad ratings whose appeal was upheld.
 * - **on-time completion rate** (按时办结率): cases completed (办结) in the period whose completion day is on or before
 *   their due day (acceptance + the item's limit in working days on the calendar), over the cases completed.
 * - **overdue** (超期): open cases (not completed, rejected or withdrawn) whose due day is before today.
 * - **容缺 promises due**: cases still awaiting materials whose promised day is on or before the period's end.
 */

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** First and last civil day, inclusive. */
  from: LocalDate;
  to: LocalDate;
}

/** The day, the week (Monday to Sunday) or the calendar month that contains `day`. */
export function periodOf(kind: PeriodKind, day: LocalDate): Period {
  if (kind === 'day') return { kind, from: day, to: day };
  if (kind === 'week') {
    const back = (weekday(day) + 6) % 7; // Monday = 0
    const from = addDays(day, -back);
    return { kind, from, to: addDays(from, 6) };
  }
  const { y, m } = parseLocalDate(day);
  return { kind, from: localDate(y, m, 1), to: localDate(y, m, daysInMonth(y, m)) };
}

/** Days of a period, in order. */
export function periodDays(p: Period): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = p.from; dayNumber(d) <= dayNumber(p.to); d = addDays(d, 1)) out.push(d);
  return out;
}

/** The quantile `q` (0–1) of `values` with linear interpolation (R type 7); null for no values. Does not sort in place. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within 0..1: ${q}`);
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** `part / whole` as a fraction 0–1, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A fraction as a percentage with one decimal (0.9234 → "92.3%"), or "—". */
export function percentText(r: number | null): string {
  return r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** Seconds as minutes with one decimal (for screens and reports), or "—". */
export function minutesText(seconds: number | null): string {
  return seconds === null ? '—' : `${(Math.round(seconds / 6) / 10).toFixed(1)}`;
}

/** Whether a case completed on `completedOn` met its due day; a case without a due day is on time only on its acceptance day. */
export function completedOnTime(completedOn: LocalDate, slaDue: LocalDate | null, acceptedOn: LocalDate | null): boolean {
  const due = slaDue ?? acceptedOn;
  return due !== null && completedOn <= due;
}

/** Whether an open case is overdue on `today`. */
export function isOverdue(slaDue: LocalDate | null, today: LocalDate): boolean {
  return slaDue !== null && slaDue < today;
}

/** Waiting seconds of a ticket: from issue (or its appointment slot, when later) to the first call. */
export function waitSeconds(issuedAt: string, slotStart: string | null, calledAt: string): number {
  const from = slotStart !== null && slotStart > issuedAt ? slotStart : issuedAt;
  return Math.max(0, Math.round((Date.parse(calledAt) - Date.parse(from)) / 1000));
}

/** Seconds between two instants (never negative). */
export function secondsBetween(a: string, b: string): number {
  return Math.max(0, Math.round((Date.parse(b) - Date.parse(a)) / 1000));
}

/** One call of a ticket at a window, as the figures read it (the seconds recorded when it was called and ended). */
export interface CallTimes {
  windowNo: number;
  outcome: 'served' | 'skipped' | 'transferred' | null;
  /** The ticket's first call: its waiting time ends here (a transferred ticket's wait is counted once). */
  first: boolean;
  /** Seconds the ticket waited (`waitSeconds`), on its first call; null otherwise. */
  waitSec: number | null;
  /** Seconds of this service once it ended (`secondsBetween` call and end); null while it goes on. */
  serviceSec: number | null;
}

export interface WindowTimes {
  windowNo: number;
  calls: number;
  served: number;
  waitMedianSec: number | null;
  waitP90Sec: number | null;
  serviceMedianSec: number | null;
  serviceP90Sec: number | null;
}

/**
 * Waiting and service times of a set of calls: overall, and per window (a window's waiting times are those of
 * the tickets it called first; its service times those of its ended calls). Windows in number order.
 */
export function callTimes(calls: readonly CallTimes[]): { waits: number[]; services: number[]; windows: WindowTimes[] } {
  const waits: number[] = [];
  const services: number[] = [];
  const by = new Map<number, { calls: number; served: number; waits: number[]; services: number[] }>();
  for (const c of calls) {
    let w = by.get(c.windowNo);
    if (!w) {
      w = { calls: 0, served: 0, waits: [], services: [] };
      by.set(c.windowNo, w);
    }
    w.calls += 1;
    if (c.outcome === 'served') w.served += 1;
    if (c.first && c.waitSec !== null) {
      waits.push(c.waitSec);
      w.waits.push(c.waitSec);
    }
    if (c.serviceSec !== null) {
      services.push(c.serviceSec);
      w.services.push(c.serviceSec);
    }
  }
  const windows = [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([windowNo, w]) => ({
      windowNo,
      calls: w.calls,
      served: w.served,
      waitMedianSec: median(w.waits),
      waitP90Sec: quantile(w.waits, 0.9),
      serviceMedianSec: median(w.services),
      serviceP90Sec: quantile(w.services, 0.9),
    }));
  return { waits, services, windows };
}
