import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../core/core';
import { SyncMetaStore } from '../core/features/sync/meta';
import { PROTOCOL_MINOR } from '../shared/sync/version';
import { signedInSession } from '../core/testing/fixtures';
import { initialize } from '../core/features/session/setup';
import { createUser } from '../core/features/session/users';
import { loadRoster } from '../core/features/persons/roster';
import { findByIdNumber, searchPersons } from '../core/features/persons/persons';
import { listQueue } from '../core/features/queue/queue';
import { prng, syntheticRoster, syntheticRosterRow } from '../core/testing/generate';
import { seedCases, sampleFormOn, withOwnInvoices } from '../core/testing/seed';
import { materialsFor } from '../shared/cases/materials';
import { today } from '../shared/time';
import type { CatalogItem } from '../shared/catalog/types';
import type { LocalDate } from '../shared/time';
import type { ChannelInput, ChannelName } from '../shared/api/contract';
import { single, summarize, timeRuns, timeRunsAsync, type Suite } from './harness';
import { memoryOf } from './memory';
import { startServe } from '../core/testing/serve-process';
import { measureBackup } from './backup';
import { referenceWork } from './jitter';

/** The counter's one-step 受理 of an outpatient claim with every needed material (the person added per call). */
function intakeInput(item: CatalogItem, day: LocalDate): { itemCode: string; form: Record<string, unknown>; materialsReceived: string[] } {
  const form = sampleFormOn(item, day);
  return { itemCode: item.code, form, materialsReceived: materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code) };
}

/**
 * `core-rss`: the store closed here and opened by the serve host a clerk runs (its own process, no bench
 * data generators or tsx in it), then worked through its HTTP API as at the counter — ID, name and initials
 * look-ups, queue pages, intakes — and its resident memory read from /proc.
 */
async function hostMemory(
  dataDir: string,
  w: { ids: string[]; names: { name: string; ini: string }[]; personIds: string[]; intake: ReturnType<typeof intakeInput> },
): Promise<{ rssMb: number; peakMb: number }> {
  const host = await startServe(dataDir);
  // One browser tab's own session (serve mode: each tab signs in on its own, named by the id it sends).
  host.follow(() => Promise.resolve('bench-core-rss-tab-00000001'));
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>) => {
    const r = await host.call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  };
  try {
    await call('auth.signIn', { username: 'clerk1', password: 'bench-password-1' });
    for (const idNumber of w.ids) await call('persons.findByIdNumber', { idNumber });
    for (const n of w.names) {
      await call('persons.search', { q: n.name, limit: 20 });
      await call('persons.search', { q: n.ini, limit: 20 });
    }
    const statuses = ['accepted', 'awaiting_materials', 'submitted'] as const;
    for (let i = 0; i < 300; i++) {
      await call('queue.list', { filter: { statuses: [statuses[i % statuses.length]!] }, page: { offset: (i % 20) * 50, limit: 50 } });
      await call('queue.counts', {});
    }
    for (let i = 0; i < 200; i++) await call('cases.intake', { ...w.intake, form: withOwnInvoices(w.intake.form, `H${i}`), personId: w.personIds[(i * 7919) % w.personIds.length]! });
    return memoryOf(host.pid);
  } finally {
    await host.stop();
  }
}

/**
 * `disk-fsync`: the floor under every commit — one 4 KB append and fdatasync on the store's own file system,
 * as SQLite does for each WAL commit with synchronous=FULL. Reported beside `intake` so its p95 can be read
 * against the disk's.
 */
function diskSyncs(dir: string, runs: number): number[] {
  const fd = openSync(join(dir, 'fsync-probe'), 'a');
  const page = Buffer.alloc(4096, 7);
  try {
    return timeRuns(runs, () => {
      writeSync(fd, page);
      fdatasyncSync(fd);
    });
  } finally {
    closeSync(fd);
  }
}

const ROSTER = Number(process.env.BENCH_ROSTER ?? 1_000_000);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);

/**
 * The station store at county scale: a 1M-person roster and 100k cases, then the look-ups, the queue
 * page and the one-step intake measured on it, and the core's resident memory at the end.
 */
