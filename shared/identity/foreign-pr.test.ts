import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter, validateForeignPermanentResidenceId, validatePersonId } from './index';

const TODAY = '2026-11-23';
const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);

describe('foreigners’ permanent residence ID, 2017 form (15 characters)', () => {
  // Sample from the National Immigration Administration's adaptation notes (2023).
  it('accepts KAZ110090123105', () => {
    expect(validateForeignPermanentResidenceId('KAZ110090123105', TODAY)).toEqual({
      ok: true,
      kind: 'foreign_pr_2017',
      normalized: 'KAZ110090123105',
      birthDate: '1990-12-31',
      sex: null,
      from15: false,
    });
  });

  it('upper-cases and trims the input', () => {
    expect(validateForeignPermanentResidenceId('  kaz110090123105 ', TODAY)).toMatchObject({ ok: true, normalized: 'KAZ110090123105' });
  });

  it('refuses each wrong check digit, naming 5 (7-3-1 over KAZ11009012310 is 265)', () => {
    for (const c of '012346789') {
      const r = validateForeignPermanentResidenceId(`KAZ11009012310${c}`, TODAY);
      expect(r, c).toMatchObject({ ok: false, reason: 'check', expectedCheck: '5' });
    }
  });

  it('values letters A=10 … Z=35 in the check digit', () => {
    // USA11008001010: U=30, S=28, A=10 → 210+84+10 + 7+3+0 + 0+24+0 + 0+3+0 + 7+0 = 348 → 8
    expect(validateForeignPermanentResidenceId('USA110080010108', TODAY)).toMatchObject({ ok: true, birthDate: '1980-01-01' });
    expect(validateForeignPermanentResidenceId('USA110080010103', TODAY)).toMatchObject({ reason: 'check', expectedCheck: '8' });
  });

  it('refuses an unknown nationality code', () => {
    expect(validateForeignPermanentResidenceId('KAA110090123105', TODAY)).toMatchObject({
      ok: false,
      reason: 'nationality',
      message: '国籍代码 KAA 不存在',
    });
  });

  it('refuses an issuing place whose province does not exist', () => {
    expect(validateForeignPermanentResidenceId('KAZ990090123105', TODAY)).toMatchObject({
      ok: false,
      reason: 'province',
      message: '受理地代码的省份 99 不存在',
    });
  });

  it('refuses an impossible birth date', () => {
    expect(validateForeignPermanentResidenceId('KAZ110090023105', TODAY)).toMatchObject({
      ok: false,
      reason: 'birth_date',
      message: '出生日期 1990-02-31 不存在',
    });
  });

  it('puts a two-digit year in the latest century that is not after today', () => {
    // CAN 1100 150601 1 + check: born 2015-06-01 (a child), not 1915
    expect(validateForeignPermanentResidenceId('CAN110015060113', TODAY)).toMatchObject({ ok: true, birthDate: '2015-06-01' });
    // 30-06-01: 2030 would be after today → 1930
    expect(validateForeignPermanentResidenceId('CAN110030060114', TODAY)).toMatchObject({ ok: true, birthDate: '1930-06-01' });
    // 000229: 2000 is a leap year
    expect(validateForeignPermanentResidenceId('CAN110000022911', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('refuses digits where the nationality letters belong', () => {
    const r = validateForeignPermanentResidenceId('K4Z110090123105', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'characters' });
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toContain('第2位是“4”');
  });
});

describe('foreigners’ permanent residence ID, 2023 form (18 characters)', () => {
  it('accepts the NIA sample 932682198501010017 (Saudi Arabian man, issued in Jiangsu)', () => {
    expect(validateForeignPermanentResidenceId('932682198501010017', TODAY)).toEqual({
      ok: true,
      kind: 'foreign_pr_2023',
      normalized: '932682198501010017',
      birthDate: '1985-01-01',
      sex: 'M',
      from15: false,
    });
  });

  it('accepts the NIA sample 911124198108030024 (Canadian woman, issued in Beijing)', () => {
    expect(validateForeignPermanentResidenceId('911124198108030024', TODAY)).toMatchObject({
      ok: true,
      birthDate: '1981-08-03',
      sex: 'F',
    });
  });

  it('refuses 911124198108030028 (a mistyped copy of the sample) and names 4', () => {
    expect(validateForeignPermanentResidenceId('911124198108030028', TODAY)).toMatchObject({
      ok: false,
      reason: 'check',
      expectedCheck: '4',
    });
  });

  it('refuses an unknown numeric nationality code', () => {
    expect(validateForeignPermanentResidenceId(withCheck('91199919901231002'), TODAY)).toMatchObject({
      ok: false,
      reason: 'nationality',
      message: '国籍代码 999 不存在',
    });
  });

  it('refuses an issuing province that does not exist', () => {
    expect(validateForeignPermanentResidenceId(withCheck('99939819901231002'), TODAY)).toMatchObject({
      ok: false,
      reason: 'province',
    });
  });

  it('refuses a future birth date and 29 February of a common year', () => {
    expect(validateForeignPermanentResidenceId(withCheck('91139820261124002'), TODAY)).toMatchObject({ reason: 'future_birth' });
    expect(validateForeignPermanentResidenceId(withCheck('91139820250229002'), TODAY)).toMatchObject({ reason: 'birth_date' });
  });

  it('refuses an 18-character number that does not start with 9', () => {
    expect(validateForeignPermanentResidenceId('11010519491231002X', TODAY)).toMatchObject({ ok: false, reason: 'characters' });
  });

  it('refuses other lengths', () => {
    const r = validateForeignPermanentResidenceId('KAZ1100901231', TODAY);
    expect(r).toMatchObject({
      ok: false,
      reason: 'length',
      message: '外国人永久居留身份证号码长度应为15位（2017版）或18位（2023版），当前为13位',
    });
  });
});

describe('validatePersonId detects foreigners’ IDs', () => {
  it('by the letters of the 2017 form', () => {
    expect(validatePersonId('kaz110090123105', TODAY)).toMatchObject({ ok: true, kind: 'foreign_pr_2017' });
    expect(validatePersonId('KAZ11009012310', TODAY)).toMatchObject({ ok: false, reason: 'length' });
  });

  it('by the leading 9 of the 2023 form', () => {
    expect(validatePersonId('932682198501010017', TODAY)).toMatchObject({ ok: true, kind: 'foreign_pr_2023' });
    expect(validatePersonId('932682198501010018', TODAY)).toMatchObject({ ok: false, reason: 'check', expectedCheck: '7' });
  });
});
