import type { Case } from '../../shared/cases/model';
import type { Family } from '../../shared/catalog/types';
import type { AttachmentRef } from '../../shared/sync/ops';
import type { CentralCaseStatus, ChangeKind } from '../../shared/sync/changes';
import type { OpRejectCode } from '../../shared/sync/errors';
import type {
  BlobRow,
  CaseRow,
  ChangeRow,
  ClaimKind,
  ClaimRow,
  OpOutcome,
  OpSeen,
  PersonRow,
  PersonSource,
  RefKind,
  RefRow,
  StationKeyRow,
  StationKeyState,
  StationRow,
  StationState,
  UploadRow,
} from './types';

/**
 * Mapping between database rows (snake_case columns; SQLite integers and PostgreSQL bigint strings alike) and
 * the store's typed rows. Shared by both backends so they cannot drift apart.
 */

type Raw = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

export function stationFromRaw(r: Raw): StationRow {
  return {
    id: str(r.id),
    code: str(r.code),
    name: str(r.name),
    regionCode: str(r.region_code),
    state: str(r.state) as StationState,
    credentialHash: strOrNull(r.credential_hash),
    lastSeq: num(r.last_seq),
    enrollFailures: num(r.enroll_failures),
    enrolledAt: strOrNull(r.enrolled_at),
    revokedAt: strOrNull(r.revoked_at),
    lastSeenAt: strOrNull(r.last_seen_at),
    createdAt: str(r.created_at),
  };
}

export function stationKeyFromRaw(r: Raw): StationKeyRow {
  return {
    stationId: str(r.station_id),
    keyId: str(r.key_id),
    publicKey: str(r.public_key),
    state: str(r.state) as StationKeyState,
    createdAt: str(r.created_at),
    retiredAt: strOrNull(r.retired_at),
    streamFrom: numOrNull(r.stream_from),
    streamTo: numOrNull(r.stream_to),
    streamSeq: numOrNull(r.stream_seq),
  };
}

export function caseFromRaw(r: Raw): CaseRow {
  return {
    id: str(r.id),
    stationId: str(r.station_id),
    stationCode: str(r.station_code),
    caseNo: str(r.case_no),
    itemCode: str(r.item_code),
    family: str(r.family) as Family,
    regionCode: str(r.region_code),
    personId: str(r.person_id),
    personIdNumber: strOrNull(r.person_id_number),
    personName: strOrNull(r.person_name),
    status: str(r.status) as CentralCaseStatus,
    materialsPending: bool(r.materials_pending),
    stationVersion: num(r.station_version),
    centralVersion: num(r.central_version),
    submittedAt: strOrNull(r.submitted_at),
    decidedAt: strOrNull(r.decided_at),
    decidedBy: strOrNull(r.decided_by),
    note: strOrNull(r.note),
    reason: strOrNull(r.reason),
    payoutFen: numOrNull(r.payout_fen),
    attachments: JSON.parse(str(r.attachments)) as AttachmentRef[],
    snapshot: JSON.parse(str(r.snapshot)) as Case,
    updatedAt: str(r.updated_at),
  };
}

/** Column values of a case row in the column order of CASE_COLUMNS. */
export const CASE_COLUMNS = [
  'id',
  'station_id',
  'station_code',
  'case_no',
  'item_code',
  'family',
  'region_code',
  'person_id',
  'person_id_number',
  'person_name',
  'status',
  'materials_pending',
  'station_version',
  'central_version',
  'submitted_at',
  'decided_at',
  'decided_by',
  'note',
  'reason',
  'payout_fen',
  'attachments',
  'snapshot',
  'updated_at',
] as const;

/** Values in CASE_COLUMNS order; with `encode` false the JSON columns stay as values (for a JSON argument). */
export function caseValues(c: CaseRow, boolAs: (b: boolean) => unknown, encode = true): unknown[] {
  return [
    c.id,
    c.stationId,
    c.stationCode,
    c.caseNo,
    c.itemCode,
    c.family,
    c.regionCode,
    c.personId,
    c.personIdNumber,
    c.personName,
    c.status,
    boolAs(c.materialsPending),
    c.stationVersion,
    c.centralVersion,
    c.submittedAt,
    c.decidedAt,
    c.decidedBy,
    c.note,
    c.reason,
    c.payoutFen,
    encode ? JSON.stringify(c.attachments) : null,
    encode ? JSON.stringify(c.snapshot) : null,
    c.updatedAt,
  ];
}

export const PERSON_COLUMNS = ['id', 'id_number', 'name', 'region_code', 'source', 'station_id', 'body', 'hash', 'version', 'removed', 'updated_at'] as const;

export function personValues(p: PersonRow, boolAs: (b: boolean) => unknown): unknown[] {
  return [p.id, p.idNumber, p.name, p.regionCode, p.source, p.stationId, JSON.stringify(p.body), p.hash, p.version, boolAs(p.removed), p.updatedAt];
}

export function personFromRaw(r: Raw): PersonRow {
  return {
    id: str(r.id),
    idNumber: str(r.id_number),
    name: str(r.name),
    regionCode: strOrNull(r.region_code),
    source: str(r.source) as PersonSource,
    stationId: strOrNull(r.station_id),
    body: JSON.parse(str(r.body)) as unknown,
    hash: str(r.hash),
    version: num(r.version),
    removed: bool(r.removed),
    updatedAt: str(r.updated_at),
  };
}

export function claimFromRaw(r: Raw): ClaimRow {
  return {
    key: str(r.key),
    kind: str(r.kind) as ClaimKind,
    caseId: str(r.case_id),
    caseNo: str(r.case_no),
    stationId: str(r.station_id),
    stationCode: str(r.station_code),
    createdAt: str(r.created_at),
  };
}

export function opSeenFromRaw(r: Raw): OpSeen {
  return {
    seq: num(r.seq),
    opId: str(r.op_id),
    result: str(r.result) as OpOutcome,
    code: strOrNull(r.code) as OpRejectCode | null,
    message: strOrNull(r.message),
  };
}

export function changeFromRaw(r: Raw): ChangeRow {
  return { id: num(r.id), kind: str(r.kind) as ChangeKind, at: str(r.at), data: str(r.data) };
}

export function refFromRaw(r: Raw): RefRow {
  return {
    kind: str(r.kind) as RefKind,
    scope: str(r.scope),
    key: str(r.key),
    version: num(r.version),
    hash: str(r.hash),
    body: str(r.body),
    updatedAt: str(r.updated_at),
  };
}

export function uploadFromRaw(r: Raw): UploadRow {
  return {
    id: str(r.id),
    stationId: str(r.station_id),
    sha256: str(r.sha256),
    size: num(r.size),
    mime: str(r.mime),
    offset: num(r.upload_offset),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

export function blobFromRaw(r: Raw): BlobRow {
  return { sha256: str(r.sha256), size: num(r.size), mime: str(r.mime), createdAt: str(r.created_at) };
}
