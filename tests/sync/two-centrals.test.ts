import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { OpResult, PushResponse } from '../../shared/sync/push';
import { describeBackends } from '../../central/testing/backends';
import { backOfficeOfProcess, type BackOfficeHttp } from '../../central/testing/back-office';
import { openPostgresStore, type PostgresStore } from '../../central/store/postgres';
import { exportBundle } from '../../core/features/sync/bundle';
import { stopProcess } from '../../core/testing/stop-process';
import { printedAddress } from '../../core/testing/printed-address';
import { buildWorkload, openStation, type KitStation } from './workload';
import { fastEngine, syncUntilDone } from './sync-loop';
import { consistencyProblems } from './consistency';
import { SplitProxy, type FannedPush } from './split-proxy';
import { StoreFacts } from './store-facts';

/**
 * Two central processes on one PostgreSQL, behind a balancer, serving the same stations: each station's requests
 * alternate between them and a fifth of its pushes reach both at once. Each process must answer every op of a
 * batch exactly once and with its TRUE outcome — so the station records every op as central holds it (none left
 * `rejected stale-version` that central applied, no seq answered twice) — with attachments in a directory both
 * share. And a CLI bundle import run beside the station's own online push of the same ops applies each op once.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Node {
  child: ChildProcess;
  url: string;
}

let nodes: Node[] = [];
let kits: KitStation[] = [];
let proxy: SplitProxy | undefined;
let store: PostgresStore | undefined;
let dirs: string[] = [];

afterEach(async () => {
  for (const k of kits) k.st.cleanup();
  kits = [];
  await proxy?.stop();
  proxy = undefined;
  await Promise.all(nodes.map((n) => stopProcess(n.child)));
  nodes = [];
  await store?.close();
  store = undefined;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function centralEnv(databaseUrl: string, shared: string, own: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CENTRAL_DATA_DIR: own,
    // What the nodes share besides the database: the attachments and central's bundle key.
    CENTRAL_BLOB_DIR: path.join(shared, 'blobs'),
    CENTRAL_BUNDLE_KEY_FILE: path.join(shared, 'bundle-key.pem'),
    CENTRAL_LOG_LEVEL: 'warn',
    // The workload adds scans to cases after they were accepted: central must not complete on-the-spot items first.
    CENTRAL_AUTO_DECIDE_ON_THE_SPOT: 'false',
  };
}

async function startNode(env: NodeJS.ProcessEnv): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'central', 'cli.ts'), 'serve', '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, url: await printedAddress(child, /(http:\/\/127\.0\.0\.1:\d+)\/v1\/health/, 'central') };
}

/** Two central processes on a fresh database, and the back office (signed in through the first). */
async function twoCentrals(databaseUrl: string): Promise<{ bo: BackOfficeHttp; envs: NodeJS.ProcessEnv[] }> {
  const shared = mkdtempSync(path.join(tmpdir(), 'central-shared-'));
  const own = [mkdtempSync(path.join(tmpdir(), 'central-a-')), mkdtempSync(path.join(tmpdir(), 'central-b-'))];
  dirs.push(shared, ...own);
  const envs = own.map((d) => centralEnv(databaseUrl, shared, d));
  nodes.push(await startNode(envs[0]!));
  nodes.push(await startNode(envs[1]!));
  const bo = await backOfficeOfProcess(nodes[0]!.url, envs[0]!);
  store = await openPostgresStore(databaseUrl);
  return { bo, envs };
}

/** What a push answer says of each op: its seq and outcome, `duplicate` resolved to the original outcome. */
function outcomes(body: PushResponse): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of body.results as OpResult[]) {
    const outcome = r.status === 'duplicate' ? (r.original ?? 'unknown') : r.status;
    out.set(r.seq, outcome);
  }
  return out;
}

/** Problems in the answers of pushes that reached both processes. */
function fanProblems(fanned: readonly FannedPush[]): string[] {
  const problems: string[] = [];
  for (const f of fanned) {
    const ok = f.answers.filter((a) => a.status === 200);
    for (const a of ok) {
      const results = (a.body as PushResponse).results as OpResult[];
      const seqs = results.map((r) => r.seq);
      if (new Set(seqs).size !== seqs.length) problems.push(`upstream ${a.upstream} answered a seq twice in one response: ${seqs.join(',')}`);
      for (const r of results) if (r.status === 'rejected') problems.push(`upstream ${a.upstream} rejected seq ${r.seq}: ${r.code} ${r.message}`);
      if (seqs.some((s) => !f.seqs.includes(s))) problems.push(`upstream ${a.upstream} answered seqs it was not sent`);
    }
    if (ok.length === 2) {
      const [x, y] = ok.map((a) => outcomes(a.body as PushResponse));
      for (const [seq, o] of x!) if (y!.has(seq) && y!.get(seq) !== o) problems.push(`seq ${seq}: one process says ${o}, the other ${y!.get(seq)}`);
    }
    for (const a of f.answers) if (a.status !== 200 && a.status !== 409 && a.status !== 503) problems.push(`upstream ${a.upstream} answered ${a.status}: ${JSON.stringify(a.body)}`);
  }
  return problems;
}

