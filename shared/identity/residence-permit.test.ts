import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter, validatePersonId, validateResidencePermit, validateResidentId } from './index';

const TODAY = '2026-11-23';
const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);

// 810000199408230021 and 830000199201300022 are the specimen numbers the Beijing public
// security bureau published with the permit design (as quoted by the id-validator projects).
describe('validateResidencePermit', () => {
  it('accepts the Hong Kong specimen 810000199408230021', () => {
    expect(validateResidencePermit('810000199408230021', TODAY)).toEqual({
      ok: true,
      kind: 'hk_macao_permit',
      normalized: '810000199408230021',
      birthDate: '1994-08-23',
      sex: 'F',
      from15: false,
    });
  });

  it('accepts a Macao number (820000) as hk_macao_permit', () => {
    const id = withCheck('82000019851107001');
    expect(validateResidencePermit(id, TODAY)).toMatchObject({ ok: true, kind: 'hk_macao_permit', sex: 'M', birthDate: '1985-11-07' });
  });

  it('accepts the Taiwan specimen 830000199201300022 as taiwan_permit', () => {
    expect(validateResidencePermit('830000199201300022', TODAY)).toMatchObject({
      ok: true,
      kind: 'taiwan_permit',
      birthDate: '1992-01-30',
      sex: 'F',
    });
  });

  it('refuses a wrong check character with the expected one', () => {
    expect(validateResidencePermit('830000199201300023', TODAY)).toMatchObject({ ok: false, reason: 'check', expectedCheck: '2' });
    expect(validateResidencePermit('810000199408230020', TODAY)).toMatchObject({ ok: false, reason: 'check', expectedCheck: '1' });
  });

  it('refuses numbers whose address code is not exactly 810000, 820000 or 830000', () => {
    for (const first17 of ['11010519491231002', '81010519940823002', '84000019940823002']) {
      const r = validateResidencePermit(withCheck(first17), TODAY);
      expect(r, first17).toMatchObject({ ok: false, reason: 'province' });
    }
  });

  it('refuses a 15-digit number: permits only exist in the 18-character form', () => {
    expect(validateResidencePermit('810000940823002', TODAY)).toMatchObject({
      ok: false,
      reason: 'length',
      message: '港澳台居民居住证号码长度应为18位，当前为15位',
    });
  });

  it('refuses a future birth date', () => {
    expect(validateResidencePermit(withCheck('83000020270101002'), TODAY)).toMatchObject({ ok: false, reason: 'future_birth' });
  });
});

describe('permits and validatePersonId / validateResidentId', () => {
  it('validatePersonId classifies 810000 / 820000 / 830000 numbers as permits', () => {
    expect(validatePersonId('810000199408230021', TODAY)).toMatchObject({ ok: true, kind: 'hk_macao_permit' });
    expect(validatePersonId(withCheck('82000019851107001'), TODAY)).toMatchObject({ ok: true, kind: 'hk_macao_permit' });
    expect(validatePersonId('830000199201300022', TODAY)).toMatchObject({ ok: true, kind: 'taiwan_permit' });
  });

  it('validatePersonId keeps other 81/82 numbers as resident IDs', () => {
    expect(validatePersonId(withCheck('81010519940823002'), TODAY)).toMatchObject({ ok: true, kind: 'resident' });
  });

  it('validateResidentId reports an 810000 number as a resident ID (81 is a province)', () => {
    expect(validateResidentId('810000199408230021', TODAY)).toMatchObject({ ok: true, kind: 'resident' });
  });
});
