import { describe, expect, it } from 'vitest';
import { maskIdNumber } from './index';

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters of an 18-character ID', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('normalises before masking', () => {
    expect(maskIdNumber(' 11010519491231002x ')).toBe('110105********002X');
  });

  it('masks 15-character numbers in the middle too', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('KAZ110090123105')).toBe('KAZ110*****3105');
  });

  it('hides short values completely instead of showing them whole', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('')).toBe('');
  });
});
