import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import { SyncEngine } from '../../core/features/sync/engine';
import type { Session } from '../../core/session';
import { BUNDLE_CONTENT_TYPE, type BundleImportResult } from '../../shared/sync';
import { CentralServer } from './central-server';

/**
 * USB bundles (离线数据包): a mobile team exports its pending work as one signed, encrypted file; central (or
 * any online station) imports it; nothing is ever applied twice.
 */
let central: CentralServer;
let mobile: TestStation;
let clerk: Session;

const VILLAGERS = ['王秀英', '李桂兰', '张玉珍', '刘凤英', '陈淑华', '杨德明'];
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

beforeEach(async () => {
  central = await CentralServer.start();
  mobile = await createTestStation();
  clerk = await mobile.as('mobile_team');
  await mobile.call(await mobile.as('supervisor'), 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
});
afterEach(async () => {
  mobile?.cleanup();
  await central?.stop();
});

/** Work done in a village with no network: n cases, the first with a photo. */
async function villageWork(st: TestStation, s: Session, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const person = await st.call(s, 'persons.register', { idNumber: residentId('1945-01-01', 100 + i + Math.floor(Math.random() * 800)), name: VILLAGERS[i % VILLAGERS.length]! });
    const item = st.core.ctx.catalog.get('offsite_long_term_residence_filing')!;
    const form = sampleFormOn(item, '2026-11-23');
    const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
    const v = await st.call(s, 'cases.intake', { itemCode: item.code, personId: person.id, form, materialsReceived: received });
    if (i === 0) await st.call(s, 'attachments.add', { caseId: v.case.id, version: v.case.version, fileName: '居住证明.png', mime: 'image/png', dataBase64: PNG.toString('base64') });
    ids.push(v.case.id);
  }
  return ids;
}

async function importAtCentral(bytes: Buffer): Promise<{ status: number; body: BundleImportResult & { code?: string; message?: string } }> {
  const res = await fetch(`${central.url}/v1/admin/bundles`, { method: 'POST', headers: { ...(await central.adminHeaders('POST', '/v1/admin/bundles')), 'content-type': BUNDLE_CONTENT_TYPE }, body: bytes });
  return { status: res.status, body: (await res.json()) as BundleImportResult };
}

async function centralCases(): Promise<string[]> {
  return (await central.admin<{ cases: { caseId: string }[] }>('GET', '/v1/admin/cases?stationCode=TOWN01&limit=500')).cases.map((c) => c.caseId);
}

