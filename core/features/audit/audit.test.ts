import { afterEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { recomputeChain } from '../../testing/audit-tamper';
import { verifyAudit, VERIFIED_KEY } from './verify';
import ExcelJS from 'exceljs';

let st: TestStation;
afterEach(() => st?.cleanup());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

type Row = { id: number; action: string; actor_id: string | null; detail: string };
const rowsAfter = (id: number) => st.core.ctx.db.prepare('SELECT id, action, actor_id, detail FROM audit_log WHERE id > ? ORDER BY id').all(id) as Row[];
const lastId = () => st.core.ctx.db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;

async function station(): Promise<{ clerk: Session; sup: Session; personIds: string[]; caseId: string; attachmentId: string }> {
  st = await createTestStation();
  const clerk = await st.as('clerk');
  const sup = await st.as('supervisor');
  const personIds: string[] = [];
  for (let i = 1; i <= 3; i++) personIds.push((await st.call(clerk, 'persons.register', { idNumber: residentId('1955-06-07', i), name: `王审计${'一二三'[i - 1]}` })).id);
  const c = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId: personIds[0]!, form: {} });
  const att = await st.call(clerk, 'attachments.add', { caseId: c.case.id, version: c.case.version, fileName: 'id.png', mime: 'image/png', dataBase64: PNG });
  return { clerk, sup, personIds, caseId: c.case.id, attachmentId: att.attachment.id };
}

describe('every read of personal data is audited: one row per request, with the user and the persons shown', () => {
  it('search results, queue pages, case views, estimates, attachments, a person by id', async () => {
    const { clerk, personIds, caseId, attachmentId } = await station();
    const reads: [string, () => Promise<unknown>, string[]][] = [
      ['person.search', () => st.call(clerk, 'persons.search', { q: '王审计' }), personIds],
      ['queue.read', () => st.call(clerk, 'queue.list', { filter: {}, page: { offset: 0, limit: 50 } }), [personIds[0]!]],
      ['case.read', () => st.call(clerk, 'cases.get', { caseId }), [personIds[0]!]],
      ['estimate.read', () => st.call(clerk, 'cases.estimates', { caseId }), [personIds[0]!]],
      ['attachment.read', () => st.call(clerk, 'attachments.get', { id: attachmentId }), [personIds[0]!]],
      ['person.read', () => st.call(clerk, 'persons.get', { id: personIds[1]! }), [personIds[1]!]],
      ['estimate.compute', () => st.call(clerk, 'policy.estimate', { kind: 'contribution', input: { year: 2026 }, personId: personIds[2]! }), [personIds[2]!]],
    ];
    for (const [action, read, shown] of reads) {
      const before = lastId();
      await read();
      const rows = rowsAfter(before);
      expect(rows.map((r) => r.action), action).toEqual([action]);
      expect(rows[0]!.actor_id).toBe(clerk.user!.id);
      expect((JSON.parse(rows[0]!.detail) as { personIds: string[] }).personIds.sort()).toEqual([...shown].sort());
      // The words searched for (a name, an ID number) are not written down.
      expect(rows[0]!.detail).not.toContain('王审计');
    }
  });
});

describe('the hash chain proves itself', () => {
  it('verifies at start from the last verified row, and on demand in full', async () => {
    const { sup } = await station();
    const first = verifyAudit(st.core.ctx, 'incremental', null);
    expect(first).toMatchObject({ ok: true });
    const cp = JSON.parse(st.core.ctx.repos.settings.get(VERIFIED_KEY)!) as { id: number };
    expect(cp.id).toBe(lastId());
    await st.call(sup, 'users.list', {});
    // The next start walks only what came after the checkpoint.
    const next = verifyAudit(st.core.ctx, 'incremental', null);
    expect(next).toMatchObject({ ok: true, rows: lastId() - cp.id });
    const r = await st.call(sup, 'audit.verify', {});
    expect(r).toMatchObject({ ok: true, brokenAt: null, status: { breaks: [] } });
    expect(rowsAfter(lastId() - 1).map((x) => x.action)).toEqual(['audit.verify']);
  });

  it('a changed row is found (on demand, and at start when it is newer than the last verified row)', async () => {
    const { sup } = await station();
    verifyAudit(st.core.ctx, 'incremental', null);
    await st.call(sup, 'users.list', {});
    await st.call(sup, 'audit.list', { filter: {}, page: { offset: 0, limit: 5 } });
    const target = lastId();
    st.core.ctx.db.prepare(`UPDATE audit_log SET actor_name = 'someone else' WHERE id = ?`).run(target);
    expect(verifyAudit(st.core.ctx, 'incremental', null)).toMatchObject({ ok: false, brokenAt: target, kind: 'row_changed' });
    const full = await st.call(sup, 'audit.verify', {});
    expect(full).toMatchObject({ ok: false, brokenAt: target });
    expect(full.status.breaks).toEqual([expect.objectContaining({ seq: target, kind: 'row_changed', reported: false })]);
    // Recorded once, written to the log with who found it.
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.break'").pluck().get()).toBe(1);
  });

  it('rows deleted in the middle are found', async () => {
    const { sup } = await station();
    const mid = Math.floor(lastId() / 2);
    st.core.ctx.db.prepare('DELETE FROM audit_log WHERE id IN (?, ?)').run(mid, mid + 1);
    const r = await st.call(sup, 'audit.verify', {});
    expect(r).toMatchObject({ ok: false, brokenAt: mid + 2 });
    expect(r.status.breaks[0]).toMatchObject({ kind: 'chain_broken' });
  });

  it('the tail deleted, or the chain recomputed after a change, is found at the next start (the verified row is gone or changed)', async () => {
    const { sup } = await station();
    verifyAudit(st.core.ctx, 'incremental', null);
    const verified = lastId();
    // Delete the last rows.
    st.core.ctx.db.prepare('DELETE FROM audit_log WHERE id > ?').run(verified - 3);
    expect(verifyAudit(st.core.ctx, 'incremental', null)).toMatchObject({ ok: false, brokenAt: verified, kind: 'verified_row_missing' });

    // Recompute: change an early row and rewrite every hash after it so the chain holds again.
    st.cleanup();
    await station();
    verifyAudit(st.core.ctx, 'incremental', null);
    const db = st.core.ctx.db;
    db.prepare(`UPDATE audit_log SET actor_name = 'forged' WHERE id = 3`).run();
    recomputeChain(db);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(lastId());
    // A full walk finds nothing wrong — the chain was recomputed — but the verified row no longer has its hash.
    expect(st.core.ctx.repos.audit.verifyFrom(null)).toMatchObject({ ok: true });
    expect(verifyAudit(st.core.ctx, 'incremental', null)).toMatchObject({ ok: false, kind: 'verified_row_changed' });
    void sup;
  });

});


