import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import { intakeSample } from '../../testing/intake';
import type { Session } from '../../session';
import { loadRoster } from '../persons/roster';
import { syntheticRoster } from '../../testing/generate';
import { today } from '../../../shared/time';
import { FRONT_SINCE } from '../../../shared/sync/front';
import { dayFigures, queueDayFigures } from './tickets';

/**
 * The waiting line through the router: tickets from the kiosk (its narrow credential) and the clerk, the order of
 * calls (green lane, appointments at their slot, transfers), recall, skip, the cases taken in during a call
 * (一窗通办), the public board's masked names, and the refusals (wrong role, bad input naming the field, nothing
 * changed). Day: Monday 2026-11-23.
 */
let st: TestStation;
let sup: Session;
let clerk: Session;
let helper: Session;
let kiosk: Session;
let personId: string;

const count = (sql: string) => (st.core.ctx.db.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  st = await createTestStation();
  sup = await st.as('supervisor');
  clerk = await st.as('clerk');
  helper = await st.as('proxy_helper');
  kiosk = await st.device('kiosk');
  await loadRoster(st.core.ctx, syntheticRoster(5));
  personId = (st.core.ctx.db.prepare('SELECT id FROM persons ORDER BY rowid LIMIT 1').get() as { id: string }).id;
  st.clock.set('2026-11-23T08:30:00.000+08:00');
});
afterAll(() => st.cleanup());

