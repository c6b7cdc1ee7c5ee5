import { isLocalDate, isRealDate, localDate } from '../time';
import type { LocalDate } from '../time';
import { failure } from './failure';
import type { PersonIdFailure } from './types';

/** Validators take "today" from the caller; a malformed one is a programming error. */
export function requireToday(today: LocalDate): void {
  if (!isLocalDate(today)) throw new RangeError(`today is not a YYYY-MM-DD date: ${String(today)}`);
}

/**
 * A birth date taken from an ID number: it must be a real calendar day and not after
 * `today`. `y`, `m`, `d` are the digits as written (shown back to the clerk on failure).
 */
export function checkBirthDate(
  y: string,
  m: string,
  d: string,
  today: LocalDate,
): { ok: true; date: LocalDate } | PersonIdFailure {
  const shown = `${y}-${m}-${d}`;
  if (!isRealDate(Number(y), Number(m), Number(d))) {
    return failure('birth_date', `出生日期 ${shown} 不存在`, `The birth date ${shown} does not exist.`);
  }
  const date = localDate(Number(y), Number(m), Number(d));
  // LocalDate strings are zero-padded YYYY-MM-DD, so they compare in calendar order.
  if (date > today) {
    return failure(
      'future_birth',
      `出生日期 ${date} 晚于今天（${today}）`,
      `The birth date ${date} is after today (${today}).`,
    );
  }
  return { ok: true, date };
}
