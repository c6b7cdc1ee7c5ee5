import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  compareLocalDates,
  dateFromDayNumber,
  dayNumber,
  daysBetween,
  daysInMonth,
  epochFromInstant,
  instantFromEpoch,
  isInstant,
  isLocalDate,
  isRealDate,
  isWeekend,
  localDate,
  localDateFromEpoch,
  localDateOfInstant,
  nowInstant,
  parseLocalDate,
  SHANGHAI_OFFSET_MINUTES,
  today,
  weekday,
} from './time';

const HOUR = 3_600_000;
/** Epoch range the app can meet: 1900-01-01 … 2199-12-31. */
const epochMs = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) });
const dayNumbers = fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2199-12-31') });
const dates = dayNumbers.map(dateFromDayNumber);

describe('Shanghai offset', () => {
  it('is a fixed UTC+08:00', () => {
    expect(SHANGHAI_OFFSET_MINUTES).toBe(480);
    expect(instantFromEpoch(0)).toBe('1970-01-01T08:00:00.000+08:00');
    expect(instantFromEpoch(Date.UTC(2026, 10, 23, 1, 30, 5, 7))).toBe('2026-11-23T09:30:05.007+08:00');
  });

  it('has no daylight saving: midsummer and midwinter noon UTC are both 20:00 in Shanghai', () => {
    expect(instantFromEpoch(Date.UTC(2026, 6, 15, 12))).toBe('2026-07-15T20:00:00.000+08:00');
    expect(instantFromEpoch(Date.UTC(2026, 0, 15, 12))).toBe('2026-01-15T20:00:00.000+08:00');
  });

  it('writes the instant of epoch 0 minus 1 ms and negative epochs', () => {
    expect(instantFromEpoch(-1)).toBe('1970-01-01T07:59:59.999+08:00');
    expect(instantFromEpoch(-8 * HOUR)).toBe('1970-01-01T00:00:00.000+08:00');
  });

  it('refuses a time that is not a number of milliseconds', () => {
    expect(() => instantFromEpoch(Number.NaN)).toThrow(RangeError);
    expect(() => instantFromEpoch(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => localDateFromEpoch(Number.NaN)).toThrow(RangeError);
  });

  it('instantFromEpoch / epochFromInstant round-trip (property)', () => {
    fc.assert(
      fc.property(epochMs, (ms) => {
        const s = instantFromEpoch(ms);
        expect(isInstant(s)).toBe(true);
        expect(s.endsWith('+08:00')).toBe(true);
        expect(epochFromInstant(s)).toBe(ms);
      }),
    );
  });

  it('instant text sorts in time order (property)', () => {
    fc.assert(
      fc.property(epochMs, epochMs, (a, b) => {
        const sa = instantFromEpoch(a);
        const sb = instantFromEpoch(b);
        expect(Math.sign(sa.localeCompare(sb, 'en'))).toBe(Math.sign(a - b));
        expect(sa < sb).toBe(a < b);
      }),
    );
  });

  it('the civil date flips at 16:00 UTC', () => {
    const before = Date.UTC(2026, 10, 23, 15, 59, 59, 999);
    const at = Date.UTC(2026, 10, 23, 16, 0, 0, 0);
    expect(localDateFromEpoch(before)).toBe('2026-11-23');
    expect(localDateFromEpoch(at)).toBe('2026-11-24');
    // The last day of a year flips at 16:00 UTC on 31 December.
    expect(localDateFromEpoch(Date.UTC(2025, 11, 31, 15, 59))).toBe('2025-12-31');
    expect(localDateFromEpoch(Date.UTC(2025, 11, 31, 16, 0))).toBe('2026-01-01');
  });

  it('the civil date is the UTC date of the time shifted by 8 hours (property)', () => {
    fc.assert(
      fc.property(epochMs, (ms) => {
        expect(localDateFromEpoch(ms)).toBe(new Date(ms + 8 * HOUR).toISOString().slice(0, 10));
      }),
    );
  });

  it('localDateOfInstant reads any offset in Shanghai terms', () => {
    expect(localDateOfInstant('2026-11-23T23:59:59.999+08:00')).toBe('2026-11-23');
    expect(localDateOfInstant('2026-11-23T16:00:00.000Z')).toBe('2026-11-24');
    expect(localDateOfInstant('2026-11-23T15:59:59.999Z')).toBe('2026-11-23');
    expect(localDateOfInstant('2026-11-23T00:30:00.000+09:00')).toBe('2026-11-22');
  });

  it('nowInstant and today read the injected clock', () => {
    const clock = { now: () => Date.UTC(2026, 10, 23, 16, 30) };
    expect(nowInstant(clock)).toBe('2026-11-24T00:30:00.000+08:00');
    expect(today(clock)).toBe('2026-11-24');
  });
});

describe('isInstant / epochFromInstant', () => {
  it('accepts the canonical Shanghai spelling only', () => {
    expect(isInstant('2026-11-23T09:30:00.000+08:00')).toBe(true);
    expect(isInstant('2024-02-29T23:59:59.999+08:00')).toBe(true);
    expect(isInstant('2026-11-23T09:30:00.000Z')).toBe(false);
    expect(isInstant('2026-11-23T09:30:00+08:00')).toBe(false);
    expect(isInstant('2026-11-23T09:30:00.000+09:00')).toBe(false);
    expect(isInstant('2026-11-23 09:30:00.000+08:00')).toBe(false);
    expect(isInstant(20261123)).toBe(false);
    expect(isInstant(null)).toBe(false);
  });

  it('agrees with the Date round trip on every string of the instant shape (property)', () => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 })),
        fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 999 })),
        ([y, mo, d], [h, mi, sec, ms]) => {
          const s = `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(sec)}.${p(ms, 3)}+08:00`;
          const epoch = Date.parse(s);
          expect(isInstant(s)).toBe(!Number.isNaN(epoch) && instantFromEpoch(epoch) === s);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses days and hours that do not exist, which Date.parse would roll over', () => {
    expect(isInstant('2026-02-29T00:00:00.000+08:00')).toBe(false);
    expect(isInstant('2026-02-30T00:00:00.000+08:00')).toBe(false);
    expect(isInstant('2026-04-31T00:00:00.000+08:00')).toBe(false);
    expect(isInstant('2026-01-01T24:00:00.000+08:00')).toBe(false);
    expect(isInstant('2026-01-01T23:60:00.000+08:00')).toBe(false);
    expect(isInstant('2026-13-01T00:00:00.000+08:00')).toBe(false);
  });

  it('epochFromInstant reads ISO date-times with an explicit offset', () => {
    expect(epochFromInstant('2026-11-23T09:30:00.000+08:00')).toBe(Date.UTC(2026, 10, 23, 1, 30));
    expect(epochFromInstant('2026-11-23T01:30:00.000Z')).toBe(Date.UTC(2026, 10, 23, 1, 30));
    expect(epochFromInstant('2026-11-23T01:30:00Z')).toBe(Date.UTC(2026, 10, 23, 1, 30));
    expect(epochFromInstant('2026-11-22T20:30:00.000-05:00')).toBe(Date.UTC(2026, 10, 23, 1, 30));
  });

  it('epochFromInstant refuses text whose meaning would depend on the machine or roll over', () => {
    for (const bad of [
      '2026-11-23T09:30:00.000', // no offset: the machine's own zone
      '2026-11-23', // date only
      'Mon Nov 23 2026 09:30:00 GMT+0800',
      '2026-02-30T00:00:00.000+08:00',
      '2026-01-01T24:00:00.000+08:00',
      '',
      'soon',
    ]) {
      expect(() => epochFromInstant(bad), bad).toThrow(RangeError);
    }
  });
});

