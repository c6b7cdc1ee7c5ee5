import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApiErrorSchema, ApiFailure, apiError, errorFromZod, fail, fieldLabel } from './errors';

/** The ZodError of parsing `input` with `schema` (the parse must fail). */
function zodError(schema: z.ZodType, input: unknown, params?: { reportInput?: boolean }): z.ZodError {
  const r = schema.safeParse(input, params);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return r.error;
}

const Person = z.strictObject({
  name: z.string().min(1).max(4),
  phone: z.string().regex(/^1\d{10}$/),
  age: z.number().int().positive().max(150),
  role: z.enum(['clerk', 'supervisor']),
  tags: z.array(z.string()).min(1).max(2),
  proxy: z.strictObject({ name: z.string(), idNumber: z.string().length(18) }).optional(),
  note: z.string().min(3).optional(),
});
const VALID = { name: '王秀英', phone: '13912345678', age: 70, role: 'clerk', tags: ['a'] };

describe('fieldLabel', () => {
  it('names known fields in Chinese', () => {
    expect(fieldLabel('idNumber')).toBe('证件号码');
    expect(fieldLabel('name')).toBe('姓名');
    expect(fieldLabel('promiseDate')).toBe('承诺补齐日期');
  });

  it('uses the last named part of a dotted path', () => {
    expect(fieldLabel('proxy.name')).toBe('姓名');
    expect(fieldLabel('proxy.idNumber')).toBe('证件号码');
    expect(fieldLabel('form.invoices.0.amountFen')).toBe('表单');
    expect(fieldLabel('materialsReceived.2')).toBe('已收材料');
    expect(fieldLabel('input.proxy.extra')).toBe('代办人信息');
  });

  it('falls back to the path itself when nothing in it has a name', () => {
    expect(fieldLabel('foo')).toBe('foo');
    expect(fieldLabel('foo.bar.0')).toBe('foo.bar.0');
    expect(fieldLabel('')).toBe('');
  });

  it('does not take Object.prototype members for names', () => {
    expect(fieldLabel('constructor')).toBe('constructor');
    expect(fieldLabel('toString')).toBe('toString');
    expect(fieldLabel('form.__proto__')).toBe('表单');
    expect(fieldLabel('name.hasOwnProperty')).toBe('姓名');
  });
});

