import { describe, it, expect } from 'vitest';
import { CalendarYearSchema, OFFICIAL_CALENDAR_YEARS, calendarRows, yearsFromRows } from './index';

const base = { year: 2025, offDays: ['2025-01-01'], workdays: ['2025-01-26'], source: 'test' };

describe('CalendarYearSchema', () => {
  it('accepts the official data unchanged', () => {
    for (const y of OFFICIAL_CALENDAR_YEARS) expect(CalendarYearSchema.parse(y)).toEqual(y);
  });

  it('accepts a minimal year and an optional name', () => {
    expect(CalendarYearSchema.parse(base)).toEqual(base);
    expect(CalendarYearSchema.parse({ ...base, name: '2025年' })).toEqual({ ...base, name: '2025年' });
  });

  it('rejects a date outside its year', () => {
    const r = CalendarYearSchema.safeParse({ ...base, offDays: ['2025-01-01', '2026-01-01'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['offDays', 1]);
    expect(CalendarYearSchema.safeParse({ ...base, workdays: ['2024-12-29'] }).success).toBe(false);
  });

  it('rejects a date that is both off and a working day', () => {
    const r = CalendarYearSchema.safeParse({ ...base, workdays: ['2025-01-26', '2025-01-01'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['workdays', 1]);
  });

  it('rejects a non-date', () => {
    expect(CalendarYearSchema.safeParse({ ...base, offDays: ['2025-02-30'] }).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, offDays: ['2025-1-1'] }).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, workdays: ['soon'] }).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, offDays: [20250101] }).success).toBe(false);
  });

  it('rejects a bad year, a missing source and unknown keys', () => {
    expect(CalendarYearSchema.safeParse({ ...base, year: 1999 }).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, year: 2101 }).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, year: 2025.5 }).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, source: '' }).success).toBe(false);
    const { source: _source, ...noSource } = base;
    expect(CalendarYearSchema.safeParse(noSource).success).toBe(false);
    expect(CalendarYearSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(CalendarYearSchema.safeParse(null).success).toBe(false);
  });

  it('sorts and de-duplicates the date lists', () => {
    const parsed = CalendarYearSchema.parse({
      ...base,
      offDays: ['2025-10-02', '2025-01-01', '2025-10-02'],
      workdays: ['2025-10-11', '2025-01-26', '2025-01-26'],
    });
    expect(parsed.offDays).toEqual(['2025-01-01', '2025-10-02']);
    expect(parsed.workdays).toEqual(['2025-01-26', '2025-10-11']);
  });
});

describe('calendarRows / yearsFromRows', () => {
  it('flattens to one row per date, sorted by date', () => {
    const rows = calendarRows(OFFICIAL_CALENDAR_YEARS);
    // 2025: 28 off + 5 workdays; 2026: 33 off + 6 workdays = 72 rows.
    expect(rows).toHaveLength(72);
    expect(rows.slice(0, 3)).toEqual([
      { date: '2025-01-01', kind: 'off' },
      { date: '2025-01-26', kind: 'workday' },
      { date: '2025-01-28', kind: 'off' },
    ]);
    expect(rows.at(-1)).toEqual({ date: '2026-10-10', kind: 'workday' });
    expect(rows.map((r) => r.date)).toEqual(rows.map((r) => r.date).sort());
  });

  it('round-trips', () => {
    const back = yearsFromRows(calendarRows(OFFICIAL_CALENDAR_YEARS), 'db');
    expect(back).toEqual(OFFICIAL_CALENDAR_YEARS.map((y) => ({ ...y, source: 'db' })));
    // Row order does not matter.
    const reversed = yearsFromRows([...calendarRows(OFFICIAL_CALENDAR_YEARS)].reverse(), 'db');
    expect(reversed).toEqual(back);
  });

  it('refuses rows that make an invalid year', () => {
    expect(() =>
      yearsFromRows(
        [
          { date: '2025-01-01', kind: 'off' },
          { date: '2025-01-01', kind: 'workday' },
        ],
        'db',
      ),
    ).toThrow();
    expect(() => yearsFromRows([{ date: '2025-13-01', kind: 'off' }], 'db')).toThrow(RangeError);
  });
});
