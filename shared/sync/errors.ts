import { z } from 'zod';

/**
 * A refused HTTP request: `{ code, message, field?, retryable, … }` in the style of shared/api/errors — `code` is
 * stable and machine-read, `message` is a Chinese sentence a clerk or an operator can act on, `field` the dotted
 * path of the offending input when there is one, `retryable` whether sending the same request later may succeed.
 */
export const SYNC_ERROR_CODES = [
  /** 400: the body is not JSON (the message names the position). */
  'bad-json',
  /** 400: the body or query does not match the schema (the message names the field). */
  'invalid-request',
  /** 400: the request names a protocol version the server does not speak. */
  'protocol-unsupported',
  /** 401: no credential, or one the server does not know. */
  'unauthenticated',
  /** 403: enrollment code wrong, used, expired, or too many attempts. */
  'enroll-refused',
  /** 403: the station was revoked by the back office. */
  'station-revoked',
  /** 403: the body names another station than the credential. */
  'station-mismatch',
  /** 403: not allowed (e.g. someone else's upload, or a bad admin token). */
  'forbidden',
  /** 404 */
  'not-found',
  /** 409: someone else changed the thing first; reload and retry. */
  'conflict',
  /** 409: the first new op of a push is not lastSeq + 1 (`expectedSeq` says which is). */
  'out-of-order',
  /** 409: a chunk sent from another offset than the server has (`offset` says which). */
  'offset-mismatch',
  /** 409: the back office asked for a transition the case status machine does not allow. */
  'illegal-transition',
  /** 410: the pull cursor is older than what the server keeps: resynchronise reference data (GET /v1/sync/snapshot). */
  'reset-required',
  /** 413: the body (or an upload) is larger than the limit. */
  'payload-too-large',
  /** 415 */
  'unsupported-media-type',
  /** 422: the uploaded bytes do not hash to the declared sha256 (the upload starts over). */
  'checksum-mismatch',
  /** 429 */
  'too-many-requests',
  /** 500 */
  'internal',
  /** 503: storage busy or unavailable; retry with backoff. */
  'unavailable',
] as const;
export const SyncErrorCodeSchema = z.enum(SYNC_ERROR_CODES);
export type SyncErrorCode = z.infer<typeof SyncErrorCodeSchema>;

export const SyncErrorSchema = z
  .object({
    code: SyncErrorCodeSchema,
    message: z.string().min(1),
    field: z.string().optional(),
    retryable: z.boolean(),
    /** With `out-of-order`: the seq the server expects next (lastSeq + 1). */
    expectedSeq: z.number().int().positive().optional(),
    /** With `offset-mismatch`: the offset the server holds. */
    offset: z.number().int().min(0).optional(),
  })
  .meta({ description: 'Every refused request. `message` is Chinese and names the problem.' });
export type SyncError = z.infer<typeof SyncErrorSchema>;

/** HTTP status of each code. */
export const SYNC_ERROR_STATUS: Record<SyncErrorCode, number> = {
  'bad-json': 400,
  'invalid-request': 400,
  'protocol-unsupported': 400,
  unauthenticated: 401,
  'enroll-refused': 403,
  'station-revoked': 403,
  'station-mismatch': 403,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'out-of-order': 409,
  'offset-mismatch': 409,
  'illegal-transition': 409,
  'reset-required': 410,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'checksum-mismatch': 422,
  'too-many-requests': 429,
  internal: 500,
  unavailable: 503,
};

/**
 * Why one op of a push was refused (`rejected`). A rejection is final for that op: lastSeq advances, the queue
 * goes on, and the station shows the message on the case.
 */
export const OP_REJECT_CODES = [
  /** The payload does not match the op kind's schema (or contradicts the envelope). */
  'invalid-payload',
  /** An op kind this server does not know. */
  'unsupported-op-kind',
  /** The case belongs to another station (or names another station code). */
  'station-mismatch',
  /** The item code is in neither the region's catalog nor the default one. */
  'unknown-item',
  /** The person is not known centrally (neither on a roster nor registered by a station). */
  'unknown-person',
  /** The op needs a case central does not hold (e.g. an amendment of a case it never received). */
  'unknown-case',
  /** person.registered for an id already registered with another ID number. */
  'person-conflict',
  /** The form does not satisfy the item's form schema (the message names the field). */
  'invalid-form',
  /** The case is accepted without the materials the item requires. */
  'materials-missing',
  /** The person is already enrolled (an open enrollment case) for that year in that region. */
  'duplicate-enrollment',
  /** An invoice number of the claim is already claimed by another case (usually at another station). */
  'invoice-claimed',
  /** The op's transition is not allowed from the case's central status. */
  'illegal-transition',
  /** The case is submitted: central owns it and the station may no longer change its content. */
  'case-locked',
  /** The snapshot is not newer than the one central holds. */
  'stale-version',
  /** An amendment answers a central state that has changed since (centralVersion differs). */
  'conflict',
  /** A seq at or below lastSeq arrived with another opId than the one applied under that seq. */
  'seq-reused',
] as const;
export const OpRejectCodeSchema = z.enum(OP_REJECT_CODES);
export type OpRejectCode = z.infer<typeof OpRejectCodeSchema>;

/** Why one op was held back without advancing lastSeq (`blocked`): fix the cause, then push again from that op. */
export const OP_BLOCK_CODES = ['attachment-missing'] as const;
export const OpBlockCodeSchema = z.enum(OP_BLOCK_CODES);
export type OpBlockCode = z.infer<typeof OpBlockCodeSchema>;
