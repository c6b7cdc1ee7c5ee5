import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { issueCode } from '../../central/services/stations';
import { importBundle } from '../../central/services/bundles';
import { sqliteBackend } from '../../central/testing/backends';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import { installSyncEngine } from '../../core/features/sync/registry';
import type { Session } from '../../core/session';
import { CentralHost } from './central-host';

/**
 * The channels of the bundle screen (renderer/src/screens/sync/BundleScreen.tsx): what an export would hold, the
 * export itself (file name with station, date and count; what it holds), the file read back in pieces for the
 * download or the save dialog, and the refusals — roles, names outside the bundles folder.
 */
let central: CentralHost;
let st: TestStation;
let team: Session;

beforeEach(async () => {
  central = await CentralHost.start(sqliteBackend);
  st = await createTestStation();
  team = await st.as('mobile_team');
  await installSyncEngine(st.core.ctx, { backoff: { attempts: 2, baseMs: 1, maxMs: 5 } }).enroll(central.url, (await issueCode(central.ctx, 'TOWN01', { regionCode: '371002' })).code);
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

const PNG = (n: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(n, 7)]);

async function work(cases: number): Promise<{ caseId: string; sha256: string }[]> {
  const out = [];
  for (let i = 0; i < cases; i++) {
    const p = await st.call(team, 'persons.register', { idNumber: residentId('1948-08-09', 60 + i), name: '吴淑珍' });
    const item = st.core.ctx.catalog.get('offsite_long_term_residence_filing')!;
    const form = sampleFormOn(item, '2026-11-23');
    const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
    const v = await st.call(team, 'cases.intake', { itemCode: item.code, personId: p.id, form, materialsReceived: received });
    const a = await st.call(team, 'attachments.add', { caseId: v.case.id, version: v.case.version, fileName: '证明.png', mime: 'image/png', dataBase64: PNG(20_000 + i).toString('base64') });
    out.push({ caseId: v.case.id, sha256: a.attachment.sha256 });
  }
  return out;
}

describe('the bundle screen’s channels', () => {
  it('says what an export holds, exports it (named by station, date, count) and reads it back in pieces', async () => {
    await work(3);
    const preview = await st.call(team, 'sync.bundlePreview', {});
    expect(preview).toEqual({ ops: 9, cases: 3, attachments: 3, attachmentBytes: 3 * 20_016 + 3, damaged: 0, canSign: true });
    const exported = await st.call(team, 'sync.exportBundle', {});
    expect(exported).toMatchObject({ opCount: 9, caseCount: 3, blobCount: 3, blobBytes: preview.attachmentBytes, firstSeq: 1, lastSeq: 9 });
    expect(exported.fileName).toBe(`TOWN01-20261123-090000-9条.ybb`);
    expect(exported.createdAt).toBe('2026-11-23T09:00:00.000+08:00');
    const file = readFileSync(exported.path);
    expect(Buffer.from(exported.dataBase64!, 'base64').equals(file)).toBe(true);
    // In pieces, as the screen reads a large one.
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < file.length; ) {
      const r = await st.call(team, 'sync.readBundle', { fileName: exported.fileName, offset, length: 10_000 });
      expect(r.size).toBe(file.length);
      pieces.push(Buffer.from(r.dataBase64, 'base64'));
      offset += pieces[pieces.length - 1]!.length;
    }
    expect(Buffer.concat(pieces).equals(file)).toBe(true);
  });

  it('refuses other folders’ files, unknown files and roles that do not export', async () => {
    await work(1);
    const exported = await st.call(team, 'sync.exportBundle', {});
    for (const fileName of ['../station.sqlite', '../../etc/passwd.ybb', 'a/b.ybb']) {
      const r = await st.callRaw(team, 'sync.readBundle', { fileName, offset: 0, length: 10 });
      expect(r.ok, fileName).toBe(false);
      if (!r.ok) expect(r.error.field, fileName).toBe('fileName');
    }
    const missing = await st.callRaw(team, 'sync.readBundle', { fileName: 'TOWN01-20261123-090000-1条-x.ybb', offset: 0, length: 10 });
    expect(missing.ok || missing.error.code).toBe('not_found');
    const helper = await st.as('proxy_helper');
    for (const [channel, input] of [
      ['sync.bundlePreview', {}],
      ['sync.exportBundle', {}],
      ['sync.readBundle', { fileName: exported.fileName, offset: 0, length: 10 }],
    ] as const) {
      const r = await st.callRaw(helper, channel, input);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(r.error.code, channel).toBe('forbidden');
    }
  });

  it('leaves a damaged scan out of the file and out of the ops that name it: central applies everything, nothing blocks', async () => {
    const [broken, ok] = await work(2);
    const file = join(st.core.ctx.attachmentsDir, broken!.sha256.slice(0, 2), broken!.sha256);
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const exported = await st.call(team, 'sync.exportBundle', {});
    expect(exported).toMatchObject({ blobCount: 1, caseCount: 2, opCount: 6 });
    expect((await st.call(team, 'sync.bundlePreview', {})).damaged).toBe(1);
    const r = await importBundle(central.ctx, readFileSync(exported.path));
    expect(r).toMatchObject({ applied: 6, rejected: 0, blobsStored: 1 });
    expect((await central.store.caseById(broken!.caseId))?.attachments).toEqual([]);
    expect((await central.store.caseById(ok!.caseId))?.attachments.map((a) => a.sha256)).toEqual([ok!.sha256]);
    expect(st.core.ctx.repos.cases.byId(broken!.caseId)!.syncError).toContain('需重新扫描');
  });
});
