import { describe, expect, it } from 'vitest';
import { validateCreditCode } from './index';

// 91350100M000100Y43 is the worked example of GB 32100-2015's check-character computation:
// Σ(value × weight) over 91350100M000100Y4 = 1640, 1640 mod 31 = 28, 31 − 28 = 3.
const STANDARD_EXAMPLE = '91350100M000100Y43';
// Huawei Technologies Co., Ltd., Shenzhen (as published on its business licence).
const HUAWEI = '91440300708461136T';

describe('validateCreditCode', () => {
  it('accepts the GB 32100-2015 worked example and splits it', () => {
    expect(validateCreditCode(STANDARD_EXAMPLE)).toEqual({
      ok: true,
      normalized: STANDARD_EXAMPLE,
      authority: '9',
      orgType: '1',
      regionCode: '350100',
    });
  });

  it('accepts a real registered company code', () => {
    expect(validateCreditCode(HUAWEI)).toMatchObject({ ok: true, regionCode: '440300' });
  });

  it('handles the edge check values 0 (sum ≡ 0 mod 31) and Y (value 30)', () => {
    // Constructed from the standard example by changing character 17; checks computed with an
    // independent script from the formula (31 − Σ mod 31) mod 31.
    expect(validateCreditCode('91350100M000100Y30')).toMatchObject({ ok: true });
    expect(validateCreditCode('91350100M000100YDY')).toMatchObject({ ok: true });
    expect(validateCreditCode('91350100M000100Y3Y')).toMatchObject({ ok: false, reason: 'check', expectedCheck: '0' });
    expect(validateCreditCode('91350100M000100YD0')).toMatchObject({ ok: false, reason: 'check', expectedCheck: 'Y' });
  });

  it('upper-cases and trims the input', () => {
    expect(validateCreditCode(' 91440300708461136t ')).toMatchObject({ ok: true, normalized: HUAWEI });
    expect(validateCreditCode('91350100m000100y43')).toMatchObject({ ok: true, normalized: STANDARD_EXAMPLE });
  });

  it('refuses 91350100M000100Y4Z from the standard: Z is never used', () => {
    const r = validateCreditCode('91350100M000100Y4Z');
    expect(r).toMatchObject({ ok: false, reason: 'characters' });
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toBe('统一社会信用代码第18位是“Z”，不符合要求：统一社会信用代码不使用字母 I、O、Z、S、V');
  });

  it('refuses every other wrong check character, naming 3', () => {
    const wrong = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].filter((c) => c !== '3');
    expect(wrong).toHaveLength(30);
    for (const c of wrong) {
      const r = validateCreditCode(`91350100M000100Y4${c}`);
      expect(r, c).toMatchObject({ ok: false, reason: 'check', expectedCheck: '3' });
    }
  });

  it('explains a check failure in Chinese and English', () => {
    const r = validateCreditCode('91440300708461136A');
    if (r.ok) throw new Error('expected a failure');
    expect(r.message).toBe('统一社会信用代码校验位错误：按前17位计算应为 T，实为 A，请逐位核对整个号码');
    expect(r.messageEn).toContain('call for T, not A');
  });

  it('refuses each forbidden letter I, O, Z, S, V, also typed in lower case', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V', 'o']) {
      const r = validateCreditCode(`91350100${letter}000100Y43`);
      expect(r, letter).toMatchObject({ ok: false, reason: 'characters' });
      if (r.ok) throw new Error('unreachable');
      expect(r.message).toContain(`第9位是“${letter.toUpperCase()}”`);
    }
  });

  it('refuses punctuation', () => {
    expect(validateCreditCode('91350100-000100Y43')).toMatchObject({ ok: false, reason: 'characters' });
  });

  it('refuses a letter in the region code (characters 3-8)', () => {
    expect(validateCreditCode('91A50100M000100Y43')).toMatchObject({ ok: false, reason: 'characters' });
  });

  it('refuses empty input and wrong lengths', () => {
    expect(validateCreditCode('  ')).toMatchObject({ ok: false, reason: 'empty', message: '请输入统一社会信用代码' });
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({
      ok: false,
      reason: 'length',
      message: '统一社会信用代码长度应为18位，当前为17位',
    });
    // the old 15-digit business registration number is not a credit code
    expect(validateCreditCode('110108000000016')).toMatchObject({ ok: false, reason: 'length' });
  });
});
