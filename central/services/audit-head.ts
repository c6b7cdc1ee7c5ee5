import { nowInstant } from '../../shared/time';
import type { AuditFlagReason, AuditReportRequest, AuditReportResponse } from '../../shared/sync/audit';
import type { AuditEventRow, AuditHeadRow, StationRow } from '../store/types';
import type { CentralContext } from './context';
import { fail } from './errors';

/**
 * A station's audit head (shared/sync/audit): central keeps the head each station last reported, and a new report
 * must extend it — the station's row at the seq central kept must still have the hash central kept, and the new
 * head may not be before it. Otherwise the station is flagged (truncated, rewritten, anchor missing); a break the
 * station found itself flags it too. A flag stays until the back office clears it; the head kept moves on either
 * way, so the next honest report extends the new one.
 */
export async function reportAuditHead(ctx: CentralContext, station: StationRow, req: AuditReportRequest): Promise<AuditReportResponse> {
  if (req.stationId !== station.id) fail('station-mismatch', '请求中的站点编号与凭证不符');
  for (let attempt = 0; attempt < 3; attempt++) {
    const kept = await ctx.store.auditHead(station.id);
    const at = nowInstant(ctx.clock);
    const reason = kept ? mismatch(kept, req) : null;
    const events: AuditEventRow[] = req.breaks.map((b) => ({ stationId: station.id, at, kind: 'break_reported', detail: b }));
    const newReason: AuditFlagReason | null = reason ?? (req.breaks.length > 0 ? 'break-reported' : null);
    if (newReason) {
      events.push({ stationId: station.id, at, kind: 'flagged', detail: { reason: newReason, kept: kept ? { seq: kept.seq, hash: kept.hash } : null, anchor: req.anchor, head: req.head } });
    }
    const row: AuditHeadRow = {
      stationId: station.id,
      seq: req.head.seq,
      hash: req.head.hash,
      reportedAt: at,
      flaggedAt: kept?.flaggedAt ?? (newReason ? at : null),
      flagReason: kept?.flagReason ?? newReason,
    };
    if (await ctx.store.saveAuditHead(row, kept ? { seq: kept.seq, hash: kept.hash } : null, events)) {
      return { acknowledged: { seq: row.seq, hash: row.hash }, flagged: row.flagReason !== null, reason: row.flagReason };
    }
    // Another report of this station moved the head meanwhile: compare with that one.
  }
  fail('conflict', '审计日志位置被同时修改，请稍后重试');
}

/** Why a report does not extend the head kept, or null when it does. */
function mismatch(kept: AuditHeadRow, req: AuditReportRequest): AuditFlagReason | null {
  if (req.anchor === null || req.anchor.seq !== kept.seq) return 'anchor-missing';
  if (req.anchor.hash === null || req.head.seq < kept.seq) return 'truncated';
  if (req.anchor.hash !== kept.hash) return 'rewritten';
  if (req.head.seq === kept.seq && req.head.hash !== kept.hash) return 'rewritten';
  return null;
}
