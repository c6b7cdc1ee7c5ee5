import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { FRONT_SINCE } from '../../../shared/sync/front';
import { CENTRAL_MINOR_KEY } from '../../context';

/**
 * 好差评 through the router: only the citizen-facing display of the window rates (the clerk's own session is
 * refused), one rating per service, reasons for the bottom two; a bad rating opens a follow-up due 1 and 15
 * working days later on the calendar (here across the National Day holiday), worked step by step by the supervisor;
 * each step of a follow-up is a new version.
 */
let st: TestStation;
let sup: Session;
let clerk: Session;
let kiosk: Session;
let display1: Session;
let hallDisplay: Session;

async function serveOne(): Promise<string> {
  const t = await st.call(kiosk, 'tickets.issue', { category: 'consult' });
  await st.call(clerk, 'tickets.call', { windowNo: 1 });
  st.clock.advance(120_000);
  await st.call(clerk, 'tickets.finish', { windowNo: 1 });
  return t.number;
}

const ops = (kind: string) => (st.core.ctx.db.prepare('SELECT payload FROM outbox WHERE kind = ? ORDER BY seq').all(kind) as { payload: string }[]).map((r) => JSON.parse(r.payload));

beforeAll(async () => {
  st = await createTestStation();
  sup = await st.as('supervisor');
  clerk = await st.as('clerk');
  kiosk = await st.device('kiosk');
  display1 = await st.device('display', 1);
  hallDisplay = await st.device('display');
  // Wednesday 30 Sep 2026, the eve of the National Day holiday (1–7 Oct; 10 Oct is a make-up working Saturday).
  st.clock.set('2026-09-30T15:00:00.000+08:00');
});
afterAll(() => st.cleanup());

