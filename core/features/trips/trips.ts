import type { CoreContext } from '../../context';
import type { Access } from '../../access';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { TripView } from '../../../shared/api/channels/trips';
import type { Trip, TripEndMode } from '../../../shared/outreach/trips';
import type { AuditAction } from '../../../shared/audit';
import { FORBIDDEN_SCOPE_MESSAGE, isCaseBound } from '../../../shared/access';
import { fail } from '../../../shared/api/errors';
import { nowInstant, today, parseLocalDate } from '../../../shared/time';
import { inForce } from '../../../shared/policy/tables/overlap';
import { station } from '../../reference/station';

/**
 * Village trips of a mobile service team: plan (villages, dates, members), prepare (the laptop holds the roster of
 * those villages, the catalog, policy tables and calendar; what is missing is synced while the link is up; the
 * checklist is printed), set out (what the members take in belongs to the trip: core/features/cases/write.ts), come
 * back (a sync or a bundle) and report (report.ts).
 *
 * Reach: a mobile team sees the trips it is a member of (`trip` scope); clerks and supervisors the station's.
 */

function audit(ctx: CoreContext, user: SessionUser, action: AuditAction, trip: Pick<Trip, 'id' | 'name'>, detail: Record<string, unknown> = {}): void {
  ctx.repos.audit.append({
    at: nowInstant(ctx.clock),
    actorId: user.id,
    actorName: user.displayName,
    action,
    entity: 'trip',
    entityId: trip.id,
    detail: { name: trip.name, ...detail },
  });
}

export function tripView(ctx: CoreContext, trip: Trip): TripView {
  const names = ctx.repos.users.names();
  const counts = ctx.repos.trips.counts(trip.id);
  return {
    trip,
    members: trip.memberIds.map((id) => ({ id, displayName: names.get(id) ?? id })),
    caseCount: counts.cases,
    visitCount: counts.visits,
  };
}

/** The trip, if it exists and the user reaches it (a mobile team: a trip it is a member of). */
export function requireTrip(ctx: CoreContext, a: Access, tripId: string, field = 'tripId'): Trip {
  const trip = ctx.repos.trips.byId(tripId);
  if (!trip) fail('not_found', '行程不存在', { field });
  if (isCaseBound(a.scope) && !trip.memberIds.includes(a.user.id)) fail('forbidden', FORBIDDEN_SCOPE_MESSAGE, { field });
  return trip;
}

export function listTrips(ctx: CoreContext, a: Access): TripView[] {
  return ctx.repos.trips.list(isCaseBound(a.scope) ? a.user.id : null).map((t) => tripView(ctx, t));
}

/** Who may go: active accounts of the roles that take cases in on a trip. */
export function tripCandidates(ctx: CoreContext): ChannelOutput<'trips.candidates'> {
  return ctx.repos.users
    .list()
    .filter((u) => !u.disabled && (u.role === 'mobile_team' || u.role === 'clerk' || u.role === 'supervisor'))
    .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role }));
}

export function createTrip(ctx: CoreContext, a: Access, input: ChannelInput<'trips.create'>): TripView {
  const members = new Set(input.memberIds);
  // A team member plans trips they go on.
  if (isCaseBound(a.scope)) members.add(a.user.id);
  const candidates = new Set(tripCandidates(ctx).map((u) => u.id));
  input.memberIds.forEach((id, i) => {
    if (!candidates.has(id)) fail('invalid_input', '队员：所选账号不存在、已停用或不能外出服务', { field: `memberIds.${i}` });
  });
  const names = new Set<string>();
  input.villages.forEach((v, i) => {
    const key = `${v.regionCode ?? ''}|${v.name}`;
    if (names.has(key)) fail('invalid_input', `第 ${i + 1} 个村与前面的重复`, { field: `villages.${i}.name` });
    names.add(key);
  });
  const at = nowInstant(ctx.clock);
  const trip = {
    id: ctx.newId(),
    name: input.name,
    villages: input.villages.map((v) => ({ name: v.name, regionCode: v.regionCode })),
    startDate: input.startDate,
    endDate: input.endDate,
    memberIds: [...members],
    createdBy: a.user.id,
    createdAt: at,
    updatedAt: at,
  };
  return ctx.tx(() => {
    ctx.repos.trips.insert(trip);
    audit(ctx, a.user, 'trip.create', trip, { villages: trip.villages.length, members: trip.memberIds.length, startDate: trip.startDate, endDate: trip.endDate });
    return tripView(ctx, ctx.repos.trips.byId(trip.id)!);
  });
}

/**
 * What the laptop holds for the trip: the roster of each village (persons whose address names it), a catalog
 * (central's, or the default one), the policy tables in force during the trip for the station's region, and the
 * working calendar of the trip's years.
 */
