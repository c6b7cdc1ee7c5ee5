import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../core/core';
import { initialize } from '../core/features/session/setup';
import { verifyAudit } from '../core/features/audit/verify';
import { removeStationDir, signedInSession } from '../core/testing/fixtures';
import { nowInstant } from '../shared/time';
import { single, summarize, type Suite } from './harness';

/**
 * The audit chain's verification. At every start the core walks only the rows written since the last verified
 * one (core/features/audit/verify.ts): `audit-verify-start` is that walk after a working day's worth of rows
 * (10,000: searches, queue pages, case views and changes), target p95 ≤ 500 ms so start stays fast. `audit-verify-full`
 * is the on-demand walk of the whole log, in rows per second (200,000 rows here).
 * `audit-export`: the supervisor's export of the newest AUDIT_EXPORT_MAX_ROWS rows (100,000) as xlsx, in seconds, and
 * `audit-export-stall`: the longest the core's thread was held meanwhile (ms) — how long a window's 受理 could wait
 * behind it (the export reads and writes in slices, core/features/audit/sheet.ts). Three exports.
 */
const LOG_ROWS = 200_000;
const DAY_ROWS = 10_000;

export const auditVerify: Suite = {
  figures: ['audit-verify-start', 'audit-verify-full', 'audit-export', 'audit-export-stall'],
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

      const session = signedInSession(core, user);
      const seconds: number[] = [];
      const stalls: number[] = [];
      for (let run = 0; run < 3; run++) {
        let last = performance.now();
        let longest = 0;
        const ticker = setInterval(() => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
        }, 2);
        const e0 = performance.now();
        const r = await core.router.handle(session, 'audit.export', { format: 'xlsx', filter: {} });
        seconds.push((performance.now() - e0) / 1000);
        // One more tick after the answer, so a hold that lasted until the end is counted too.
        await new Promise((resolve) => setTimeout(resolve, 10));
        clearInterval(ticker);
        if (!r.ok || (r.value as { rows: number }).rows !== 100_000) throw new Error(`export: ${JSON.stringify(r).slice(0, 200)}`);
        stalls.push(longest);
      }
      report(summarize('audit-export', seconds, 's'));
      report(summarize('audit-export-stall', stalls, 'ms'));
    } finally {
      core.close();
      removeStationDir(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
