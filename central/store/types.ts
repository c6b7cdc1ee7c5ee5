import type { Case } from '../../shared/cases/model';
import type { Family } from '../../shared/catalog/types';
import type { AttachmentRef } from '../../shared/sync/ops';
import type { CentralCaseStatus, ChangeKind } from '../../shared/sync/changes';
import type { OpRejectCode } from '../../shared/sync/errors';
import type { BackOfficeStore, DecisionExtras } from './back-office';
import type { AuditFlagReason } from '../../shared/sync/audit';

/**
 * The one storage interface of the central server, implemented by store/sqlite.ts (embedded, the default) and
 * store/postgres.ts (DATABASE_URL). The conformance suite runs against both.
 *
 * Instants are ISO text with +08:00, money integer fen, JSON bodies text. Every method is atomic on its own;
 * `commitOps` runs one transaction PER op, in order, and stops at the first that cannot commit.
 */

export type StorageKind = 'sqlite' | 'postgres';
export type StationState = 'pending' | 'active' | 'revoked';

export interface StationRow {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  state: StationState;
  credentialHash: string | null;
  lastSeq: number;
  enrollFailures: number;
  enrolledAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  createdAt: string;
}

export type StationKeyState = 'active' | 'retired';

/** A station's public signing key (protocol 1.2): bundles are verified with it. */
export interface StationKeyRow {
  stationId: string;
  /** sha256 (hex) of the public key in SPKI DER. */
  keyId: string;
  /** Ed25519 public key, SPKI DER, base64. */
  publicKey: string;
  state: StationKeyState;
  createdAt: string;
  retiredAt: string | null;
  /**
   * A retired key's own seq line, for the ops of its bundles central has not seen yet: from `streamFrom` (the
   * station's lastSeq when the key was retired) up to `streamTo`, a window the station's seqs skipped then;
   * `streamSeq` is the last one taken. Null while active.
   */
  streamFrom: number | null;
  streamTo: number | null;
  streamSeq: number | null;
}

/** A key a station enrolls with, and the seqs left to the key it replaces (its window). */
export interface NewSigningKey {
  keyId: string;
  publicKey: string;
}

/**
 * What an enrollment does to the station's signing keys, in the same transaction: its active key (if any) is
 * retired with a window of `reserve` seqs — the station's lastSeq jumps by that much, so the retired key's
 * bundles and the new enrollment's ops never share a seq — and `key` (if given) becomes the active one.
 */
export interface EnrollKeys {
  key: NewSigningKey | null;
  reserve: number;
}

