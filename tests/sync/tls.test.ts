import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../central/testing/backends';
import { issueCode } from '../../central/services/stations';
import { createTestStation, type TestStation } from '../../core/testing/fixtures';
import { SyncHttp } from '../../core/features/sync/http';
import { CentralHost } from './central-host';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems, type CentralFacts } from './consistency';

/**
 * TLS between a station and central. Certificates are made with the `openssl` command (node:crypto cannot issue
 * X.509; the Debian package is there wherever PostgreSQL's tests run): a provincial CA and a server certificate it
 * signed for 127.0.0.1, a self-signed server certificate, and an impostor's. The test is skipped, saying why, when
 * openssl is missing.
 */
const OPENSSL = spawnSync('openssl', ['version']).status === 0;
if (!OPENSSL) console.warn('[tls tests] SKIPPED: the openssl command is not installed (apt-get install -y openssl)');

interface Certs {
  dir: string;
  caPem: string;
  /** Signed by the CA, for IP 127.0.0.1. */
  signed: { cert: string; key: string };
  /** Self-signed, for IP 127.0.0.1. */
  selfSigned: { cert: string; key: string; sha256: string };
  /** Another self-signed one: an impostor's. */
  impostor: { cert: string; key: string; sha256: string };
}

function makeCerts(): Certs {
  const dir = mkdtempSync(path.join(tmpdir(), 'central-tls-'));
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ext = f('san.cnf');
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  // The provincial CA, and a server certificate it signs.
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=Test Provincial Medical Insurance CA');
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('signed.key'), '-out', f('signed.csr'), '-subj', '/CN=127.0.0.1');
  ssl('x509', '-req', '-in', f('signed.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('signed.pem'), '-days', '2', '-extfile', ext);
  const selfSigned = (name: string) => {
    ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    const der = new X509Certificate(readFileSync(f(`${name}.pem`))).raw;
    return { cert: f(`${name}.pem`), key: f(`${name}.key`), sha256: createHash('sha256').update(der).digest('hex') };
  };
  return { dir, caPem: readFileSync(f('ca.pem'), 'utf8'), signed: { cert: f('signed.pem'), key: f('signed.key') }, selfSigned: selfSigned('self'), impostor: selfSigned('impostor') };
}

/** openssl's way of writing a fingerprint (what an operator copies): AB:CD:… */
const colonned = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

/** The checks of the sync suites, with the bytes central holds read from its store (its HTTPS is self-made). */
function facts(central: CentralHost): CentralFacts {
  return {
    station: (c) => central.station(c),
    ops: (s) => central.ops(s),
    cases: (id) => central.cases(id),
    changesFor: (s) => central.changesFor(s),
    blob: async (sha) => {
      if (!(await central.store.blobBySha(sha))) return null;
      const parts: Buffer[] = [];
      for await (const c of await central.ctx.blobs.openRead(sha)) parts.push(c as Buffer);
      return Buffer.concat(parts);
    },
  };
}

describe.skipIf(!OPENSSL)('TLS between station and central', () => {
  let certs: Certs;
  const centrals: CentralHost[] = [];
  const stations: (TestStation | KitStation['st'])[] = [];

  beforeAll(() => {
    certs = makeCerts();
  });
  afterAll(() => rmSync(certs.dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const s of stations.splice(0)) s.cleanup();
    for (const c of centrals.splice(0)) await c.stop();
  });

  async function tlsCentral(cert: { cert: string; key: string }): Promise<CentralHost> {
    const c = await CentralHost.start(sqliteBackend, { tls: { certFile: cert.cert, keyFile: cert.key } });
    centrals.push(c);
    expect(c.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    return c;
  }

  /** Requests central saw (so a refused connection can be shown to have sent nothing). */
  function countRequests(c: CentralHost): { n: number } {
    const seen = { n: 0 };
    c.app.server.on('request', () => {
      seen.n += 1;
    });
    return seen;
  }

  const code = async (c: CentralHost, stationCode: string) => (await issueCode(c.ctx, stationCode, { regionCode: '371002' })).code;

  it('refuses an http:// central that is not this machine, at connect time and when syncing, sending nothing', async () => {
    const st = await createTestStation();
    stations.push(st);
    const sup = await st.as('supervisor');
    const r = await st.core.router.handle(sup, 'sync.enroll', { centralUrl: 'http://10.20.30.40:8780', code: 'ABCD-EFGH' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'invalid_input', field: 'centralUrl' });
    expect(r.error.message).toContain('https://');
    // And the HTTP client refuses it whatever its caller: nothing is sent (an old setting, a hand-edited store).
    let sent = 0;
    const spy: typeof fetch = async (...a) => {
      sent += 1;
      return fetch(...a);
    };
    const http = new SyncHttp({ baseUrl: 'http://yb.example.gov.cn', credential: () => 'ycs1_secret', fetch: spy });
    await expect(http.health()).rejects.toThrow(/https:\/\//);
    expect(sent).toBe(0);
    // http:// to this machine stays possible (a test central).
    expect(new SyncHttp({ baseUrl: 'http://127.0.0.1:1', credential: () => null })).toBeInstanceOf(SyncHttp);
    const pin = await st.core.router.handle(sup, 'sync.enroll', { centralUrl: 'https://yb.example.gov.cn', code: 'ABCD-EFGH', tlsPin: 'not-a-fingerprint' });
    expect(!pin.ok && pin.error.field).toBe('tlsPin');
  });

  it('syncs over HTTPS on loopback with a pinned self-signed certificate (fingerprint entered at connect time)', async () => {
    const central = await tlsCentral(certs.selfSigned);
    const k = await openStation('TOWN01');
    stations.push(k.st);
    await buildWorkload(k, { cases: 30, seed: 4, attachEvery: 4, bigEvery: 3, bigBytes: 400_000 });
    const ctx = k.st.core.ctx;
    const engine = fastEngine(ctx, 8);
    // Without the pin, central's self-signed certificate is not trusted.
    await expect(engine.enroll(central.url, await code(central, 'TOWN01'))).rejects.toThrow(/证书/);
    await engine.enroll(central.url, await code(central, 'TOWN01'), undefined, { pinSha256: certs.selfSigned.sha256 });
    expect(ctx.repos.syncMeta.get('central.tls.pin')).toBe(certs.selfSigned.sha256);
    const loop = await syncUntilDone(engine, ctx, 20);
    expect(loop.errors).toEqual([]);
    expect(await consistencyProblems(facts(central), { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
  });

  it('refuses a certificate that is not the pinned one — at connect time, and an impostor later — before sending anything', async () => {
    const central = await tlsCentral(certs.selfSigned);
    const seen = countRequests(central);
    const st = await createTestStation();
    stations.push(st);
    const sup = await st.as('supervisor');
    const wrong = await st.core.router.handle(sup, 'sync.enroll', { centralUrl: central.url, code: await code(central, 'TOWN01'), tlsPin: colonned(certs.impostor.sha256) });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.field).toBe('tlsPin');
    expect(wrong.error.message).toContain('指纹');
    expect(seen.n).toBe(0);
    // The right fingerprint, as openssl prints it (AB:CD:…), connects.
    const ok = await st.core.router.handle(sup, 'sync.enroll', { centralUrl: central.url, code: await code(central, 'TOWN01'), tlsPin: colonned(certs.selfSigned.sha256) });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    // Later an impostor answers at central's address with another certificate: the station stops, and the
    // impostor never sees a request (no credential, no personal data).
    const impostor = await tlsCentral(certs.impostor);
    const fooled = countRequests(impostor);
    st.core.ctx.repos.syncMeta.set('central.url', impostor.url);
    const run = await st.call(sup, 'sync.now', {});
    expect(run.ok).toBe(false);
    expect(run.error).toContain('指纹');
    expect(fooled.n).toBe(0);
  });

  it('trusts a provincial CA given at connect time, and only then', async () => {
    const central = await tlsCentral(certs.signed);
    const k = await openStation('TOWN02');
    stations.push(k.st);
    await buildWorkload(k, { cases: 12, seed: 6, attachEvery: 3 });
    const ctx = k.st.core.ctx;
    const engine = fastEngine(ctx, 9);
    await expect(engine.enroll(central.url, await code(central, 'TOWN02'))).rejects.toThrow(/CA 证书或证书指纹/);
    await engine.enroll(central.url, await code(central, 'TOWN02'), undefined, { caPem: certs.caPem });
    expect((await syncUntilDone(engine, ctx, 20)).errors).toEqual([]);
    expect(await consistencyProblems(facts(central), { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
    // Another CA's certificate is not trusted by the provincial one.
    const other = await tlsCentral(certs.impostor);
    const k3 = await openStation('TOWN03');
    stations.push(k3.st);
    const e2 = fastEngine(k3.st.core.ctx, 10);
    await expect(e2.enroll(other.url, await code(other, 'TOWN03'), undefined, { caPem: certs.caPem })).rejects.toThrow(/证书/);
  });
});