describe('civil dates', () => {
  it('isLocalDate knows leap years', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2026-02-28')).toBe(true);
  });

  it('isLocalDate refuses malformed text and unreal days', () => {
    for (const bad of ['2026-4-01', '2026-04-1', '26-04-01', '2026/04/01', '2026-00-10', '2026-13-01', '2026-04-31', '2026-04-00', ' 2026-04-01', '2026-04-01T00:00', '']) {
      expect(isLocalDate(bad), bad).toBe(false);
    }
    expect(isLocalDate(20260401)).toBe(false);
    expect(isLocalDate(undefined)).toBe(false);
    expect(isLocalDate('2026-04-30')).toBe(true);
  });

  it('counts leap years in the first century of the era as the proleptic Gregorian calendar does', () => {
    expect(isLocalDate('0024-02-29')).toBe(true);
    expect(isLocalDate('0000-02-29')).toBe(true);
    expect(isLocalDate('0100-02-29')).toBe(false);
    expect(daysInMonth(4, 2)).toBe(29);
    // 0050-01-01 is 1900 years (1900 × 365 + 460 leap days) before 1950-01-01, not the same day.
    expect(dayNumber('1950-01-01') - dayNumber('0050-01-01')).toBe(693_960);
    expect(dateFromDayNumber(dayNumber('0050-01-01'))).toBe('0050-01-01');
  });

  it('daysInMonth counts as Date does, leap centuries included (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const d = new Date(0);
        d.setUTCFullYear(y, m, 0);
        expect(daysInMonth(y, m)).toBe(d.getUTCDate());
      }),
    );
    expect([1900, 2000, 2100].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28]);
  });

  it('isRealDate and daysInMonth', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(isRealDate(2026, 1, 31)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2026, 0, 1)).toBe(false);
    expect(isRealDate(2026, 1, 0)).toBe(false);
    expect(isRealDate(2026, 1.5, 1)).toBe(false);
  });

  it('localDate pads and refuses unreal days; parseLocalDate inverts it', () => {
    expect(localDate(2026, 3, 5)).toBe('2026-03-05');
    expect(localDate(987, 12, 31)).toBe('0987-12-31');
    expect(() => localDate(2026, 2, 29)).toThrow(RangeError);
    expect(parseLocalDate('2026-03-05')).toEqual({ y: 2026, m: 3, d: 5 });
    expect(() => parseLocalDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('2026-3-5')).toThrow(RangeError);
  });

  it('dayNumber counts from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01')).toBe(11_017);
    expect(dateFromDayNumber(-1)).toBe('1969-12-31');
  });

  it('dayNumber / dateFromDayNumber round-trip and every date text is real (property)', () => {
    fc.assert(
      fc.property(dayNumbers, (n) => {
        const d = dateFromDayNumber(n);
        expect(isLocalDate(d)).toBe(true);
        expect(dayNumber(d)).toBe(n);
        expect(addDays(d, 1) > d).toBe(true);
      }),
    );
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(addDays('2026-11-23', 365)).toBe('2027-11-23');
  });

  it('weekday of known dates (0 = Sunday)', () => {
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('1969-12-31')).toBe(3); // Wednesday, before the epoch
    expect(weekday('2000-01-01')).toBe(6); // Saturday
    expect(weekday('2024-02-29')).toBe(4); // Thursday
    expect(weekday('2026-11-23')).toBe(1); // Monday
    expect(weekday('2026-10-01')).toBe(4); // National Day 2026, Thursday
    expect(weekday('2026-02-17')).toBe(2); // Spring Festival 2026, Tuesday
    expect(weekday('1949-10-01')).toBe(6); // Saturday
    expect(isWeekend('2026-11-22')).toBe(true);
    expect(isWeekend('2026-11-21')).toBe(true);
    expect(isWeekend('2026-11-23')).toBe(false);
    expect(isWeekend('2026-11-27')).toBe(false);
  });

  it('weekday agrees with Date#getUTCDay (property)', () => {
    fc.assert(
      fc.property(dates, (d) => {
        expect(weekday(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('daysBetween is signed', () => {
    expect(daysBetween('2026-11-23', '2026-11-30')).toBe(7);
    expect(daysBetween('2026-11-30', '2026-11-23')).toBe(-7);
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('daysBetween inverts addDays and is antisymmetric (property)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const e = addDays(d, n);
        expect(daysBetween(d, e)).toBe(n);
        expect(daysBetween(e, d) + n).toBe(0);
      }),
    );
  });

  it('compareLocalDates orders dates', () => {
    expect(compareLocalDates('2026-11-23', '2026-11-24')).toBe(-1);
    expect(compareLocalDates('2026-11-24', '2026-11-23')).toBe(1);
    expect(compareLocalDates('2026-11-23', '2026-11-23')).toBe(0);
    expect(compareLocalDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(['2026-03-01', '2025-12-31', '2026-02-28'].sort(compareLocalDates)).toEqual(['2025-12-31', '2026-02-28', '2026-03-01']);
  });

  it('compareLocalDates agrees with day numbers (property)', () => {
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        expect(compareLocalDates(a, b)).toBe(Math.sign(dayNumber(a) - dayNumber(b)));
      }),
    );
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('keeps the day when it exists and crosses years both ways', () => {
    expect(addMonths('2026-11-23', 0)).toBe('2026-11-23');
    expect(addMonths('2026-11-23', 2)).toBe('2027-01-23');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-01-15', 24)).toBe('2028-01-15');
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-28');
  });

  it('lands in the right month with a day no later than the original (property)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -600, max: 600 }), (d, n) => {
        const r = parseLocalDate(addMonths(d, n));
        const o = parseLocalDate(d);
        expect(r.y * 12 + r.m - (o.y * 12 + o.m)).toBe(n);
        expect(r.d).toBe(Math.min(o.d, daysInMonth(r.y, r.m)));
      }),
    );
  });
});

