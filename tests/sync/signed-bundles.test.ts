import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCipheriv, createHash, createPrivateKey, generateKeyPairSync, hkdfSync, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeBackends } from '../../central/testing/backends';
import { issueCode } from '../../central/services/stations';
import { decryptBundle, importBundle } from '../../central/services/bundles';
import { CentralError } from '../../central/services/errors';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { intakeSample } from '../../core/testing/intake';
import type { SyncEngine } from '../../core/features/sync/engine';
import { SyncMetaStore } from '../../core/features/sync/meta';
import { installSyncEngine } from '../../core/features/sync/registry';
import { newSigningKey, sealBundle } from '../../core/features/sync/bundle';
import { BUNDLE_FORMAT, readBundleHeader, type BundleHeader, type PushOp } from '../../shared/sync';
import type { Session } from '../../core/session';
import type { BundleImportResult } from '../../shared/sync';
import { CentralHost } from './central-host';

/**
 * Offline bundles only the station can make and only central can read (issue #14, point 1): signed with the
 * station's Ed25519 key (central keeps the public half), sealed for central's X25519 key (not in its database).
 * Every refusal here is checked to change nothing at central: no seq used, no case, no op, no attachment — and the
 * real station's own ops then go up untouched.
 */
const NAMES = ['王秀英', '李桂兰', '张玉珍', '刘凤英', '陈淑华', '杨德明', '赵春梅', '孙丽娟'];
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describeBackends('signed, sealed offline bundles — central on $name', (backend) => {
  let central: CentralHost;
  const stations: TestStation[] = [];

  beforeEach(async () => {
    central = await CentralHost.start(backend);
  });
  afterEach(async () => {
    for (const s of stations.splice(0)) s.cleanup();
    await central?.stop();
  });

  async function station(code: string, clock?: TestStation['clock']): Promise<{ st: TestStation; team: Session; engine: SyncEngine }> {
    const st = await createTestStation({ stationCode: code, ...(clock ? { clock } : {}) });
    stations.push(st);
    const engine = installSyncEngine(st.core.ctx, { backoff: { attempts: 2, baseMs: 1, maxMs: 5 } });
    await engine.enroll(central.url, await codeFor(code));
    return { st, team: await st.as('mobile_team'), engine };
  }

  async function codeFor(code: string): Promise<string> {
    return (await issueCode(central.ctx, code, { regionCode: '371002' })).code;
  }

  /** Work done with no network: n cases, the first with a scan. */
  let person = 0;
  async function villageWork(st: TestStation, s: Session, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      person += 1;
      const p = await st.call(s, 'persons.register', { idNumber: residentId('1946-02-03', 100 + person), name: NAMES[person % NAMES.length]! });
      const c = await intakeSample(st, s, 'offsite_long_term_residence_filing', p.id);
      if (i === 0) await st.call(s, 'attachments.add', { caseId: c.id, version: c.version, fileName: '居住证明.png', mime: 'image/png', dataBase64: PNG.toString('base64') });
      ids.push(c.id);
    }
    return ids;
  }

  async function exportFile(st: TestStation, s: Session): Promise<Buffer> {
    return readFileSync((await st.call(s, 'sync.exportBundle', {})).path);
  }

  /** Central's import (what the back office's `bundle import` runs), or its refusal. */
  async function imported(bytes: Buffer): Promise<BundleImportResult | CentralError> {
    try {
      return await importBundle(central.ctx, bytes);
    } catch (e) {
      if (e instanceof CentralError) return e;
      throw e;
    }
  }

  /** Everything central holds about a station: a refusal must leave all of it as it was. */
  async function centralState(code: string) {
    const s = await central.station(code);
    return {
      lastSeq: s.lastSeq,
      cases: (await central.cases(s.id)).map((c) => `${c.id}:${c.centralVersion}`).sort(),
      ops: (await central.ops(s)).length,
      changes: (await central.changesFor(s)).filter((c) => c.kind !== 'calendar.year').length,
      blobs: (await central.store.blobsPresent([createHash('sha256').update(PNG).digest('hex')])).size,
    };
  }

  /** The ops a station holds, as a bundle carries them (seqs as central numbers them). */
  function opsOf(st: TestStation): PushOp[] {
    const offset = new SyncMetaStore(st.core.ctx).seqOffset();
    return st.core.ctx.repos.outbox.pending(10_000).map((op) => ({
      seq: op.seq + offset,
      opId: op.opId,
      kind: op.kind,
      caseId: op.caseId,
      payload: op.payload as Record<string, unknown>,
      baseVersion: op.baseVersion,
      createdAt: op.createdAt,
    }));
  }

  function plaintext(ops: PushOp[]): Buffer {
    const json = Buffer.from(JSON.stringify({ ops, blobs: [] }));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(json.length);
    return Buffer.concat([len, json]);
  }

  const st0 = () => stations[0]!;
  function headerFor(stationId: string, code: string, ops: PushOp[]): Omit<BundleHeader, 'ephemeralKey' | 'iv' | 'recipient' | 'signer' | 'cipher' | 'signature'> {
    return {
      format: BUNDLE_FORMAT,
      bundleId: st0().core.ctx.newId(),
      stationId,
      stationCode: code,
      createdAt: '2026-11-23T10:00:00.000+08:00',
      firstSeq: ops[0]!.seq,
      lastSeq: ops[ops.length - 1]!.seq,
      opCount: ops.length,
      blobCount: 0,
      blobBytes: 0,
    };
  }

  it('refuses the forgery of the issue — built from nothing but a copy of central’s database — and changes nothing', async () => {
    const { st, team, engine } = await station('TOWN01');
    const ids = await villageWork(st, team, 3);
    // What a copy of central's database tells about the station: its id, code, credential hash, signing key (public).
    const row = await central.station('TOWN01');
    const [registered] = await central.store.stationKeys(row.id);
    expect(registered).toMatchObject({ state: 'active' });
    // Central's own private key is not in it either (a file beside it): for SQLite, its bytes are not in the file.
    if (backend.name === 'sqlite') {
      const dbFile = readFileSync(join(central.dataDir, 'central.sqlite'));
      const privateRaw = central.ctx.bundleKey.privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(-32);
      expect(dbFile.includes(privateRaw)).toBe(false);
      expect(dbFile.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    }
    // The attacker's cases: a made-up person, written at a station of their own that claims the same code.
    const rogue = await createTestStation({ stationCode: 'TOWN01' });
    stations.push(rogue);
    await villageWork(rogue, await rogue.as('mobile_team'), 2);
    const forgedOps = opsOf(rogue).map((op, i) => ({ ...op, seq: i + 1 }));
    const header = headerFor(row.id, 'TOWN01', forgedOps);
    const before = await centralState('TOWN01');

    // 1. The attack as it worked before: format 1, the key derived from sha256(credential) — which the database holds.
    const v1Header = { ...header, format: 1, cipher: 'aes-256-gcm', kdf: 'hkdf-sha256', iv: randomBytes(12).toString('base64') };
    const line = Buffer.from(`${JSON.stringify(v1Header)}\n`);
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(row.credentialHash!, 'hex'), Buffer.from(header.bundleId), 'yibao-workstation offline bundle v1', 32));
    const c = createCipheriv('aes-256-gcm', key, Buffer.from(v1Header.iv, 'base64'));
    c.setAAD(line);
    const v1 = Buffer.concat([Buffer.from('YBBUNDLE/1\n'), line, c.update(JSON.stringify({ ops: forgedOps, blobs: [] })), c.final(), c.getAuthTag()]);
    const old = await imported(v1);
    expect(old).toBeInstanceOf(CentralError);
    expect((old as CentralError).message).toContain('请用新版本重新导出');

    // 2. Format 2, sealed for central's public key (anyone may have it), naming the station's registered key, but
    //    signed with a key of the attacker's own: the database has no private key to sign with.
    const central1 = new SyncMetaStore(st.core.ctx).centralKey()!;
    const attacker = newSigningKey();
    const posing = sealBundle(header, plaintext(forgedOps), { ...attacker, keyId: registered!.keyId }, central1);
    const r2 = await imported(posing);
    expect(r2).toBeInstanceOf(CentralError);
    expect((r2 as CentralError).message).toMatch(/签名校验失败/);
    // 3. …or naming the attacker's own key, which the station never registered.
    const r3 = await imported(sealBundle(header, plaintext(forgedOps), attacker, central1));
    expect((r3 as CentralError).message).toMatch(/不是站点 TOWN01 登记过的密钥/);
    // 4. Relayed by a proxy helper at another station, as in the issue: refused there too.
    const town2 = await station('TOWN02');
    const relay = await town2.st.callRaw(await town2.st.as('proxy_helper'), 'sync.relayBundle', { fileName: 'TOWN01.ybb', dataBase64: posing.toString('base64') });
    expect(relay.ok).toBe(false);
    if (!relay.ok) expect(relay.error.message).toMatch(/签名校验失败/);

    expect(await centralState('TOWN01')).toEqual(before);
    // The real station's own ops go up untouched: none refused as seq-reused.
    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pushed: { rejected: 0 } });
    expect((await central.cases(row.id)).map((x) => x.id).sort()).toEqual([...ids].sort());
  });

  it('a bundle altered in one byte — anywhere — changes nothing; the untouched file then imports', async () => {
    const { st, team } = await station('TOWN01');
    await villageWork(st, team, 2);
    const bytes = await exportFile(st, team);
    const n = st.core.ctx.repos.outbox.pendingCount();
    const before = await centralState('TOWN01');
    const headerEnd = bytes.indexOf(0x0a, 11);
    for (const at of [5, 40, headerEnd - 3, headerEnd + 10, Math.floor(bytes.length / 2), bytes.length - 70, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = altered[at]! ^ 0x01;
      const r = await imported(altered);
      expect(r, `byte ${at}`).toBeInstanceOf(CentralError);
    }
    expect(await centralState('TOWN01')).toEqual(before);
    const ok = await imported(bytes);
    expect(ok).toMatchObject({ applied: n, duplicate: 0, rejected: 0, blobsStored: 1 });
  });

  it('a bundle of station A presented as B changes nothing, however B re-signs it', async () => {
    const a = await station('TOWN01');
    await villageWork(a.st, a.team, 2);
    const bytes = await exportFile(a.st, a.team);
    const b = await station('TOWN02');
    const aRow = await central.station('TOWN01');
    const bRow = await central.station('TOWN02');
    const beforeA = await centralState('TOWN01');
    const beforeB = await centralState('TOWN02');
    // B holds its own signing key (in its store): it can sign whatever it likes with it.
    const bKey = new SyncMetaStore(b.st.core.ctx).signingKey()!;
    const signByB = (file: Buffer) => Buffer.concat([file, sign(null, file, createPrivateKey({ key: Buffer.from(bKey.privateKey, 'base64'), format: 'der', type: 'pkcs8' }))]);
    const edit = (file: Buffer, pairs: [string | RegExp, string][]) => {
      let t = file.toString('latin1');
      for (const [from, to] of pairs) t = t.replace(from, to);
      return Buffer.from(t, 'latin1');
    };
    const toB: [string | RegExp, string][] = [
      [`"stationId":"${aRow.id}"`, `"stationId":"${bRow.id}"`],
      ['"stationCode":"TOWN01"', '"stationCode":"TOWN02"'],
    ];
    const body = bytes.subarray(0, bytes.length - 64);
    const attempts: [string, Buffer][] = [
      ['header changed to B, A’s signature kept', edit(bytes, toB)],
      ['header changed to B, re-signed by B', signByB(edit(body, toB))],
      ['header changed to B and to B’s key, re-signed by B', signByB(edit(body, [...toB, [/"signer":"[0-9a-f]{64}"/, `"signer":"${bKey.keyId}"`]]))],
      ['A’s header, re-signed by B', signByB(body)],
    ];
    for (const [what, file] of attempts) {
      expect(file.equals(bytes), what).toBe(false);
      const r = await imported(file);
      expect(r, what).toBeInstanceOf(CentralError);
      expect((r as CentralError).status, what).toBe(403);
    }
    expect(await centralState('TOWN01')).toEqual(beforeA);
    expect(await centralState('TOWN02')).toEqual(beforeB);
  });

  it('a replayed bundle changes nothing: again at once, and again after the team synced online', async () => {
    const { st, team, engine } = await station('TOWN01');
    const ids = await villageWork(st, team, 3);
    const bytes = await exportFile(st, team);
    const n = st.core.ctx.repos.outbox.pendingCount();
    const first = await imported(bytes);
    expect(first).toMatchObject({ ops: n, applied: n, duplicate: 0, rejected: 0 });
    const after = await centralState('TOWN01');
    expect(await imported(bytes)).toMatchObject({ applied: 0, duplicate: n, blobsStored: 0 });
    expect(await centralState('TOWN01')).toEqual(after);
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: { applied: 0, duplicate: n, rejected: 0 } });
    const synced = await centralState('TOWN01');
    expect(await imported(bytes)).toMatchObject({ applied: 0, duplicate: n });
    expect(await centralState('TOWN01')).toEqual(synced);
    expect(synced.cases).toHaveLength(ids.length);
    // Each op's outcome names the case (for the relaying station's screen), never a person.
    expect((first as BundleImportResult).results!.filter((r) => r.kind === 'case.accept').every((r) => r.caseNo?.startsWith('TOWN01'))).toBe(true);
  });

  it('a relaying station cannot read it: nothing in clear, no key it holds opens it; central’s does', async () => {
    const { st, team } = await station('TOWN01');
    await villageWork(st, team, 2);
    const bytes = await exportFile(st, team);
    const relay = await station('TOWN02');
    const idNumber = residentId('1946-02-03', 100 + person);
    for (const clear of [Buffer.from(idNumber), Buffer.from('居住证明'), Buffer.from(NAMES[person % NAMES.length]!), PNG.subarray(0, 16)]) {
      expect(bytes.includes(clear), clear.toString()).toBe(false);
    }
    // What the relaying station holds: its credential, its own signing key, central's public key. Tried as the
    // X25519 key the file is sealed for, none opens it (nor does any other central's key).
    const meta = new SyncMetaStore(relay.st.core.ctx);
    const x25519 = (raw: Buffer) => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), raw]), format: 'der', type: 'pkcs8' });
    const bundleId = Buffer.from((readBundleHeader(bytes) as { header: BundleHeader }).header.bundleId);
    const candidates = [
      x25519(createHash('sha256').update(meta.config()!.credential).digest()),
      x25519(Buffer.from(hkdfSync('sha256', createHash('sha256').update(meta.config()!.credential).digest(), bundleId, 'yibao-workstation offline bundle v1', 32))),
      x25519(Buffer.from(meta.signingKey()!.privateKey, 'base64').subarray(-32)),
      generateKeyPairSync('x25519').privateKey,
    ];
    for (const privateKey of candidates) expect(() => decryptBundle(bytes, { ...central.ctx.bundleKey, privateKey })).toThrow();
    // Positive control: central's own key opens it, and it holds the work.
    expect(decryptBundle(bytes, central.ctx.bundleKey).includes(Buffer.from(idNumber))).toBe(true);
    // Relayed, it is applied, though the relay could not read it.
    const n = st.core.ctx.repos.outbox.pendingCount();
    const r = await relay.st.call(await relay.st.as('clerk'), 'sync.relayBundle', { fileName: 'TOWN01.ybb', dataBase64: bytes.toString('base64') });
    expect(r).toMatchObject({ stationCode: 'TOWN01', ops: n, applied: n, rejected: 0 });
    expect(r.results.map((x) => x.status)).toEqual(Array.from({ length: n }, () => 'applied'));
  });

  it('re-enrolling (a new laptop) keeps the old key: a bundle signed before imports exactly once; nothing newer is taken under it', async () => {
    const old = await station('TOWN01');
    const onStick = await villageWork(old.st, old.team, 3);
    const n = old.st.core.ctx.repos.outbox.pendingCount();
    const bytes = await exportFile(old.st, old.team);
    const oldKey = new SyncMetaStore(old.st.core.ctx).signingKey()!;

    // The laptop is replaced: a new installation enrolls with a new code, works, and syncs.
    const fresh = await station('TOWN01');
    const keys = await central.store.stationKeys((await central.station('TOWN01')).id);
    expect(keys.map((k) => [k.keyId === oldKey.keyId ? 'old' : 'new', k.state])).toEqual(expect.arrayContaining([['old', 'retired'], ['new', 'active']]));
    const done = await villageWork(fresh.st, fresh.team, 2);
    expect(await fresh.engine.syncNow()).toMatchObject({ ok: true, pushed: { rejected: 0 } });

    // The stick arrives: the old key's work goes in once — without touching the new laptop's seqs.
    expect(await imported(bytes)).toMatchObject({ ops: n, applied: n, duplicate: 0, rejected: 0 });
    expect(await imported(bytes)).toMatchObject({ applied: 0, duplicate: n });
    const retired = (await central.store.stationKeys((await central.station('TOWN01')).id)).find((k) => k.keyId === oldKey.keyId)!;
    expect(retired.streamSeq! - retired.streamFrom!).toBe(n);
    const more = await villageWork(fresh.st, fresh.team, 2);
    expect(await fresh.engine.syncNow()).toMatchObject({ ok: true, pushed: { rejected: 0 } });
    const row = await central.station('TOWN01');
    expect((await central.cases(row.id)).map((c) => c.id).sort()).toEqual([...onStick, ...done, ...more].sort());
    expect((await central.ops(row)).every((o) => o.result === 'applied')).toBe(true);

    // The old laptop, still about after the re-enrollment, makes another bundle with the retired key: refused.
    const before = await centralState('TOWN01');
    old.st.clock.set(new Date(Date.now() + 86_400_000).toISOString());
    await villageWork(old.st, old.team, 1);
    const late = await imported(await exportFile(old.st, old.team));
    expect(late).toBeInstanceOf(CentralError);
    expect((late as CentralError).message).toMatch(/已停用的密钥/);
    expect(await centralState('TOWN01')).toEqual(before);
  });

  for (const first of ['online', 'stick'] as const) {
    it(`re-enrolling the same installation: its bundle from before and its pending ops go up once (${first} first)`, async () => {
      const { st, team, engine } = await station('TOWN01');
      const ids = await villageWork(st, team, 3);
      const n = st.core.ctx.repos.outbox.pendingCount();
      const bytes = await exportFile(st, team);
      // Re-enrolled (a new code: a credential lost, or the station revoked and restored).
      await engine.enroll(central.url, await codeFor('TOWN01'));
      if (first === 'online') {
        expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: { applied: n, rejected: 0 } });
        expect(await imported(bytes)).toMatchObject({ ops: n, applied: 0, duplicate: n, rejected: 0 });
      } else {
        // Signed with the key the re-enrollment retired: taken on that key's own seq line.
        expect(await imported(bytes)).toMatchObject({ ops: n, applied: n, duplicate: 0, rejected: 0 });
        expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: { applied: 0, duplicate: n, rejected: 0 } });
      }
      expect(st.core.ctx.repos.outbox.pendingCount()).toBe(0);
      const row = await central.station('TOWN01');
      expect((await central.cases(row.id)).map((c) => c.id).sort()).toEqual([...ids].sort());
      expect((await central.ops(row)).filter((o) => o.result === 'applied')).toHaveLength(n);
    });
  }

  it('an old-format bundle is refused with a clear message and changes nothing', async () => {
    const { st, team } = await station('TOWN01');
    await villageWork(st, team, 1);
    const bytes = await exportFile(st, team);
    const before = await centralState('TOWN01');
    const v1 = Buffer.concat([Buffer.from('YBBUNDLE/1\n'), bytes.subarray(bytes.indexOf(0x0a) + 1)]);
    const r = await imported(v1);
    expect(r).toBeInstanceOf(CentralError);
    expect((r as CentralError).message).toContain('请用新版本重新导出');
    expect(await centralState('TOWN01')).toEqual(before);
  });

  it('a station enrolled before 1.2 registers a signing key on its next sync, then exports', async () => {
    const st = await createTestStation({ stationCode: 'TOWN01' });
    stations.push(st);
    // Central announces 1.1 (an older central) while the station enrolls: no keys are exchanged.
    let announce: number | null = 1;
    const link: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (announce === null || !String(url).endsWith('/v1/health')) return res;
      const body = (await res.json()) as { protocol: { version: string; minor: number } };
      body.protocol = { ...body.protocol, version: `1.${announce}`, minor: announce };
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
    };
    const engine = installSyncEngine(st.core.ctx, { fetch: link, backoff: { attempts: 2, baseMs: 1, maxMs: 5 } });
    await engine.enroll(central.url, await codeFor('TOWN01'));
    const team = await st.as('mobile_team');
    expect(new SyncMetaStore(st.core.ctx).signingKey()).toBeNull();
    await villageWork(st, team, 1);
    const refused = await st.callRaw(team, 'sync.exportBundle', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/签名密钥/);
    // Central upgraded: the next sync registers the key (once), and a bundle can be made and imported.
    announce = null;
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    const key = new SyncMetaStore(st.core.ctx).signingKey()!;
    expect((await central.store.stationKeys((await central.station('TOWN01')).id)).map((k) => [k.keyId, k.state])).toEqual([[key.keyId, 'active']]);
    await villageWork(st, team, 1);
    const n = st.core.ctx.repos.outbox.pendingCount();
    expect(await imported(await exportFile(st, team))).toMatchObject({ applied: n, rejected: 0 });
    // A second registration with another key is refused: a new key comes with a new enrollment.
    const other = newSigningKey();
    const res = await fetch(`${central.url}/v1/stations/me/signing-key`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${new SyncMetaStore(st.core.ctx).config()!.credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: '1.2', signingKey: other.publicKey }),
    });
    expect(res.status).toBe(409);
  });
});
