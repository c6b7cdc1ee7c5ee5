import { localDateFromEpoch, addDays, isLocalDate, type LocalDate } from '../../../shared/time';

/** Today's civil date in Shanghai (the workstation's calendar day). */
export function todayShanghai(): LocalDate {
  return localDateFromEpoch(Date.now());
}

export function daysFromToday(days: number): LocalDate {
  return addDays(todayShanghai(), days);
}

/** `2026-11-23T09:30:00.000+08:00` → `2026-11-23 09:30` (instants always carry +08:00). */
export function formatInstant(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)}`;
}

/**
 * A date as typed at the counter, in the form the core takes: `20261015`, `2026/10/5`, `2026.10.05` and
 * `2026年10月5日` become `2026-10-15` / `2026-10-05`. Anything else is returned trimmed, unchanged (the
 * form's validation then names it).
 */
export function normalizeDateText(text: string): string {
  const s = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const parts = compact ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!parts) return s;
  const candidate = `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
  return isLocalDate(candidate) ? candidate : s;
}
