import { isRealDate } from '../time';
import type { LocalDate } from '../time';
import { checkBirthDate, requireToday } from './birth-date';
import { firstBadCharacter, isDigit, isLetter } from './characters';
import { icao731CheckDigit } from './check-characters';
import { checkFailure, emptyFailure, failure, FOREIGN_PR_ID } from './failure';
import { gb11643Body, gb11643CharactersFailure } from './gb11643';
import { isNationalityAlpha3, isNationalityNumeric3 } from './nationality-codes';
import { normalizeIdInput } from './normalize';
import { isProvinceCode } from './provinces';
import type { PersonIdFailure, PersonIdResult } from './types';

/*
 * Foreigners' permanent residence ID (外国人永久居留身份证).
 *
 * 2017 form, 15 characters, e.g. KAZ110090123105 (the sample in the National Immigration
 * Administration's 《新版外国人永久居留身份证适配性改造要点》, 2023):
 *   1-3   nationality, ISO 3166-1 alpha-3 letters              KAZ
 *   4-7   issuing-place code; 4-5 is the province code          1100 (Beijing)
 *   8-13  birth date YYMMDD                                      901231
 *   14    sequence digit                                        0
 *   15    check digit                                           5
 * Check digit: ICAO 9303 style — values 0-9 for digits, A=10 … Z=35 for letters, weights
 * 7, 3, 1 repeating over characters 1-14, sum mod 10 (KAZ110090123105: 265 mod 10 = 5).
 * Sources: the NIA sample above (quoted in public adaptation notes) and the open-source
 * credentialkit (xiahaimoyu) processor, which uses this layout and this check digit; the
 * NIA note itself only says "3 Latin letters + 12 digits". No source disagreed on the
 * letter values.
 * Sex: not derived (sex: null). credentialkit reads character 14 as a sex digit, but no
 * official description of the 2017 layout says so, and a wrong sex pre-filled at the window
 * is worse than none; the clerk takes it from the card.
 * Century: YYMMDD has none. We take the latest century that does not put the birth date
 * after today (a child born 2015 over a person born 1915).
 *
 * 2023 form, 18 characters (issued from 2023-12-01), e.g. 932682198501010017 and
 * 911124198108030024 (the NIA samples: Saudi Arabian man, Jiangsu; Canadian woman, Beijing):
 *   1     9, marks a foreigner (resident IDs start with 1-8)
 *   2-3   issuing province code                                 32
 *   4-6   nationality, ISO 3166-1 numeric-3                     682
 *   7-14  birth date YYYYMMDD                                   19850101
 *   15-16 sequence                                              00
 *   17    sex: odd = male, even = female                        1
 *   18    ISO 7064 MOD 11-2 check character, as for resident IDs 7
 */

export function validateForeignPermanentResidenceId(input: string, today: LocalDate): PersonIdResult {
  requireToday(today);
  const id = normalizeIdInput(input);
  if (id === '') return emptyFailure(FOREIGN_PR_ID);
  if (id.length === 15) return validate2017(id, today);
  if (id.length === 18) return validate2023(id, today);
  return failure(
    'length',
    `外国人永久居留身份证号码长度应为15位（2017版）或18位（2023版），当前为${id.length}位`,
    `A foreigner's permanent residence ID number has 15 characters (2017 card) or 18 (2023 card); this one has ${id.length}.`,
  );
}

function validate2017(id: string, today: LocalDate): PersonIdResult {
  const bad = firstBadCharacter(FOREIGN_PR_ID, id, (c, i) => (i < 3 ? isLetter(c) : isDigit(c)), {
    zh: '2017版号码前3位是字母（国籍代码），其后12位都是数字',
    en: 'a 2017 card number has 3 letters (the nationality) followed by 12 digits.',
  });
  if (bad) return bad;
  const nationality = id.slice(0, 3);
  if (!isNationalityAlpha3(nationality)) return nationalityFailure(nationality);
  const province = provinceFailure(id.slice(3, 5));
  if (province) return province;

  const yy = id.slice(7, 9);
  const mm = id.slice(9, 11);
  const dd = id.slice(11, 13);
  const birth = checkBirthDate(centuryFor(yy, mm, dd, today) + yy, mm, dd, today);
  if (!birth.ok) return birth;

  const expected = icao731CheckDigit(id.slice(0, 14));
  if (id[14] !== expected) return checkFailure(FOREIGN_PR_ID, expected, id[14]!, 14);
  return { ok: true, kind: 'foreign_pr_2017', normalized: id, birthDate: birth.date, sex: null, from15: false };
}

/** "20" when 20YY-MM-DD is a real day not after today, else "19". */
function centuryFor(yy: string, mm: string, dd: string, today: LocalDate): '19' | '20' {
  const y = 2000 + Number(yy);
  const m = Number(mm);
  const d = Number(dd);
  if (!isRealDate(y, m, d)) return '19';
  const iso = `${y}-${mm}-${dd}`;
  return iso <= today ? '20' : '19';
}

function validate2023(id: string, today: LocalDate): PersonIdResult {
  const bad = gb11643CharactersFailure(FOREIGN_PR_ID, id);
  if (bad) return bad;
  if (id[0] !== '9') {
    return failure(
      'characters',
      `2023版外国人永久居留身份证号码以 9 开头，当前第1位是“${id[0]}”`,
      `A 2023 foreigner's permanent residence ID number starts with 9, not "${id[0]}".`,
    );
  }
  const province = provinceFailure(id.slice(1, 3));
  if (province) return province;
  const nationality = id.slice(3, 6);
  if (!isNationalityNumeric3(nationality)) return nationalityFailure(nationality);
  const body = gb11643Body(FOREIGN_PR_ID, id, today);
  if (!body.ok) return body;
  return { ok: true, kind: 'foreign_pr_2023', normalized: id, birthDate: body.birthDate, sex: body.sex, from15: false };
}

function provinceFailure(code: string): PersonIdFailure | null {
  if (isProvinceCode(code)) return null;
  return failure(
    'province',
    `受理地代码的省份 ${code} 不存在`,
    `There is no province with code ${code} in the issuing-place code.`,
  );
}

function nationalityFailure(code: string): PersonIdFailure {
  return failure('nationality', `国籍代码 ${code} 不存在`, `There is no nationality with code ${code}.`);
}
