import { z } from 'zod';
import { CaseSchema } from '../cases/model';
import { FamilySchema, CatalogItemSchema } from '../catalog/types';
import { CalendarYearSchema } from '../calendar/schema';
import { RosterRowSchema } from '../persons';
import { FenSchema, InstantSchema, RegionCodeSchema, StationCodeSchema, UuidSchema } from './common';
import { CentralCaseStatusSchema } from './changes';
import { AttachmentRefSchema } from './ops';
import { PolicyTableInputSchema } from './policy';

/**
 * The back office (后台分类审批) API under /v1/admin: named accounts sign in (`POST /v1/admin/login`) and send
 * their own token (`Authorization: Bearer <token>`), never a station credential; each route needs a role
 * (reviewer 审核, payer 支付/办结, publisher 参考数据, administrator 站点与账号). The CLI does the same through the
 * same services, signed in as an account.
 */

const NoteSchema = z.string().trim().min(1).max(500);
/**
 * Accepted for compatibility with older back-office clients and IGNORED: a decision is recorded under the account
 * whose token made the request, never under a name the caller writes.
 */
const ReviewerSchema = z.string().trim().min(1).max(50);

// — stations —

export const IssueCodeRequestSchema = z.strictObject({
  /** Required the first time a station code is seen. */
  regionCode: RegionCodeSchema.optional(),
  name: z.string().trim().min(1).max(64).optional(),
  /** How long the code stays valid (default 72 hours). */
  ttlHours: z.number().int().min(1).max(24 * 30).optional(),
});
export type IssueCodeRequest = z.infer<typeof IssueCodeRequestSchema>;

export const IssueCodeResponseSchema = z.object({
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  regionCode: RegionCodeSchema,
  /** One-time code, shown once. */
  code: z.string(),
  expiresAt: InstantSchema,
});
export type IssueCodeResponse = z.infer<typeof IssueCodeResponseSchema>;

export const STATION_STATES = ['pending', 'active', 'revoked'] as const;

export const StationSummarySchema = z.object({
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  name: z.string(),
  regionCode: RegionCodeSchema,
  state: z.enum(STATION_STATES),
  lastSeq: z.number().int().min(0),
  enrolledAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
  lastSeenAt: InstantSchema.nullable(),
});
export type StationSummary = z.infer<typeof StationSummarySchema>;

export const StationListResponseSchema = z.object({ stations: z.array(StationSummarySchema) });

// — cases —

/** A case as central holds it. */
export const CentralCaseSchema = z.object({
  caseId: UuidSchema,
  caseNo: z.string(),
  stationCode: StationCodeSchema,
  regionCode: RegionCodeSchema,
  itemCode: z.string(),
  family: FamilySchema,
  personId: z.string(),
  personIdNumber: z.string().nullable(),
  personName: z.string().nullable(),
  status: CentralCaseStatusSchema,
  materialsPending: z.boolean(),
  stationVersion: z.number().int().positive(),
  centralVersion: z.number().int().positive(),
  submittedAt: InstantSchema.nullable(),
  decidedAt: InstantSchema.nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  payoutFen: FenSchema.nullable(),
  attachments: z.array(AttachmentRefSchema),
  updatedAt: InstantSchema,
  /** The station's latest snapshot. */
  snapshot: CaseSchema,
});
export type CentralCase = z.infer<typeof CentralCaseSchema>;

export const CaseListQuerySchema = z.strictObject({
  status: CentralCaseStatusSchema.optional(),
  stationCode: StationCodeSchema.optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, '条数应为数字')
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const CaseSummarySchema = CentralCaseSchema.omit({ snapshot: true, attachments: true });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export const CaseListResponseSchema = z.object({ cases: z.array(CaseSummarySchema) });

export const ApproveRequestSchema = z.strictObject({ note: NoteSchema.nullable().optional(), reviewer: ReviewerSchema.optional() });
export const ReturnRequestSchema = z.strictObject({ note: NoteSchema, reviewer: ReviewerSchema.optional() });
export const RejectRequestSchema = z.strictObject({ reason: NoteSchema, reviewer: ReviewerSchema.optional() });
export const CompleteRequestSchema = z.strictObject({
  /** Amount paid out in fen; required for reimbursement items, null for items without a payout. */
  payoutFen: FenSchema.nullable(),
  note: NoteSchema.nullable().optional(),
  reviewer: ReviewerSchema.optional(),
});
export type ApproveRequest = z.infer<typeof ApproveRequestSchema>;
export type ReturnRequest = z.infer<typeof ReturnRequestSchema>;
export type RejectRequest = z.infer<typeof RejectRequestSchema>;
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

// — reference data —

export const PublishCatalogRequestSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  items: z.array(CatalogItemSchema).min(1).max(1000),
});
export const PublishPolicyRequestSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  tables: z.array(PolicyTableInputSchema).min(1).max(1000),
});
export const PublishCalendarRequestSchema = z.strictObject({
  years: z.array(CalendarYearSchema).min(1).max(200),
});
export const PublishRosterRequestSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  rows: z.array(RosterRowSchema).max(100_000),
  /** ID numbers that left the region's roster. */
  removed: z.array(z.string().trim().min(1).max(32)).max(100_000).optional(),
});
export type PublishCatalogRequest = z.infer<typeof PublishCatalogRequestSchema>;
export type PublishPolicyRequest = z.infer<typeof PublishPolicyRequestSchema>;
export type PublishCalendarRequest = z.infer<typeof PublishCalendarRequestSchema>;
export type PublishRosterRequest = z.infer<typeof PublishRosterRequestSchema>;

