import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, DEFAULT_CATALOG_ITEMS, findItem } from './default-catalog';
import { fieldApplies, formSchema } from './form';
import type { FormValues } from './form';
import { CatalogItemSchema, FAMILIES } from './types';
import type { CatalogItem, CatalogItemInput, FormField, Family, ScalarField } from './types';
import { SAMPLE_FORMS, SAMPLE_ID_NUMBER } from './testing/samples';

const TODAY = '2026-11-23';
const ctx = { today: TODAY };

/** Every code the default catalog must have, with its family. */
const EXPECTED: Record<string, Family> = {
  resident_enrollment: 'enrollment',
  employee_enrollment: 'enrollment',
  resident_info_change: 'enrollment',
  employee_info_change: 'enrollment',
  employer_registration: 'enrollment',
  insurance_record_query: 'enrollment',
  insurance_certificate: 'enrollment',
  transfer_continuation: 'enrollment',
  offsite_retiree_filing: 'reimbursement',
  offsite_long_term_residence_filing: 'reimbursement',
  offsite_work_filing: 'reimbursement',
  offsite_referral_filing: 'reimbursement',
  chronic_disease_certification: 'reimbursement',
  outpatient_reimbursement: 'reimbursement',
  inpatient_reimbursement: 'reimbursement',
  maternity_prenatal: 'reimbursement',
  maternity_delivery: 'reimbursement',
  family_planning_medical: 'reimbursement',
  maternity_allowance: 'reimbursement',
  maternity_nutrition_subsidy: 'reimbursement',
  assistance_contribution_subsidy: 'reimbursement',
  assistance_reimbursement: 'reimbursement',
  ltc_application: 'care',
  ltc_reassessment: 'care',
  ltc_care_mode_change: 'care',
};

/** Materials that identify someone: never deferrable under 容缺. Receipts carry the claim and stay too. */
const NEVER_DEFERRABLE = ['credential', 'valid_id', 'agent_id', 'authorisation', 'handler_id', 'receipts'];
const PROXY_CODES = ['agent_id', 'authorisation'];

// ---------------------------------------------------------------------------------------------
// Checks as functions returning problems, so the tests can show they catch a broken catalog.

function fieldByKey(item: CatalogItem, key: string): FormField | undefined {
  return item.fields.find((f) => f.key === key);
}

/** Values a field can hold that a condition may test: option values, or true/false. */
function conditionValues(field: FormField): readonly (string | number | boolean)[] | null {
  if (field.type === 'enum') return field.options.map((o) => o.value);
  if (field.type === 'boolean') return [true, false];
  return null;
}

function referenceProblems(item: CatalogItem): string[] {
  const problems: string[] = [];
  const check = (where: string, key: string, values: readonly (string | number | boolean)[]): void => {
    const target = fieldByKey(item, key);
    if (!target) return void problems.push(`${item.code} ${where}: unknown field ${key}`);
    const allowed = conditionValues(target);
    if (!allowed) return void problems.push(`${item.code} ${where}: field ${key} is neither enum nor boolean`);
    for (const v of values) if (!allowed.includes(v)) problems.push(`${item.code} ${where}: ${key} can never be ${String(v)}`);
  };
  for (const m of item.materials) {
    if (m.condition?.kind === 'field') check(`material ${m.code}`, m.condition.field, m.condition.oneOf);
  }
  for (const f of item.fields) {
    if (f.showWhen) {
      if (f.showWhen.field === f.key) problems.push(`${item.code} field ${f.key} depends on itself`);
      check(`field ${f.key}`, f.showWhen.field, f.showWhen.oneOf);
    }
  }
  return problems;
}

