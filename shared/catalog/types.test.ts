import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_ITEMS } from './default-catalog';
import { CatalogItemSchema, FormFieldSchema, MaterialConditionSchema } from './types';
import type { CatalogItemInput } from './types';

const t = (zh: string) => ({ 'zh-CN': zh, en: zh });
const opt = (value: string) => ({ value, label: t(value) });

type Input = Record<string, unknown> & { fields: Record<string, unknown>[]; materials: Record<string, unknown>[] };

/** A valid item with one of most things; tests change a copy. */
function base(): Input {
  return {
    code: 'sample_item',
    family: 'reimbursement',
    group: t('零星报销'),
    name: t('门诊费用零星报销'),
    mode: 'time_limited',
    limitWorkingDays: 10,
    limitMaxWorkingDays: 20,
    rongque: { maxPromiseWorkingDays: 5 },
    lowestLevel: 'town',
    proxyAllowed: true,
    fields: [
      { key: 'hospitalLevel', label: t('医院等级'), required: true, type: 'enum', options: [opt('primary'), opt('secondary'), opt('tertiary')] },
      { key: 'referred', label: t('是否转诊'), required: true, type: 'boolean' },
      { key: 'referralNo', label: t('转诊单号'), required: true, type: 'text', pattern: '^[A-Z0-9]+$', showWhen: { field: 'referred', oneOf: [true] } },
      { key: 'visits', label: t('就诊次数'), required: false, type: 'integer', min: 1 },
      { key: 'extras', label: t('附加'), required: false, type: 'multiEnum', options: [opt('x'), opt('y')] },
      {
        key: 'invoices',
        label: t('发票'),
        required: true,
        type: 'rows',
        minRows: 1,
        maxRows: 20,
        columns: [
          { key: 'invoiceNo', label: t('发票号'), required: true, type: 'text' },
          { key: 'amountFen', label: t('金额'), required: true, type: 'money' },
          { key: 'category', label: t('类别'), required: false, type: 'enum', options: [opt('drug'), opt('exam')] },
        ],
      },
    ],
    materials: [
      { code: 'id_card', name: t('身份证'), requirement: 'required', deferrable: false },
      { code: 'invoice', name: t('发票原件'), requirement: 'required', deferrable: false },
      { code: 'bank_card', name: t('银行卡'), requirement: 'required', deferrable: true },
      { code: 'referral_form', name: t('转诊单'), requirement: 'conditional', condition: { kind: 'field', field: 'referred', oneOf: [true] }, deferrable: true },
      { code: 'tertiary_note', name: t('三级医院说明'), requirement: 'conditional', condition: { kind: 'field', field: 'hospitalLevel', oneOf: ['tertiary'] }, deferrable: false },
      { code: 'repeat_note', name: t('多次就诊说明'), requirement: 'conditional', condition: { kind: 'field', field: 'visits', oneOf: [3, 4] }, deferrable: false },
      { code: 'proxy_letter', name: t('委托书'), requirement: 'conditional', condition: { kind: 'proxy' }, deferrable: false },
      { code: 'photo', name: t('照片'), requirement: 'optional', deferrable: false },
    ],
  };
}

