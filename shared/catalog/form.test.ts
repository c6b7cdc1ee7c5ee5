import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorFromZod } from '../api/errors';
import { upgradeResidentId15 } from '../identity';
import { fieldApplies, formSchema } from './form';
import type { FormContext, FormValues } from './form';
import { FormFieldSchema } from './types';
import type { FormField } from './types';

const TODAY = '2026-11-23';
const ctx: FormContext = { today: TODAY };
const draft: FormContext = { today: TODAY, partial: true };
const ID = '11010519491231002X';

const t = (zh: string) => ({ 'zh-CN': zh, en: zh });
const opt = (value: string) => ({ value, label: t(value) });
const field = (f: Record<string, unknown>): FormField => FormFieldSchema.parse({ label: t(String(f.key)), required: false, ...f });

const FIELDS: FormField[] = [
  field({ key: 'name', type: 'text', required: true, maxLength: 4 }),
  field({ key: 'memo', type: 'text', pattern: '^[A-Z]+$' }),
  field({ key: 'kind', type: 'enum', required: true, options: [opt('self'), opt('proxy'), opt('employer')] }),
  field({ key: 'proxyName', type: 'text', required: true, showWhen: { field: 'kind', oneOf: ['proxy'] } }),
  field({ key: 'employerCode', type: 'creditCode', showWhen: { field: 'kind', oneOf: ['employer'] } }),
  field({ key: 'urgent', type: 'boolean' }),
  field({ key: 'urgentReason', type: 'text', required: true, showWhen: { field: 'urgent', oneOf: [true] } }),
  field({ key: 'services', type: 'multiEnum', options: [opt('a'), opt('b'), opt('c')] }),
  field({ key: 'serviceNote', type: 'text', required: true, showWhen: { field: 'services', oneOf: ['c'] } }),
  field({ key: 'amount', type: 'money', minFen: 100, maxFen: 100_000 }),
  field({ key: 'refund', type: 'money' }),
  field({ key: 'count', type: 'integer', min: 1, max: 9 }),
  field({ key: 'visitDate', type: 'date', notAfterToday: true }),
  field({ key: 'dueDate', type: 'date' }),
  field({ key: 'idNumber', type: 'idNumber' }),
  field({ key: 'phone', type: 'phone' }),
  field({ key: 'regionCode', type: 'regionCode' }),
  field({ key: 'bankAccount', type: 'bankAccount' }),
  field({
    key: 'invoices',
    type: 'rows',
    minRows: 1,
    maxRows: 3,
    columns: [
      { key: 'invoiceNo', label: t('发票号'), required: true, type: 'text' },
      { key: 'amountFen', label: t('金额'), required: true, type: 'money' },
      { key: 'selfPaidFen', label: t('自付'), required: false, type: 'money' },
      { key: 'note', label: t('备注'), required: false, type: 'text', maxLength: 5 },
      { key: 'tags', label: t('标签'), required: false, type: 'multiEnum', options: [opt('x'), opt('y')] },
    ],
  }),
];
const MIN: FormValues = { name: '王秀英', kind: 'self' };

