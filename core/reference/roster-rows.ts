import type { z } from 'zod';
import type { Person } from '../../shared/persons';
import { RosterRowSchema } from '../../shared/persons';
import { validatePersonId, type PersonIdResult } from '../../shared/identity';
import { errorFromZod, type ApiError } from '../../shared/api/errors';
import { namePinyin } from './pinyin';

/** One roster row (from a roster load or central's pull) checked and turned into a person. */
export type Valid = { row: z.output<typeof RosterRowSchema>; id: Extract<PersonIdResult, { ok: true }> };

/** Check one row (shape and ID number) without building anything. */
export function validateRow(row: unknown, todayDate: string): { ok: true; value: Valid } | { ok: false; error: ApiError } {
  const parsed = RosterRowSchema.safeParse(row);
  if (!parsed.success) return { ok: false, error: errorFromZod(parsed.error) };
  const id = validatePersonId(parsed.data.idNumber, todayDate);
  if (!id.ok) return { ok: false, error: { code: 'invalid_input', message: `证件号码：${id.message}`, field: 'idNumber', retryable: false } };
  return { ok: true, value: { row: parsed.data, id } };
}

export function toPerson({ row: r, id: v }: Valid, at: string, newId: () => string): Person {
  const py = namePinyin(r.name);
  return {
    id: newId(),
    idNumber: v.normalized,
    idKind: v.kind,
    name: r.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    sex: v.sex,
    birthDate: v.birthDate,
    phone: r.phone ?? null,
    regionCode: r.regionCode,
    address: r.address ?? null,
    flags: [...new Set(r.flags)],
    insurance: r.insurance,
    source: 'roster',
    createdAt: at,
    updatedAt: at,
  };
}
