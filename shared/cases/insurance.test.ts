import { describe, expect, it } from 'vitest';
import type { InsuranceRecord } from '../persons';
import { insuranceAfterCompletion } from './insurance';

const ctx = { decidedOn: '2026-11-23', stationRegion: '371002' };
const enrolled = (form: Record<string, unknown>, current: InsuranceRecord[] = [], c: Partial<typeof ctx & { coverFrom: string | null }> = {}) =>
  insuranceAfterCompletion('resident_enrollment', form, current, { ...ctx, ...c });

describe('the insurance record a completed enrollment gives the person', () => {
  it.each<[string, Record<string, unknown>, Partial<InsuranceRecord>]>([
    ['an adult at tier 2 for next year', { enrollmentYear: 2027, personCategory: 'adult', contributionTier: 'tier2', regionCode: '320623' }, { type: '390', status: '1', tier: 'tier2', since: '2027-01-01', regionCode: '320623' }],
    ['an adult at tier 1 for this year, decided late', { enrollmentYear: 2026, personCategory: 'adult', contributionTier: 'tier1' }, { tier: 'tier1', since: '2026-11-23', regionCode: '371002' }],
    ['a student', { enrollmentYear: 2027, personCategory: 'student' }, { tier: 'minor' }],
    ['a newborn', { enrollmentYear: 2026, personCategory: 'newborn' }, { tier: 'minor' }],
  ])('%s', (_what, form, record) => {
    expect(enrolled(form)).toEqual([expect.objectContaining(record)]);
  });

  it('takes the cover start of the contribution estimate kept with the case (waiting period included)', () => {
    expect(enrolled({ enrollmentYear: 2026, personCategory: 'adult', contributionTier: 'tier1' }, [], { coverFrom: '2027-02-23' })).toEqual([
      { type: '390', status: '1', regionCode: '371002', since: '2027-02-23', tier: 'tier1' },
    ]);
  });

  it('replaces the resident record the person had, keeps the others', () => {
    const employee: InsuranceRecord = { type: '310', status: '3', regionCode: '371002', since: '2010-01-01', tier: null };
    const lapsed: InsuranceRecord = { type: '390', status: '3', regionCode: '371002', since: '2020-01-01', tier: 'tier1' };
    expect(enrolled({ enrollmentYear: 2027, personCategory: 'adult', contributionTier: 'tier2' }, [employee, lapsed])).toEqual([
      employee,
      { type: '390', status: '1', regionCode: '371002', since: '2027-01-01', tier: 'tier2' },
    ]);
  });

  it.each<[string, Record<string, unknown>, InsuranceRecord['status'] | null]>([
    ['join', { changeType: 'join', effectiveDate: '2026-12-01' }, '1'],
    ['resume', { changeType: 'resume', effectiveDate: '2026-12-01' }, '1'],
    ['interrupt', { changeType: 'interrupt', effectiveDate: '2026-12-01' }, '2'],
    ['end', { changeType: 'end', effectiveDate: '2026-12-01' }, '3'],
  ])('employee enrollment: %s', (_what, form, status) => {
    expect(insuranceAfterCompletion('employee_enrollment', form, [], ctx)).toEqual([{ type: '310', status, regionCode: '371002', since: '2026-12-01', tier: null }]);
  });

  it('a resident suspension or termination changes the record from the stop date; other changes leave it', () => {
    const resident: InsuranceRecord = { type: '390', status: '1', regionCode: '320623', since: '2026-01-01', tier: 'tier1' };
    expect(insuranceAfterCompletion('resident_info_change', { changeType: 'suspend', stopDate: '2026-12-01' }, [resident], ctx)).toEqual([{ ...resident, status: '2', since: '2026-12-01' }]);
    expect(insuranceAfterCompletion('resident_info_change', { changeType: 'terminate', stopDate: '2026-12-01' }, [resident], ctx)).toEqual([{ ...resident, status: '3', since: '2026-12-01' }]);
    expect(insuranceAfterCompletion('resident_info_change', { changeType: 'contact', newPhone: '13900000000' }, [resident], ctx)).toBeNull();
  });

  it('a transfer brings the insurance type in, in force from the decision', () => {
    expect(insuranceAfterCompletion('transfer_continuation', { insuranceType: 'employee' }, [], ctx)).toEqual([{ type: '310', status: '1', regionCode: '371002', since: '2026-11-23', tier: null }]);
  });

  it('other items change no insurance record', () => {
    expect(insuranceAfterCompletion('outpatient_reimbursement', {}, [], ctx)).toBeNull();
  });
});
