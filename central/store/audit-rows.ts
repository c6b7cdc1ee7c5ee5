import type { AuditFlagReason } from '../../shared/sync/audit';
import type { AuditEventRow, AuditHeadRow } from './types';

/** Rows of the station audit tables (both backends; PostgreSQL's bigint comes back as text). */
type Raw = Record<string, unknown>;

export function auditHeadFromRaw(r: Raw): AuditHeadRow {
  return {
    stationId: String(r.station_id),
    seq: Number(r.seq),
    hash: String(r.hash),
    reportedAt: String(r.reported_at),
    flaggedAt: r.flagged_at === null || r.flagged_at === undefined ? null : String(r.flagged_at),
    flagReason: r.flag_reason === null || r.flag_reason === undefined ? null : (String(r.flag_reason) as AuditFlagReason),
  };
}

export function auditEventFromRaw(r: Raw): AuditEventRow {
  return { stationId: String(r.station_id), at: String(r.at), kind: String(r.kind) as AuditEventRow['kind'], detail: JSON.parse(String(r.detail)) as unknown };
}
