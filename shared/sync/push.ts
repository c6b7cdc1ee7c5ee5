import { z } from 'zod';
import { ProtocolVersionSchema } from './version';
import { InstantSchema, Sha256Schema, SYNC_LIMITS, UuidSchema } from './common';
import { OpBlockCodeSchema, OpRejectCodeSchema } from './errors';
import { PushOpSchema } from './ops';
import { CentralCaseStatusSchema } from './changes';

/**
 * POST /v1/sync/push — apply the station's ops in seq order, each at most once.
 *
 * - `seq ≤ lastSeq`: `duplicate` (with the original outcome), nothing happens.
 * - The first new op must be `lastSeq + 1` and the new ops contiguous; otherwise the whole request is refused
 *   with 409 `out-of-order` and `expectedSeq`, and nothing is applied.
 * - Each new op is applied in ONE transaction together with the station's lastSeq and its change-log rows:
 *   `applied`, or `rejected` (a domain refusal — final, lastSeq advances, the queue goes on).
 * - `blocked` (`attachment-missing`, retryable): the op names attachments central does not hold yet. lastSeq does
 *   not advance and the ops after it are not looked at (they have no entry in `results`): upload the missing
 *   bytes, then push again from that op.
 * Results come in request order; `lastSeq` is the station's position after this request.
 */
export const PushRequestSchema = z.strictObject({
  protocol: ProtocolVersionSchema,
  stationId: UuidSchema,
  ops: z.array(PushOpSchema).min(1, '至少要有一条操作').max(SYNC_LIMITS.maxOpsPerPush, `一次最多推送 ${SYNC_LIMITS.maxOpsPerPush} 条操作`),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/**
 * The part of the central case state (`CentralCaseState`, shared/sync/changes) a push answer carries for an
 * applied op, so the station needs no pull to learn the case was submitted.
 */
export const CentralCaseStateBriefSchema = z.object({
  caseId: UuidSchema,
  status: CentralCaseStatusSchema,
  centralVersion: z.number().int().positive(),
  materialsPending: z.boolean(),
});
export type CentralCaseStateBrief = z.infer<typeof CentralCaseStateBriefSchema>;

const resultBase = { seq: z.number().int().positive(), opId: UuidSchema };

export const OpResultSchema = z.discriminatedUnion('status', [
  z.object({ ...resultBase, status: z.literal('applied'), case: CentralCaseStateBriefSchema.nullable() }),
  z.object({
    ...resultBase,
    status: z.literal('duplicate'),
    /** What happened to the op the first time (null when central kept no record of it). */
    original: z.enum(['applied', 'rejected']).nullable(),
    code: OpRejectCodeSchema.nullable(),
    message: z.string().nullable(),
  }),
  z.object({ ...resultBase, status: z.literal('rejected'), code: OpRejectCodeSchema, message: z.string().min(1), field: z.string().optional() }),
  z.object({
    ...resultBase,
    status: z.literal('blocked'),
    code: OpBlockCodeSchema,
    message: z.string().min(1),
    retryable: z.literal(true),
    /** The sha256 of every attachment central still needs. */
    missing: z.array(Sha256Schema),
  }),
]);
export type OpResult = z.infer<typeof OpResultSchema>;

export const PushResponseSchema = z.object({
  lastSeq: z.number().int().min(0),
  results: z.array(OpResultSchema),
  serverTime: InstantSchema,
});
export type PushResponse = z.infer<typeof PushResponseSchema>;