describe('tickets: taking, calling, ending', () => {
  it('the kiosk takes tickets: numbered per category, 70+ from the ID number, waiting ahead counted; nothing personal comes back', async () => {
    const a1 = await st.call(kiosk, 'tickets.issue', { category: 'enrollment' });
    expect(a1).toMatchObject({ number: 'A001', categoryName: '参保登记', priority: null, waitingAhead: 0, stationName: '青石镇便民服务中心医保窗口' });
    st.clock.advance(60_000);
    const b1 = await st.call(kiosk, 'tickets.issue', { category: 'reimbursement' });
    expect(b1.number).toBe('B001');
    st.clock.advance(60_000);
    const a2 = await st.call(kiosk, 'tickets.issue', { category: 'enrollment' });
    expect(a2).toMatchObject({ number: 'A002', waitingAhead: 1 });
    st.clock.advance(60_000);
    // An elderly person's card at the kiosk: the green lane by itself, ahead of the normal line.
    const old = await st.call(kiosk, 'tickets.issue', { category: 'enrollment', idNumber: residentId('1950-03-01', 11) });
    expect(old).toMatchObject({ number: 'A003', priority: 'age70', waitingAhead: 0 });
    expect(Object.keys(old).sort()).toEqual(['category', 'categoryName', 'id', 'issuedAt', 'number', 'priority', 'slot', 'stationName', 'waitingAhead', 'waitingAhead'].filter((k, i, a) => a.indexOf(k) === i).sort());
    // The ID number is not stored anywhere.
    expect(count(`SELECT count(*) AS n FROM tickets WHERE name LIKE '%${residentId('1950-03-01', 11)}%'`)).toBe(0);
    // The clerk issues a walk-in with a declared reason and a name.
    st.clock.advance(60_000);
    const walkIn = await st.call(clerk, 'tickets.issue', { category: 'reimbursement', priority: 'pregnant', name: '张三兰' });
    expect(walkIn).toMatchObject({ number: 'B002', priority: 'pregnant', waitingAhead: 0 });
    const audit = st.core.ctx.db.prepare("SELECT actor_name, detail FROM audit_log WHERE action = 'ticket.issue' ORDER BY id").all() as { actor_name: string; detail: string }[];
    expect(audit).toHaveLength(5);
    expect(audit[0]!.actor_name).toBe('kiosk-hall');
    expect(audit.every((r) => !r.detail.includes('1950'))).toBe(true);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = count('SELECT count(*) AS n FROM tickets');
    expect(await st.refusal(kiosk, 'tickets.issue', { category: 'nope' })).toMatchObject({ code: 'invalid_input', field: 'category' });
    expect(await st.refusal(kiosk, 'tickets.issue', { category: 'enrollment', idNumber: '110105194912310021' })).toMatchObject({ code: 'invalid_input', field: 'idNumber' });
    expect(await st.refusal(clerk, 'tickets.issue', { category: 'enrollment', priority: 'vip' })).toMatchObject({ code: 'invalid_input', field: 'priority' });
    expect(count('SELECT count(*) AS n FROM tickets')).toBe(before);
  });

  it('the kiosk and the display reach the board; a helper and the kiosk cannot call', async () => {
    const board = await st.call(kiosk, 'tickets.board', {});
    expect(board.categories.map((c) => [c.letter, c.waiting])).toEqual([
      ['A', 3],
      ['B', 2],
      ['C', 0],
      ['D', 0],
    ]);
    expect(await st.refusal(kiosk, 'tickets.call', { windowNo: 1 })).toMatchObject({ code: 'forbidden' });
    expect(await st.refusal(helper, 'tickets.call', { windowNo: 1 })).toMatchObject({ code: 'forbidden' });
    expect(await st.refusal(helper, 'tickets.issue', { category: 'enrollment' })).toMatchObject({ code: 'forbidden' });
  });

  it('F2 calls by the line: green lane first (across the window’s categories), then by issue time; the board shows a masked name', async () => {
    st.clock.set('2026-11-23T09:00:00.000+08:00');
    let w = await st.call(clerk, 'tickets.call', { windowNo: 1 });
    expect(w.serving?.number).toBe('A003');
    expect(w.announcement).toBe('请 A003 号 到 1 号窗口 办理');
    expect(w.next.map((n) => n.number)).toEqual(['B002', 'A001', 'B001', 'A002']);
    st.clock.advance(120_000);
    // F2 again: A003 ends as served, the next comes.
    w = await st.call(clerk, 'tickets.call', { windowNo: 1 });
    expect(w.serving?.number).toBe('B002');
    expect(w.serving?.name).toBe('张三兰');
    const board = await st.call(kiosk, 'tickets.board', {});
    expect(board.calls[0]).toMatchObject({ number: 'B002', windowNo: 1, maskedName: '张*兰', text: '请 B002 号 到 1 号窗口 办理' });
    expect(JSON.stringify(board)).not.toContain('张三兰');
    expect(board.windows.find((x) => x.no === 1)?.current).toBe('B002');
  });

  it('F3 recall keeps the ticket and moves its call time (the display announces again); F4 skip ends it as 过号', async () => {
    const before = (await st.call(kiosk, 'tickets.board', {})).calls[0]!;
    st.clock.advance(30_000);
    const w = await st.call(clerk, 'tickets.recall', { windowNo: 1 });
    expect(w.serving).toMatchObject({ number: 'B002', recalls: 1 });
    const after = (await st.call(kiosk, 'tickets.board', {})).calls[0]!;
    expect(after.id).toBe(before.id);
    expect(after.at > before.at).toBe(true);
    const skipped = await st.call(clerk, 'tickets.skip', { windowNo: 1 });
    expect(skipped.serving).toBeNull();
    expect((st.core.ctx.db.prepare("SELECT status FROM tickets WHERE number = 'B002'").get() as { status: string }).status).toBe('skipped');
    // Nothing to recall or skip now.
    expect(await st.refusal(clerk, 'tickets.recall', { windowNo: 1 })).toMatchObject({ code: 'conflict', field: 'windowNo' });
  });

  it('a case taken in while a ticket is served is linked to it (一窗通办), and the served ticket asks its window for a rating', async () => {
    const w = await st.call(clerk, 'tickets.call', { windowNo: 1 });
    expect(w.serving?.number).toBe('A001');
    st.clock.advance(60_000);
    const ctx = st.core.ctx;
    const c = await intakeSample(st, clerk, 'resident_enrollment', personId, today(ctx.clock));
    const during = await st.call(clerk, 'tickets.window', { windowNo: 1 });
    expect(during.serving?.caseNos).toEqual([c.caseNo]);
    st.clock.advance(60_000);
    const done = await st.call(clerk, 'tickets.finish', { windowNo: 1 });
    expect(done.serving).toBeNull();
    expect(ctx.db.prepare('SELECT case_id FROM ticket_cases').all()).toEqual([{ case_id: c.id }]);
    expect(ctx.repos.front.prompt(1)).toMatchObject({ subject: 'ticket', windowNo: 1 });
    const list = await st.call(clerk, 'tickets.list', {});
    expect(list.tickets.find((t) => t.number === 'A001')).toMatchObject({ status: 'served', caseNos: [c.caseNo] });
  });

  it('F5 transfers to the head of another window’s line; no other window calls it', async () => {
    // Window 2 serves care only.
    const hall = await st.call(sup, 'tickets.hall', {});
    await st.call(sup, 'tickets.saveHall', {
      categories: hall.categories,
      windows: [
        { no: 1, name: '1号窗口', categories: ['enrollment', 'reimbursement', 'consult'], active: true },
        { no: 2, name: '2号窗口', categories: ['care'], active: true },
      ],
    });
    const w = await st.call(clerk, 'tickets.call', { windowNo: 1 });
    expect(w.serving?.number).toBe('B001');
    expect(await st.refusal(clerk, 'tickets.transfer', { windowNo: 1, toWindow: 1 })).toMatchObject({ field: 'toWindow' });
    expect(await st.refusal(clerk, 'tickets.transfer', { windowNo: 1, toWindow: 9 })).toMatchObject({ field: 'toWindow' });
    await st.call(kiosk, 'tickets.issue', { category: 'care' });
    const after = await st.call(clerk, 'tickets.transfer', { windowNo: 1, toWindow: 2 });
    expect(after.serving).toBeNull();
    expect(after.next.map((n) => n.number)).toEqual(['A002']);
    const two = await st.call(sup, 'tickets.window', { windowNo: 2 });
    expect(two.next.map((n) => [n.number, n.lineClass])).toEqual([
      ['B001', 'transfer'],
      ['C001', 'normal'],
    ]);
    const called = await st.call(sup, 'tickets.call', { windowNo: 2 });
    expect(called.serving).toMatchObject({ number: 'B001', transferredFrom: 1 });
    expect(st.core.ctx.db.prepare("SELECT c.window_no, c.outcome, c.transfer_to FROM ticket_calls c JOIN tickets t ON t.id = c.ticket_id WHERE t.number = 'B001' ORDER BY c.called_at").all()).toEqual([
      { window_no: 1, outcome: 'transferred', transfer_to: 2 },
      { window_no: 2, outcome: null, transfer_to: null },
    ]);
  });

  it('an appointment checked in at the kiosk heads its category at its slot', async () => {
    await st.call(kiosk, 'tickets.issue', { category: 'enrollment' }); // A004, normal
    const booked = await st.call(clerk, 'tickets.book', {
      day: '2026-11-23',
      slotStart: '10:00',
      slotEnd: '10:30',
      category: 'enrollment',
      name: '李四',
      idNumber: residentId('1980-01-01', 21),
    });
    expect(booked).toMatchObject({ status: 'booked', idNumberMasked: expect.stringMatching(/\*/) });
    expect(booked.code).toMatch(/^\d{6}$/);
    expect(await st.refusal(kiosk, 'tickets.checkIn', { code: '12345' })).toMatchObject({ field: 'code' });
    expect(await st.refusal(kiosk, 'tickets.checkIn', { idNumber: residentId('1980-01-02', 21) })).toMatchObject({ code: 'not_found' });
    const t = await st.call(kiosk, 'tickets.checkIn', { idNumber: residentId('1980-01-01', 21) });
    expect(t).toMatchObject({ number: 'A005', slot: '10:00–10:30' });
    // Before 10:00 it waits by check-in time; from 10:00 it is called first.
    let w = await st.call(clerk, 'tickets.window', { windowNo: 1 });
    expect(w.next.map((n) => n.number)).toEqual(['A002', 'A004', 'A005']);
    st.clock.set('2026-11-23T10:00:00.000+08:00');
    w = await st.call(clerk, 'tickets.window', { windowNo: 1 });
    expect(w.next.map((n) => [n.number, n.lineClass])[0]).toEqual(['A005', 'appointment']);
    expect((await st.call(clerk, 'tickets.appointments', { day: '2026-11-23' }))[0]).toMatchObject({ status: 'checked_in', ticketNumber: 'A005' });
    // Checked in once only.
    expect(await st.refusal(kiosk, 'tickets.checkIn', { code: booked.code })).toMatchObject({ code: 'not_found' });
  });

  it('the supervisor’s hall configuration is checked as a whole', async () => {
    const hall = await st.call(sup, 'tickets.hall', {});
    const bad = { categories: hall.categories.map((c, i) => (i === 1 ? { ...c, letter: 'A' } : c)), windows: hall.windows };
    expect(await st.refusal(sup, 'tickets.saveHall', bad)).toMatchObject({ code: 'invalid_input', field: 'categories.1.letter' });
    expect(await st.refusal(clerk, 'tickets.saveHall', hall)).toMatchObject({ code: 'forbidden' });
    // A window serving a ticket cannot be closed.
    expect(await st.refusal(sup, 'tickets.saveHall', { categories: hall.categories, windows: hall.windows.map((w) => (w.no === 2 ? { ...w, active: false } : { ...w, categories: hall.categories.map((c) => c.code) })) })).toMatchObject({
      code: 'conflict',
      field: 'windows',
    });
  });
});