function catalogProblems(items: readonly CatalogItem[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.code)) problems.push(`duplicate code ${item.code}`);
    seen.add(item.code);
    if (item.mode === 'on_the_spot' && item.limitWorkingDays !== 0) problems.push(`${item.code}: on the spot with a limit`);
    if (item.mode !== 'on_the_spot' && !(item.limitWorkingDays > 0)) problems.push(`${item.code}: time-limited without a limit`);
    if (item.limitMaxWorkingDays !== undefined && item.limitMaxWorkingDays < item.limitWorkingDays) {
      problems.push(`${item.code}: extended limit below the limit`);
    }
    if (item.rongque !== null && !item.materials.some((m) => m.deferrable)) problems.push(`${item.code}: 容缺 with nothing deferrable`);
    for (const m of item.materials) {
      if (m.deferrable && NEVER_DEFERRABLE.includes(m.code)) problems.push(`${item.code}: ${m.code} is deferrable`);
      if (m.deferrable && item.rongque === null) problems.push(`${item.code}: ${m.code} deferrable without 容缺`);
    }
    const proxy = item.materials.filter((m) => m.condition?.kind === 'proxy').map((m) => m.code);
    const wantProxy = item.proxyAllowed ? PROXY_CODES : [];
    if (proxy.length !== wantProxy.length || !wantProxy.every((c) => proxy.includes(c))) {
      problems.push(`${item.code}: proxy materials ${proxy.join(',') || 'none'}`);
    }
    for (const m of item.materials) {
      if (PROXY_CODES.includes(m.code) && m.condition?.kind !== 'proxy') problems.push(`${item.code}: ${m.code} not conditional on proxy`);
    }
    problems.push(...referenceProblems(item));
  }
  return problems;
}

/** A value of the wrong kind for each field type. */
function wrongValue(field: FormField): unknown {
  const byType: Record<FormField['type'], unknown> = {
    text: 42,
    enum: 'not_an_option',
    multiEnum: ['not_an_option'],
    date: '2026-02-30',
    money: 12.5,
    integer: 1.5,
    boolean: 'yes',
    idNumber: '110105194912310021',
    creditCode: '91350100M000100Y44',
    phone: '12345',
    regionCode: '32062',
    bankAccount: '6228-ABCD',
    personName: '王',
    rows: 'one receipt',
  };
  return byType[field.type];
}