export const storeSuite: Suite = {
  figures: ['roster-load', 'person-by-id', 'person-by-name', 'person-by-initials', 'queue-page', 'intake', 'cpu-jitter', 'disk-fsync', 'core-rss', 'backup'],
  async run(report, wanted) {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-'));
    const core = createCore({ dataDir: dir, log: { error: (m, d) => console.error(m, d) } });
    const ctx = core.ctx;
    let closed = false;
    try {
      const { user: admin } = await initialize(ctx, {
        station: { code: 'BENCH1', name: '基准测试站', regionCode: '371002' },
        supervisor: { username: 'admin', displayName: '站长', password: 'bench-password-1' },
      });
      const clerk = await createUser(ctx, admin, { username: 'clerk1', displayName: '李敏', role: 'clerk', password: 'bench-password-1' });
      // A working station has talked to its central (the engine records central's protocol minor from
      // GET /v1/health), so a one-step intake is written as the protocol then allows: one outbox op.
      new SyncMetaStore(ctx).setCentralMinor(PROTOCOL_MINOR);

      // roster-load: 1M rows validated, pinyin'd and upserted with FTS, in chunks. Only the figures about the
      // roster (and the memory with everything loaded) need the full county; the case figures get 100k persons.
      const rosterFigures = ['roster-load', 'person-by-id', 'person-by-name', 'person-by-initials', 'core-rss', 'backup'];
      const rosterSize = rosterFigures.some((f) => wanted.has(f)) ? ROSTER : Math.min(ROSTER, 100_000);
      const t0 = performance.now();
      const loaded = await loadRoster(ctx, syntheticRoster(rosterSize, 42), { total: rosterSize, yieldBetweenChunks: false, chunkSize: 10_000 });
      const secs = (performance.now() - t0) / 1000;
      if (!loaded.ok) throw new Error(`roster refused: ${JSON.stringify(loaded.errors.slice(0, 2))}`);
      report(single('roster-load', Math.round(rosterSize / secs), 'rows/s'));

      // Look-ups on the roster.
      const rand = prng(99);
      // The ID number of roster row i depends on i only (see syntheticRosterRow).
      const ids = Array.from({ length: 2_000 }, () => syntheticRosterRow(Math.floor(rand() * rosterSize), prng(0)).idNumber);
      if (wanted.has('person-by-id')) {
        const samples = timeRuns(2_000, (i) => {
          const p = findByIdNumber(ctx, clerk, ids[i % ids.length]!);
          if (!p) throw new Error('roster person not found');
        });
        report(summarize('person-by-id', samples, 'ms'));
      }
      const names = ctx.db.prepare('SELECT name, name_initials AS ini FROM persons WHERE rowid % 997 = 0 LIMIT 500').all() as { name: string; ini: string }[];
      if (wanted.has('person-by-name')) {
        const samples = timeRuns(500, (i) => {
          if (searchPersons(ctx, { user: clerk, scope: 'station' }, names[i % names.length]!.name, 20).length === 0) throw new Error('name not found');
        });
        report(summarize('person-by-name', samples, 'ms'));
      }
      if (wanted.has('person-by-initials')) {
        const samples = timeRuns(500, (i) => {
          if (searchPersons(ctx, { user: clerk, scope: 'station' }, names[i % names.length]!.ini, 20).length === 0) throw new Error('initials not found');
        });
        report(summarize('person-by-initials', samples, 'ms'));
      }

      // 100k cases through the real services (batched transactions), spread over 60 days.
      const personIds = ctx.db.prepare('SELECT id FROM persons WHERE rowid % 10 = 0').pluck().all() as string[];
      const intake = intakeInput(ctx.catalog.get('outpatient_reimbursement')!, today(ctx.clock));
      if (wanted.has('queue-page') || wanted.has('intake') || wanted.has('cpu-jitter') || wanted.has('core-rss') || wanted.has('backup')) {
        const clerk2 = await createUser(ctx, admin, { username: 'clerk2', displayName: '赵静', role: 'clerk', password: 'bench-password-1' });
        const base = Date.now();
        let offset = 0;
        const realClock = ctx.clock;
        (ctx as { clock: typeof ctx.clock }).clock = { now: () => base - offset };
        const seedStart = performance.now();
        seedCases(ctx, { count: CASES, rand: prng(5), clerks: [clerk, clerk2], personIds, batch: 1_000, beforeCase: (i) => (offset = Math.round(60 * 86_400_000 * (1 - i / CASES))) });
        (ctx as { clock: typeof ctx.clock }).clock = realClock;
        console.error(`(seeded ${CASES} cases in ${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);

        if (wanted.has('queue-page')) {
          const filters = [{ statuses: ['accepted' as const] }, { statuses: ['awaiting_materials' as const] }, { statuses: ['accepted' as const], family: 'reimbursement' as const }];
          // Cold: totals are cached until the next write, so forget them first (as after a change at the window).
          const samples = timeRuns(300, (i) => {
            ctx.repos.cases.invalidateCounts();
            const r = listQueue(ctx, filters[i % filters.length]!, { offset: 0, limit: 50 });
            if (r.rows.length === 0) throw new Error('empty queue');
          });
          report(summarize('queue-page', samples, 'ms'));
        }

        if (wanted.has('intake') || wanted.has('cpu-jitter')) {
          // The counter's one-step 受理 through the router (input check, role check, service, output check), one commit each.
          const session = signedInSession(core, clerk);
          // Each intake its own invoice numbers: the warm-up runs count from 0 too, and an invoice is claimed only once.
          let invoice = 0;
          const samples = await timeRunsAsync(1_000, async (i) => {
            const r = await core.router.handle(session, 'cases.intake', { ...intake, form: withOwnInvoices(intake.form, `B${invoice++}`), personId: personIds[i % personIds.length]! });
            if (!r.ok) throw new Error(r.error.message);
          });
          report(summarize('intake', samples, 'ms'));
          // The machine's own spread, measured right after (bench/jitter.ts).
          report(summarize('cpu-jitter', referenceWork(1_000), 'ms'));
        }
      }

      if (wanted.has('backup')) {
        // The full store (1M persons, 100k cases and their history) backed up while the window takes intakes.
        const session = signedInSession(core, clerk);
        const b = await measureBackup(core, admin, session, (i) => ({ ...intake, form: withOwnInvoices(intake.form, `K${i}`), personId: personIds[(i * 7919 + 13) % personIds.length]! }));
        console.error(`(backup: ${(b.bytes / 1024 / 1024).toFixed(0)} MB in ${b.seconds.toFixed(1)} s; ${b.intakes.length} intakes meanwhile)`);
        report(single('backup', Math.round(b.seconds * 10) / 10, 's'));
        report({ ...summarize('backup', b.intakes, 'ms'), unit: 'ms-intake-during-backup' });
      }

      if (wanted.has('disk-fsync')) report(summarize('disk-fsync', diskSyncs(dir, 1_000), 'ms'));
      core.close();
      closed = true;
      if (wanted.has('core-rss')) {
        const m = await hostMemory(dir, { ids, names, personIds, intake });
        console.error(`(core-rss: serve host pid after the look-ups, queue pages and intakes; peak ${m.peakMb} MB)`);
        report(single('core-rss', m.rssMb, 'MB'));
      }
    } finally {
      if (!closed) core.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}-keys`, { recursive: true, force: true }); // the key file the core made beside the data directory
    }
  },
};
