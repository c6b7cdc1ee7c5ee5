import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords';
import { COMMON_PASSWORDS } from './common-passwords';

describe('password rule', () => {
  it('wants at least 10 characters', () => {
    expect(passwordProblem('Ab3$efgh9')).toBe('密码至少 10 位');
    expect(passwordProblem('Ab3$efgh9x')).toBeNull();
    // Characters, not UTF-16 units: ten 汉字 mixed with a digit count as ten.
    expect(passwordProblem('医保窗口工作站密码好1')).toBeNull();
  });

  it('refuses one character class only', () => {
    expect(passwordProblem('abcdefghijkl')).toMatch(/一类字符/);
    expect(passwordProblem('12345678901')).toMatch(/一类字符/);
    expect(passwordProblem('ABCDEFGHIJK')).toMatch(/一类字符/);
    expect(passwordProblem('abcdefghijK')).toBeNull();
  });

  it('refuses the user name, in any case', () => {
    expect(passwordProblem('Clerk1-2026-xyz', 'clerk1')).toBe('密码不能包含用户名');
    expect(passwordProblem('clerk-pass-9', 'clerk9')).toBeNull();
  });

  it('refuses common passwords, in any case', () => {
    expect(passwordProblem('Admin12345')).toMatch(/常见密码/);
    expect(passwordProblem('woaini1314')).toMatch(/常见密码/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/常见密码/);
  });

  it('keeps the list sorted, unique, lower case, and of passwords the other rules would let through', () => {
    expect([...COMMON_PASSWORDS].sort()).toEqual(COMMON_PASSWORDS);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect(passwordProblem(p)).toMatch(/常见密码/);
    }
  });
});
