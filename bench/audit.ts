import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../core/core';
import { initialize } from '../core/features/session/setup';
import { verifyAudit } from '../core/features/audit/verify';
import { removeStationDir } from '../core/testing/fixtures';
import { nowInstant } from '../shared/time';
import { single, summarize, type Suite } from './harness';

/**
 * The audit chain's verification. At every start the core walks only the rows written since the last verified
 * one (core/features/audit/verify.ts): `audit-verify-start` is that walk after a working day's worth of rows
 * (10,000: searches, queue pages, case views and changes), target p95 ≤ 500 ms so start stays fast. `audit-verify-full`
 * is the on-demand walk of the whole log, in rows per second (200,000 rows here).
 */
const LOG_ROWS = 200_000;
const DAY_ROWS = 10_000;

export const auditVerify: Suite = {
  figures: ['audit-verify-start', 'audit-verify-full'],
  async run(report) {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-audit-'));
    const core = createCore({ dataDir: dir, log: { error: (m, d) => console.error(m, d) } });
    try {
      const ctx = core.ctx;
      const { user } = await initialize(ctx, {
        station: { code: 'BENCH2', name: '基准测试站', regionCode: '371002' },
        supervisor: { username: 'admin', displayName: '站长', password: 'bench-password-1' },
      });
      const append = (n: number) => {
        for (let done = 0; done < n; done += 5_000) {
          ctx.tx(() => {
            for (let i = 0; i < Math.min(5_000, n - done); i++) {
              ctx.repos.audit.append({
                at: nowInstant(ctx.clock),
                actorId: user.id,
                actorName: user.displayName,
                action: 'queue.read',
                entity: 'case',
                entityId: null,
                detail: { offset: 0, shown: 50, total: 100_000, personIds: Array.from({ length: 10 }, (_, k) => `01900000-0000-7000-8000-${String(done + i + k).padStart(12, '0')}`) },
              });
            }
          });
        }
      };
      append(LOG_ROWS);
      const t0 = performance.now();
      const full = verifyAudit(ctx, 'full', null);
      const secs = (performance.now() - t0) / 1000;
      if (!full.ok) throw new Error('chain broken');
      report(single('audit-verify-full', Math.round(full.rows / secs), 'rows/s'));

      // A day of rows after the last verified one, then the start's walk — five days, each timed.
      const starts: number[] = [];
      for (let day = 0; day < 5; day++) {
        append(DAY_ROWS);
        const s0 = performance.now();
        const r = verifyAudit(ctx, 'incremental', null);
        starts.push(performance.now() - s0);
        if (!r.ok || r.rows !== DAY_ROWS) throw new Error(`verified ${r.rows} rows`);
      }
      report(summarize('audit-verify-start', starts, 'ms'));
    } finally {
      core.close();
      removeStationDir(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
