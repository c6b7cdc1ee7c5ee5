import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import { intakeSample } from '../../testing/intake';
import type { Session } from '../../session';
import { loadRoster } from '../persons/roster';
import { caseInReach, personInReach } from '../../access';
import { CENTRAL_MINOR_KEY } from '../../context';
import { VISITS_SINCE } from '../../../shared/sync/visits';
import { today } from '../../../shared/time';
import type { RosterRow } from '../../../shared/persons';

/**
 * Village trips, visit records and the mobile team's scope (issue 16): plan → readiness → set out → intakes belong
 * to the trip → visits with a complaint → report → end; and the refusals (role, scope, state, bad input).
 */
let st: TestStation;
let sup: Session;
let team: Session;
let clerk: Session;
let helper: Session;
const ids: Record<string, string> = {};

const row = (i: number, village: string, insurance: RosterRow['insurance'] = []): RosterRow => ({
  idNumber: residentId(`19${50 + i}-03-0${1 + (i % 8)}`, 10 + i),
  name: `村民${'甲乙丙丁戊己庚辛壬癸'[i]}`,
  phone: `1380000000${i}`,
  regionCode: '371002',
  address: `青石镇${village}${i}号`,
  insurance,
});

beforeAll(async () => {
  st = await createTestStation();
  // The central this station last talked to speaks 1.4: visits go to the outbox (core/context.ts protocolMinor).
  st.core.ctx.repos.syncMeta.set(CENTRAL_MINOR_KEY, String(VISITS_SINCE));
  sup = await st.as('supervisor');
  team = await st.as('mobile_team');
  clerk = await st.as('clerk');
  helper = await st.as('proxy_helper');
  await loadRoster(st.core.ctx, () => [
    row(0, '张家村'),
    row(1, '张家村', [{ type: '390', status: '3', regionCode: '371002', since: '2020-01-01' }]),
    row(2, '张家村', [{ type: '390', status: '1', regionCode: '371002', since: '2020-01-01' }]),
    row(3, '李家庄'),
    row(4, '王家湾'),
  ]);
  const persons = st.core.ctx.db.prepare('SELECT id, address FROM persons ORDER BY address').all() as { id: string; address: string }[];
  for (const p of persons) ids[p.address.replace(/^青石镇/, '')] = p.id;
});
afterAll(() => st.cleanup());

const intake = (s: Session, personId: string, code = 'resident_enrollment') => intakeSample(st, s, code, personId, today(st.core.ctx.clock));

