import { pushOutbox } from '../core/features/sync/push';
import { postgresAvailability, startPostgres, type PgServer } from '../central/testing/postgres';
import { CentralProcess } from './sync-central';
import { copyStation, newStation, seedQueued, type BenchStation } from './sync-station';
import { ENGINE_BACKOFF, ENGINE_BATCH, enroll } from './sync-link';
import { summarize, type Figure } from './harness';

/**
 * `sync-push-sqlite`, `sync-push-postgres`: a station with 10,000 queued cases (created and accepted at the
 * window in one step: one op each under protocol 1.1, plus one `person.registered` per person) pushes its outbox to a fresh central in its own process over loopback, in the engine's batches; cases
 * per second from the first push request to the last answer settled at the station. PostgreSQL is a
 * throwaway cluster with fsync and synchronous commit ON (durable, as deployed).
 */
const CASES = Number(process.env.BENCH_SYNC_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);

async function pushOnce(seeded: BenchStation, central: CentralProcess): Promise<number> {
  const s = copyStation(seeded);
  try {
    const ctx = s.core.ctx;
    const link = await enroll(ctx, central.url, await central.issueCode('BENCH1'));
    const ops = ctx.repos.outbox.pendingCount();
    const t0 = performance.now();
    const r = await pushOutbox(ctx, link.http, link.stationId, link.seqOffset, { batchSize: ENGINE_BATCH, backoff: ENGINE_BACKOFF });
    const secs = (performance.now() - t0) / 1000;
    if (r.applied !== ops || r.rejected !== 0 || ctx.repos.outbox.pendingCount() !== 0) throw new Error(`push incomplete: ${JSON.stringify({ ...r, caseIds: r.caseIds.size, ops })}`);
    return CASES / secs;
  } finally {
    s.close();
  }
}

export async function pushFigures(report: (f: Figure) => void, wanted: ReadonlySet<string>): Promise<void> {
  const seeded = await newStation('BENCH1');
  const t0 = performance.now();
  seedQueued(seeded, CASES);
  seeded.core.close();
  console.error(`(sync-push: seeded ${CASES} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  try {
    if (wanted.has('sync-push-sqlite')) {
      const rates: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const central = await CentralProcess.start();
        try {
          rates.push(await pushOnce(seeded, central));
        } finally {
          await central.stop();
        }
      }
      report(summarize('sync-push-sqlite', rates, 'cases/s'));
    }
    if (wanted.has('sync-push-postgres')) {
      const a = postgresAvailability();
      if (!a.ok) {
        console.error(`(sync-push-postgres skipped: ${a.reason})`);
        return;
      }
      const pg: PgServer = await startPostgres(a, { durable: true });
      try {
        const rates: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const url = await pg.freshDatabase();
          const central = await CentralProcess.start({ databaseUrl: url });
          try {
            rates.push(await pushOnce(seeded, central));
          } finally {
            await central.stop();
            await pg.dropDatabase(url);
          }
        }
        report(summarize('sync-push-postgres', rates, 'cases/s'));
      } finally {
        await pg.stop();
      }
    }
  } finally {
    seeded.close();
  }
}
