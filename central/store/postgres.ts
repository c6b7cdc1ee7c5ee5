import pg from 'pg';
import { migratePostgres } from './migrate-postgres';
import { PostgresBackOffice } from './back-office-postgres';
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
type Q = { name?: string; text: string; values?: unknown[] };
const OWNED = `('submitted','approved','returned','rejected','completed')`;
const same = (b: boolean) => b;
/** Ops per central_commit_ops() call (at most). */
const COMMIT_CHUNK = 96;
/** Text parameters per call: PostgreSQL takes at most 100 arguments, the first is the JSONB one. */
const MAX_TEXTS = 99;
/** Texts one commit may add (payload, snapshot). */
const TEXTS_PER_COMMIT = 2;

// Every append to the change log (central_append_changes() and central_commit_ops(), postgres/routines.sql)
// takes an advisory lock held to commit: change ids are handed out in commit order, so a station that pulled up
// to id n never later misses a change below n committed by a slower transaction. (SQLite has one writer: it gets
// this free.)

const sqlCaseCols = CASE_COLUMNS.join(', ');
const sqlPersonCols = PERSON_COLUMNS.join(', ');
const params = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

const SQL = {
  insertCase: `INSERT INTO cases (${sqlCaseCols}) VALUES (${params(CASE_COLUMNS.length)})`,
  updateCase: `WITH u AS (UPDATE cases SET ${CASE_COLUMNS.slice(1)
    .map((c, i) => `${c} = $${i + 2}`)
    .join(', ')} WHERE id = $1 AND central_version = $${CASE_COLUMNS.length + 1} AND station_version = $${CASE_COLUMNS.length + 2} RETURNING 1)
    SELECT central_expect_one((SELECT count(*) FROM u), 'case')`,
  upsertPerson: `INSERT INTO persons (${sqlPersonCols}) VALUES (${params(PERSON_COLUMNS.length)})
    ON CONFLICT (id) DO UPDATE SET ${PERSON_COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
  /** The commit call with `texts` text parameters after the JSONB one (VARIADIC needs an explicit empty array). */
  commitOps: (texts: number) => `CALL central_commit_ops($1::jsonb, ${texts === 0 ? "VARIADIC '{}'::text[]" : params(texts, 2)})`,
  appendChanges: 'SELECT central_append_changes($1::jsonb)',
  barrier: 'UPDATE stations SET last_seen_at = coalesce($2, last_seen_at) WHERE id = $1',
};

function guardFailure(e: unknown): CommitFailure | null {
  const err = e as { code?: string; hint?: string; constraint?: string };
  if (err.code === 'P0001' && err.hint) return err.hint as CommitFailure;
  if (err.code === '23505') {
    const c = err.constraint ?? '';
    if (c.startsWith('claims')) return 'claim';
    if (c.startsWith('ops')) return 'op-id';
    if (c.startsWith('cases')) return 'case';
    if (c.startsWith('persons')) return 'person';
  }
  return null;
}

function zip(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((c, i) => (out[c] = values[i]));
  return out;
}

function changeRows(changes: readonly NewChange[]): unknown[] {
  return changes.map((c) => ({ kind: c.kind, station_id: c.stationId, region_code: c.regionCode, at: c.at, since: c.since, data: c.data }));
}

function changesJson(changes: readonly NewChange[]): string {
  return JSON.stringify(changeRows(changes));
}

/**
 * The JSON text of a payload without its `case` (`{}` when nothing else): central_commit_ops() stores the payload as
 * `{"case":<the snapshot's text>,` + the rest after its `{` (the case first, then the rest), so that the snapshot —
 * most of an op's bytes — travels once.
 */
function payloadRest(payload: Record<string, unknown>): string {
  return JSON.stringify({ ...payload, case: undefined });
}

/**
 * One element of the JSONB argument of central_commit_ops(): everything one op changes, keyed by column names.
 * The case's snapshot and the op's payload — the large JSON bodies — go into `texts` (plain text parameters of
 * the call) and are named by their 1-based index there; smaller JSON-bodied text columns (attachments, body,
 * data) travel as nested JSON. An op whose payload carries the snapshot central stores (most: the same object)
 * sends only the rest of its payload (`payload_rest`), and the procedure puts the two together.
 */
function commitJson(c: OpCommit, texts: string[]): string {
  const op = c.op;
  const row = c.caseWrite?.row;
  const snapshotIx = row ? texts.push(JSON.stringify(row.snapshot)) : null;
  const shared = op !== null && row !== undefined && (op.payload as { case?: unknown }).case === row.snapshot;
  const payload = op && (shared ? { payload_rest: payloadRest(op.payload as Record<string, unknown>) } : { payload_ix: texts.push(JSON.stringify(op.payload)) });
  return JSON.stringify({
    station_id: c.stationId,
    seq: c.seq,
    stream_key: c.stream ?? null,
    op: op && {
      station_id: op.stationId,
      seq: op.seq,
      op_id: op.opId,
      kind: op.kind,
      case_id: op.caseId,
      base_version: op.baseVersion,
      result: op.result,
      code: op.code,
      message: op.message,
      ...payload,
      created_at: op.createdAt,
      received_at: op.receivedAt,
    },
    persons: c.persons.map((p) => ({ ...zip(PERSON_COLUMNS, personValues(p, same)), body: p.body })),
    case: row && { ...zip(CASE_COLUMNS, caseValues(row, same, false)), attachments: row.attachments, snapshot: undefined, snapshot_ix: snapshotIx },
    expect_central_version: c.caseWrite?.expectCentralVersion ?? null,
    expect_station_version: c.caseWrite?.expectStationVersion ?? null,
    release_claims: c.releaseClaims,
    claims: c.claims.map((k) => ({
      key: k.key,
      kind: k.kind,
      case_id: k.caseId,
      case_no: k.caseNo,
      station_id: k.stationId,
      station_code: k.stationCode,
      created_at: k.createdAt,
    })),
    changes: changeRows(c.changes),
    front: (c.front ?? []).map((f) => ({ station_id: f.stationId, kind: f.kind, key: f.key, version: f.version, body: JSON.stringify(f.body), updated_at: f.updatedAt })),
  });
}

function caseStatement(w: CaseWrite): Q {
  const values = caseValues(w.row, same);
  if (w.expectCentralVersion === null) return { name: 'c_insert_case', text: SQL.insertCase, values };
  return { name: 'c_update_case', text: SQL.updateCase, values: [...values, w.expectCentralVersion, w.expectStationVersion] };
}

function changeStatements(changes: readonly NewChange[]): Q[] {
  if (changes.length === 0) return [];
  return [{ name: 'c_append_changes', text: SQL.appendChanges, values: [changesJson(changes)] }];
}

/**
 * A pool that survives its database: an error on a connection — idle in the pool, or checked out between two
 * queries (pg emits it on the client, and with no listener Node kills the process: a terminated backend or a
 * restarted server did) — is reported and that connection is dropped; the queries on it fail (the request gets 503,
 * see store/unavailable.ts) and the next ones get a new connection. Connecting gives up after 10 s.
 */
function resilientPool(config: pg.PoolConfig, onError: (e: Error) => void, onConnect?: (client: pg.PoolClient) => void): pg.Pool {
  const pool = new pg.Pool({ connectionTimeoutMillis: 10_000, ...config });
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    onConnect?.(client);
  });
  return pool;
}