describe('USB bundles', () => {
  it('imported at central twice applies everything once; the team then syncs online and nothing is doubled', async () => {
    const ids = await villageWork(mobile, clerk, 3);
    const pendingBefore = mobile.core.ctx.repos.outbox.pendingCount();
    const exported = await mobile.call(clerk, 'sync.exportBundle', {});
    expect(exported.opCount).toBe(pendingBefore);
    expect(exported.blobCount).toBe(1);
    // Exporting changes nothing locally: the ops wait for central's answer.
    expect(mobile.core.ctx.repos.outbox.pendingCount()).toBe(pendingBefore);
    const bytes = readFileSync(exported.path);
    // Encrypted: no personal data readable in the file.
    expect(bytes.includes(Buffer.from('王秀英'))).toBe(false);

    const first = await importAtCentral(bytes);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stationCode: 'TOWN01', ops: pendingBefore, applied: pendingBefore, duplicate: 0, rejected: 0, blobsStored: 1 });
    const second = await importAtCentral(bytes);
    expect(second.body).toMatchObject({ applied: 0, duplicate: pendingBefore, rejected: 0, blobsStored: 0 });
    expect((await centralCases()).sort()).toEqual([...ids].sort());

    // Back online: the same ops are answered as duplicates, central's status comes down, nothing doubles.
    const run = await mobile.call(clerk, 'sync.now', {});
    expect(run.ok).toBe(true);
    expect(run.pushed).toMatchObject({ applied: 0, duplicate: pendingBefore, rejected: 0 });
    expect(mobile.core.ctx.repos.outbox.pendingCount()).toBe(0);
    for (const id of ids) expect((await mobile.call(clerk, 'cases.get', { caseId: id })).case.status).toBe('submitted');
    expect((await centralCases()).sort()).toEqual([...ids].sort());
  });

  it('after part of it went up online, an import applies only the rest', async () => {
    const ids = await villageWork(mobile, clerk, 4);
    const total = mobile.core.ctx.repos.outbox.pendingCount();
    const bytes = readFileSync((await mobile.call(clerk, 'sync.exportBundle', {})).path);
    // The hotspot lasts for one push of 3 ops, then drops.
    let pushes = 0;
    const flaky: typeof fetch = async (url, init) => {
      if (String(url).includes('/v1/sync/push') && ++pushes > 1) throw new TypeError('fetch failed: hotspot gone');
      return fetch(url, init);
    };
    const engine = new SyncEngine(mobile.core.ctx, { fetch: flaky, batchSize: 3, backoff: { attempts: 1, baseMs: 1, maxMs: 1 } });
    const r = await engine.syncNow();
    expect(r.ok).toBe(false);
    expect(mobile.core.ctx.repos.outbox.pendingCount()).toBe(total - 3);
    const imported = await importAtCentral(bytes);
    expect(imported.body).toMatchObject({ applied: total - 3, duplicate: 3, rejected: 0 });
    expect((await centralCases()).sort()).toEqual([...ids].sort());
  });

  it('an online station relays a bundle it cannot read; the team learns the outcome by pull', async () => {
    const ids = await villageWork(mobile, clerk, 2);
    const exported = await mobile.call(clerk, 'sync.exportBundle', {});
    const town = await createTestStation({ stationCode: 'TOWN02' });
    try {
      await town.call(await town.as('supervisor'), 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN02') });
      const relayed = await town.call(await town.as('clerk'), 'sync.relayBundle', { fileName: exported.fileName, dataBase64: exported.dataBase64! });
      expect(relayed).toMatchObject({ stationCode: 'TOWN01', applied: exported.opCount, duplicate: 0 });
      // The relaying station holds none of the team's cases.
      expect(town.core.ctx.repos.cases.queueCount({})).toBe(0);
    } finally {
      town.cleanup();
    }
    expect((await centralCases()).sort()).toEqual([...ids].sort());
    // Ops that came by file have no answer at the team's station: each outcome is in its change feed.
    const team = (await central.store.stationByCode('TOWN01'))!;
    const feed = await central.store.pullChanges({ stationId: team.id, regionCode: team.regionCode, after: 0, limit: 10_000, maxSince: 99 });
    expect(feed.filter((r) => r.kind === 'op.result').map((r) => (JSON.parse(r.data) as { seq: number }).seq)).toEqual(Array.from({ length: exported.opCount }, (_, i) => exported.firstSeq + i));
    // The team's station, back online, hears the outcomes and pushes nothing twice.
    await mobile.call(clerk, 'sync.now', {});
    expect(mobile.core.ctx.repos.outbox.pendingCount()).toBe(0);
    for (const id of ids) expect((await mobile.call(clerk, 'cases.get', { caseId: id })).case.status).toBe('submitted');
  });

  it('imports with the back-office command line too (npm run central -- bundle import <file>)', async () => {
    const ids = await villageWork(mobile, clerk, 2);
    const exported = await mobile.call(clerk, 'sync.exportBundle', {});
    // Signed in as the administrator (bundle import is theirs): the token a script is given (CENTRAL_TOKEN).
    const token = (await central.adminHeaders('POST', '/v1/admin/bundles')).authorization!.replace(/^Bearer /, '');
    const run = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'central/cli.ts', 'bundle', 'import', file], {
        // As the server under test is configured (no automatic 即时办结: the photo comes after the one-step intake).
        env: { ...process.env, CENTRAL_DATA_DIR: central.dataDir, CENTRAL_LOG_LEVEL: 'silent', CENTRAL_TOKEN: token, CENTRAL_AUTO_DECIDE_ON_THE_SPOT: 'false' },
        encoding: 'utf8',
      });
    const first = run(exported.path);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout, first.stdout + first.stderr).toContain(`新应用 ${exported.opCount} 条`);
    const again = run(exported.path);
    expect(again.stdout).toContain(`新应用 0 条，已有 ${exported.opCount} 条`);
    expect((await centralCases()).sort()).toEqual([...ids].sort());
    const missing = run('/nonexistent/file.ybb');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('无法读取文件');
  });

  it('refuses a file that was altered, naming the problem, and applies nothing', async () => {
    await villageWork(mobile, clerk, 1);
    const exported = await mobile.call(clerk, 'sync.exportBundle', {});
    const bytes = readFileSync(exported.path);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 40] = tampered[tampered.length - 40]! ^ 0xff;
    const r = await importAtCentral(tampered);
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/校验失败/);
    const headerTampered = Buffer.from(bytes.toString('latin1').replace('"firstSeq":1', '"firstSeq":2'), 'latin1');
    expect((await importAtCentral(headerTampered)).status).toBeGreaterThanOrEqual(400);
    expect(await centralCases()).toEqual([]);
  });
});
