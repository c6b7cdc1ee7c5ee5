import { expect, it } from 'vitest';
import { describeBackends } from '../../central/testing/backends';
import { defaultConfig } from '../../central/config';
import { CentralHost } from './central-host';
import { FAULTS, FaultyProxy, scriptFaults } from './faulty-proxy';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { stopAfterEach } from './teardown';
import { TRANSIENT } from './transient';

/**
 * 2,000 cases with attachments (every 4th case; every 10th of those larger than four upload chunks, the others small
 * enough to go up in packs) synced
 * through a link that drops, resets requests and responses mid-body, delays, answers 500/503 and duplicates
 * requests — until the outbox is empty. Central must end with each case and each op exactly once, every
 * attachment byte-identical; the station with nothing pending or refused and every case submitted.
 */
const CHUNK = 64 * 1024;
const CASES = Number(process.env.SYNC_TEST_CASES ?? 2_000);

describeBackends('sync through a faulty link — central on $name', (backend) => {
  let central: CentralHost | undefined;
  let proxy: FaultyProxy | undefined;
  let k: KitStation | undefined;

  stopAfterEach(() => ({ central, proxy, k }));

  it(`${CASES} cases with attachments arrive exactly once`, async () => {
    central = await CentralHost.start(backend, { limits: { ...defaultConfig().limits, chunkMaxBytes: CHUNK } });
    proxy = await FaultyProxy.start(central.url, { seed: backend.name === 'sqlite' ? 20261124 : 424242 });
    k = await openStation('TOWN01');
    const w = await buildWorkload(k, { cases: CASES, seed: 7, attachEvery: 4, bigEvery: 10, bigBytes: 4 * CHUNK + 12_345 });
    const ctx = k.st.core.ctx;
    const engine = fastEngine(ctx, 99);

    // Enrolled over a clean link (a one-time code used by a lost answer is gone), then the faults start.
    proxy.enabled = false;
    await engine.enroll(proxy.url, await central.issueCode(k.code));
    proxy.enabled = true;
    proxy.override = scriptFaults({
      'POST /v1/sync/push': [null, 'duplicate', 'reset-response', 'reset-request', 'drop', 'error-500', 'error-503', 'delay', 'duplicate'],
      'POST /v1/uploads': ['duplicate', 'reset-response', null, 'duplicate'],
      'POST /v1/uploads/pack': [null, 'duplicate', 'reset-response', 'reset-request', 'drop', 'duplicate'],
      'PATCH /v1/uploads/:id': [null, 'duplicate', 'reset-request', 'reset-response', 'duplicate', null, 'duplicate'],
    });
    const loop = await syncUntilDone(engine, ctx, 400);
    proxy.enabled = false;

    console.log(`[faulty-link ${backend.name}] ${loop.runs} runs, ${proxy.requests} requests; faults: ${proxy.summary()}; failed runs: ${loop.errors.join(' | ') || 'none'}`);
    expect(await consistencyProblems(central, { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    // Central never failed on its own (a repeated or cut request is not a reason for a 500), and a run only
    // ever failed for the link's sake (the health check is not retried), never for a refusal.
    expect(proxy.centralFailures()).toEqual([]);
    expect(loop.errors.filter((e) => !TRANSIENT.test(e))).toEqual([]);
    expect(w.shas).toHaveLength(Math.ceil(CASES / 4));

    // The link really was bad, where it matters: every kind of fault happened, and requests were duplicated on
    // the three calls whose repetition must be harmless.
    for (const f of FAULTS) expect(proxy.count(f), f).toBeGreaterThan(0);
    expect(proxy.count('duplicate', 'POST /v1/sync/push')).toBeGreaterThan(0);
    expect(proxy.count('duplicate', 'POST /v1/uploads')).toBeGreaterThan(0);
    expect(proxy.count('duplicate', 'PATCH /v1/uploads/:id')).toBeGreaterThan(0);
    // The small scans went up in packs (1.5), through the same faults.
    expect(proxy.count('duplicate', 'POST /v1/uploads/pack')).toBeGreaterThan(0);
    expect(proxy.count('reset-response', 'POST /v1/uploads/pack')).toBeGreaterThan(0);
    expect(proxy.count('reset-response', 'POST /v1/sync/push')).toBeGreaterThan(0);
  }, 300_000);
});
