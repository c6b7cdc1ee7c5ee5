import { describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../central/testing/backends';
import { CentralHost } from './central-host';
import { FaultyProxy } from './faulty-proxy';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { stopAfterEach } from './teardown';
import { defaultConfig } from '../../central/config';

/**
 * An operator runs central with a much smaller request-body limit than the station's batches need: central
 * answers 413 and the station halves its batch until the requests fit, instead of stopping its sync for good.
 */
let central: CentralHost | undefined;
let proxy: FaultyProxy | undefined;
let k: KitStation | undefined;

stopAfterEach(() => ({ central, proxy, k }));

describe('central with a small body limit', () => {
  it('splits push batches until they fit, and every case arrives once', async () => {
    const limits = { ...defaultConfig().limits, maxBodyBytes: 48 * 1024 };
    central = await CentralHost.start(sqliteBackend, { limits });
    proxy = await FaultyProxy.start(central.url, { seed: 3 });
    proxy.enabled = false;
    k = await openStation('TOWN01');
    await buildWorkload(k, { cases: 60, seed: 5, attachEvery: 0 });
    const ctx = k.st.core.ctx;
    const engine = fastEngine(ctx, 3); // the engine's own batch size (200 ops: far over 48 KB)
    await engine.enroll(proxy.url, await central.issueCode(k.code));

    const loop = await syncUntilDone(engine, ctx, 1);
    expect(loop.errors).toEqual([]);
    expect(ctx.repos.outbox.pendingCount()).toBe(0);
    expect(await consistencyProblems(central, { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    expect(proxy.upstream.get('POST /v1/sync/push 413') ?? 0).toBeGreaterThan(0);
    expect(proxy.upstream.get('POST /v1/sync/push 200') ?? 0).toBeGreaterThan(1);
  });
});
