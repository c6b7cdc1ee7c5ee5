import { deriveAge, validatePersonId, type PersonIdResult } from '../../../shared/identity';
import { ELDERLY_PRIORITY_AGE, type PersonFlag } from '../../../shared/persons';
import { todayShanghai } from './dates';

/** A complete identity number as typed or scanned (18 or 15 characters, or a 2017 foreigner's PR ID). */
export function looksLikeIdNumber(text: string): boolean {
  const s = text.trim();
  return /^\d{17}[\dXx]$/.test(s) || /^\d{15}$/.test(s) || /^[A-Za-z]{3}\d{12}$/.test(s);
}

export function ageOf(birthDate: string | null): number | null {
  if (!birthDate) return null;
  try {
    return deriveAge(birthDate, todayShanghai());
  } catch {
    return null;
  }
}

export function checkId(text: string): PersonIdResult {
  return validatePersonId(text, todayShanghai());
}

export type HintKind = 'elderly' | 'disability' | 'hardship' | 'tuopin' | 'monitored' | 'military' | 'talent';

/** Special-group hints the window should notice (适老化, 帮办代办, 兜底参保). */
export function personHints(flags: readonly PersonFlag[], age: number | null): HintKind[] {
  const out: HintKind[] = [];
  if (age !== null && age >= ELDERLY_PRIORITY_AGE) out.push('elderly');
  if (flags.includes('disability')) out.push('disability');
  if (flags.includes('tekun') || flags.includes('dibao')) out.push('hardship');
  if (flags.includes('tuopin')) out.push('tuopin');
  if (flags.includes('monitored')) out.push('monitored');
  if (flags.includes('military')) out.push('military');
  if (flags.includes('talent')) out.push('talent');
  return out;
}
