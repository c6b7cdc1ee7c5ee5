import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { createUuidV7Generator } from '../shared/ids';
import { nowInstant } from '../shared/time';
import { PROTOCOL_VERSION } from '../shared/sync/version';
import type { EnrollResponse } from '../shared/sync/stations';
import type { AttachmentRef, PushOp } from '../shared/sync/ops';
import type { OpResult, PushResponse } from '../shared/sync/push';
import type { PullResponse } from '../shared/sync/pull';
import { UPLOAD_CONTENT_TYPE, type UploadCreateResponse } from '../shared/sync/uploads';
import { encodePack, UPLOAD_PACK_CONTENT_TYPE, type PackResponse } from '../shared/sync/upload-pack';
import { postgresAvailability, startPostgres, type PgServer } from '../central/testing/postgres';
import { openPostgresStore } from '../central/store/postgres';
import { TestStation, type Reply, type StationHost } from '../central/testing/station';
import { INPATIENT_ALL, inpatientForm, windowPerson } from '../central/testing/fixtures';
import { CentralProcess } from './sync-central';
import { quantile, single, type Figure, type Suite } from './harness';
import { CpuSampler, formatCpuShare } from './cpu-share';

/**
 * `sync-fleet`: 200 simulated stations push at once through 2 central processes on one PostgreSQL (fsync and
 * synchronous commit on), their requests spread over the two as a round-robin balancer would. Each station: one
 * person registered and 50 inpatient claims taken in at the window (one op each, protocol 1.1), a small scan on
 * every tenth (uploaded first, as the engine sends small scans since 1.5: all five in one pack), pushed in the
 * engine's batches, then a pull to the end of its feed. BENCH_FLEET_UPLOADS=single makes the stations upload as
 * stations before 1.5 do: each scan in one request (the create carrying its bytes, 1.2), three at a time. Figures:
 * - `sync-fleet` — aggregate cases/s, from the first request of the first station to the last answer of the last;
 * - `sync-fleet-push-latency` — push request latency (median and p95, ms);
 * then exactly-once is checked in central's database: every station's lastSeq, every op once, every case once,
 * every scan held (the warm-up's stations too). The stations are light HTTP clients (central/testing/station.ts over
 * node:http), not 200 station cores: the figure is central's, and what a station prepares on its own machine (its
 * push batch, serialized) is prepared before the timed part.
 *
 * The timed round is the processes' second: a first round of the same size (BENCH_FLEET_WARMUP other stations'
 * days) goes through them untimed, and its rate is printed. A central in service runs code V8's optimizing compiler
 * has compiled; two processes started for the figure compiled it inside the timed part instead — perf showed the
 * compiler's threads taking 1.3–1.6 CPU seconds of a 6 s run after a warm-up of 20 or 60 stations (0.6 s after a
 * full round), the main threads running baseline code meanwhile. Each run starts fresh processes on a fresh schema;
 * the figure is the median of the runs (its "p95" the 5% quantile: near the slowest), because on this shared
 * 2-core machine one run's rate moves by ±20% with the rest of the machine. Printed beside it (stderr): where the
 * CPU went in the timed part — the simulated stations (this process), the two central processes, PostgreSQL, and
 * everything else on the machine (on a shared machine, other people's work: the figure is only as good as the
 * cores left to it) — and each route's latency.
 * Environment: BENCH_FLEET_STATIONS (200), BENCH_FLEET_CASES (50), BENCH_FLEET_RUNS (3), BENCH_FLEET_UPLOADS (pack), BENCH_FLEET_WARMUP (as many
 * as BENCH_FLEET_STATIONS; 0 times the cold processes); BENCH_FLEET_NODE_ARGS, node
 * options for the central processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: the timed part's bounds are printed
 * in the profiles' clock).
 */
const STATIONS = Number(process.env.BENCH_FLEET_STATIONS ?? 200);
const CASES = Number(process.env.BENCH_FLEET_CASES ?? 50);
const RUNS = Number(process.env.BENCH_FLEET_RUNS ?? 3);
const WARMUP = Number(process.env.BENCH_FLEET_WARMUP ?? STATIONS);
const SCAN_EVERY = 10;
/** How the stations upload their scans: `pack` (1.5, the engine today) or `single` (one request each, 1.2). */
const UPLOADS = process.env.BENCH_FLEET_UPLOADS === 'single' ? 'single' : 'pack';
const BATCH = 200;

/**
 * Stations talking HTTP to the central processes, each request to the next process in turn, over kept-alive
 * connections. node:http rather than fetch: the 200 simulated stations share this one process and the machine's
 * cores with the servers, and fetch cost two to three times the CPU per request (the stations' share of a run went
 * from 2.3–2.7 s to 1.1–1.5 s) — time the figure lost to the simulation, not to central (a real station's requests
 * cost its own machine). The same requests either way.
 */
