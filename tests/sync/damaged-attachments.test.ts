import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, truncateSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteBackend } from '../../central/testing/backends';
import { issueCode } from '../../central/services/stations';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import { installSyncEngine } from '../../core/features/sync/registry';
import { NO_PROGRESS_LIMIT } from '../../core/features/sync/uploads';
import type { SyncEngine } from '../../core/features/sync/engine';
import type { Session } from '../../core/session';
import { CentralHost } from './central-host';

/**
 * Uploads that cannot spin (issue #14, point 4). A scan whose file on disk is cut short, altered, or whose chunks
 * central never takes, is marked damaged on its case (需重新扫描) with the reason after a bounded number of requests;
 * the rest of the queue goes up; a re-scan replaces it and the case goes up whole.
 */
let central: CentralHost;
let st: TestStation;
let clerk: Session;
let engine: SyncEngine;
/** Every request the station sent, as "METHOD path". */
let sent: string[];
/** Replace central's answer to a request (null: let it through). */
let intercept: ((method: string, url: URL, init: RequestInit | undefined) => Response | null) | null;

/** A PNG of about `bytes` bytes (a real signature, then noise: content sniffing takes it). */
function scan(bytes: number): Buffer {
  return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(bytes)]);
}

const link: typeof fetch = async (url, init) => {
  const u = new URL(String(url));
  const method = init?.method ?? 'GET';
  sent.push(`${method} ${u.pathname}`);
  return intercept?.(method, u, init) ?? fetch(url, init);
};

beforeEach(async () => {
  central = await CentralHost.start(sqliteBackend);
  st = await createTestStation();
  clerk = await st.as('clerk');
  sent = [];
  intercept = null;
  engine = installSyncEngine(st.core.ctx, { fetch: link, backoff: { attempts: 3, baseMs: 1, maxMs: 5 } });
  await engine.enroll(central.url, (await issueCode(central.ctx, 'TOWN01', { regionCode: '371002' })).code);
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

let n = 0;
/** A case taken in at the window, with a scan of `bytes` (or none). */
async function intake(bytes: number | null): Promise<{ caseId: string; attachmentId: string | null; sha256: string | null }> {
  n += 1;
  const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1952-06-07', 40 + n), name: '周桂芳' });
  const item = st.core.ctx.catalog.get('offsite_long_term_residence_filing')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  const v = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId: p.id, form, materialsReceived: received });
  if (bytes === null) return { caseId: v.case.id, attachmentId: null, sha256: null };
  const a = await st.call(clerk, 'attachments.add', { caseId: v.case.id, version: v.case.version, fileName: '居住证明.png', mime: 'image/png', dataBase64: scan(bytes).toString('base64') });
  return { caseId: v.case.id, attachmentId: a.attachment.id, sha256: a.attachment.sha256 };
}

const fileOf = (sha: string) => join(st.core.ctx.attachmentsDir, sha.slice(0, 2), sha);
const caseOf = (id: string) => st.core.ctx.repos.cases.byId(id)!;
const centralShas = async (caseId: string) => ((await central.store.caseById(caseId))?.attachments ?? []).map((a) => a.sha256);

/** Re-scan a damaged attachment (重新扫描) and sync: the case goes up whole. */
async function rescan(caseId: string, attachmentId: string): Promise<string> {
  const c = caseOf(caseId);
  const again = await st.call(clerk, 'attachments.add', { caseId, version: c.version, fileName: '居住证明（重扫）.png', mime: 'image/png', dataBase64: scan(150_000).toString('base64'), replaces: attachmentId });
  expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: { rejected: 0 } });
  return again.attachment.sha256;
}

