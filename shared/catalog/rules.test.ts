import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, findItem } from './default-catalog';
import { describeFormIssue, itemFormSchema, type FormContext, type FormValues } from './form';
import { CatalogItemSchema, type CatalogItem } from './types';
import { SAMPLE_FORMS } from './testing/samples';

/**
 * The cross-field rules of the default catalog, one table per rule: each row a change to a valid sample form
 * and the field (path) and words of the refusal — or null when the change is fine. The same schema judges the
 * form at the window, in the core and at central.
 */
const TODAY = '2026-11-23';
const BORN = '1948-05-06';
const item = (code: string): CatalogItem => findItem(code)!;
const sample = (code: string): FormValues => structuredClone(SAMPLE_FORMS[code]!) as FormValues;

function firstIssue(code: string, form: FormValues, ctx: Partial<FormContext> = {}): { path: string; message: string } | null {
  const r = itemFormSchema(item(code), { today: TODAY, birthDate: BORN, ...ctx }).safeParse(form);
  if (r.success) return null;
  const i = r.error.issues[0]!;
  return { path: i.path.join('.'), message: i.message };
}

type Row = [string, (f: FormValues) => void, string | null, string | null];
const invoices = (f: FormValues) => f.invoices as Record<string, unknown>[];

describe('rule: discharge date not before admission date (inpatient claims)', () => {
  it.each<Row>([
    ['discharge the day of admission', (f) => ((f.admissionDate = '2026-10-08'), (f.dischargeDate = '2026-10-08'), invoices(f).forEach((r) => (r.invoiceDate = '2026-10-08'))), null, null],
    ['discharge one day before admission', (f) => (f.dischargeDate = '2026-10-07'), 'dischargeDate', '不能早于「入院日期」（2026-10-08）'],
    ['discharge a year before admission', (f) => (f.dischargeDate = '2025-10-20'), 'dischargeDate', '不能早于「入院日期」'],
  ])('%s', (_what, change, path, message) => {
    const f = sample('inpatient_reimbursement');
    change(f);
    const issue = firstIssue('inpatient_reimbursement', f);
    expect(issue?.path ?? null).toBe(path);
    if (message) expect(issue?.message).toContain(message);
  });

  it('a draft (partial) is held to it as soon as both dates are given', () => {
    expect(firstIssue('inpatient_reimbursement', { admissionDate: '2026-10-08', dischargeDate: '2026-10-01' }, { partial: true })?.path).toBe('dischargeDate');
    expect(firstIssue('inpatient_reimbursement', { dischargeDate: '2026-10-01' }, { partial: true })).toBeNull();
  });
});

describe('rule: visit, admission and discharge dates not in the future and not before the person was born', () => {
  it.each<[string, string, string, string | null]>([
    ['outpatient_reimbursement', 'visitDate', '2026-11-24', '不能晚于今天'],
    ['outpatient_reimbursement', 'visitDate', '1948-05-05', '不能早于参保人的出生日期（1948-05-06）'],
    ['outpatient_reimbursement', 'visitDate', '1948-05-06', null],
    ['inpatient_reimbursement', 'admissionDate', '2026-11-24', '不能晚于今天'],
    ['inpatient_reimbursement', 'admissionDate', '1940-01-01', '不能早于参保人的出生日期'],
    ['inpatient_reimbursement', 'dischargeDate', '2026-11-24', '不能晚于今天'],
    ['maternity_delivery', 'deliveryDate', '1947-01-01', '不能早于参保人的出生日期'],
    ['assistance_reimbursement', 'careStartDate', '1947-01-01', '不能早于参保人的出生日期'],
  ])('%s %s = %s', (code, key, value, message) => {
    const f = sample(code);
    f[key] = value;
    const issue = firstIssue(code, f);
    if (message === null) {
      // Only the date was changed: any issue left is about another field (e.g. the invoice lines of the stay).
      expect(issue?.path === key).toBe(false);
    } else {
      expect(issue).toEqual({ path: key, message: expect.stringContaining(message) });
    }
  });

  it('without the birth date (not known) only the future is refused', () => {
    const f = sample('outpatient_reimbursement');
    f.visitDate = '1900-01-01';
    expect(firstIssue('outpatient_reimbursement', f, { birthDate: null })).toBeNull();
  });
});