function parse(values: unknown, c: FormContext = ctx) {
  return formSchema(FIELDS, c).safeParse(values);
}
/** The [path, message] pairs of a failed parse. */
function issues(values: unknown, c: FormContext = ctx): [string, string][] {
  const r = parse(values, c);
  if (r.success) throw new Error(`expected failure for ${JSON.stringify(values)}, got ${JSON.stringify(r.data)}`);
  return r.error.issues.map((i) => [i.path.join('.'), i.message]);
}
function ok(values: unknown, c: FormContext = ctx): FormValues {
  const r = parse(values, c);
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.error.issues)}`);
  return r.data;
}

describe('formSchema: required fields and partial mode', () => {
  it('accepts the minimal complete form', () => {
    expect(ok(MIN)).toEqual(MIN);
  });

  it('reports every missing required field as 必填', () => {
    expect(issues({})).toEqual([
      ['name', '必填'],
      ['kind', '必填'],
    ]);
    expect(issues({ name: '', kind: null })).toEqual([
      ['name', '必填'],
      ['kind', '必填'],
    ]);
    expect(issues({ name: '   ', kind: 'self' })).toEqual([['name', '必填']]);
  });

  it('a draft (partial) may leave required fields out, but what is given must be valid', () => {
    expect(ok({}, draft)).toEqual({});
    expect(ok({ name: '王' }, draft)).toEqual({ name: '王' });
    expect(issues({ name: '王秀英秀英' }, draft)).toEqual([['name', '不超过4个字']]);
    expect(issues({ kind: 'nobody' }, draft)).toEqual([['kind', '不是可选的值']]);
    expect(issues({ zz: 1 }, draft)).toEqual([['zz', '未知字段']]);
  });

  it('a draft still requires required cells of the rows it gives', () => {
    expect(issues({ invoices: [{ invoiceNo: '1' }] }, draft)).toEqual([['invoices.0.amountFen', '必填']]);
  });

  it('a draft with a showWhen-required field missing is fine', () => {
    expect(ok({ kind: 'proxy' }, draft)).toEqual({ kind: 'proxy' });
  });
});

describe('formSchema: blank values', () => {
  it('drops blank optional values: empty text, spaces, null, empty list', () => {
    expect(ok({ ...MIN, memo: '', phone: null, services: [], visitDate: undefined })).toEqual(MIN);
  });

  it('spaces only in an optional field with a pattern are blank, not a format error', () => {
    expect(ok({ ...MIN, memo: '   ' })).toEqual(MIN);
    expect(ok({ ...MIN, memo: '\u3000' })).toEqual(MIN);
    expect(ok({ ...MIN, idNumber: '  ' })).toEqual(MIN);
  });

  it('trims text', () => {
    expect(ok({ ...MIN, name: '  王五  ', memo: ' ABC ' })).toEqual({ ...MIN, name: '王五', memo: 'ABC' });
  });
});

describe('formSchema: unknown keys', () => {
  it('refuses keys that are not fields', () => {
    expect(issues({ ...MIN, nickname: '小王' })).toEqual([['nickname', '未知字段']]);
    expect(issues({ ...MIN, a: 1, b: '' })).toEqual([
      ['a', '未知字段'],
      ['b', '未知字段'],
    ]);
  });

  it('refuses a value that is not an object, in Chinese', () => {
    for (const v of ['x', 5, null, ['name']]) {
      expect(issues(v), JSON.stringify(v)).toEqual([['', '表单应为一组填写内容']]);
    }
  });
});

describe('formSchema: showWhen', () => {
  it('requires a field whose condition holds', () => {
    expect(issues({ ...MIN, kind: 'proxy' })).toEqual([['proxyName', '必填']]);
    expect(ok({ ...MIN, kind: 'proxy', proxyName: '李四' })).toEqual({ ...MIN, kind: 'proxy', proxyName: '李四' });
  });

  it('refuses a value for a field whose condition does not hold', () => {
    expect(issues({ ...MIN, proxyName: '李四' })).toEqual([['proxyName', '此项在当前选择下不应填写']]);
    expect(issues({ ...MIN, urgent: false, urgentReason: '病重' })).toEqual([['urgentReason', '此项在当前选择下不应填写']]);
  });

  it('a hidden field left blank is just dropped', () => {
    expect(ok({ ...MIN, proxyName: '', urgentReason: '  ' })).toEqual(MIN);
  });

  it('compares booleans strictly', () => {
    expect(issues({ ...MIN, urgent: true })).toEqual([['urgentReason', '必填']]);
    expect(ok({ ...MIN, urgent: true, urgentReason: '病重' })).toEqual({ ...MIN, urgent: true, urgentReason: '病重' });
    // The string "true" is not the boolean: the urgent field itself is refused, and urgentReason does not apply.
    expect(issues({ ...MIN, urgent: 'true', urgentReason: '病重' })).toEqual([
      ['urgent', '应为“是”或“否”'],
      ['urgentReason', '此项在当前选择下不应填写'],
    ]);
  });

  it('a multi-choice answer shows a field when any chosen value is listed', () => {
    expect(issues({ ...MIN, services: ['a', 'c'] })).toEqual([['serviceNote', '必填']]);
    expect(ok({ ...MIN, services: ['c'], serviceNote: '上门' })).toEqual({ ...MIN, services: ['c'], serviceNote: '上门' });
    expect(issues({ ...MIN, services: ['a'], serviceNote: '上门' })).toEqual([['serviceNote', '此项在当前选择下不应填写']]);
  });

  it('fieldApplies', () => {
    const proxyName = FIELDS.find((f) => f.key === 'proxyName')!;
    const serviceNote = FIELDS.find((f) => f.key === 'serviceNote')!;
    expect(fieldApplies(FIELDS[0]!, {})).toBe(true);
    expect(fieldApplies(proxyName, { kind: 'proxy' })).toBe(true);
    expect(fieldApplies(proxyName, { kind: 'self' })).toBe(false);
    expect(fieldApplies(proxyName, {})).toBe(false);
    expect(fieldApplies(serviceNote, { services: ['b', 'c'] })).toBe(true);
    expect(fieldApplies(serviceNote, { services: ['b'] })).toBe(false);
    expect(fieldApplies(serviceNote, { services: 'c' })).toBe(true);
  });
});

describe('formSchema: Chinese messages for wrong values', () => {
  const cases: [string, unknown, string][] = [
    ['name', 5, '应为文字'],
    ['name', '王秀英秀英', '不超过4个字'],
    ['memo', 'abc', '格式不对'],
    ['kind', 3, '应为可选的值之一'],
    ['kind', 'nobody', '不是可选的值'],
    ['services', 'a', '应为可选值的列表'],
    ['amount', '12', '金额应为数字'],
    ['amount', 150.5, '金额以分为单位，须为整数'],
    ['amount', 99, '金额不能少于 1 元'],
    ['amount', 100_001, '金额超过上限'],
    ['refund', -1, '金额不能为负'],
    ['count', '3', '应为数字'],
    ['count', 2.5, '须为整数'],
    ['count', 0, '不小于1'],
    ['count', 10, '不大于9'],
    ['urgent', 'yes', '应为“是”或“否”'],
    ['visitDate', 20261123, '日期格式应为 YYYY-MM-DD'],
    ['visitDate', '2026-2-3', '日期格式应为 YYYY-MM-DD'],
    ['visitDate', '2026-02-29', '日期格式应为 YYYY-MM-DD'],
    ['visitDate', '2026-11-24', '不能晚于今天'],
    ['idNumber', 11010519491231002, '证件号码应为文字'],
    ['phone', 13912345678, '电话号码应为文字'],
    ['phone', '12345', '电话号码格式不对'],
    ['phone', '23912345678', '电话号码格式不对'],
    ['regionCode', 320623, '区划代码应为文字'],
    ['regionCode', '32062', '区划代码应为6位数字'],
    ['bankAccount', 6228480123456789, '银行账号应为文字'],
    ['bankAccount', '6228-4801-2345', '银行账号应为12至30位数字'],
    ['invoices', 'x', '应为表格行的列表'],
    ['invoices', { invoiceNo: '1' }, '应为表格行的列表'],
  ];
  for (const [key, value, message] of cases) {
    it(`${key} = ${JSON.stringify(value)} → ${message}`, () => {
      expect(issues({ ...MIN, [key]: value })).toEqual([[key, message]]);
    });
  }

  it('multi-choice items are checked one by one', () => {
    expect(issues({ ...MIN, services: ['a', 'z', 3] })).toEqual([
      ['services.1', '不是可选的值'],
      ['services.2', '应为可选的值之一'],
    ]);
  });

  it('identity refusals carry the identity module’s Chinese sentence', () => {
    const [[path, message]] = issues({ ...MIN, idNumber: '110105194912310021' }) as [[string, string]];
    expect(path).toBe('idNumber');
    expect(message).toContain('校验位');
    expect(/[\u4e00-\u9fff]/.test(message)).toBe(true);
    const [[, creditMessage]] = issues({ ...MIN, kind: 'employer', employerCode: '91350100M000100Y44' }) as [[string, string]];
    expect(/[\u4e00-\u9fff]/.test(creditMessage)).toBe(true);
  });

  it('a notAfterToday date may be today; a plain date may be in the future', () => {
    expect(ok({ ...MIN, visitDate: TODAY, dueDate: '2030-01-01' })).toEqual({ ...MIN, visitDate: TODAY, dueDate: '2030-01-01' });
  });

  it('every message is Chinese (property over wrong scalar values)', () => {
    const scalarKeys = FIELDS.filter((f) => f.type !== 'rows' && !f.showWhen).map((f) => f.key);
    fc.assert(
      fc.property(
        fc.constantFrom(...scalarKeys),
        fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.string({ minLength: 1 }), fc.array(fc.integer(), { minLength: 1 }), fc.object()),
        (key, value) => {
          const r = parse({ ...MIN, [key]: value });
          if (r.success) return;
          for (const issue of r.error.issues) expect(/[\u4e00-\u9fff]/.test(issue.message), `${key}: ${issue.message}`).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('formSchema: normalising values', () => {
  it('normalises an ID number: trimmed, full-width to half-width, x upper-cased', () => {
    expect(ok({ ...MIN, idNumber: ` ${ID.toLowerCase()} ` }).idNumber).toBe(ID);
    const fullWidth = ID.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace('Ｘ', 'ｘ');
    expect(ok({ ...MIN, idNumber: `\u3000${fullWidth}` }).idNumber).toBe(ID);
  });

  it('gives an old 15-digit ID number in its 18-digit form', () => {
    const old = '110105491231002';
    expect(ok({ ...MIN, idNumber: old }).idNumber).toBe(upgradeResidentId15(old));
    expect(upgradeResidentId15(old)).toBe(ID);
  });

  it('normalises a credit code and strips spaces from a bank account', () => {
    const r = ok({ ...MIN, kind: 'employer', employerCode: ' 91350100m000100y43 ', bankAccount: '6228 4801 2345 6789 012' });
    expect(r.employerCode).toBe('91350100M000100Y43');
    expect(r.bankAccount).toBe('6228480123456789012');
  });

  it('trims a phone number and accepts landlines', () => {
    expect(ok({ ...MIN, phone: ' 13912345678 ' }).phone).toBe('13912345678');
    expect(ok({ ...MIN, phone: '0513-84123456' }).phone).toBe('0513-84123456');
    expect(ok({ ...MIN, phone: '051384123456' }).phone).toBe('051384123456');
  });
});

describe('formSchema: rows', () => {
  const row = { invoiceNo: '32060021000123', amountFen: 123_456 };

  it('accepts rows and drops blank optional cells ("" or null, as a form sends them)', () => {
    const r = ok({ ...MIN, invoices: [{ ...row, selfPaidFen: '', note: null, tags: [] }, { ...row, selfPaidFen: 120_00, note: '  ' }] });
    expect(r.invoices).toEqual([row, { ...row, selfPaidFen: 120_00 }]);
  });

  it('trims text cells', () => {
    expect(ok({ ...MIN, invoices: [{ ...row, invoiceNo: ' 1 ', note: ' 急 ' }] }).invoices).toEqual([{ ...row, invoiceNo: '1', note: '急' }]);
  });

  it('a blank or absent required cell is 必填', () => {
    expect(issues({ ...MIN, invoices: [{ invoiceNo: '1', amountFen: '' }] })).toEqual([['invoices.0.amountFen', '必填']]);
    expect(issues({ ...MIN, invoices: [{ amountFen: 5 }] })).toEqual([['invoices.0.invoiceNo', '必填']]);
    expect(issues({ ...MIN, invoices: [row, { invoiceNo: ' ', amountFen: null }] })).toEqual([
      ['invoices.1.invoiceNo', '必填'],
      ['invoices.1.amountFen', '必填'],
    ]);
  });

  it('a wrong cell is reported at its row and column, in Chinese', () => {
    expect(issues({ ...MIN, invoices: [row, { ...row, amountFen: '12' }] })).toEqual([['invoices.1.amountFen', '金额应为数字']]);
    expect(issues({ ...MIN, invoices: [{ ...row, note: '太长的备注文字' }] })).toEqual([['invoices.0.note', '不超过5个字']]);
    expect(issues({ ...MIN, invoices: [{ ...row, tags: ['x', 'q'] }] })).toEqual([['invoices.0.tags.1', '不是可选的值']]);
  });

  it('refuses an unknown column and a row that is not an object, in Chinese', () => {
    expect(issues({ ...MIN, invoices: [{ ...row, discount: 5 }] })).toEqual([['invoices.0.discount', '未知的列']]);
    expect(issues({ ...MIN, invoices: ['x'] })).toEqual([['invoices.0', '每行应为一组填写内容']]);
    expect(issues({ ...MIN, invoices: [[row]] })).toEqual([['invoices.0', '每行应为一组填写内容']]);
    expect(issues({ ...MIN, invoices: [null] })).toEqual([['invoices.0', '每行应为一组填写内容']]);
  });

  it('counts rows', () => {
    expect(issues({ ...MIN, invoices: [row, row, row, row] })).toEqual([['invoices', '最多3行']]);
    expect(ok({ ...MIN, invoices: [row, row, row] }).invoices).toHaveLength(3);
    const twoRows = formSchema(
      [field({ key: 'invoices', type: 'rows', minRows: 2, maxRows: 5, columns: [{ key: 'n', label: t('n'), required: true, type: 'integer' }] })],
      ctx,
    );
    const r = twoRows.safeParse({ invoices: [{ n: 1 }] });
    expect(r.success).toBe(false);
    expect(!r.success && r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['invoices', '至少2行']]);
    expect(twoRows.safeParse({ invoices: [{ n: 1 }, { n: 2 }] }).success).toBe(true);
  });

  it('an empty list in an optional rows field is blank', () => {
    expect(ok({ ...MIN, invoices: [] })).toEqual(MIN);
  });
});

describe('formSchema with errorFromZod', () => {
  it('names the field path under "form"', () => {
    const r = parse({ ...MIN, invoices: [{ invoiceNo: '1', amountFen: 1.5 }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(errorFromZod(r.error, 'form')).toMatchObject({
      code: 'invalid_input',
      field: 'form.invoices.0.amountFen',
      message: '表单：金额以分为单位，须为整数',
    });
  });

  it('keeps the ID number refusal sentence', () => {
    const r = parse({ ...MIN, idNumber: '1101051949' });
    if (r.success) throw new Error('expected failure');
    const e = errorFromZod(r.error, 'form');
    expect(e.field).toBe('form.idNumber');
    expect(e.message).toMatch(/^证件号码：.*身份证号码长度应为18位/);
  });
});
