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
  return roundFen((amount * numerator) / denominator);
}

/** Apply a rate given in basis points (1% = 100 bp) — keeps ratios integral. */
export function applyBasisPoints(amount: Fen, bp: number): Fen {
  return mulRatio(amount, bp, 10_000);
}

export type YuanParse = { ok: true; fen: Fen } | { ok: false; reason: 'empty' | 'format' | 'precision' | 'range' };

/** Parse what a clerk typed in yuan ("1,234.5", "12", "0.05", "¥8") into fen. */
export function parseYuan(text: string): YuanParse {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/,/g, '');
  if (t === '') return { ok: false, reason: 'empty' };
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return { ok: false, reason: 'format' };
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return { ok: false, reason: 'precision' };
  const whole = Number(m[2]);
  const frac = Number(decimals.padEnd(2, '0'));
  const value = whole * FEN_PER_YUAN + frac;
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'range' };
  return { ok: true, fen: m[1] ? -value : value };
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
