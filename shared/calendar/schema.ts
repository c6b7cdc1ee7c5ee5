import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../time';

/**
 * One year of the official working-day calendar (the State Council's yearly notice on public
 * holidays and adjusted make-up working days, 调休), as plain JSON so that the central system can
 * publish later years through sync.
 *
 * `year` is the calendar year every listed date falls in. A notice occasionally lists days of the
 * previous December (e.g. a New Year holiday starting on 30 December); those belong to the record
 * of the previous year.
 */
export interface CalendarYear {
  year: number;
  /** Every day off inside the official holiday ranges, including weekend days inside a range. */
  offDays: LocalDate[];
  /** Make-up working days: weekend days that are working days. */
  workdays: LocalDate[];
  /** Where the data comes from, e.g. the title of the notice. */
  source: string;
  /** Optional display name. */
  name?: string;
}

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

const DateListSchema = z.array(
  z.string().refine(isLocalDate, { message: 'date must be a real date as YYYY-MM-DD' }),
);

function sortedUnique(dates: readonly LocalDate[]): LocalDate[] {
  // `YYYY-MM-DD` sorts lexically in date order.
  return [...new Set(dates)].sort();
}

/**
 * Validates one year of calendar data. Unknown keys are refused; every date must be a real date
 * inside `year`; no date may be both a day off and a working day. The date lists are normalised
 * (sorted, duplicates removed), so the parsed value may differ from the input in order only.
 */
export const CalendarYearSchema: z.ZodType<CalendarYear> = z
  .strictObject({
    year: z.number().int().min(MIN_CALENDAR_YEAR).max(MAX_CALENDAR_YEAR),
    offDays: DateListSchema,
    workdays: DateListSchema,
    source: z.string().trim().min(1),
    name: z.string().trim().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    const prefix = `${String(v.year).padStart(4, '0')}-`;
    for (const key of ['offDays', 'workdays'] as const) {
      v[key].forEach((date, i) => {
        if (!date.startsWith(prefix)) {
          ctx.addIssue({
            code: 'custom',
            path: [key, i],
            message: `${date} is not in year ${v.year}`,
          });
        }
      });
    }
    const off = new Set(v.offDays);
    v.workdays.forEach((date, i) => {
      if (off.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i],
          message: `${date} is listed both as a day off and as a working day`,
        });
      }
    });
  })
  .transform((v): CalendarYear => {
    const out: CalendarYear = {
      year: v.year,
      offDays: sortedUnique(v.offDays),
      workdays: sortedUnique(v.workdays),
      source: v.source,
    };
    if (v.name !== undefined) out.name = v.name;
    return out;
  });

export type CalendarRowKind = 'off' | 'workday';
export interface CalendarRow {
  date: LocalDate;
  kind: CalendarRowKind;
}

/** Flatten calendar years into one row per listed date (for a database table), sorted by date. */
export function calendarRows(years: readonly CalendarYear[]): CalendarRow[] {
  const rows: CalendarRow[] = [];
  for (const y of years) {
    for (const date of y.offDays) rows.push({ date, kind: 'off' });
    for (const date of y.workdays) rows.push({ date, kind: 'workday' });
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Inverse of `calendarRows`: group rows by the year of their date and validate each year with
 * `CalendarYearSchema` (throws a ZodError on bad rows, e.g. a date listed with both kinds).
 * Returns years in ascending order. `source` is given to every year (rows do not carry it), and a
 * year without any row cannot be recovered.
 */
export function yearsFromRows(rows: readonly CalendarRow[], source: string): CalendarYear[] {
  const byYear = new Map<number, { offDays: LocalDate[]; workdays: LocalDate[] }>();
  for (const row of rows) {
    if (!isLocalDate(row.date)) throw new RangeError(`not a date (YYYY-MM-DD): ${String(row.date)}`);
    if (row.kind !== 'off' && row.kind !== 'workday') {
      throw new RangeError(`unknown calendar row kind: ${String(row.kind)}`);
    }
    const year = Number(row.date.slice(0, 4));
    let entry = byYear.get(year);
    if (entry === undefined) {
      entry = { offDays: [], workdays: [] };
      byYear.set(year, entry);
    }
    (row.kind === 'off' ? entry.offDays : entry.workdays).push(row.date);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => CalendarYearSchema.parse({ year, ...e, source }));
}
