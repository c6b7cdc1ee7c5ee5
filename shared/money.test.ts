import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBasisPoints, fen, formatYuan, isFen, MAX_FEN, mulRatio, parseYuan, roundFen, yuan } from './money';

/** Exact `a × n / d`, rounded half away from zero, by BigInt: the reference for mulRatio. */
function exactRatio(a: number, n: number, d: number): bigint {
  let p = BigInt(a) * BigInt(n);
  let q = BigInt(d);
  if (q < 0n) {
    p = -p;
    q = -q;
  }
  const neg = p < 0n;
  const abs = neg ? -p : p;
  let r = abs / q;
  if (2n * (abs % q) >= q) r += 1n;
  return neg ? -r : r;
}

describe('parseYuan', () => {
  it('reads what a clerk types', () => {
    expect(parseYuan('1,234.5')).toEqual({ ok: true, fen: 123_450 });
    expect(parseYuan('¥8')).toEqual({ ok: true, fen: 800 });
    expect(parseYuan('￥8.00')).toEqual({ ok: true, fen: 800 });
    expect(parseYuan('0.05')).toEqual({ ok: true, fen: 5 });
    expect(parseYuan('12')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuan('12.3')).toEqual({ ok: true, fen: 1230 });
    expect(parseYuan('12.')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuan('  7.99 ')).toEqual({ ok: true, fen: 799 });
    expect(parseYuan('1,234,567.89')).toEqual({ ok: true, fen: 123_456_789 });
    expect(parseYuan('007')).toEqual({ ok: true, fen: 700 });
  });

  it('reads negatives', () => {
    expect(parseYuan('-3')).toEqual({ ok: true, fen: -300 });
    expect(parseYuan('-0.05')).toEqual({ ok: true, fen: -5 });
    expect(parseYuan('¥-1,000.10')).toEqual({ ok: true, fen: -100_010 });
  });

  it('reads "-0" as plain zero, not the float -0', () => {
    const r = parseYuan('-0.00');
    expect(r.ok).toBe(true);
    expect(r.ok && Object.is(r.fen, 0)).toBe(true);
    const s = parseYuan('-0');
    expect(s.ok && Object.is(s.fen, 0)).toBe(true);
  });

  it('refuses more than two decimals instead of rounding', () => {
    expect(parseYuan('1.234')).toEqual({ ok: false, reason: 'precision' });
    expect(parseYuan('0.001')).toEqual({ ok: false, reason: 'precision' });
    expect(parseYuan('1.000')).toEqual({ ok: false, reason: 'precision' });
  });

  it('says "empty" for nothing typed', () => {
    expect(parseYuan('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseYuan('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseYuan('¥')).toEqual({ ok: false, reason: 'empty' });
  });

  it('says "format" for anything that is not an amount', () => {
    for (const bad of ['abc', '1.2.3', '--3', '+3', '3-', '.5', '1e3', '1 234', '¥¥8', '8元', '-', '.', 'Infinity', '0x10', '１２']) {
      expect(parseYuan(bad), bad).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('accepts commas only as thousands separators', () => {
    for (const bad of ['12,34', '1,2345', '1234,567', ',123', '123,', '1,,234', '1,234,56']) {
      expect(parseYuan(bad), bad).toEqual({ ok: false, reason: 'format' });
    }
    expect(parseYuan('123,456')).toEqual({ ok: true, fen: 12_345_600 });
  });

  it('says "range" past the largest safe number of fen', () => {
    expect(parseYuan('90071992547409.91')).toEqual({ ok: true, fen: MAX_FEN });
    expect(parseYuan('90071992547409.92')).toEqual({ ok: false, reason: 'range' });
    expect(parseYuan('99999999999999999999')).toEqual({ ok: false, reason: 'range' });
  });
});

describe('formatYuan', () => {
  it('writes two decimals with thousands separators', () => {
    expect(formatYuan(123_456)).toBe('1,234.56');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(50)).toBe('0.50');
    expect(formatYuan(100)).toBe('1.00');
    expect(formatYuan(99_999)).toBe('999.99');
    expect(formatYuan(100_000)).toBe('1,000.00');
    expect(formatYuan(123_456_789_00)).toBe('123,456,789.00');
    expect(formatYuan(MAX_FEN)).toBe('90,071,992,547,409.91');
  });

  it('writes negatives with a leading minus', () => {
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(-123_456)).toBe('-1,234.56');
    expect(formatYuan(-100_000_000)).toBe('-1,000,000.00');
    expect(formatYuan(-0)).toBe('0.00');
  });

  it('refuses what is not a whole number of fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
    expect(() => formatYuan(MAX_FEN + 1)).toThrow(RangeError);
  });

  it('parseYuan(formatYuan(x)) === x for every safe integer (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (x) => {
        expect(parseYuan(formatYuan(x))).toEqual({ ok: true, fen: x });
      }),
      { numRuns: 2000 },
    );
  });

  it('formatYuan(parseYuan(t)) normalises plain decimal text (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, '0')}`;
        const r = parseYuan(text);
        expect(r).toEqual({ ok: true, fen: whole * 100 + cents });
        expect(formatYuan(whole * 100 + cents).replaceAll(',', '')).toBe(text);
      }),
    );
  });
});

