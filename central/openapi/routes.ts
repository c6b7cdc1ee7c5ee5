import type { z } from 'zod';
import * as sync from '../../shared/sync';
import { BlobParams, ByteCountHeaderSchema, CaseParams, StationCodeParams, UploadParams } from '../http/params';

/**
 * One operation of the protocol, for the OpenAPI document (the Fastify routes in central/routes must match). Every
 * schema here is a zod schema the server validates with (shared/sync, central/http/params.ts); the document turns
 * them into JSON Schema.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'head';
  /** OpenAPI form: /v1/uploads/{id}. */
  path: string;
  operationId: string;
  tag: 'station' | 'sync' | 'uploads' | 'admin' | 'meta';
  summary: string;
  description?: string;
  auth: 'none' | 'station' | 'admin';
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: { name: string; required: boolean; description: string; schema: z.ZodType }[];
  body?: { schema: z.ZodType | 'binary'; contentType?: string };
  responses: Record<number, { description: string; schema?: z.ZodType | 'binary'; contentType?: string; headers?: Record<string, ResponseHeaderDoc> }>;
}

export interface ResponseHeaderDoc {
  description: string;
  schema: z.ZodType;
}

const E = sync.SyncErrorSchema;
const err = (description: string) => ({ description, schema: E });
const COMMON = {
  400: err('bad-json (malformed JSON, the message says where), invalid-request (the message names the field), protocol-unsupported'),
  413: err('payload-too-large'),
  500: err('internal (retryable)'),
  503: err('unavailable (retryable)'),
};
const STATION = { ...COMMON, 401: err('unauthenticated: no or unknown credential'), 403: err('station-revoked, station-mismatch') };
const ADMIN = { ...COMMON, 401: err('unauthenticated: no, unknown or expired sign-in token'), 403: err('forbidden: the account lacks the role this route needs, or is disabled') };

const OFFSET = { 'Upload-Offset': { description: 'Bytes central holds of this upload.', schema: ByteCountHeaderSchema } };

const PAYOUT_PENDING: RouteDoc['responses'] = {
  202: { description: 'A payout above the threshold: recorded, waiting for another payer (confirm-payout); the station hears nothing yet', schema: sync.PayoutPendingSchema },
};

const review = (action: 'approve' | 'return' | 'reject' | 'complete', summary: string, body: z.ZodType): RouteDoc => ({
  method: 'post',
  path: `/v1/admin/cases/{caseId}/${action}`,
  operationId: `review${action[0]!.toUpperCase()}${action.slice(1)}`,
  tag: 'admin',
  summary,
  description:
    'Follows the case status machine with actor `central`; the station learns it by a `case.status` change in its next pull. Recorded under the signed-in account (role reviewer; complete: payer) — a `reviewer` in the body is ignored — and in central\'s audit.',
  auth: 'admin',
  params: CaseParams,
  body: { schema: body },
  responses: {
    200: { description: 'The case after the decision', schema: sync.CentralCaseSchema },
    ...(action === 'complete' ? PAYOUT_PENDING : {}),
    ...ADMIN,
    404: err('not-found'),
    409: err('illegal-transition, conflict'),
  },
});

const publish = (kind: 'catalog' | 'policy' | 'calendar' | 'roster', summary: string, body: z.ZodType): RouteDoc => ({
  method: 'post',
  path: `/v1/admin/publish/${kind}`,
  operationId: `publish${kind[0]!.toUpperCase()}${kind.slice(1)}`,
  tag: 'admin',
  summary,
  description: 'New or changed entries get the next version and one change each (scoped to the region; the calendar is national). Identical entries change nothing.',
  auth: 'admin',
  body: { schema: body },
  responses: { 200: { description: 'What was published', schema: sync.PublishResponseSchema }, ...ADMIN },
});

