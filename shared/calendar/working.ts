import { dateFromDayNumber, dayNumber, localDate, parseLocalDate, weekday, type LocalDate } from '../time';
import { CalendarYearSchema, type CalendarYear } from './schema';

/** One calendar year as a flat table: `working[dn - first]` is 1 for a working day, 0 otherwise. */
interface YearTable {
  year: number;
  /** Day number of 1 January. */
  first: number;
  /** Day number of 1 January of the next year. */
  next: number;
  working: Uint8Array;
  /** False when the table is the Monday–Friday fallback for a year without data. */
  official: boolean;
}

const LAST_DAY = dayNumber('9999-12-31');

function yearOfDayNumber(dn: number): number {
  return Number(dateFromDayNumber(dn).slice(0, 4));
}

/** Monday–Friday table of a year, optionally corrected by official data. */
function buildTable(year: number, data: CalendarYear | undefined): YearTable {
  const first = dayNumber(localDate(year, 1, 1));
  const next = year >= 9999 ? LAST_DAY + 1 : dayNumber(localDate(year + 1, 1, 1));
  const working = new Uint8Array(next - first);
  const jan1 = weekday(localDate(year, 1, 1)); // 0 = Sunday … 6 = Saturday
  for (let i = 0; i < working.length; i++) {
    const w = (jan1 + i) % 7;
    working[i] = w === 0 || w === 6 ? 0 : 1;
  }
  if (data !== undefined) {
    for (const d of data.offDays) working[dayNumber(d) - first] = 0;
    for (const d of data.workdays) working[dayNumber(d) - first] = 1;
  }
  return { year, first, next, working, official: data !== undefined };
}

/**
 * Walks days through year tables, remembering the years without data that it consulted.
 * Each step is a bounds comparison and an array read; a table lookup happens only at year changes.
 */
class DayWalker {
  private table: YearTable | undefined;
  private readonly estimated = new Set<number>();

  constructor(private readonly tableOf: (year: number) => YearTable) {}

  isWorking(dn: number): boolean {
    let t = this.table;
    if (t === undefined || dn < t.first || dn >= t.next) {
      t = this.tableOf(yearOfDayNumber(dn));
      this.table = t;
      if (!t.official) this.estimated.add(t.year);
    }
    return t.working[dn - t.first] === 1;
  }

  estimatedYears(): number[] {
    return [...this.estimated].sort((a, b) => a - b);
  }
}

/**
 * Working days on the official calendar. Years with data use the published holidays and make-up
 * working days; any other year falls back to "Monday–Friday are working days", and every
 * computation reports the years for which it had to use that fallback (`estimatedYears`).
 */
export class WorkingCalendar {
  private readonly tables = new Map<number, YearTable>();
  private readonly dataYears = new Set<number>();

  /** Validates every year with `CalendarYearSchema`; a year given twice is a RangeError. */
  constructor(years: readonly CalendarYear[]) {
    for (const raw of years) {
      const y = CalendarYearSchema.parse(raw);
      if (this.dataYears.has(y.year)) throw new RangeError(`calendar year ${y.year} given twice`);
      this.dataYears.add(y.year);
      this.tables.set(y.year, buildTable(y.year, y));
    }
  }

  /** Table of a year; fallback tables are built on first use and cached. */
  private tableOf(year: number): YearTable {
    let t = this.tables.get(year);
    if (t === undefined) {
      t = buildTable(year, undefined);
      this.tables.set(year, t);
    }
    return t;
  }

  hasYear(year: number): boolean {
    return this.dataYears.has(year);
  }

  /** Whether `date` is a working day; Monday–Friday for a year without data (see `hasYear`). */
  isWorkingDay(date: LocalDate): boolean {
    const { y } = parseLocalDate(date);
    const t = this.tableOf(y);
    return t.working[dayNumber(date) - t.first] === 1;
  }

  /** The date `n` working days after `start` (start itself not counted). n = 0 returns start. n must be a non-negative integer (RangeError otherwise). */
  addWorkingDays(start: LocalDate, n: number): { date: LocalDate; estimatedYears: number[] } {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`working-day count must be a non-negative integer: ${n}`);
    }
    let dn = dayNumber(start);
    const walker = new DayWalker((y) => this.tableOf(y));
    let left = n;
    while (left > 0) {
      dn += 1;
      if (dn > LAST_DAY) throw new RangeError(`${n} working days after ${start} is after 9999-12-31`);
      if (walker.isWorking(dn)) left -= 1;
    }
    return { date: dateFromDayNumber(dn), estimatedYears: walker.estimatedYears() };
  }

  /** Working days in (a, b] when b > a (positive), minus the working days in (b, a] when b < a (negative), 0 when equal. */
  workingDaysBetween(a: LocalDate, b: LocalDate): { days: number; estimatedYears: number[] } {
    const da = dayNumber(a);
    const db = dayNumber(b);
    const lo = Math.min(da, db);
    const hi = Math.max(da, db);
    const walker = new DayWalker((y) => this.tableOf(y));
    let count = 0;
    for (let dn = lo + 1; dn <= hi; dn++) {
      if (walker.isWorking(dn)) count += 1;
    }
    // `count === 0` check: never return -0 (Object.is(-0, 0) is false, and it prints as "-0").
    const days = db < da && count !== 0 ? -count : count;
    return { days, estimatedYears: walker.estimatedYears() };
  }

  /**
   * Years without data in the inclusive range [from, to] (either order), sorted. Use it to warn
   * that a date range relies on the Monday–Friday fallback.
   */
  yearsWithoutData(from: LocalDate, to: LocalDate): number[] {
    const y1 = parseLocalDate(from).y;
    const y2 = parseLocalDate(to).y;
    const out: number[] = [];
    for (let y = Math.min(y1, y2); y <= Math.max(y1, y2); y++) {
      if (!this.dataYears.has(y)) out.push(y);
    }
    return out;
  }
}
