import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, dateFromDayNumber, dayNumber } from '../time';
import { defaultCalendar as cal } from './index';

const startDate = fc
  .integer({ min: dayNumber('2025-01-01'), max: dayNumber('2027-12-31') })
  .map(dateFromDayNumber);

describe('working-day properties (2025–2027)', () => {
  it('workingDaysBetween inverts addWorkingDays, and the result is a working day', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const r = cal.addWorkingDays(start, n);
        const between = cal.workingDaysBetween(start, r.date);
        expect(between.days).toBe(n);
        expect(between.estimatedYears).toEqual(r.estimatedYears);
        if (n > 0) {
          expect(cal.isWorkingDay(r.date)).toBe(true);
          expect(r.estimatedYears).toEqual(cal.yearsWithoutData(addDays(start, 1), r.date));
        } else {
          expect(r.date).toBe(start);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('workingDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(startDate, startDate, (a, b) => {
        const ab = cal.workingDaysBetween(a, b);
        const ba = cal.workingDaysBetween(b, a);
        expect(ab.days + ba.days).toBe(0);
        expect(ba.estimatedYears).toEqual(ab.estimatedYears);
        // Never -0 (toBe uses Object.is).
        if (ab.days === 0) expect(ba.days).toBe(0);
      }),
    );
  });
});
