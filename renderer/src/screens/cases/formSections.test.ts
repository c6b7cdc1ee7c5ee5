import { describe, expect, it } from 'vitest';
import { findItem } from '../../../../shared/catalog/default-catalog';
import { SAMPLE_FORMS } from '../../../../shared/catalog/testing/samples';
import { columnTotals, formSections, maskAccount } from './formSections';

describe('a case form as the case page shows it', () => {
  it('groups an inpatient claim: application, dates, care, payout account; the invoice lines as a table', () => {
    const item = findItem('inpatient_reimbursement')!;
    const { sections, tables } = formSections(item.fields, SAMPLE_FORMS.inpatient_reimbursement!);
    expect(Object.fromEntries(sections.map((s) => [s.id, s.fields.map((f) => f.key)]))).toEqual({
      application: ['insuranceType'],
      dates: ['admissionDate', 'dischargeDate'],
      care: ['hospitalName', 'hospitalLevel', 'outOfAreaType', 'manualReason', 'manualReasonDetail', 'accidentalInjury'],
      bank: ['bankAccountName', 'bankName', 'bankAccount'],
    });
    expect(tables.map((t) => t.key)).toEqual(['invoices']);
  });

  it('leaves out fields that do not apply to the answers (the emergency filing date of local care)', () => {
    const item = findItem('outpatient_reimbursement')!;
    const keys = formSections(item.fields, { ...SAMPLE_FORMS.outpatient_reimbursement!, outOfAreaType: 'local' }).sections.flatMap((s) => s.fields.map((f) => f.key));
    expect(keys).not.toContain('emergencyFilingDate');
    const emergency = formSections(item.fields, SAMPLE_FORMS.outpatient_reimbursement!).sections.flatMap((s) => s.fields.map((f) => f.key));
    expect(emergency).toContain('emergencyFilingDate');
  });

  it('totals the money columns of the invoice lines', () => {
    const item = findItem('inpatient_reimbursement')!;
    const invoices = item.fields.find((f) => f.key === 'invoices')!;
    if (invoices.type !== 'rows') throw new Error('not a table');
    expect(columnTotals(invoices, SAMPLE_FORMS.inpatient_reimbursement!.invoices as Record<string, unknown>[])).toEqual({ amountFen: 1_234_56 + 86_40, selfPaidFen: 120_00 });
  });

  it('masks an account to its last four digits', () => {
    expect(maskAccount('6228 4801 2345 6789 012')).toBe('**** **** 9012');
    expect(maskAccount('123')).toBe('***');
  });
});
