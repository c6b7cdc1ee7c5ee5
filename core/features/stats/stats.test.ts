import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestStation, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { loadRoster } from '../persons/roster';
import { syntheticRoster } from '../../testing/generate';
import { sampleFormOn } from '../../testing/seed';
import { materialsFor } from '../../../shared/cases/materials';
import { today } from '../../../shared/time';

/**
 * The station's figures (issue 15, point 5), counted by hand from what this file does on Monday 2026-11-23:
 * three tickets (one green lane), two served, waits of 10 and 20 minutes, services of 5 and 3 minutes at windows
 * 1 and 2; two cases taken in (one under 容缺, promise due this week); one rating 非常满意 and one 不满意 with its open
 * follow-up. The 日报 and 月报 come out as .xlsx workbooks that exceljs reads back.
 */
let st: TestStation;
let sup: Session;
let clerk: Session;
let kiosk: Session;
let display1: Session;
let display2: Session;
let personIds: string[];

async function intake(code: string, personId: string, rongque = false) {
  const ctx = st.core.ctx;
  const item = ctx.catalog.get(code)!;
  const form = sampleFormOn(item, today(ctx.clock));
  const needs = materialsFor(item, form, false).filter((m) => m.needed);
  const received = needs.filter((m) => !(rongque && m.material.deferrable)).map((m) => m.material.code);
  return st.call(clerk, 'cases.intake', {
    itemCode: code,
    personId,
    form,
    materialsReceived: received,
    ...(rongque ? { promiseDate: ctx.calendar.addWorkingDays(today(ctx.clock), 3).date } : {}),
  });
}

const at = (hhmm: string) => st.clock.set(`2026-11-23T${hhmm}:00.000+08:00`);