describe('roundFen', () => {
  it('rounds half away from zero', () => {
    expect(roundFen(2.5)).toBe(3);
    expect(roundFen(-2.5)).toBe(-3);
    expect(roundFen(0.5)).toBe(1);
    expect(roundFen(-0.5)).toBe(-1);
    expect(roundFen(3.5)).toBe(4);
    expect(roundFen(2.4999)).toBe(2);
    expect(roundFen(-2.4999)).toBe(-2);
    expect(roundFen(2.5001)).toBe(3);
    expect(roundFen(7)).toBe(7);
  });

  it('never gives -0', () => {
    expect(Object.is(roundFen(-0.4), 0)).toBe(true);
    expect(Object.is(roundFen(-0), 0)).toBe(true);
  });

  it('refuses non-finite amounts', () => {
    expect(() => roundFen(Number.NaN)).toThrow(RangeError);
    expect(() => roundFen(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('is odd: roundFen(-x) === -roundFen(x) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        expect(roundFen(-x) + roundFen(x)).toBe(0);
        expect(Math.abs(roundFen(x) - x)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

describe('mulRatio and applyBasisPoints', () => {
  it('round once, half away from zero', () => {
    expect(mulRatio(5, 1, 2)).toBe(3);
    expect(mulRatio(-5, 1, 2)).toBe(-3);
    expect(mulRatio(5, -1, 2)).toBe(-3);
    expect(mulRatio(5, 1, -2)).toBe(-3);
    expect(mulRatio(-5, 1, -2)).toBe(3);
    expect(mulRatio(10, 1, 3)).toBe(3);
    expect(mulRatio(20, 1, 3)).toBe(7);
    expect(mulRatio(0, 7, 9)).toBe(0);
    expect(Object.is(mulRatio(0, 7, -9), 0)).toBe(true);
    expect(Object.is(mulRatio(-1, 1, 3), 0)).toBe(true);
  });

  it('apply basis points exactly', () => {
    expect(applyBasisPoints(10_000, 7_000)).toBe(7_000);
    expect(applyBasisPoints(123_45, 7_000)).toBe(86_42); // 8641.5 → 8642
    expect(applyBasisPoints(-123_45, 7_000)).toBe(-86_42);
    expect(applyBasisPoints(1, 5_000)).toBe(1); // 0.5 → 1
    expect(applyBasisPoints(1, 4_999)).toBe(0);
    expect(applyBasisPoints(3_333_33, 10_000)).toBe(3_333_33);
    expect(applyBasisPoints(99, 0)).toBe(0);
    // 0.1 × 3 is not 0.3 in floating point; fen × bp is.
    expect(applyBasisPoints(3, 1_000 * 50)).toBe(15);
  });

  it('refuse division by zero', () => {
    expect(() => mulRatio(1, 1, 0)).toThrow(RangeError);
  });

  it('stay exact when the product passes 2^53', () => {
    expect(mulRatio(995_986_049_971, 10_797, 5)).toBe(2_150_732_276_307_377);
    expect(mulRatio(-729_162_622_600, 11_149, 261)).toBe(-31_147_257_009_070);
    expect(mulRatio(MAX_FEN, 3, 3)).toBe(MAX_FEN);
    expect(mulRatio(MAX_FEN, 10_000, 20_000)).toBe(4_503_599_627_370_496);
    expect(() => mulRatio(MAX_FEN, 2, 1)).toThrow(RangeError);
  });

  it('agree with exact BigInt arithmetic for integer inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 42), max: 2 ** 42 }),
        fc.integer({ min: -20_000, max: 20_000 }),
        fc.integer({ min: -20_000, max: 20_000 }).filter((d) => d !== 0),
        (a, n, d) => {
          const expected = exactRatio(a, n, d);
          if (expected > BigInt(MAX_FEN) || expected < -BigInt(MAX_FEN)) {
            expect(() => mulRatio(a, n, d)).toThrow(RangeError);
          } else {
            expect(BigInt(mulRatio(a, n, d))).toBe(expected);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('applyBasisPoints agrees with exact arithmetic on ordinary amounts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 10), max: 10 ** 10 }), fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        expect(BigInt(applyBasisPoints(a, bp))).toBe(exactRatio(a, bp, 10_000));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('fen, yuan, isFen', () => {
  it('fen accepts whole safe numbers only', () => {
    expect(fen(12)).toBe(12);
    expect(fen(-12)).toBe(-12);
    expect(() => fen(1.5)).toThrow(RangeError);
    expect(() => fen(MAX_FEN + 1)).toThrow(RangeError);
    expect(() => fen(Number.NaN)).toThrow(RangeError);
  });

  it('isFen', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-100)).toBe(true);
    expect(isFen(0.1)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
  });

  it('yuan converts and rounds to fen', () => {
    expect(yuan(12.34)).toBe(1234);
    expect(yuan(0.29)).toBe(29);
    expect(yuan(-8)).toBe(-800);
    expect(yuan(0.005)).toBe(1);
    expect(yuan(0)).toBe(0);
  });
});
