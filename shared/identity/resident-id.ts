import { isRealDate } from '../time';
import type { LocalDate } from '../time';
import { checkBirthDate, requireToday } from './birth-date';
import { firstBadCharacter, isDigit } from './characters';
import { residentIdCheckCharacter } from './check-characters';
import { emptyFailure, failure, RESIDENT_ID } from './failure';
import { gb11643Body, gb11643CharactersFailure } from './gb11643';
import { normalizeIdInput } from './normalize';
import { isProvinceCode } from './provinces';
import type { PersonIdFailure, PersonIdResult } from './types';

/**
 * Old 15-digit resident ID (GB 11643-1989: 6 address + YYMMDD + 3 sequence) → the 18-digit
 * form: "19" inserted before the year, the MOD 11-2 check character appended.
 * Throws RangeError unless the input is 15 digits whose birth date 19YY-MM-DD is real.
 */
export function upgradeResidentId15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`expected 15 digits, got: ${JSON.stringify(id15)}`);
  const y = 1900 + Number(id15.slice(6, 8));
  if (!isRealDate(y, Number(id15.slice(8, 10)), Number(id15.slice(10, 12)))) {
    throw new RangeError(`not a real birth date in old ID: ${id15}`);
  }
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + residentIdCheckCharacter(first17);
}

/**
 * A resident ID (居民身份证): 18 characters, or an old 15-digit number which is returned
 * upgraded to 18 with `from15: true`. Any province-level code is accepted, including
 * 71, 81 and 82; 83 is not a province (830000 starts Taiwan residents' residence permits,
 * see validateResidencePermit, and validatePersonId tells them apart).
 */
export function validateResidentId(input: string, today: LocalDate): PersonIdResult {
  requireToday(today);
  const id = normalizeIdInput(input);
  if (id === '') return emptyFailure(RESIDENT_ID);
  if (id.length === 18) return validate18(id, today);
  if (id.length === 15) return validate15(id, today);
  return failure(
    'length',
    `身份证号码长度应为18位（或旧版15位），当前为${id.length}位`,
    `An ID number has 18 characters (15 digits for an old one); this one has ${id.length}.`,
  );
}

function validate18(id: string, today: LocalDate): PersonIdResult {
  const bad = gb11643CharactersFailure(RESIDENT_ID, id);
  if (bad) return bad;
  const province = provinceFailure(id);
  if (province) return province;
  const body = gb11643Body(RESIDENT_ID, id, today);
  if (!body.ok) return body;
  return { ok: true, kind: 'resident', normalized: id, birthDate: body.birthDate, sex: body.sex, from15: false };
}

function validate15(id: string, today: LocalDate): PersonIdResult {
  const bad = firstBadCharacter(RESIDENT_ID, id, isDigit, {
    zh: '旧版15位身份证号码只能由数字组成',
    en: 'an old 15-digit ID number has digits only.',
  });
  if (bad) return bad;
  const province = provinceFailure(id);
  if (province) return province;
  const birth = checkBirthDate(`19${id.slice(6, 8)}`, id.slice(8, 10), id.slice(10, 12), today);
  if (!birth.ok) return birth;
  return {
    ok: true,
    kind: 'resident',
    normalized: upgradeResidentId15(id),
    birthDate: birth.date,
    sex: Number(id[14]) % 2 === 1 ? 'M' : 'F',
    from15: true,
  };
}

function provinceFailure(id: string): PersonIdFailure | null {
  const code = id.slice(0, 2);
  if (isProvinceCode(code)) return null;
  if (id.startsWith('830000')) {
    return failure(
      'province',
      '地址码的省份 83 不存在：830000 开头的是台湾居民居住证号码，不是居民身份证号码',
      "There is no province 83: a number starting 830000 is a Taiwan resident's residence permit, not a resident ID.",
    );
  }
  return failure('province', `地址码的省份 ${code} 不存在`, `There is no province with code ${code} (first two digits).`);
}
