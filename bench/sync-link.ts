import type { CoreContext } from '../core/context';
import { SyncEngine } from '../core/features/sync/engine';
import { SyncHttp } from '../core/features/sync/http';
import { SyncMetaStore } from '../core/features/sync/meta';
import { realSleep, type Backoff } from '../core/features/sync/retry';

/** The engine's own defaults (core/sync/engine.ts). */
export const ENGINE_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 300_000, attempts: 6, random: Math.random, sleep: realSleep };
export const ENGINE_BATCH = 200;
export const ENGINE_PULL_LIMIT = 500;

export interface Link {
  http: SyncHttp;
  state: SyncMetaStore;
  stationId: string;
  seqOffset: number;
}

/** Enroll a station with central and hand back the protocol client the engine would use. */
export async function enroll(ctx: CoreContext, centralUrl: string, code: string, fetchImpl?: typeof fetch): Promise<Link> {
  await new SyncEngine(ctx, {}).enroll(centralUrl, code);
  const state = new SyncMetaStore(ctx);
  const c = state.config()!;
  const http = new SyncHttp({ baseUrl: c.centralUrl, credential: () => c.credential, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return { http, state, stationId: c.stationId, seqOffset: state.seqOffset() };
}