describe('ratings', () => {
  it('nothing to rate before a service ends; the served ticket is shown to its window’s display only', async () => {
    expect(await st.call(display1, 'ratings.prompt', {})).toEqual({ prompt: null });
    const number = await serveOne();
    const { prompt } = await st.call(display1, 'ratings.prompt', {});
    expect(prompt).toMatchObject({ subject: 'ticket', label: number, windowNo: 1 });
    expect(await st.call(hallDisplay, 'ratings.prompt', {})).toEqual({ prompt: null });
  });

  it('the clerk cannot rate their own service, nor can the kiosk or the supervisor', async () => {
    for (const s of [clerk, kiosk, sup]) {
      expect(await st.refusal(s, 'ratings.submit', { level: 5 })).toMatchObject({ code: 'forbidden' });
    }
    expect(st.core.ctx.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });

  it('a bad rating needs reasons (the field is named) and nothing is written without them', async () => {
    expect(await st.refusal(display1, 'ratings.submit', { level: 2 })).toMatchObject({ code: 'invalid_input', field: 'reasons' });
    expect(await st.refusal(display1, 'ratings.submit', { level: 1, reasons: ['other'], comment: '' })).toMatchObject({ field: 'comment' });
    expect(await st.refusal(display1, 'ratings.submit', { level: 6 })).toMatchObject({ code: 'invalid_input', field: 'level' });
    expect(st.core.ctx.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });

  it('一次一评: the bad rating opens a follow-up due on the calendar; a second rating of the same service is refused', async () => {
    const r = await st.call(display1, 'ratings.submit', { level: 1, reasons: ['attitude', 'efficiency'], comment: '等了很久', rater: 'proxy' });
    expect(r.followUp).toBe(true);
    expect(await st.call(display1, 'ratings.prompt', {})).toEqual({ prompt: null });
    expect(await st.refusal(display1, 'ratings.submit', { level: 5 })).toMatchObject({ code: 'not_found' });
    const [f] = await st.call(sup, 'ratings.followUps', { status: 'open' });
    expect(f).toMatchObject({ status: 'open', openedOn: '2026-09-30', visitDue: '2026-10-08', rectifyDue: '2026-10-27', overdue: false, estimatedYears: [] });
    expect(f!.rating).toMatchObject({ level: 1, reasons: ['attitude', 'efficiency'], comment: '等了很久', rater: 'proxy', windowNo: 1, clerkName: 'clerk用户' });
    // Not to the outbox while central does not take front.* ops (they would hold the cases' ops back).
    expect(ops('front.rating')).toHaveLength(0);
    expect(st.core.ctx.repos.front.followUpById(f!.id)).toMatchObject({ status: 'open', visitDue: '2026-10-08', version: 1 });
    const audit = st.core.ctx.db.prepare("SELECT actor_name FROM audit_log WHERE action = 'rating.give'").all();
    expect(audit).toEqual([{ actor_name: 'display-1' }]);
  });

  it('the supervisor records 回访 then 整改 (in that order); overdue is flagged past its day; each step is an op', async () => {
    const [f] = await st.call(sup, 'ratings.followUps', { status: 'open' });
    expect(await st.refusal(sup, 'ratings.rectify', { followUpId: f!.id, note: '已整改' })).toMatchObject({ code: 'conflict' });
    expect(await st.refusal(sup, 'ratings.visit', { followUpId: f!.id, note: '  ' })).toMatchObject({ code: 'invalid_input', field: 'note' });
    expect(await st.refusal(clerk, 'ratings.visit', { followUpId: f!.id, note: '电话回访' })).toMatchObject({ code: 'forbidden' });
    // 9 Oct: the visit (due 8 Oct) is overdue.
    st.clock.set('2026-10-09T09:00:00.000+08:00');
    expect((await st.call(sup, 'ratings.followUps', { status: 'open' }))[0]).toMatchObject({ overdue: true, visitOverdue: true });
    const visited = await st.call(sup, 'ratings.visit', { followUpId: f!.id, note: '电话回访，已致歉并说明办理流程' });
    expect(visited).toMatchObject({ status: 'visited', overdue: false, late: true, visitByName: '张站长' });
    const appealed = await st.call(sup, 'ratings.appeal', { followUpId: f!.id, text: '群众申诉：认为等候时间过长' });
    expect(appealed.appealText).toBe('群众申诉：认为等候时间过长');
    const decided = await st.call(sup, 'ratings.decideAppeal', { followUpId: f!.id, outcome: 'dismissed', note: '经核实，当日系统故障' });
    expect(decided.appealOutcome).toBe('dismissed');
    expect(await st.refusal(sup, 'ratings.decideAppeal', { followUpId: f!.id, outcome: 'upheld', note: 'x' })).toMatchObject({ code: 'conflict' });
    const closed = await st.call(sup, 'ratings.rectify', { followUpId: f!.id, note: '增设引导员，高峰期增开窗口' });
    expect(closed).toMatchObject({ status: 'closed', rectifyByName: '张站长', late: true });
    expect(await st.call(sup, 'ratings.followUps', { status: 'open' })).toEqual([]);
    expect((await st.call(sup, 'ratings.followUps', { status: 'all' })).map((x) => x.status)).toEqual(['closed']);
    // Every step is a new version (what a front.followup op carries to central).
    expect(st.core.ctx.repos.front.followUpById(f!.id)).toMatchObject({ status: 'closed', version: 5 });
    expect(ops('front.followup')).toHaveLength(0);
  });

  it('a good rating opens nothing; a hand-out can be rated on request, once', async () => {
    await serveOne();
    expect(await st.call(display1, 'ratings.submit', { level: 4 })).toMatchObject({ followUp: false });
    expect(await st.refusal(display1, 'ratings.submit', { level: 4, reasons: ['policy'] })).toMatchObject({ code: 'not_found' });
    expect(await st.refusal(clerk, 'ratings.request', { windowNo: 1, caseId: '01890a5d-ac96-774b-bcce-b302099a8057' })).toMatchObject({ code: 'not_found', field: 'caseId' });
    const list = await st.call(sup, 'ratings.list', { from: '2026-09-01', to: '2026-10-31' });
    expect(list.map((r) => r.level)).toEqual([4, 1]);
  });
});

describe('to a central that takes front.* ops (protocol 1.3)', () => {
  it('the rating and its follow-up go to the outbox in the same transaction; every follow-up step as a new version', async () => {
    st.core.ctx.repos.syncMeta.set(CENTRAL_MINOR_KEY, String(FRONT_SINCE));
    await serveOne();
    const r = await st.call(display1, 'ratings.submit', { level: 2, reasons: ['policy'] });
    expect(ops('front.rating').at(-1).rating).toMatchObject({ id: r.ratingId, level: 2, reasons: ['policy'], version: 1, windowNo: 1 });
    const [f] = await st.call(sup, 'ratings.followUps', { status: 'open' });
    await st.call(sup, 'ratings.visit', { followUpId: f!.id, note: '已回访' });
    expect(ops('front.followup').map((o) => [o.followUp.status, o.followUp.version])).toEqual([
      ['open', 1],
      ['visited', 2],
    ]);
    // The first ticket of this day sent the figures of the last day with tickets (30 Sep) as well.
    expect(ops('front.day').map((o) => o.day)).toEqual(['2026-09-30']);
    expect(st.core.ctx.db.prepare("SELECT DISTINCT case_id, base_version FROM outbox WHERE kind LIKE 'front.%'").all()).toEqual([{ case_id: null, base_version: null }]);
  });
});
