import { describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../central/testing/backends';
import { defaultConfig } from '../../central/config';
import { UPLOAD_OFFSET_HEADER } from '../../shared/sync/uploads';
import { CentralHost } from './central-host';
import { FaultyProxy, scriptFaults } from './faulty-proxy';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { stopAfterEach } from './teardown';

/**
 * Resumable uploads seen from the wire: chunks follow central's `chunkMax` however small, and after a cut
 * the station continues from the offset central holds — never from zero, never past what central has.
 */
let central: CentralHost | undefined;
let proxy: FaultyProxy | undefined;
let k: KitStation | undefined;

stopAfterEach(() => ({ central, proxy, k }));

/** One case with one attachment of `bytes`, central with chunks of `chunk`; the PATCHes as sent (offset, length). */
async function setUp(chunk: number, bytes: number) {
  central = await CentralHost.start(sqliteBackend, { limits: { ...defaultConfig().limits, chunkMaxBytes: chunk } });
  proxy = await FaultyProxy.start(central.url, { seed: 1 });
  proxy.enabled = false;
  // The chunks as sent: by PATCH, or (since 1.2) the first one with the create.
  const patches: { offset: number; length: number; via: 'create' | 'patch' }[] = [];
  proxy.observe = (method, url, headers, body) => {
    if (method === 'PATCH') patches.push({ offset: Number(headers[UPLOAD_OFFSET_HEADER]), length: body.length, via: 'patch' });
    if (method === 'POST' && url.startsWith('/v1/uploads?')) patches.push({ offset: 0, length: body.length, via: 'create' });
  };
  k = await openStation('TOWN01');
  await buildWorkload(k, { cases: 1, seed: 3, attachEvery: 1, bigEvery: 1, bigBytes: bytes });
  const engine = fastEngine(k.st.core.ctx, 5);
  await engine.enroll(proxy.url, await central.issueCode(k.code));
  return { engine, patches, ctx: k.st.core.ctx };
}

describe('resumable uploads on the wire', () => {
  it("sends chunks no larger than central's chunkMax, even a small one (8 KiB)", async () => {
    const { engine, patches, ctx } = await setUp(8 * 1024, 40_000);
    await syncUntilDone(engine, ctx, 3);
    expect(patches.map((p) => p.offset)).toEqual([0, 8192, 16384, 24576, 32768]);
    expect(patches[0]!.via).toBe('create');
    expect(Math.max(...patches.map((p) => p.length))).toBeLessThanOrEqual(8 * 1024);
    expect(await consistencyProblems(central!, { code: k!.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
  });

  it('after a cut chunk or a lost answer, continues from the offset central holds', async () => {
    const { engine, patches, ctx } = await setUp(16 * 1024, 100_000);
    // The first chunk goes with the create; then the 3rd PATCH is cut on its way (central must not count it) and
    // the answer to the 5th is lost (central did). After each, the station asks central's offset (a create
    // without a chunk: central holds part of it) and goes on from there — the cut chunk again, the lost one not.
    proxy!.override = scriptFaults({ 'PATCH /v1/uploads/:id': [null, null, 'reset-request', null, 'reset-response'] });
    const loop = await syncUntilDone(engine, ctx, 3);
    expect(loop.errors).toEqual([]);
    const c = 16 * 1024;
    expect(patches.map((p) => p.offset)).toEqual([0, c, 2 * c, 3 * c, 3 * c, 4 * c, 5 * c, 6 * c]);
    expect(patches.map((p) => p.via)).toEqual(['create', 'patch', 'patch', 'patch', 'patch', 'patch', 'patch', 'patch']);
    expect(await consistencyProblems(central!, { code: k!.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
  });
});

describe('uploads in flight', () => {
  it('a scan waiting out its retry backoff lends its place: the other scans keep the places busy, never more than allowed', async () => {
    central = await CentralHost.start(sqliteBackend);
    k = await openStation('TOWN01');
    // Scans larger than a pack, so each holds a place of its own (packs share the same places: uploader.ts).
    const w = await buildWorkload(k, { cases: 8, seed: 4, attachEvery: 1, bigEvery: 1, bigBytes: 300_000 });
    const ctx = k.st.core.ctx;
    // The first scan's first two tries fail (the first retry goes at once, the second after a backoff of 60–120 ms);
    // every upload takes 30 ms at central's end, so scans overlap.
    const slow = w.shas[0]!;
    let inFlight = 0;
    let most = 0;
    let tries = 0;
    /** In flight (others' uploads) while the slow scan waits out its backoff: after its 2nd failure, before its 3rd try. */
    let waiting = false;
    let othersWhileWaiting = 0;
    const link: typeof fetch = async (url, init) => {
      const u = new URL(String(url));
      if (!(init?.method === 'POST' && u.pathname === '/v1/uploads')) return fetch(url, init);
      const mine = u.searchParams.get('sha256') === slow;
      if (mine) waiting = false;
      inFlight += 1;
      most = Math.max(most, inFlight);
      if (!mine && waiting) othersWhileWaiting = Math.max(othersWhileWaiting, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 30));
        if (mine && ++tries <= 2) {
          if (tries === 2) waiting = true;
          return new Response(JSON.stringify({ code: 'unavailable', message: '稍后重试', retryable: true }), { status: 503, headers: { 'content-type': 'application/json' } });
        }
        return await fetch(url, init);
      } finally {
        inFlight -= 1;
      }
    };
    const engine = fastEngine(ctx, 6, { fetch: link, uploadConcurrency: 2, requestRetry: { baseMs: 120, maxMs: 120, attempts: 6, immediate: true } });
    await engine.enroll(central.url, await central.issueCode(k.code));
    await syncUntilDone(engine, ctx, 3);
    expect(tries).toBe(3);
    expect(most).toBeLessThanOrEqual(2);
    // Before, the waiting scan held its place: one other upload at most while it waited.
    expect(othersWhileWaiting).toBe(2);
    expect(await consistencyProblems(central, { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
  });
});
