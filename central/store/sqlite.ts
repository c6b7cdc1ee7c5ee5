import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './migrations-sqlite';
import { SqliteBackOffice } from './back-office-sqlite';
import {
  CASE_COLUMNS,
  PERSON_COLUMNS,
  blobFromRaw,
  caseFromRaw,
  caseValues,
  changeFromRaw,
  claimFromRaw,
  opSeenFromRaw,
  personFromRaw,
  personValues,
  refFromRaw,
  stationFromRaw,
  stationKeyFromRaw,
  uploadFromRaw,
} from './rows';
import { auditEventFromRaw, auditHeadFromRaw } from './audit-rows';
import type { AuditEventRow, AuditHeadRow } from './types';
import type { FrontKind, FrontRow } from './types';
import type {
  BlobRow,
  CaseCommit,
  CaseListFilter,
  CaseRow,
  CaseWrite,
  ChangeRow,
  ClaimRow,
  CommitFailure,
  CommitBatch,
  CommitOutcome,
  EnrollCodeRow,
  EnrollKeys,
  NewChange,
  NewSigningKey,
  OpCommit,
  PersonRow,
  PullScope,
  PushQuery,
  PushState,
  RefKind,
  RefRow,
  StationKeyRow,
  StationRow,
  Store,
  UploadRow,
} from './types';

type Raw = Record<string, unknown>;
const OWNED = `('submitted','approved','returned','rejected','completed')`;
const json = (list: readonly unknown[]) => JSON.stringify(list);
const bit = (b: boolean) => (b ? 1 : 0);

/** Thrown inside a transaction to roll it back when a guard does not hold. */
class GuardFailure extends Error {
  constructor(readonly failure: CommitFailure) {
    super(`guard failed: ${failure}`);
  }
}

function constraintFailure(e: unknown): CommitFailure | null {
  if (e instanceof GuardFailure) return e.failure;
  const msg = e instanceof Error ? e.message : '';
  if (!/constraint failed/i.test(msg)) return null;
  if (msg.includes('claims.')) return 'claim';
  if (msg.includes('ops.')) return 'op-id';
  if (msg.includes('cases.')) return 'case';
  if (msg.includes('persons.')) return 'person';
  return null;
}

/**
 * Apply the pending migrations in one transaction; `to` stops at that version (tests of one migration). Answers
 * the versions applied.
 */
export function migrateSqlite(db: Database.Database, opts: { to?: number } = {}): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(`central database schema ${current} is newer than this server (${latest}); refusing to open it`);
  }
  const target = opts.to ?? latest;
  const pending = SQLITE_MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return pending.map((m) => m.version);
}