export function tripReadiness(ctx: CoreContext, trip: Trip): ChannelOutput<'trips.readiness'> {
  const villages = trip.villages.map((v) => ({ name: v.name, regionCode: v.regionCode, persons: ctx.repos.trips.villagePersons(v) }));
  const emptyVillages = villages.filter((v) => v.persons === 0);
  const rosterOk = emptyVillages.length === 0;

  const catalogRows = ctx.repos.catalog.all();
  const fromCentral = catalogRows.filter((r) => r.source === 'central').length;
  const catalogOk = ctx.catalog.size > 0;

  const region = station(ctx)?.regionCode ?? null;
  const own = region !== null && ctx.policy.some((t) => t.regionCode === region && (inForce(t, trip.startDate) || inForce(t, trip.endDate)));
  const anyInForce = ctx.policy.some((t) => inForce(t, trip.startDate));
  const policyOk = own;

  const years = [...new Set([parseLocalDate(trip.startDate).y, parseLocalDate(trip.endDate).y])];
  const missingYears = years.filter((y) => !ctx.calendar.hasYear(y));
  const calendarOk = missingYears.length === 0;

  const items: ChannelOutput<'trips.readiness'>['items'] = [
    {
      key: 'roster',
      ok: rosterOk,
      detail: rosterOk
        ? villages.map((v) => `${v.name} ${v.persons} 人`).join('，')
        : `花名册中没有 ${emptyVillages.map((v) => v.name).join('、')} 的人员，请同步花名册`,
    },
    {
      key: 'catalog',
      ok: catalogOk,
      detail: catalogOk ? `事项清单 ${ctx.catalog.size} 项${fromCentral > 0 ? `（其中中心发布 ${fromCentral} 项）` : '（默认清单，尚未收到中心发布）'}` : '没有事项清单',
    },
    {
      key: 'policy',
      ok: policyOk,
      detail: policyOk
        ? `本区划（${region}）行程期间生效的政策表 ${ctx.policy.filter((t) => t.regionCode === region && inForce(t, trip.startDate)).length} 张`
        : anyInForce
          ? `尚无本区划（${region ?? '未设置'}）的政策表，只有示例表：请与中心同步`
          : '行程期间没有生效的政策表：请与中心同步',
    },
    {
      key: 'calendar',
      ok: calendarOk,
      detail: calendarOk ? `${years.join('、')} 年工作日历已有` : `没有 ${missingYears.join('、')} 年的工作日历（只能按周末计算时限）：请与中心同步`,
    },
  ];
  const lastSyncAt = ctx.repos.syncMeta.get('last.successAt');
  return {
    items,
    villages,
    ready: items.every((i) => i.ok),
    connected: ctx.repos.syncMeta.get('central.url') !== null && ctx.repos.syncMeta.get('station.credential') !== null,
    lastSyncAt,
  };
}

export function prepareTrip(ctx: CoreContext, a: Access, trip: Trip): TripView {
  if (trip.state === 'ended') fail('illegal_transition', '行程已结束', { field: 'tripId' });
  const r = tripReadiness(ctx, trip);
  return ctx.tx(() => {
    const at = nowInstant(ctx.clock);
    ctx.repos.trips.markPrepared(trip.id, at);
    audit(ctx, a.user, 'trip.prepare', trip, { ready: r.ready, missing: r.items.filter((i) => !i.ok).map((i) => i.key) });
    return tripView(ctx, ctx.repos.trips.byId(trip.id)!);
  });
}

export function startTrip(ctx: CoreContext, a: Access, trip: Trip): TripView {
  if (trip.state !== 'planned') fail('illegal_transition', trip.state === 'active' ? '行程已在进行中' : '行程已结束', { field: 'tripId' });
  const day = today(ctx.clock);
  if (day > trip.endDate) fail('illegal_transition', `行程计划于 ${trip.endDate} 结束，已过期，请重新安排`, { field: 'tripId' });
  for (const id of trip.memberIds) {
    const other = ctx.repos.trips.activeOf(id);
    if (other) fail('conflict', `队员已在进行中的行程“${other.name}”中，请先结束该行程`, { field: 'tripId' });
  }
  return ctx.tx(() => {
    const at = nowInstant(ctx.clock);
    if (!ctx.repos.trips.setState(trip.id, 'planned', 'active', at, null)) fail('conflict', '行程状态已变化，请刷新', { field: 'tripId', retryable: true });
    audit(ctx, a.user, 'trip.start', trip);
    return tripView(ctx, ctx.repos.trips.byId(trip.id)!);
  });
}

/** Come back: the trip ends; its work went to central by a sync, or is carried in a bundle exported just before. */
export function endTrip(ctx: CoreContext, a: Access, trip: Trip, endedWith: TripEndMode): TripView {
  if (trip.state !== 'active') fail('illegal_transition', trip.state === 'planned' ? '行程尚未开始' : '行程已结束', { field: 'tripId' });
  return ctx.tx(() => {
    const at = nowInstant(ctx.clock);
    if (!ctx.repos.trips.setState(trip.id, 'active', 'ended', at, endedWith)) fail('conflict', '行程状态已变化，请刷新', { field: 'tripId', retryable: true });
    const counts = ctx.repos.trips.counts(trip.id);
    audit(ctx, a.user, 'trip.end', trip, { endedWith, ...counts });
    return tripView(ctx, ctx.repos.trips.byId(trip.id)!);
  });
}

/** The trip the user is on now (the on-trip indicator). */
export function currentTrip(ctx: CoreContext, user: SessionUser): TripView | null {
  const t = ctx.repos.trips.activeOf(user.id);
  return t ? tripView(ctx, t) : null;
}
