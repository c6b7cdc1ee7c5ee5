import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { loadRoster } from '../persons/roster';
import { sampleFormOn, PROXY_SAMPLE } from '../../testing/seed';
import { materialsFor } from '../../../shared/cases/materials';
import { today } from '../../../shared/time';
import type { RosterRow } from '../../../shared/persons';

/**
 * The proactive lists over a station's own data (the rules themselves: shared/outreach/rules.test.ts), their
 * scopes (a trip's villages, a helper's own persons), and the helper's follow-up list (全程督办).
 */
let st: TestStation;
let clerk: Session;
let helper: Session;
let team: Session;
const P: Record<string, string> = {};

const person = (key: string, i: number, village: string, insurance: RosterRow['insurance']): RosterRow => ({
  idNumber: residentId(`196${i}-02-0${1 + i}`, 20 + i),
  name: `居民${key}`,
  phone: `1370000000${i}`,
  regionCode: '371002',
  address: `${village}${i}号`,
  insurance,
});

async function intake(s: Session, code: string, personId: string, opts: { proxy?: boolean; rongque?: boolean; form?: Record<string, unknown> } = {}) {
  const ctx = st.core.ctx;
  const item = ctx.catalog.get(code)!;
  const form = { ...sampleFormOn(item, today(ctx.clock)), ...opts.form };
  const needs = materialsFor(item, form, !!opts.proxy).filter((m) => m.needed);
  const received = needs.filter((m) => !(opts.rongque && m.material.deferrable)).map((m) => m.material.code);
  return st.call(s, 'cases.intake', {
    itemCode: code,
    personId,
    form,
    materialsReceived: received,
    ...(opts.proxy ? { proxy: PROXY_SAMPLE } : {}),
    ...(opts.rongque ? { promiseDate: ctx.calendar.addWorkingDays(today(ctx.clock), 2).date } : {}),
  });
}

const central = (caseId: string, status: string, note: string | null, at = '2026-11-20T10:00:00.000+08:00') => {
  const db = st.core.ctx.db;
  db.prepare('UPDATE cases SET status = ?, central_note = ?, central_version = 2 WHERE id = ?').run(status, note, caseId);
  if (status === 'approved' || status === 'completed') {
    db.prepare(
      `INSERT INTO case_events(id, case_id, at, actor_id, actor_name, actor_role, kind, from_status, to_status, reason, data)
       VALUES (?, ?, ?, NULL, '中心', 'central', 'approve', 'submitted', 'approved', NULL, '{}')`,
    ).run(st.core.ctx.newId(), caseId, at);
  }
};

beforeAll(async () => {
  st = await createTestStation(); // 2026-11-23 (the sample tables collect for 2027 from 1 Sep to 31 Dec 2026)
  clerk = await st.as('clerk');
  helper = await st.as('proxy_helper');
  team = await st.as('mobile_team');
  await loadRoster(st.core.ctx, () => [
    person('甲', 0, '东湖村', []),
    person('乙', 1, '东湖村', [{ type: '390', status: '2', regionCode: '371002', since: '2019-01-01' }]),
    person('丙', 2, '东湖村', [{ type: '390', status: '1', regionCode: '371002', since: '2019-01-01' }]),
    person('丁', 3, '西山村', []),
    person('戊', 4, '西山村', [{ type: '310', status: '3', regionCode: '371002', since: '2010-01-01' }]),
    person('己', 5, '南岭村', []),
  ]);
  for (const r of st.core.ctx.db.prepare('SELECT id, name FROM persons').all() as { id: string; name: string }[]) P[r.name.slice(2)] = r.id;
});
afterAll(() => st.cleanup());

describe('未参保/断保 for the next coverage year', () => {
  it('lists the uninsured and the lapsed, not the insured, nor those already taken in for that year', async () => {
    // 居民戊 enrolls for 2027 at the window: off the list.
    await intake(clerk, 'resident_enrollment', P['戊']!, { form: { enrollmentYear: 2027 } });
    const r = await st.call(clerk, 'outreach.list', { list: 'enrollment' });
    expect(r.target).toMatchObject({ year: 2027, phase: 'in', from: '2026-09-01', to: '2026-12-31', daysLeft: 38 });
    expect(r.rows.map((x) => [x.name, x.reason.slice(0, 3)])).toEqual([
      ['居民甲', '未参保'],
      ['居民乙', '断保：'],
      ['居民己', '未参保'],
      ['居民丁', '未参保'],
    ]);
    expect(r.rows[0]).toMatchObject({ itemCode: 'resident_enrollment', caseId: null, due: '2026-12-31' });
    const audit = st.core.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'outreach.read' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(audit.detail).persons).toHaveLength(4);
  });

  it('after the period the list works for the year after (across the year boundary)', async () => {
    st.clock.set('2027-01-04T09:00:00.000+08:00');
    const r = await st.call(clerk, 'outreach.list', { list: 'enrollment' });
    expect(r.target).toMatchObject({ year: 2028, phase: 'before', from: '2027-09-01' });
    // 居民戊's enrollment was for 2027: for 2028 they are on the list again (lapsed employee insurance).
    expect(r.rows.map((x) => x.name)).toContain('居民戊');
    st.clock.set('2026-11-23T09:00:00.000+08:00');
  });

  it("a trip's list is its villages'; a team reaches only its trips' lists", async () => {
    const members = await st.call(team, 'trips.candidates', {});
    const trip = await st.call(team, 'trips.create', {
      name: '东湖村走访',
      villages: [{ name: '东湖村', regionCode: '371002' }],
      startDate: '2026-11-23',
      endDate: '2026-11-23',
      memberIds: [members.find((m) => m.role === 'mobile_team')!.id],
    });
    const r = await st.call(team, 'outreach.list', { list: 'enrollment', tripId: trip.trip.id });
    expect(r.scope.tripName).toBe('东湖村走访');
    expect(r.rows.map((x) => x.name)).toEqual(['居民甲', '居民乙']);
    // Without a trip, a team still sees only the persons within its reach (its villages).
    expect((await st.call(team, 'outreach.list', { list: 'enrollment' })).rows.map((x) => x.name)).toEqual(['居民甲', '居民乙']);
    const byHelper = await st.callRaw(helper, 'outreach.list', { list: 'enrollment', tripId: trip.trip.id });
    expect(byHelper.ok || byHelper.error.code).toBe('forbidden');
  });
});

