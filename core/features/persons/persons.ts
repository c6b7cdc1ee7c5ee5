import type { CoreContext } from '../../context';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Person, PersonSummary } from '../../../shared/persons';
import { validatePersonId } from '../../../shared/identity';
import { checkPersonName } from '../../../shared/identity/name';
import { fail } from '../../../shared/api/errors';
import { nowInstant, today } from '../../../shared/time';
import { namePinyin } from '../../reference/pinyin';
import { personsInReach, reachOf, type Access } from '../../access';

function auditRead(ctx: CoreContext, user: SessionUser, p: Person, how: string): void {
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: user.id,
      actorName: user.displayName,
      action: 'person.read',
      entity: 'person',
      entityId: p.id,
      detail: { how, personIds: [p.id] },
    }),
  );
}

/** How many matches a narrow search (a helper's, a team's) looks through for the persons within reach. */
const REACH_CANDIDATES = 500;

/**
 * Search persons by name, pinyin (full or initials), ID number or phone (prefix, all terms must match): the
 * whole station's for a station scope, else only persons of cases within reach. One audit row per search lists
 * the persons shown (not the words searched for: they may be a name or an ID number).
 */
export function searchPersons(ctx: CoreContext, a: Access, q: string, limit = 20): PersonSummary[] {
  const reach = reachOf(a);
  let found = ctx.repos.persons.search(q, reach ? REACH_CANDIDATES : limit);
  if (reach) {
    const ok = new Set(personsInReach(ctx, a, found.map((p) => p.id)));
    found = found.filter((p) => ok.has(p.id)).slice(0, limit);
  }
  if (found.length > 0) {
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({
        at: nowInstant(ctx.clock),
        actorId: a.user.id,
        actorName: a.user.displayName,
        action: 'person.search',
        entity: 'person',
        entityId: null,
        detail: { shown: found.length, personIds: found.map((p) => p.id) },
      }),
    );
  }
  return found;
}

export function getPerson(ctx: CoreContext, user: SessionUser, id: string): Person {
  const p = ctx.repos.persons.byId(id);
  if (!p) fail('not_found', '参保人不存在', { field: 'id' });
  auditRead(ctx, user, p, 'id');
  return p;
}

/** Exact look-up by a typed or scanned ID number; an invalid number is refused with the precise reason. */
export function findByIdNumber(ctx: CoreContext, user: SessionUser, idNumber: string): Person | null {
  const v = validatePersonId(idNumber, today(ctx.clock));
  if (!v.ok) fail('invalid_input', `证件号码：${v.message}`, { field: 'idNumber' });
  const p = ctx.repos.persons.byIdNumber(v.normalized);
  if (p) auditRead(ctx, user, p, 'idNumber');
  return p;
}

/** Register a person met at the window who is not on the roster. */
export function registerPerson(ctx: CoreContext, user: SessionUser, input: ChannelInput<'persons.register'>): Person {
  const v = validatePersonId(input.idNumber, today(ctx.clock));
  if (!v.ok) fail('invalid_input', `证件号码：${v.message}`, { field: 'idNumber' });
  const name = checkPersonName(input.name);
  if (!name.ok) fail('invalid_input', `姓名：${name.message}`, { field: 'name' });
  const existing = ctx.repos.persons.byIdNumber(v.normalized);
  if (existing) fail('duplicate', `证件号码：已登记（${existing.name}），请直接选用`, { field: 'idNumber' });
  const at = nowInstant(ctx.clock);
  const py = namePinyin(name.name);
  const person: Person = {
    id: ctx.newId(),
    idNumber: v.normalized,
    idKind: v.kind,
    name: name.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    sex: v.sex,
    birthDate: v.birthDate,
    phone: input.phone ?? null,
    regionCode: input.regionCode ?? null,
    address: input.address ?? null,
    flags: [...new Set(input.flags ?? [])],
    insurance: [],
    source: 'window',
    createdAt: at,
    updatedAt: at,
  };
  return ctx.tx(() => {
    ctx.repos.persons.insert(person);
    ctx.repos.audit.append({ at, actorId: user.id, actorName: user.displayName, action: 'person.register', entity: 'person', entityId: person.id, detail: { idKind: person.idKind } });
    ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'person.registered', caseId: null, payload: { person }, baseVersion: null, createdAt: at });
    return person;
  });
}

/**
 * Correct a person's name, phone or address at the window: checked as at registration (the name by the shared
 * rule), one audit row naming the fields changed (not their values), and the person's current record sent to central
 * (`person.registered`: central keeps a window person's latest record; a person of central's roster keeps the
 * roster's). Nothing changed: nothing written.
 */
export function updatePerson(ctx: CoreContext, user: SessionUser, input: ChannelInput<'persons.update'>): Person {
  const p = ctx.repos.persons.byId(input.id);
  if (!p) fail('not_found', '参保人不存在', { field: 'id' });
  let name = p.name;
  if (input.name !== undefined) {
    const checked = checkPersonName(input.name);
    if (!checked.ok) fail('invalid_input', `姓名：${checked.message}`, { field: 'name' });
    name = checked.name;
  }
  const phone = input.phone === undefined ? p.phone : input.phone === null || input.phone === '' ? null : input.phone;
  const address = input.address === undefined ? p.address : input.address === null || input.address.trim() === '' ? null : input.address.trim();
  const changed = [name !== p.name ? 'name' : null, phone !== p.phone ? 'phone' : null, address !== p.address ? 'address' : null].filter((f): f is string => f !== null);
  if (changed.length === 0) return p;
  const at = nowInstant(ctx.clock);
  const py = name === p.name ? { full: p.namePinyin, initials: p.nameInitials } : namePinyin(name);
  const next: Person = { ...p, name, namePinyin: py.full, nameInitials: py.initials, phone, address, updatedAt: at };
  return ctx.tx(() => {
    ctx.repos.persons.setContact(p.id, next);
    ctx.repos.audit.append({ at, actorId: user.id, actorName: user.displayName, action: 'person.update', entity: 'person', entityId: p.id, detail: { fields: changed, personIds: [p.id] } });
    ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'person.registered', caseId: null, payload: { person: next }, baseVersion: null, createdAt: at });
    return next;
  });
}
