import { describe, expect, it } from 'vitest';
import { normalizeDateText } from './dates';

describe('dates typed at the counter', () => {
  it('accepts the usual ways of writing a date', () => {
    expect(normalizeDateText('2026-10-15')).toBe('2026-10-15');
    expect(normalizeDateText(' 20261015 ')).toBe('2026-10-15');
    expect(normalizeDateText('2026/10/5')).toBe('2026-10-05');
    expect(normalizeDateText('2026.1.5')).toBe('2026-01-05');
    expect(normalizeDateText('2026年10月5日')).toBe('2026-10-05');
  });

  it('leaves impossible or partial dates for the validation to name', () => {
    expect(normalizeDateText('20260230')).toBe('20260230');
    expect(normalizeDateText('2026-13-01')).toBe('2026-13-01');
    expect(normalizeDateText('2026-10')).toBe('2026-10');
    expect(normalizeDateText('')).toBe('');
  });
});
