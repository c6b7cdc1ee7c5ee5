import { z } from 'zod';
import { CaseSchema, CaseEventKindSchema } from '../cases/model';
import { PersonSchema } from '../persons';
import { InstantSchema, Sha256Schema, SYNC_LIMITS, UuidSchema } from './common';
import { MimeSchema } from './uploads';
import { FRONT_SINCE, isFrontOpKind } from './front';
import { VISITS_SINCE, isVisitOpKind } from './visits';

/**
 * What a station pushes: one op per row of its outbox, in seq order.
 *
 * Envelope: `{ seq, opId, kind, caseId, payload, baseVersion, createdAt }` — seq is the station's outbox
 * sequence (1, 2, 3 … without gaps), opId a UUIDv7 made when the op was written, baseVersion the station's case
 * version the change was made on (null for a new case and for non-case ops).
 *
 * The envelope is checked for the whole request (a broken envelope is a station bug: 400 for the batch). The
 * payload is checked per op: a payload that does not match its kind is `rejected` with `invalid-payload` and
 * the queue goes on.
 */

/** Op kinds of protocol 1.0. A case op is `case.<event>` for every event the station pushes. */
export const OP_KINDS = [
  'person.registered',
  'case.created',
  'case.edited',
  'case.materials_recorded',
  'case.attachment_added',
  'case.estimate_saved',
  'case.accept',
  'case.accept_rongque',
  'case.complete_materials',
  'case.withdraw',
  'case.resubmit',
  'case.hand_out',
] as const;
export const OpKindSchema = z.enum(OP_KINDS);
export type OpKind = z.infer<typeof OpKindSchema>;
export type CaseOpKind = Exclude<OpKind, 'person.registered'>;

/** The minor protocol version each op kind appeared in. */
export const OP_KIND_SINCE: Record<OpKind, number> = {
  'person.registered': 0,
  'case.created': 0,
  'case.edited': 0,
  'case.materials_recorded': 0,
  'case.attachment_added': 0,
  'case.estimate_saved': 0,
  'case.accept': 0,
  'case.accept_rongque': 0,
  'case.complete_materials': 0,
  'case.withdraw': 0,
  'case.resubmit': 0,
  'case.hand_out': 0,
};

/**
 * Since 1.1, a case created and accepted in one step at the window travels as ONE op: `case.accept` or
 * `case.accept_rongque` with `baseVersion: null` and the accepted snapshot (version 2, the created step being
 * version 1). Central applies it as the two ops would have been applied, in one transaction. A station writes
 * it only when the central it talks to speaks 1.1; under 1.0 the same intake is `case.created` + `case.accept`.
 */
export const ONE_STEP_ACCEPT_SINCE = 1;

/**
 * Since 1.6, a document added to a case central already decided — the receipt signed after 即时办结, a photo taken
 * after the decision — is filed with the case (归档) instead of refused as `case-locked`. A station adds documents to
 * a decided case only while the central it talks to speaks 1.6.
 */
export const FILING_SINCE = 6;

/**
 * Since 1.6, central honours `case.withdraw` of a case it holds undecided (submitted, returned): the station withdrew
 * it at the window before it heard central had it (offline, the 受理 still on its way). After the decision the
 * withdrawal is refused (`illegal-transition`) and the decision stands.
 */
export const WITHDRAW_UNTIL_DECIDED_SINCE = 6;
export const ONE_STEP_ACCEPT_KINDS = ['case.accept', 'case.accept_rongque'] as const;

/** Whether an op is a one-step intake (created and accepted at once). */
export function isOneStepAccept(op: { kind: string; baseVersion: number | null }): boolean {
  return op.baseVersion === null && (ONE_STEP_ACCEPT_KINDS as readonly string[]).includes(op.kind);
}

/** The lowest minor version a central must speak to take this op. */
export function opMinor(op: { kind: string; baseVersion: number | null }): number {
  // The front office's ops (front.day, front.rating, front.followup: shared/sync/front.ts) since 1.3.
  const since = isOpKind(op.kind) ? OP_KIND_SINCE[op.kind] : isFrontOpKind(op.kind) ? FRONT_SINCE : isVisitOpKind(op.kind) ? VISITS_SINCE : 0;
  return isOneStepAccept(op) ? Math.max(since, ONE_STEP_ACCEPT_SINCE) : since;
}