describe('damaged attachments', () => {
  it('a scan whose file was cut short: a bounded number of requests, the case shows 需重新扫描, the rest goes up; a re-scan fixes it', async () => {
    const broken = await intake(300_000);
    const healthy = await intake(200_000);
    const plain = await intake(null);
    truncateSync(fileOf(broken.sha256!), Math.floor(statSync(fileOf(broken.sha256!)).size / 2));

    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pushed: { rejected: 0 } });
    // Bounded: enrollment, the health check, the healthy scan (one create carrying it whole), a push, a pull, the
    // audit head — nothing for the broken file (it is read and refused before anything is sent), nothing repeated.
    console.log(`[damaged] ${sent.length} requests: ${sent.join(", ")}`);
    expect(sent.length, sent.join("\n")).toBeLessThanOrEqual(10);
    expect(sent.filter((r) => r.startsWith('POST /v1/uploads') || r.startsWith('PATCH')).length).toBe(1);
    // The case shows the problem; its scan is marked with the reason; the clerk's screens can tell.
    const list = await st.call(clerk, 'attachments.list', { caseId: broken.caseId });
    expect(list[0]!.damaged).toMatch(/损坏|不完整|校验/);
    expect(caseOf(broken.caseId)).toMatchObject({ syncState: 'pending' });
    expect(caseOf(broken.caseId).syncError).toContain('需重新扫描');
    expect((await st.call(clerk, 'sync.status', {})).status.damagedAttachments).toBe(1);
    const shown = await st.callRaw(clerk, 'attachments.get', { id: broken.attachmentId! });
    expect(shown.ok).toBe(false);
    if (!shown.ok) expect(shown.error.message).toContain('需重新扫描');
    // The rest of the queue went up: the other cases are at central, synced; the broken one too, without the scan.
    for (const c of [healthy, plain]) expect(caseOf(c.caseId)).toMatchObject({ status: 'submitted', syncState: 'synced' });
    expect(await centralShas(healthy.caseId)).toEqual([healthy.sha256]);
    expect((await central.store.caseById(broken.caseId))?.status).toBe('submitted');
    expect(await centralShas(broken.caseId)).toEqual([]);
    // The file was moved aside (kept for a look), not read again and again.
    expect(existsSync(fileOf(broken.sha256!))).toBe(false);
    expect(readdirSync(join(st.core.ctx.attachmentsDir, 'quarantine')).some((f) => f.startsWith(broken.sha256!))).toBe(true);

    // The next runs send nothing about it.
    sent = [];
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(sent.filter((r) => r.includes('/uploads') || r.includes('/push'))).toEqual([]);

    // Re-scanned: the new scan goes up, the case is whole at central and synced here.
    const fresh = await rescan(broken.caseId, broken.attachmentId!);
    expect(await centralShas(broken.caseId)).toEqual([fresh]);
    expect(caseOf(broken.caseId)).toMatchObject({ syncState: 'synced', syncError: null });
    expect((await st.call(clerk, 'attachments.list', { caseId: broken.caseId })).map((a) => [a.sha256, a.damaged])).toEqual([[fresh, null]]);
    expect((await st.call(clerk, 'sync.status', {})).status.damagedAttachments).toBe(0);
  });

  it('chunks central never takes: an error with backoff, the scan marked damaged after a few rounds, the queue goes on', async () => {
    // Larger than a pack: each goes up on its own, in chunks.
    const stuck = await intake(300_000);
    const other = await intake(300_000);
    // A central (or a proxy) that opens an upload for the first scan but never takes a byte of it.
    const uploadOf = '019aa5b4-3c00-7000-8000-0000000000aa';
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    intercept = (method, url) => {
      if (method === 'POST' && url.pathname === '/v1/uploads' && url.searchParams.get('sha256') === stuck.sha256) return json({ complete: false, uploadId: uploadOf, offset: 0, chunkMax: 65_536 });
      if (method === 'PATCH' && url.pathname === `/v1/uploads/${uploadOf}`) return json({ uploadId: uploadOf, offset: 0, complete: false });
      return null;
    };

    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pushed: { rejected: 0 } });
    const patchesOfStuck = sent.filter((r) => uploadOf !== null && r === `PATCH /v1/uploads/${uploadOf}`).length;
    expect(patchesOfStuck).toBe(NO_PROGRESS_LIMIT);
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(20);
    const [a] = await st.call(clerk, 'attachments.list', { caseId: stuck.caseId });
    expect(a!.damaged).toContain('没有收下');
    expect(caseOf(stuck.caseId).syncError).toContain('需重新扫描');
    expect(caseOf(other.caseId)).toMatchObject({ status: 'submitted', syncState: 'synced' });
    expect(await centralShas(other.caseId)).toEqual([other.sha256]);

    intercept = null;
    const fresh = await rescan(stuck.caseId, stuck.attachmentId!);
    expect(await centralShas(stuck.caseId)).toEqual([fresh]);
    expect(caseOf(stuck.caseId)).toMatchObject({ syncState: 'synced', syncError: null });
  });

  it('a scan altered on disk is refused when shown, naming the problem, and marked for a re-scan', async () => {
    const c = await intake(80_000);
    const file = fileOf(c.sha256!);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);
    const shown = await st.callRaw(clerk, 'attachments.get', { id: c.attachmentId! });
    expect(shown.ok).toBe(false);
    if (!shown.ok) expect(shown.error.message).toMatch(/已损坏，需重新扫描/);
    const [a] = await st.call(clerk, 'attachments.list', { caseId: c.caseId });
    expect(a!.damaged).not.toBeNull();
    // Only a damaged attachment may be replaced, and only by a scan of its own case.
    const other = await intake(10_000);
    const wrong = await st.callRaw(clerk, 'attachments.add', { caseId: other.caseId, version: caseOf(other.caseId).version, fileName: 'x.png', mime: 'image/png', dataBase64: scan(100).toString('base64'), replaces: c.attachmentId! });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.field).toBe('replaces');
    const healthy = await st.callRaw(clerk, 'attachments.add', { caseId: other.caseId, version: caseOf(other.caseId).version, fileName: 'x.png', mime: 'image/png', dataBase64: scan(100).toString('base64'), replaces: other.attachmentId! });
    expect(healthy.ok).toBe(false);
    // Re-scanned: stored afresh and read back whole.
    const again = await st.call(clerk, 'attachments.add', { caseId: c.caseId, version: caseOf(c.caseId).version, fileName: '居住证明.png', mime: 'image/png', dataBase64: scan(50_000).toString('base64'), replaces: c.attachmentId! });
    const read = await st.call(clerk, 'attachments.get', { id: again.attachment.id });
    expect(createHash('sha256').update(Buffer.from(read.dataBase64, 'base64')).digest('hex')).toBe(again.attachment.sha256);
  });
});