/**
 * Issue several queries of a pipelined connection in one write. pg writes each query's messages on their own (a
 * system call each — and on a local socket the kernel wakes the server for each); corked, the queries `issue`
 * sends go out together. `issue` must send them synchronously.
 */
function together<T>(client: pg.PoolClient, issue: () => T): T {
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  stream?.cork?.();
  try {
    return issue();
  } finally {
    stream?.uncork?.();
  }
}

export interface PostgresStoreOptions {
  /** Where connection errors are reported (the server's log); they are survived either way. */
  onConnectionError?: (e: Error) => void;
  /** Connections of the main pool (default 20: a push mostly waits on the database, the process does not). */
  poolMax?: number;
}

export async function openPostgresStore(connectionString: string, o: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const onError = o.onConnectionError ?? (() => undefined);
  // Pipeline mode: queries issued together go out together, and the chunk transactions of a push are sent
  // back to back instead of waiting a round trip per statement.
  // Every transaction of central's own connections commits synchronously, whatever the server's synchronous_commit
  // (a DBA may have turned it off: then an acknowledged commit could be lost in a crash, and central would have
  // answered a station for an op it no longer holds). The chunk commits of a push turn it off for themselves and
  // are made durable by a barrier (durableBarrier) before anything is answered.
  const pool = resilientPool({ connectionString, max: o.poolMax ?? 20, pipeline: true }, onError, (client) => {
    client.query({ name: 'c_sync_on', text: 'SET synchronous_commit = on' }).catch(() => undefined); // a failure fails the connection's next query too
  });
  // The per-station locks wait on connections of their own: a push waiting for its station's lock (held by another
  // server process) never holds a connection the lock's holder needs to finish. A lock waits at most 30 s
  // (lock_timeout, set when the connection starts), then fails (503: the station retries).
  const lockPool = resilientPool({ connectionString, max: 20, lock_timeout: 30_000 }, onError);
  try {
    await migratePostgres(pool);
  } catch (e) {
    await Promise.all([pool.end(), lockPool.end()]);
    throw e;
  }
  return new PostgresStore(pool, lockPool);
}

