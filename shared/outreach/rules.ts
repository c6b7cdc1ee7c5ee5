import type { LocalDate } from '../time';
import { addDays, addMonths, daysBetween, daysInMonth, localDate, parseLocalDate } from '../time';
import type { InsuranceRecord } from '../persons';
import { INSURED_NORMAL, RESIDENT_BASIC } from '../persons';
import type { PolicyTable } from '../policy/tables/schema';
import { selectTable } from '../policy/tables/select';
import type { YearDay } from '../policy/tables/common';

/**
 * The rules of the proactive work lists (主动服务): who a mobile team or a window should go to before the person
 * comes. Pure functions over what the station holds; core/features/outreach runs them over its tables.
 *
 * The periods these rules look ahead are parameters with defaults (`OUTREACH_DEFAULTS`); the collection period
 * comes from the region's `contribution` policy table (shared/policy), never from code.
 */

export const OUTREACH_LISTS = ['enrollment', 'ltc_reassessment', 'certification', 'returned', 'promise'] as const;
export type OutreachList = (typeof OUTREACH_LISTS)[number];

export interface OutreachParameters {
  /** LTC re-assessments due within this many days (or overdue). */
  ltcWithinDays: number;
  /**
   * How long a chronic-disease certification (门诊慢特病认定) holds before it is renewed, in months. Local rule: the
   * default is an assumption until the region's rule is published (the seed documents give none).
   */
  certificationValidityMonths: number;
  /** Certifications expiring within this many days (or expired). */
  certificationWithinDays: number;
  /** 容缺 promises falling due within this many working days (or past). */
  promiseWithinWorkingDays: number;
}

export const OUTREACH_DEFAULTS: OutreachParameters = {
  ltcWithinDays: 60,
  certificationValidityMonths: 24,
  certificationWithinDays: 60,
  promiseWithinWorkingDays: 3,
};

// ---------------------------------------------------------------------------------------------
// 未参保 / 断保 for the next coverage year

/** A coverage year's collection period (集中缴费期), and whether it was read from that year's table. */
export interface CollectionPeriod {
  year: number;
  from: LocalDate;
  to: LocalDate;
  /** No contribution table for that year yet: the period is the latest table's, moved to the year. */
  estimated: boolean;
}

function dayOf(year: number, d: YearDay): LocalDate {
  const y = year + d.yearOffset;
  return localDate(y, d.month, Math.min(d.day, daysInMonth(y, d.month)));
}

/**
 * The collection period of coverage year `year` in `regionCode`: from the `contribution` table in force on 1 January
 * of that year; without one, the latest earlier table's period moved to that year (`estimated`); null without any.
 */
export function collectionPeriodOf(tables: readonly PolicyTable[], regionCode: string, year: number): CollectionPeriod | null {
  const s = selectTable(tables, 'contribution', regionCode, localDate(year, 1, 1));
  if (s.ok) return { year, from: dayOf(year, s.table.body.collectionPeriod.from), to: dayOf(year, s.table.body.collectionPeriod.to), estimated: false };
  let latest: Extract<PolicyTable, { kind: 'contribution' }> | null = null;
  for (const t of tables) {
    if (t.kind !== 'contribution' || t.regionCode !== regionCode || t.effectiveFrom > localDate(year, 1, 1)) continue;
    if (!latest || t.effectiveFrom > latest.effectiveFrom) latest = t;
  }
  if (!latest) return null;
  return { year, from: dayOf(year, latest.body.collectionPeriod.from), to: dayOf(year, latest.body.collectionPeriod.to), estimated: true };
}

/** The coverage year the list works for, and where today stands against its collection period. */
export interface EnrollmentTarget extends CollectionPeriod {
  /** `in`: the collection period is open today; `before`: it is still to come. */
  phase: 'in' | 'before';
  /** Days from today to the period's last day. */
  daysLeft: number;
}

/**
 * The next coverage year whose collection period is open today or still to come: the first year from this one whose
 * period has not ended. Across a year boundary the answer moves on the day after the period ends (a period of
 * 1 Sep – 31 Dec for the next year: on 31 December the list works for next year, on 1 January for the year after).
 */
export function enrollmentTarget(today: LocalDate, periodOf: (year: number) => CollectionPeriod | null): EnrollmentTarget | null {
  const y = parseLocalDate(today).y;
  for (const year of [y, y + 1, y + 2]) {
    const p = periodOf(year);
    if (!p || today > p.to) continue;
    return { ...p, phase: today >= p.from ? 'in' : 'before', daysLeft: daysBetween(today, p.to) };
  }
  return null;
}

/** 未参保: no basic medical insurance on record at all; 断保: records, none in force. */
export type EnrollmentGap = 'never' | 'lapsed';

const BASIC_TYPES: readonly string[] = ['310', RESIDENT_BASIC];

/**
 * Whether a person belongs on the 未参保/断保 list for the target year: not insured (no basic insurance — employee
 * 310 or resident 390 — in force on the roster) and no enrollment case of theirs taken in for that year. A record
 * in force counts as continuing enrollment (contributions renew each year without a new registration).
 */
export function enrollmentGap(insurance: readonly Pick<InsuranceRecord, 'type' | 'status'>[], enrolledForTarget: boolean): EnrollmentGap | null {
  if (enrolledForTarget) return null;
  const basic = insurance.filter((r) => BASIC_TYPES.includes(r.type));
  if (basic.some((r) => r.status === INSURED_NORMAL)) return null;
  return basic.length === 0 ? 'never' : 'lapsed';
}

// ---------------------------------------------------------------------------------------------
// Dates falling due

/** A date that falls due: how many days remain (negative when past). */
export interface DueDate {
  due: LocalDate;
  daysLeft: number;
  overdue: boolean;
}

function dueIn(due: LocalDate, today: LocalDate, within: number): DueDate | null {
  const daysLeft = daysBetween(today, due);
  return daysLeft <= within ? { due, daysLeft, overdue: daysLeft < 0 } : null;
}

/** An LTC re-assessment (复评) is on the list when the assessment's next-due date is within `within` days, or past. */
export function ltcReassessmentDue(nextAssessmentDue: LocalDate, today: LocalDate, within = OUTREACH_DEFAULTS.ltcWithinDays): DueDate | null {
  return dueIn(nextAssessmentDue, today, within);
}

/** When a certification granted on `grantedOn` must be renewed. */
export function certificationExpiry(grantedOn: LocalDate, validityMonths = OUTREACH_DEFAULTS.certificationValidityMonths): LocalDate {
  return addDays(addMonths(grantedOn, validityMonths), -1);
}

/** A chronic-disease certification is on the list when it expires within `within` days, or has expired. */
export function certificationExpiring(
  grantedOn: LocalDate,
  today: LocalDate,
  p: Pick<OutreachParameters, 'certificationValidityMonths' | 'certificationWithinDays'> = OUTREACH_DEFAULTS,
): DueDate | null {
  return dueIn(certificationExpiry(grantedOn, p.certificationValidityMonths), today, p.certificationWithinDays);
}

/**
 * A 容缺 promise falls due when its date is at most `withinWorkingDays` working days away (or past): `dueBy` is
 * today moved on by that many working days (calendar.addWorkingDays).
 */
export function promiseFallingDue(promiseDate: LocalDate, today: LocalDate, dueBy: LocalDate): DueDate | null {
  if (promiseDate > dueBy) return null;
  const daysLeft = daysBetween(today, promiseDate);
  return { due: promiseDate, daysLeft, overdue: daysLeft < 0 };
}
