import { z } from 'zod';
import { CaseStatusSchema } from './status';
import { FamilySchema } from '../catalog/types';

/** What the work queue (工作台) can be filtered by; every filter is optional and they combine with AND. */
export const QueueFilterSchema = z.strictObject({
  statuses: z.array(CaseStatusSchema).max(10).optional(),
  family: FamilySchema.optional(),
  itemCode: z.string().max(64).optional(),
  /** Only cases taken in by this user ("mine" in the UI). */
  clerkId: z.string().max(64).optional(),
  /** Only cases handled for the person by an agent (帮办代办). */
  proxyOnly: z.boolean().optional(),
  /** Only open cases past their due date. */
  overdue: z.boolean().optional(),
  /** Only open cases central refused a change of (中心拒收 / 需处理): the window corrects or withdraws them. */
  needsAction: z.boolean().optional(),
  /** Only items handled on the spot taken in and not decided yet: they wait for central (待联网办结). */
  awaitingCentral: z.boolean().optional(),
  /** One search box: case number prefix, name, ID number, pinyin (full or initials), phone. */
  q: z.string().max(64).optional(),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

export const QueuePageSchema = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(200),
});
export type QueuePage = z.infer<typeof QueuePageSchema>;
