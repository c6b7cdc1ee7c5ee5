import { z } from 'zod';
import { InstantSchema, LocalDateSchema, UuidSchema } from './common';
import { AppealOutcomeSchema, FollowUpStatusSchema, RaterSchema, RatingLevelSchema, RatingReasonSchema, RatingSubjectSchema } from '../front/ratings';

/**
 * The front office's ops (protocol 1.3, issue 15): a station's ticket figures of a day, its 好差评 ratings and the
 * follow-ups of bad ones. Envelope: `caseId: null`, `baseVersion: null`; the payload carries its own `version`
 * (a later op of the same day, rating or follow-up has a higher one; central keeps the highest). No personal
 * data beyond the citizen's own comment: tickets travel as counts and durations only.
 */

const Sec = z.number().min(0).nullable();
const Count = z.number().int().min(0);

/** `front.day`: the figures of one day's waiting line. */
export const FrontDayPayloadSchema = z.strictObject({
  day: LocalDateSchema,
  version: z.number().int().positive(),
  categories: z
    .array(z.strictObject({ code: z.string().max(32), letter: z.string().max(1), name: z.string().max(20), issued: Count, served: Count, skipped: Count, priority: Count, appointments: Count }))
    .max(26),
  windows: z
    .array(
      z.strictObject({
        windowNo: z.number().int().min(1).max(99),
        calls: Count,
        served: Count,
        waitMedianSec: Sec,
        waitP90Sec: Sec,
        serviceMedianSec: Sec,
        serviceP90Sec: Sec,
      }),
    )
    .max(99),
  waitMedianSec: Sec,
  waitP90Sec: Sec,
});
export type FrontDayPayload = z.infer<typeof FrontDayPayloadSchema>;

/** A rating as central keeps it. */
export const RatingDataSchema = z.strictObject({
  id: UuidSchema,
  subject: RatingSubjectSchema,
  /** The ticket number rated (subject `ticket`), or null. */
  ticketNumber: z.string().max(8).nullable(),
  caseIds: z.array(UuidSchema).max(50),
  caseNos: z.array(z.string().max(64)).max(50),
  day: LocalDateSchema,
  windowNo: z.number().int().nullable(),
  /** The clerk whose service was rated (station user id). */
  clerkId: z.string().nullable(),
  clerkName: z.string().max(50).nullable(),
  level: RatingLevelSchema,
  reasons: z.array(RatingReasonSchema).max(6),
  comment: z.string().max(200).nullable(),
  rater: RaterSchema,
  at: InstantSchema,
  version: z.number().int().positive(),
});
export type RatingData = z.infer<typeof RatingDataSchema>;

/** `front.rating`: one rating (一次一评). */
export const FrontRatingPayloadSchema = z.strictObject({ rating: RatingDataSchema });
export type FrontRatingPayload = z.infer<typeof FrontRatingPayloadSchema>;

/** A follow-up of a bad rating as central keeps it. */
export const FollowUpDataSchema = z.strictObject({
  id: UuidSchema,
  ratingId: UuidSchema,
  status: FollowUpStatusSchema,
  openedOn: LocalDateSchema,
  visitDue: LocalDateSchema,
  rectifyDue: LocalDateSchema,
  visitAt: InstantSchema.nullable(),
  visitByName: z.string().max(50).nullable(),
  visitNote: z.string().max(1000).nullable(),
  rectifyAt: InstantSchema.nullable(),
  rectifyByName: z.string().max(50).nullable(),
  rectifyNote: z.string().max(1000).nullable(),
  appealAt: InstantSchema.nullable(),
  appealText: z.string().max(1000).nullable(),
  appealOutcome: AppealOutcomeSchema.nullable(),
  appealNote: z.string().max(1000).nullable(),
  appealDecidedAt: InstantSchema.nullable(),
  version: z.number().int().positive(),
  updatedAt: InstantSchema,
});
export type FollowUpData = z.infer<typeof FollowUpDataSchema>;

/** `front.followup`: a follow-up's state after a step (opened, 回访, 整改, 申诉, its outcome). */
export const FrontFollowUpPayloadSchema = z.strictObject({ followUp: FollowUpDataSchema });
export type FrontFollowUpPayload = z.infer<typeof FrontFollowUpPayloadSchema>;

export const FRONT_OP_KINDS = ['front.day', 'front.rating', 'front.followup'] as const;
export type FrontOpKind = (typeof FRONT_OP_KINDS)[number];

/**
 * The minor protocol version that brings the front office's ops and changes. A station writes front.* ops only
 * when the central it talks to speaks it (`frontOpsAllowed`): an op too new for central would hold the whole
 * outbox back (core/features/sync/push.ts sends nothing past it).
 */
export const FRONT_SINCE = 3;

/** Whether a station whose central speaks `minor` writes front.* ops to its outbox. */
export function frontOpsAllowed(minor: number): boolean {
  return minor >= FRONT_SINCE;
}

export function isFrontOpKind(kind: string): kind is FrontOpKind {
  return (FRONT_OP_KINDS as readonly string[]).includes(kind);
}

export function frontPayloadSchema(kind: FrontOpKind): z.ZodType {
  if (kind === 'front.day') return FrontDayPayloadSchema;
  if (kind === 'front.rating') return FrontRatingPayloadSchema;
  return FrontFollowUpPayloadSchema;
}
