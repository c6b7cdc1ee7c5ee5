import type { CoreContext } from '../../context';
import type { Access } from '../../access';
import type { ChannelInput } from '../../../shared/api/contract';
import type { VisitView } from '../../../shared/api/channels/visits';
import type { Visit } from '../../../shared/outreach/visits';
import { VisitSchema } from '../../../shared/outreach/visits';
import { FORBIDDEN_SCOPE_MESSAGE } from '../../../shared/access';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { caseInReach, requirePersonInReach } from '../../access';
import { requireStation } from '../../reference/station';
import { VISITS_SINCE } from '../../../shared/sync/visits';

/**
 * Visit records (三送一听). A visit made while the user is on a trip belongs to the trip. Each record (and each change
 * of it) is, in one transaction: the `visits` row, an audit row and a `visit.recorded` outbox op carrying the whole
 * record and who it is for (by ID number), so central keeps it like the station does.
 */
export function recordVisit(ctx: CoreContext, a: Access, input: ChannelInput<'visits.record'>): VisitView {
  const user = a.user;
  requirePersonInReach(ctx, a, input.personId);
  const person = ctx.repos.persons.summary(input.personId);
  if (!person) fail('not_found', '参保人不存在', { field: 'personId' });
  const caseIds = [...new Set(input.caseIds ?? [])];
  caseIds.forEach((id, i) => {
    const c = ctx.repos.cases.byId(id);
    if (!c) fail('not_found', '所选案件不存在', { field: `caseIds.${i}` });
    if (!caseInReach(ctx, a, c)) fail('forbidden', FORBIDDEN_SCOPE_MESSAGE, { field: `caseIds.${i}` });
    if (c.personId !== input.personId) fail('invalid_input', `案件 ${c.caseNo} 不是此参保人的案件`, { field: `caseIds.${i}` });
  });
  const at = nowInstant(ctx.clock);
  const prev = input.visitId ? ctx.repos.visits.byId(input.visitId) : null;
  if (input.visitId) {
    if (!prev) fail('not_found', '走访记录不存在', { field: 'visitId' });
    if (prev.personId !== input.personId) fail('invalid_input', '走访记录的参保人不能更改', { field: 'personId' });
    if (input.version !== prev.version) {
      fail('conflict', `走访记录已被修改（当前版本 ${prev.version}），请刷新后重试`, { field: 'version', retryable: true });
    }
  }
  const known = new Map((prev?.demands ?? []).map((d) => [d.id, d]));
  const demands = input.demands.map((d, i) => {
    if (d.id !== undefined && !known.has(d.id)) fail('invalid_input', `第 ${i + 1} 条诉求不属于这条走访记录`, { field: `demands.${i}.id` });
    return { id: d.id ?? ctx.newId(), kind: d.kind, text: d.text, state: d.state, owner: d.owner, followUp: d.followUp ?? null };
  });
  const trip = prev ? null : ctx.repos.trips.activeOf(user.id);
  const visit: Visit = VisitSchema.parse({
    id: prev?.id ?? ctx.newId(),
    version: (prev?.version ?? 0) + 1,
    tripId: prev ? prev.tripId : (trip?.id ?? null),
    personId: input.personId,
    household: input.household ?? null,
    visitedAt: prev?.visitedAt ?? at,
    brought: [...new Set(input.brought)],
    caseIds,
    note: input.note ?? null,
    demands,
    recordedBy: prev?.recordedBy ?? user.id,
    recordedByName: prev?.recordedByName ?? user.displayName,
    stationCode: requireStation(ctx).code,
    createdAt: prev?.createdAt ?? at,
    updatedAt: at,
  });
  ctx.tx(() => {
    if (prev) {
      if (!ctx.repos.visits.update(visit)) fail('conflict', '走访记录已被修改，请刷新后重试', { field: 'version', retryable: true });
    } else ctx.repos.visits.insert(visit);
    ctx.repos.audit.append({
      at,
      actorId: user.id,
      actorName: user.displayName,
      action: 'visit.record',
      entity: 'visit',
      entityId: visit.id,
      detail: { personId: visit.personId, version: visit.version, tripId: visit.tripId, demands: visit.demands.length },
    });
    // To central as `visit.recorded` once it speaks 1.4 (an op too new for central would hold the outbox back).
    if (ctx.protocolMinor() >= VISITS_SINCE) ctx.repos.outbox.append({
      opId: ctx.newId(),
      kind: 'visit.recorded',
      caseId: null,
      payload: { visit, person: { idNumber: person.idNumber, name: person.name } },
      baseVersion: null,
      createdAt: at,
    });
  });
  return { visit, personName: person.name, tripName: visit.tripId ? (ctx.repos.trips.byId(visit.tripId)?.name ?? null) : null };
}

/** A trip's visits, or a person's (their history); one audit row naming what was shown. */
export function listVisits(ctx: CoreContext, a: Access, input: ChannelInput<'visits.list'>): VisitView[] {
  let visits: Visit[];
  if ('personId' in input) {
    requirePersonInReach(ctx, a, input.personId);
    visits = ctx.repos.visits.ofPerson(input.personId);
  } else {
    visits = ctx.repos.visits.ofTrip(input.tripId);
  }
  const persons = ctx.repos.persons.summaries(visits.map((v) => v.personId));
  const trips = new Map<string, string | null>();
  const tripName = (id: string | null) => {
    if (id === null) return null;
    if (!trips.has(id)) trips.set(id, ctx.repos.trips.byId(id)?.name ?? null);
    return trips.get(id) ?? null;
  };
  if (visits.length > 0) {
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({
        at: nowInstant(ctx.clock),
        actorId: a.user.id,
        actorName: a.user.displayName,
        action: 'visit.read',
        entity: 'visit',
        entityId: null,
        detail: { visits: visits.map((v) => v.id), ...('personId' in input ? { personId: input.personId } : { tripId: input.tripId }) },
      }),
    );
  }
  return visits.map((v) => ({ visit: v, personName: persons.get(v.personId)?.name ?? '', tripName: tripName(v.tripId) }));
}