export interface EnrollCodeRow {
  codeHash: string;
  stationId: string;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export interface CaseRow {
  id: string;
  stationId: string;
  stationCode: string;
  caseNo: string;
  itemCode: string;
  family: Family;
  regionCode: string;
  personId: string;
  personIdNumber: string | null;
  personName: string | null;
  status: CentralCaseStatus;
  materialsPending: boolean;
  stationVersion: number;
  centralVersion: number;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
  reason: string | null;
  payoutFen: number | null;
  attachments: AttachmentRef[];
  snapshot: Case;
  updatedAt: string;
}

export type PersonSource = 'roster' | 'window';

export interface PersonRow {
  id: string;
  idNumber: string;
  name: string;
  regionCode: string | null;
  source: PersonSource;
  stationId: string | null;
  /** The Person (window) or the roster row (roster), as JSON. */
  body: unknown;
  /** Hash of body, to publish roster deltas only for rows that changed. */
  hash: string;
  version: number;
  removed: boolean;
  updatedAt: string;
}

export type ClaimKind = 'invoice' | 'enrollment';

export interface ClaimRow {
  key: string;
  kind: ClaimKind;
  caseId: string;
  caseNo: string;
  stationId: string;
  stationCode: string;
  createdAt: string;
}

export type OpOutcome = 'applied' | 'rejected';

/** One op as central recorded it (the audit of what stations sent). */
export interface OpRecord {
  stationId: string;
  seq: number;
  opId: string;
  kind: string;
  caseId: string | null;
  baseVersion: number | null;
  result: OpOutcome;
  code: OpRejectCode | null;
  message: string | null;
  /** The op's payload as the station sent it (stored as JSON). */
  payload: unknown;
  createdAt: string;
  receivedAt: string;
}

/** The short form of an op record used to answer duplicates. */
export interface OpSeen {
  seq: number;
  opId: string;
  result: OpOutcome;
  code: OpRejectCode | null;
  message: string | null;
}

export interface NewChange {
  kind: ChangeKind;
  /** The station this change is for (its cases), or null. */
  stationId: string | null;
  /** The region this change is for (reference data), or null; both null = every station. */
  regionCode: string | null;
  at: string;
  data: unknown;
  /** Minor protocol version that introduced the kind. */
  since: number;
}

export interface ChangeRow {
  id: number;
  kind: ChangeKind;
  at: string;
  /** JSON text of the data. */
  data: string;
}

/** Reference data other than the roster: catalog items, policy tables, calendar years. */
export type RefKind = 'catalog' | 'policy' | 'calendar';

export interface RefRow {
  kind: RefKind;
  /** The region code, or '' for national data (the calendar). */
  scope: string;
  key: string;
  version: number;
  hash: string;
  /** JSON text. */
  body: string;
  updatedAt: string;
}

export interface UploadRow {
  id: string;
  stationId: string;
  sha256: string;
  size: number;
  mime: string;
  offset: number;
  createdAt: string;
  updatedAt: string;
}

export interface BlobRow {
  sha256: string;
  size: number;
  mime: string;
  createdAt: string;
}

/** A case write guarded by the central version the decision was made on (null: the case must not exist yet). */
export interface CaseWrite {
  row: CaseRow;
  expectCentralVersion: number | null;
  /** The station version the decision saw (null: none); with expectCentralVersion it detects any concurrent change. */
  expectStationVersion: number | null;
}

/**
 * A front-office record of a station (issue 15, protocol 1.3): a day's ticket figures (`day`, key the day), a
 * 好差评 rating or a follow-up (key its id). The body is the op's payload part as validated (JSON); a write keeps
 * the row with the highest version.
 */
/** `visit`: a mobile team's visit record (issue 16, protocol 1.4), key the visit's id. */
export type FrontKind = 'day' | 'rating' | 'followup' | 'visit';

export interface FrontRow {
  stationId: string;
  kind: FrontKind;
  key: string;
  version: number;
  body: unknown;
  updatedAt: string;
}

/** Everything one op changes, committed in one transaction with the station's lastSeq. */
export interface OpCommit {
  stationId: string;
  /** The new lastSeq; the transaction requires lastSeq = seq − 1. */
  seq: number;
  /**
   * A retired signing key whose seq line this op takes (an op of a bundle signed before the station re-enrolled):
   * the key's streamSeq moves instead of the station's lastSeq, with the same guard, and never past its streamTo.
   */
  stream?: string;
  /** The op's record; null when the op is a duplicate by opId (only lastSeq moves). */
  op: OpRecord | null;
  caseWrite: CaseWrite | null;
  persons: PersonRow[];
  claims: ClaimRow[];
  releaseClaims: string[];
  changes: NewChange[];
  /** Front-office records the op writes (highest version kept). */
  front?: FrontRow[];
}

export type CommitFailure = 'seq' | 'case' | 'claim' | 'op-id' | 'person';

export interface CommitBatch {
  add(commit: OpCommit): void;
  finish(): Promise<CommitOutcome>;
}

export interface CommitOutcome {
  /** How many commits (from the first) are applied: visible to the next batch, durable once `durable` resolves. */
  committed: number;
  /** Why commit number `committed` failed, when it did. */
  failure: CommitFailure | null;
  /**
   * Resolves when every applied commit is durable (rejects if that failed): answer the station only then. The
   * station's next batch may be decided before it resolves — its own answer waits for its own, later flush.
   */
  durable: Promise<void>;
}

/** What the push of one batch needs to decide every op without another round trip. */
export interface PushQuery {
  stationId: string;
  seqs: number[];
  opIds: string[];
  caseIds: string[];
  personIds: string[];
  idNumbers: string[];
  sha256s: string[];
  /** Claim keys the batch's cases may take (claims held on them come back in `claims`, with those of `caseIds`). */
  claimKeys?: string[];
}

export interface PushState {
  lastSeq: number;
  opsBySeq: Map<number, OpSeen>;
  opsById: Map<string, OpSeen>;
  cases: Map<string, CaseRow>;
  persons: PersonRow[];
  blobs: Set<string>;
  /** Claims held on the query's claimKeys, and the claims of its caseIds. */
  claims: ClaimRow[];
}

export interface CaseListFilter {
  status?: CentralCaseStatus;
  stationId?: string;
  limit: number;
}

/** A review decision: the case write and its changes in one transaction; claims of a rejected case are released. */
export interface CaseCommit {
  caseWrite: CaseWrite;
  releaseClaimsOfCase: boolean;
  changes: NewChange[];
  /** The decision's audit row (and its payout request dropped), in the same transaction. */
  backOffice?: DecisionExtras;
}

export interface PullScope {
  stationId: string;
  regionCode: string;
  after: number;
  limit: number;
  /** Only kinds introduced at or before this minor. */
  maxSince: number;
}

export interface Store {
  readonly kind: StorageKind;
  close(): Promise<void>;
  /** Accounts, tokens, payout requests and the audit of the back office (store/back-office.ts). */
  readonly backOffice: BackOfficeStore;

