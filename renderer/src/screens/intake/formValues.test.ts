import { describe, expect, it } from 'vitest';
import { findItem } from '../../../../shared/catalog/default-catalog';
import { SAMPLE_FORMS } from '../../../../shared/catalog/testing/samples';
import { materialsFor } from '../../../../shared/cases/materials';
import { initialUiValues, toFormValues, toUiValues, validateForm, type UiRow } from './formValues';

const outpatient = findItem('outpatient_reimbursement')!;
const enrollment = findItem('resident_enrollment')!;

describe('generated form values', () => {
  it('turns yuan typed by the clerk into fen, and back', () => {
    const ui = initialUiValues(outpatient.fields);
    (ui.invoices as UiRow[])[0] = { invoiceNo: 'A1', invoiceDate: '2026-10-01', amountFen: '1,234.5', selfPaidFen: '' };
    const { values, errors } = toFormValues(outpatient.fields, ui);
    expect(errors).toEqual({});
    expect(values.invoices).toEqual([{ invoiceNo: 'A1', invoiceDate: '2026-10-01', amountFen: 123450 }]);
    expect((toUiValues(outpatient.fields, values).invoices as UiRow[])[0]!.amountFen).toBe('1234.50');
  });

  it('names an amount with three decimals at its cell, and drops blank rows', () => {
    const ui = initialUiValues(outpatient.fields);
    ui.invoices = [
      { invoiceNo: 'A1', invoiceDate: '2026-10-01', amountFen: '12.345', selfPaidFen: '' },
      { invoiceNo: '', invoiceDate: '', amountFen: '', selfPaidFen: '' },
    ];
    const { values, errors } = toFormValues(outpatient.fields, ui);
    expect(errors).toEqual({ 'invoices.0.amountFen': '金额最多两位小数' });
    expect((values.invoices as unknown[]).length).toBe(1);
  });

  it('validates as the core does: required fields, booleans, hidden fields left out', () => {
    const ui = initialUiValues(enrollment.fields, { phone: '13912345678' });
    const first = validateForm(enrollment.fields, ui);
    expect(first.errors.personCategory).toBe('必填');
    ui.personCategory = 'minor';
    ui.contributionTier = 'tier2'; // shown only for adults: not sent
    const second = toFormValues(enrollment.fields, ui);
    expect('contributionTier' in second.values).toBe(false);
  });

  it('round-trips every sample form of the catalog through the UI representation', () => {
    for (const code of ['resident_enrollment', 'outpatient_reimbursement', 'inpatient_reimbursement', 'offsite_long_term_residence_filing', 'ltc_application']) {
      const item = findItem(code)!;
      const sample = SAMPLE_FORMS[code]!;
      const back = toFormValues(item.fields, toUiValues(item.fields, sample));
      expect(back.errors).toEqual({});
      expect(back.values).toEqual(sample);
    }
  });

  it('feeds material conditions with typed values (booleans, enums)', () => {
    const ui = initialUiValues(outpatient.fields);
    ui.accidentalInjury = 'yes';
    ui.manualReason = 'emergency';
    const needs = materialsFor(outpatient, toFormValues(outpatient.fields, ui).values, false).filter((n) => n.needed).map((n) => n.material.code);
    expect(needs).toContain('accident_statement');
    expect(needs).toContain('emergency_proof');
  });
});