describe('the other lists', () => {
  it('LTC re-assessments due within 60 days, unless a re-assessment was taken in since', async () => {
    const ctx = st.core.ctx;
    const add = async (who: string, due: string) => {
      const c = (await intake(clerk, 'ltc_application', P[who]!)).case;
      ctx.repos.estimates.insert({
        id: ctx.newId(),
        caseId: c.id,
        kind: 'ltc_assessment',
        input: {},
        result: { assessmentDate: '2026-01-10', tables: [], scores: { adl: 40, cognition: 10, perception: 8 }, grades: { adl: 'severe', cognition: 'moderate', perception: 'mild' }, level: 3, levelName: { 'zh-CN': '重度失能Ⅰ级', en: 'Severe I' }, benefits: [], requestedCareMode: null, requestedModeAllowed: null, nearThreshold: false, nextAssessmentDue: due },
        steps: [],
        tables: [],
        sample: true,
        meta: {},
        computedAt: '2026-01-10T10:00:00.000+08:00',
        actorId: clerk.user!.id,
        actorName: 'clerk',
      } as never);
    };
    await add('甲', '2027-01-15'); // 53 days
    await add('乙', '2027-02-01'); // 70 days: not yet
    await add('丁', '2026-11-01'); // overdue
    const r = await st.call(clerk, 'outreach.list', { list: 'ltc_reassessment' });
    expect(r.rows.map((x) => [x.name, x.due, x.overdue])).toEqual([
      ['居民丁', '2026-11-01', true],
      ['居民甲', '2027-01-15', false],
    ]);
    expect(r.rows[0]!.itemCode).toBe('ltc_reassessment');
    await intake(clerk, 'ltc_reassessment', P['丁']!);
    expect((await st.call(clerk, 'outreach.list', { list: 'ltc_reassessment' })).rows.map((x) => x.name)).toEqual(['居民甲']);
  });

  it('chronic-disease certifications expiring, returned cases, 容缺 promises falling due', async () => {
    const cert = (await intake(clerk, 'chronic_disease_certification', P['丙']!)).case.id;
    central(cert, 'completed', null, '2025-01-10T10:00:00.000+08:00'); // 24 months: expires 2027-01-09, in 47 days
    const r1 = await st.call(clerk, 'outreach.list', { list: 'certification' });
    expect(r1.rows).toEqual([expect.objectContaining({ name: '居民丙', caseId: cert, due: '2027-01-09', itemCode: 'chronic_disease_certification' })]);

    const ret = (await intake(helper, 'outpatient_reimbursement', P['己']!, { proxy: true })).case.id;
    central(ret, 'returned', '发票金额与费用清单不一致，请补正');
    const r2 = await st.call(clerk, 'outreach.list', { list: 'returned' });
    expect(r2.rows).toEqual([expect.objectContaining({ caseId: ret, reason: '退回补正：发票金额与费用清单不一致，请补正' })]);

    const rq = (await intake(clerk, 'inpatient_reimbursement', P['乙']!, { rongque: true })).case;
    expect(rq.status).toBe('awaiting_materials');
    const r3 = await st.call(clerk, 'outreach.list', { list: 'promise' });
    expect(r3.rows).toEqual([expect.objectContaining({ caseId: rq.id, due: rq.promiseDate, overdue: false })]);
    // A helper's lists hold only their own persons.
    expect((await st.call(helper, 'outreach.list', { list: 'returned' })).rows.map((x) => x.caseId)).toEqual([ret]);
    expect((await st.call(helper, 'outreach.list', { list: 'promise' })).rows).toEqual([]);
  });
});

describe('全程督办: the helper’s own list', () => {
  it('shows next step, due date, central’s last word and the phones; returned and due-soon cases stand out first', async () => {
    const own = (await intake(helper, 'resident_enrollment', P['甲']!, { proxy: true })).case.id;
    const rows = await st.call(helper, 'outreach.followups', {});
    expect(rows.map((r) => r.caseId).sort()).toEqual([own, ...(await st.call(helper, 'outreach.list', { list: 'returned' })).rows.map((r) => r.caseId!)].sort());
    const first = rows[0]!;
    expect(first).toMatchObject({ status: 'returned', nextStep: 'correct', standsOut: true, personName: '居民己', personPhone: '13700000005', central: { note: '发票金额与费用清单不一致，请补正' } });
    expect(first.helpers).toEqual(['proxy_helper用户']);
    expect(first.proxyName).toBe(PROXY_SAMPLE.name);
    const enrol = rows.find((r) => r.caseId === own)!;
    expect(enrol).toMatchObject({ nextStep: 'await_upload', due: today(st.core.ctx.clock), workingDaysLeft: 0, standsOut: true });
    // The clerk follows the station's cases; a team (trip scope) only its own.
    expect((await st.call(clerk, 'outreach.followups', {})).length).toBeGreaterThan(rows.length);
  });
});