  // — stations —
  insertStation(row: StationRow): Promise<void>;
  stationByCode(code: string): Promise<StationRow | null>;
  stationById(id: string): Promise<StationRow | null>;
  stationByCredentialHash(hash: string): Promise<StationRow | null>;
  listStations(): Promise<StationRow[]>;
  updateStationProfile(id: string, name: string, regionCode: string): Promise<void>;
  /** A new code for the station; its count of wrong codes starts again. */
  insertEnrollCode(row: EnrollCodeRow): Promise<void>;
  /**
   * Atomically: if an unused, unexpired code with this hash exists for the station, mark it used, make the station
   * active with the new credential (replacing any old one) and reset its failure count; true when it did.
   */
  enrollWithCode(stationId: string, codeHash: string, credentialHash: string, at: string, keys?: EnrollKeys): Promise<boolean>;
  /** The station's signing keys (active and retired). */
  stationKeys(stationId: string): Promise<StationKeyRow[]>;
  /** Register a first signing key for a station that has no active one (enrolled before 1.2); false when it has. */
  registerSigningKey(stationId: string, key: NewSigningKey, at: string): Promise<boolean>;
  /** Count a wrong code; returns the new failure count. */
  recordEnrollFailure(stationId: string): Promise<number>;
  /** Revoke: the credential stops working (it is kept, to tell the station why) and open codes are voided. */
  revokeStation(id: string, at: string): Promise<void>;
  touchStation(id: string, at: string): Promise<void>;

  // — push —
  loadPushState(q: PushQuery): Promise<PushState>;
  claimsByKeys(keys: string[]): Promise<ClaimRow[]>;
  claimsOfCases(caseIds: string[]): Promise<ClaimRow[]>;
  /**
   * Commit the ops of one push: `add` them in seq order as they are decided (an implementation may start
   * sending them at once), then `finish`. Each op is atomic with its lastSeq and change-log rows (ops may share a
   * transaction); stops at the first that cannot commit, having committed a prefix of the ops before it.
   * Everything `finish` reports committed is durable when it resolves (the disk may be synced once per batch).
   * With `stream` (a retired key's id) every commit of the batch takes that key's seq line (OpCommit.stream).
   */
  /**
   * Hold the station's push lock until the returned function is called: one push of a station at a time across
   * every server process on this database (PostgreSQL: an advisory lock). SQLite has one server process: its
   * in-process lock and the seq guard do it, and this resolves at once.
   */
  lockStation(stationId: string): Promise<() => Promise<void>>;
  openCommitBatch(stationId: string, stream?: string): Promise<CommitBatch>;
  /** Make every commit this connection could read durable before answering a station (pull, snapshot). */
  ensureDurable(stationId: string, at: string): Promise<void>;

