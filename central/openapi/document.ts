import { stringify } from 'yaml';
import { z } from 'zod';
import { CaseSchema } from '../../shared/cases/model';
import { CatalogItemSchema } from '../../shared/catalog/types';
import { CalendarYearSchema } from '../../shared/calendar/schema';
import { PersonSchema, RosterRowSchema } from '../../shared/persons';
import * as sync from '../../shared/sync';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { CENTRAL_VERSION } from '../version';
import { ROUTES, type RouteDoc } from './routes';

/**
 * The OpenAPI 3.1 document of the protocol, generated from the zod schemas of shared/sync (the ones both
 * sides validate with) and the route table in ./routes.ts. `central/openapi.yaml` is its output, kept in the
 * repository for readers; a test fails when it is out of date (`npm run central -- openapi > central/openapi.yaml`).
 */

/** Every named schema of the document. */
const NAMED: ReadonlyArray<[string, z.ZodType]> = [
  ['SyncError', sync.SyncErrorSchema],
  ['HealthResponse', sync.HealthResponseSchema],
  ['EnrollRequest', sync.EnrollRequestSchema],
  ['EnrollResponse', sync.EnrollResponseSchema],
  ['StationInfo', sync.StationInfoSchema],
  ['SigningKeyRequest', sync.SigningKeyRequestSchema],
  ['SigningKeyResponse', sync.SigningKeyResponseSchema],
  ['PushRequest', sync.PushRequestSchema],
  ['PushOp', sync.PushOpSchema],
  ['PushResponse', sync.PushResponseSchema],
  ['OpResult', sync.OpResultSchema],
  ['CentralCaseStateBrief', sync.CentralCaseStateBriefSchema],
  ['CaseOpPayload', sync.CaseOpPayloadSchema],
  ['ResubmitPayload', sync.ResubmitPayloadSchema],
  ['PersonRegisteredPayload', sync.PersonRegisteredPayloadSchema],
  ['AttachmentRef', sync.AttachmentRefSchema],
  ['PersonRef', sync.PersonRefSchema],
  ['Case', CaseSchema],
  ['Person', PersonSchema],
  ['PullResponse', sync.PullResponseSchema],
  ['SnapshotResponse', sync.SnapshotResponseSchema],
  ['Change', sync.ChangeSchema],
  ['SnapshotItem', sync.SnapshotItemSchema],
  ['CentralCaseState', sync.CentralCaseStateSchema],
  ['OpResultData', sync.OpResultDataSchema],
  ['CatalogItemData', sync.CatalogItemDataSchema],
  ['PolicyTableData', sync.PolicyTableDataSchema],
  ['CalendarYearData', sync.CalendarYearDataSchema],
  ['RosterPersonData', sync.RosterPersonDataSchema],
  ['RatingData', sync.RatingDataSchema],
  ['FollowUpData', sync.FollowUpDataSchema],
  ['FrontDayPayload', sync.FrontDayPayloadSchema],
  ['FrontRatingPayload', sync.FrontRatingPayloadSchema],
  ['FrontFollowUpPayload', sync.FrontFollowUpPayloadSchema],
  ['CatalogItem', CatalogItemSchema],
  ['CalendarYear', CalendarYearSchema],
  ['RosterRow', RosterRowSchema],
  ['PolicyTable', sync.PolicyTableSchema],
  ['PolicyTableInput', sync.PolicyTableInputSchema],
  ['UploadCreateRequest', sync.UploadCreateRequestSchema],
  ['UploadCreateResponse', sync.UploadCreateResponseSchema],
  ['UploadPatchResponse', sync.UploadPatchResponseSchema],
  ['PackIndex', sync.PackIndexSchema],
  ['PackResponse', sync.PackResponseSchema],
  ['BundleImportResult', sync.BundleImportResultSchema],
  ['AuditReportRequest', sync.AuditReportRequestSchema],
  ['AuditReportResponse', sync.AuditReportResponseSchema],
  ['AuditHead', sync.AuditHeadSchema],
  ['IssueCodeRequest', sync.IssueCodeRequestSchema],
  ['IssueCodeResponse', sync.IssueCodeResponseSchema],
  ['StationSummary', sync.StationSummarySchema],
  ['StationListResponse', sync.StationListResponseSchema],
  ['CentralCase', sync.CentralCaseSchema],
  ['CaseSummary', sync.CaseSummarySchema],
  ['CaseListResponse', sync.CaseListResponseSchema],
  ['ApproveRequest', sync.ApproveRequestSchema],
  ['ReturnRequest', sync.ReturnRequestSchema],
  ['RejectRequest', sync.RejectRequestSchema],
  ['CompleteRequest', sync.CompleteRequestSchema],
  ['PublishCatalogRequest', sync.PublishCatalogRequestSchema],
  ['PublishPolicyRequest', sync.PublishPolicyRequestSchema],
  ['PublishCalendarRequest', sync.PublishCalendarRequestSchema],
  ['PublishRosterRequest', sync.PublishRosterRequestSchema],
  ['PublishResponse', sync.PublishResponseSchema],
  ['PruneResponse', sync.PruneResponseSchema],
  ['LoginRequest', sync.LoginRequestSchema],
  ['LoginResponse', sync.LoginResponseSchema],
  ['Account', sync.AccountSchema],
  ['AccountListResponse', sync.AccountListResponseSchema],
  ['CreateAccountRequest', sync.CreateAccountRequestSchema],
  ['UpdateAccountRequest', sync.UpdateAccountRequestSchema],
  ['PayoutPending', sync.PayoutPendingSchema],
  ['ConfirmPayoutRequest', sync.ConfirmPayoutRequestSchema],
  ['AuditRow', sync.AuditRowSchema],
  ['AuditPageResponse', sync.AuditPageResponseSchema],
  ['AuditVerifyResponse', sync.AuditVerifyResponseSchema],
];

