import { describe, expect, it } from 'vitest';
import { SAMPLE_FORMS } from '../../../../shared/catalog/testing/samples';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, estimateClaim, estimateContribution } from '../../../../shared/policy';
import { assistanceCategoryOf, claimInput, contributionInput, defaultAssumptions, estimateKindFor, prepareEstimate, residentTierOf } from './estimateInput';

const person = { flags: [], birthDate: '1960-05-01' } as const;

describe('estimate input from a case form', () => {
  it('knows which items have an estimate', () => {
    expect(estimateKindFor('outpatient_reimbursement')).toBe('claim');
    expect(estimateKindFor('inpatient_reimbursement')).toBe('claim');
    expect(estimateKindFor('resident_enrollment')).toBe('contribution');
    expect(estimateKindFor('ltc_application')).toBeNull();
  });

  it('takes the assistance category from the special-group flags, the strongest first', () => {
    expect(assistanceCategoryOf(['tuopin', 'dibao'])).toBe('dibao');
    expect(assistanceCategoryOf(['tekun', 'dibao'])).toBe('tekun');
    expect(assistanceCategoryOf(['tuopin'])).toBe('lifted');
    expect(assistanceCategoryOf(['military'])).toBeNull();
  });

  it('takes the resident tier from the current resident-insurance record', () => {
    expect(residentTierOf({ ...person, insurance: [{ type: '390', status: '1', regionCode: '371002', since: null, tier: 'tier2' }] })).toBe('tier2');
    expect(residentTierOf({ ...person, insurance: [{ type: '390', status: '3', regionCode: '371002', since: null, tier: 'tier2' }] })).toBeNull();
    expect(residentTierOf(person)).toBeNull();
  });

  it('maps the sample claim forms onto inputs the calculator accepts, and the layers add up', () => {
    for (const code of ['outpatient_reimbursement', 'inpatient_reimbursement']) {
      const p = claimInput(code, SAMPLE_FORMS[code]!, { flags: ['dibao'], birthDate: null }, { residentTier: 'tier1', outpatientCategory: 'general' });
      expect(p.ready).toBe(true);
      if (!p.ready) continue;
      const r = estimateClaim({ ...p.input, regionCode: SAMPLE_REGION_CODE } as never, DEFAULT_POLICY_TABLES);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) continue;
      const s = r.result.settlement;
      expect(s.basicFundFen + s.criticalIllnessFen + s.medicalAssistanceFen + s.personFen).toBe(s.totalFen);
    }
  });

  it('waits for an invoice amount, and for the tier of a resident', () => {
    expect(claimInput('outpatient_reimbursement', { insuranceType: 'employee', invoices: [{ invoiceNo: 'A' }] }, person, defaultAssumptions(person))).toEqual({ ready: false, waitingFor: 'invoices' });
    expect(claimInput('outpatient_reimbursement', { insuranceType: 'resident', invoices: [{ amountFen: 100 }] }, person, defaultAssumptions(person))).toEqual({ ready: false, waitingFor: 'tier' });
  });

  it('leaves out what the form has not answered, so the calculator names it', () => {
    const p = claimInput('outpatient_reimbursement', { insuranceType: 'employee', invoices: [{ amountFen: 10000 }] }, person, defaultAssumptions(person));
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
    expect(prepareEstimate('ltc_application', {}, person, defaultAssumptions(person), '2026-11-20')).toBeNull();
  });
});
