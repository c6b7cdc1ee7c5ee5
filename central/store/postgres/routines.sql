-- The stored routines of central's PostgreSQL store: the ONLY copy of them.
--
-- Installed by a repeatable migration (central/store/migrate-postgres.ts): after the numbered migrations, in
-- the same transaction and under the same lock, when the sha256 of this file differs from the one recorded in
-- `schema_routines`, the whole file runs again. So every statement here must be safe to run again on a database
-- that has an older version of it: CREATE OR REPLACE, and a routine whose signature changes is dropped by a
-- numbered migration first (CREATE OR REPLACE cannot change argument types, names or the return type).
-- Routines may rely on the schema of the latest numbered migration.

-- Aborts the transaction unless exactly one row was touched: the guards of the per-op transactions.
CREATE OR REPLACE FUNCTION central_expect_one(n BIGINT, what TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF n <> 1 THEN
    RAISE EXCEPTION 'central guard failed: %', what USING ERRCODE = 'P0001', HINT = what;
  END IF;
END
$$;

-- Every change-log append takes this lock just before it and holds it to commit, so change ids are handed out
-- in commit order (a station that pulled up to id n can never later miss a change below n).
CREATE OR REPLACE FUNCTION central_append_changes(changes JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_array_length(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(727001);
  INSERT INTO changelog (kind, station_id, region_code, at, since, data)
    SELECT r.kind, r.station_id, r.region_code, r.at, r.since, r.data FROM jsonb_populate_recordset(NULL::changelog, changes) r;
END
$$;

-- Pushed ops, written by ONE call in ONE transaction, set by set (not op by op, row by row). Each op is atomic
-- with its lastSeq and its change-log rows — they are in the same transaction — and a failed guard rolls the
-- whole call back (the caller reads lastSeq, finds none of the call's ops applied, and decides them again on
-- fresh state). Per op, a row-by-row version paid a COMMIT and seven statements' executor start-up; that was
-- about half of PostgreSQL's time per pushed op. The caller never puts two writes of one case or one person in
-- the same call (a set cannot order them). Case updates and claim releases stay row by row: they are rare, and
-- each then reaches its row by the key.
-- Keys of the JSON are column names. The large JSON bodies — each op's payload and each case's snapshot — do not
-- travel inside the JSONB argument: they come as plain text parameters after it (VARIADIC texts), named by index
-- (op.payload_ix, case.snapshot_ix, 1-based); parsing them into JSONB only to store them as text again cost
-- PostgreSQL about a third of its time per op. A payload that carries its case's snapshot is not sent whole: the
-- snapshot's text is sent once (op.payload_rest, below).
CREATE OR REPLACE PROCEDURE central_commit_ops(commits JSONB, VARIADIC texts TEXT[]) LANGUAGE plpgsql AS $$
DECLARE
  c JSONB;
  n BIGINT;
  first_seq CONSTANT BIGINT := (commits->0->>'seq')::BIGINT;
  final_seq CONSTANT BIGINT := (commits->-1->>'seq')::BIGINT;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  -- The ops continue the station's lastSeq, without a gap — or, for the ops of a bundle signed with a retired key
  -- (stream_key), that key's own seq line, never past the end of its window.
  IF commits->0->>'stream_key' IS NULL THEN
    UPDATE stations SET last_seq = final_seq
      WHERE id = commits->0->>'station_id' AND last_seq = first_seq - 1 AND final_seq - first_seq + 1 = jsonb_array_length(commits);
  ELSE
    UPDATE station_keys SET stream_seq = final_seq
      WHERE station_id = commits->0->>'station_id' AND key_id = commits->0->>'stream_key' AND state = 'retired'
        AND stream_seq = first_seq - 1 AND final_seq <= stream_to AND final_seq - first_seq + 1 = jsonb_array_length(commits);
  END IF;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> 1 THEN
    RAISE EXCEPTION 'central guard failed: seq' USING ERRCODE = 'P0001', HINT = 'seq';
  END IF;
  -- An op whose payload carries the case's snapshot sends the rest of it (payload_rest, a JSON object's text): the
  -- payload stored is `{"case":<snapshot>,` + that rest after its `{` (`{"case":<snapshot>}` when the rest is `{}`).
  INSERT INTO ops (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
    SELECT r.station_id, r.seq, r.op_id, r.kind, r.case_id, r.base_version, r.result, r.code, r.message,
      CASE WHEN a.c->'op' ? 'payload_rest' THEN
        '{"case":' || texts[(a.c->'case'->>'snapshot_ix')::INTEGER]
          || CASE WHEN a.c->'op'->>'payload_rest' = '{}' THEN '}' ELSE ',' || substr(a.c->'op'->>'payload_rest', 2) END
      ELSE texts[(a.c->'op'->>'payload_ix')::INTEGER] END,
      r.created_at, r.received_at
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
  -- The front office (issue 15): each record at its highest version (the caller never puts one record twice in a call).
  INSERT INTO front_records (station_id, kind, key, version, body, updated_at)
    SELECT f.station_id, f.kind, f.key, f.version, f.body, f.updated_at
    FROM jsonb_array_elements(commits) a(c), jsonb_populate_recordset(NULL::front_records, COALESCE(a.c->'front', '[]'::jsonb)) f
    ON CONFLICT (station_id, kind, key) DO UPDATE SET version = excluded.version, body = excluded.body, updated_at = excluded.updated_at
      WHERE excluded.version > front_records.version;
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