  // — cases —
  caseById(id: string): Promise<CaseRow | null>;
  listCases(filter: CaseListFilter): Promise<CaseRow[]>;
  /** False when the case changed since it was read (central or station version differs). */
  commitCase(commit: CaseCommit): Promise<boolean>;
  /** Cases of a station central owns (submitted or later), by id, after `afterId`. */
  ownedCasesPage(stationId: string, afterId: string, limit: number): Promise<CaseRow[]>;

  // — reference data —
  refsByKeys(kind: RefKind, scope: string, keys: string[]): Promise<RefRow[]>;
  refsPage(kind: RefKind, scope: string, afterKey: string, limit: number): Promise<RefRow[]>;
  /** Upsert reference rows and append their changes, in one transaction. */
  publishRefs(rows: RefRow[], changes: NewChange[]): Promise<void>;
  rosterByIdNumbers(regionCode: string, idNumbers: string[]): Promise<PersonRow[]>;
  rosterPage(regionCode: string, afterId: string, limit: number): Promise<PersonRow[]>;
  publishRoster(rows: PersonRow[], changes: NewChange[]): Promise<void>;

  // — the front office (issue 15) —
  /** A station's front-office records of one kind, by key, after `afterKey` (snapshots, tests). */
  frontPage(stationId: string, kind: FrontKind, afterKey: string, limit: number): Promise<FrontRow[]>;

  // — change log —
  pullChanges(scope: PullScope): Promise<ChangeRow[]>;
  /** Changes with id ≤ floor are gone. */
  changeFloor(): Promise<number>;
  maxChangeId(): Promise<number>;
  /** Delete changes so that at most `keep` remain, and those older than `olderThan` (when given). */
  pruneChanges(keep: number | null, olderThan: string | null): Promise<{ deleted: number; floor: number }>;

  // — uploads —
  insertUpload(row: UploadRow): Promise<void>;
  uploadById(id: string): Promise<UploadRow | null>;
  openUpload(stationId: string, sha256: string): Promise<UploadRow | null>;
  /** Move the offset from `from` to `to`; false when it was not `from` any more. */
  advanceUpload(id: string, from: number, to: number, at: string): Promise<boolean>;
  deleteUpload(id: string): Promise<void>;
  blobsPresent(sha256s: string[]): Promise<Set<string>>;
  blobBySha(sha256: string): Promise<BlobRow | null>;
  /** Whether central holds the blob, and whether the station has an upload of it under way (one look-up). */
  uploadPresence(stationId: string, sha256: string): Promise<{ blob: boolean; upload: boolean }>;
  insertBlob(row: BlobRow): Promise<void>;
  /** A finished upload: its blob row (kept if there) and the upload gone, in one transaction. */
  completeUpload(uploadId: string, blob: BlobRow): Promise<void>;
  /**
   * Blobs that came whole (an upload pack): their rows (kept if there), and this station's open uploads of the same
   * bytes gone, in one transaction. Answers the ids of those uploads (their partial files are the caller's to drop).
   */
  insertBlobs(stationId: string, blobs: BlobRow[]): Promise<string[]>;

  // — station audit logs (shared/sync/audit) —
  /** The audit head a station last reported, or null before its first report. */
  auditHead(stationId: string): Promise<AuditHeadRow | null>;
  /**
   * Keep a station's new audit head and append its events, in one transaction, if the head kept is still `expect`
   * (null: none kept yet); false when another report moved it meanwhile.
   */
  saveAuditHead(row: AuditHeadRow, expect: { seq: number; hash: string } | null, events: AuditEventRow[]): Promise<boolean>;
  /** A station's audit events, oldest first. */
  auditEvents(stationId: string): Promise<AuditEventRow[]>;
}

/** The audit head a station last reported: what its next report must extend. */
export interface AuditHeadRow {
  stationId: string;
  seq: number;
  hash: string;
  reportedAt: string;
  /** When a report first did not extend the head kept (or told of a break), and why; kept until cleared. */
  flaggedAt: string | null;
  flagReason: AuditFlagReason | null;
}

export interface AuditEventRow {
  stationId: string;
  at: string;
  kind: 'flagged' | 'break_reported';
  /** JSON: the heads compared, or the break the station reported. */
  detail: unknown;
}

