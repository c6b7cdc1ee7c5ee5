import { describe, it, expect } from 'vitest';
import { weekday, isWeekend, addDays } from '../time';
import { OFFICIAL_CALENDAR_YEARS, WorkingCalendar, defaultCalendar } from './index';

const cal = defaultCalendar;

/** Expand an inclusive date range, for checking the data against the published ranges. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('official data', () => {
  it('has 2025 and 2026 and nothing else', () => {
    expect(OFFICIAL_CALENDAR_YEARS.map((y) => y.year)).toEqual([2025, 2026]);
    expect(cal.hasYear(2025)).toBe(true);
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2024)).toBe(false);
    expect(cal.hasYear(2027)).toBe(false);
  });

  it('matches the published 2025 ranges', () => {
    const y = OFFICIAL_CALENDAR_YEARS.find((c) => c.year === 2025);
    expect(y?.offDays).toEqual([
      ...range('2025-01-01', '2025-01-01'),
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ]);
    // 1 + 8 + 3 + 5 + 3 + 8 = 28 days off
    expect(y?.offDays).toHaveLength(28);
    expect(y?.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('matches the published 2026 ranges', () => {
    const y = OFFICIAL_CALENDAR_YEARS.find((c) => c.year === 2026);
    expect(y?.offDays).toEqual([
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ]);
    // 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33 days off
    expect(y?.offDays).toHaveLength(33);
    expect(y?.workdays).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });

  it('puts every make-up working day on the weekday the notices name', () => {
    // 0 = Sunday, 6 = Saturday, as stated in the notices.
    const expected: Record<string, number> = {
      '2025-01-26': 0, '2025-02-08': 6, '2025-04-27': 0, '2025-09-28': 0, '2025-10-11': 6,
      '2026-01-04': 0, '2026-02-14': 6, '2026-02-28': 6, '2026-05-09': 6, '2026-09-20': 0, '2026-10-10': 6,
    };
    const all = OFFICIAL_CALENDAR_YEARS.flatMap((y) => y.workdays);
    expect(all).toEqual(Object.keys(expected));
    for (const d of all) {
      expect(weekday(d), d).toBe(expected[d]);
      expect(isWeekend(d), d).toBe(true);
    }
  });
});

describe('isWorkingDay', () => {
  it('counts a Saturday make-up day as working', () => {
    expect(weekday('2025-02-08')).toBe(6);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-05-09')).toBe(true);
    // A Sunday make-up day too.
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
  });

  it('does not count a weekday holiday', () => {
    expect(weekday('2025-10-08')).toBe(3); // Wednesday
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
    expect(weekday('2026-06-19')).toBe(5); // Friday
    expect(cal.isWorkingDay('2026-06-19')).toBe(false);
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
  });

  it('treats ordinary days by weekday', () => {
    expect(cal.isWorkingDay('2025-10-09')).toBe(true); // Thursday after National Day
    expect(cal.isWorkingDay('2025-02-15')).toBe(false); // ordinary Saturday
    expect(cal.isWorkingDay('2025-10-04')).toBe(false); // Saturday inside a holiday range
  });

  it('falls back to Monday–Friday for a year without data', () => {
    // 2027-01-01 is a Friday: working under the fallback (the real notice will likely differ).
    expect(weekday('2027-01-01')).toBe(5);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.isWorkingDay('2027-01-02')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2024-12-31')).toBe(true); // Tuesday, 2024 has no data here
  });

  it('rejects a non-date', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('2025 Spring Festival: 10 working days from Mon 2025-01-27', () => {
    // Jan 28 – Feb 4 off. Feb 5, 6, 7 (1–3), Sat Feb 8 make-up (4), Sun Feb 9 off,
    // Feb 10–14 (5–9), Feb 15–16 weekend, Mon Feb 17 (10).
    expect(cal.addWorkingDays('2025-01-27', 10)).toEqual({ date: '2025-02-17', estimatedYears: [] });
  });

  it('2025 Spring Festival: both make-up days count', () => {
    // From Fri 2025-01-24: Sat 25 off, Sun 26 make-up (1), Mon 27 (2), Jan 28 – Feb 4 off,
    // Feb 5, 6, 7 (3–5), Sat Feb 8 make-up (6), Sun 9 off, Feb 10, 11, 12, 13 (7–10).
    expect(cal.addWorkingDays('2025-01-24', 10).date).toBe('2025-02-13');
    // From Sat 2025-01-25 one working day is the Sunday make-up day itself.
    expect(cal.addWorkingDays('2025-01-25', 1).date).toBe('2025-01-26');
    // From Sun 2025-01-26: Mon 27 (1), then the holiday, Wed Feb 5 (2).
    expect(cal.addWorkingDays('2025-01-26', 2).date).toBe('2025-02-05');
  });

  it('2025 National Day with the 28 Sep and 11 Oct make-up days', () => {
    // From Fri 2025-09-26: Sat 27 off, Sun 28 make-up (1), Mon 29 (2), Tue 30 (3),
    // Oct 1–8 off, Thu Oct 9 (4), Fri Oct 10 (5), Sat Oct 11 make-up (6), Sun 12 off, Mon 13 (7).
    expect(cal.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', 4).date).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 6).date).toBe('2025-10-11');
    expect(cal.addWorkingDays('2025-09-26', 7).date).toBe('2025-10-13');
  });

  it('2026 Spring Festival with the 14 Feb and 28 Feb make-up days', () => {
    // From Thu 2026-02-12: Fri 13 (1), Sat 14 make-up (2), Feb 15–23 off, Tue 24 – Fri 27 (3–6),
    // Sat 28 make-up (7), Sun Mar 1 off, Mon 2, Tue 3, Wed 4 (8–10).
    expect(cal.addWorkingDays('2026-02-12', 2).date).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-12', 7).date).toBe('2026-02-28');
    expect(cal.addWorkingDays('2026-02-12', 10)).toEqual({ date: '2026-03-04', estimatedYears: [] });
  });

  it('n = 0 returns the start, even on a holiday or in a year without data', () => {
    expect(cal.addWorkingDays('2025-10-01', 0)).toEqual({ date: '2025-10-01', estimatedYears: [] });
    expect(cal.addWorkingDays('2027-03-06', 0)).toEqual({ date: '2027-03-06', estimatedYears: [] });
  });

  it('crosses from 2026 into 2027 (no data) and says so', () => {
    // From Wed 2026-12-30: Thu Dec 31 (1, official 2026 data), Fri 2027-01-01 (2, fallback),
    // Jan 2–3 weekend, Mon Jan 4 (3).
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-04', estimatedYears: [2027] });
    // Staying inside 2026: Dec 29, 30, 31.
    expect(cal.addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', estimatedYears: [] });
  });

  it('reports several years without data, sorted', () => {
    // From Tue 2024-12-24: Dec 25, 26, 27 (1–3, fallback 2024), Dec 30, 31 (4–5), Jan 1 2025 off,
    // Jan 2 (6).
    expect(cal.addWorkingDays('2024-12-24', 6)).toEqual({ date: '2025-01-02', estimatedYears: [2024] });
    const far = cal.addWorkingDays('2024-06-03', 1000);
    expect(far.estimatedYears).toEqual([2024, 2027, 2028]);
  });

  it('requires a non-negative integer', () => {
    expect(() => cal.addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('9999-12-30', 5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (a, b] across National Day 2025', () => {
    // (Fri Sep 26, Fri Oct 31]: Sep 28 make-up, 29, 30 = 3; Oct 1–8 off; Oct 9, 10, Sat 11 make-up = 3;
    // Oct 13–17, 20–24, 27–31 = 15. Total 21 (plain Monday–Friday would give 25).
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-31')).toEqual({ days: 21, estimatedYears: [] });
  });

  it('is symmetric and negative when b < a', () => {
    // (Jan 24, Feb 13] 2025 holds the 10 working days of the Spring Festival test above.
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-13')).toEqual({ days: 10, estimatedYears: [] });
    expect(cal.workingDaysBetween('2025-02-13', '2025-01-24')).toEqual({ days: -10, estimatedYears: [] });
    // (Wed 2026-12-30, Fri 2027-01-08]: Dec 31, Jan 1 (fallback), Jan 4–8 = 7.
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-08')).toEqual({ days: 7, estimatedYears: [2027] });
    expect(cal.workingDaysBetween('2027-01-08', '2026-12-30')).toEqual({ days: -7, estimatedYears: [2027] });
  });

  it('is +0, not -0, for a reversed span without working days', () => {
    // (Sat 2025-02-15, Sun 2025-02-16] holds only a Sunday.
    expect(cal.workingDaysBetween('2025-02-16', '2025-02-15').days).toBe(0);
    expect(cal.workingDaysBetween('2025-10-08', '2025-09-30').days).toBe(0); // Oct 1–8 all off
  });

  it('is 0 for equal dates', () => {
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-03')).toEqual({ days: 0, estimatedYears: [] });
    expect(cal.workingDaysBetween('2027-03-03', '2027-03-03')).toEqual({ days: 0, estimatedYears: [] });
  });

  it('does not count the first day, so its year is not reported', () => {
    // (Tue 2024-12-31, Thu 2025-01-02]: Jan 1 off, Jan 2 working = 1; no 2024 day was consulted.
    expect(cal.workingDaysBetween('2024-12-31', '2025-01-02')).toEqual({ days: 1, estimatedYears: [] });
    // (Mon 2024-12-30, Thu 2025-01-02]: Dec 31 (fallback), Jan 2 = 2.
    expect(cal.workingDaysBetween('2024-12-30', '2025-01-02')).toEqual({ days: 2, estimatedYears: [2024] });
  });

  it('counts a whole year of official data', () => {
    // 2025 has 261 Mon–Fri days (365 days, starts on Wednesday: 52 weeks + Wed).
    // Weekday days off: Jan 1; Jan 28–31, Feb 3–4; Apr 4; May 1, 2, 5; Jun 2; Oct 1–3, 6–8 = 1+6+1+3+1+6 = 18.
    // Make-up days: +5. 261 - 18 + 5 = 248.
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31').days).toBe(248);
    // 2026: 261 Mon–Fri days (starts on Thursday). Weekday days off: Jan 1–2; Feb 16–20, 23; Apr 6;
    // May 1, 4, 5; Jun 19; Sep 25; Oct 1, 2, 5, 6, 7 = 2+6+1+3+1+1+5 = 19. Make-up days: +6. 248.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31').days).toBe(248);
  });

  it('stays fast over a few years', () => {
    const t0 = performance.now();
    let total = 0;
    for (let i = 0; i < 500; i++) total += cal.workingDaysBetween('2024-01-01', '2028-12-31').days;
    expect(total).toBeGreaterThan(0);
    // 500 × ~1800 days; generous bound so a loaded CI machine does not flake.
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('yearsWithoutData', () => {
  it('lists the years of an inclusive range that have no data, in either order', () => {
    expect(cal.yearsWithoutData('2024-06-01', '2027-02-01')).toEqual([2024, 2027]);
    expect(cal.yearsWithoutData('2027-02-01', '2024-06-01')).toEqual([2024, 2027]);
    expect(cal.yearsWithoutData('2025-01-01', '2026-12-31')).toEqual([]);
    expect(cal.yearsWithoutData('2027-05-01', '2027-05-01')).toEqual([2027]);
  });
});

describe('WorkingCalendar construction', () => {
  it('with no data uses Monday–Friday everywhere', () => {
    const bare = new WorkingCalendar([]);
    expect(bare.isWorkingDay('2025-10-01')).toBe(true); // Wednesday
    // (Fri 2025-09-26, Fri 2025-10-31]: Sep 29, 30 + 23 weekdays of October = 25.
    expect(bare.workingDaysBetween('2025-09-26', '2025-10-31')).toEqual({ days: 25, estimatedYears: [2025] });
  });

  it('refuses the same year twice and invalid data', () => {
    const y2025 = OFFICIAL_CALENDAR_YEARS[0]!;
    expect(() => new WorkingCalendar([y2025, y2025])).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ ...y2025, offDays: ['2024-12-31'] }])).toThrow();
  });

  it('does not depend on the order of the input lists', () => {
    const y2025 = OFFICIAL_CALENDAR_YEARS[0]!;
    const shuffled = new WorkingCalendar([
      { ...y2025, offDays: [...y2025.offDays].reverse(), workdays: [...y2025.workdays].reverse() },
    ]);
    expect(shuffled.addWorkingDays('2025-01-24', 10).date).toBe('2025-02-13');
  });
});
