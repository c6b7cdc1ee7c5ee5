import type { CoreContext } from '../../context';
import { GENESIS_HASH } from '../../../db/repos/audit';
import { AUDIT_BREAK_KINDS, type AuditReportResponse } from '../../../shared/sync/audit';
import { nowInstant } from '../../../shared/time';
import { SyncFailure, type SyncHttp } from './http';

/** Where the station keeps the head central acknowledged last (sync_meta). */
export const AUDIT_ACK_KEY = 'audit.acknowledged';

/**
 * Tell central the audit log's head, anchored at the row central acknowledged last, with the breaks found here
 * and not yet reported (shared/sync/audit). Central keeps the head and flags the station when the log no longer
 * extends what it saw — what a log truncated or rewritten with recomputed hashes cannot hide. A central too old
 * to know the route (404) is skipped; other failures fail the sync run like any request.
 */
export async function reportAudit(ctx: CoreContext, http: SyncHttp, stationId: string): Promise<AuditReportResponse | null> {
  const head = ctx.repos.audit.head() ?? { seq: 0, hash: GENESIS_HASH };
  const ackSeq = ackedSeq(ctx);
  const anchor = ackSeq === null ? null : { seq: ackSeq, hash: ackSeq === 0 ? GENESIS_HASH : (ctx.repos.audit.byId(ackSeq)?.hash ?? null) };
  const pending = ctx.repos.audit.breaks().filter((b) => b.reportedAt === null);
  const breaks = pending.filter((b) => (AUDIT_BREAK_KINDS as readonly string[]).includes(b.kind)).slice(0, 100).map((b) => ({ detectedAt: b.detectedAt, seq: b.rowId, kind: b.kind }));
  let res: AuditReportResponse;
  try {
    res = await http.reportAudit(stationId, { head, anchor, breaks });
  } catch (e) {
    if (e instanceof SyncFailure && e.status === 404) return null;
    throw e;
  }
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.syncMeta.set(AUDIT_ACK_KEY, JSON.stringify(res.acknowledged));
    for (const b of pending.slice(0, 100)) ctx.repos.audit.markBreakReported(b.id, at);
  });
  return res;
}

function ackedSeq(ctx: CoreContext): number | null {
  const raw = ctx.repos.syncMeta.get(AUDIT_ACK_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { seq?: unknown };
    return typeof v.seq === 'number' && Number.isSafeInteger(v.seq) && v.seq >= 0 ? v.seq : null;
  } catch {
    return null;
  }
}
