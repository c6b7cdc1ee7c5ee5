import { z } from 'zod';
import { ProtocolVersionSchema } from './version';
import { InstantSchema, Sha256Schema, UuidSchema } from './common';

/**
 * POST /v1/sync/audit — the station's audit log head, with every sync run.
 *
 * The station's audit log is hash-chained, but a station's own check cannot catch a log truncated, or rewritten
 * with its hashes recomputed, by someone with the store and the source. Central keeps the head (seq and hash) the
 * station last reported and answers it as `acknowledged`; the next report carries the station's row at that seq
 * as `anchor`. A report whose anchor is missing or differs (rows rewritten), or whose head is before the one seen
 * (rows deleted), flags the station at central; so does a break the station found itself (`breaks`).
 */
export const AuditHeadSchema = z.strictObject({
  /** The last row's seq (0: an empty log). */
  seq: z.number().int().min(0),
  /** The last row's hash (64 zeros for an empty log). */
  hash: Sha256Schema,
});
export type AuditHead = z.infer<typeof AuditHeadSchema>;

export const AUDIT_BREAK_KINDS = ['row_changed', 'chain_broken', 'verified_row_missing', 'verified_row_changed'] as const;

export const AuditBreakReportSchema = z.strictObject({
  detectedAt: InstantSchema,
  /** The row where the station found its chain broken. */
  seq: z.number().int().min(0),
  kind: z.enum(AUDIT_BREAK_KINDS),
});
export type AuditBreakReport = z.infer<typeof AuditBreakReportSchema>;

export const AuditReportRequestSchema = z.strictObject({
  protocol: ProtocolVersionSchema,
  stationId: UuidSchema,
  head: AuditHeadSchema,
  /**
   * The station's row at the seq central last acknowledged (`hash` null: the station has no such row any more);
   * null when central never acknowledged one to this station.
   */
  anchor: z.strictObject({ seq: z.number().int().min(0), hash: Sha256Schema.nullable() }).nullable(),
  /** Breaks the station found in its own chain and has not reported yet. */
  breaks: z.array(AuditBreakReportSchema).max(100),
});
export type AuditReportRequest = z.infer<typeof AuditReportRequestSchema>;

/** Why central flagged a station's audit log. */
export const AUDIT_FLAG_REASONS = ['truncated', 'rewritten', 'anchor-missing', 'break-reported'] as const;
export const AuditFlagReasonSchema = z.enum(AUDIT_FLAG_REASONS);
export type AuditFlagReason = z.infer<typeof AuditFlagReasonSchema>;

export const AuditReportResponseSchema = z.object({
  /** The head central keeps now: the station anchors its next report at this seq. */
  acknowledged: AuditHeadSchema,
  /** The station's log is flagged at central (by this report or an earlier one), and why first. */
  flagged: z.boolean(),
  reason: AuditFlagReasonSchema.nullable(),
});
export type AuditReportResponse = z.infer<typeof AuditReportResponseSchema>;