/**
 * A commit that waits for the WAL to be flushed through it — and so through every commit before it: one statement
 * that writes (the station's last_seen_at), committed synchronously (the session's synchronous_commit is on, see
 * openPostgresStore; a transaction that wrote nothing would not wait for the flush). One round trip.
 */
function durableBarrier(client: pg.PoolClient, stationId: string, at: string | null): Promise<unknown> {
  return client.query({ name: 'c_barrier', text: SQL.barrier, values: [stationId, at] });
}

/** The advisory-lock namespace of the per-station push lock (the key is hashtext(station id)). */
const STATION_LOCK = 727100;

/** The PostgreSQL store (DATABASE_URL). Same behaviour as SqliteStore, proven by the same conformance suite. */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly backOffice: PostgresBackOffice;

  constructor(
    private readonly pool: pg.Pool,
    private readonly lockPool: pg.Pool,
  ) {
    this.backOffice = new PostgresBackOffice(pool);
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  /**
   * The station's push lock, held by the database for every central process: a session advisory lock on a
   * connection of the lock pool, released by unlock (or by PostgreSQL when the connection or the process dies).
   * Waits at most 30 s (lock_timeout), then fails (503: the station retries).
   */
  async lockStation(stationId: string): Promise<() => Promise<void>> {
    const client = await this.lockPool.connect();
    try {
      await client.query({ name: 'k_lock', text: 'SELECT pg_advisory_lock($1, hashtext($2))', values: [STATION_LOCK, stationId] });
    } catch (e) {
      client.release(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      try {
        await client.query({ name: 'k_unlock', text: 'SELECT pg_advisory_unlock($1, hashtext($2))', values: [STATION_LOCK, stationId] });
        client.release();
      } catch (e) {
        // The connection is gone, and the lock with it.
        client.release(e instanceof Error ? e : new Error(String(e)));
      }
    };
  }

  private async rows(q: Q): Promise<Raw[]> {
    return (await this.pool.query(q)).rows as Raw[];
  }
  private async one(q: Q): Promise<Raw | undefined> {
    return (await this.rows(q))[0];
  }

  /** Run `fn` in a transaction on one connection. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  private async runAll(client: pg.PoolClient, qs: readonly Q[]): Promise<void> {
    for (const q of qs) await client.query(q);
  }

  // — stations —

  async insertStation(s: StationRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO stations (id, code, name, region_code, state, credential_hash, last_seq, enroll_failures, enrolled_at, revoked_at, last_seen_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [s.id, s.code, s.name, s.regionCode, s.state, s.credentialHash, s.lastSeq, s.enrollFailures, s.enrolledAt, s.revokedAt, s.lastSeenAt, s.createdAt],
    );
  }
  async stationByCode(code: string): Promise<StationRow | null> {
    const r = await this.one({ name: 's_by_code', text: 'SELECT * FROM stations WHERE code = $1', values: [code] });
    return r ? stationFromRaw(r) : null;
  }
  async stationById(id: string): Promise<StationRow | null> {
    const r = await this.one({ name: 's_by_id', text: 'SELECT * FROM stations WHERE id = $1', values: [id] });
    return r ? stationFromRaw(r) : null;
  }
  async stationByCredentialHash(hash: string): Promise<StationRow | null> {
    const r = await this.one({ name: 's_by_credential', text: 'SELECT * FROM stations WHERE credential_hash = $1', values: [hash] });
    return r ? stationFromRaw(r) : null;
  }
  async listStations(): Promise<StationRow[]> {
    return (await this.rows({ text: 'SELECT * FROM stations ORDER BY code' })).map(stationFromRaw);
  }
  async updateStationProfile(id: string, name: string, regionCode: string): Promise<void> {
    await this.pool.query('UPDATE stations SET name = $1, region_code = $2 WHERE id = $3', [name, regionCode, id]);
  }
  async insertEnrollCode(row: EnrollCodeRow): Promise<void> {
    await this.tx(async (c) => {
      await c.query('INSERT INTO enroll_codes (code_hash, station_id, expires_at, used_at, created_at) VALUES ($1, $2, $3, $4, $5)', [
        row.codeHash,
        row.stationId,
        row.expiresAt,
        row.usedAt,
        row.createdAt,
      ]);
      await c.query('UPDATE stations SET enroll_failures = 0 WHERE id = $1', [row.stationId]);
    });
  }
  async enrollWithCode(stationId: string, codeHash: string, credentialHash: string, at: string, keys?: EnrollKeys): Promise<boolean> {
    return this.tx(async (c) => {
      const used = await c.query('UPDATE enroll_codes SET used_at = $1 WHERE code_hash = $2 AND station_id = $3 AND used_at IS NULL AND expires_at > $1', [at, codeHash, stationId]);
      if (used.rowCount !== 1) return false;
      await c.query(`UPDATE stations SET state = 'active', credential_hash = $1, enrolled_at = $2, revoked_at = NULL, enroll_failures = 0 WHERE id = $3`, [credentialHash, at, stationId]);
      if (keys) {
        // The key being replaced keeps a window of seqs for its bundles; the station's own seqs skip it. The
        // station row is locked since the UPDATE above: no push of the station moves lastSeq in between.
        const retired = await c.query(
          `UPDATE station_keys k SET state = 'retired', retired_at = $2, stream_from = s.last_seq, stream_seq = s.last_seq, stream_to = s.last_seq + $3
           FROM stations s WHERE s.id = k.station_id AND k.station_id = $1 AND k.state = 'active'`,
          [stationId, at, keys.reserve],
        );
        if ((retired.rowCount ?? 0) > 0) await c.query('UPDATE stations SET last_seq = last_seq + $2 WHERE id = $1', [stationId, keys.reserve]);
        if (keys.key) {
          await c.query(`INSERT INTO station_keys (station_id, key_id, public_key, state, created_at) VALUES ($1, $2, $3, 'active', $4)`, [stationId, keys.key.keyId, keys.key.publicKey, at]);
        }
      }
      return true;
    });
  }
  async stationKeys(stationId: string): Promise<StationKeyRow[]> {
    return (await this.rows({ name: 'k_by_station', text: 'SELECT * FROM station_keys WHERE station_id = $1 ORDER BY created_at, key_id', values: [stationId] })).map(stationKeyFromRaw);
  }
  async registerSigningKey(stationId: string, key: NewSigningKey, at: string): Promise<boolean> {
    try {
      const r = await this.pool.query(
        `INSERT INTO station_keys (station_id, key_id, public_key, state, created_at)
         SELECT $1, $2, $3, 'active', $4 WHERE NOT EXISTS (SELECT 1 FROM station_keys WHERE station_id = $1 AND state = 'active')`,
        [stationId, key.keyId, key.publicKey, at],
      );
      return r.rowCount === 1;
    } catch (e) {
      // Two registrations at once: the unique index on the active key lets one in.
      if ((e as { code?: string }).code === '23505') return false;
      throw e;
    }
  }
  async recordEnrollFailure(stationId: string): Promise<number> {
    const r = await this.one({ text: 'UPDATE stations SET enroll_failures = enroll_failures + 1 WHERE id = $1 RETURNING enroll_failures', values: [stationId] });
    return r ? Number(r.enroll_failures) : 0;
  }
  async revokeStation(id: string, at: string): Promise<void> {
    await this.tx(async (c) => {
      await c.query(`UPDATE stations SET state = 'revoked', revoked_at = $1 WHERE id = $2`, [at, id]);
      await c.query('UPDATE enroll_codes SET used_at = $1 WHERE station_id = $2 AND used_at IS NULL', [at, id]);
    });
  }
  async touchStation(id: string, at: string): Promise<void> {
    await this.pool.query({ name: 's_touch', text: 'UPDATE stations SET last_seen_at = $1 WHERE id = $2', values: [at, id] });
  }

  // — push —

  /**
   * Lookups by a batch's keys (`= ANY(array)`), in a read transaction that plans them by index only. Every one
   * has an index; what the planner must not pick is a scan that compares each row against the whole array —
   * which it does on a table too young to have statistics (a new central, a benchmark), costing
   * rows × keys per batch, and keeps doing in a named statement's cached plan once the table has grown.
   */
  private async byIndex<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      // Issued together with fn's queries: one round trip on the pipelined connection.
      // One snapshot for all of it (REPEATABLE READ): the state a batch is decided on is one moment's.
      const [begin, noScan, out, end] = together(client, () => [
        client.query({ name: 'r_begin_rr', text: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' }),
        client.query({ name: 'r_no_seqscan', text: 'SET LOCAL enable_seqscan = off' }),
        fn(client),
        client.query({ name: 'r_commit', text: 'COMMIT' }),
      ]);
      await Promise.all([begin, noScan, out, end]);
      return await out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async loadPushState(q: PushQuery): Promise<PushState> {
    const [seq, bySeq, byId, cases, personsById, personsByNo, blobs, claimsByKey, claimsOfCases] = await this.byIndex((client) =>
      Promise.all([
        client.query({ name: 'p_last_seq', text: 'SELECT last_seq FROM stations WHERE id = $1', values: [q.stationId] }),
        client.query({ name: 'p_ops_by_seq', text: 'SELECT seq, op_id, result, code, message FROM ops WHERE station_id = $1 AND seq = ANY($2::bigint[])', values: [q.stationId, q.seqs] }),
        client.query({ name: 'p_ops_by_id', text: 'SELECT seq, op_id, result, code, message FROM ops WHERE station_id = $1 AND op_id = ANY($2::text[])', values: [q.stationId, q.opIds] }),
        client.query({ name: 'p_cases', text: 'SELECT * FROM cases WHERE id = ANY($1::text[])', values: [q.caseIds] }),
        client.query({ name: 'p_persons_id', text: 'SELECT * FROM persons WHERE id = ANY($1::text[])', values: [q.personIds] }),
        client.query({ name: 'p_persons_no', text: 'SELECT * FROM persons WHERE id_number = ANY($1::text[]) AND NOT removed', values: [q.idNumbers] }),
        client.query({ name: 'p_blobs', text: 'SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', values: [q.sha256s] }),
        client.query({ name: 'p_claims_keys', text: 'SELECT * FROM claims WHERE key = ANY($1::text[])', values: [q.claimKeys ?? []] }),
        client.query({ name: 'p_claims_cases', text: 'SELECT * FROM claims WHERE case_id = ANY($1::text[])', values: [q.caseIds] }),
      ]),
    );
    const persons = new Map<string, PersonRow>();
    for (const r of [...personsById.rows, ...personsByNo.rows] as Raw[]) persons.set(String(r.id), personFromRaw(r));
    return {
      lastSeq: Number((seq.rows[0] as Raw | undefined)?.last_seq ?? 0),
      opsBySeq: new Map((bySeq.rows as Raw[]).map((r) => [Number(r.seq), opSeenFromRaw(r)])),
      opsById: new Map((byId.rows as Raw[]).map((r) => [String(r.op_id), opSeenFromRaw(r)])),
      cases: new Map((cases.rows as Raw[]).map((r) => [String(r.id), caseFromRaw(r)])),
      persons: [...persons.values()],
      blobs: new Set((blobs.rows as Raw[]).map((r) => String(r.sha256))),
      claims: ([...claimsByKey.rows, ...claimsOfCases.rows] as Raw[]).map(claimFromRaw),
    };
  }

  async claimsByKeys(keys: string[]): Promise<ClaimRow[]> {
    if (keys.length === 0) return [];
    const r = await this.byIndex((c) => c.query({ name: 'p_claims_keys', text: 'SELECT * FROM claims WHERE key = ANY($1::text[])', values: [keys] }));
    return (r.rows as Raw[]).map(claimFromRaw);
  }
  async claimsOfCases(caseIds: string[]): Promise<ClaimRow[]> {
    if (caseIds.length === 0) return [];
    const r = await this.byIndex((c) => c.query({ name: 'p_claims_cases', text: 'SELECT * FROM claims WHERE case_id = ANY($1::text[])', values: [caseIds] }));
    return (r.rows as Raw[]).map(claimFromRaw);
  }

  /**
   * One transaction per chunk of ops: central_commit_ops() (postgres/routines.sql) writes a chunk's ops set by set and
   * commits them together — each op with its lastSeq and its change-log rows. A chunk costs one round trip, and
   * chunks go out on one pipelined connection as soon as they are decided, so the server commits while later ops
   * are still being decided. If a guard fails, its chunk rolls back whole and every later chunk fails its lastSeq
   * guard; how far the batch got is read back from lastSeq. A chunk never holds two writes of one case or one
   * person (a set cannot order them): such an op starts the next chunk.
   *
   * Durability: the chunk commits do not wait for their WAL flush; `finish` ends the batch with a synchronous
   * commit (the station's last_seen_at), which flushes the WAL through every commit before it, and resolves only
   * then — so nothing is answered before it is durable, while the disk is synced once per batch instead of once
   * per chunk. Readers that answer stations (pull, snapshot) call ensureDurable() first, so no station ever sees a
   * change that a crash could take back.
   */
  async openCommitBatch(stationId: string, _stream?: string): Promise<CommitBatch> {
    const client = await this.pool.connect();
    const sent: Promise<unknown>[] = [];
    /** How many commits each chunk sent holds. */
    const sizes: number[] = [];
    let chunk: string[] = [];
    let texts: string[] = [];
    let lastAt: string | null = null;
    /** The cases and persons the current chunk writes. */
    const written = new Set<string>();
    const flush = () => {
      written.clear();
      if (chunk.length === 0) return;
      const q = client.query({ name: `c_commit_ops_${texts.length}`, text: SQL.commitOps(texts.length), values: [`[${chunk.join(',')}]`, ...texts] });
      sent.push(q.then(() => null, (e: unknown) => e ?? new Error('commit failed')));
      sizes.push(chunk.length);
      chunk = [];
      texts = [];
    };
    return {
      add: (c) => {
        lastAt = c.op?.receivedAt ?? lastAt;
        const caseId = c.caseWrite?.row.id;
        let again = caseId !== undefined && written.has(caseId);
        for (const p of c.persons) again ||= written.has(`person:${p.id}`);
        // A set cannot write one front-office record twice either (ON CONFLICT DO UPDATE touches a row once).
        for (const f of c.front ?? []) again ||= written.has(`front:${f.kind}:${f.key}`);
        if (again) flush();
        if (caseId !== undefined) written.add(caseId);
        for (const p of c.persons) written.add(`person:${p.id}`);
        for (const f of c.front ?? []) written.add(`front:${f.kind}:${f.key}`);
        chunk.push(commitJson(c, texts));
        if (chunk.length >= COMMIT_CHUNK || texts.length + TEXTS_PER_COMMIT > MAX_TEXTS) flush();
      },
      finish: async () => {
        // The last chunk and the barrier (a synchronous commit after every chunk commit of this batch on this
        // connection, so its WAL flush covers them all) go out in one write. The connection goes back to the pool
        // (idle) when the barrier is done.
        const barrier = together(client, () => {
          flush();
          return durableBarrier(client, stationId, lastAt);
        });
        const durable = barrier.then(
          () => client.release(),
          (e: unknown) => {
            client.release(e instanceof Error ? e : new Error(String(e)));
            throw e;
          },
        );
        durable.catch(() => undefined); // the caller awaits it; never an unhandled rejection meanwhile
        // How far the batch got is what THIS connection's chunks did: each chunk is one transaction that committed
        // (its query succeeded) or rolled back whole (a guard failed; every later chunk then fails its seq guard).
        // Not worked out from lastSeq, which another server process may have moved meanwhile.
        const outcomes = await Promise.all(sent);
        let committed = 0;
        let firstError: unknown = null;
        for (let i = 0; i < outcomes.length; i++) {
          if (outcomes[i] !== null) {
            firstError = outcomes[i];
            break;
          }
          committed += sizes[i]!;
        }
        const failure = firstError === null ? null : guardFailure(firstError);
        if (firstError !== null && failure === null) {
          // A lost connection or a server error: whether that chunk committed is unknown. Nothing is answered;
          // the station sends the batch again and is told what central has (duplicate).
          await durable.catch(() => undefined);
          throw firstError;
        }
        return { committed, failure, durable };
      },
    };
  }

  async frontPage(stationId: string, kind: FrontKind, afterKey: string, limit: number): Promise<FrontRow[]> {
    const rows = await this.rows({
      name: 'f_front_page',
      text: 'SELECT * FROM front_records WHERE station_id = $1 AND kind = $2 AND key > $3 ORDER BY key LIMIT $4',
      values: [stationId, kind, afterKey, limit],
    });
    return rows.map((r) => ({ stationId: String(r.station_id), kind: r.kind as FrontKind, key: String(r.key), version: Number(r.version), body: JSON.parse(String(r.body)) as unknown, updatedAt: String(r.updated_at) }));
  }

  async ensureDurable(stationId: string, at: string): Promise<void> {
    await this.pool.query({ name: 'c_barrier', text: SQL.barrier, values: [stationId, at] });
  }

  // — cases —

  async caseById(id: string): Promise<CaseRow | null> {
    const r = await this.one({ name: 'c_by_id', text: 'SELECT * FROM cases WHERE id = $1', values: [id] });
    return r ? caseFromRaw(r) : null;
  }
  async listCases(f: CaseListFilter): Promise<CaseRow[]> {
    return (
      await this.rows({
        text: `SELECT * FROM cases WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR station_id = $2)
               ORDER BY coalesce(submitted_at, updated_at), id LIMIT $3`,
        values: [f.status ?? null, f.stationId ?? null, f.limit],
      })
    ).map(caseFromRaw);
  }
  async commitCase(commit: CaseCommit): Promise<boolean> {
    try {
      await this.tx(async (c) => {
        await c.query(caseStatement(commit.caseWrite));
        if (commit.releaseClaimsOfCase) await c.query('DELETE FROM claims WHERE case_id = $1', [commit.caseWrite.row.id]);
        await this.runAll(c, changeStatements(commit.changes));
        if (commit.backOffice) await this.backOffice.writeDecisionOn(c, commit.caseWrite.row.id, commit.backOffice);
      });
      return true;
    } catch (e) {
      if (guardFailure(e) === 'case') return false;
      throw e;
    }
  }
  async ownedCasesPage(stationId: string, afterId: string, limit: number): Promise<CaseRow[]> {
    return (
      await this.rows({ text: `SELECT * FROM cases WHERE station_id = $1 AND id > $2 AND status IN ${OWNED} ORDER BY id LIMIT $3`, values: [stationId, afterId, limit] })
    ).map(caseFromRaw);
  }

  // — reference data —

  async refsByKeys(kind: RefKind, scope: string, keys: string[]): Promise<RefRow[]> {
    return (await this.rows({ text: 'SELECT * FROM refs WHERE kind = $1 AND scope = $2 AND key = ANY($3::text[])', values: [kind, scope, keys] })).map(refFromRaw);
  }
  async refsPage(kind: RefKind, scope: string, afterKey: string, limit: number): Promise<RefRow[]> {
    return (
      await this.rows({ name: 'r_page', text: 'SELECT * FROM refs WHERE kind = $1 AND scope = $2 AND key > $3 ORDER BY key LIMIT $4', values: [kind, scope, afterKey, limit] })
    ).map(refFromRaw);
  }
  async publishRefs(rows: RefRow[], changes: NewChange[]): Promise<void> {
    await this.tx(async (c) => {
      for (const r of rows) {
        await c.query(
          `INSERT INTO refs (kind, scope, key, version, hash, body, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (kind, scope, key) DO UPDATE SET version = excluded.version, hash = excluded.hash, body = excluded.body, updated_at = excluded.updated_at`,
          [r.kind, r.scope, r.key, r.version, r.hash, r.body, r.updatedAt],
        );
      }
      await this.runAll(c, changeStatements(changes));
    });
  }
  async rosterByIdNumbers(regionCode: string, idNumbers: string[]): Promise<PersonRow[]> {
    return (
      await this.rows({ text: `SELECT * FROM persons WHERE source = 'roster' AND region_code = $1 AND id_number = ANY($2::text[])`, values: [regionCode, idNumbers] })
    ).map(personFromRaw);
  }
  async rosterPage(regionCode: string, afterId: string, limit: number): Promise<PersonRow[]> {
    return (
      await this.rows({
        text: `SELECT * FROM persons WHERE source = 'roster' AND region_code = $1 AND id > $2 AND NOT removed ORDER BY id LIMIT $3`,
        values: [regionCode, afterId, limit],
      })
    ).map(personFromRaw);
  }
  async publishRoster(rows: PersonRow[], changes: NewChange[]): Promise<void> {
    await this.tx(async (c) => {
      await Promise.all(rows.map((p) => c.query({ name: 'c_upsert_person', text: SQL.upsertPerson, values: personValues(p, same) })));
      await this.runAll(c, changeStatements(changes));
    });
  }

  // — change log —

  async pullChanges(q: PullScope): Promise<ChangeRow[]> {
    const arm = (where: string) => `(SELECT id, kind, at, data FROM changelog WHERE ${where} AND id > $4 AND since <= $5 ORDER BY id LIMIT $3)`;
    return (
      await this.rows({
        name: 'l_pull',
        text: `SELECT * FROM (${arm('station_id = $1')} UNION ALL ${arm('region_code = $2 AND station_id IS NULL')} UNION ALL ${arm('station_id IS NULL AND region_code IS NULL')}) t
               ORDER BY id LIMIT $3`,
        values: [q.stationId, q.regionCode, q.limit, q.after, q.maxSince],
      })
    ).map(changeFromRaw);
  }
  async changeFloor(): Promise<number> {
    const r = await this.one({ name: 'l_floor', text: `SELECT value FROM meta WHERE key = 'changelog_floor'` });
    return r ? Number(r.value) : 0;
  }
  async maxChangeId(): Promise<number> {
    const r = await this.one({ name: 'l_max', text: 'SELECT coalesce(max(id), 0) AS id FROM changelog' });
    return Number(r?.id ?? 0);
  }
  async pruneChanges(keep: number | null, olderThan: string | null): Promise<{ deleted: number; floor: number }> {
    return this.tx(async (c) => {
      const old = Number(((await c.query(`SELECT value FROM meta WHERE key = 'changelog_floor' FOR UPDATE`)).rows[0] as Raw | undefined)?.value ?? 0);
      const max = Number(((await c.query('SELECT coalesce(max(id), 0) AS id FROM changelog')).rows[0] as Raw).id);
      let floor = old;
      if (keep !== null) floor = Math.max(floor, max - keep);
      if (olderThan !== null) floor = Math.max(floor, Number(((await c.query('SELECT coalesce(max(id), 0) AS id FROM changelog WHERE at < $1', [olderThan])).rows[0] as Raw).id));
      const deleted = floor > old ? ((await c.query('DELETE FROM changelog WHERE id <= $1', [floor])).rowCount ?? 0) : 0;
      if (floor !== old) {
        await c.query(`INSERT INTO meta (key, value) VALUES ('changelog_floor', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(floor)]);
      }
      return { deleted, floor };
    });
  }

  // — uploads —

  async insertUpload(u: UploadRow): Promise<void> {
    await this.pool.query('INSERT INTO uploads (id, station_id, sha256, size, mime, upload_offset, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      u.id,
      u.stationId,
      u.sha256,
      u.size,
      u.mime,
      u.offset,
      u.createdAt,
      u.updatedAt,
    ]);
  }
  async uploadById(id: string): Promise<UploadRow | null> {
    const r = await this.one({ name: 'u_by_id', text: 'SELECT * FROM uploads WHERE id = $1', values: [id] });
    return r ? uploadFromRaw(r) : null;
  }
  async openUpload(stationId: string, sha256: string): Promise<UploadRow | null> {
    const r = await this.one({ text: 'SELECT * FROM uploads WHERE station_id = $1 AND sha256 = $2', values: [stationId, sha256] });
    return r ? uploadFromRaw(r) : null;
  }
  async advanceUpload(id: string, from: number, to: number, at: string): Promise<boolean> {
    const r = await this.pool.query({ name: 'u_advance', text: 'UPDATE uploads SET upload_offset = $1, updated_at = $2 WHERE id = $3 AND upload_offset = $4', values: [to, at, id, from] });
    return r.rowCount === 1;
  }
  async deleteUpload(id: string): Promise<void> {
    await this.pool.query('DELETE FROM uploads WHERE id = $1', [id]);
  }
  async blobsPresent(sha256s: string[]): Promise<Set<string>> {
    const rows = await this.rows({ text: 'SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', values: [sha256s] });
    return new Set(rows.map((r) => String(r.sha256)));
  }
  async uploadPresence(stationId: string, sha256: string): Promise<{ blob: boolean; upload: boolean }> {
    const r = await this.one({
      name: 'u_presence',
      text: 'SELECT EXISTS (SELECT 1 FROM blobs WHERE sha256 = $2) AS blob, EXISTS (SELECT 1 FROM uploads WHERE station_id = $1 AND sha256 = $2) AS upload',
      values: [stationId, sha256],
    });
    return { blob: r?.blob === true, upload: r?.upload === true };
  }
  async blobBySha(sha256: string): Promise<BlobRow | null> {
    const r = await this.one({ name: 'b_by_sha', text: 'SELECT * FROM blobs WHERE sha256 = $1', values: [sha256] });
    return r ? blobFromRaw(r) : null;
  }
  async insertBlob(b: BlobRow): Promise<void> {
    await this.pool.query({ name: 'b_insert', text: 'INSERT INTO blobs (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', values: [b.sha256, b.size, b.mime, b.createdAt] });
  }
  async insertBlobs(stationId: string, blobs: BlobRow[]): Promise<string[]> {
    // One statement (one commit): the rows in, the station's open uploads of the same bytes out.
    const rows = await this.rows({
      name: 'b_insert_many',
      text: `WITH ins AS (
               INSERT INTO blobs (sha256, size, mime, created_at)
               SELECT * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[])
               ON CONFLICT (sha256) DO NOTHING)
             DELETE FROM uploads WHERE station_id = $1 AND sha256 = ANY($2::text[]) RETURNING id`,
      values: [stationId, blobs.map((b) => b.sha256), blobs.map((b) => b.size), blobs.map((b) => b.mime), blobs.map((b) => b.createdAt)],
    });
    return rows.map((r) => String(r.id));
  }
  async completeUpload(uploadId: string, b: BlobRow): Promise<void> {
    await this.tx(async (c) => {
      await c.query('INSERT INTO blobs (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [b.sha256, b.size, b.mime, b.createdAt]);
      await c.query('DELETE FROM uploads WHERE id = $1', [uploadId]);
    });
  }

  // — station audit logs —

  async auditHead(stationId: string): Promise<AuditHeadRow | null> {
    const r = await this.one({ name: 'a_head', text: 'SELECT * FROM station_audit WHERE station_id = $1', values: [stationId] });
    return r ? auditHeadFromRaw(r) : null;
  }
  async saveAuditHead(row: AuditHeadRow, expect: { seq: number; hash: string } | null, events: AuditEventRow[]): Promise<boolean> {
    return this.tx(async (c) => {
      const v = [row.seq, row.hash, row.reportedAt, row.flaggedAt, row.flagReason];
      const r = expect
        ? await c.query('UPDATE station_audit SET seq = $1, hash = $2, reported_at = $3, flagged_at = $4, flag_reason = $5 WHERE station_id = $6 AND seq = $7 AND hash = $8', [
            ...v,
            row.stationId,
            expect.seq,
            expect.hash,
          ])
        : await c.query('INSERT INTO station_audit (station_id, seq, hash, reported_at, flagged_at, flag_reason) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (station_id) DO NOTHING', [row.stationId, ...v]);
      if (r.rowCount !== 1) return false;
      for (const e of events) {
        await c.query('INSERT INTO station_audit_events (station_id, at, kind, detail) VALUES ($1, $2, $3, $4)', [e.stationId, e.at, e.kind, JSON.stringify(e.detail)]);
      }
      return true;
    });
  }
  async auditEvents(stationId: string): Promise<AuditEventRow[]> {
    const rows = await this.rows({ text: 'SELECT * FROM station_audit_events WHERE station_id = $1 ORDER BY id', values: [stationId] });
    return rows.map(auditEventFromRaw);
  }
}
