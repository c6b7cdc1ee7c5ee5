import { PersonRegisteredPayloadSchema } from '../../shared/sync/ops';
import { validatePersonId } from '../../shared/identity';
import { errorFromZod } from '../../shared/api/errors';
import type { PushOp } from '../../shared/sync/ops';
import type { PersonRow } from '../store/types';
import { hashJson } from '../util/hash';
import type { ApplyContext } from './context';
import { reject, type Outcome } from './outcome';

/** `person.registered`: a person met at a window joins central's persons (so their cases resolve). */
export function decidePersonRegistered(ctx: ApplyContext, op: PushOp): Outcome {
  const parsed = PersonRegisteredPayloadSchema.safeParse(op.payload);
  if (!parsed.success) {
    const e = errorFromZod(parsed.error, 'payload');
    return reject('invalid-payload', `操作内容不正确：${e.message}`, e.field);
  }
  const person = parsed.data.person;
  const id = validatePersonId(person.idNumber, ctx.today);
  if (!id.ok || id.normalized !== person.idNumber) {
    return reject('invalid-payload', `参保人证件号码不正确：${id.ok ? '未规范化' : id.message}`, 'payload.person.idNumber');
  }
  const existing = ctx.personById(person.id);
  if (existing && existing.idNumber !== person.idNumber) {
    return reject('person-conflict', '该参保人编号已登记为另一个证件号码，不能重复使用', 'payload.person.id');
  }
  const applied = (persons: PersonRow[]): Outcome => ({ type: 'applied', caseWrite: null, persons, claims: [], releaseClaims: [], changes: [], caseState: null });
  // A roster person keeps the roster's data; registering them again changes nothing.
  if (existing && existing.source === 'roster') return applied([]);
  const row: PersonRow = {
    id: person.id,
    idNumber: person.idNumber,
    name: person.name,
    regionCode: person.regionCode ?? ctx.station.regionCode,
    source: 'window',
    stationId: ctx.station.id,
    body: person,
    hash: hashJson(person),
    version: (existing?.version ?? 0) + 1,
    removed: false,
    updatedAt: ctx.now,
  };
  return applied([row]);
}