export const PublishResponseSchema = z.object({
  kind: z.enum(['catalog', 'policy', 'calendar', 'roster']),
  /** New or changed entries (one change each). */
  published: z.number().int().min(0),
  /** Entries identical to what central already had (no change). */
  unchanged: z.number().int().min(0),
  removed: z.number().int().min(0),
});
export type PublishResponse = z.infer<typeof PublishResponseSchema>;

export const PruneResponseSchema = z.object({
  deleted: z.number().int().min(0),
  /** Changes up to this cursor are gone; pulling from an older cursor answers 410 reset-required. */
  floor: z.string(),
});
export type PruneResponse = z.infer<typeof PruneResponseSchema>;

// — accounts (the back office of named people) —

export const BACK_OFFICE_ROLES = ['reviewer', 'payer', 'publisher', 'administrator'] as const;
export const BackOfficeRoleSchema = z.enum(BACK_OFFICE_ROLES);
export type BackOfficeRole = z.infer<typeof BackOfficeRoleSchema>;
export const ROLE_LABELS: Readonly<Record<BackOfficeRole, string>> = { reviewer: '审核', payer: '支付', publisher: '发布', administrator: '管理员' };

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名应为 3 至 32 位小写字母、数字或 . _ -，以字母开头');
export const PasswordSchema = z.string().min(10, '密码至少 10 个字符').max(200, '密码不能超过 200 个字符');
const DisplayNameSchema = z.string().trim().min(1).max(50);

export const LoginRequestSchema = z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const AccountSchema = z.object({
  accountId: UuidSchema,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(BackOfficeRoleSchema),
  state: z.enum(['active', 'disabled']),
  /** Locked by wrong passwords until this instant, or null. */
  lockedUntil: InstantSchema.nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Account = z.infer<typeof AccountSchema>;
export const AccountListResponseSchema = z.object({ accounts: z.array(AccountSchema) });

export const LoginResponseSchema = z.object({
  /** Shown once; send it as `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: InstantSchema,
  account: AccountSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const CreateAccountRequestSchema = z.strictObject({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  roles: z.array(BackOfficeRoleSchema).min(1).max(BACK_OFFICE_ROLES.length),
  password: PasswordSchema,
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequestSchema>;

/** Change an account: its roles, disable or enable it, or set a new password (each ends its sign-ins). */
export const UpdateAccountRequestSchema = z.strictObject({
  roles: z.array(BackOfficeRoleSchema).min(1).max(BACK_OFFICE_ROLES.length).optional(),
  state: z.enum(['active', 'disabled']).optional(),
  password: PasswordSchema.optional(),
});
export type UpdateAccountRequest = z.infer<typeof UpdateAccountRequestSchema>;

export const UsernameParams = z.strictObject({ username: UsernameSchema });

// — four-eyes payouts —

/** 202 to a `complete` whose payout is above the threshold: nothing reaches the station until another payer confirms. */
export const PayoutPendingSchema = z.object({
  status: z.literal('awaiting-confirmation'),
  caseId: UuidSchema,
  payoutFen: FenSchema,
  thresholdFen: FenSchema,
  requestedBy: z.string(),
  requestedAt: InstantSchema,
  message: z.string(),
});
export type PayoutPending = z.infer<typeof PayoutPendingSchema>;

/** The second payer confirms by restating the amount (so it is read, not clicked through). */
export const ConfirmPayoutRequestSchema = z.strictObject({ payoutFen: FenSchema });
export type ConfirmPayoutRequest = z.infer<typeof ConfirmPayoutRequestSchema>;

// — central's audit of the back office —

export const AuditRowSchema = z.object({
  id: z.number().int().positive(),
  at: InstantSchema,
  accountId: z.string().nullable(),
  accountName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export const AuditQuerySchema = z.strictObject({
  after: z.string().regex(/^\d{1,15}$/, '应为数字').transform(Number).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, '条数应为数字')
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .optional(),
});
export const AuditPageResponseSchema = z.object({ entries: z.array(AuditRowSchema) });
export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int().min(0),
  /** The first row that does not chain (missing, altered, or reordered), or null. */
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>;
