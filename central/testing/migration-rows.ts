import { expect } from 'vitest';
import type { OpCommit, Store } from '../store/types';
import type { RawDb } from './backends';

/**
 * Representative rows for the tests of central's migrations: one of each table of the version-1 schema, written
 * with plain SQL (as an older server left them), and the checks that a later schema still holds them and that
 * the server's Store reads them and writes on top of them.
 */

export const OLD = {
  stationId: '01900000-0000-7000-8000-000000000001',
  caseId: '01900000-0000-7000-8000-0000000000c1',
  personId: '01900000-0000-7000-8000-0000000000a1',
  at: '2026-05-20T09:00:00.000+08:00',
} as const;

const SHA = 'ab'.repeat(32);

/** Every table of schema 1, one or two rows each; the station has pushed two ops, the second submitted a case. */
export async function writeOldRows(db: RawDb): Promise<void> {
  const { stationId, caseId, personId, at } = OLD;
  const run = (sql: string, params: unknown[]) => db.all(sql, params);
  await run('INSERT INTO meta (key, value) VALUES (?, ?)', ['central.id', 'old-central']);
  await run(
    `INSERT INTO stations (id, code, name, region_code, state, credential_hash, last_seq, enroll_failures, enrolled_at, created_at)
     VALUES (?, 'TOWN01', '某镇便民服务中心', '371002', 'active', 'cred-hash', 2, 0, ?, ?)`,
    [stationId, at, at],
  );
  await run('INSERT INTO enroll_codes (code_hash, station_id, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?)', ['code-hash', stationId, at, at, at]);
  for (const [seq, kind] of [
    [1, 'person.registered'],
    [2, 'case.created'],
  ] as const) {
    await run(
      `INSERT INTO ops (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
       VALUES (?, ?, ?, ?, ?, NULL, 'applied', NULL, NULL, ?, ?, ?)`,
      [stationId, seq, `op-${seq}`, kind, seq === 2 ? caseId : null, JSON.stringify({ seq }), at, at],
    );
  }
  await run(
    `INSERT INTO persons (id, id_number, name, region_code, source, station_id, body, hash, version, removed, updated_at)
     VALUES (?, '371002198001010011', '张三', '371002', 'window', ?, '{}', 'h1', 1, ?, ?), (?, '371002198001010029', '李四', '371002', 'roster', NULL, '{}', 'h2', 1, ?, ?)`,
    [personId, stationId, false, at, 'roster-person-1', false, at],
  );
  await run(
    `INSERT INTO cases (id, station_id, station_code, case_no, item_code, family, region_code, person_id, person_id_number, person_name,
       status, materials_pending, station_version, central_version, submitted_at, decided_at, decided_by, note, reason, payout_fen,
       attachments, snapshot, updated_at)
     VALUES (?, ?, 'TOWN01', 'TOWN01-20260520-0001', 'inpatient_reimbursement', 'reimbursement', '371002', ?, '371002198001010011', '张三',
       'submitted', ?, 2, 1, ?, NULL, NULL, NULL, NULL, NULL, '[]', ?, ?)`,
    [caseId, stationId, personId, true, at, JSON.stringify({ id: caseId, version: 2 }), at],
  );
  await run('INSERT INTO claims (key, kind, case_id, case_no, station_id, station_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    'invoice:FP0001',
    'invoice',
    caseId,
    'TOWN01-20260520-0001',
    stationId,
    'TOWN01',
    at,
  ]);
  for (const seq of [1, 2]) {
    await run('INSERT INTO changelog (kind, station_id, region_code, at, since, data) VALUES (?, ?, NULL, ?, 0, ?)', ['op.result', stationId, at, JSON.stringify({ seq })]);
  }
  await run('INSERT INTO refs (kind, scope, key, version, hash, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', ['calendar', '', '2026', 1, 'h', '{}', at]);
  await run('INSERT INTO uploads (id, station_id, sha256, size, mime, upload_offset, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    'upload-1',
    stationId,
    SHA,
    1000,
    'image/png',
    500,
    at,
    at,
  ]);
  await run('INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)', ['cd'.repeat(32), 10, 'image/png', at]);
}

const TABLES = ['meta', 'stations', 'enroll_codes', 'ops', 'persons', 'cases', 'claims', 'changelog', 'refs', 'uploads', 'blobs'] as const;

/** Rows per table, as writeOldRows leaves them. */
export const OLD_COUNTS: Record<(typeof TABLES)[number], number> = {
  meta: 1,
  stations: 1,
  enroll_codes: 1,
  ops: 2,
  persons: 2,
  cases: 1,
  claims: 1,
  changelog: 2,
  refs: 1,
  uploads: 1,
  blobs: 1,
};

export async function rowCounts(db: RawDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.all<{ n: unknown }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return out;
}

/** The old rows are all there, unchanged where it matters. */
export async function expectOldRows(db: RawDb): Promise<void> {
  expect(await rowCounts(db)).toEqual(OLD_COUNTS);
  const st = await db.all<{ last_seq: unknown; state: string }>('SELECT last_seq, state FROM stations WHERE id = ?', [OLD.stationId]);
  expect(st.map((r) => [Number(r.last_seq), r.state])).toEqual([[2, 'active']]);
  const c = await db.all<{ status: string; materials_pending: unknown; snapshot: string }>('SELECT status, materials_pending, snapshot FROM cases WHERE id = ?', [OLD.caseId]);
  expect(c.map((r) => [r.status, r.materials_pending === true || r.materials_pending === 1, JSON.parse(r.snapshot)])).toEqual([['submitted', true, { id: OLD.caseId, version: 2 }]]);
}

/**
 * The server's Store over the migrated database reads the old rows and commits the station's next op on top of
 * them: a case update guarded by the versions written before, a change after the old ones.
 */
export async function expectStoreCarriesOn(store: Store): Promise<void> {
  const { stationId, caseId, at } = OLD;
  expect((await store.stationById(stationId))?.lastSeq).toBe(2);
  const before = await store.caseById(caseId);
  expect(before).toMatchObject({ status: 'submitted', materialsPending: true, stationVersion: 2, centralVersion: 1 });
  const commit: OpCommit = {
    stationId,
    seq: 3,
    op: {
      stationId,
      seq: 3,
      opId: 'op-3',
      kind: 'case.resubmit',
      caseId,
      baseVersion: 2,
      result: 'applied',
      code: null,
      message: null,
      payload: { seq: 3 },
      createdAt: at,
      receivedAt: at,
    },
    caseWrite: { row: { ...before!, stationVersion: 3, materialsPending: false, updatedAt: at }, expectCentralVersion: 1, expectStationVersion: 2 },
    persons: [],
    claims: [],
    releaseClaims: [],
    changes: [{ kind: 'op.result', stationId, regionCode: null, at, since: 0, data: { seq: 3 } }],
  };
  const batch = await store.openCommitBatch(stationId);
  batch.add(commit);
  const { durable, ...outcome } = await batch.finish();
  await durable;
  expect(outcome).toEqual({ committed: 1, failure: null });
  expect((await store.stationById(stationId))?.lastSeq).toBe(3);
  expect(await store.caseById(caseId)).toMatchObject({ stationVersion: 3, centralVersion: 1, materialsPending: false });
  const changes = await store.pullChanges({ stationId, regionCode: '371002', after: 0, limit: 10, maxSince: 99 });
  expect(changes.map((c) => JSON.parse(c.data))).toEqual([{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
  expect(changes[2]!.id).toBeGreaterThan(changes[1]!.id);
}
