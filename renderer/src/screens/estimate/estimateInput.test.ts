import { describe, expect, it } from 'vitest';
import { SAMPLE_FORMS } from '../../../../shared/catalog/testing/samples';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, estimateClaim, estimateContribution } from '../../../../shared/policy';
import { claimInput, contributionInput, estimateKindFor, NO_OVERRIDES, prepareEstimate } from './estimateInput';

const person = { id: '0190a0e4-0000-7000-8000-000000000001', birthDate: '1960-05-01' } as const;

describe('estimate input from a case form', () => {
  it('knows which items have an estimate', () => {
    expect(estimateKindFor('outpatient_reimbursement')).toBe('claim');
    expect(estimateKindFor('inpatient_reimbursement')).toBe('claim');
    expect(estimateKindFor('resident_enrollment')).toBe('contribution');
    expect(estimateKindFor('ltc_application')).toBeNull();
  });

  it('maps the sample claim forms onto inputs the calculator accepts, and the layers add up', () => {
    for (const code of ['outpatient_reimbursement', 'inpatient_reimbursement']) {
      const p = claimInput(code, SAMPLE_FORMS[code]!, { residentTier: 'tier1' });
      expect(p.ready).toBe(true);
      if (!p.ready) continue;
      const r = estimateClaim({ ...p.input, regionCode: SAMPLE_REGION_CODE, assistanceCategory: 'dibao' } as never, DEFAULT_POLICY_TABLES);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) continue;
      const s = r.result.settlement;
      expect(s.basicFundFen + s.criticalIllnessFen + s.medicalAssistanceFen + s.personFen).toBe(s.totalFen);
    }
  });

  it('leaves the tier and the assistance category to the core (the person’s record) unless the clerk sets the tier', () => {
    const form = { insuranceType: 'resident', hospitalLevel: 'level2', visitDate: '2026-11-02', invoices: [{ amountFen: 10000 }] };
    const p = claimInput('outpatient_reimbursement', form, NO_OVERRIDES);
    expect(p.ready && Object.keys(p.input).sort()).toEqual(['careType', 'hospitalLevel', 'insuranceType', 'invoices', 'outOfAreaType', 'visitDate']);
    expect(claimInput('outpatient_reimbursement', form, { residentTier: 'tier2' })).toMatchObject({ ready: true, input: { residentTier: 'tier2' } });
    // The tier is a resident-insurance matter: an employee claim never carries one.
    expect(claimInput('outpatient_reimbursement', { ...form, insuranceType: 'employee' }, { residentTier: 'tier2' })).not.toMatchObject({ input: { residentTier: 'tier2' } });
  });

  it('takes the outpatient category from the claim form (general when left empty)', () => {
    const form = { insuranceType: 'employee', hospitalLevel: 'level2', visitDate: '2026-11-02', invoices: [{ amountFen: 10000 }] };
    expect(claimInput('outpatient_reimbursement', { ...form, outpatientCategory: 'two_diseases' }, NO_OVERRIDES)).toMatchObject({ ready: true, input: { outpatientCategory: 'two_diseases' } });
    const none = claimInput('outpatient_reimbursement', form, NO_OVERRIDES);
    expect(none.ready && 'outpatientCategory' in none.input).toBe(false);
    const r = estimateClaim({ ...(none.ready ? none.input : {}), regionCode: SAMPLE_REGION_CODE } as never, DEFAULT_POLICY_TABLES);
    const general = estimateClaim({ ...(none.ready ? none.input : {}), outpatientCategory: 'general', regionCode: SAMPLE_REGION_CODE } as never, DEFAULT_POLICY_TABLES);
    expect(r).toEqual(general);
    // Inpatient claims have no outpatient category.
    expect(claimInput('inpatient_reimbursement', { ...form, outpatientCategory: 'two_diseases' }, NO_OVERRIDES)).not.toMatchObject({ input: { outpatientCategory: 'two_diseases' } });
  });

  it('passes the emergency filing date to the calculator, which decides whether it was filed in time', () => {
    const form = { ...SAMPLE_FORMS.outpatient_reimbursement!, outOfAreaType: 'offsite_emergency', visitDate: '2024-03-01' };
    const inTime = claimInput('outpatient_reimbursement', { ...form, emergencyFilingDate: '2024-03-06' }, { residentTier: 'tier1' });
    const late = claimInput('outpatient_reimbursement', { ...form, emergencyFilingDate: '2024-03-07' }, { residentTier: 'tier1' });
    expect(inTime.ready && inTime.input.emergencyFilingDate).toBe('2024-03-06');
    const first = (p: typeof inTime) => {
      if (!p.ready) throw new Error('not ready');
      const r = estimateClaim({ ...p.input, regionCode: SAMPLE_REGION_CODE } as Parameters<typeof estimateClaim>[0], DEFAULT_POLICY_TABLES);
      if (!r.ok) throw new Error(r.message);
      return r.result.basic.personFirstFen;
    };
    expect(first(late)).toBeGreaterThan(first(inTime));
    // Not an emergency: no filing date is sent.
    const local = claimInput('outpatient_reimbursement', { ...form, outOfAreaType: 'local', emergencyFilingDate: '2024-03-06' }, { residentTier: 'tier1' });
    expect(local.ready && 'emergencyFilingDate' in local.input).toBe(false);
  });

  it('waits for an invoice amount', () => {
    expect(claimInput('outpatient_reimbursement', { insuranceType: 'employee', invoices: [{ invoiceNo: 'A' }] }, NO_OVERRIDES)).toEqual({ ready: false, waitingFor: 'invoices' });
  });

  it('leaves out what the form has not answered, so the calculator names it', () => {
    const p = claimInput('outpatient_reimbursement', { insuranceType: 'employee', invoices: [{ amountFen: 10000 }] }, NO_OVERRIDES);
    expect(p.ready && 'hospitalLevel' in p.input).toBe(false);
    const r = estimateClaim({ ...(p.ready ? p.input : {}), regionCode: SAMPLE_REGION_CODE } as never, DEFAULT_POLICY_TABLES);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('必填');
  });

  it('maps the enrollment form onto the contribution estimate, paid today', () => {
    const p = contributionInput(SAMPLE_FORMS.resident_enrollment!, person, '2026-11-20');
    expect(p).toEqual({
      ready: true,
      kind: 'contribution',
      input: { enrollmentYear: 2027, personCategory: 'adult', contributionTier: 'tier1', hardshipGroup: 'dibao', acceptanceDate: '2026-11-20' },
    });
    const r = estimateContribution({ ...(p.ready ? p.input : {}), regionCode: SAMPLE_REGION_CODE } as never, DEFAULT_POLICY_TABLES);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(prepareEstimate('ltc_application', {}, person, NO_OVERRIDES, '2026-11-20')).toBeNull();
  });
});
