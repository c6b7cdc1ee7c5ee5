import type { Change } from '../../shared/sync/changes';
import { nowInstant } from '../../shared/time';
import type { PullQuery, PullResponse } from '../../shared/sync/pull';
import { SYNC_LIMITS } from '../../shared/sync/common';
import type { StationRow } from '../store/types';
import type { CentralContext } from './context';
import { fail } from './errors';

const RESET_MESSAGE = '中心已不再保留此同步位置之后的全部变更，请重新下载基础数据（快照）后再继续同步';

/**
 * GET /v1/sync/pull: the changes after the cursor for this station — its cases' statuses and op results, its
 * region's reference data, national data — in log order. 410 reset-required when the cursor is older than
 * what central keeps (or not a position central ever handed out).
 */
export async function pull(ctx: CentralContext, station: StationRow, q: PullQuery, minor: number): Promise<PullResponse> {
  const after = Number(q.cursor ?? '0');
  const limit = q.limit ?? SYNC_LIMITS.defaultPullLimit;
  const rows = await ctx.store.pullChanges({ stationId: station.id, regionCode: station.regionCode, after, limit: limit + 1, maxSince: minor });
  // The floor is read after the rows: a prune between the two reads errs on the side of a reset.
  const floor = await ctx.store.changeFloor();
  if (after < floor) fail('reset-required', RESET_MESSAGE);
  if (rows.length === 0 && after > 0 && after > (await ctx.store.maxChangeId())) {
    fail('reset-required', '同步位置超出了中心的记录（中心数据可能已重建），请重新下载基础数据（快照）');
  }
  const page = rows.slice(0, limit);
  // Nothing goes to a station before it is durable (commits of a push are synced per batch).
  await ctx.store.ensureDurable(station.id, nowInstant(ctx.clock));
  const changes = page.map((r) => ({ id: String(r.id), at: r.at, kind: r.kind, data: JSON.parse(r.data) as unknown }) as Change);
  const last = page[page.length - 1];
  return { changes, nextCursor: String(last ? last.id : after), hasMore: rows.length > limit };
}