describe('the 审计 screen', () => {
  it('filters by user, person, action and date; the read itself is audited', async () => {
    const { clerk, sup, personIds, caseId } = await station();
    await st.call(clerk, 'cases.get', { caseId });
    const list = (filter: object) => st.call(sup, 'audit.list', { filter, page: { offset: 0, limit: 200 } });
    const byClerk = await list({ userId: clerk.user!.id });
    expect(byClerk.rows.length).toBeGreaterThan(0);
    expect(byClerk.rows.every((r) => r.actorId === clerk.user!.id)).toBe(true);
    const byPerson = await list({ personIdNumber: residentId('1955-06-07', 1) });
    expect(byPerson.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['case.read', 'case.created', 'person.register']));
    expect(byPerson.rows.every((r) => r.personIds.includes(personIds[0]!) || r.entityId === caseId)).toBe(true);
    const reads = await list({ action: 'case.read' });
    expect(reads.rows.map((r) => r.action)).toEqual(['case.read']);
    expect((await list({ from: '2026-11-23', to: '2026-11-23' })).total).toBeGreaterThan(0);
    expect((await list({ from: '2026-11-24' })).total).toBe(0);
    expect((await list({ personIdNumber: residentId('1999-01-01', 9) })).rows).toEqual([]);
    // Legacy names are found under today's name and shown as today's.
    const now = '2026-11-23T10:00:00.000+08:00';
    st.core.ctx.tx(() => st.core.ctx.repos.audit.append({ at: now, actorId: null, actorName: 'old', action: 'auth.sign_in', entity: 'user', entityId: null, detail: {} }));
    st.core.ctx.db.prepare("UPDATE audit_log SET action = 'auth.signIn' WHERE id = ?").run(lastId());
    expect((await list({ action: 'auth.sign_in' })).rows.some((r) => r.actorName === 'old' && r.action === 'auth.sign_in')).toBe(true);
    const before = lastId();
    await list({ userId: clerk.user!.id });
    expect(rowsAfter(before).map((r) => r.action)).toEqual(['audit.read']);
  });

  it('exports xlsx and CSV (audited); the workbook reads back with the rows', async () => {
    const { sup, personIds } = await station();
    const x = await st.call(sup, 'audit.export', { filter: { action: 'person.register' }, format: 'xlsx' });
    expect(x).toMatchObject({ rows: 3, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).getCell(1).value).toBe('序号');
    expect(ws.getRow(2).getCell(5).value).toBe('person.register');
    expect(personIds).toContain(ws.getRow(2).getCell(7).value);
    const c = await st.call(sup, 'audit.export', { filter: { action: 'person.register' }, format: 'csv' });
    const text = Buffer.from(c.dataBase64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF序号,时间,用户')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(4);
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.export'").pluck().get()).toBe(2);
  });

  it('a long export reads page by page: every row once, newest first; a row the window writes meanwhile is not in it', async () => {
    const { sup } = await station();
    const ctx = st.core.ctx;
    const N = 4_500; // more than two of the export's pages
    ctx.tx(() => {
      for (let i = 0; i < N; i++) ctx.repos.audit.append({ at: '2026-11-24T09:00:00.000+08:00', actorId: sup.user!.id, actorName: '站长', action: 'queue.read', entity: 'case', entityId: null, detail: { shown: i } });
    });
    const exporting = st.call(sup, 'audit.export', { filter: { action: 'queue.read' }, format: 'csv' });
    // The window goes on while the export runs: its row lands after the export began.
    let written = false;
    setImmediate(() => {
      ctx.tx(() => ctx.repos.audit.append({ at: '2026-11-24T09:05:00.000+08:00', actorId: sup.user!.id, actorName: '站长', action: 'queue.read', entity: 'case', entityId: null, detail: { shown: -1 } }));
      written = true;
    });
    const out = await exporting;
    expect(written).toBe(true);
    expect(out.rows).toBe(N);
    const lines = Buffer.from(out.dataBase64, 'base64').toString('utf8').trim().split('\r\n').slice(1);
    const seqs = lines.map((l) => Number(l.split(',')[0]));
    expect(seqs).toHaveLength(N);
    expect(seqs.every((q, i) => i === 0 || q < seqs[i - 1]!)).toBe(true);
    expect(lines.some((l) => l.includes('""shown"":-1'))).toBe(false);
    expect(lines.at(-1)).toContain('""shown"":0');
  });
});