export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/health',
    operationId: 'health',
    tag: 'meta',
    summary: 'Version, time, storage backend and limits',
    auth: 'none',
    responses: { 200: { description: 'The server is up', schema: sync.HealthResponseSchema } },
  },
  {
    method: 'post',
    path: '/v1/stations/enroll',
    operationId: 'enroll',
    tag: 'station',
    summary: 'Enroll with a one-time code; answers the station credential (shown once)',
    description:
      'Re-enrolling keeps the station id and replaces the credential. A station with an empty outbox starts its seq at lastSeq + 1. Five wrong codes lock enrollment until the back office issues a new code. Since 1.2 the request may carry the station\'s Ed25519 `signingKey` and the answer carries central\'s X25519 `centralKey` (bundles are sealed for it): the key becomes the station\'s active signing key, and a key it had before is retired with a window of seqs of its own — lastSeq then jumps past that window, so bundles signed before still import, once.',
    auth: 'none',
    body: { schema: sync.EnrollRequestSchema },
    responses: { 201: { description: 'Enrolled', schema: sync.EnrollResponseSchema }, ...COMMON, 403: err('enroll-refused: wrong, used or expired code, or locked') },
  },
  {
    method: 'get',
    path: '/v1/stations/me',
    operationId: 'me',
    tag: 'station',
    summary: 'The station the credential belongs to, and its lastSeq',
    auth: 'station',
    responses: { 200: { description: 'The station', schema: sync.StationInfoSchema }, ...STATION },
  },
  {
    method: 'put',
    path: '/v1/stations/me/signing-key',
    operationId: 'registerSigningKey',
    tag: 'station',
    summary: 'Register a first signing key (a station enrolled before protocol 1.2)',
    description: 'Answers central\'s bundle key. The same key again answers the same; another key while one is active is refused (a new key comes with a new enrollment).',
    auth: 'station',
    body: { schema: sync.SigningKeyRequestSchema },
    responses: { 200: { description: 'Registered', schema: sync.SigningKeyResponseSchema }, ...STATION, 409: err('conflict: the station has an active signing key') },
  },
  {
    method: 'post',
    path: '/v1/sync/push',
    operationId: 'push',
    tag: 'sync',
    summary: 'Apply the station\'s ops in seq order, each at most once',
    description: [
      'seq ≤ lastSeq → `duplicate` (with the original outcome). The first new op must be lastSeq + 1 and new ops contiguous, else 409 `out-of-order` with `expectedSeq` and nothing is applied.',
      'Each new op is applied in ONE transaction with the station\'s lastSeq and its change-log rows (a transaction may hold several ops of the batch; all of them or none are applied): `applied`, or `rejected` (final; lastSeq advances; the queue goes on).',
      '`blocked` (`attachment-missing`, retryable): central lacks an attachment; lastSeq does not move and later ops are not looked at — upload, then push again from that op.',
    ].join('\n\n'),
    auth: 'station',
    body: { schema: sync.PushRequestSchema },
    responses: { 200: { description: 'One result per op, up to and including a blocked one', schema: sync.PushResponseSchema }, ...STATION, 409: err('out-of-order (expectedSeq)') },
  },
  {
    method: 'post',
    path: '/v1/sync/audit',
    operationId: 'reportAuditHead',
    tag: 'sync',
    summary: "The station's audit log head (seq and hash), with every sync run, and the breaks it found",
    description: [
      'Central keeps the head each station last reported and answers it as `acknowledged`; the next report carries the station\'s row at that seq as `anchor`.',
      'A report whose anchor is missing or differs (rows rewritten, hashes recomputed), or whose head is before the one kept (rows deleted), flags the station; so does a break the station reports. A flag stays until the back office clears it; the head kept moves on.',
    ].join('\n\n'),
    auth: 'station',
    body: { schema: sync.AuditReportRequestSchema },
    responses: { 200: { description: 'The head central keeps now, and whether the station is flagged', schema: sync.AuditReportResponseSchema }, ...STATION, 409: err('conflict (retryable): another report moved the head') },
  },
  {
    method: 'get',
    path: '/v1/sync/pull',
    operationId: 'pull',
    tag: 'sync',
    summary: 'Changes after the cursor: this station\'s cases, its region\'s reference data, national data',
    description: 'Apply a page and its nextCursor in one local transaction; pull again while hasMore. 410 reset-required: get a snapshot, then pull from its resumeCursor.',
    auth: 'station',
    query: sync.PullQuerySchema,
    responses: { 200: { description: 'A page of changes', schema: sync.PullResponseSchema }, ...STATION, 410: err('reset-required') },
  },
  {
    method: 'get',
    path: '/v1/sync/snapshot',
    operationId: 'snapshot',
    tag: 'sync',
    summary: 'The station\'s complete current state, paged (after reset-required, or on first sync)',
    description:
      'Parts in order: calendar years, the region\'s catalog items, policy tables and roster, the central status of the station\'s submitted cases. Every page repeats resumeCursor; after the last page drop reference rows not received, then pull from resumeCursor.',
    auth: 'station',
    query: sync.SnapshotQuerySchema,
    responses: { 200: { description: 'A page of the snapshot', schema: sync.SnapshotResponseSchema }, ...STATION },
  },
  {
    method: 'post',
    path: '/v1/uploads',
    operationId: 'createUpload',
    tag: 'uploads',
    summary: 'Start or resume an upload of an attachment named by its sha256',
    description:
      'Since 1.2 the create may carry the first chunk: the same fields in the query (`?protocol=1.2&sha256=…&size=…&mime=…`) and the bytes as an `application/offset+octet-stream` body (at most `chunkMaxBytes`). When central holds nothing of the upload yet it takes the chunk whole and answers the offset after it, or `complete: true` — a small attachment is one request. An upload under way keeps its offset.',
    auth: 'station',
    body: { schema: sync.UploadCreateRequestSchema },
    responses: {
      200: { description: 'Already stored (`complete: true`), or an open upload of the same bytes to resume', schema: sync.UploadCreateResponseSchema, headers: OFFSET },
      201: { description: 'A new upload', schema: sync.UploadCreateResponseSchema, headers: OFFSET },
      ...STATION,
      413: err('payload-too-large: the attachment is over the limit'),
    },
  },
  {
    method: 'post',
    path: '/v1/uploads/pack',
    operationId: 'uploadPack',
    tag: 'uploads',
    summary: 'Several small attachments, each whole, in one request (since 1.5)',
    description:
      'The body (`application/x-attachment-pack`): 4 bytes, big-endian, the length n of the index; n bytes of index JSON `{"blobs":[{"sha256","size","mime"}, …]}` (at most 64 blobs, each sha256 once); then the blobs\' bytes one after the other in the index\'s order, adding up to the rest of the body exactly. At most `chunkMaxBytes` of blobs. Each blob is checked against its sha256 and kept whole or not at all; sending the same pack again stores nothing twice; an upload of the same bytes left open is finished by the pack.',
    auth: 'station',
    query: sync.PackQuerySchema,
    body: { schema: 'binary', contentType: sync.UPLOAD_PACK_CONTENT_TYPE },
    responses: {
      200: { description: 'Per blob, in the index\'s order: `stored` (held now or before) or `checksum-mismatch` (not kept)', schema: sync.PackResponseSchema },
      ...STATION,
      413: err('payload-too-large: the pack or one of its attachments is over the limit'),
      415: err('unsupported-media-type: the body is not a pack'),
    },
  },
  {
    method: 'head',
    path: '/v1/uploads/{id}',
    operationId: 'uploadOffset',
    tag: 'uploads',
    summary: 'Where an upload stands (after a dropped connection)',
    auth: 'station',
    params: UploadParams,
    responses: { 200: { description: 'Upload-Offset and Upload-Length headers', headers: { ...OFFSET, 'Upload-Length': { description: 'The declared size.', schema: ByteCountHeaderSchema } } }, 404: { description: 'No such open upload of this station' } },
  },
  {
    method: 'patch',
    path: '/v1/uploads/{id}',
    operationId: 'uploadChunk',
    tag: 'uploads',
    summary: 'Append a chunk at Upload-Offset; the last one completes the upload after the sha256 check',
    description: 'A chunk is kept whole or not at all. At most chunkMax bytes (see the create answer and /v1/health).',
    auth: 'station',
    params: UploadParams,
    headers: [{ name: 'Upload-Offset', required: true, description: 'The offset this chunk starts at (the server\'s current offset).', schema: ByteCountHeaderSchema }],
    body: { schema: 'binary', contentType: sync.UPLOAD_CONTENT_TYPE },
    responses: {
      200: { description: 'The new offset; `complete` once the blob is stored', schema: sync.UploadPatchResponseSchema, headers: OFFSET },
      ...STATION,
      404: err('not-found: no such open upload of this station'),
      409: err('offset-mismatch: `offset` (and the Upload-Offset header) says where to continue'),
      415: err('unsupported-media-type'),
      422: err('checksum-mismatch: the bytes do not hash to the declared sha256; the upload starts over at 0'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/stations',
    operationId: 'listStations',
    tag: 'admin',
    summary: 'Stations and where their sync stands',
    auth: 'admin',
    responses: { 200: { description: 'Stations', schema: sync.StationListResponseSchema }, ...ADMIN },
  },
  {
    method: 'post',
    path: '/v1/admin/stations/{stationCode}/codes',
    operationId: 'issueCode',
    tag: 'admin',
    summary: 'Issue a one-time enrollment code (the first time with the station\'s region)',
    auth: 'admin',
    params: StationCodeParams,
    body: { schema: sync.IssueCodeRequestSchema },
    responses: { 201: { description: 'The code, shown once', schema: sync.IssueCodeResponseSchema }, ...ADMIN },
  },
  {
    method: 'post',
    path: '/v1/admin/stations/{stationCode}/revoke',
    operationId: 'revokeStation',
    tag: 'admin',
    summary: 'Revoke a station: its credential stops working at once',
    auth: 'admin',
    params: StationCodeParams,
    responses: { 200: { description: 'The station', schema: sync.StationSummarySchema }, ...ADMIN, 404: err('not-found') },
  },
  {
    method: 'get',
    path: '/v1/admin/cases',
    operationId: 'listCases',
    tag: 'admin',
    summary: 'Cases by central status (default: submitted, oldest first)',
    auth: 'admin',
    query: sync.CaseListQuerySchema,
    responses: { 200: { description: 'Cases', schema: sync.CaseListResponseSchema }, ...ADMIN },
  },
  {
    method: 'get',
    path: '/v1/admin/cases/{caseId}',
    operationId: 'getCase',
    tag: 'admin',
    summary: 'One case as central holds it, with the station\'s latest snapshot',
    auth: 'admin',
    params: CaseParams,
    responses: { 200: { description: 'The case', schema: sync.CentralCaseSchema }, ...ADMIN, 404: err('not-found') },
  },
  review('approve', 'Approve a submitted case (not while 容缺 materials are pending)', sync.ApproveRequestSchema),
  review('return', 'Return a case for correction (退回补正) with a note; the station answers with case.resubmit', sync.ReturnRequestSchema),
  review('reject', 'Reject a case with a reason; its claims (invoices, enrollment) are released', sync.RejectRequestSchema),
  review('complete', 'Complete a case (办结), with the payout in fen for reimbursements', sync.CompleteRequestSchema),
  {
    method: 'post',
    path: '/v1/admin/cases/{caseId}/confirm-payout',
    operationId: 'confirmPayout',
    tag: 'admin',
    summary: 'Four-eyes: a second payer confirms a payout above the threshold by restating its amount',
    description: 'The payer who asked for the payout cannot confirm it (403). The case must not have changed since (409). Confirmed, the case is completed and the station hears of it.',
    auth: 'admin',
    params: CaseParams,
    body: { schema: sync.ConfirmPayoutRequestSchema },
    responses: { 200: { description: 'The completed case', schema: sync.CentralCaseSchema }, ...ADMIN, 404: err('not-found: no pending payout'), 409: err('conflict, illegal-transition') },
  },
  {
    method: 'post',
    path: '/v1/admin/login',
    operationId: 'login',
    tag: 'admin',
    summary: 'Sign in to the back office with username and password; answers an expiring token',
    description: 'Wrong passwords are counted per account; too many in a row lock it for a while (429). Audited.',
    auth: 'none',
    body: { schema: sync.LoginRequestSchema },
    responses: { 200: { description: 'The token (shown once) and the account', schema: sync.LoginResponseSchema }, ...COMMON, 401: err('unauthenticated: wrong username or password'), 403: err('forbidden: account disabled'), 429: err('too-many-requests: account locked') },
  },
  {
    method: 'post',
    path: '/v1/admin/logout',
    operationId: 'logout',
    tag: 'admin',
    summary: 'End this sign-in (the token stops working)',
    auth: 'admin',
    responses: { 204: { description: 'Signed out' }, ...ADMIN },
  },
  {
    method: 'get',
    path: '/v1/admin/me',
    operationId: 'me',
    tag: 'admin',
    summary: 'The signed-in account',
    auth: 'admin',
    responses: { 200: { description: 'The account', schema: sync.AccountSchema }, ...ADMIN },
  },
  {
    method: 'get',
    path: '/v1/admin/accounts',
    operationId: 'listAccounts',
    tag: 'admin',
    summary: 'Back-office accounts (administrator)',
    auth: 'admin',
    responses: { 200: { description: 'Accounts', schema: sync.AccountListResponseSchema }, ...ADMIN },
  },
  {
    method: 'post',
    path: '/v1/admin/accounts',
    operationId: 'createAccount',
    tag: 'admin',
    summary: 'Create a named account with roles (administrator)',
    auth: 'admin',
    body: { schema: sync.CreateAccountRequestSchema },
    responses: { 201: { description: 'The account', schema: sync.AccountSchema }, ...ADMIN, 409: err('conflict: the username is taken') },
  },
  {
    method: 'post',
    path: '/v1/admin/accounts/{username}',
    operationId: 'updateAccount',
    tag: 'admin',
    summary: 'Change roles, disable or enable, or set a new password (administrator); ends the account\'s sign-ins',
    auth: 'admin',
    params: sync.UsernameParams,
    body: { schema: sync.UpdateAccountRequestSchema },
    responses: { 200: { description: 'The account', schema: sync.AccountSchema }, ...ADMIN, 404: err('not-found'), 409: err('conflict: the last administrator') },
  },
  {
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'listAudit',
    tag: 'admin',
    summary: "Central's hash-chained audit of the back office, from `after` (administrator)",
    auth: 'admin',
    query: sync.AuditQuerySchema,
    responses: { 200: { description: 'Audit rows in order', schema: sync.AuditPageResponseSchema }, ...ADMIN },
  },
  {
    method: 'get',
    path: '/v1/admin/audit/verify',
    operationId: 'verifyAudit',
    tag: 'admin',
    summary: 'Walk the audit chain: the first row missing, altered or out of order (administrator)',
    auth: 'admin',
    responses: { 200: { description: 'Whether the chain holds', schema: sync.AuditVerifyResponseSchema }, ...ADMIN },
  },
  publish('catalog', 'Publish service-item catalog entries for a region', sync.PublishCatalogRequestSchema),
  publish('policy', 'Publish policy tables for a region', sync.PublishPolicyRequestSchema),
  publish('calendar', 'Publish working-day calendar years (national)', sync.PublishCalendarRequestSchema),
  publish('roster', 'Publish roster rows (added, changed, removed) for a region', sync.PublishRosterRequestSchema),
  {
    method: 'post',
    path: '/v1/admin/changes/prune',
    operationId: 'pruneChanges',
    tag: 'admin',
    summary: 'Drop changes as the retention settings say; stations behind the floor get reset-required',
    auth: 'admin',
    responses: { 200: { description: 'How many went, and the new floor', schema: sync.PruneResponseSchema }, ...ADMIN },
  },
  {
    method: 'get',
    path: '/v1/admin/blobs/{sha256}',
    operationId: 'getBlob',
    tag: 'admin',
    summary: 'The bytes of a stored attachment',
    auth: 'admin',
    params: BlobParams,
    responses: { 200: { description: 'The attachment', schema: 'binary', contentType: 'application/octet-stream' }, ...ADMIN, 404: err('not-found') },
  },
  {
    method: 'post',
    path: '/v1/sync/bundles',
    operationId: 'relayBundle',
    tag: 'sync',
    summary: "Relay a mobile team's USB bundle (离线数据包) through this online station",
    description:
      'The body is the bundle file as the making station wrote it (format 2, see shared/sync/bundle.ts): sealed for central\'s bundle key, signed with the making station\'s signing key. The relaying station authenticates the request and can neither read nor alter the file. The signature is checked before anything else: a file that fails it changes nothing (403). Its ops go through the same path as a push: each at most once. A format-1 file is refused (400).',
    auth: 'station',
    body: { schema: 'binary', contentType: sync.BUNDLE_CONTENT_TYPE },
    responses: { 200: { description: 'What the import applied', schema: sync.BundleImportResultSchema }, ...STATION, 409: err('out-of-order: an earlier bundle of that station has not been imported'), 415: err('unsupported-media-type') },
  },
  {
    method: 'post',
    path: '/v1/admin/bundles',
    operationId: 'importBundle',
    tag: 'admin',
    summary: 'Import a USB bundle (离线数据包) at central',
    auth: 'admin',
    body: { schema: 'binary', contentType: sync.BUNDLE_CONTENT_TYPE },
    responses: { 200: { description: 'What the import applied', schema: sync.BundleImportResultSchema }, ...ADMIN, 409: err('out-of-order: an earlier bundle of that station has not been imported'), 415: err('unsupported-media-type') },
  },
];