describe('errorFromZod', () => {
  it('gives invalid_input, not retryable, with a Chinese message naming the field and the dotted path', () => {
    const e = errorFromZod(zodError(Person, { ...VALID, name: '' }));
    expect(e).toEqual({ code: 'invalid_input', message: '姓名：不能为空', field: 'name', retryable: false });
    expect(ApiErrorSchema.safeParse(e).success).toBe(true);
  });

  it('prefixes the path', () => {
    const e = errorFromZod(zodError(Person, { ...VALID, name: '' }), 'input');
    expect(e.field).toBe('input.name');
    expect(e.message).toBe('姓名：不能为空');
    const nested = errorFromZod(zodError(Person, { ...VALID, proxy: { name: '李', idNumber: '123' } }), 'form');
    expect(nested.field).toBe('form.proxy.idNumber');
    expect(nested.message).toBe('证件号码：至少 18 个字符');
  });

  it('an empty prefix adds nothing', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, name: '' }), '').field).toBe('name');
  });

  it('missing → 必填', () => {
    const { name: _name, ...rest } = VALID;
    expect(errorFromZod(zodError(Person, rest))).toMatchObject({ message: '姓名：必填', field: 'name' });
    const e = errorFromZod(zodError(Person, { ...VALID, proxy: { name: '李' } }), 'input');
    expect(e).toMatchObject({ message: '证件号码：必填', field: 'input.proxy.idNumber' });
  });

  it('wrong type → says so, not 必填', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, name: 5 })).message).toBe('姓名：类型不对（应为文字）');
    expect(errorFromZod(zodError(Person, { ...VALID, age: '70' })).message).toBe('age：类型不对（应为数字）');
    expect(errorFromZod(zodError(Person, { ...VALID, tags: 'a' })).message).toBe('tags：类型不对（应为列表）');
    expect(errorFromZod(zodError(Person, { ...VALID, proxy: 'x' })).message).toBe('代办人信息：类型不对（应为对象）');
    expect(errorFromZod(zodError(Person, { ...VALID, name: null })).message).toBe('姓名：类型不对（应为文字）');
    expect(errorFromZod(zodError(z.strictObject({ q: z.boolean() }), { q: 'yes' })).message).toBe('搜索内容：类型不对（应为是/否）');
  });

  it('tells missing from wrong type also when parsed with reportInput', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, name: 5 }, { reportInput: true })).message).toBe('姓名：类型不对（应为文字）');
    const { name: _name, ...rest } = VALID;
    expect(errorFromZod(zodError(Person, rest, { reportInput: true })).message).toBe('姓名：必填');
  });

  it('a schema’s own Chinese type message is kept', () => {
    const S = z.strictObject({ phone: z.string('电话号码应为文字') });
    expect(errorFromZod(zodError(S, { phone: 13912345678 })).message).toBe('联系电话：电话号码应为文字');
  });

  it('too long / too short / out of range', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, name: '欧阳娜娜娜' })).message).toBe('姓名：不能超过 4 个字符');
    expect(errorFromZod(zodError(Person, { ...VALID, note: 'ab' })).message).toBe('note：至少 3 个字符');
    expect(errorFromZod(zodError(Person, { ...VALID, age: 151 })).message).toBe('age：不能大于 150');
    expect(errorFromZod(zodError(z.strictObject({ limit: z.number().min(1) }), { limit: 0 })).message).toBe('条数：不能小于 1');
  });

  it('exclusive bounds say 须大于 / 须小于, not the inclusive wording', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, age: 0 })).message).toBe('age：须大于 0');
    expect(errorFromZod(zodError(z.strictObject({ offset: z.number().lt(10) }), { offset: 10 })).message).toBe('起始位置：须小于 10');
  });

  it('list sizes are counted in items', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, tags: [] })).message).toBe('tags：至少 1 项');
    expect(errorFromZod(zodError(Person, { ...VALID, tags: ['a', 'b', 'c'] })).message).toBe('tags：最多 2 项');
  });

  it('unknown keys are listed, against the object that has them', () => {
    const e = errorFromZod(zodError(Person, { ...VALID, proxy: { name: '李', idNumber: '11010519491231002X', age: 3, sex: 'F' } }), 'input');
    expect(e).toMatchObject({ message: '代办人信息：含有未知字段 age、sex', field: 'input.proxy' });
    const top = errorFromZod(zodError(Person, { ...VALID, extra: 1 }));
    expect(top.message).toBe('输入：含有未知字段 extra');
    expect(top.field).toBeUndefined();
    expect('field' in top).toBe(false);
  });

  it('enum, format and union issues', () => {
    expect(errorFromZod(zodError(Person, { ...VALID, role: 'admin' })).message).toBe('角色：不是允许的值');
    expect(errorFromZod(zodError(Person, { ...VALID, phone: '12345' })).message).toBe('联系电话：格式不对');
    const U = z.strictObject({ code: z.union([z.string().length(2), z.number()]) });
    expect(errorFromZod(zodError(U, { code: true })).message).toBe('编码：格式不对');
  });

  it('custom issues carry their own Chinese message, or 格式不对 when it is not Chinese', () => {
    const S = z.strictObject({
      promiseDate: z.string().refine((v) => v >= '2026-11-23', { message: '承诺日期不能早于今天' }),
      reason: z.string().refine((v) => v.length > 1, { message: 'too short' }),
    });
    expect(errorFromZod(zodError(S, { promiseDate: '2026-01-01', reason: 'ok' }))).toMatchObject({
      message: '承诺补齐日期：承诺日期不能早于今天',
      field: 'promiseDate',
    });
    expect(errorFromZod(zodError(S, { promiseDate: '2027-01-01', reason: 'x' })).message).toBe('原因：格式不对');
  });

  it('custom issues with a path inside a transform', () => {
    const S = z.record(z.string(), z.unknown()).transform((v, c) => {
      c.addIssue({ code: 'custom', message: '未知字段', path: ['zz'] });
      return v;
    });
    expect(errorFromZod(zodError(S, {}), 'form')).toMatchObject({ message: '表单：未知字段', field: 'form.zz' });
  });

  it('a top-level issue without a path says 输入 and has no field', () => {
    const e = errorFromZod(zodError(z.string(), 5));
    expect(e).toEqual({ code: 'invalid_input', message: '输入：类型不对（应为文字）', retryable: false });
  });

  it('a top-level issue with a prefix names the prefix', () => {
    const e = errorFromZod(zodError(z.strictObject({}), 'x'), 'form');
    expect(e).toMatchObject({ field: 'form', message: '表单：类型不对（应为对象）' });
  });

  it('array indices appear in the dotted path', () => {
    const S = z.strictObject({ materialsReceived: z.array(z.string().min(1)) });
    expect(errorFromZod(zodError(S, { materialsReceived: ['a', ''] }))).toMatchObject({ field: 'materialsReceived.1', message: '已收材料：不能为空' });
  });

  it('uses the first issue only', () => {
    const e = errorFromZod(zodError(Person, { ...VALID, name: '', age: -1 }));
    expect(e.field).toBe('name');
  });

  it('an error with no issues is a generic refusal', () => {
    expect(errorFromZod(new z.ZodError([]))).toEqual({ code: 'invalid_input', message: '输入不正确', retryable: false });
  });
});

