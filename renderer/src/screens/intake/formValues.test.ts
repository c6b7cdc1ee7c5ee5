import { describe, expect, it } from 'vitest';
import { findItem } from '../../../../shared/catalog/default-catalog';
import { SAMPLE_FORMS } from '../../../../shared/catalog/testing/samples';
import { materialsFor } from '../../../../shared/cases/materials';
import { initialUiValues, toFormValues, toUiValues, validateForm, type UiRow } from './formValues';
import { toProxy, NO_PROXY } from './proxy';

const outpatient = findItem('outpatient_reimbursement')!;
const enrollment = findItem('resident_enrollment')!;
const inpatient = findItem('inpatient_reimbursement')!;

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
    const first = validateForm(enrollment, ui);
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

  it('shows the item’s cross-field rules inline beside each field, together with the fields’ own errors', () => {
    const ui = toUiValues(inpatient.fields, SAMPLE_FORMS.inpatient_reimbursement!);
    ui.admissionDate = '2026-10-08';
    ui.dischargeDate = '2026-10-01';
    const rows = ui.invoices as UiRow[];
    rows[0] = { ...rows[0]!, amountFen: '100', selfPaidFen: '100.01' };
    rows[1] = { ...rows[1]!, invoiceNo: rows[0]!.invoiceNo!, amountFen: '0' };
    ui.bankAccountName = '王';
    const { errors } = validateForm(inpatient, ui, '1948-05-06');
    expect(errors).toEqual({
      bankAccountName: '姓名至少 2 个字',
      'invoices.1.amountFen': '金额不能少于 0.01 元',
      dischargeDate: '不能早于「入院日期」（2026-10-08）',
      'invoices.0.selfPaidFen': '不能大于本行「票据金额」（医保范围内金额不能为负）',
      'invoices.1.invoiceNo': '与第 1 行重复：同一号码在本案只能填写一次',
    });
    ui.admissionDate = '1948-05-01';
    expect(validateForm(inpatient, ui, '1948-05-06').errors.admissionDate).toBe('不能早于参保人的出生日期（1948-05-06）');
  });
});

describe('the agent (代办人) at the window', () => {
  const principal = '11010519491231002X';
  const agent = { ...NO_PROXY, enabled: true, name: ' 李建华 ', idNumber: '110105197506010359', relationship: 'child' as const, phone: '' };

  it('is taken trimmed and normalised when the shared rules hold', () => {
    const r = toProxy(agent, true, principal);
    expect(r.errors).toEqual({});
    expect(r.proxy).toEqual({ name: '李建华', idNumber: '110105197506010359', relationship: 'child', authorisationReceived: true });
  });

  it.each<[string, Partial<typeof agent>, string, string]>([
    ['the principal’s own ID', { idNumber: principal.toLowerCase() }, 'proxy.idNumber', '代办人不能是申请人本人：此证件号码是申请人自己的'],
    ['a minor', { idNumber: '110105201801010019' }, 'proxy.idNumber', '代办人应为成年人（按证件号码，代办人未满 18 周岁）'],
    ['no relationship', { relationship: '' as never }, 'proxy.relationship', '请选择代办人与申请人的关系'],
    ['a one-character name', { name: '李' }, 'proxy.name', '代办人姓名至少 2 个字'],
  ])('refuses %s inline', (_what, patch, key, message) => {
    const r = toProxy({ ...agent, ...patch }, true, principal);
    expect(r.proxy).toBeNull();
    expect(r.errors[key]).toBe(message);
  });
});
