import { z } from 'zod';
import { channel } from '../channel';
import { CaseSchema, UuidSchema, LocalDateSchema } from '../../cases/model';
import { CaseStatusSchema } from '../../cases/status';
import { QueueFilterSchema, QueuePageSchema } from '../../cases/queue';
import { LocalizedTextSchema } from '../../text';

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
  /** Central's reason when it refused a change of the case (中心拒收). */
  syncError: z.string().nullable(),
  /** An item handled on the spot, taken in, waiting for central to complete it (待联网办结; never overdue here). */
  awaitingCentral: z.boolean(),
  createdAt: z.string(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const queueList = channel({
  summary: 'The work queue: filtered, sorted by due date, paged',
  write: false,
  input: z.strictObject({ filter: QueueFilterSchema, page: QueuePageSchema }),
  output: z.strictObject({ rows: z.array(QueueRowSchema), total: z.number().int().min(0) }),
});

export const queueCounts = channel({
  summary: 'Counts by status for the queue header, plus overdue',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({
    byStatus: z.record(CaseStatusSchema, z.number().int().min(0)),
    overdue: z.number().int().min(0),
    /** Outbox ops waiting for central. */
    pendingSync: z.number().int().min(0),
    /** Cases with changes waiting for central. */
    pendingCases: z.number().int().min(0),
    /** Cases central refused a change of, finished ones too: they need the window's action (中心拒收 / 需处理). */
    needsAction: z.number().int().min(0),
    /** Items handled on the spot waiting for central (待联网办结), counted apart from the overdue ones. */
    awaitingCentral: z.number().int().min(0),
  }),
});
