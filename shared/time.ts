/**
 * Dates and instants in Asia/Shanghai.
 *
 * China has used a fixed UTC+08:00 offset with no daylight saving since 1991, so the
 * conversion is exact arithmetic and needs neither Intl nor a time-zone database.
 *
 * - A *civil date* (`LocalDate`) is `YYYY-MM-DD` as seen on a calendar in Shanghai.
 * - An *instant* (`Instant`) is an ISO-8601 string that always carries `+08:00`,
 *   e.g. `2026-11-23T09:30:00.000+08:00`; it sorts lexically in time order.
 */

export type LocalDate = string;
export type Instant = string;

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}\+08:00$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True when `y-m-d` is a real day of the proleptic Gregorian calendar. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/**
 * Epoch ms of 00:00 UTC on y-(m0+1)-d. `setUTCFullYear` rather than `Date.UTC`, which reads years 0–99
 * as 1900–1999 and would make 0024-02-29 unreal and 0050-01-01 the same day as 1950-01-01.
 */
function utcMidnight(y: number, m0: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m0, d);
  return t.getTime();
}

/** Days in month m (1–12) of year y, proleptic Gregorian (as Date counts). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE_RE.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isInstant(s: unknown): s is Instant {
  if (typeof s !== 'string') return false;
  const m = INSTANT_RE.exec(s);
  // Only the canonical spelling counts (what instantFromEpoch writes): a real calendar date — not 2026-02-30,
  // which Date.parse would roll over to 2 March — and a time of day in range (no 24:00, no :60).
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59;
}

export function localDate(y: number, m: number, d: number): LocalDate {
  if (!isRealDate(y, m, d)) throw new RangeError(`not a real date: ${y}-${m}-${d}`);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function parseLocalDate(s: LocalDate): { y: number; m: number; d: number } {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`not a date (YYYY-MM-DD): ${s}`);
  }
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** Epoch milliseconds → the instant string in Shanghai time. */
export function instantFromEpoch(ms: number): Instant {
  const t = new Date(ms + OFFSET_MS);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a time: ${ms}`);
  return (
    `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}` +
    `.${pad(t.getUTCMilliseconds(), 3)}+08:00`
  );
}

/** ISO-8601 date-time with an explicit offset: without one, Date.parse would use the machine's own time zone. */
const ZONED_ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function epochFromInstant(s: Instant): number {
  const m = ZONED_ISO_RE.exec(s);
  const valid =
    m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 59;
  const ms = valid ? Date.parse(s) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${s}`);
  return ms;
}

/** The Shanghai civil date of an epoch-millisecond time. */
export function localDateFromEpoch(ms: number): LocalDate {
  return instantFromEpoch(ms).slice(0, 10);
}

export function localDateOfInstant(s: Instant): LocalDate {
  return instantFromEpoch(epochFromInstant(s)).slice(0, 10);
}

/** Day number since 1970-01-01 (UTC-based arithmetic on civil dates). */
export function dayNumber(date: LocalDate): number {
  const { y, m, d } = parseLocalDate(date);
  return Math.floor(utcMidnight(y, m - 1, d) / DAY_MS);
}

export function dateFromDayNumber(n: number): LocalDate {
  const t = new Date(n * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: LocalDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Add calendar months, clamping the day to the end of the target month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { y, m, d } = parseLocalDate(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return localDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Completed years between a birth date and a date (age on that date). */
export function ageOn(birth: LocalDate, on: LocalDate): number {
  const b = parseLocalDate(birth);
  const o = parseLocalDate(on);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

/** A clock the core injects; tests pass a fixed one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function nowInstant(clock: Clock): Instant {
  return instantFromEpoch(clock.now());
}

export function today(clock: Clock): LocalDate {
  return localDateFromEpoch(clock.now());
}

/** Order of two civil dates (YYYY-MM-DD text sorts in time order). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