describeBackends(
  'two central processes on one PostgreSQL ($name)',
  (backend) => {
    it('answer a batch sent to both, and stations whose requests alternate, each op once with its true outcome', async () => {
      const { bo } = await twoCentrals(await backend.freshUrl!());
      proxy = await SplitProxy.start(
        nodes.map((n) => n.url),
        { bothRate: 0.25, seed: 7 },
      );
      const engines: ReturnType<typeof fastEngine>[] = [];
      for (const [i, code] of ['TOWN01', 'TOWN02', 'TOWN03'].entries()) {
        const k = await openStation(code, i);
        kits.push(k);
        await buildWorkload(k, { cases: 90, seed: 3 + i, attachEvery: 6, bigEvery: 4, bigBytes: 300_000 });
        // Small batches: many pushes, many of them fanned out to both processes.
        const engine = fastEngine(k.st.core.ctx, 60 + i, { batchSize: 15 });
        const code1 = (await bo.admin<{ code: string }>('POST', `/v1/admin/stations/${code}/codes`, { regionCode: '371002' })).body.code;
        await engine.enroll(proxy.url, code1);
        engines.push(engine);
      }
      const loops = await Promise.all(kits.map((k, i) => syncUntilDone(engines[i]!, k.st.core.ctx, 300)));
      expect(loops.every((l) => l.runs >= 1)).toBe(true);

      // Not vacuous: both processes served, and many pushes reached both.
      expect(Math.min(...proxy.perUpstream)).toBeGreaterThan(20);
      expect(proxy.fanned.length).toBeGreaterThan(5);
      expect(proxy.fanned.filter((f) => f.answers.every((a) => a.status === 200)).length).toBeGreaterThan(2);
      expect(fanProblems(proxy.fanned)).toEqual([]);
      // What the STATIONS recorded: every op done (none rejected), every case submitted, central holding each once.
      const facts = new StoreFacts(store!, bo);
      for (const k of kits) {
        expect(await consistencyProblems(facts, { code: k.code, db: k.st.core.ctx.db, blobs: k.st.core.ctx.blobs })).toEqual([]);
      }
    }, 300_000);

    it('a CLI bundle import beside the station’s own online push of the same ops applies each op once', async () => {
      const { bo, envs } = await twoCentrals(await backend.freshUrl!());
      const k = await openStation('TOWN01', 0);
      kits.push(k);
      const ctx = k.st.core.ctx;
      const engine = fastEngine(ctx, 5, { batchSize: 10 });
      await engine.enroll(nodes[0]!.url, (await bo.admin<{ code: string }>('POST', '/v1/admin/stations/TOWN01/codes', { regionCode: '371002' })).body.code);
      await buildWorkload(k, { cases: 60, seed: 9, attachEvery: 5 });
      const out = mkdtempSync(path.join(tmpdir(), 'bundle-'));
      dirs.push(out);
      const exported = exportBundle(ctx, out, k.clerkUser);
      expect(exported.opCount).toBeGreaterThan(60);
      // The administrator imports the USB bundle at central (the second process's machine) while the station,
      // online again, pushes the same ops through the first.
      const token = await bo.token('administrator');
      const importing = new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'central', 'cli.ts'), 'bundle', 'import', exported.path], {
          cwd: ROOT,
          env: { ...envs[1]!, CENTRAL_TOKEN: token },
        });
        let so = '';
        let se = '';
        child.stdout.on('data', (d: Buffer) => (so += d.toString()));
        child.stderr.on('data', (d: Buffer) => (se += d.toString()));
        child.on('exit', (code) => resolve({ code, out: so, err: se }));
      });
      const [imported, loop] = await Promise.all([importing, syncUntilDone(engine, ctx, 300)]);
      expect(imported.code, imported.err).toBe(0);
      expect(loop.failedRuns).toBeLessThan(300);
      // Once more, to take what the import applied after the station's last pull.
      await syncUntilDone(engine, ctx, 20);
      expect(await consistencyProblems(new StoreFacts(store!, bo), { code: k.code, db: ctx.db, blobs: ctx.blobs })).toEqual([]);
      // Whoever came first, the other was told "duplicate": between them every op was applied once.
      const m = /新应用 (\d+) 条，已有 (\d+) 条/.exec(imported.out);
      expect(m, imported.out).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(exported.opCount);
    }, 300_000);
  },
  { only: ['postgres'] },
);