function messages(item: unknown): string[] {
  const r = CatalogItemSchema.safeParse(item);
  if (r.success) return [];
  return r.error.issues.map((i) => i.message);
}
function issues(item: unknown): { path: string; message: string }[] {
  const r = CatalogItemSchema.safeParse(item);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
function withField(key: string, change: Record<string, unknown>): Input {
  const b = base();
  b.fields = b.fields.map((f) => (f.key === key ? { ...f, ...change } : f));
  return b;
}
function withMaterial(code: string, change: Record<string, unknown>): Input {
  const b = base();
  b.materials = b.materials.map((m) => (m.code === code ? { ...m, ...change } : m));
  return b;
}

describe('CatalogItemSchema: the base fixture', () => {
  it('is valid, and fills keywords', () => {
    expect(issues(base())).toEqual([]);
    const item = CatalogItemSchema.parse(base());
    expect(item.keywords).toEqual([]);
    expect(item.fields).toHaveLength(6);
  });

  it('every default catalog item is valid', () => {
    for (const i of DEFAULT_CATALOG_ITEMS) expect(issues(i), i.code).toEqual([]);
  });

  it('refuses unknown keys, bad codes, bad field keys and missing Chinese text', () => {
    expect(CatalogItemSchema.safeParse({ ...base(), owner: 'x' }).success).toBe(false);
    expect(CatalogItemSchema.safeParse({ ...base(), code: 'Sample-Item' }).success).toBe(false);
    expect(CatalogItemSchema.safeParse(withField('visits', { key: 'Visits' })).success).toBe(false);
    expect(CatalogItemSchema.safeParse(withField('visits', { key: 'visit_count' })).success).toBe(false);
    expect(CatalogItemSchema.safeParse({ ...base(), name: { en: 'x' } }).success).toBe(false);
    expect(CatalogItemSchema.safeParse({ ...base(), materials: [] }).success).toBe(false);
    expect(CatalogItemSchema.safeParse({ ...base(), rongque: { maxPromiseWorkingDays: 61 } }).success).toBe(false);
    expect(CatalogItemSchema.safeParse({ ...base(), rongque: { maxPromiseWorkingDays: 0 } }).success).toBe(false);
  });
});

describe('CatalogItemSchema: fields', () => {
  it('refuses a pattern that is not a regular expression', () => {
    expect(issues(withField('referralNo', { pattern: '^[A-Z' }))).toEqual([
      { path: 'fields', message: 'field referralNo: pattern is not a valid regular expression' },
    ]);
    expect(messages(withField('referralNo', { pattern: '(?<' }))).toEqual(['field referralNo: pattern is not a valid regular expression']);
    expect(messages(withField('referralNo', { pattern: '^\\d{4}-[A-Z]+$' }))).toEqual([]);
  });

  it('refuses a bad pattern in a rows column too', () => {
    const b = base();
    const invoices = b.fields.find((f) => f.key === 'invoices')! as { columns: Record<string, unknown>[] };
    invoices.columns[0] = { ...invoices.columns[0], pattern: '*x' };
    expect(messages(b)).toEqual(['field invoices.invoiceNo: pattern is not a valid regular expression']);
  });

  it('refuses duplicate field keys', () => {
    const b = base();
    b.fields.push({ key: 'extras', label: t('再一次'), required: false, type: 'text' });
    expect(messages(b)).toEqual(['duplicate field key extras']);
  });

  it('refuses duplicate option values (enum, multiEnum, column enum)', () => {
    expect(messages(withField('hospitalLevel', { options: [opt('primary'), opt('secondary'), opt('tertiary'), opt('primary')] }))).toEqual([
      'field hospitalLevel: duplicate option values',
    ]);
    expect(messages(withField('extras', { options: [opt('x'), opt('x')] }))).toEqual(['field extras: duplicate option values']);
    const b = base();
    const invoices = b.fields.find((f) => f.key === 'invoices')! as { columns: Record<string, unknown>[] };
    invoices.columns[2] = { ...invoices.columns[2], options: [opt('drug'), opt('drug')] };
    expect(messages(b)).toEqual(['field invoices.category: duplicate option values']);
  });

  it('refuses duplicate columns', () => {
    const b = base();
    const invoices = b.fields.find((f) => f.key === 'invoices')! as { columns: Record<string, unknown>[] };
    invoices.columns.push({ key: 'amountFen', label: t('金额2'), required: false, type: 'money' });
    expect(messages(b)).toEqual(['field invoices: duplicate column amountFen']);
  });

  it('refuses showWhen on a column', () => {
    const b = base();
    const invoices = b.fields.find((f) => f.key === 'invoices')! as { columns: Record<string, unknown>[] };
    invoices.columns[2] = { ...invoices.columns[2], showWhen: { field: 'referred', oneOf: [true] } };
    expect(messages(b)).toEqual(['field invoices.category: columns cannot use showWhen']);
  });

  it('refuses showWhen pointing at an unknown field or at the field itself', () => {
    expect(issues(withField('referralNo', { showWhen: { field: 'referal', oneOf: [true] } }))).toEqual([
      { path: 'fields', message: 'field referralNo is shown by unknown field referal' },
    ]);
    expect(messages(withField('referralNo', { showWhen: { field: 'referralNo', oneOf: ['A'] } }))).toEqual([
      'field referralNo is shown by unknown field referralNo',
    ]);
  });

  it('refuses a showWhen value the controlling field cannot hold', () => {
    expect(messages(withField('referralNo', { showWhen: { field: 'hospitalLevel', oneOf: ['tertiary', 'quaternary'] } }))).toEqual([
      'field referralNo showWhen: quaternary is not a value of hospitalLevel',
    ]);
    expect(messages(withField('referralNo', { showWhen: { field: 'referred', oneOf: ['true'] } }))).toEqual([
      'field referralNo showWhen: true is not a value of referred',
    ]);
    expect(messages(withField('referralNo', { showWhen: { field: 'extras', oneOf: ['z'] } }))).toEqual([
      'field referralNo showWhen: z is not a value of extras',
    ]);
  });

  it('refuses a showWhen on a number field (its values are strings, never equal to a number)', () => {
    expect(messages(withField('referralNo', { showWhen: { field: 'visits', oneOf: ['3'] } }))).toEqual([
      'field referralNo showWhen: 3 is not a value of visits',
    ]);
  });

  it('refuses a showWhen on a rows field, whose value is never a single value', () => {
    expect(messages(withField('referralNo', { showWhen: { field: 'invoices', oneOf: ['x'] } }))).toEqual([
      'field referralNo showWhen: x is not a value of invoices',
    ]);
  });

  it('accepts showWhen on enum, multiEnum, boolean and text fields with fitting values', () => {
    expect(messages(withField('referralNo', { showWhen: { field: 'hospitalLevel', oneOf: ['secondary', 'tertiary'] } }))).toEqual([]);
    expect(messages(withField('referralNo', { showWhen: { field: 'extras', oneOf: ['y'] } }))).toEqual([]);
    expect(messages(withField('visits', { showWhen: { field: 'referred', oneOf: [false] } }))).toEqual([]);
    const b = base();
    b.fields.push({ key: 'remark', label: t('说明'), required: false, type: 'text', showWhen: { field: 'referralNo', oneOf: ['SPECIAL'] } });
    expect(messages(b)).toEqual([]);
  });

  it('FormFieldSchema refuses an unknown type and bad bounds', () => {
    expect(FormFieldSchema.safeParse({ key: 'a', label: t('a'), required: false, type: 'colour' }).success).toBe(false);
    expect(FormFieldSchema.safeParse({ key: 'a', label: t('a'), required: false, type: 'text', maxLength: 0 }).success).toBe(false);
    expect(FormFieldSchema.safeParse({ key: 'a', label: t('a'), required: false, type: 'enum', options: [] }).success).toBe(false);
    expect(
      FormFieldSchema.safeParse({ key: 'a', label: t('a'), required: false, type: 'rows', minRows: 0, maxRows: 501, columns: [{ key: 'b', label: t('b'), required: true, type: 'text' }] })
        .success,
    ).toBe(false);
    expect(FormFieldSchema.safeParse({ key: 'a', label: t('a'), required: false, type: 'rows', minRows: 0, maxRows: 5, columns: [] }).success).toBe(false);
  });
});

describe('CatalogItemSchema: materials', () => {
  it('refuses duplicate material codes', () => {
    const b = base();
    b.materials.push({ code: 'invoice', name: t('发票复印件'), requirement: 'optional', deferrable: false });
    expect(issues(b)).toEqual([{ path: 'materials', message: 'duplicate material code invoice' }]);
  });

  it('a condition goes with "conditional" and only with it', () => {
    expect(messages(withMaterial('referral_form', { requirement: 'required' }))).toEqual([
      'material referral_form: a condition goes with requirement "conditional" only',
    ]);
    expect(messages(withMaterial('photo', { requirement: 'conditional' }))).toEqual(['material photo: a condition goes with requirement "conditional" only']);
  });

  it('refuses a condition on an unknown field', () => {
    expect(messages(withMaterial('tertiary_note', { condition: { kind: 'field', field: 'hospitalGrade', oneOf: ['tertiary'] } }))).toEqual([
      'material tertiary_note depends on unknown field hospitalGrade',
    ]);
  });

  it('refuses a condition value that is not an option of the field', () => {
    expect(messages(withMaterial('tertiary_note', { condition: { kind: 'field', field: 'hospitalLevel', oneOf: ['tertiary', 'Tertiary'] } }))).toEqual([
      'material tertiary_note condition: Tertiary is not a value of hospitalLevel',
    ]);
  });

  it('refuses a non-boolean condition value on a boolean field, and a string on a number field', () => {
    expect(messages(withMaterial('referral_form', { condition: { kind: 'field', field: 'referred', oneOf: [1] } }))).toEqual([
      'material referral_form condition: 1 is not a value of referred',
    ]);
    expect(messages(withMaterial('repeat_note', { condition: { kind: 'field', field: 'visits', oneOf: ['3'] } }))).toEqual([
      'material repeat_note condition: 3 is not a value of visits',
    ]);
    expect(messages(withMaterial('repeat_note', { condition: { kind: 'field', field: 'referralNo', oneOf: [3] } }))).toEqual([
      'material repeat_note condition: 3 is not a value of referralNo',
    ]);
  });

  it('refuses proxy materials on an item that allows no proxy', () => {
    expect(messages({ ...base(), proxyAllowed: false })).toEqual(['proxy materials on an item that allows no proxy']);
  });

  it('MaterialConditionSchema needs at least one value and a known kind', () => {
    expect(MaterialConditionSchema.safeParse({ kind: 'field', field: 'a', oneOf: [] }).success).toBe(false);
    expect(MaterialConditionSchema.safeParse({ kind: 'age' }).success).toBe(false);
    expect(MaterialConditionSchema.safeParse({ kind: 'proxy', field: 'a' }).success).toBe(false);
  });
});

describe('CatalogItemSchema: 容缺 and time limits', () => {
  it('refuses 容缺 without a deferrable material', () => {
    const b = base();
    b.materials = b.materials.map((m) => ({ ...m, deferrable: false }));
    expect(issues(b)).toEqual([{ path: 'rongque', message: 'an item allowing 容缺 needs at least one deferrable material' }]);
  });

  it('refuses a deferrable material on an item without 容缺', () => {
    expect(messages({ ...base(), rongque: null })).toEqual([
      'material bank_card is deferrable but the item does not allow 容缺',
      'material referral_form is deferrable but the item does not allow 容缺',
    ]);
    const b = base();
    b.rongque = null;
    b.materials = b.materials.map((m) => ({ ...m, deferrable: false }));
    expect(messages(b)).toEqual([]);
  });

  it('refuses limitMaxWorkingDays below limitWorkingDays', () => {
    expect(issues({ ...base(), limitWorkingDays: 10, limitMaxWorkingDays: 9 })).toEqual([
      { path: 'limitMaxWorkingDays', message: 'limitMaxWorkingDays is below limitWorkingDays' },
    ]);
    expect(messages({ ...base(), limitWorkingDays: 10, limitMaxWorkingDays: 10 })).toEqual([]);
    const { limitMaxWorkingDays: _drop, ...noMax } = base();
    expect(messages(noMax)).toEqual([]);
  });

  it('an on-the-spot item takes 0 days; other modes take more', () => {
    expect(messages({ ...base(), mode: 'on_the_spot', limitWorkingDays: 0, limitMaxWorkingDays: 0 })).toEqual([]);
    expect(issues({ ...base(), mode: 'on_the_spot', limitWorkingDays: 1 })).toEqual([
      { path: 'limitWorkingDays', message: 'an on-the-spot item has limitWorkingDays 0' },
    ]);
    expect(messages({ ...base(), mode: 'commitment', limitWorkingDays: 0, limitMaxWorkingDays: 0 })).toEqual([
      'a time-limited item needs limitWorkingDays > 0',
    ]);
    expect(CatalogItemSchema.safeParse({ ...base(), limitWorkingDays: 366 }).success).toBe(false);
  });

  it('reports every problem at once', () => {
    const b = base();
    b.fields.push({ key: 'extras', label: t('重复'), required: false, type: 'text', pattern: '(' });
    b.materials.push({ code: 'id_card', name: t('身份证'), requirement: 'required', deferrable: false });
    const all = messages({ ...b, limitWorkingDays: 10, limitMaxWorkingDays: 5 });
    expect(all).toEqual(
      expect.arrayContaining([
        'duplicate material code id_card',
        'duplicate field key extras',
        'field extras: pattern is not a valid regular expression',
        'limitMaxWorkingDays is below limitWorkingDays',
      ]),
    );
    expect(all).toHaveLength(4);
  });
});

describe('CatalogItemInput type', () => {
  it('the fixture fits the input type', () => {
    const input: CatalogItemInput = base() as unknown as CatalogItemInput;
    expect(CatalogItemSchema.parse(input).code).toBe('sample_item');
  });
});