function issuesOf(item: CatalogItem, values: FormValues): { path: PropertyKey[]; message: string }[] {
  const r = formSchema(item.fields, ctx).safeParse(values);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

const invoiceItems = DEFAULT_CATALOG.filter((i) => i.fields.some((f) => f.key === 'invoices'));

function sampleFor(code: string): FormValues {
  const s = SAMPLE_FORMS[code];
  if (!s) throw new Error(`no sample for ${code}`);
  return structuredClone(s);
}

// ---------------------------------------------------------------------------------------------

describe('default catalog: shape', () => {
  it('parses every item with CatalogItemSchema', () => {
    for (const input of DEFAULT_CATALOG_ITEMS) {
      const r = CatalogItemSchema.safeParse(input);
      expect(r.success, `${input.code}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
    expect(DEFAULT_CATALOG).toHaveLength(DEFAULT_CATALOG_ITEMS.length);
  });

  it('has unique codes and exactly the expected items, each in its family', () => {
    const codes = DEFAULT_CATALOG.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [code, family] of Object.entries(EXPECTED)) {
      expect(findItem(code)?.family, code).toBe(family);
    }
  });

  it('covers all three families', () => {
    expect(new Set(DEFAULT_CATALOG.map((i) => i.family))).toEqual(new Set(FAMILIES));
  });

  it('finds items by code and nothing for an unknown code', () => {
    expect(findItem('inpatient_reimbursement')?.name['zh-CN']).toBe('住院费用报销');
    expect(findItem('no_such_item')).toBeUndefined();
  });

  it('has names in both languages and pinyin keywords for search', () => {
    for (const item of DEFAULT_CATALOG) {
      for (const t of [item.group, item.name]) {
        expect(t['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(t.en).toMatch(/^[A-Z]/);
      }
      const han = item.name['zh-CN'].replace(/[^\u4e00-\u9fff]/g, '');
      const [initials, full] = item.keywords;
      expect(initials, item.code).toHaveLength(han.length);
      expect(full, item.code).toMatch(/^[a-z]+$/);
      expect(full!.length).toBeGreaterThan(han.length);
    }
  });

  it('passes the catalog checks', () => {
    expect(catalogProblems(DEFAULT_CATALOG)).toEqual([]);
  });
});

describe('default catalog: limits, 容缺 and proxies', () => {
  it('gives on-the-spot items limit 0 and the others a positive limit', () => {
    for (const item of DEFAULT_CATALOG) {
      if (item.mode === 'on_the_spot') expect(item.limitWorkingDays, item.code).toBe(0);
      else expect(item.limitWorkingDays, item.code).toBeGreaterThan(0);
    }
  });

  it('follows the guide’s limits and levels', () => {
    const get = (code: string): CatalogItem => {
      const item = findItem(code);
      if (!item) throw new Error(code);
      return item;
    };
    expect(get('resident_enrollment')).toMatchObject({ mode: 'on_the_spot', lowestLevel: 'village' });
    expect(get('transfer_continuation')).toMatchObject({ mode: 'time_limited', limitWorkingDays: 15, lowestLevel: 'county' });
    for (const code of ['outpatient_reimbursement', 'inpatient_reimbursement']) {
      expect(get(code)).toMatchObject({ limitWorkingDays: 10, limitMaxWorkingDays: 20, rongque: { maxPromiseWorkingDays: 10 }, lowestLevel: 'county' });
    }
    expect(get('assistance_contribution_subsidy')).toMatchObject({ limitWorkingDays: 5, lowestLevel: 'county' });
    for (const code of ['ltc_application', 'ltc_reassessment', 'ltc_care_mode_change']) {
      expect(get(code)).toMatchObject({ limitWorkingDays: 30, lowestLevel: 'town' });
      expect(get(code).source).toMatch(/当地规定/);
    }
    for (const code of ['offsite_retiree_filing', 'offsite_long_term_residence_filing', 'offsite_work_filing', 'offsite_referral_filing']) {
      expect(get(code)).toMatchObject({ mode: 'on_the_spot', limitWorkingDays: 0, lowestLevel: 'town' });
    }
  });

  it('lets 容缺 items defer the cost list and records but never the 凭证 or the receipts', () => {
    const rongque = DEFAULT_CATALOG.filter((i) => i.rongque !== null);
    expect(rongque.map((i) => i.code).sort()).toEqual(['inpatient_reimbursement', 'outpatient_reimbursement']);
    for (const item of rongque) {
      const deferrable = item.materials.filter((m) => m.deferrable).map((m) => m.code);
      expect(deferrable.length, item.code).toBeGreaterThan(0);
      expect(deferrable).toContain('cost_list');
      const credential = item.materials.find((m) => m.code === 'credential');
      expect(credential).toMatchObject({ requirement: 'required', deferrable: false });
      expect(item.materials.find((m) => m.code === 'receipts')).toMatchObject({ deferrable: false });
    }
    expect(findItem('inpatient_reimbursement')!.materials.find((m) => m.code === 'discharge_summary')?.deferrable).toBe(true);
  });

  it('never lets an identity document be deferred, in any item', () => {
    for (const item of DEFAULT_CATALOG) {
      for (const m of item.materials) {
        if (NEVER_DEFERRABLE.includes(m.code) || /身份证件|凭证/.test(m.name['zh-CN'])) expect(m.deferrable, `${item.code}/${m.code}`).toBe(false);
      }
    }
  });

  it('gives every proxy-allowed item exactly the two proxy materials, and the others none', () => {
    for (const item of DEFAULT_CATALOG) {
      const proxy = item.materials.filter((m) => m.condition?.kind === 'proxy');
      if (item.proxyAllowed) {
        expect(proxy.map((m) => m.code).sort(), item.code).toEqual([...PROXY_CODES].sort());
        expect(proxy.every((m) => m.requirement === 'conditional' && !m.deferrable)).toBe(true);
      } else {
        expect(proxy, item.code).toEqual([]);
      }
    }
    expect(DEFAULT_CATALOG.filter((i) => !i.proxyAllowed).map((i) => i.code)).toEqual(['employer_registration']);
  });

  it('offers a commitment letter as the alternative proof for the three residence/work filings', () => {
    for (const code of ['offsite_retiree_filing', 'offsite_long_term_residence_filing', 'offsite_work_filing']) {
      const item = findItem(code)!;
      const letter = item.materials.find((m) => m.code === 'commitment_letter');
      expect(letter?.condition).toEqual({ kind: 'field', field: 'proofType', oneOf: ['commitment_letter'] });
      const proofs = item.materials.filter((m) => m.condition?.kind === 'field' && m.condition.field === 'proofType');
      expect(proofs).toHaveLength(2);
    }
    const referral = findItem('offsite_referral_filing')!;
    expect(referral.materials.find((m) => m.code === 'referral_certificate')?.requirement).toBe('required');
  });
});

describe('the catalog checks catch a broken catalog', () => {
  const base = (): CatalogItem[] => structuredClone(DEFAULT_CATALOG) as CatalogItem[];
  const mutate = (code: string, f: (item: CatalogItem) => void): CatalogItem[] => {
    const items = base();
    const item = items.find((i) => i.code === code)!;
    f(item);
    return items;
  };

  it.each<[string, () => CatalogItem[], RegExp]>([
    ['a duplicate code', () => [...base(), base()[0]!], /duplicate code/],
    ['a deferrable ID', () => mutate('outpatient_reimbursement', (i) => void (i.materials[0]!.deferrable = true)), /credential is deferrable/],
    ['容缺 without deferrable materials', () => mutate('inpatient_reimbursement', (i) => i.materials.forEach((m) => (m.deferrable = false))), /nothing deferrable/],
    ['a missing proxy material', () => mutate('ltc_application', (i) => (i.materials = i.materials.filter((m) => m.code !== 'authorisation'))), /proxy materials/],
    ['a condition on an impossible value', () => mutate('offsite_work_filing', (i) => {
      const m = i.materials.find((x) => x.code === 'commitment_letter')!;
      m.condition = { kind: 'field', field: 'proofType', oneOf: ['commitment'] };
    }), /can never be commitment/],
    ['a showWhen on an unknown field', () => mutate('resident_enrollment', (i) => {
      const f = i.fields.find((x) => x.key === 'contributionTier')!;
      f.showWhen = { field: 'category', oneOf: ['adult'] };
    }), /unknown field category/],
    ['an extended limit below the limit', () => mutate('inpatient_reimbursement', (i) => (i.limitMaxWorkingDays = 5)), /extended limit/],
  ])('%s', (_name, make, pattern) => {
    const problems = catalogProblems(make());
    expect(problems.some((p) => pattern.test(p)), problems.join('\n')).toBe(true);
  });

  it('the schema itself refuses a deferrable material on an item without 容缺', () => {
    const input = structuredClone(DEFAULT_CATALOG_ITEMS.find((i) => i.code === 'maternity_delivery')!) as CatalogItemInput;
    input.materials = input.materials.map((m) => (m.code === 'cost_list' ? { ...m, deferrable: true } : m));
    expect(CatalogItemSchema.safeParse(input).success).toBe(false);
  });
});

describe('forms of the default items', () => {
  it('has a sample entry for every item and none for unknown items', () => {
    expect(Object.keys(SAMPLE_FORMS).sort()).toEqual(DEFAULT_CATALOG.map((i) => i.code).sort());
  });

  describe.each(DEFAULT_CATALOG.map((i) => [i.code, i] as const))('%s', (code, item) => {
    it('accepts a realistic entry', () => {
      expect(issuesOf(item, sampleFor(code))).toEqual([]);
    });

    it('refuses the entry with any applicable required field removed, naming that field', () => {
      const sample = sampleFor(code);
      const required = item.fields.filter((f) => f.required && fieldApplies(f, sample));
      expect(required.length).toBeGreaterThan(0);
      for (const field of required) {
        const broken = sampleFor(code);
        delete broken[field.key];
        const issues = issuesOf(item, broken);
        expect(issues.some((i) => i.path.length === 1 && i.path[0] === field.key), `${code}.${field.key}`).toBe(true);
      }
    });

    it('refuses a value of the wrong kind in any filled field, naming that field', () => {
      const sample = sampleFor(code);
      for (const key of Object.keys(sample)) {
        const field = fieldByKey(item, key)!;
        const broken = { ...sampleFor(code), [key]: wrongValue(field) };
        const issues = issuesOf(item, broken);
        expect(issues.some((i) => i.path[0] === key), `${code}.${key}`).toBe(true);
      }
    });

    it('refuses an unknown key', () => {
      const issues = issuesOf(item, { ...sampleFor(code), remark: '备注' });
      expect(issues).toContainEqual(expect.objectContaining({ path: ['remark'] }));
    });
  });

  it('uses the brief’s invoice columns', () => {
    const invoices = findItem('inpatient_reimbursement')!.fields.find((f) => f.key === 'invoices');
    expect(invoices).toMatchObject({ type: 'rows', required: true, minRows: 1, maxRows: 200 });
    if (invoices?.type !== 'rows') throw new Error('invoices are not rows');
    const cols = Object.fromEntries(invoices.columns.map((c: ScalarField) => [c.key, c]));
    expect(cols.invoiceNo).toMatchObject({ type: 'text', required: true });
    expect(cols.invoiceDate).toMatchObject({ type: 'date', required: true, notAfterToday: true });
    expect(cols.amountFen).toMatchObject({ type: 'money', required: true });
    expect(cols.selfPaidFen).toMatchObject({ type: 'money', required: false });
  });

  describe.each(invoiceItems.map((i) => [i.code, i] as const))('invoice lines of %s', (code, item) => {
    const withLine = (line: Record<string, unknown>): FormValues => ({ ...sampleFor(code), invoices: [line] });
    const good = { invoiceNo: 'A1', invoiceDate: '2026-11-01', amountFen: 100 };

    it.each([
      ['a negative amount', -100],
      ['a fractional fen', 100.5],
      ['yuan as a string', '1.00'],
    ])('refuses %s at invoices.0.amountFen', (_name, amountFen) => {
      const issues = issuesOf(item, withLine({ ...good, amountFen }));
      expect(issues.map((i) => i.path)).toContainEqual(['invoices', 0, 'amountFen']);
    });

    it('refuses a receipt dated after today, an unknown column and an empty list', () => {
      expect(issuesOf(item, withLine({ ...good, invoiceDate: '2026-11-24' })).map((i) => i.path)).toContainEqual(['invoices', 0, 'invoiceDate']);
      expect(issuesOf(item, withLine({ ...good, doctor: '王医生' })).map((i) => i.path[0])).toContain('invoices');
      expect(issuesOf(item, { ...sampleFor(code), invoices: [] }).map((i) => i.path)).toContainEqual(['invoices']);
    });

    it('accepts a receipt dated today with no self-paid part, and refuses 201 lines', () => {
      expect(issuesOf(item, withLine({ ...good, invoiceDate: TODAY }))).toEqual([]);
      const many = Array.from({ length: 201 }, (_, n) => ({ ...good, invoiceNo: `A${n}` }));
      expect(issuesOf(item, { ...sampleFor(code), invoices: many }).map((i) => i.path)).toContainEqual(['invoices']);
    });
  });

  describe('conditional fields', () => {
    it('asks the tier of adults only', () => {
      const item = findItem('resident_enrollment')!;
      const minor: FormValues = { ...sampleFor('resident_enrollment'), personCategory: 'minor' };
      expect(issuesOf(item, minor).map((i) => i.path)).toEqual([['contributionTier']]);
      delete minor.contributionTier;
      expect(issuesOf(item, minor)).toEqual([]);
    });

    it('asks a flexible worker for no employer, and an employee for the employer', () => {
      const item = findItem('employee_enrollment')!;
      const flexible: FormValues = { ...sampleFor('employee_enrollment'), flexibleWorker: true };
      expect(issuesOf(item, flexible).map((i) => i.path)).toEqual([['employerCreditCode']]);
      delete flexible.employerCreditCode;
      expect(issuesOf(item, flexible)).toEqual([]);
    });

    it('asks the reason and date when a resident suspends or terminates', () => {
      const item = findItem('resident_info_change')!;
      const issues = issuesOf(item, { changeType: 'terminate' }).map((i) => i.path);
      expect(issues).toEqual([['stopReason'], ['stopDate']]);
      expect(issuesOf(item, { changeType: 'terminate', stopReason: 'deceased', stopDate: '2026-11-20' })).toEqual([]);
    });

    it('normalises the ID number and the bank account on the way in', () => {
      const out = formSchema(findItem('resident_info_change')!.fields, ctx).parse({ changeType: 'id_number', newIdNumber: '11010519491231002x' });
      expect(out.newIdNumber).toBe(SAMPLE_ID_NUMBER);
      const claim = formSchema(findItem('outpatient_reimbursement')!.fields, ctx).parse(sampleFor('outpatient_reimbursement'));
      expect(claim.bankAccount).toBe('6228480123456789012');
    });
  });
});
