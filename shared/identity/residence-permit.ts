import type { LocalDate } from '../time';
import { requireToday } from './birth-date';
import { emptyFailure, failure, RESIDENCE_PERMIT } from './failure';
import { gb11643Body, gb11643CharactersFailure } from './gb11643';
import { normalizeIdInput } from './normalize';
import type { PersonIdKind, PersonIdResult } from './types';

/**
 * Address codes of the residence permits for Hong Kong, Macao and Taiwan residents
 * (港澳台居民居住证); the rest of the number follows GB 11643-1999.
 */
const PERMIT_KINDS: ReadonlyMap<string, PersonIdKind> = new Map<string, PersonIdKind>([
  ['810000', 'hk_macao_permit'],
  ['820000', 'hk_macao_permit'],
  ['830000', 'taiwan_permit'],
]);

/** The permit kind for an 18-character number's address code, or null if it is not a permit code. */
export function residencePermitKind(id: string): PersonIdKind | null {
  return PERMIT_KINDS.get(id.slice(0, 6)) ?? null;
}

export function validateResidencePermit(input: string, today: LocalDate): PersonIdResult {
  requireToday(today);
  const id = normalizeIdInput(input);
  if (id === '') return emptyFailure(RESIDENCE_PERMIT);
  if (id.length !== 18) {
    return failure(
      'length',
      `港澳台居民居住证号码长度应为18位，当前为${id.length}位`,
      `A residence permit number for Hong Kong, Macao or Taiwan residents has 18 characters; this one has ${id.length}.`,
    );
  }
  const bad = gb11643CharactersFailure(RESIDENCE_PERMIT, id);
  if (bad) return bad;
  const kind = residencePermitKind(id);
  if (kind === null) {
    return failure(
      'province',
      `港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头，当前为 ${id.slice(0, 6)}`,
      `A residence permit number starts with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan), not ${id.slice(0, 6)}.`,
    );
  }
  const body = gb11643Body(RESIDENCE_PERMIT, id, today);
  if (!body.ok) return body;
  return { ok: true, kind, normalized: id, birthDate: body.birthDate, sex: body.sex, from15: false };
}