/**
 * Station events that stay local and are never pushed (the sync engine's own bookkeeping of the status
 * machine, and the record of a rejection). Central answers them `rejected` with `unsupported-op-kind`.
 */
export const LOCAL_ONLY_EVENTS = ['mark_submitted', 'sync_rejected'] as const;

export const PushOpSchema = z
  .strictObject({
    seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    opId: UuidSchema,
    /** Not an enum on purpose: an unknown kind is answered per op (`unsupported-op-kind`), not by refusing the batch. */
    kind: z.string().regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, '操作类型格式不对'),
    caseId: UuidSchema.nullable(),
    payload: z.record(z.string(), z.unknown()),
    baseVersion: z.number().int().positive().nullable(),
    /** When the op was written at the station (outbox.created_at). */
    createdAt: InstantSchema,
  });
export type PushOp = z.infer<typeof PushOpSchema>;

/** An attachment of the case, uploaded first through /v1/uploads and named by its hash. */
export const AttachmentRefSchema = z
  .strictObject({
    sha256: Sha256Schema,
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    mime: MimeSchema,
    /** The catalog material it proves, if any. */
    materialCode: z.string().max(64).nullable(),
    fileName: z.string().max(200).optional(),
  });
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/**
 * Who the case is for, by the national key. Station person ids are local (a roster loaded from a file gets
 * ids made at the station), so central resolves the person by `case.personId` first (ids it published in
 * roster changes or received in `person.registered`) and then by this ID number. Send it on every case op.
 */
export const PersonRefSchema = z
  .strictObject({
    idNumber: z.string().trim().min(1).max(32),
    name: z.string().trim().min(1).max(50),
  });
export type PersonRef = z.infer<typeof PersonRefSchema>;

/**
 * Payload of every `case.*` op: the full case snapshot after the event (so central can rebuild the case from
 * any op), the event, its reason, and optionally who the case is for and its attachments.
 */
export const CaseOpPayloadSchema = z
  .strictObject({
    case: CaseSchema,
    event: CaseEventKindSchema,
    reason: z.string().max(500).nullable(),
    person: PersonRefSchema.optional(),
    attachments: z.array(AttachmentRefSchema).max(SYNC_LIMITS.maxAttachmentsPerOp).optional(),
  });
export type CaseOpPayload = z.infer<typeof CaseOpPayloadSchema>;

/**
 * `case.resubmit` — the amendment (补正) of a case central returned. The station corrects the case (its local
 * status goes returned → accepted) and pushes the corrected snapshot with:
 * - `baseVersion`: the station version the correction was made on, as for every case op;
 * - `centralVersion`: the central version of the return being answered (from the `case.status` change that
 *   said `returned`). If central has moved on since, the amendment is rejected with `conflict` and nothing
 *   is overwritten — no silent last-writer-wins;
 * - `reason`: what was corrected (required, shown to the reviewer).
 * When applied, the case is `submitted` again centrally (a `case.status` change says so).
 */
export const ResubmitPayloadSchema = CaseOpPayloadSchema.extend({
  event: z.literal('resubmit'),
  reason: z.string().trim().min(1, '请说明补正了什么').max(500),
  centralVersion: z.number().int().positive(),
});
export type ResubmitPayload = z.infer<typeof ResubmitPayloadSchema>;

/** `person.registered` — a person met at the window who was not on the roster. */
export const PersonRegisteredPayloadSchema = z.strictObject({ person: PersonSchema });
export type PersonRegisteredPayload = z.infer<typeof PersonRegisteredPayloadSchema>;

/** The payload schema of each op kind. */
export function payloadSchemaFor(kind: OpKind): z.ZodType {
  if (kind === 'person.registered') return PersonRegisteredPayloadSchema;
  if (kind === 'case.resubmit') return ResubmitPayloadSchema;
  return CaseOpPayloadSchema;
}

export function isOpKind(kind: string): kind is OpKind {
  return (OP_KINDS as readonly string[]).includes(kind);
}
