import type { CoreContext } from '../../core/context';
import type { SyncEngine, EngineOptions, SyncRunReport } from '../../core/features/sync/engine';
import { installSyncEngine } from '../../core/features/sync/registry';
import { prng } from '../../core/testing/generate';

/** The station's real engine with test-sized backoff (5 ms … 50 ms, 8 tries) and seeded jitter. */
export function fastEngine(ctx: CoreContext, seed: number, extra: EngineOptions = {}): SyncEngine {
  return installSyncEngine(ctx, { backoff: { baseMs: 5, maxMs: 50, attempts: 8, random: prng(seed) }, requestTimeoutMs: 10_000, ...extra });
}

export interface LoopResult {
  runs: number;
  failedRuns: number;
  errors: string[];
  /** Duration of each run (ms). */
  ms: number[];
}

/**
 * `syncNow()` until a run succeeds with nothing left in the outbox (so the last run's pull came after the
 * last push). Bounded: fails with what went wrong when it does not get there in `maxRuns`.
 */
export async function syncUntilDone(engine: SyncEngine, ctx: CoreContext, maxRuns = 200): Promise<LoopResult> {
  const errors: string[] = [];
  const ms: number[] = [];
  let last: SyncRunReport | null = null;
  for (let run = 1; run <= maxRuns; run++) {
    const t0 = performance.now();
    last = await engine.syncNow();
    ms.push(Math.round(performance.now() - t0));
    if (!last.ok) errors.push(last.error ?? '?');
    else if (ctx.repos.outbox.pendingCount() === 0) return { runs: run, failedRuns: errors.length, errors, ms };
  }
  const distinct = [...new Set(errors)].slice(0, 5).join(' | ');
  throw new Error(`sync did not finish in ${maxRuns} runs: ${ctx.repos.outbox.pendingCount()} ops still pending; last run ${JSON.stringify(last)}; errors seen: ${distinct}`);
}
