import { describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../central/testing/backends';
import { decodePack, UPLOAD_PACK_SINCE } from '../../shared/sync/upload-pack';
import { PACK_MAX_BYTES, UPLOAD_CHUNK_BYTES } from '../../core/features/sync/link-pace';
import { CentralHost } from './central-host';
import { FaultyProxy } from './faulty-proxy';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { stopAfterEach } from './teardown';

/**
 * Upload packs seen from the wire (protocol 1.5): small scans share a request, as many as the link carries in about
 * two seconds (one chunk's worth before anything is measured, never more than 1 MB); a central that speaks less gets
 * one scan per request; a pack refused as too large on the way, or a blob central says does not hash, still ends
 * with every scan stored once.
 */
let central: CentralHost | undefined;
let proxy: FaultyProxy | undefined;
let k: KitStation | undefined;

stopAfterEach(() => ({ central, proxy, k }));

interface Sent {
  /** A pack: the bytes of its blobs and their sha256s; a single upload's create: its sha256. */
  pack: { bytes: number; shas: string[] } | null;
  single: string | null;
}

/** `scans` cases, each with a scan of `scanBytes`, behind a proxy that delays every request by up to `latencyMs`. */
async function setUp(scans: number, scanBytes: number, o: { latencyMs?: number; link?: typeof fetch } = {}) {
  central = await CentralHost.start(sqliteBackend);
  proxy = await FaultyProxy.start(central.url, { seed: 2, latencyMs: o.latencyMs ?? 0 });
  proxy.enabled = false;
  const sent: Sent[] = [];
  proxy.observe = (method, url, _headers, body) => {
    if (method !== 'POST') return;
    if (url.startsWith('/v1/uploads/pack?')) {
      const p = decodePack(body);
      if (p.ok) sent.push({ pack: { bytes: p.blobs.reduce((n, b) => n + b.entry.size, 0), shas: p.blobs.map((b) => b.entry.sha256) }, single: null });
    } else if (url.startsWith('/v1/uploads')) {
      sent.push({ pack: null, single: new URL(url, 'http://x').searchParams.get('sha256') });
    }
  };
  k = await openStation('TOWN01');
  const w = await buildWorkload(k, { cases: scans, seed: 3, attachEvery: 1, bigEvery: 1, bigBytes: scanBytes });
  const engine = fastEngine(k.st.core.ctx, 5, o.link ? { fetch: o.link } : {});
  await engine.enroll(proxy.url, await central.issueCode(k.code));
  return { engine, sent, w, ctx: k.st.core.ctx };
}

const jsonResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('upload packs', () => {
  it('packs small scans by the link: one chunk’s worth first, then what the link carries, never over 1 MB; each scan stored once', async () => {
    const { engine, sent, w, ctx } = await setUp(48, 60_000, { latencyMs: 60 });
    await syncUntilDone(engine, ctx, 3);
    expect(await consistencyProblems(central!, { code: k!.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    const packs = sent.map((s) => s.pack).filter((p) => p !== null);
    expect(sent.filter((s) => s.single !== null)).toEqual([]);
    // Every scan went up in a pack, and each in exactly one (no answer was lost on this link).
    expect(packs.flatMap((p) => p.shas).sort()).toEqual([...w.shas].sort());
    // Before the link is measured a pack holds one chunk's worth (4 scans of 60 KB); once it is, more.
    expect(packs[0]!.bytes).toBeLessThanOrEqual(UPLOAD_CHUNK_BYTES);
    expect(Math.max(...packs.map((p) => p.bytes))).toBeGreaterThan(UPLOAD_CHUNK_BYTES);
    for (const p of packs) expect(p.bytes).toBeLessThanOrEqual(PACK_MAX_BYTES);
    // 48 scans in far fewer requests than one each.
    expect(packs.length).toBeLessThan(48 / 4);
  });

  it('uploads one scan per request to a central that speaks less than 1.5', async () => {
    const announce: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (!String(url).endsWith('/v1/health')) return res;
      const body = (await res.json()) as { protocol: { version: string; minor: number } };
      body.protocol = { ...body.protocol, version: `1.${UPLOAD_PACK_SINCE - 1}`, minor: UPLOAD_PACK_SINCE - 1 };
      return jsonResponse(res.status, body);
    };
    const { engine, sent, w, ctx } = await setUp(6, 20_000, { link: announce });
    await syncUntilDone(engine, ctx, 3);
    expect(await consistencyProblems(central!, { code: k!.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    expect(sent.filter((s) => s.pack !== null)).toEqual([]);
    expect(sent.map((s) => s.single).sort()).toEqual([...w.shas].sort());
  });

  it('after a pack refused as too large on the way (413), sends smaller packs, and every scan arrives', async () => {
    /** A gateway that takes bodies of 300 KB at most. */
    const LIMIT = 300_000;
    let refused = 0;
    const gateway: typeof fetch = async (url, init) => {
      const body = init?.body;
      if (String(url).includes('/v1/uploads/pack') && body instanceof Uint8Array && body.byteLength > LIMIT) {
        refused += 1;
        return jsonResponse(413, { code: 'payload-too-large', message: '请求体过大', retryable: false });
      }
      return fetch(url, init);
    };
    const { engine, sent, ctx } = await setUp(120, 60_000, { latencyMs: 60, link: gateway });
    await syncUntilDone(engine, ctx, 3);
    expect(await consistencyProblems(central!, { code: k!.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    // Refused only for packs made before the first refusal came back (one per place, and its two halves while
    // they were still too large), never for the ones made after it (without the pace's ceiling: 25 refusals) …
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(3 * 3);
    // … and the refused packs went again in halves: every scan still shared a request with others.
    expect(sent.filter((s) => s.single !== null)).toEqual([]);
    const packs = sent.map((s) => s.pack).filter((p) => p !== null);
    expect(packs.filter((p) => p.shas.length > 1).length).toBeGreaterThan(packs.length / 2);
  });

  it('sends a scan on its own when central answers that its bytes in a pack did not hash', async () => {
    let doubted: string | null = null;
    const doubting: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (doubted !== null || !String(url).includes('/v1/uploads/pack') || res.status !== 200) return res;
      const body = (await res.json()) as { results: { sha256: string; status: string }[] };
      doubted = body.results[0]!.sha256;
      body.results[0]!.status = 'checksum-mismatch';
      return jsonResponse(200, body);
    };
    const { engine, sent, ctx } = await setUp(5, 20_000, { link: doubting });
    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pushed: { rejected: 0 } });
    expect(await consistencyProblems(central!, { code: k!.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    expect(sent.filter((s) => s.single !== null).map((s) => s.single)).toEqual([doubted]);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM attachments WHERE damaged IS NOT NULL').get()).toEqual({ n: 0 });
  });
});
