import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema, LocalDateSchema, UuidSchema } from '../../cases/model';
import { AppealOutcomeSchema, FollowUpStatusSchema, RaterSchema, RatingLevelSchema, RatingReasonSchema, RatingSubjectSchema } from '../../front/ratings';

/**
 * ratings.*: 好差评 — the rating the citizen gives on the screen facing them (only a display credential may give
 * it: the clerk's own window cannot), and the supervisor's follow-up of a bad one (回访, 整改, 申诉).
 */

/** What the citizen-facing screen asks to be rated: no personal data (the number and case numbers). */
export const RatingPromptSchema = z.strictObject({
  subject: RatingSubjectSchema,
  /** The ticket number, or the case number of a hand-out. */
  label: z.string(),
  caseNos: z.array(z.string()),
  windowNo: z.number().int(),
  requestedAt: InstantSchema,
});
export type RatingPrompt = z.infer<typeof RatingPromptSchema>;

export const ratingsPrompt = channel({
  summary: "The service this display's window asks to be rated now, if any",
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ prompt: RatingPromptSchema.nullable() }),
});

export const ratingsSubmit = channel({
  summary: 'Rate the service of this window (一次一评): five levels; reasons for 不满意/非常不满意; a bad one opens a follow-up',
  write: true,
  input: z.strictObject({
    level: RatingLevelSchema,
    reasons: z.array(RatingReasonSchema).max(6).default([]),
    comment: z.string().trim().max(200, '意见最多 200 字').nullable().default(null),
    rater: RaterSchema.default('self'),
  }),
  output: z.strictObject({ ratingId: UuidSchema, followUp: z.boolean() }),
});

export const ratingsRequest = channel({
  summary: "Ask the window's citizen-facing screen to rate a case's hand-out (出件); audited",
  write: true,
  input: z.strictObject({ windowNo: z.number().int().min(1).max(99), caseId: UuidSchema }),
  output: z.strictObject({ prompt: RatingPromptSchema }),
});

export const RatingRowSchema = z.strictObject({
  id: UuidSchema,
  subject: RatingSubjectSchema,
  label: z.string(),
  caseNos: z.array(z.string()),
  day: LocalDateSchema,
  windowNo: z.number().int().nullable(),
  clerkName: z.string().nullable(),
  level: RatingLevelSchema,
  reasons: z.array(RatingReasonSchema),
  comment: z.string().nullable(),
  rater: RaterSchema,
  at: InstantSchema,
});
export type RatingRow = z.infer<typeof RatingRowSchema>;

export const ratingsList = channel({
  summary: 'Ratings of a period (from–to days)',
  write: false,
  input: z.strictObject({ from: LocalDateSchema, to: LocalDateSchema }),
  output: z.array(RatingRowSchema),
});

export const FollowUpSchema = z.strictObject({
  id: UuidSchema,
  rating: RatingRowSchema,
  status: FollowUpStatusSchema,
  openedOn: LocalDateSchema,
  visitDue: LocalDateSchema,
  rectifyDue: LocalDateSchema,
  visitAt: InstantSchema.nullable(),
  visitByName: z.string().nullable(),
  visitNote: z.string().nullable(),
  rectifyAt: InstantSchema.nullable(),
  rectifyByName: z.string().nullable(),
  rectifyNote: z.string().nullable(),
  appealAt: InstantSchema.nullable(),
  appealText: z.string().nullable(),
  appealOutcome: AppealOutcomeSchema.nullable(),
  appealNote: z.string().nullable(),
  appealDecidedAt: InstantSchema.nullable(),
  overdue: z.boolean(),
  visitOverdue: z.boolean(),
  rectifyOverdue: z.boolean(),
  late: z.boolean(),
  /** Years the due dates were counted Monday–Friday for (no official calendar). */
  estimatedYears: z.array(z.number().int()),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const ratingsFollowUps = channel({
  summary: 'Follow-ups of bad ratings: the open ones and those closed in the last 90 days, overdue flagged',
  write: false,
  input: z.strictObject({ status: z.enum(['open', 'all']).default('open') }),
  output: z.array(FollowUpSchema),
});

const NoteSchema = (what: string) => z.string().trim().min(1, `请填写${what}`).max(1000, `${what}最多 1000 字`);

export const ratingsVisit = channel({
  summary: 'Record the return visit (回访) of a bad rating: what was done; audited',
  write: true,
  input: z.strictObject({ followUpId: UuidSchema, note: NoteSchema('回访情况') }),
  output: FollowUpSchema,
});

export const ratingsRectify = channel({
  summary: 'Record the rectification (整改) of a bad rating: what was done; closes the follow-up; audited',
  write: true,
  input: z.strictObject({ followUpId: UuidSchema, note: NoteSchema('整改情况') }),
  output: FollowUpSchema,
});

export const ratingsAppeal = channel({
  summary: "Record the citizen's appeal (申诉) on a follow-up; audited",
  write: true,
  input: z.strictObject({ followUpId: UuidSchema, text: NoteSchema('申诉内容') }),
  output: FollowUpSchema,
});

export const ratingsDecideAppeal = channel({
  summary: 'Record the outcome of an appeal (upheld: the rating is left out of the satisfaction rate); audited',
  write: true,
  input: z.strictObject({ followUpId: UuidSchema, outcome: AppealOutcomeSchema, note: NoteSchema('处理结果') }),
  output: FollowUpSchema,
});
