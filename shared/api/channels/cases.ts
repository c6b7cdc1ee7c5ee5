import { z } from 'zod';
import { channel } from '../channel';
import { CaseSchema, CaseEventSchema, ProxySchema, UuidSchema, LocalDateSchema } from '../../cases/model';
import { CASE_ACTIONS } from '../../cases/status';
import { PersonSummarySchema } from '../../persons';
import { LocalizedTextSchema } from '../../text';
import { QueueFilterSchema, QueuePageSchema } from '../../cases/queue';
import { CaseStatusSchema } from '../../cases/status';

const MaterialCodesSchema = z.array(z.string().min(1).max(64)).max(50);
const VersionSchema = z.number().int().positive();
const ReasonSchema = z.string().trim().min(1, '请填写原因').max(500);

export const CaseMaterialViewSchema = z.strictObject({
  code: z.string(),
  name: LocalizedTextSchema,
  needed: z.boolean(),
  deferrable: z.boolean(),
  received: z.boolean(),
});

export const CaseViewSchema = z.strictObject({
  case: CaseSchema,
  person: PersonSummarySchema,
  /** Who took the case in (the receipt names them). */
  clerkName: z.string(),
  itemName: LocalizedTextSchema,
  materials: z.array(CaseMaterialViewSchema),
  events: z.array(CaseEventSchema),
  /** Working days until sla_due (negative when overdue); null without a due date. */
  workingDaysLeft: z.number().int().nullable(),
  /** Some of those days were counted without official calendar data (weekends only). */
  calendarEstimated: z.boolean(),
  actions: z.array(z.enum(CASE_ACTIONS)),
  /** What central said: its version of the case, the reviewer's note, the payout (fen) of a completed claim. */
  central: z.strictObject({
    version: z.number().int().positive().nullable(),
    note: z.string().nullable(),
    payoutFen: z.number().int().min(0).nullable(),
  }),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const casesCreate = channel({
  summary: 'Start a case (draft) for a person',
  roles: 'signed_in',
  write: true,
  input: z.strictObject({
    itemCode: z.string().min(1).max(64),
    personId: UuidSchema,
    form: z.record(z.string(), z.unknown()),
    proxy: ProxySchema.optional(),
    materialsReceived: MaterialCodesSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesIntake = channel({
  summary: '受理 at once: create and accept in one step (nothing is saved when acceptance is refused)',
  roles: 'signed_in',
  write: true,
  input: z.strictObject({
    itemCode: z.string().min(1).max(64),
    personId: UuidSchema,
    form: z.record(z.string(), z.unknown()),
    proxy: ProxySchema.optional(),
    materialsReceived: MaterialCodesSchema,
    promiseDate: LocalDateSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesUpdateDraft = channel({
  summary: 'Change the form, proxy or received materials of a draft',
  roles: 'signed_in',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    form: z.record(z.string(), z.unknown()).optional(),
    proxy: ProxySchema.nullable().optional(),
    materialsReceived: MaterialCodesSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesAccept = channel({
  summary: '受理: accept with complete materials, or under 容缺 with a promise date; refused with the list of what is missing',
  roles: 'signed_in',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    /** Materials received at the counter (adds to what the draft already records). */
    materialsReceived: MaterialCodesSchema.optional(),
    /** 容缺: the date by which the person promises the missing materials. */
    promiseDate: LocalDateSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesRecordMaterials = channel({
  summary: 'Record materials that arrived later; completes a 容缺 case when nothing is missing',
  roles: 'signed_in',
  write: true,
  input: z.strictObject({ caseId: UuidSchema, version: VersionSchema, received: MaterialCodesSchema.min(1) }),
  output: CaseViewSchema,
});

export const casesWithdraw = channel({
  summary: 'Withdraw a case not yet sent to central, with a reason',
  roles: ['clerk', 'mobile_team', 'supervisor'],
  write: true,
  input: z.strictObject({ caseId: UuidSchema, version: VersionSchema, reason: ReasonSchema }),
  output: CaseViewSchema,
});

export const casesResubmit = channel({
  summary: '补正: correct a case central returned and send it again (what was corrected is the reason)',
  roles: ['clerk', 'mobile_team', 'supervisor'],
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    reason: ReasonSchema,
    form: z.record(z.string(), z.unknown()).optional(),
    materialsReceived: MaterialCodesSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesHandOut = channel({
  summary: '出件: hand an approved result to the person at the window; the case is completed',
  roles: ['clerk', 'mobile_team', 'supervisor'],
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    /** Who collected the result when it is not the person (family member, proxy officer). */
    collector: z
      .strictObject({
        name: z.string().trim().min(1, '请填写领取人姓名').max(50),
        idNumber: z.string().trim().max(32).optional(),
        relationship: z.string().trim().max(20).optional(),
      })
      .optional(),
  }),
  output: CaseViewSchema,
});

export const casesGet = channel({
  summary: 'A case with its person, materials, timeline and allowed actions',
  roles: 'signed_in',
  write: false,
  input: z.strictObject({ caseId: UuidSchema }),
  output: CaseViewSchema,
});

export const QueueRowSchema = z.strictObject({
  id: UuidSchema,
  caseNo: z.string(),
  family: CaseSchema.shape.family,
  itemCode: z.string(),
  itemName: LocalizedTextSchema,
  status: CaseStatusSchema,
  personName: z.string(),
  personIdNumber: z.string(),
  proxyName: z.string().nullable(),
  clerkId: z.string(),
  clerkName: z.string(),
  slaDue: LocalDateSchema.nullable(),
  promiseDate: LocalDateSchema.nullable(),
  workingDaysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  syncState: CaseSchema.shape.syncState,
  createdAt: z.string(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const queueList = channel({
  summary: 'The work queue: filtered, sorted by due date, paged',
  roles: 'signed_in',
  write: false,
  input: z.strictObject({ filter: QueueFilterSchema, page: QueuePageSchema }),
  output: z.strictObject({ rows: z.array(QueueRowSchema), total: z.number().int().min(0) }),
});

export const queueCounts = channel({
  summary: 'Counts by status for the queue header, plus overdue',
  roles: 'signed_in',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({
    byStatus: z.record(CaseStatusSchema, z.number().int().min(0)),
    overdue: z.number().int().min(0),
    /** Outbox ops waiting for central. */
    pendingSync: z.number().int().min(0),
    /** Cases with changes waiting for central. */
    pendingCases: z.number().int().min(0),
  }),
});
