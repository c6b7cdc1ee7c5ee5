import type { Migration } from './migrations-sqlite';

/**
 * Numbered migrations of the PostgreSQL store, the same schema as migrations-sqlite.ts in PostgreSQL types.
 * Applied in one transaction under an advisory lock; versions are recorded in `schema_migrations`. A database
 * from a newer server is refused.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE stations (
  id               TEXT PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  region_code      TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending','active','revoked')),
  credential_hash  TEXT UNIQUE,
  last_seq         BIGINT NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  enroll_failures  INTEGER NOT NULL DEFAULT 0,
  enrolled_at      TEXT,
  revoked_at       TEXT,
  last_seen_at     TEXT,
  created_at       TEXT NOT NULL
);

CREATE TABLE enroll_codes (
  code_hash   TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES stations(id),
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX enroll_codes_station ON enroll_codes(station_id);

-- (No foreign key to stations on ops and cases: stations are never deleted, and the check costs every push.)
CREATE TABLE ops (
  station_id    TEXT NOT NULL,
  seq           BIGINT NOT NULL,
  op_id         TEXT NOT NULL,
  kind          TEXT NOT NULL,
  case_id       TEXT,
  base_version  INTEGER,
  result        TEXT NOT NULL CHECK (result IN ('applied','rejected')),
  code          TEXT,
  message       TEXT,
  payload       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  received_at   TEXT NOT NULL,
  PRIMARY KEY (station_id, seq),
  CONSTRAINT ops_op_id_key UNIQUE (op_id)
);

CREATE TABLE cases (
  id                 TEXT PRIMARY KEY,
  station_id         TEXT NOT NULL,
  station_code       TEXT NOT NULL,
  case_no            TEXT NOT NULL,
  item_code          TEXT NOT NULL,
  family             TEXT NOT NULL,
  region_code        TEXT NOT NULL,
  person_id          TEXT NOT NULL,
  person_id_number   TEXT,
  person_name        TEXT,
  status             TEXT NOT NULL CHECK (status IN ('draft','withdrawn','submitted','approved','returned','rejected','completed')),
  materials_pending  BOOLEAN NOT NULL,
  station_version    INTEGER NOT NULL,
  central_version    INTEGER NOT NULL,
  submitted_at       TEXT,
  decided_at         TEXT,
  decided_by         TEXT,
  note               TEXT,
  reason             TEXT,
  payout_fen         BIGINT,
  attachments        TEXT NOT NULL,
  snapshot           TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX cases_status ON cases(status, submitted_at, id);
CREATE INDEX cases_station ON cases(station_id, id);

CREATE TABLE persons (
  id           TEXT PRIMARY KEY,
  id_number    TEXT NOT NULL,
  name         TEXT NOT NULL,
  region_code  TEXT,
  source       TEXT NOT NULL CHECK (source IN ('roster','window')),
  station_id   TEXT,
  body         TEXT NOT NULL,
  hash         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  removed      BOOLEAN NOT NULL DEFAULT false,
  updated_at   TEXT NOT NULL
);
CREATE INDEX persons_id_number ON persons(id_number);
CREATE UNIQUE INDEX persons_roster ON persons(region_code, id_number) WHERE source = 'roster';
CREATE INDEX persons_roster_page ON persons(region_code, id) WHERE source = 'roster';

CREATE TABLE claims (
  key           TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('invoice','enrollment')),
  case_id       TEXT NOT NULL,
  case_no       TEXT NOT NULL,
  station_id    TEXT NOT NULL,
  station_code  TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX claims_case ON claims(case_id);

CREATE TABLE changelog (
  id           BIGSERIAL PRIMARY KEY,
  kind         TEXT NOT NULL,
  station_id   TEXT,
  region_code  TEXT,
  at           TEXT NOT NULL,
  since        INTEGER NOT NULL DEFAULT 0,
  data         TEXT NOT NULL
);
CREATE INDEX changelog_station ON changelog(station_id, id) WHERE station_id IS NOT NULL;
CREATE INDEX changelog_region ON changelog(region_code, id) WHERE region_code IS NOT NULL;
CREATE INDEX changelog_global ON changelog(id) WHERE station_id IS NULL AND region_code IS NULL;
-- Only pruning by age reads it; "at" grows with "id", so a BRIN index is enough and costs appends almost nothing.
CREATE INDEX changelog_at ON changelog USING brin (at);

CREATE TABLE refs (
  kind        TEXT NOT NULL CHECK (kind IN ('catalog','policy','calendar')),
  scope       TEXT NOT NULL,
  key         TEXT NOT NULL,
  version     INTEGER NOT NULL,
  hash        TEXT NOT NULL,
  body        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (kind, scope, key)
);

CREATE TABLE uploads (
  id             TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL REFERENCES stations(id),
  sha256         TEXT NOT NULL,
  size           BIGINT NOT NULL,
  mime           TEXT NOT NULL,
  upload_offset  BIGINT NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (station_id, sha256)
);

CREATE TABLE blobs (
  sha256      TEXT PRIMARY KEY,
  size        BIGINT NOT NULL,
  mime        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

-- Aborts the transaction unless exactly one row was touched: the guards of the per-op transactions.
CREATE FUNCTION central_expect_one(n BIGINT, what TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF n <> 1 THEN
    RAISE EXCEPTION 'central guard failed: %', what USING ERRCODE = 'P0001', HINT = what;
  END IF;
END
$$;

-- Every change-log append takes this lock just before it and holds it to commit, so change ids are handed out
-- in commit order (a station that pulled up to id n can never later miss a change below n).
CREATE FUNCTION central_append_changes(changes JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_array_length(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(727001);
  INSERT INTO changelog (kind, station_id, region_code, at, since, data)
    SELECT r.kind, r.station_id, r.region_code, r.at, r.since, r.data FROM jsonb_populate_recordset(NULL::changelog, changes) r;
END
$$;

-- Pushed ops, each in ONE transaction of its own (COMMIT after each): the station's lastSeq (must move from
-- seq - 1), the op record, persons, the case (guarded by the versions it was decided on), claims, and the
-- change-log rows. Many ops per call: one round trip. Stops at the first op that fails (its transaction rolls
-- back, the error reaches the caller, which learns how far it got from lastSeq — every committed op moved it by
-- exactly one). Keys of the JSON are column names. The per-op commits do not wait for their WAL flush
-- (synchronous_commit off for each); the caller commits synchronously after the batch and answers only then.
CREATE PROCEDURE central_commit_ops(commits JSONB) LANGUAGE plpgsql AS $$
DECLARE
  c JSONB;
  n BIGINT;
BEGIN
  FOR c IN SELECT value FROM jsonb_array_elements(commits) LOOP
    PERFORM set_config('synchronous_commit', 'off', true);
    UPDATE stations SET last_seq = (c->>'seq')::BIGINT WHERE id = c->>'station_id' AND last_seq = (c->>'seq')::BIGINT - 1;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
      RAISE EXCEPTION 'central guard failed: seq' USING ERRCODE = 'P0001', HINT = 'seq';
    END IF;
    IF jsonb_typeof(c->'op') = 'object' THEN
      INSERT INTO ops SELECT * FROM jsonb_populate_record(NULL::ops, c->'op');
    END IF;
    IF jsonb_array_length(c->'persons') > 0 THEN
      INSERT INTO persons SELECT * FROM jsonb_populate_recordset(NULL::persons, c->'persons')
        ON CONFLICT (id) DO UPDATE SET id_number = excluded.id_number, name = excluded.name, region_code = excluded.region_code,
          source = excluded.source, station_id = excluded.station_id, body = excluded.body, hash = excluded.hash,
          version = excluded.version, removed = excluded.removed, updated_at = excluded.updated_at;
    END IF;
    IF jsonb_typeof(c->'case') = 'object' THEN
      IF c->>'expect_central_version' IS NULL THEN
        INSERT INTO cases SELECT * FROM jsonb_populate_record(NULL::cases, c->'case');
      ELSE
        UPDATE cases t SET
          station_id = r.station_id, station_code = r.station_code, case_no = r.case_no, item_code = r.item_code,
          family = r.family, region_code = r.region_code, person_id = r.person_id, person_id_number = r.person_id_number,
          person_name = r.person_name, status = r.status, materials_pending = r.materials_pending,
          station_version = r.station_version, central_version = r.central_version, submitted_at = r.submitted_at,
          decided_at = r.decided_at, decided_by = r.decided_by, note = r.note, reason = r.reason, payout_fen = r.payout_fen,
          attachments = r.attachments, snapshot = r.snapshot, updated_at = r.updated_at
        FROM jsonb_populate_record(NULL::cases, c->'case') r
        -- The key as a value, not r.id: the planner then reaches the row by the primary key, never by a scan.
        WHERE t.id = c->'case'->>'id' AND t.central_version = (c->>'expect_central_version')::INTEGER
          AND t.station_version = (c->>'expect_station_version')::INTEGER;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN
          RAISE EXCEPTION 'central guard failed: case' USING ERRCODE = 'P0001', HINT = 'case';
        END IF;
      END IF;
      IF jsonb_array_length(c->'release_claims') > 0 THEN
        DELETE FROM claims WHERE case_id = c->'case'->>'id' AND key IN (SELECT jsonb_array_elements_text(c->'release_claims'));
      END IF;
    END IF;
    IF jsonb_array_length(c->'claims') > 0 THEN
      INSERT INTO claims SELECT * FROM jsonb_populate_recordset(NULL::claims, c->'claims');
    END IF;
    IF jsonb_array_length(c->'changes') > 0 THEN
      -- The change-log lock (see central_append_changes), held to this op's COMMIT.
      PERFORM pg_advisory_xact_lock(727001);
      INSERT INTO changelog (kind, station_id, region_code, at, since, data)
        SELECT r.kind, r.station_id, r.region_code, r.at, r.since, r.data FROM jsonb_populate_recordset(NULL::changelog, c->'changes') r;
    END IF;
    COMMIT;
  END LOOP;
END
$$;
`,
  },
  {
    version: 2,
    name: 'commit-ops-texts',
    sql: /* sql */ `
-- central_commit_ops() as in migration 1, but the large JSON bodies — each op's payload and each case's
-- snapshot — no longer travel inside the JSONB argument: they come as plain text parameters after it
-- (VARIADIC texts), named by index (op.payload_ix, case.snapshot_ix, 1-based). Parsing them into JSONB only to
-- store them as text again cost PostgreSQL about a third of its time per op.
DROP PROCEDURE central_commit_ops(JSONB);
CREATE PROCEDURE central_commit_ops(commits JSONB, VARIADIC texts TEXT[]) LANGUAGE plpgsql AS $$
DECLARE
  c JSONB;
  n BIGINT;
BEGIN
  FOR c IN SELECT value FROM jsonb_array_elements(commits) LOOP
    PERFORM set_config('synchronous_commit', 'off', true);
    UPDATE stations SET last_seq = (c->>'seq')::BIGINT WHERE id = c->>'station_id' AND last_seq = (c->>'seq')::BIGINT - 1;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
      RAISE EXCEPTION 'central guard failed: seq' USING ERRCODE = 'P0001', HINT = 'seq';
    END IF;
    IF jsonb_typeof(c->'op') = 'object' THEN
      INSERT INTO ops (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
        SELECT r.station_id, r.seq, r.op_id, r.kind, r.case_id, r.base_version, r.result, r.code, r.message,
          texts[(c->'op'->>'payload_ix')::INTEGER], r.created_at, r.received_at
        FROM jsonb_populate_record(NULL::ops, c->'op') r;
    END IF;
    IF jsonb_array_length(c->'persons') > 0 THEN
      INSERT INTO persons SELECT * FROM jsonb_populate_recordset(NULL::persons, c->'persons')
        ON CONFLICT (id) DO UPDATE SET id_number = excluded.id_number, name = excluded.name, region_code = excluded.region_code,
          source = excluded.source, station_id = excluded.station_id, body = excluded.body, hash = excluded.hash,
          version = excluded.version, removed = excluded.removed, updated_at = excluded.updated_at;
    END IF;
    IF jsonb_typeof(c->'case') = 'object' THEN
      IF c->>'expect_central_version' IS NULL THEN
        INSERT INTO cases (id, station_id, station_code, case_no, item_code, family, region_code, person_id, person_id_number,
            person_name, status, materials_pending, station_version, central_version, submitted_at, decided_at, decided_by, note,
            reason, payout_fen, attachments, snapshot, updated_at)
          SELECT r.id, r.station_id, r.station_code, r.case_no, r.item_code, r.family, r.region_code, r.person_id, r.person_id_number,
            r.person_name, r.status, r.materials_pending, r.station_version, r.central_version, r.submitted_at, r.decided_at,
            r.decided_by, r.note, r.reason, r.payout_fen, r.attachments, texts[(c->'case'->>'snapshot_ix')::INTEGER], r.updated_at
          FROM jsonb_populate_record(NULL::cases, c->'case') r;
      ELSE
        UPDATE cases t SET
          station_id = r.station_id, station_code = r.station_code, case_no = r.case_no, item_code = r.item_code,
          family = r.family, region_code = r.region_code, person_id = r.person_id, person_id_number = r.person_id_number,
          person_name = r.person_name, status = r.status, materials_pending = r.materials_pending,
          station_version = r.station_version, central_version = r.central_version, submitted_at = r.submitted_at,
          decided_at = r.decided_at, decided_by = r.decided_by, note = r.note, reason = r.reason, payout_fen = r.payout_fen,
          attachments = r.attachments, snapshot = texts[(c->'case'->>'snapshot_ix')::INTEGER], updated_at = r.updated_at
        FROM jsonb_populate_record(NULL::cases, c->'case') r
        -- The key as a value, not r.id: the planner then reaches the row by the primary key, never by a scan.
        WHERE t.id = c->'case'->>'id' AND t.central_version = (c->>'expect_central_version')::INTEGER
          AND t.station_version = (c->>'expect_station_version')::INTEGER;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN
          RAISE EXCEPTION 'central guard failed: case' USING ERRCODE = 'P0001', HINT = 'case';
        END IF;
      END IF;
      IF jsonb_array_length(c->'release_claims') > 0 THEN
        DELETE FROM claims WHERE case_id = c->'case'->>'id' AND key IN (SELECT jsonb_array_elements_text(c->'release_claims'));
      END IF;
    END IF;
    IF jsonb_array_length(c->'claims') > 0 THEN
      INSERT INTO claims SELECT * FROM jsonb_populate_recordset(NULL::claims, c->'claims');
    END IF;
    IF jsonb_array_length(c->'changes') > 0 THEN
      -- The change-log lock (see central_append_changes), held to this op's COMMIT.
      PERFORM pg_advisory_xact_lock(727001);
      INSERT INTO changelog (kind, station_id, region_code, at, since, data)
        SELECT r.kind, r.station_id, r.region_code, r.at, r.since, r.data FROM jsonb_populate_recordset(NULL::changelog, c->'changes') r;
    END IF;
    COMMIT;
  END LOOP;
END
$$;
`,
  },
  {
    version: 3,
    name: 'commit-chunk-sets',
    sql: /* sql */ `
-- central_commit_ops() as in migration 2, but a call is now ONE transaction written set by set, instead of one
-- transaction per op written row by row. Each op is still atomic with its lastSeq and its change-log rows — they
-- are in the same transaction — and a failed guard rolls the whole call back (the caller reads lastSeq, finds
-- none of the call's ops applied, and decides them again on fresh state). Per op, the row-by-row version paid a
-- COMMIT and seven statements' executor start-up; that was about half of PostgreSQL's time per pushed op.
-- The caller never puts two writes of one case or one person in the same call (a set cannot order them).
-- Case updates and claim releases stay row by row: they are rare, and each then reaches its row by the key.
CREATE OR REPLACE PROCEDURE central_commit_ops(commits JSONB, VARIADIC texts TEXT[]) LANGUAGE plpgsql AS $$
DECLARE
  c JSONB;
  n BIGINT;
  first_seq CONSTANT BIGINT := (commits->0->>'seq')::BIGINT;
  final_seq CONSTANT BIGINT := (commits->-1->>'seq')::BIGINT;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  -- The ops continue the station's lastSeq, without a gap.
  UPDATE stations SET last_seq = final_seq
    WHERE id = commits->0->>'station_id' AND last_seq = first_seq - 1 AND final_seq - first_seq + 1 = jsonb_array_length(commits);
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> 1 THEN
    RAISE EXCEPTION 'central guard failed: seq' USING ERRCODE = 'P0001', HINT = 'seq';
  END IF;
  INSERT INTO ops (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
    SELECT r.station_id, r.seq, r.op_id, r.kind, r.case_id, r.base_version, r.result, r.code, r.message,
      texts[(a.c->'op'->>'payload_ix')::INTEGER], r.created_at, r.received_at
    FROM (SELECT value AS c FROM jsonb_array_elements(commits) WHERE jsonb_typeof(value->'op') = 'object') a,
      jsonb_populate_record(NULL::ops, a.c->'op') r;
  INSERT INTO persons SELECT p.* FROM jsonb_array_elements(commits) a(c), jsonb_populate_recordset(NULL::persons, a.c->'persons') p
    ON CONFLICT (id) DO UPDATE SET id_number = excluded.id_number, name = excluded.name, region_code = excluded.region_code,
      source = excluded.source, station_id = excluded.station_id, body = excluded.body, hash = excluded.hash,
      version = excluded.version, removed = excluded.removed, updated_at = excluded.updated_at;
  INSERT INTO cases (id, station_id, station_code, case_no, item_code, family, region_code, person_id, person_id_number,
      person_name, status, materials_pending, station_version, central_version, submitted_at, decided_at, decided_by, note,
      reason, payout_fen, attachments, snapshot, updated_at)
    SELECT r.id, r.station_id, r.station_code, r.case_no, r.item_code, r.family, r.region_code, r.person_id, r.person_id_number,
      r.person_name, r.status, r.materials_pending, r.station_version, r.central_version, r.submitted_at, r.decided_at,
      r.decided_by, r.note, r.reason, r.payout_fen, r.attachments, texts[(a.c->'case'->>'snapshot_ix')::INTEGER], r.updated_at
    FROM (SELECT value AS c FROM jsonb_array_elements(commits)
          WHERE jsonb_typeof(value->'case') = 'object' AND value->>'expect_central_version' IS NULL) a,
      jsonb_populate_record(NULL::cases, a.c->'case') r;
  FOR c IN SELECT value FROM jsonb_array_elements(commits)
      WHERE jsonb_typeof(value->'case') = 'object' AND (value->>'expect_central_version' IS NOT NULL OR jsonb_array_length(value->'release_claims') > 0) LOOP
    IF c->>'expect_central_version' IS NOT NULL THEN
      UPDATE cases t SET
        station_id = r.station_id, station_code = r.station_code, case_no = r.case_no, item_code = r.item_code,
        family = r.family, region_code = r.region_code, person_id = r.person_id, person_id_number = r.person_id_number,
        person_name = r.person_name, status = r.status, materials_pending = r.materials_pending,
        station_version = r.station_version, central_version = r.central_version, submitted_at = r.submitted_at,
        decided_at = r.decided_at, decided_by = r.decided_by, note = r.note, reason = r.reason, payout_fen = r.payout_fen,
        attachments = r.attachments, snapshot = texts[(c->'case'->>'snapshot_ix')::INTEGER], updated_at = r.updated_at
      FROM jsonb_populate_record(NULL::cases, c->'case') r
      WHERE t.id = c->'case'->>'id' AND t.central_version = (c->>'expect_central_version')::INTEGER
        AND t.station_version = (c->>'expect_station_version')::INTEGER;
      GET DIAGNOSTICS n = ROW_COUNT;
      IF n <> 1 THEN
        RAISE EXCEPTION 'central guard failed: case' USING ERRCODE = 'P0001', HINT = 'case';
      END IF;
    END IF;
    IF jsonb_array_length(c->'release_claims') > 0 THEN
      DELETE FROM claims WHERE case_id = c->'case'->>'id' AND key IN (SELECT jsonb_array_elements_text(c->'release_claims'));
    END IF;
  END LOOP;
  INSERT INTO claims SELECT k.* FROM jsonb_array_elements(commits) a(c), jsonb_populate_recordset(NULL::claims, a.c->'claims') k;
  -- The change-log lock (see central_append_changes), taken last and held to this call's commit. The rows get
  -- their ids in op order, and in each op's own order.
  PERFORM pg_advisory_xact_lock(727001);
  INSERT INTO changelog (kind, station_id, region_code, at, since, data)
    SELECT r.kind, r.station_id, r.region_code, r.at, r.since, r.data
    FROM jsonb_array_elements(commits) WITH ORDINALITY a(c, i), jsonb_array_elements(a.c->'changes') WITH ORDINALITY x(ch, j),
      jsonb_populate_record(NULL::changelog, x.ch) r
    ORDER BY a.i, x.j;
END
$$;
`,
  },
];
