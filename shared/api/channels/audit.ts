import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema, LocalDateSchema, UuidSchema } from '../../cases/model';

/** Filters of the 审计 screen, all optional. */
export const AuditFilterSchema = z.strictObject({
  userId: UuidSchema.optional(),
  /** The person's ID number (证件号码) as typed: rows about them (as entity, among the persons shown, or their cases). */
  personIdNumber: z.string().trim().min(1).max(32).optional(),
  /** Today's action name (`case.accept`); older names meaning the same are found too. */
  action: z.string().trim().regex(/^[a-z]+\.[a-z_]+$/, '操作类型：格式不对').max(64).optional(),
  /** Days in Asia/Shanghai, both inclusive. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: InstantSchema,
  actorId: z.string().nullable(),
  actorName: z.string(),
  /** Today's name of the action (legacy names mapped). */
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The persons the row names (shown, read or changed). */
  personIds: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditBreakSchema = z.strictObject({
  detectedAt: InstantSchema,
  /** The row where the chain no longer holds. */
  seq: z.number().int(),
  kind: z.enum(['row_changed', 'chain_broken', 'verified_row_missing', 'verified_row_changed']),
  /** Central has been told (with the next sync). */
  reported: z.boolean(),
});

export const AuditStatusSchema = z.strictObject({
  /** The last row: what the station tells central with each sync. */
  head: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** Rows verified so far (the chain up to this row holds). */
  verifiedSeq: z.number().int().min(0),
  verifiedAt: InstantSchema.nullable(),
  /** Every break found, oldest first: the banner shows while there is one. */
  breaks: z.array(AuditBreakSchema),
});

export const auditStatus = channel({
  summary: "The audit log's head, how far it is verified, and any break found (the supervisors' banner)",
  write: false,
  input: z.strictObject({}),
  output: AuditStatusSchema,
});

export const auditVerify = channel({
  summary: 'Verify the whole hash chain now (a break is recorded and reported to central)',
  write: true,
  input: z.strictObject({}),
  output: z.strictObject({ ok: z.boolean(), rows: z.number().int().min(0), brokenAt: z.number().int().nullable(), status: AuditStatusSchema }),
});

export const auditList = channel({
  summary: 'Audit rows, newest first, filtered by user, person, action and date (the read is audited)',
  write: true,
  input: z.strictObject({ filter: AuditFilterSchema, page: z.strictObject({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(200) }) }),
  output: z.strictObject({ rows: z.array(AuditEntrySchema), total: z.number().int().min(0) }),
});

export const AUDIT_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
/** The most rows one export writes. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export const auditExport = channel({
  summary: 'The filtered audit rows as an xlsx workbook or a CSV file (at most 100,000 rows; the export is audited)',
  write: true,
  input: z.strictObject({ filter: AuditFilterSchema, format: z.enum(AUDIT_EXPORT_FORMATS) }),
  output: z.strictObject({ fileName: z.string(), mime: z.string(), rows: z.number().int().min(0), dataBase64: z.string() }),
});
