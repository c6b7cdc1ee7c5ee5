import { describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../central/testing/backends';
import { CentralHost } from './central-host';
import { FaultyProxy } from './faulty-proxy';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { stopAfterEach } from './teardown';

/**
 * The station believes central holds its scans, but central does not (restored from a backup, say): central
 * answers the ops that name them `blocked` (attachment-missing); the station uploads them and goes on from
 * that op — many times over, in small pipelined batches, never sending a batch ahead after a blocked answer.
 */
let central: CentralHost | undefined;
let proxy: FaultyProxy | undefined;
let k: KitStation | undefined;

stopAfterEach(() => ({ central, proxy, k }));

describe('blocked ops', () => {
  it('uploads what central lacks and pushes again from the blocked op, in order', async () => {
    central = await CentralHost.start(sqliteBackend);
    proxy = await FaultyProxy.start(central.url, { seed: 9 });
    proxy.enabled = false;
    k = await openStation('TOWN01');
    const w = await buildWorkload(k, { cases: 120, seed: 4, attachEvery: 7 });
    const ctx = k.st.core.ctx;
    ctx.db.prepare("UPDATE attachments SET upload_state = 'stored'").run();
    const engine = fastEngine(ctx, 2, { batchSize: 10 });
    await engine.enroll(proxy.url, await central.issueCode(k.code));

    const loop = await syncUntilDone(engine, ctx, 3);
    expect(loop.errors).toEqual([]);
    expect(await consistencyProblems(central, { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    // Every scan went up after central said it lacked it. The only refused pushes are requests the station
    // had sent ahead of a batch central then answered `blocked` (409 out-of-order, nothing applied): at most
    // one per blocked answer, and a blocked answer names at least one missing scan.
    const pushes = new Map([...proxy.upstream].filter(([key]) => key.startsWith('POST /v1/sync/push ')));
    expect([...pushes.keys()].sort()).toEqual(expect.arrayContaining(['POST /v1/sync/push 200']));
    expect([...pushes.keys()].filter((key) => key !== 'POST /v1/sync/push 200' && key !== 'POST /v1/sync/push 409')).toEqual([]);
    expect(pushes.get('POST /v1/sync/push 409') ?? 0).toBeLessThanOrEqual(w.shas.length);
    // One upload request per blocked answer: the scans are small, so each goes as a pack of one.
    expect(proxy.upstream.get('POST /v1/uploads/pack 200')).toBe(w.shas.length);
  });
});
