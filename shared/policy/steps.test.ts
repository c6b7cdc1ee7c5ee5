import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, parseInput } from './input';
import { calcOutcomeSchema, percentText, step } from './steps';

describe('step texts', () => {
  it.each([
    [8_500, '85%'],
    [8_550, '85.5%'],
    [8_555, '85.55%'],
    [10_000, '100%'],
    [5, '0.05%'],
    [0, '0%'],
  ])('percentText(%i) = %s', (bp, s) => expect(percentText(bp)).toBe(s));

  it('capitalises English labels built from mid-sentence parts', () => {
    expect(step({ 'zh-CN': '异地转诊', en: 'out-of-area referral' }).label.en).toBe('Out-of-area referral');
  });
});

describe('refusals name the field', () => {
  it.each([
    [['invoices', 3, 'amountFen'], '票据第4行的票据金额'],
    [['invoices', 0], '票据第1行'],
    [['thisYear', 'assistancePaidFen'], '本年度医疗救助已支付'],
    [['adl', 'bathing'], 'bathing'],
    [[], '输入'],
  ] as const)('%o → %s', (path, label) => expect(fieldLabel(path)).toBe(label));

  it('says 必填 for a missing field and keeps Chinese messages', () => {
    const s = z.strictObject({ a: z.number('应为数字'), b: z.number().min(0, '不能为负') });
    expect(parseInput(s, { b: 1 })).toEqual({ ok: false, field: 'a', message: 'a：必填' });
    expect(parseInput(s, { a: 1, b: -1 })).toEqual({ ok: false, field: 'b', message: 'b：不能为负' });
    expect(parseInput(s, { a: 1, b: 1 })).toEqual({ ok: true, value: { a: 1, b: 1 } });
  });

  it('gives an outcome schema a channel can validate against', () => {
    const s = calcOutcomeSchema(z.strictObject({ n: z.number() }));
    expect(s.safeParse({ ok: true, result: { n: 1 }, steps: [{ label: { 'zh-CN': '甲', en: 'A' }, amountFen: 1 }] }).success).toBe(true);
    expect(s.safeParse({ ok: false, field: 'x', message: 'x：必填' }).success).toBe(true);
    expect(s.safeParse({ ok: true, result: { n: 1 }, steps: [{ label: { 'zh-CN': '甲', en: 'A' }, amountFen: 1.5 }] }).success).toBe(false);
  });
});
