import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pullChanges } from '../core/features/sync/pull';
import { CHANGE_KIND_SINCE, type CentralCaseState } from '../shared/sync/changes';
import { nowInstant, systemClock } from '../shared/time';
import { CentralProcess } from './sync-central';
import { copyStation, newStation, seedQueued } from './sync-station';
import { ENGINE_BACKOFF, ENGINE_PULL_LIMIT, enroll } from './sync-link';
import { summarize, type Figure } from './harness';

/**
 * `sync-pull`: 100,002 `case.status` changes for 33,334 of the station's cases — each taken through central's
 * life of a case, submitted → approved → completed with a payout — pulled from central (SQLite, its own
 * process) in the engine's pages and applied at the station (each a real transition: case row, event, audit
 * row; page and cursor in one transaction). Changes per second, over RUNS pulls of fresh copies.
 *
 * The changes are written straight into central's change log (one transaction): producing 100k decisions
 * through the review API would take far longer than what is measured, and the pull path only reads the log.
 */
const CASES = Number(process.env.BENCH_PULL_CASES ?? 33_334);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);

function writeDecisions(dataDir: string, stationId: string, cases: { id: string; caseNo: string }[]): number {
  const db = new Database(join(dataDir, 'central.sqlite'));
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare('INSERT INTO changelog (kind, station_id, region_code, at, since, data) VALUES (?, ?, NULL, ?, ?, ?)');
  const at = nowInstant(systemClock);
  const since = CHANGE_KIND_SINCE['case.status'];
  let n = 0;
  db.transaction(() => {
    for (const c of cases) {
      const base = { caseId: c.id, caseNo: c.caseNo, opId: null, decidedBy: '市医保中心 审核员' };
      const steps: CentralCaseState[] = [
        { ...base, centralVersion: 1, decidedBy: null, status: 'submitted', materialsPending: false },
        { ...base, centralVersion: 2, status: 'approved', note: null },
        { ...base, centralVersion: 3, status: 'completed', payoutFen: 12_345, note: '已打款' },
      ];
      for (const d of steps) {
        insert.run('case.status', stationId, at, since, JSON.stringify(d));
        n += 1;
      }
    }
  })();
  db.close();
  return n;
}

export async function pullFigure(report: (f: Figure) => void): Promise<void> {
  const seeded = await newStation('PULL01');
  seedQueued(seeded, CASES);
  seeded.core.close();
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const s = copyStation(seeded);
    const central = await CentralProcess.start();
    try {
      const ctx = s.core.ctx;
      const link = await enroll(ctx, central.url, await central.issueCode('PULL01'));
      const cases = ctx.db.prepare('SELECT id, case_no AS caseNo FROM cases').all() as { id: string; caseNo: string }[];
      const changes = writeDecisions(central.dataDir, link.stationId, cases);
      const t0 = performance.now();
      const applied = await pullChanges(ctx, link.http, link.state, { limit: ENGINE_PULL_LIMIT, backoff: ENGINE_BACKOFF });
      const secs = (performance.now() - t0) / 1000;
      const completed = ctx.db.prepare("SELECT count(*) FROM cases WHERE status = 'completed'").pluck().get() as number;
      if (completed !== cases.length || applied.caseIds.size !== cases.length) throw new Error(`pull incomplete: ${completed}/${cases.length} completed`);
      rates.push(changes / secs);
    } finally {
      await central.stop();
      s.close();
    }
  }
  seeded.close();
  report(summarize('sync-pull', rates, 'changes/s'));
}