/** The embedded store: one better-sqlite3 connection, WAL, synchronous=FULL (an acknowledged op survives power loss). */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly backOffice: SqliteBackOffice;
  private readonly db: Database.Database;
  private readonly s;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Checkpoint the WAL less often than every 1,000 pages: a push batch writes many small transactions.
    this.db.pragma('wal_autocheckpoint = 10000');
    try {
      migrateSqlite(this.db);
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.backOffice = new SqliteBackOffice(this.db);
    const p = (sql: string) => this.db.prepare(sql);
    const caseCols = CASE_COLUMNS.join(', ');
    const personCols = PERSON_COLUMNS.join(', ');
    this.s = {
      insertStation: p(`INSERT INTO stations (id, code, name, region_code, state, credential_hash, last_seq, enroll_failures, enrolled_at, revoked_at, last_seen_at, created_at)
        VALUES (@id, @code, @name, @regionCode, @state, @credentialHash, @lastSeq, @enrollFailures, @enrolledAt, @revokedAt, @lastSeenAt, @createdAt)`),
      stationByCode: p(`SELECT * FROM stations WHERE code = ?`),
      stationById: p(`SELECT * FROM stations WHERE id = ?`),
      stationByCredential: p(`SELECT * FROM stations WHERE credential_hash = ?`),
      listStations: p(`SELECT * FROM stations ORDER BY code`),
      updateProfile: p(`UPDATE stations SET name = ?, region_code = ? WHERE id = ?`),
      insertCode: p(`INSERT INTO enroll_codes (code_hash, station_id, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?)`),
      useCode: p(`UPDATE enroll_codes SET used_at = ? WHERE code_hash = ? AND station_id = ? AND used_at IS NULL AND expires_at > ?`),
      activate: p(`UPDATE stations SET state = 'active', credential_hash = ?, enrolled_at = ?, revoked_at = NULL, enroll_failures = 0 WHERE id = ?`),
      enrollFailure: p(`UPDATE stations SET enroll_failures = enroll_failures + 1 WHERE id = ? RETURNING enroll_failures`),
      revoke: p(`UPDATE stations SET state = 'revoked', revoked_at = ? WHERE id = ?`),
      voidCodes: p(`UPDATE enroll_codes SET used_at = ? WHERE station_id = ? AND used_at IS NULL`),
      touch: p(`UPDATE stations SET last_seen_at = ? WHERE id = ?`),
      barrier: p(`UPDATE stations SET last_seen_at = coalesce(?, last_seen_at) WHERE id = ?`),
      resetFailures: p(`UPDATE stations SET enroll_failures = 0 WHERE id = ?`),
      lastSeq: p(`SELECT last_seq FROM stations WHERE id = ?`),
      opsBySeq: p(`SELECT seq, op_id, result, code, message FROM ops WHERE station_id = ? AND seq IN (SELECT value FROM json_each(?))`),
      opsById: p(`SELECT seq, op_id, result, code, message FROM ops WHERE station_id = ? AND op_id IN (SELECT value FROM json_each(?))`),
      casesByIds: p(`SELECT * FROM cases WHERE id IN (SELECT value FROM json_each(?))`),
      personsByIds: p(`SELECT * FROM persons WHERE id IN (SELECT value FROM json_each(?))`),
      personsByIdNumbers: p(`SELECT * FROM persons WHERE id_number IN (SELECT value FROM json_each(?)) AND removed = 0`),
      blobsIn: p(`SELECT sha256 FROM blobs WHERE sha256 IN (SELECT value FROM json_each(?))`),
      claimsByKeys: p(`SELECT * FROM claims WHERE key IN (SELECT value FROM json_each(?))`),
      claimsOfCases: p(`SELECT * FROM claims WHERE case_id IN (SELECT value FROM json_each(?))`),
      advanceSeq: p(`UPDATE stations SET last_seq = ? WHERE id = ? AND last_seq = ?`),
      advanceStream: p(`UPDATE station_keys SET stream_seq = @seq WHERE station_id = @stationId AND key_id = @keyId AND state = 'retired'
        AND stream_seq = @seq - 1 AND @seq <= stream_to`),
      streamSeq: p(`SELECT stream_seq FROM station_keys WHERE station_id = ? AND key_id = ?`),
      stationKeys: p(`SELECT * FROM station_keys WHERE station_id = ? ORDER BY created_at, key_id`),
      retireKey: p(`UPDATE station_keys SET state = 'retired', retired_at = @at, stream_from = s.last_seq, stream_seq = s.last_seq,
        stream_to = s.last_seq + @reserve FROM (SELECT last_seq FROM stations WHERE id = @stationId) s WHERE station_id = @stationId AND state = 'active'`),
      skipSeqs: p(`UPDATE stations SET last_seq = last_seq + ? WHERE id = ?`),
      insertKey: p(`INSERT INTO station_keys (station_id, key_id, public_key, state, created_at) VALUES (?, ?, ?, 'active', ?)`),
      insertFirstKey: p(`INSERT INTO station_keys (station_id, key_id, public_key, state, created_at)
        SELECT ?, ?, ?, 'active', ? WHERE NOT EXISTS (SELECT 1 FROM station_keys WHERE station_id = ? AND state = 'active')`),
      insertOp: p(`INSERT INTO ops (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertCase: p(`INSERT INTO cases (${caseCols}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`),
      updateCase: p(`UPDATE cases SET ${CASE_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')}
        WHERE id = ? AND central_version = ? AND station_version = ?`),
      upsertPerson: p(`INSERT INTO persons (${personCols}) VALUES (${PERSON_COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT (id) DO UPDATE SET ${PERSON_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`),
      insertClaim: p(`INSERT INTO claims (key, kind, case_id, case_no, station_id, station_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      releaseClaim: p(`DELETE FROM claims WHERE key = ? AND case_id = ?`),
      releaseCaseClaims: p(`DELETE FROM claims WHERE case_id = ?`),
      insertChange: p(`INSERT INTO changelog (kind, station_id, region_code, at, since, data) VALUES (?, ?, ?, ?, ?, ?)`),
      caseById: p(`SELECT * FROM cases WHERE id = ?`),
      listCases: p(`SELECT * FROM cases WHERE (@status IS NULL OR status = @status) AND (@stationId IS NULL OR station_id = @stationId)
        ORDER BY coalesce(submitted_at, updated_at), id LIMIT @limit`),
      ownedCases: p(`SELECT * FROM cases WHERE station_id = ? AND id > ? AND status IN ${OWNED} ORDER BY id LIMIT ?`),
      refsByKeys: p(`SELECT * FROM refs WHERE kind = ? AND scope = ? AND key IN (SELECT value FROM json_each(?))`),
      refsPage: p(`SELECT * FROM refs WHERE kind = ? AND scope = ? AND key > ? ORDER BY key LIMIT ?`),
      upsertRef: p(`INSERT INTO refs (kind, scope, key, version, hash, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (kind, scope, key) DO UPDATE SET version = excluded.version, hash = excluded.hash, body = excluded.body, updated_at = excluded.updated_at`),
      rosterByIdNumbers: p(`SELECT * FROM persons WHERE source = 'roster' AND region_code = ? AND id_number IN (SELECT value FROM json_each(?))`),
      rosterPage: p(`SELECT * FROM persons WHERE source = 'roster' AND region_code = ? AND id > ? AND removed = 0 ORDER BY id LIMIT ?`),
      pull: p(`SELECT id, kind, at, data FROM (
          SELECT * FROM (SELECT id, kind, at, data FROM changelog WHERE station_id = @stationId AND id > @after AND since <= @maxSince ORDER BY id LIMIT @limit)
          UNION ALL
          SELECT * FROM (SELECT id, kind, at, data FROM changelog WHERE region_code = @regionCode AND station_id IS NULL AND id > @after AND since <= @maxSince ORDER BY id LIMIT @limit)
          UNION ALL
          SELECT * FROM (SELECT id, kind, at, data FROM changelog WHERE station_id IS NULL AND region_code IS NULL AND id > @after AND since <= @maxSince ORDER BY id LIMIT @limit)
        ) ORDER BY id LIMIT @limit`),
      getMeta: p(`SELECT value FROM meta WHERE key = ?`),
      setMeta: p(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      maxChange: p(`SELECT coalesce(max(id), 0) AS id FROM changelog`),
      maxChangeBefore: p(`SELECT coalesce(max(id), 0) AS id FROM changelog WHERE at < ?`),
      deleteChanges: p(`DELETE FROM changelog WHERE id <= ?`),
      insertUpload: p(`INSERT INTO uploads (id, station_id, sha256, size, mime, upload_offset, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      uploadById: p(`SELECT * FROM uploads WHERE id = ?`),
      openUpload: p(`SELECT * FROM uploads WHERE station_id = ? AND sha256 = ?`),
      advanceUpload: p(`UPDATE uploads SET upload_offset = ?, updated_at = ? WHERE id = ? AND upload_offset = ?`),
      deleteUpload: p(`DELETE FROM uploads WHERE id = ?`),
      blobBySha: p(`SELECT * FROM blobs WHERE sha256 = ?`),
      insertBlob: p(`INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`),
      dropOpenUploads: p(`DELETE FROM uploads WHERE station_id = ? AND sha256 IN (SELECT value FROM json_each(?)) RETURNING id`),
    };
  }

  async close(): Promise<void> {
    this.db.close();
  }

  // — stations —

  async insertStation(row: StationRow): Promise<void> {
    this.s.insertStation.run(row);
  }
  async stationByCode(code: string): Promise<StationRow | null> {
    const r = this.s.stationByCode.get(code) as Raw | undefined;
    return r ? stationFromRaw(r) : null;
  }
  async stationById(id: string): Promise<StationRow | null> {
    const r = this.s.stationById.get(id) as Raw | undefined;
    return r ? stationFromRaw(r) : null;
  }
  async stationByCredentialHash(hash: string): Promise<StationRow | null> {
    const r = this.s.stationByCredential.get(hash) as Raw | undefined;
    return r ? stationFromRaw(r) : null;
  }
  async listStations(): Promise<StationRow[]> {
    return (this.s.listStations.all() as Raw[]).map(stationFromRaw);
  }
  async updateStationProfile(id: string, name: string, regionCode: string): Promise<void> {
    this.s.updateProfile.run(name, regionCode, id);
  }
  async insertEnrollCode(row: EnrollCodeRow): Promise<void> {
    this.db.transaction(() => {
      this.s.insertCode.run(row.codeHash, row.stationId, row.expiresAt, row.usedAt, row.createdAt);
      this.s.resetFailures.run(row.stationId);
    })();
  }
  async enrollWithCode(stationId: string, codeHash: string, credentialHash: string, at: string, keys?: EnrollKeys): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (this.s.useCode.run(at, codeHash, stationId, at).changes !== 1) return false;
        this.s.activate.run(credentialHash, at, stationId);
        if (keys) {
          // The key being replaced keeps a window of seqs for its bundles; the station's own seqs skip it.
          if (this.s.retireKey.run({ at, reserve: keys.reserve, stationId }).changes > 0) this.s.skipSeqs.run(keys.reserve, stationId);
          if (keys.key) this.s.insertKey.run(stationId, keys.key.keyId, keys.key.publicKey, at);
        }
        return true;
      })
      .immediate();
  }
  async stationKeys(stationId: string): Promise<StationKeyRow[]> {
    return (this.s.stationKeys.all(stationId) as Raw[]).map(stationKeyFromRaw);
  }
  async registerSigningKey(stationId: string, key: NewSigningKey, at: string): Promise<boolean> {
    return this.s.insertFirstKey.run(stationId, key.keyId, key.publicKey, at, stationId).changes === 1;
  }
  async recordEnrollFailure(stationId: string): Promise<number> {
    const r = this.s.enrollFailure.get(stationId) as Raw | undefined;
    return r ? Number(r.enroll_failures) : 0;
  }
  async revokeStation(id: string, at: string): Promise<void> {
    this.db.transaction(() => {
      this.s.revoke.run(at, id);
      this.s.voidCodes.run(at, id);
    })();
  }
  async touchStation(id: string, at: string): Promise<void> {
    this.s.touch.run(at, id);
  }

  // — push —

  async loadPushState(q: PushQuery): Promise<PushState> {
    return this.db
      .transaction((): PushState => {
        const seqRow = this.s.lastSeq.get(q.stationId) as Raw | undefined;
        const persons = new Map<string, PersonRow>();
        for (const r of this.s.personsByIds.all(json(q.personIds)) as Raw[]) persons.set(String(r.id), personFromRaw(r));
        for (const r of this.s.personsByIdNumbers.all(json(q.idNumbers)) as Raw[]) persons.set(String(r.id), personFromRaw(r));
        return {
          lastSeq: seqRow ? Number(seqRow.last_seq) : 0,
          opsBySeq: new Map((this.s.opsBySeq.all(q.stationId, json(q.seqs)) as Raw[]).map((r) => [Number(r.seq), opSeenFromRaw(r)])),
          opsById: new Map((this.s.opsById.all(q.stationId, json(q.opIds)) as Raw[]).map((r) => [String(r.op_id), opSeenFromRaw(r)])),
          cases: new Map((this.s.casesByIds.all(json(q.caseIds)) as Raw[]).map((r) => [String(r.id), caseFromRaw(r)])),
          persons: [...persons.values()],
          blobs: new Set((this.s.blobsIn.all(json(q.sha256s)) as Raw[]).map((r) => String(r.sha256))),
          claims: [...(this.s.claimsByKeys.all(json(q.claimKeys ?? [])) as Raw[]), ...(this.s.claimsOfCases.all(json(q.caseIds)) as Raw[])].map(claimFromRaw),
        };
      })
      .deferred();
  }

  async claimsByKeys(keys: string[]): Promise<ClaimRow[]> {
    return (this.s.claimsByKeys.all(json(keys)) as Raw[]).map(claimFromRaw);
  }
  async claimsOfCases(caseIds: string[]): Promise<ClaimRow[]> {
    return (this.s.claimsOfCases.all(json(caseIds)) as Raw[]).map(claimFromRaw);
  }

  private writeCase(w: CaseWrite): void {
    const values = caseValues(w.row, bit);
    if (w.expectCentralVersion === null) {
      this.s.insertCase.run(...values);
      return;
    }
    const r = this.s.updateCase.run(...values.slice(1), w.row.id, w.expectCentralVersion, w.expectStationVersion);
    if (r.changes !== 1) throw new GuardFailure('case');
  }

  private writeChanges(changes: readonly NewChange[]): void {
    for (const c of changes) this.s.insertChange.run(c.kind, c.stationId, c.regionCode, c.at, c.since, JSON.stringify(c.data));
  }

  /** One op: its writes under a savepoint of the batch's transaction (all of them, or none, with its lastSeq). */
  private readonly commitOne = (c: OpCommit): void => {
    this.db.transaction(() => {
      const moved = c.stream ? this.s.advanceStream.run({ seq: c.seq, stationId: c.stationId, keyId: c.stream }) : this.s.advanceSeq.run(c.seq, c.stationId, c.seq - 1);
      if (moved.changes !== 1) throw new GuardFailure('seq');
      const op = c.op;
      if (op) {
        this.s.insertOp.run(op.stationId, op.seq, op.opId, op.kind, op.caseId, op.baseVersion, op.result, op.code, op.message, JSON.stringify(op.payload), op.createdAt, op.receivedAt);
      }
      for (const p of c.persons) this.s.upsertPerson.run(...personValues(p, bit));
      if (c.caseWrite) this.writeCase(c.caseWrite);
      const caseId = c.caseWrite?.row.id ?? '';
      for (const key of c.releaseClaims) this.s.releaseClaim.run(key, caseId);
      for (const k of c.claims) this.s.insertClaim.run(k.key, k.kind, k.caseId, k.caseNo, k.stationId, k.stationCode, k.createdAt);
      this.writeChanges(c.changes);
      for (const f of c.front ?? []) this.upsertFront.run(f.stationId, f.kind, f.key, f.version, JSON.stringify(f.body), f.updatedAt);
    })();
  };

  /** The front office (issue 15): a record kept at its highest version. Prepared on first use. */
  private upsertFrontStmt: Database.Statement | null = null;
  private get upsertFront(): Database.Statement {
    this.upsertFrontStmt ??= this.db.prepare(
      `INSERT INTO front_records (station_id, kind, key, version, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (station_id, kind, key) DO UPDATE SET version = excluded.version, body = excluded.body, updated_at = excluded.updated_at
       WHERE excluded.version > front_records.version`,
    );
    return this.upsertFrontStmt;
  }

  async frontPage(stationId: string, kind: FrontKind, afterKey: string, limit: number): Promise<FrontRow[]> {
    const rows = this.db.prepare('SELECT * FROM front_records WHERE station_id = ? AND kind = ? AND key > ? ORDER BY key LIMIT ?').all(stationId, kind, afterKey, limit) as Record<string, unknown>[];
    return rows.map((r) => ({ stationId: String(r.station_id), kind: r.kind as FrontKind, key: String(r.key), version: Number(r.version), body: JSON.parse(String(r.body)) as unknown, updatedAt: String(r.updated_at) }));
  }

  /**
   * The ops of one push, run when the batch finishes, in ONE synchronous call: no other request of this process
   * reads in between. Each op is atomic with its lastSeq (a savepoint: all its writes or none); the batch is one
   * transaction, committed (and synced: synchronous=FULL) once, with the station's last_seen_at, before
   * anything is answered. An op whose guard fails rolls back alone and ends the batch; the ops before it are
   * committed. One commit per batch instead of one per op: SQLite writes every page a commit touches to the WAL
   * again, which made per-op commits the largest cost of a push.
   */
  async lockStation(): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  async openCommitBatch(stationId: string): Promise<CommitBatch> {
    const commits: OpCommit[] = [];
    return {
      add: (c) => void commits.push(c),
      finish: async () => this.commitAll(stationId, commits),
    };
  }

  private commitAll(stationId: string, commits: readonly OpCommit[]): CommitOutcome {
    if (commits.length === 0) return { committed: 0, failure: null, durable: Promise.resolve() };
    return this.db
      .transaction((): CommitOutcome => {
        // Synced (synchronous=FULL) when this transaction returns: durable at once.
        let outcome: CommitOutcome = { committed: commits.length, failure: null, durable: Promise.resolve() };
        for (let i = 0; i < commits.length; i++) {
          try {
            this.commitOne(commits[i]!);
          } catch (e) {
            const failure = constraintFailure(e);
            if (failure === null) throw e;
            outcome = { committed: i, failure, durable: Promise.resolve() };
            break;
          }
        }
        const last = commits[Math.max(0, outcome.committed - 1)]!;
        this.s.barrier.run(last.op?.receivedAt ?? null, stationId);
        return outcome;
      })
      .immediate();
  }

  async ensureDurable(): Promise<void> {
    // Every commit of this store is synced before the call that made it returns.
  }

  // — cases —

  async caseById(id: string): Promise<CaseRow | null> {
    const r = this.s.caseById.get(id) as Raw | undefined;
    return r ? caseFromRaw(r) : null;
  }
  async listCases(f: CaseListFilter): Promise<CaseRow[]> {
    return (this.s.listCases.all({ status: f.status ?? null, stationId: f.stationId ?? null, limit: f.limit }) as Raw[]).map(caseFromRaw);
  }
  async commitCase(c: CaseCommit): Promise<boolean> {
    try {
      this.db
        .transaction(() => {
          this.writeCase(c.caseWrite);
          if (c.releaseClaimsOfCase) this.s.releaseCaseClaims.run(c.caseWrite.row.id);
          this.writeChanges(c.changes);
          if (c.backOffice) this.backOffice.writeDecisionInTx(c.caseWrite.row.id, c.backOffice);
        })
        .immediate();
      return true;
    } catch (e) {
      if (constraintFailure(e) === 'case') return false;
      throw e;
    }
  }
  async ownedCasesPage(stationId: string, afterId: string, limit: number): Promise<CaseRow[]> {
    return (this.s.ownedCases.all(stationId, afterId, limit) as Raw[]).map(caseFromRaw);
  }

  // — reference data —

  async refsByKeys(kind: RefKind, scope: string, keys: string[]): Promise<RefRow[]> {
    return (this.s.refsByKeys.all(kind, scope, json(keys)) as Raw[]).map(refFromRaw);
  }
  async refsPage(kind: RefKind, scope: string, afterKey: string, limit: number): Promise<RefRow[]> {
    return (this.s.refsPage.all(kind, scope, afterKey, limit) as Raw[]).map(refFromRaw);
  }
  async publishRefs(rows: RefRow[], changes: NewChange[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const r of rows) this.s.upsertRef.run(r.kind, r.scope, r.key, r.version, r.hash, r.body, r.updatedAt);
        this.writeChanges(changes);
      })
      .immediate();
  }
  async rosterByIdNumbers(regionCode: string, idNumbers: string[]): Promise<PersonRow[]> {
    return (this.s.rosterByIdNumbers.all(regionCode, json(idNumbers)) as Raw[]).map(personFromRaw);
  }
  async rosterPage(regionCode: string, afterId: string, limit: number): Promise<PersonRow[]> {
    return (this.s.rosterPage.all(regionCode, afterId, limit) as Raw[]).map(personFromRaw);
  }
  async publishRoster(rows: PersonRow[], changes: NewChange[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const p of rows) this.s.upsertPerson.run(...personValues(p, bit));
        this.writeChanges(changes);
      })
      .immediate();
  }

  // — change log —

  async pullChanges(q: PullScope): Promise<ChangeRow[]> {
    return (this.s.pull.all({ stationId: q.stationId, regionCode: q.regionCode, after: q.after, limit: q.limit, maxSince: q.maxSince }) as Raw[]).map(changeFromRaw);
  }
  async changeFloor(): Promise<number> {
    const r = this.s.getMeta.get('changelog_floor') as Raw | undefined;
    return r ? Number(r.value) : 0;
  }
  async maxChangeId(): Promise<number> {
    return Number((this.s.maxChange.get() as Raw).id);
  }
  async pruneChanges(keep: number | null, olderThan: string | null): Promise<{ deleted: number; floor: number }> {
    return this.db
      .transaction(() => {
        const old = Number((this.s.getMeta.get('changelog_floor') as Raw | undefined)?.value ?? 0);
        const max = Number((this.s.maxChange.get() as Raw).id);
        let floor = old;
        if (keep !== null) floor = Math.max(floor, max - keep);
        if (olderThan !== null) floor = Math.max(floor, Number((this.s.maxChangeBefore.get(olderThan) as Raw).id));
        const deleted = floor > old ? this.s.deleteChanges.run(floor).changes : 0;
        if (floor !== old) this.s.setMeta.run('changelog_floor', String(floor));
        return { deleted, floor };
      })
      .immediate();
  }

  // — uploads —

  async insertUpload(u: UploadRow): Promise<void> {
    this.s.insertUpload.run(u.id, u.stationId, u.sha256, u.size, u.mime, u.offset, u.createdAt, u.updatedAt);
  }
  async uploadById(id: string): Promise<UploadRow | null> {
    const r = this.s.uploadById.get(id) as Raw | undefined;
    return r ? uploadFromRaw(r) : null;
  }
  async openUpload(stationId: string, sha256: string): Promise<UploadRow | null> {
    const r = this.s.openUpload.get(stationId, sha256) as Raw | undefined;
    return r ? uploadFromRaw(r) : null;
  }
  async advanceUpload(id: string, from: number, to: number, at: string): Promise<boolean> {
    return this.s.advanceUpload.run(to, at, id, from).changes === 1;
  }
  async deleteUpload(id: string): Promise<void> {
    this.s.deleteUpload.run(id);
  }
  async blobsPresent(sha256s: string[]): Promise<Set<string>> {
    return new Set((this.s.blobsIn.all(json(sha256s)) as Raw[]).map((r) => String(r.sha256)));
  }
  async uploadPresence(stationId: string, sha256: string): Promise<{ blob: boolean; upload: boolean }> {
    return { blob: this.s.blobBySha.get(sha256) !== undefined, upload: this.s.openUpload.get(stationId, sha256) !== undefined };
  }
  async blobBySha(sha256: string): Promise<BlobRow | null> {
    const r = this.s.blobBySha.get(sha256) as Raw | undefined;
    return r ? blobFromRaw(r) : null;
  }
  async insertBlob(b: BlobRow): Promise<void> {
    this.s.insertBlob.run(b.sha256, b.size, b.mime, b.createdAt);
  }
  async insertBlobs(stationId: string, blobs: BlobRow[]): Promise<string[]> {
    return this.db
      .transaction(() => {
        for (const b of blobs) this.s.insertBlob.run(b.sha256, b.size, b.mime, b.createdAt);
        return (this.s.dropOpenUploads.all(stationId, json(blobs.map((b) => b.sha256))) as Raw[]).map((r) => String(r.id));
      })
      .immediate();
  }
  async completeUpload(uploadId: string, b: BlobRow): Promise<void> {
    this.db
      .transaction(() => {
        this.s.insertBlob.run(b.sha256, b.size, b.mime, b.createdAt);
        this.s.deleteUpload.run(uploadId);
      })
      .immediate();
  }

  // — station audit logs —

  async auditHead(stationId: string): Promise<AuditHeadRow | null> {
    const r = this.db.prepare('SELECT * FROM station_audit WHERE station_id = ?').get(stationId) as Raw | undefined;
    return r ? auditHeadFromRaw(r) : null;
  }
  async saveAuditHead(row: AuditHeadRow, expect: { seq: number; hash: string } | null, events: AuditEventRow[]): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const v = [row.seq, row.hash, row.reportedAt, row.flaggedAt, row.flagReason];
      const changed = expect
        ? this.db
            .prepare('UPDATE station_audit SET seq = ?, hash = ?, reported_at = ?, flagged_at = ?, flag_reason = ? WHERE station_id = ? AND seq = ? AND hash = ?')
            .run(...v, row.stationId, expect.seq, expect.hash).changes
        : this.db.prepare('INSERT INTO station_audit (station_id, seq, hash, reported_at, flagged_at, flag_reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station_id) DO NOTHING').run(row.stationId, ...v).changes;
      if (changed !== 1) return false;
      const ins = this.db.prepare('INSERT INTO station_audit_events (station_id, at, kind, detail) VALUES (?, ?, ?, ?)');
      for (const e of events) ins.run(e.stationId, e.at, e.kind, JSON.stringify(e.detail));
      return true;
    })();
  }
  async auditEvents(stationId: string): Promise<AuditEventRow[]> {
    const rows = this.db.prepare('SELECT * FROM station_audit_events WHERE station_id = ? ORDER BY id').all(stationId) as Raw[];
    return rows.map(auditEventFromRaw);
  }
}