const PREFIX = '#/components/schemas/';
const ids = new Map<z.ZodType, string>(NAMED.map(([id, s]) => [s, id]));

function ref(schema: z.ZodType): Record<string, unknown> {
  const id = ids.get(schema);
  if (!id) throw new Error('openapi: a route uses a schema that has no name in NAMED');
  return { $ref: `${PREFIX}${id}` };
}

/** Drop JSON-Schema-only keys OpenAPI readers trip over, and the integer bounds zod adds to every int. */
function tidy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(tidy);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (k === '$schema' || k === '$id') continue;
    if ((k === 'minimum' || k === 'maximum') && Math.abs(Number(val)) === Number.MAX_SAFE_INTEGER) continue;
    out[k] = tidy(val);
  }
  return out;
}

/**
 * Formats zod cannot see through a refinement: shared/cases/model.ts checks these strings with refine(), which
 * JSON Schema cannot express (a .regex() or .meta() there would let this table go).
 */
const FORMATS = new Map<z.ZodType, Record<string, string>>([
  [sync.UuidSchema, { format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$', description: 'UUIDv7' }],
  [sync.InstantSchema, { pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00$', description: 'Instant in Shanghai time, e.g. 2026-05-20T09:30:00.000+08:00' }],
  [sync.LocalDateSchema, { format: 'date', description: 'Civil date YYYY-MM-DD' }],
]);

const OPTIONS = {
  unrepresentable: 'any',
  io: 'input',
  override: (ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
    const extra = FORMATS.get(ctx.zodSchema as z.ZodType);
    if (extra) Object.assign(ctx.jsonSchema, extra);
  },
} as const;

function components(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, s] of NAMED) registry.add(s, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `${PREFIX}${id}`, ...OPTIONS }) as { schemas: Record<string, unknown> };
  const sorted: Record<string, unknown> = {};
  for (const [id] of NAMED) sorted[id] = tidy(schemas[id]);
  return sorted;
}

function fieldSchema(s: z.ZodType): unknown {
  return tidy(z.toJSONSchema(s, OPTIONS));
}

function parameters(r: RouteDoc): unknown[] {
  const out: unknown[] = [];
  const from = (obj: z.ZodObject | undefined, where: 'query' | 'path') => {
    if (!obj) return;
    for (const [name, s] of Object.entries(obj.shape as Record<string, z.ZodType>)) {
      const optional = s.safeParse(undefined).success;
      out.push({ name, in: where, required: where === 'path' || !optional, schema: fieldSchema(s) });
    }
  };
  from(r.params, 'path');
  from(r.query, 'query');
  for (const h of r.headers ?? []) out.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: fieldSchema(h.schema) });
  return out;
}

