import { localDateFromEpoch, addDays, type LocalDate } from '../../../shared/time';

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
