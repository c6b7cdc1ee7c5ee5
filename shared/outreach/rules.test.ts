import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_TABLES } from '../policy/tables/defaults';
import {
  certificationExpiring,
  certificationExpiry,
  collectionPeriodOf,
  enrollmentGap,
  enrollmentTarget,
  ltcReassessmentDue,
  promiseFallingDue,
} from './rules';
import { WorkingCalendar } from '../calendar';
import { OFFICIAL_CALENDAR_YEARS as OFFICIAL_CALENDAR } from '../calendar/official';

const REGION = DEFAULT_POLICY_TABLES.find((t) => t.kind === 'contribution')!.regionCode;
const periodOf = (year: number) => collectionPeriodOf(DEFAULT_POLICY_TABLES, REGION, year);

describe('enrollmentTarget: the next coverage year, in or before its collection period', () => {
  // The sample tables: 2020–2024 collect 1 Jan – 30 Apr of the year itself; from 2025 on, 1 Sep – 31 Dec of the year before.
  it.each([
    ['inside a spring period', '2021-03-01', { year: 2021, phase: 'in', from: '2021-01-01', to: '2021-04-30' }],
    ['the last day of a spring period', '2021-04-30', { year: 2021, phase: 'in', daysLeft: 0 }],
    ['the day after it: next year, before its period', '2021-05-01', { year: 2022, phase: 'before', from: '2022-01-01' }],
    ['autumn period for next year: 2025 collected in 2024', '2024-10-15', { year: 2025, phase: 'in', from: '2024-09-01', to: '2024-12-31' }],
    ['before the autumn period, after the spring one', '2024-06-01', { year: 2025, phase: 'before', from: '2024-09-01' }],
    ['year boundary: 31 December still collects for the coming year', '2024-12-31', { year: 2025, phase: 'in', daysLeft: 0 }],
    ['year boundary: 1 January works for the year after', '2025-01-01', { year: 2026, phase: 'before', from: '2025-09-01', to: '2025-12-31' }],
    ['a year with no table of its own uses the latest one (estimated)', '2026-09-10', { year: 2027, phase: 'in', from: '2026-09-01', estimated: false }],
  ] as const)('%s (%s)', (_name, today, expected) => {
    const t = enrollmentTarget(today, periodOf);
    expect(t).toMatchObject(expected);
  });

  it('a period moved from an earlier table is marked estimated', () => {
    const tables = DEFAULT_POLICY_TABLES.map((t) => (t.kind === 'contribution' && t.effectiveTo === null ? { ...t, effectiveTo: '2026-01-01' } : t));
    const p = collectionPeriodOf(tables, REGION, 2027);
    expect(p).toEqual({ year: 2027, from: '2026-09-01', to: '2026-12-31', estimated: true });
  });

  it('no table for the region: no target', () => {
    expect(enrollmentTarget('2025-03-01', (y) => collectionPeriodOf(DEFAULT_POLICY_TABLES, '371002', y))).toBeNull();
  });
});

describe('enrollmentGap: 未参保 / 断保', () => {
  it.each([
    ['no records at all: never enrolled', [], false, 'never'],
    ['resident insurance suspended: lapsed', [{ type: '390', status: '2' }], false, 'lapsed'],
    ['terminated employee insurance, nothing else: lapsed', [{ type: '310', status: '3' }], false, 'lapsed'],
    ['resident insurance in force: not listed', [{ type: '390', status: '1' }], false, null],
    ['employee insurance in force: not listed', [{ type: '310', status: '1' }], false, null],
    ['only maternity or critical illness: never enrolled in basic insurance', [{ type: '392', status: '1' }], false, 'never'],
    ['an enrollment case for the target year taken in: not listed', [{ type: '390', status: '3' }], true, null],
  ] as const)('%s', (_n, records, enrolled, expected) => {
    expect(enrollmentGap(records, enrolled)).toBe(expected);
  });
});

describe('ltcReassessmentDue: within 60 days', () => {
  it.each([
    ['due in 60 days', '2025-03-02', '2025-01-01', { daysLeft: 60, overdue: false }],
    ['due in 61 days: not yet', '2025-03-03', '2025-01-01', null],
    ['due today', '2025-01-01', '2025-01-01', { daysLeft: 0, overdue: false }],
    ['overdue', '2024-12-20', '2025-01-01', { daysLeft: -12, overdue: true }],
    ['across the year boundary', '2026-01-15', '2025-12-01', { daysLeft: 45 }],
  ] as const)('%s', (_n, due, today, expected) => {
    const r = ltcReassessmentDue(due, today);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatchObject(expected);
  });
});

describe('certificationExpiring', () => {
  it('expires the day before the anniversary of the validity', () => {
    expect(certificationExpiry('2023-03-15', 24)).toBe('2025-03-14');
    expect(certificationExpiry('2024-02-29', 12)).toBe('2025-02-27');
  });
  it.each([
    ['60 days before the expiry', '2023-03-15', '2025-01-13', { due: '2025-03-14', daysLeft: 60 }],
    ['61 days before: not yet', '2023-03-15', '2025-01-12', null],
    ['expired last year, across the year boundary', '2022-12-01', '2025-01-05', { due: '2024-11-30', overdue: true }],
  ] as const)('%s', (_n, granted, today, expected) => {
    const r = certificationExpiring(granted, today, { certificationValidityMonths: 24, certificationWithinDays: 60 });
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatchObject(expected);
  });
});

describe('promiseFallingDue: within 3 working days', () => {
  const cal = new WorkingCalendar(OFFICIAL_CALENDAR);
  const by = (today: string) => cal.addWorkingDays(today, 3).date;
  it.each([
    // Thu 2025-12-25 + 3 working days = Tue 2025-12-30.
    ['due in 3 working days', '2025-12-30', '2025-12-25', { daysLeft: 5 }],
    ['4 working days away: not yet', '2025-12-31', '2025-12-25', null],
    // Across New Year 2026 (1–3 Jan off, Sun 4 Jan a make-up working day): Wed 2025-12-31 + 3 = Mon 2026-01-05.
    ['across the New Year holiday', '2026-01-05', '2025-12-31', { daysLeft: 5, overdue: false }],
    ['past its date', '2025-12-20', '2025-12-25', { overdue: true }],
  ] as const)('%s', (_n, promise, today, expected) => {
    const r = promiseFallingDue(promise, today, by(today));
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatchObject(expected);
  });
});