const SECURITY: Record<RouteDoc['auth'], unknown[] | undefined> = {
  none: [],
  station: [{ stationCredential: [] }],
  admin: [{ adminToken: [] }],
};

function operation(r: RouteDoc): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, res] of Object.entries(r.responses)) {
    const entry: Record<string, unknown> = { description: res.description };
    if (res.headers) {
      entry.headers = Object.fromEntries(Object.entries(res.headers).map(([name, h]) => [name, { description: h.description, schema: fieldSchema(h.schema) }]));
    }
    if (res.schema) entry.content = { [res.contentType ?? 'application/json']: { schema: res.schema === 'binary' ? { type: 'string', format: 'binary' } : ref(res.schema) } };
    responses[status] = entry;
  }
  const op: Record<string, unknown> = { tags: [r.tag], summary: r.summary, operationId: r.operationId };
  if (r.description) op.description = r.description;
  op.security = SECURITY[r.auth];
  const params = parameters(r);
  if (params.length > 0) op.parameters = params;
  if (r.body) {
    op.requestBody = {
      required: true,
      content: { [r.body.contentType ?? 'application/json']: { schema: r.body.schema === 'binary' ? { type: 'string', format: 'binary' } : ref(r.body.schema) } },
    };
  }
  op.responses = responses;
  return op;
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) (paths[r.path] ??= {})[r.method] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: '医保工作站 ⇄ 中心 同步协议 (sync protocol)',
      version: `${PROTOCOL_VERSION} (reference server ${CENTRAL_VERSION})`,
      description: [
        'The protocol between offline-first township stations and the central system, as implemented by the reference server in central/.',
        'Schemas are generated from the zod schemas in shared/sync (both sides validate with them). Read shared/sync/README.md first.',
        'Versioning: the major version is in the path (/v1); requests name their minor version in `protocol` ("1.0"). Within a major, changes are additive; the server answers every older minor in its own dialect and refuses newer ones (protocol-unsupported).',
        'Errors: every refusal is a SyncError { code, message (Chinese), field?, retryable }.',
      ].join('\n\n'),
    },
    servers: [{ url: 'http://127.0.0.1:8780', description: 'npm run central -- serve' }],
    tags: [
      { name: 'station', description: 'Enrollment and the station itself' },
      { name: 'sync', description: 'Push, pull, snapshot' },
      { name: 'uploads', description: 'Attachments (tus-like, content-addressed)' },
      { name: 'admin', description: 'Back office (后台分类审批): stations, review, reference data' },
      { name: 'meta', description: 'Health' },
    ],
    paths,
    components: {
      securitySchemes: {
        stationCredential: { type: 'http', scheme: 'bearer', description: 'The credential a station received at enrollment.' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'A back-office account\'s sign-in token (POST /v1/admin/login; expires). Each route needs a role: reviewer, payer, publisher or administrator.' },
      },
      schemas: components(),
    },
  };
}

/** The document as YAML: block style, two-space indent, long strings never folded, no anchors for repeated parts. */
export function openApiYaml(): string {
  const yaml = stringify(openApiDocument(), { indent: 2, lineWidth: 0, aliasDuplicateObjects: false });
  return `# Generated by \`npm run central -- openapi\` from central/openapi/*.ts and shared/sync. Do not edit by hand.\n${yaml}`;
}