describe("errorFromZod keeps a schema's own Chinese message", () => {
  it('for regex, min-length and refine failures', () => {
    const schema = z.strictObject({
      code: z.string().regex(/^[A-Z0-9]{4,12}$/, '站点编码应为4至12位大写字母或数字'),
      reason: z.string().trim().min(1, '请填写原因'),
    });
    const bad = (input: unknown) => errorFromZod(schema.safeParse(input).error!);
    expect(bad({ code: 'ab', reason: 'x' }).message).toBe('编码：站点编码应为4至12位大写字母或数字');
    expect(bad({ code: 'ABCD', reason: '  ' }).message).toBe('原因：请填写原因');
    // Without a Chinese message of its own, the generic Chinese wording is used.
    expect(errorFromZod(z.strictObject({ q: z.string().min(3) }).safeParse({ q: 'a' }).error!).message).toBe('搜索内容：至少 3 个字符');
  });
});

describe('apiError / fail', () => {
  it('apiError fills retryable false and takes extras', () => {
    expect(apiError('not_found', '找不到')).toEqual({ code: 'not_found', message: '找不到', retryable: false });
    expect(apiError('store_error', '存储出错', { retryable: true })).toEqual({ code: 'store_error', message: '存储出错', retryable: true });
  });

  it('fail throws an ApiFailure carrying the error', () => {
    let caught: unknown;
    try {
      fail('forbidden', '无权操作', { field: 'role' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiFailure);
    expect(caught).toBeInstanceOf(Error);
    const f = caught as ApiFailure;
    expect(f.name).toBe('ApiFailure');
    expect(f.message).toBe('无权操作');
    expect(f.error).toEqual({ code: 'forbidden', message: '无权操作', field: 'role', retryable: false });
  });

  it('ApiErrorSchema refuses an unknown code or an empty message', () => {
    expect(ApiErrorSchema.safeParse({ code: 'oops', message: 'x', retryable: false }).success).toBe(false);
    expect(ApiErrorSchema.safeParse({ code: 'internal', message: '', retryable: false }).success).toBe(false);
  });
});
