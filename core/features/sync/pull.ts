import type { CoreContext } from '../../context';
import { SyncFailure, type SyncHttp } from './http';
import { applyChanges, emptyApplied, reloadReference, type Applied } from './changes';
import { withRetry, type Backoff } from './retry';
import type { SyncMetaStore } from './meta';

/**
 * Pull central's changes after the stored cursor, a page at a time; each page and its new cursor are applied
 * in ONE transaction (a drop between pages loses nothing and repeats nothing). When central no longer keeps
 * the changes after the cursor (410 reset-required), take a full snapshot and continue from its cursor.
 * The next page is asked for as soon as a page arrives, so central prepares it while this one is applied; it
 * is used only if the cursor stored with this page is the one it was asked from.
 */
export async function pullChanges(
  ctx: CoreContext,
  http: SyncHttp,
  state: SyncMetaStore,
  o: { limit: number; backoff: Backoff; onProgress?: (done: number) => void },
): Promise<Applied & { resets: number }> {
  const applied = { ...emptyApplied(), resets: 0 };
  const fetchPage = (cursor: string) => {
    const p = withRetry(o.backoff, () => http.pull(cursor, o.limit));
    p.catch(() => undefined); // awaited below (or dropped with the run); never an unhandled rejection
    return { cursor, page: p };
  };
  let ahead: ReturnType<typeof fetchPage> | null = null;
  let count = 0;
  for (;;) {
    const cursor = state.cursor();
    const request: ReturnType<typeof fetchPage> = ahead?.cursor === cursor ? ahead : fetchPage(cursor);
    ahead = null;
    let page;
    try {
      page = await request.page;
    } catch (e) {
      if (e instanceof SyncFailure && e.body?.code === 'reset-required') {
        await resync(ctx, http, state, o, applied);
        applied.resets += 1;
        continue;
      }
      throw e;
    }
    if (page.hasMore) ahead = fetchPage(page.nextCursor);
    ctx.tx(() => {
      applyChanges(ctx, page.changes, applied);
      state.setCursor(page.nextCursor);
    });
    reloadReference(ctx, applied);
    count += page.changes.length;
    o.onProgress?.(count);
    if (!page.hasMore) return applied;
  }
}

async function resync(ctx: CoreContext, http: SyncHttp, state: SyncMetaStore, o: { limit: number; backoff: Backoff }, applied: Applied): Promise<void> {
  let page: string | null = null;
  for (;;) {
    const snap = await withRetry(o.backoff, () => http.snapshot(page, o.limit));
    ctx.tx(() => {
      applyChanges(ctx, snap.items, applied);
      if (snap.nextPage === null) state.setCursor(snap.resumeCursor);
    });
    reloadReference(ctx, applied);
    if (snap.nextPage === null) return;
    page = snap.nextPage;
  }
}
