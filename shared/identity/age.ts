import { ageOn, parseLocalDate } from '../time';
import type { LocalDate } from '../time';

/**
 * Age in completed years on `today` (it goes up on the birthday itself; someone born on
 * 29 February turns a year older on 1 March in common years).
 * Throws RangeError for a malformed date or a birth date after today.
 */
export function deriveAge(birthDate: LocalDate, today: LocalDate): number {
  parseLocalDate(birthDate);
  parseLocalDate(today);
  if (birthDate > today) throw new RangeError(`birth date ${birthDate} is after ${today}`);
  return ageOn(birthDate, today);
}
