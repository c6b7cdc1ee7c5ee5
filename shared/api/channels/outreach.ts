import { z } from 'zod';
import { channel } from '../channel';
import { LocalDateSchema, UuidSchema } from '../../cases/model';
import { CaseStatusSchema } from '../../cases/status';
import { LocalizedTextSchema } from '../../text';
import { OUTREACH_LISTS } from '../../outreach/rules';

/** outreach.* — the proactive work lists (主动服务), for a trip's villages or the whole station. */

export const OutreachRowSchema = z.strictObject({
  personId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  /** The item an intake from this row starts with. */
  itemCode: z.string(),
  itemName: LocalizedTextSchema,
  /** The case the row is about (a return to correct, a promise falling due), when there is one. */
  caseId: UuidSchema.nullable(),
  caseNo: z.string().nullable(),
  status: CaseStatusSchema.nullable(),
  /** Why the person is on the list, in Chinese (断保, 复评到期 2025-03-01, …). */
  reason: z.string(),
  due: LocalDateSchema.nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
});
export type OutreachRow = z.infer<typeof OutreachRowSchema>;

export const outreachList = channel({
  summary: 'One proactive work list (未参保/断保, LTC re-assessments, certifications expiring, returned cases, 容缺 promises)',
  write: true,
  input: z.strictObject({ list: z.enum(OUTREACH_LISTS), tripId: UuidSchema.optional() }),
  output: z.strictObject({
    list: z.enum(OUTREACH_LISTS),
    rows: z.array(OutreachRowSchema),
    /** The enrollment list's coverage year and where today stands against its collection period. */
    target: z
      .strictObject({ year: z.number().int(), from: LocalDateSchema, to: LocalDateSchema, phase: z.enum(['in', 'before']), daysLeft: z.number().int(), estimated: z.boolean() })
      .nullable(),
    /** Whose list: the trip's villages, or the whole station. */
    scope: z.strictObject({ tripId: UuidSchema.nullable(), tripName: z.string().nullable() }),
    generatedOn: LocalDateSchema,
  }),
});

export const FollowupRowSchema = z.strictObject({
  caseId: UuidSchema,
  caseNo: z.string(),
  itemName: LocalizedTextSchema,
  status: CaseStatusSchema,
  personId: z.string(),
  personName: z.string(),
  personPhone: z.string().nullable(),
  proxyName: z.string().nullable(),
  proxyPhone: z.string().nullable(),
  /** The helpers following the case (the clerk who took it in, and those named its handlers). */
  helpers: z.array(z.string()),
  nextStep: z.enum(['accept', 'bring_materials', 'await_upload', 'await_decision', 'correct', 'hand_out', 'inform_rejection', 'none']),
  due: LocalDateSchema.nullable(),
  workingDaysLeft: z.number().int().nullable(),
  /** Due within 2 working days (or past), or returned for correction. */
  standsOut: z.boolean(),
  central: z.strictObject({ note: z.string().nullable(), syncError: z.string().nullable(), version: z.number().int().nullable() }),
  updatedAt: z.string(),
});
export type FollowupRow = z.infer<typeof FollowupRowSchema>;

export const outreachFollowups = channel({
  summary: "全程督办: the cases a helper follows (a helper's own), next step, due date, central's last word",
  write: true,
  input: z.strictObject({ includeDone: z.boolean().optional() }),
  output: z.array(FollowupRowSchema),
});
