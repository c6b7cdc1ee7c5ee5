import { afterEach, expect, it } from 'vitest';
import { describeBackends } from '../../central/testing/backends';
import { defaultConfig } from '../../central/config';
import { CentralHost } from './central-host';
import { FaultyProxy, scriptFaults } from './faulty-proxy';
import { buildWorkload, openStation, scanBytes, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { prng } from '../../core/testing/generate';
import type { SyncEngine } from '../../core/features/sync/engine';
import { TRANSIENT } from './transient';

/**
 * Two stations (TOWN01, TOWN02) syncing at the same time through one faulty link to one central — also the
 * same scan from both (content addressing across stations). Each ends consistent on its own: its cases once,
 * central's lastSeq for it = its outbox size.
 */
const CHUNK = 64 * 1024;
const CASES = Number(process.env.SYNC_TEST_CASES_TWO ?? 600);

describeBackends('two stations at once — central on $name', (backend) => {
  let central: CentralHost | undefined;
  let proxy: FaultyProxy | undefined;
  const stations: KitStation[] = [];

  afterEach(async () => {
    for (const s of stations.splice(0)) s.st.cleanup();
    await proxy?.stop();
    await central?.stop();
  });

  it('both end consistent, each op of each station applied once', async () => {
    central = await CentralHost.start(backend, { limits: { ...defaultConfig().limits, chunkMaxBytes: CHUNK } });
    proxy = await FaultyProxy.start(central.url, { seed: backend.name === 'sqlite' ? 2 : 3 });
    const shared = scanBytes(prng(5), 3 * CHUNK + 7, 'image/png');
    for (const [i, code] of ['TOWN01', 'TOWN02'].entries()) {
      const k = await openStation(code, i + 1);
      stations.push(k);
      const w = await buildWorkload(k, { cases: CASES, seed: 40 + i, attachEvery: 4, bigEvery: 30, bigBytes: 2 * CHUNK + 99 });
      const c = k.st.core.ctx.repos.cases.byId(w.caseIds[1]!)!;
      await k.st.call(k.clerk, 'attachments.add', { caseId: c.id, version: c.version, fileName: '户口本.png', mime: 'image/png', dataBase64: shared.toString('base64') });
    }
    proxy.enabled = false;
    const engines: SyncEngine[] = [];
    for (const [i, k] of stations.entries()) {
      const e = fastEngine(k.st.core.ctx, 10 + i, { batchSize: 100 });
      await e.enroll(proxy.url, await central.issueCode(k.code));
      engines.push(e);
    }
    proxy.enabled = true;
    proxy.override = scriptFaults({ 'POST /v1/sync/push': [null, 'duplicate', null, 'reset-response', null, 'duplicate'] });

    const loops = await Promise.all(stations.map((k, i) => syncUntilDone(engines[i]!, k.st.core.ctx, 300)));
    proxy.enabled = false;
    console.log(`[two-stations ${backend.name}] runs ${loops.map((l) => l.runs).join('/')}, ${proxy.requests} requests; faults: ${proxy.summary()}`);

    for (const [i, k] of stations.entries()) {
      const db = k.st.core.ctx.db;
      expect(await consistencyProblems(central, { code: k.code, db, blobs: k.st.core.ctx.blobs })).toEqual([]);
      const outboxSize = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      expect((await central.station(k.code)).lastSeq).toBe(outboxSize);
      expect(loops[i]!.errors.filter((e) => !TRANSIENT.test(e))).toEqual([]);
    }
    expect(proxy.centralFailures()).toEqual([]);
    expect(proxy.count('duplicate', 'POST /v1/sync/push')).toBeGreaterThan(0);
  }, 240_000);
});