export class FleetHost implements StationHost {
  readonly newId = createUuidV7Generator(Date.now, (b) => randomFillSync(b));
  readonly clock = { now: () => Date.now() };
  private next = 0;
  private readonly agent = new http.Agent({ keepAlive: true });
  readonly pushMs: number[] = [];
  /** Every request's time by route (printed to stderr: where the time goes). */
  readonly byRoute = new Map<string, number[]>();

  constructor(private readonly urls: readonly string[]) {}

  private send(url: string, method: string, headers: Record<string, string>, body: string | Buffer | undefined): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
    return new Promise((resolve, reject) => {
      const h = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request(url, { method, headers: h, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async inject<T = unknown>(opts: InjectOptions): Promise<Reply<T>> {
    const base = this.urls[this.next++ % this.urls.length]!;
    const payload = opts.payload;
    const isJson = payload !== undefined && !Buffer.isBuffer(payload) && typeof payload === 'object';
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>), ...(isJson ? { 'content-type': 'application/json' } : {}) };
    const t0 = performance.now();
    const res = await this.send(`${base}${opts.url as string}`, opts.method as string, headers, payload === undefined ? undefined : isJson ? JSON.stringify(payload) : (payload as Buffer));
    const ms = performance.now() - t0;
    if (opts.url === '/v1/sync/push') this.pushMs.push(ms);
    const route = `${opts.method as string} ${(opts.url as string).split('?')[0]!.replace(/\/v1\/uploads\/(?!pack$).+/, '/v1/uploads/:id')}`;
    const times = this.byRoute.get(route);
    if (times) times.push(ms);
    else this.byRoute.set(route, [ms]);
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.status, headers: res.headers, body: (type.includes('json') && res.text !== '' ? JSON.parse(res.text) : res.text) as T };
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Planned {
  station: TestStation;
  uploads: Buffer[];
  ops: PushOp[];
  /** The push request bodies, serialized before the timed part, by the index of their batch's first op. */
  bodies: Map<number, Buffer>;
}

/** A push request's body as the station's engine sends it. */
function pushBody(station: TestStation, ops: readonly PushOp[]): Buffer {
  return Buffer.from(JSON.stringify({ protocol: PROTOCOL_VERSION, stationId: station.id, ops }));
}

/** A station's day: its person, its 50 claims (one op each), a scan on every tenth. */
export function plan(station: TestStation, n: number): Planned {
  const at = nowInstant(station.h.clock);
  const person = windowPerson(station.h.newId(), n % 900, at);
  const ops: PushOp[] = [station.op('person.registered', null, { person }, null)];
  const uploads: Buffer[] = [];
  for (let i = 0; i < CASES; i++) {
    const draft = station.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm([`${station.code}-${i}`]), INPATIENT_ALL);
    const accepted = station.next(draft, { status: 'accepted' });
    const extra: { attachments?: AttachmentRef[] } = {};
    if (i % SCAN_EVERY === 0) {
      const bytes = randomBytes(2_000 + (i % 7) * 300);
      bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
      uploads.push(bytes);
      extra.attachments = [{ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mime: 'image/jpeg', materialCode: 'receipts', fileName: `票据${i}.jpg` }];
    }
    // Taken in and accepted in one step (1.1): one op, the accepted snapshot, no base version.
    ops.push(station.caseOp('case.accept', null, accepted, extra));
  }
  const bodies = new Map<number, Buffer>();
  for (let i = 0; i < ops.length; i += BATCH) bodies.set(i, pushBody(station, ops.slice(i, i + BATCH)));
  return { station, uploads, ops, bodies };
}

/** A small scan in one request, as the station sends it since 1.2: the create carrying the first (here: only) chunk. */
export async function upload(s: TestStation, bytes: Buffer): Promise<void> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const q = new URLSearchParams({ protocol: PROTOCOL_VERSION, sha256, size: String(bytes.length), mime: 'image/jpeg' });
  const c = await s.h.inject<UploadCreateResponse>({ method: 'POST', url: `/v1/uploads?${q}`, headers: { ...s.headers, 'content-type': UPLOAD_CONTENT_TYPE }, payload: bytes });
  if (c.status >= 300) throw new Error(`upload create: ${c.status} ${JSON.stringify(c.body)}`);
  if (c.body.complete) return;
  const p = await s.h.inject({ method: 'PATCH', url: `/v1/uploads/${c.body.uploadId}`, headers: { ...s.headers, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': String(c.body.offset) }, payload: bytes.subarray(c.body.offset) });
  if (p.status !== 200) throw new Error(`upload chunk: ${p.status} ${JSON.stringify(p.body)}`);
}

/** Small scans in one pack, as the station's engine sends them to a central that speaks 1.5. */
async function uploadPack(s: TestStation, scans: readonly Buffer[]): Promise<void> {
  const body = encodePack(scans.map((bytes) => ({ entry: { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mime: 'image/jpeg' as const }, bytes })));
  const r = await s.h.inject<PackResponse>({ method: 'POST', url: `/v1/uploads/pack?protocol=${PROTOCOL_VERSION}`, headers: { ...s.headers, 'content-type': UPLOAD_PACK_CONTENT_TYPE }, payload: Buffer.from(body) });
  if (r.status !== 200 || r.body.results.some((x) => x.status !== 'stored')) throw new Error(`upload pack: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Everything a station does in the timed part: scans, its outbox in batches (again after a 409/503), its feed. */
async function run(p: Planned): Promise<void> {
  const s = p.station;
  // Scans first, as the station's engine uploads them: in one pack, or (before 1.5) three at a time, one request each.
  if (UPLOADS === 'pack' && p.uploads.length > 0) await uploadPack(s, p.uploads);
  else for (let i = 0; i < p.uploads.length; i += 3) await Promise.all(p.uploads.slice(i, i + 3).map((b) => upload(s, b)));
  for (let i = 0; i < p.ops.length; ) {
    // Serialized in plan() (a station prepares its batch on its own machine); after a partial answer, here.
    const body = p.bodies.get(i) ?? pushBody(s, p.ops.slice(i, i + BATCH));
    const r = await s.h.inject<PushResponse>({ method: 'POST', url: '/v1/sync/push', headers: { ...s.headers, 'content-type': 'application/json' }, payload: body });
    if (r.status === 409 || r.status === 503) continue;
    if (r.status !== 200) throw new Error(`push ${s.code}: ${r.status} ${JSON.stringify(r.body)}`);
    const results = (r.body as PushResponse).results as OpResult[];
    const bad = results.find((x) => x.status !== 'applied' && !(x.status === 'duplicate' && x.original === 'applied'));
    if (bad) throw new Error(`push ${s.code}: ${JSON.stringify(bad)}`);
    i += results.length;
  }
  for (let cursor = '0'; ; ) {
    const r = await s.pull(cursor, 500);
    if (r.status !== 200) throw new Error(`pull ${s.code}: ${r.status}`);
    const page = r.body as PullResponse;
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
}

/** Exactly once, from central's database: lastSeq, one op per seq, one case per claim, every scan. */
async function verify(databaseUrl: string, planned: readonly Planned[]): Promise<void> {
  const store = await openPostgresStore(databaseUrl);
  try {
    for (const p of planned) {
      const st = await store.stationByCode(p.station.code);
      if (!st || st.lastSeq !== p.ops[p.ops.length - 1]!.seq) throw new Error(`${p.station.code}: lastSeq ${st?.lastSeq} ≠ ${p.ops[p.ops.length - 1]!.seq}`);
      const state = await store.loadPushState({ stationId: st.id, seqs: p.ops.map((o) => o.seq), opIds: p.ops.map((o) => o.opId), caseIds: [], personIds: [], idNumbers: [], sha256s: [] });
      for (const op of p.ops) {
        const seen = state.opsBySeq.get(op.seq);
        if (!seen || seen.opId !== op.opId || seen.result !== 'applied') throw new Error(`${p.station.code} seq ${op.seq}: ${JSON.stringify(seen)}`);
      }
      if (state.opsById.size !== p.ops.length) throw new Error(`${p.station.code}: ${state.opsById.size} op ids for ${p.ops.length} ops`);
      const cases = await store.listCases({ stationId: st.id, limit: 10_000 });
      if (cases.length !== CASES || new Set(cases.map((c) => c.id)).size !== CASES) throw new Error(`${p.station.code}: ${cases.length} cases at central`);
      const shas = p.uploads.map((b) => createHash('sha256').update(b).digest('hex'));
      if ((await store.blobsPresent(shas)).size !== shas.length) throw new Error(`${p.station.code}: scans missing at central`);
    }
  } finally {
    await store.close();
  }
}

/**
 * One run. Its schema and shared blob directory are removed by `cleanup`, after the last run: on a filesystem
 * without a journal (this machine's root) ext4 skips inodes freed in the last 30 s when it allocates one, and
 * removing a run's thousands of files just before the next made that run's blob files cost central up to a
 * millisecond of kernel time each — a cost of the harness, not of central.
 */
async function fleetOnce(pg: PgServer, cleanup: (() => Promise<void>)[]): Promise<{ casesPerSec: number; pushMs: number[] }> {
  const databaseUrl = await pg.freshDatabase();
  const shared = mkdtempSync(join(tmpdir(), 'fleet-shared-'));
  const env = { CENTRAL_BLOB_DIR: join(shared, 'blobs'), CENTRAL_BUNDLE_KEY_FILE: join(shared, 'bundle-key.pem'), CENTRAL_LOG_LEVEL: 'error' };
  const nodeArgs = (process.env.BENCH_FLEET_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const a = await CentralProcess.start({ databaseUrl, env, nodeArgs });
  const b = await CentralProcess.start({ databaseUrl, env, nodeArgs, backOffice: a.backOffice });
  const host = new FleetHost([a.url, b.url]);
  try {
    const enroll = async (code: string, n: number): Promise<Planned> => {
      const enrolled = await host.inject<EnrollResponse>({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: code, code: await a.issueCode(code) } });
      if (enrolled.status !== 201) throw new Error(`enroll ${code}: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
      return plan(new TestStation(host, enrolled.body), n);
    };
    const warm: Planned[] = [];
    for (let i = 0; i < WARMUP; i++) warm.push(await enroll(`FW${String(i).padStart(4, '0')}`, STATIONS + i));
    const planned: Planned[] = [];
    for (let i = 0; i < STATIONS; i++) planned.push(await enroll(`FL${String(i).padStart(4, '0')}`, i));
    if (warm.length > 0) {
      const tw = performance.now();
      await Promise.all(warm.map(run));
      console.error(`(sync-fleet warm-up, not timed: ${WARMUP} stations' days through the same 2 central processes, ${((WARMUP * CASES) / ((performance.now() - tw) / 1000)).toFixed(0)} cases/s)`);
    }
    host.pushMs.length = 0;
    host.byRoute.clear();
    const cpu = new CpuSampler([a.pid, b.pid].filter((p): p is number => p !== undefined), Number(new URL(databaseUrl).port) || null);
    cpu.start();
    if (nodeArgs.length > 0) console.error(`(sync-fleet timed from ${process.hrtime.bigint() / 1000n} µs)`);
    const t0 = performance.now();
    await Promise.all(planned.map(run));
    const secs = (performance.now() - t0) / 1000;
    const share = cpu.stop();
    if (nodeArgs.length > 0) console.error(`(sync-fleet timed to ${process.hrtime.bigint() / 1000n} µs)`);
    if (share) console.error(formatCpuShare('sync-fleet', share));
    for (const [route, ms] of host.byRoute) {
      const sorted = [...ms].sort((x, y) => x - y);
      console.error(`(sync-fleet ${route}: ${ms.length} requests, median ${quantile(sorted, 0.5).toFixed(0)} ms, p95 ${quantile(sorted, 0.95).toFixed(0)} ms)`);
    }
    await verify(databaseUrl, [...warm, ...planned]);
    return { casesPerSec: (STATIONS * CASES) / secs, pushMs: host.pushMs };
  } finally {
    host.close();
    await Promise.all([a.stop(), b.stop()]);
    cleanup.push(async () => {
      await pg.dropDatabase(databaseUrl).catch(() => undefined);
      rmSync(shared, { recursive: true, force: true });
    });
  }
}

export const syncFleetSuite: Suite = {
  figures: ['sync-fleet', 'sync-fleet-push-latency'],
  async run(report: (f: Figure) => void, wanted) {
    const avail = postgresAvailability();
    if (!avail.ok) {
      console.error(`(sync-fleet skipped: ${avail.reason})`);
      return;
    }
    const pg = await startPostgres(avail, { durable: true });
    const cleanup: (() => Promise<void>)[] = [];
    try {
      const rates: number[] = [];
      const pushMs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const once = await fleetOnce(pg, cleanup);
        rates.push(once.casesPerSec);
        pushMs.push(...once.pushMs);
        console.error(`(sync-fleet run ${r + 1}: ${STATIONS} stations × ${CASES} cases through 2 central processes, ${once.casesPerSec.toFixed(0)} cases/s, exactly once verified)`);
      }
      if (wanted.has('sync-fleet')) {
        const sorted = [...rates].sort((x, y) => x - y);
        report(RUNS === 1 ? single('sync-fleet', rates[0]!, 'cases/s') : { name: 'sync-fleet', n: RUNS, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.05), unit: 'cases/s' });
      }
      if (wanted.has('sync-fleet-push-latency')) {
        const sorted = [...pushMs].sort((x, y) => x - y);
        report({ name: 'sync-fleet-push-latency', n: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), unit: 'ms' });
      }
    } finally {
      for (const c of cleanup) await c();
      await pg.stop();
    }
  },
};
