import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { loadRoster } from '../persons/roster';
import { syntheticRoster } from '../../testing/generate';
import { sampleFormOn, PROXY_SAMPLE } from '../../testing/seed';
import { materialsFor } from '../../../shared/cases/materials';
import { today } from '../../../shared/time';
import type { ChannelInput } from '../../../shared/api/contract';

/**
 * A small, hand-built queue: every expectation below is counted from the cases this file creates.
 */
let st: TestStation;
let clerk: Session;
let other: Session;
let helper: Session;
const ids: Record<string, string> = {};

async function intake(s: Session, code: string, personId: string, opts: { proxy?: boolean; rongque?: boolean } = {}) {
  const ctx = st.core.ctx;
  const item = ctx.catalog.get(code)!;
  const form = sampleFormOn(item, today(ctx.clock));
  const needs = materialsFor(item, form, !!opts.proxy).filter((m) => m.needed);
  const received = needs.filter((m) => !(opts.rongque && m.material.deferrable)).map((m) => m.material.code);
  return st.call(s, 'cases.intake', {
    itemCode: code,
    personId,
    form,
    materialsReceived: received,
    ...(opts.proxy ? { proxy: PROXY_SAMPLE } : {}),
    ...(opts.rongque ? { promiseDate: ctx.calendar.addWorkingDays(today(ctx.clock), 3).date } : {}),
  });
}

beforeAll(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  helper = await st.as('proxy_helper');
  other = await st.as('mobile_team');
  await loadRoster(st.core.ctx, syntheticRoster(50));
  const persons = st.core.ctx.db.prepare('SELECT id, name, name_initials AS ini FROM persons ORDER BY rowid').all() as { id: string; name: string; ini: string }[];
  const p = (i: number) => persons[i]!.id;
  // Day 1 (Mon 2026-11-02): an outpatient claim, due 10 working days later (16 Nov) → overdue by 23 Nov.
  st.clock.set('2026-11-02T09:00:00.000+08:00');
  ids.old = (await intake(clerk, 'outpatient_reimbursement', p(0))).case.id;
  // Day 2 (Mon 2026-11-23): four more.
  st.clock.set('2026-11-23T09:00:00.000+08:00');
  ids.enroll = (await intake(clerk, 'resident_enrollment', p(1))).case.id; // due today
  ids.transfer = (await intake(other, 'transfer_continuation', p(2))).case.id; // due 14 Dec
  ids.rongque = (await intake(clerk, 'inpatient_reimbursement', p(3), { rongque: true })).case.id; // promise 26 Nov
  ids.ltc = (await intake(helper, 'ltc_application', p(4), { proxy: true })).case.id; // 30 working days
  ids.draft = (await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId: p(5), form: {} })).case.id;
  ids.persons = JSON.stringify(persons.slice(0, 6));
});
afterAll(() => st.cleanup());

type Filter = ChannelInput<'queue.list'>['filter'];
const list = async (filter: Filter, offset = 0, limit = 50) =>
  st.call(clerk, 'queue.list', { filter, page: { offset, limit } });

describe('work queue', () => {
  it('sorts by due date with drafts last, and reports working days left and overdue', async () => {
    const r = await list({});
    expect(r.total).toBe(6);
    expect(r.rows.map((x) => x.id)).toEqual([ids.old, ids.enroll, ids.rongque, ids.transfer, ids.ltc, ids.draft]);
    const old = r.rows[0]!;
    expect(old.slaDue).toBe('2026-11-16');
    expect(old.overdue).toBe(true);
    expect(old.workingDaysLeft).toBe(-5); // 17, 18, 19, 20, 23 Nov
    expect(r.rows[1]!.workingDaysLeft).toBe(0);
    expect(r.rows[1]!.overdue).toBe(false);
    expect(r.rows[5]!.slaDue).toBeNull();
    expect(r.rows.find((x) => x.id === ids.ltc)!.clerkName).toBe(helper.user!.displayName);
  });

  it('filters by status, family, item, clerk, proxy and overdue', async () => {
    const idsOf = async (f: Filter) => (await list(f)).rows.map((x) => x.id);
    expect(await idsOf({ statuses: ['awaiting_materials'] })).toEqual([ids.rongque]);
    expect(await idsOf({ statuses: ['draft', 'awaiting_materials'] })).toEqual([ids.rongque, ids.draft]);
    expect(await idsOf({ family: 'care' })).toEqual([ids.ltc]);
    expect(await idsOf({ itemCode: 'transfer_continuation' })).toEqual([ids.transfer]);
    expect(await idsOf({ clerkId: helper.user!.id })).toEqual([ids.ltc]);
    expect(await idsOf({ proxyOnly: true })).toEqual([ids.ltc]);
    expect(await idsOf({ overdue: true })).toEqual([ids.old]);
    expect(await idsOf({ family: 'reimbursement', statuses: ['accepted'] })).toEqual([ids.old]);
  });

  it('pages with a stable order and a total', async () => {
    const a = await list({}, 0, 4);
    const b = await list({}, 4, 4);
    expect(a.total).toBe(6);
    expect([...a.rows, ...b.rows].map((x) => x.id)).toEqual((await list({})).rows.map((x) => x.id));
    expect(b.rows).toHaveLength(2);
  });

  it('one search box: case number prefix, name, pinyin initials, ID number', async () => {
    const persons = JSON.parse(ids.persons!) as { id: string; name: string; ini: string }[];
    const all = (await list({})).rows;
    const ltc = all.find((r) => r.id === ids.ltc)!;
    const byQ = async (q: string) => (await list({ q })).rows.map((x) => x.id);
    expect(await byQ(ltc.caseNo)).toEqual([ids.ltc]);
    expect(await byQ(ltc.caseNo.toLowerCase())).toEqual([ids.ltc]);
    expect((await byQ('TOWN01-20261102')).sort()).toEqual([ids.old]);
    expect(await byQ(persons[4]!.name)).toContain(ids.ltc);
    expect(await byQ(persons[4]!.ini)).toContain(ids.ltc);
    expect(await byQ(ltc.personIdNumber.slice(0, 14))).toContain(ids.ltc);
    expect(await byQ('zzzzzz')).toEqual([]);
  });

  it('counts by status, overdue and pending sync', async () => {
    const c = await st.call(clerk, 'queue.counts', {});
    expect(c.byStatus).toMatchObject({ accepted: 4, awaiting_materials: 1, draft: 1, withdrawn: 0 });
    expect(c.overdue).toBe(1);
    expect(c.pendingSync).toBe(st.core.ctx.repos.outbox.pendingCount());
    expect(c.pendingSync).toBeGreaterThanOrEqual(11); // 5 intakes × 2 ops + 1 draft
    expect(c.pendingCases).toBe(6);
  });

  it('totals follow new cases at once (counts are cached only until the next write)', async () => {
    const before = await list({ family: 'enrollment' });
    const countsBefore = await st.call(clerk, 'queue.counts', {});
    const persons = JSON.parse(ids.persons!) as { id: string }[];
    const extra = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId: persons[5]!.id, form: {} });
    expect((await list({ family: 'enrollment' })).total).toBe(before.total + 1);
    expect((await st.call(clerk, 'queue.counts', {})).byStatus.draft).toBe(countsBefore.byStatus.draft + 1);
    await st.call(clerk, 'cases.withdraw', { caseId: extra.case.id, version: 1, reason: '测试用草稿' });
    expect((await st.call(clerk, 'queue.counts', {})).byStatus).toMatchObject({ draft: countsBefore.byStatus.draft, withdrawn: countsBefore.byStatus.withdrawn + 1 });
  });
});
