import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../identity';
import { checkProxy, proxyIssues } from './proxy';

const TODAY = '2026-11-23';
const id = (birth: string, seq: number): string => {
  const first17 = `371002${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
};
const PRINCIPAL = id('1948-05-06', 17);
const AGENT = id('1975-06-01', 35);
const base = { name: '李建华', idNumber: AGENT, relationship: 'child', phone: '13900001111' };
const ctx = { today: TODAY, principalIdNumber: PRINCIPAL };

describe('checkProxy: the agent (代办人) rules', () => {
  it('accepts an adult agent who is not the principal, and normalises the ID and the name', () => {
    expect(checkProxy({ ...base, name: ' 李建华 ', idNumber: AGENT.toLowerCase() }, ctx)).toEqual({ issues: [], name: '李建华', idNumber: AGENT });
  });

  it.each([
    ['the principal’s own ID', { idNumber: PRINCIPAL }, 'idNumber', '代办人不能是申请人本人'],
    ['the principal’s own ID in lower case', { idNumber: PRINCIPAL.toLowerCase() }, 'idNumber', '代办人不能是申请人本人'],
    ['a minor (17 years old)', { idNumber: id('2009-11-24', 11) }, 'idNumber', '代办人应为成年人'],
    ['an invalid ID number', { idNumber: '110105194912310021' }, 'idNumber', '校验'],
    ['no relationship chosen', { relationship: '' }, 'relationship', '请选择代办人与申请人的关系'],
    ['no name', { name: '  ' }, 'name', '请填写代办人姓名'],
    ['a one-character name', { name: '李' }, 'name', '代办人姓名至少 2 个字'],
    ['digits in the name', { name: '李建华2' }, 'name', '代办人姓名不能含数字'],
    ['a bad phone', { phone: '12345' }, 'phone', '电话号码格式不对'],
  ])('refuses %s, naming proxy.%s', (_what, patch, path, message) => {
    const issues = checkProxy({ ...base, ...patch }, ctx).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toContain(message);
  });

  it('turns 18 on the birthday itself', () => {
    expect(checkProxy({ ...base, idNumber: id('2008-11-23', 13) }, ctx).issues).toEqual([]);
    expect(checkProxy({ ...base, idNumber: id('2008-11-24', 13) }, ctx).issues.map((i) => i.path)).toEqual(['idNumber']);
  });

  it('without a known principal, only the principal check is skipped', () => {
    expect(checkProxy({ ...base, idNumber: PRINCIPAL }, { today: TODAY, principalIdNumber: null }).issues).toEqual([]);
  });

  it('a stored proxy is checked again by the same rules', () => {
    expect(proxyIssues({ ...base, relationship: 'child', authorisationReceived: true, idNumber: PRINCIPAL }, ctx).map((i) => i.path)).toEqual(['idNumber']);
  });
});
