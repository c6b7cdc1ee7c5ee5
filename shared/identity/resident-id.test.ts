import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter, upgradeResidentId15, validatePersonId, validateResidentId } from './index';

const TODAY = '2026-11-23';

/** A full 18-character ID from its first 17 digits (check character computed). */
const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);

describe('residentIdCheckCharacter', () => {
  it('gives X for the GB 11643-1999 sample 11010519491231002X', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
  });

  it('gives the published check characters of the residence-permit samples', () => {
    expect(residentIdCheckCharacter('81000019940823002')).toBe('1');
    expect(residentIdCheckCharacter('83000019920130002')).toBe('2');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateResidentId: published examples', () => {
  it('accepts 11010519491231002X and reads birth date and sex', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      kind: 'resident',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F', // 17th digit 2 is even
      from15: false,
    });
  });

  it('refuses 110105194912310021 and names X as the expected check character', () => {
    const r = validateResidentId('110105194912310021', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'check', expectedCheck: 'X' });
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toBe('身份证号码校验位错误：按前17位计算应为 X，实为 1，请逐位核对整个号码');
    expect(r.messageEn).toContain('call for X, not 1');
  });
});

describe('validateResidentId: normalisation', () => {
  it('accepts a lower-case x and returns it upper-cased', () => {
    const r = validateResidentId('11010519491231002x', TODAY);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('trims surrounding whitespace, including the ideographic space', () => {
    const r = validateResidentId(' \t11010519491231002x\u3000\n', TODAY);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('reads full-width digits typed with a Chinese IME', () => {
    const r = validateResidentId('１１０１０５１９４９１２３１００２ｘ', TODAY);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('reports an inner space by position instead of dropping it', () => {
    const r = validateResidentId('110105 19491231002', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'characters' });
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toBe('身份证号码第7位是空格，不符合要求：只能由数字组成，仅最后一位可以是 X');
  });
});

describe('validateResidentId: shape', () => {
  it('refuses empty input', () => {
    expect(validateResidentId('   ', TODAY)).toMatchObject({ ok: false, reason: 'empty', message: '请输入身份证号码' });
  });

  it('refuses a wrong length and says how long it is', () => {
    const r = validateResidentId('11010519491231002', TODAY);
    expect(r).toMatchObject({
      ok: false,
      reason: 'length',
      message: '身份证号码长度应为18位（或旧版15位），当前为17位',
    });
  });

  it('refuses a letter in the middle, naming its position', () => {
    const r = validateResidentId('1101051949123100AX', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'characters' });
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toContain('第17位是“A”');
  });

  it('refuses X anywhere but last', () => {
    expect(validateResidentId('X10105194912310021', TODAY)).toMatchObject({ ok: false, reason: 'characters' });
  });
});

describe('validateResidentId: check character', () => {
  it('refuses each of the 10 wrong check characters of a valid number', () => {
    const wrong = [...'0123456789X'].filter((c) => c !== 'X');
    expect(wrong).toHaveLength(10);
    for (const c of wrong) {
      const r = validateResidentId(`11010519491231002${c}`, TODAY);
      expect(r, c).toMatchObject({ ok: false, reason: 'check', expectedCheck: 'X' });
    }
  });
});

describe('validateResidentId: province', () => {
  it('refuses a province code that does not exist', () => {
    const r = validateResidentId(withCheck('99010519491231002'), TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'province', message: '地址码的省份 99 不存在' });
  });

  it('refuses 00 and 10, which fall between real province codes', () => {
    expect(validateResidentId(withCheck('00010519491231002'), TODAY)).toMatchObject({ reason: 'province' });
    expect(validateResidentId(withCheck('10010519491231002'), TODAY)).toMatchObject({ reason: 'province' });
  });

  it('accepts 71, 81 and 82 as provinces (kind resident)', () => {
    for (const p of ['71', '81', '82']) {
      const r = validateResidentId(withCheck(`${p}000019800101001`), TODAY);
      expect(r, p).toMatchObject({ ok: true, kind: 'resident' });
    }
  });

  it('refuses a Taiwan residence permit and says what it is', () => {
    const r = validateResidentId('830000199201300022', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'province' });
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toContain('台湾居民居住证');
  });
});

describe('validateResidentId: birth date', () => {
  it('accepts 29 February of a leap year (2000, 2024)', () => {
    expect(validateResidentId(withCheck('11010520000229002'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(validateResidentId(withCheck('11010520240229002'), TODAY)).toMatchObject({ ok: true, birthDate: '2024-02-29' });
  });

  it('refuses 29 February of a common year (2023, and 1900 which is not leap)', () => {
    expect(validateResidentId(withCheck('11010520230229002'), TODAY)).toMatchObject({
      ok: false,
      reason: 'birth_date',
      message: '出生日期 2023-02-29 不存在',
    });
    expect(validateResidentId(withCheck('11010519000229002'), TODAY)).toMatchObject({ reason: 'birth_date' });
  });

  it('refuses 30 February, month 13 and day 00', () => {
    expect(validateResidentId(withCheck('11010519490230002'), TODAY)).toMatchObject({
      reason: 'birth_date',
      message: '出生日期 1949-02-30 不存在',
    });
    expect(validateResidentId(withCheck('11010519491301002'), TODAY)).toMatchObject({ reason: 'birth_date' });
    expect(validateResidentId(withCheck('11010519491200002'), TODAY)).toMatchObject({ reason: 'birth_date' });
  });

  it('accepts a birth date of today and refuses tomorrow', () => {
    expect(validateResidentId(withCheck('11010520261123001'), TODAY)).toMatchObject({ ok: true, birthDate: '2026-11-23' });
    const r = validateResidentId(withCheck('11010520261124001'), TODAY);
    expect(r).toMatchObject({
      ok: false,
      reason: 'future_birth',
      message: '出生日期 2026-11-24 晚于今天（2026-11-23）',
    });
  });

  it('uses the today it is given, not the clock', () => {
    const id = withCheck('11010520261124001');
    expect(validateResidentId(id, '2026-11-24')).toMatchObject({ ok: true });
    expect(validateResidentId(id, '2026-11-23')).toMatchObject({ ok: false, reason: 'future_birth' });
  });

  it('throws on a malformed today', () => {
    expect(() => validateResidentId('11010519491231002X', '2026-11-31')).toThrow(RangeError);
  });
});

describe('validateResidentId: sex', () => {
  it('reads an odd 17th digit as male and an even one as female', () => {
    expect(validateResidentId(withCheck('11010519491231001'), TODAY)).toMatchObject({ ok: true, sex: 'M' });
    expect(validateResidentId(withCheck('11010519491231009'), TODAY)).toMatchObject({ ok: true, sex: 'M' });
    expect(validateResidentId(withCheck('11010519491231000'), TODAY)).toMatchObject({ ok: true, sex: 'F' });
    expect(validateResidentId(withCheck('11010519491231008'), TODAY)).toMatchObject({ ok: true, sex: 'F' });
  });
});

describe('old 15-digit IDs', () => {
  it('upgrades 110105491231002 to the GB 11643-1999 sample 11010519491231002X', () => {
    expect(upgradeResidentId15('110105491231002')).toBe('11010519491231002X');
  });

  it('upgrades 610104620927690 to 610104196209276908', () => {
    // Σ(d×w) over 61010419620927690 = 345; 345 mod 11 = 4 → "10X98765432"[4] = 8
    expect(upgradeResidentId15('610104620927690')).toBe('610104196209276908');
  });

  it('validates a 15-digit ID into its 18-digit form with from15', () => {
    expect(validateResidentId('610104620927690', TODAY)).toEqual({
      ok: true,
      kind: 'resident',
      normalized: '610104196209276908',
      birthDate: '1962-09-27',
      sex: 'F', // 15th digit 0
      from15: true,
    });
    expect(validateResidentId('110105491231003', TODAY)).toMatchObject({ ok: true, sex: 'M', from15: true });
  });

  it('reads the birth year of a 15-digit ID as 19YY (000229 is 1900-02-29, not a day)', () => {
    expect(validateResidentId('110105000229002', TODAY)).toMatchObject({
      ok: false,
      reason: 'birth_date',
      message: '出生日期 1900-02-29 不存在',
    });
    expect(validateResidentId('110105960229002', TODAY)).toMatchObject({ ok: true, birthDate: '1996-02-29' });
  });

  it('checks the province of a 15-digit ID', () => {
    expect(validateResidentId('990105491231002', TODAY)).toMatchObject({ ok: false, reason: 'province' });
  });

  it('refuses a letter in a 15-digit ID', () => {
    expect(validateResidentId('11010549123100X', TODAY)).toMatchObject({ ok: false, reason: 'characters' });
  });

  it('upgradeResidentId15 throws RangeError on bad input', () => {
    expect(() => upgradeResidentId15('11010549123100')).toThrow(RangeError);
    expect(() => upgradeResidentId15('11010549123100X')).toThrow(RangeError);
    expect(() => upgradeResidentId15('110105490231002')).toThrow(RangeError); // 1949-02-31
    expect(() => upgradeResidentId15('11010519491231002X')).toThrow(RangeError);
  });

  it('validatePersonId treats a 15-digit number as an old resident ID', () => {
    expect(validatePersonId('110105491231002', TODAY)).toMatchObject({
      ok: true,
      kind: 'resident',
      normalized: '11010519491231002X',
      from15: true,
    });
  });
});