describe('the day’s figures for central', () => {
  it('are counts and times per category and window, no names; written as an op only to a central that takes front.* ops', async () => {
    st.clock.set('2026-11-24T08:00:00.000+08:00');
    const t = await st.call(kiosk, 'tickets.issue', { category: 'enrollment' });
    expect(t.number).toBe('A001'); // the line resets daily
    const p = dayFigures(st.core.ctx, '2026-11-23', 1);
    expect(p.day).toBe('2026-11-23');
    expect(p.categories.find((c) => c.code === 'reimbursement')).toMatchObject({ issued: 2, served: 0, skipped: 1 });
    expect(p.categories.find((c) => c.code === 'enrollment')).toMatchObject({ issued: 5, served: 2, priority: 1, appointments: 1 });
    expect(p.windows.map((w) => w.windowNo)).toEqual([1, 2]);
    expect(p.waitMedianSec).toBeGreaterThan(0);
    expect(JSON.stringify(p)).not.toContain('张');
    // This station's central speaks 1.2 at most: no front.* op may hold its outbox back.
    expect(st.core.ctx.protocolMinor()).toBeLessThan(FRONT_SINCE);
    expect(queueDayFigures(st.core.ctx, '2026-11-23')).toBe(false);
    expect(st.core.ctx.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind LIKE 'front.%'").get()).toEqual({ n: 0 });
  });
});