describe('ageOn', () => {
  it('goes up on the birthday itself', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('1990-06-15', '2026-06-16')).toBe(36);
    expect(ageOn('1990-06-15', '2026-05-31')).toBe(35);
    expect(ageOn('1990-06-15', '2026-07-01')).toBe(36);
    expect(ageOn('2026-11-23', '2026-11-23')).toBe(0);
    expect(ageOn('2025-11-24', '2026-11-23')).toBe(0);
    expect(ageOn('2025-11-23', '2026-11-23')).toBe(1);
  });

  it('someone born on 29 February turns older on 1 March in common years and on 29 February in leap years', () => {
    expect(ageOn('2004-02-29', '2026-02-28')).toBe(21);
    expect(ageOn('2004-02-29', '2026-03-01')).toBe(22);
    expect(ageOn('2004-02-29', '2028-02-28')).toBe(23);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });

  it('agrees with counting whole years by addMonths (property)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 36_500 }), (birth, days) => {
        const on = addDays(birth, days);
        const age = ageOn(birth, on);
        // Someone aged `age` has had that birthday and not yet the next one.
        const birthdayOf = (k: number) => {
          const b = parseLocalDate(birth);
          // A 29 February birthday is kept on 1 March in common years.
          return isRealDate(b.y + k, b.m, b.d) ? localDate(b.y + k, b.m, b.d) : localDate(b.y + k, 3, 1);
        };
        expect(age).toBeGreaterThanOrEqual(0);
        expect(birthdayOf(age) <= on).toBe(true);
        expect(birthdayOf(age + 1) > on).toBe(true);
      }),
    );
  });
});
