import { describe, expect, it } from 'vitest';
import { deriveAge } from './index';

describe('deriveAge', () => {
  it('is one less on the day before the birthday and goes up on the birthday', () => {
    expect(deriveAge('1990-06-15', '2026-06-14')).toBe(35);
    expect(deriveAge('1990-06-15', '2026-06-15')).toBe(36);
    expect(deriveAge('1990-06-15', '2026-06-16')).toBe(36);
  });

  it('counts across the year end', () => {
    expect(deriveAge('1949-12-31', '2026-12-30')).toBe(76);
    expect(deriveAge('1949-12-31', '2026-12-31')).toBe(77);
    expect(deriveAge('1949-12-31', '2027-01-01')).toBe(77);
  });

  it('is 0 on the day of birth', () => {
    expect(deriveAge('2026-11-23', '2026-11-23')).toBe(0);
  });

  it('gives someone born on 29 February a year on 1 March in common years', () => {
    expect(deriveAge('2000-02-29', '2025-02-28')).toBe(24);
    expect(deriveAge('2000-02-29', '2025-03-01')).toBe(25);
    expect(deriveAge('2000-02-29', '2028-02-29')).toBe(28);
  });

  it('throws for a birth date after today or a malformed date', () => {
    expect(() => deriveAge('2026-11-24', '2026-11-23')).toThrow(RangeError);
    expect(() => deriveAge('1990-02-30', '2026-11-23')).toThrow(RangeError);
  });
});
