import { describe, expect, it } from 'vitest';
import { validatePersonId } from './index';

const TODAY = '2026-11-23';

describe('validatePersonId: detection', () => {
  it('routes each document shape to its validator', () => {
    const kinds = Object.fromEntries(
      [
        '11010519491231002X',
        '110105491231002',
        '810000199408230021',
        '830000199201300022',
        'KAZ110090123105',
        '932682198501010017',
      ].map((id) => {
        const r = validatePersonId(id, TODAY);
        return [id, r.ok ? r.kind : r.reason];
      }),
    );
    expect(kinds).toEqual({
      '11010519491231002X': 'resident',
      '110105491231002': 'resident',
      '810000199408230021': 'hk_macao_permit',
      '830000199201300022': 'taiwan_permit',
      KAZ110090123105: 'foreign_pr_2017',
      '932682198501010017': 'foreign_pr_2023',
    });
  });

  it.each([
    // Not a foreigner's card by its shape (no province 90, no nationality): a resident ID mistyped, said as such.
    ['990105194912310021', 'province', '地址码的省份 99 不存在'],
    ['9A1124198108030024', 'characters', '身份证号码第2位'],
    // A foreigner's card by its shape with a wrong check character or date stays a foreigner's card.
    ['932682198501010018', 'check', '外国人永久居留身份证号码校验位错误'],
    ['932682199913010017', 'birth_date', '出生日期 1999-13-01 不存在'],
  ])('an 18-character number starting with 9: %s is refused for its %s', (id, reason, message) => {
    const r = validatePersonId(id, TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
    expect(!r.ok && r.message).toContain(message);
    expect(!r.ok && r.message).not.toContain('省份 90');
  });

  it('asks for a number when the input is blank', () => {
    expect(validatePersonId(' \u3000 ', TODAY)).toEqual({
      ok: false,
      reason: 'empty',
      message: '请输入证件号码',
      messageEn: 'Please enter the ID number.',
    });
  });

  it('gives the resident-ID length rule for a wrong-length number of digits', () => {
    expect(validatePersonId('1101051949123100', TODAY)).toMatchObject({
      ok: false,
      reason: 'length',
      message: '身份证号码长度应为18位（或旧版15位），当前为16位',
    });
  });

  it('gives the foreigners’ ID length rule when the number starts with letters', () => {
    expect(validatePersonId('KAZ11009012', TODAY)).toMatchObject({ ok: false, reason: 'length' });
    const r = validatePersonId('KAZ11009012', TODAY);
    if (r.ok) throw new Error('unreachable');
    expect(r.message).toContain('外国人永久居留身份证号码');
  });
});
