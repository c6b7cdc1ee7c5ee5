/**
 * Money is an integer number of fen (分, 1/100 yuan). Never a float.
 *
 * Rounding rule (the only one used anywhere): when a computation produces a fraction of a fen,
 * round half away from zero to the nearest fen (`roundFen`). Yuan text typed by a clerk is parsed
 * exactly — more than two decimals is an error, not a rounding.
 */

export type Fen = number;

export const FEN_PER_YUAN = 100;
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

export function isFen(v: unknown): v is Fen {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

export function fen(v: number): Fen {
  if (!Number.isSafeInteger(v)) throw new RangeError(`money must be an integer number of fen: ${v}`);
  return v;
}

export function yuan(y: number): Fen {
  return roundFen(y * FEN_PER_YUAN);
}

/** Round half away from zero to whole fen. */
export function roundFen(v: number): Fen {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite amount: ${v}`);
  const r = Math.sign(v) * Math.round(Math.abs(v));
  return r === 0 ? 0 : r;
}

/** `amount × numerator / denominator`, rounded by the one rule; exact for integer inputs. */
export function mulRatio(amount: Fen, numerator: number, denominator: number): Fen {
  if (denominator === 0) throw new RangeError('division by zero');
  if (!(Number.isSafeInteger(amount) && Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator))) {
    return roundFen((amount * numerator) / denominator);
  }
  // Integer division with the remainder deciding the rounding: the float quotient is off by up to half an
  // ulp, which for large products lands on the wrong side of .5 (or misses the product itself past 2^53).
  const product = amount * numerator;
  if (Number.isSafeInteger(product)) {
    const r = product % denominator;
    const q = (product - r) / denominator;
    const away = 2 * Math.abs(r) >= Math.abs(denominator) ? Math.sign(product) * Math.sign(denominator) : 0;
    return q + away === 0 ? 0 : q + away;
  }
  const p = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const r = p % d;
  let q = (p - r) / d;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(d)) q += (p < 0n) === (d < 0n) ? 1n : -1n;
  return fen(Number(q));
}

/** Apply a rate given in basis points (1% = 100 bp) — keeps ratios integral. */
export function applyBasisPoints(amount: Fen, bp: number): Fen {
  return mulRatio(amount, bp, 10_000);
}

export type YuanParse = { ok: true; fen: Fen } | { ok: false; reason: 'empty' | 'format' | 'precision' | 'range' };

/** Parse what a clerk typed in yuan ("1,234.5", "12", "0.05", "¥8") into fen. */
export function parseYuan(text: string): YuanParse {
  const t = text.trim().replace(/^[¥￥]/, '');
  if (t === '') return { ok: false, reason: 'empty' };
  // Commas only as thousands separators: "12,34" is refused rather than read as 1,234 yuan.
  const m = /^(-)?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/.exec(t);
  if (!m) return { ok: false, reason: 'format' };
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return { ok: false, reason: 'precision' };
  const whole = Number(m[2]!.replace(/,/g, ''));
  const frac = Number(decimals.padEnd(2, '0'));
  const value = whole * FEN_PER_YUAN + frac;
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'range' };
  // "-0" is zero, not the float -0.
  return { ok: true, fen: m[1] && value !== 0 ? -value : value };
}

/** Format fen as yuan with two decimals and thousands separators: 123456 → "1,234.56". */
export function formatYuan(amount: Fen): string {
  if (!isFen(amount)) throw new RangeError(`not fen: ${amount}`);
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / FEN_PER_YUAN);
  const frac = abs % FEN_PER_YUAN;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}.${String(frac).padStart(2, '0')}`;
}
