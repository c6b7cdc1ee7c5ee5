import type { LocalDate } from '../time';
import { checkBirthDate } from './birth-date';
import { firstBadCharacter, isDigit } from './characters';
import { residentIdCheckCharacter } from './check-characters';
import { checkFailure } from './failure';
import type { DocLabel } from './failure';
import type { PersonIdFailure, Sex } from './types';

/**
 * The 18-character layout shared by GB 11643-1999 resident IDs, HK/Macao/Taiwan residence
 * permits and the 2023 foreigners' permanent residence ID: characters 1-6 a prefix
 * (address code, or 9 + issuing province + nationality), 7-14 the birth date YYYYMMDD,
 * 15-17 the sequence (17th odd = male, even = female), 18 the MOD 11-2 check character.
 */

/** 17 digits, then a digit or X. Expects upper-cased input of length 18. */
export function gb11643CharactersFailure(doc: DocLabel, id18: string): PersonIdFailure | null {
  return firstBadCharacter(doc, id18, (c, i) => isDigit(c) || (i === 17 && c === 'X'), {
    zh: '只能由数字组成，仅最后一位可以是 X',
    en: 'only digits are allowed, and X only as the last character.',
  });
}

/** Birth date, then check character; run after the prefix has been checked. */
export function gb11643Body(
  doc: DocLabel,
  id18: string,
  today: LocalDate,
): { ok: true; birthDate: LocalDate; sex: Sex } | PersonIdFailure {
  const birth = checkBirthDate(id18.slice(6, 10), id18.slice(10, 12), id18.slice(12, 14), today);
  if (!birth.ok) return birth;
  const expected = residentIdCheckCharacter(id18.slice(0, 17));
  const actual = id18[17]!;
  if (actual !== expected) return checkFailure(doc, expected, actual, 17);
  return { ok: true, birthDate: birth.date, sex: Number(id18[16]) % 2 === 1 ? 'M' : 'F' };
}