beforeAll(async () => {
  st = await createTestStation();
  sup = await st.as('supervisor');
  clerk = await st.as('clerk');
  kiosk = await st.device('kiosk', null);
  display1 = await st.device('display', 1);
  display2 = await st.device('display', 2);
  await loadRoster(st.core.ctx, syntheticRoster(5));
  personIds = (st.core.ctx.db.prepare('SELECT id FROM persons ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);

  at('09:00');
  await st.call(kiosk, 'tickets.issue', { category: 'enrollment' }); // A001
  await st.call(kiosk, 'tickets.issue', { category: 'reimbursement' }); // B001
  await st.call(kiosk, 'tickets.issue', { category: 'enrollment', priority: 'disability' }); // A002
  at('09:10');
  await st.call(clerk, 'tickets.call', { windowNo: 1 }); // A002 (green lane) waited 10 min
  await intake('resident_enrollment', personIds[0]!);
  at('09:15');
  await st.call(clerk, 'tickets.finish', { windowNo: 1 }); // served in 5 min
  await st.call(display1, 'ratings.submit', { level: 5 });
  at('09:20');
  await st.call(sup, 'tickets.call', { windowNo: 2 }); // A001 waited 20 min
  await intake('inpatient_reimbursement', personIds[1]!, true);
  at('09:23');
  await st.call(sup, 'tickets.finish', { windowNo: 2 }); // served in 3 min
  await st.call(display2, 'ratings.submit', { level: 2, reasons: ['efficiency'] });
  at('10:00');
});
afterAll(() => st.cleanup());

describe('the day in figures', () => {
  it('counts tickets, times per window, cases, 容缺, 好差评 and follow-ups', async () => {
    const f = await st.call(sup, 'stats.figures', { period: 'day' });
    expect(f.period).toEqual({ kind: 'day', from: '2026-11-23', to: '2026-11-23' });
    expect(f.tickets).toEqual({ issued: 3, served: 2, skipped: 0, priority: 1, appointments: 0, waitingNow: 1 });
    expect(f.waiting).toEqual({ count: 2, medianSec: 900, p90Sec: 1140 });
    expect(f.service).toEqual({ count: 2, medianSec: 240, p90Sec: 288 });
    expect(f.windows.map((w) => [w.windowNo, w.calls, w.served, w.waitMedianSec, w.serviceMedianSec])).toEqual([
      [1, 1, 1, 600, 300],
      [2, 1, 1, 1200, 180],
    ]);
    expect(f.cases.takenIn).toBe(2);
    expect(f.cases.byFamily).toEqual([
      { family: 'enrollment', count: 1 },
      { family: 'reimbursement', count: 1 },
      { family: 'care', count: 0 },
    ]);
    expect(f.cases.byItem.map((i) => i.itemCode).sort()).toEqual(['inpatient_reimbursement', 'resident_enrollment']);
    expect(f.rongqueDue).toBe(0);
    expect(f.ratings).toMatchObject({ total: 2, good: 1, bad: 1, satisfactionRate: 0.5, setAside: 0 });
    expect(f.followUps).toEqual({ open: 1, overdue: 0 });
    expect(f.series.find((s) => s.label === '09:00')).toMatchObject({ issued: 3, served: 2, takenIn: 2, ratings: 2, good: 1 });
    expect(f.completion).toEqual({ completed: 0, onTime: 0, rate: null });
  });

  it('the week holds the 容缺 promise (due within it); an upheld appeal sets the bad rating aside', async () => {
    const week = await st.call(sup, 'stats.figures', { period: 'week' });
    expect([week.period.from, week.period.to]).toEqual(['2026-11-23', '2026-11-29']);
    expect(week.rongqueDue).toBe(1);
    expect(week.series).toHaveLength(7);
    const [f] = await st.call(sup, 'ratings.followUps', { status: 'open' });
    await st.call(sup, 'ratings.appeal', { followUpId: f!.id, text: '窗口申诉：系统故障所致' });
    await st.call(sup, 'ratings.decideAppeal', { followUpId: f!.id, outcome: 'upheld', note: '经核实属系统故障' });
    const month = await st.call(sup, 'stats.figures', { period: 'month' });
    expect(month.ratings).toMatchObject({ total: 2, good: 1, setAside: 1, satisfactionRate: 1 });
    expect(month.series).toHaveLength(30);
  });

  it('overdue counts open cases past their due day, as the days go by', async () => {
    st.clock.set('2027-02-01T09:00:00.000+08:00');
    const f = await st.call(sup, 'stats.figures', { period: 'day' });
    // The reimbursement (10 working days) is past due; the enrollment was settled on the spot but is still open.
    expect(f.overdue).toBe(2);
    expect(f.tickets.waitingNow).toBe(0);
    st.clock.set('2026-11-23T10:00:00.000+08:00');
  });

  it('only a supervisor reads the figures', async () => {
    expect(await st.callRaw(clerk, 'stats.figures', { period: 'day' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await st.callRaw(kiosk, 'stats.export', { report: 'daily' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await st.callRaw(sup, 'stats.figures', { period: 'year' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'period' } });
  });
});

describe('日报 and 月报 as .xlsx', () => {
  it('the daily report reads back: a summary on A4 and one sheet per table; audited', async () => {
    const r = await st.call(sup, 'stats.export', { report: 'daily' });
    expect(r.fileName).toBe('日报_TOWN01_2026-11-23.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '窗口', '事项', '分时', '评价']);
    const summary = wb.getWorksheet('概况')!;
    expect(summary.pageSetup.paperSize).toBe(9); // A4
    expect(String(summary.getCell('A1').value)).toContain('日报（2026-11-23）');
    const rows = new Map<string, unknown>();
    summary.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('取号数')).toBe(3);
    expect(rows.get('受理件数')).toBe(2);
    expect(rows.get('好评率')).toBe('100.0%');
    expect(wb.getWorksheet('窗口')!.getRow(3).getCell(1).value).toBe('1号窗口');
    expect(wb.getWorksheet('评价')!.rowCount).toBe(4); // title, header, two ratings
    expect(st.core.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'stats.export'").get()).toEqual({ n: 1 });
  });

  it('the monthly report is named by its month', async () => {
    const r = await st.call(sup, 'stats.export', { report: 'monthly', day: '2026-11-05' });
    expect(r.fileName).toBe('月报_TOWN01_2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('每日')!.rowCount).toBe(32); // title, header, 30 days
  });
});
