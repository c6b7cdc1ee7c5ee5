import { z } from 'zod';
import { FamilySchema } from '../catalog/types';
import { CaseStatusSchema, CASE_ACTIONS } from './status';
import { RoleSchema } from '../roles';
import { isInstant, isLocalDate } from '../time';
import { isUuidV7 } from '../ids';

export const UuidSchema = z.string().refine(isUuidV7, { message: '不是有效的编号（UUIDv7）' });
export const LocalDateSchema = z.string().refine(isLocalDate, { message: '日期格式应为 YYYY-MM-DD' });
export const InstantSchema = z.string().refine(isInstant, { message: '时间格式不对' });

/** Relationship of the agent to the person (帮办代办). */
export const PROXY_RELATIONSHIPS = ['spouse', 'child', 'parent', 'relative', 'guardian', 'village_official', 'proxy_officer', 'other'] as const;

export const ProxySchema = z.strictObject({
  name: z.string().trim().min(1, '请填写代办人姓名').max(50),
  /** The agent's identity number, normalised by the core. */
  idNumber: z.string().trim().min(1, '请填写代办人证件号码').max(32),
  relationship: z.enum(PROXY_RELATIONSHIPS),
  phone: z.string().trim().max(20).optional(),
  /** The signed 授权委托书 was received. */
  authorisationReceived: z.boolean(),
});
export type Proxy = z.infer<typeof ProxySchema>;

export const CaseMaterialSchema = z.strictObject({
  code: z.string(),
  received: z.boolean(),
  receivedAt: InstantSchema.nullable(),
});
export type CaseMaterial = z.infer<typeof CaseMaterialSchema>;

/** A case's sync state: changes waiting for central, all of them applied, or the last one refused. */
export const SYNC_STATES = ['pending', 'synced', 'rejected'] as const;
export const SyncStateSchema = z.enum(SYNC_STATES);

export const CaseSchema = z.strictObject({
  id: UuidSchema,
  caseNo: z.string(),
  family: FamilySchema,
  itemCode: z.string(),
  personId: UuidSchema,
  proxy: ProxySchema.nullable(),
  status: CaseStatusSchema,
  version: z.number().int().positive(),
  form: z.record(z.string(), z.unknown()),
  materials: z.array(CaseMaterialSchema),
  promiseDate: LocalDateSchema.nullable(),
  acceptedAt: InstantSchema.nullable(),
  slaDue: LocalDateSchema.nullable(),
  clerkId: UuidSchema,
  stationCode: z.string(),
  syncState: SyncStateSchema,
  syncError: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Case = z.infer<typeof CaseSchema>;

/**
 * Every kind of case event. Besides the status actions: `created`, `edited` (a draft or a returned case
 * corrected), `materials_recorded`, `attachment_added`, `estimate_saved`, `sync_rejected` (central refused
 * an op of this case; the reason is kept — local only, never pushed) and `refusal_acknowledged` (the window took
 * note of a refusal nothing at the station can correct — local only, never pushed).
 */
export const CASE_EVENT_KINDS = ['created', 'edited', 'materials_recorded', 'attachment_added', 'estimate_saved', 'sync_rejected', 'refusal_acknowledged', ...CASE_ACTIONS] as const;
export const CaseEventKindSchema = z.enum(CASE_EVENT_KINDS);
export type CaseEventKind = z.infer<typeof CaseEventKindSchema>;

export const CaseEventSchema = z.strictObject({
  id: UuidSchema,
  caseId: UuidSchema,
  at: InstantSchema,
  actorId: z.string().nullable(),
  actorName: z.string(),
  actorRole: z.union([RoleSchema, z.literal('system'), z.literal('central')]),
  kind: CaseEventKindSchema,
  fromStatus: CaseStatusSchema.nullable(),
  toStatus: CaseStatusSchema,
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;