describe('rule: invoice lines — amount > 0, self-paid ≤ amount, policy-range part ≥ 0, dates inside the stay', () => {
  it.each<Row>([
    ['self-paid equal to the amount', (f) => (invoices(f)[0]!.selfPaidFen = invoices(f)[0]!.amountFen), null, null],
    ['self-paid zero', (f) => (invoices(f)[0]!.selfPaidFen = 0), null, null],
    ['self-paid above the amount', (f) => (invoices(f)[1]!.selfPaidFen = 8641), 'invoices.1.selfPaidFen', '不能大于本行「票据金额」（医保范围内金额不能为负）'],
    ['an amount of zero', (f) => (invoices(f)[0]!.amountFen = 0), 'invoices.0.amountFen', '金额不能少于 0.01 元'],
    ['a negative amount', (f) => (invoices(f)[0]!.amountFen = -100), 'invoices.0.amountFen', '金额不能少于'],
    ['a negative self-paid part', (f) => (invoices(f)[0]!.selfPaidFen = -1), 'invoices.0.selfPaidFen', '金额不能为负'],
    ['an invoice dated before admission', (f) => (invoices(f)[0]!.invoiceDate = '2026-10-07'), 'invoices.0.invoiceDate', '应在「入院日期」至「出院日期」之间（2026-10-08 至 2026-10-20）'],
    ['an invoice dated after discharge', (f) => (invoices(f)[1]!.invoiceDate = '2026-10-21'), 'invoices.1.invoiceDate', '应在「入院日期」至「出院日期」之间'],
    ['invoices dated on admission and discharge', (f) => ((invoices(f)[0]!.invoiceDate = '2026-10-08'), (invoices(f)[1]!.invoiceDate = '2026-10-20')), null, null],
  ])('inpatient: %s', (_what, change, path, message) => {
    const f = sample('inpatient_reimbursement');
    change(f);
    const issue = firstIssue('inpatient_reimbursement', f);
    expect(issue?.path ?? null).toBe(path);
    if (message) expect(issue?.message).toContain(message);
  });

  it('an outpatient claim has no stay: its invoice dates are only not in the future', () => {
    const f = sample('outpatient_reimbursement');
    invoices(f)[0]!.invoiceDate = '2025-01-01';
    expect(firstIssue('outpatient_reimbursement', f)).toBeNull();
  });

  it.each(['outpatient_reimbursement', 'inpatient_reimbursement', 'maternity_prenatal', 'maternity_delivery', 'family_planning_medical', 'assistance_reimbursement'])(
    'every item with invoice lines refuses self-paid above the amount and a repeated number (%s)',
    (code) => {
      const f = sample(code);
      const rows = invoices(f);
      rows[0]!.selfPaidFen = (rows[0]!.amountFen as number) + 1;
      expect(firstIssue(code, f)?.path).toBe('invoices.0.selfPaidFen');
      const g = sample(code);
      const r = invoices(g);
      r.push({ ...r[0]!, invoiceNo: ` ${String(r[0]!.invoiceNo).toLowerCase()} ` });
      expect(firstIssue(code, g)).toEqual({ path: `invoices.${r.length - 1}.invoiceNo`, message: '与第 1 行重复：同一号码在本案只能填写一次' });
    },
  );
});

describe('rule: an invoice number appears once in a claim', () => {
  it.each<[string, string[], string | null]>([
    ['different numbers', ['A001', 'A002', 'A003'], null],
    ['the same number twice', ['A001', 'A002', 'A001'], 'invoices.2.invoiceNo'],
    ['the same number with spaces and in lower case', ['AB 001', 'ab001'], 'invoices.1.invoiceNo'],
    ['a full-width copy of the number', ['A001', 'Ａ００１'], 'invoices.1.invoiceNo'],
  ])('%s', (_what, numbers, path) => {
    const f = sample('outpatient_reimbursement');
    f.invoices = numbers.map((invoiceNo) => ({ invoiceNo, invoiceDate: '2026-10-08', amountFen: 100_00 }));
    expect(firstIssue('outpatient_reimbursement', f)?.path ?? null).toBe(path);
  });
});

