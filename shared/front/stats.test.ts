import { describe, expect, it } from 'vitest';
import { callTimes, completedOnTime, isOverdue, median, percentText, periodDays, periodOf, quantile, rate, secondsBetween, waitSeconds, type CallTimes } from './stats';

describe('quantiles (R type 7, as PERCENTILE.INC)', () => {
  it.each([
    { values: [], q: 0.5, want: null },
    { values: [7], q: 0.9, want: 7 },
    { values: [1, 2, 3, 4], q: 0.5, want: 2.5 },
    { values: [4, 1, 3, 2], q: 0.5, want: 2.5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], q: 0.9, want: 9.1 },
    { values: [10, 20, 30], q: 0, want: 10 },
    { values: [10, 20, 30], q: 1, want: 30 },
  ])('q$q of $values = $want', ({ values, q, want }) => {
    const got = quantile(values, q);
    if (want === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(want, 10);
  });
  it('median does not reorder its input', () => {
    const v = [3, 1, 2];
    expect(median(v)).toBe(2);
    expect(v).toEqual([3, 1, 2]);
  });
  it('refuses a quantile outside 0..1', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('periods', () => {
  it.each([
    { kind: 'day' as const, day: '2026-11-25', from: '2026-11-25', to: '2026-11-25', days: 1 },
    { kind: 'week' as const, day: '2026-11-25', from: '2026-11-23', to: '2026-11-29', days: 7 },
    { kind: 'week' as const, day: '2026-11-29', from: '2026-11-23', to: '2026-11-29', days: 7 },
    { kind: 'week' as const, day: '2026-11-23', from: '2026-11-23', to: '2026-11-29', days: 7 },
    { kind: 'month' as const, day: '2026-02-14', from: '2026-02-01', to: '2026-02-28', days: 28 },
    { kind: 'month' as const, day: '2028-02-14', from: '2028-02-01', to: '2028-02-29', days: 29 },
  ])('$kind of $day', ({ kind, day, from, to, days }) => {
    const p = periodOf(kind, day);
    expect([p.from, p.to]).toEqual([from, to]);
    expect(periodDays(p)).toHaveLength(days);
  });
});

describe('definitions', () => {
  it.each([
    { completedOn: '2026-11-24', slaDue: '2026-11-24', acceptedOn: '2026-11-10', want: true },
    { completedOn: '2026-11-25', slaDue: '2026-11-24', acceptedOn: '2026-11-10', want: false },
    { completedOn: '2026-11-10', slaDue: null, acceptedOn: '2026-11-10', want: true },
    { completedOn: '2026-11-11', slaDue: null, acceptedOn: '2026-11-10', want: false },
    { completedOn: '2026-11-11', slaDue: null, acceptedOn: null, want: false },
  ])('completed $completedOn, due $slaDue → on time $want', ({ completedOn, slaDue, acceptedOn, want }) => {
    expect(completedOnTime(completedOn, slaDue, acceptedOn)).toBe(want);
  });
  it('overdue is strictly after the due day', () => {
    expect(isOverdue('2026-11-23', '2026-11-23')).toBe(false);
    expect(isOverdue('2026-11-22', '2026-11-23')).toBe(true);
    expect(isOverdue(null, '2026-11-23')).toBe(false);
  });
  it('rates and their text', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 4)).toBe(0.75);
    expect(percentText(0.92345)).toBe('92.3%');
    expect(percentText(null)).toBe('—');
  });
  it('waiting counts from the appointment slot when it is later than the check-in', () => {
    expect(waitSeconds('2026-11-23T09:00:00.000+08:00', null, '2026-11-23T09:10:00.000+08:00')).toBe(600);
    expect(waitSeconds('2026-11-23T09:00:00.000+08:00', '2026-11-23T09:30:00.000+08:00', '2026-11-23T09:31:00.000+08:00')).toBe(60);
    expect(waitSeconds('2026-11-23T09:40:00.000+08:00', '2026-11-23T09:30:00.000+08:00', '2026-11-23T09:41:00.000+08:00')).toBe(60);
  });
});

describe('waiting and service times per window', () => {
  it('counts a ticket’s wait once (its first call) and every ended call’s service', () => {
    const at = (hhmm: string) => `2026-11-23T${hhmm}:00.000+08:00`;
    const call = (windowNo: number, issued: string, called: string, ended: string | null, outcome: CallTimes['outcome'], first: boolean): CallTimes => ({
      windowNo,
      outcome,
      first,
      waitSec: first ? waitSeconds(at(issued), null, at(called)) : null,
      serviceSec: ended === null ? null : secondsBetween(at(called), at(ended)),
    });
    const r = callTimes([
      // A001 waited 10 min, served 5 min at window 1.
      call(1, '09:00', '09:10', '09:15', 'served', true),
      // A002 waited 20 min at window 1, transferred after 2 min, then served 4 min at window 2 (no second wait).
      call(1, '09:00', '09:20', '09:22', 'transferred', true),
      call(2, '09:00', '09:25', '09:29', 'served', false),
      // A003 waited 30 min, being served now (no service time yet).
      call(2, '09:00', '09:30', null, null, true),
    ]);
    expect(r.waits).toEqual([600, 1200, 1800]);
    expect(r.services).toEqual([300, 120, 240]);
    expect(r.windows).toEqual([
      { windowNo: 1, calls: 2, served: 1, waitMedianSec: 900, waitP90Sec: 1140, serviceMedianSec: 210, serviceP90Sec: 282 },
      { windowNo: 2, calls: 2, served: 1, waitMedianSec: 1800, waitP90Sec: 1800, serviceMedianSec: 240, serviceP90Sec: 240 },
    ]);
  });
});
