import type { LocalizedText } from '../../../shared/text';

/**
 * Reading policy-table figures: by the tables' naming rule, a key ending in `Fen` holds money in fen and one
 * ending in `Bp` a ratio in basis points; an object or list under such a key (per hospital level, per tier,
 * bands) inherits the unit.
 */
export type Unit = 'fen' | 'bp' | null;

export function unitOf(key: string, inherited: Unit): Unit {
  if (/Fen$/.test(key)) return 'fen';
  if (/Bp$/.test(key)) return 'bp';
  return inherited;
}

/** Basis points as a percentage: 8500 → "85%", 8550 → "85.5%", 8525 → "85.25%". */
export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

export function isLocalizedText(v: unknown): v is LocalizedText {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 2 && typeof (v as Record<string, unknown>)['zh-CN'] === 'string' && typeof (v as Record<string, unknown>).en === 'string';
}

export interface YearDayValue {
  yearOffset: number;
  month: number;
  day: number;
}

export function isYearDay(v: unknown): v is YearDayValue {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v).sort().join(',');
  return keys === 'day,month,yearOffset';
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A list of objects that share their keys reads best as a table: the union of keys, in first-seen order. */
export function tableColumns(rows: readonly unknown[]): string[] | null {
  if (rows.length === 0 || !rows.every((r) => isPlainObject(r) && !isLocalizedText(r) && !isYearDay(r))) return null;
  const cols: string[] = [];
  for (const r of rows as Record<string, unknown>[]) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const scalar = (rows as Record<string, unknown>[]).every((r) => Object.values(r).every((v) => v === null || typeof v !== 'object' || isLocalizedText(v)));
  return scalar ? cols : null;
}