describe('rule: names of persons in forms', () => {
  it.each<[string, string, string | null]>([
    ['王秀英', 'bankAccountName', null],
    ['阿依古丽·买买提', 'bankAccountName', null],
    ['王', 'bankAccountName', '姓名至少 2 个字'],
    ['王秀英123', 'bankAccountName', '姓名不能含数字'],
  ])('收款户名 %j', (name, key, message) => {
    const f = sample('outpatient_reimbursement');
    f[key] = name;
    const issue = firstIssue('outpatient_reimbursement', f);
    if (message === null) expect(issue).toBeNull();
    else expect(issue).toEqual({ path: key, message });
  });

  it('the name is kept trimmed and with one kind of dot', () => {
    const f = sample('outpatient_reimbursement');
    f.bankAccountName = ' 阿依古丽•买买提 ';
    const r = itemFormSchema(item('outpatient_reimbursement'), { today: TODAY }).parse(f);
    expect(r.bankAccountName).toBe('阿依古丽·买买提');
  });
});

describe('rules as catalog data', () => {
  it('every sample form of the default catalog passes its item’s rules', () => {
    for (const i of DEFAULT_CATALOG) {
      const r = itemFormSchema(i, { today: TODAY, birthDate: BORN }).safeParse(SAMPLE_FORMS[i.code]);
      expect(r.success ? null : r.error.issues, i.code).toBeNull();
    }
  });

  it('refuses a rule that names an unknown field or a field of the wrong type', () => {
    const base = CatalogItemSchema.parse(item('inpatient_reimbursement'));
    const bad = (rules: unknown[]) => CatalogItemSchema.safeParse({ ...base, rules }).error?.issues.map((i) => i.message) ?? [];
    expect(bad([{ kind: 'dateOrder', earlier: 'admissionDate', later: 'nowhere' }])).toEqual(['rule 1 (dateOrder): unknown field nowhere']);
    expect(bad([{ kind: 'dateOrder', earlier: 'admissionDate', later: 'hospitalName' }])).toEqual(['rule 1 (dateOrder): field hospitalName is text, not date']);
    expect(bad([{ kind: 'rowPartOf', rows: 'invoices', part: 'invoiceNo', whole: 'amountFen' }])).toEqual(['rule 1 (rowPartOf): column invoices.invoiceNo is text, not money']);
    expect(bad([{ kind: 'uniqueInRows', rows: 'invoices', column: 'nope' }])).toEqual(['rule 1 (uniqueInRows): unknown column invoices.nope']);
    expect(bad([{ kind: 'rowDateWithin', rows: 'hospitalName', column: 'invoiceDate', from: 'admissionDate', to: 'dischargeDate' }])).toEqual([
      'rule 1 (rowDateWithin): field hospitalName is text, not rows',
    ]);
  });

  it('a catalog published without rules still parses (no cross-field rules)', () => {
    const { rules: _rules, ...old } = CatalogItemSchema.parse(item('inpatient_reimbursement'));
    expect(CatalogItemSchema.parse(old).rules).toEqual([]);
  });

  it('describes an issue by the field labels the clerk sees', () => {
    const fields = item('inpatient_reimbursement').fields;
    expect(describeFormIssue(fields, { path: ['dischargeDate'], message: '不能早于「入院日期」' })).toEqual({
      field: 'form.dischargeDate',
      message: '「出院日期」：不能早于「入院日期」',
    });
    expect(describeFormIssue(fields, { path: ['invoices', 1, 'selfPaidFen'], message: 'x' })).toEqual({
      field: 'form.invoices.1.selfPaidFen',
      message: '「票据明细」第 2 行「全自费金额」：x',
    });
  });
});