describe('a village trip', () => {
  it('is planned with villages, dates and members; a team member is always on their own trip', async () => {
    const candidates = await st.call(team, 'trips.candidates', {});
    const teamUser = candidates.find((c) => c.role === 'mobile_team')!;
    const v = await st.call(team, 'trips.create', {
      name: '张家村、李家庄送服务',
      villages: [
        { name: '张家村', regionCode: '371002' },
        { name: '李家庄', regionCode: null },
      ],
      startDate: '2026-11-23',
      endDate: '2026-11-25',
      memberIds: [candidates.find((c) => c.role === 'clerk')!.id],
    });
    expect(v.trip.state).toBe('planned');
    expect(v.trip.memberIds).toContain(teamUser.id);
    expect(v.members.map((m) => m.displayName).sort()).toEqual(['clerk用户', 'mobile_team用户']);
    ids.trip = v.trip.id;
  });

  it('refuses bad input naming the field, and roles the table does not name', async () => {
    const bad = await st.callRaw(team, 'trips.create', { name: 'x', villages: [{ name: '甲村', regionCode: null }], startDate: '2026-11-25', endDate: '2026-11-23', memberIds: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid_input');
    const dup = await st.callRaw(team, 'trips.create', {
      name: 'x',
      villages: [{ name: '甲村', regionCode: null }, { name: '甲村', regionCode: null }],
      startDate: '2026-11-23',
      endDate: '2026-11-23',
      memberIds: [(await st.call(team, 'trips.candidates', {}))[0]!.id],
    });
    expect(dup.ok || dup.error).toMatchObject({ code: 'invalid_input', field: 'villages.1.name' });
    const someone = (await st.call(team, 'trips.candidates', {}))[0]!.id;
    const byHelper = await st.callRaw(helper, 'trips.create', { name: 'x', villages: [{ name: '甲村', regionCode: null }], startDate: '2026-11-23', endDate: '2026-11-23', memberIds: [someone] });
    expect(byHelper.ok || byHelper.error.code).toBe('forbidden');
    expect((await st.call(team, 'trips.list', {})).map((t) => t.trip.id)).toEqual([ids.trip]);
  });

  it('checks what the laptop holds: the roster of each village, catalog, policy tables, calendar', async () => {
    const r = await st.call(team, 'trips.readiness', { tripId: ids.trip! });
    expect(r.villages).toEqual([
      { name: '张家村', regionCode: '371002', persons: 3 },
      { name: '李家庄', regionCode: null, persons: 1 },
    ]);
    const byKey = Object.fromEntries(r.items.map((i) => [i.key, i]));
    expect(byKey.roster!.ok).toBe(true);
    expect(byKey.catalog!.ok).toBe(true);
    expect(byKey.calendar!.ok).toBe(true);
    // Only the sample policy tables: the station's region has none until central publishes them.
    expect(byKey.policy!.ok).toBe(false);
    expect(byKey.policy!.detail).toContain('371002');
    expect(r.ready).toBe(false);
    expect(r.connected).toBe(false);
  });

  it('sets out: what its members take in belongs to it, and the team reaches only that', async () => {
    expect(await st.call(team, 'trips.current', {})).toBeNull();
    await st.call(team, 'trips.prepare', { tripId: ids.trip! });
    const started = await st.call(team, 'trips.start', { tripId: ids.trip! });
    expect(started.trip.state).toBe('active');
    expect((await st.call(team, 'trips.current', {}))?.trip.id).toBe(ids.trip);
    const again = await st.callRaw(team, 'trips.start', { tripId: ids.trip! });
    expect(again.ok || again.error.code).toBe('illegal_transition');

    ids.teamCase = (await intake(team, ids['张家村0号']!)).id;
    ids.clerkCase = (await intake(clerk, ids['李家庄3号']!)).id; // the clerk is a member: the trip's too
    const c = st.core.ctx.repos.trips.caseIds(ids.trip!);
    expect(c.sort()).toEqual([ids.teamCase, ids.clerkCase].sort());
    // The scope the access table calls \`trip\` (core/access.ts): the team reaches the clerk's case taken in on its trip …
    const ctx = st.core.ctx;
    const a = { user: team.user!, scope: 'trip' as const };
    const reaches = (caseId: string) => caseInReach(ctx, a, ctx.repos.cases.byId(caseId)!);
    expect(reaches(ids.clerkCase!)).toBe(true);
    expect(personInReach(ctx, a, ids['李家庄3号']!)).toBe(true);
    // … and a person of its villages (their visit history), but not a person elsewhere.
    expect(await st.call(team, 'visits.list', { personId: ids['张家村1号']! })).toEqual([]);
    const far = await st.callRaw(team, 'visits.list', { personId: ids['王家湾4号']! });
    expect(far.ok || far.error.code).toBe('forbidden');
    // A window case taken in by the supervisor (not on the trip) is out of the team's reach.
    const other = (await intake(sup, ids['王家湾4号']!)).id;
    expect(reaches(other)).toBe(false);
    // A clerk's scope is the station's.
    expect(caseInReach(ctx, { user: clerk.user!, scope: 'station' }, ctx.repos.cases.byId(other)!)).toBe(true);
  });

  it('records visits with what was brought and a complaint; a change is a new version; each goes to the outbox', async () => {
    const v = await st.call(team, 'visits.record', {
      personId: ids['张家村0号']!,
      household: '村民甲户',
      brought: ['policy', 'medicine', 'case'],
      caseIds: [ids.teamCase!],
      note: '讲解2027年度居民医保缴费政策',
      demands: [{ kind: 'complaint', text: '村卫生室慢病药品经常缺货', state: 'open', owner: '镇医保办' }],
    });
    expect(v.visit.tripId).toBe(ids.trip);
    expect(v.tripName).toBe('张家村、李家庄送服务');
    const d = v.visit.demands[0]!;
    const changed = await st.call(team, 'visits.record', {
      visitId: v.visit.id,
      version: 1,
      personId: ids['张家村0号']!,
      brought: ['policy', 'medicine', 'case'],
      caseIds: [ids.teamCase!],
      demands: [{ id: d.id, kind: 'complaint', text: d.text, state: 'in_progress', owner: '镇医保办', followUp: '已联系县医保局协调配送' }],
    });
    expect(changed.visit.version).toBe(2);
    expect(changed.visit.demands[0]).toMatchObject({ id: d.id, state: 'in_progress' });
    const stale = await st.callRaw(team, 'visits.record', { visitId: v.visit.id, version: 1, personId: ids['张家村0号']!, brought: [], demands: [] });
    expect(stale.ok || stale.error.code).toBe('conflict');
    const ops = st.core.ctx.db.prepare("SELECT payload FROM outbox WHERE kind = 'visit.recorded' ORDER BY seq").all() as { payload: string }[];
    expect(ops.map((o) => JSON.parse(o.payload).visit.version)).toEqual([1, 2]);
    expect(JSON.parse(ops[0]!.payload).person.name).toBe('村民甲');
    // The person's history shows it; a person out of reach is refused.
    expect((await st.call(team, 'visits.list', { personId: ids['张家村0号']! })).map((x) => x.visit.id)).toEqual([v.visit.id]);
    const far = await st.callRaw(team, 'visits.record', { personId: ids['王家湾4号']!, brought: ['policy'], demands: [] });
    expect(far.ok || far.error.code).toBe('forbidden');
    const otherCase = await st.callRaw(team, 'visits.record', { personId: ids['张家村1号']!, brought: ['case'], caseIds: [ids.teamCase!], demands: [] });
    expect(otherCase.ok || otherCase.error).toMatchObject({ code: 'invalid_input', field: 'caseIds.0' });
  });

  it('reports people seen, cases by item, feedback heard and what is open; then ends with a bundle', async () => {
    const r = await st.call(team, 'trips.report', { tripId: ids.trip! });
    expect(r.people.map((p) => [p.name, p.visits, p.cases])).toEqual([
      ['村民丁', 0, 1],
      ['村民甲', 1, 1],
    ]);
    expect(r.casesByItem).toEqual([expect.objectContaining({ itemCode: 'resident_enrollment', count: 2, byStatus: { accepted: 2 } })]);
    expect(r.demands).toEqual([expect.objectContaining({ kind: 'complaint', state: 'in_progress', personName: '村民甲' })]);
    expect(r.open).toEqual({ demands: 1, cases: 2, unsynced: 2 + 2 });
    const ended = await st.call(team, 'trips.end', { tripId: ids.trip!, endedWith: 'bundle' });
    expect(ended.trip).toMatchObject({ state: 'ended', endedWith: 'bundle' });
    expect(await st.call(team, 'trips.current', {})).toBeNull();
    const audit = st.core.ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'trip.%' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['trip.create', 'trip.prepare', 'trip.start', 'trip.report', 'trip.end']);
    // After the trip: new intakes no longer join it; its villages are no longer the team's.
    await intake(team, ids['张家村1号']!);
    expect(st.core.ctx.repos.trips.caseIds(ids.trip!)).toHaveLength(2);
    const after = await st.callRaw(team, 'visits.list', { personId: ids['张家村2号']! });
    expect(after.ok || after.error.code).toBe('forbidden');
  });

  it('a helper cannot read trips; another team member sees none of this trip', async () => {
    const h = await st.callRaw(helper, 'trips.get', { tripId: ids.trip! });
    expect(h.ok || h.error.code).toBe('forbidden');
  });
});
