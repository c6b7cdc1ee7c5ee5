/**
 * 0006 — the case statuses and sync states nothing ever entered are gone, and the sync engine's key/value table
 * is `sync_meta` (it was `sync_state`, the name of a column of `cases`).
 *
 * - Case status `queued` (待上传) and the sync states `local` and `uploading` were declared but never set: a
 *   case waits for upload as `accepted` with sync state `pending`. Any row that holds one (none should) is
 *   moved to what the program means by it, then the CHECK constraints are narrowed by rebuilding `cases`
 *   (SQLite's documented 12-step table change: foreign keys off around the migration, checked before commit).
 */
export const sql = /* sql */ `
ALTER TABLE sync_state RENAME TO sync_meta;

UPDATE cases SET status = 'accepted' WHERE status = 'queued';
UPDATE cases SET sync_state = 'pending' WHERE sync_state IN ('local', 'uploading');

CREATE TABLE cases_new (
  id             TEXT PRIMARY KEY,
  case_no        TEXT NOT NULL UNIQUE,
  family         TEXT NOT NULL CHECK (family IN ('enrollment','reimbursement','care')),
  item_code      TEXT NOT NULL,
  person_id      TEXT NOT NULL REFERENCES persons(id),
  proxy          TEXT CHECK (proxy IS NULL OR json_valid(proxy)),
  status         TEXT NOT NULL CHECK (status IN ('draft','accepted','awaiting_materials','submitted','approved','returned','rejected','completed','withdrawn')),
  version        INTEGER NOT NULL CHECK (version > 0),
  form           TEXT NOT NULL CHECK (json_valid(form)),
  materials      TEXT NOT NULL CHECK (json_valid(materials)),
  promise_date   TEXT,
  accepted_at    TEXT,
  sla_due        TEXT,
  clerk_id       TEXT NOT NULL REFERENCES users(id),
  station_code   TEXT NOT NULL,
  sync_state     TEXT NOT NULL DEFAULT 'pending' CHECK (sync_state IN ('pending','synced','rejected')),
  sync_error     TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  -- Sort key of the queue: due date, cases without one (drafts) last.
  due_key        TEXT GENERATED ALWAYS AS (coalesce(sla_due, '9999-12-31')) VIRTUAL,
  central_version INTEGER,
  central_note   TEXT,
  payout_fen     INTEGER CHECK (payout_fen IS NULL OR payout_fen >= 0)
) STRICT;

INSERT INTO cases_new (id, case_no, family, item_code, person_id, proxy, status, version, form, materials, promise_date,
  accepted_at, sla_due, clerk_id, station_code, sync_state, sync_error, created_at, updated_at, central_version, central_note, payout_fen)
SELECT id, case_no, family, item_code, person_id, proxy, status, version, form, materials, promise_date,
  accepted_at, sla_due, clerk_id, station_code, sync_state, sync_error, created_at, updated_at, central_version, central_note, payout_fen
FROM cases;

DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;

CREATE INDEX cases_status_due ON cases(status, due_key, id);
CREATE INDEX cases_due ON cases(due_key, id);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_clerk ON cases(clerk_id);
CREATE INDEX cases_item ON cases(item_code);
CREATE INDEX cases_proxy_due ON cases(due_key, id) WHERE proxy IS NOT NULL;
CREATE INDEX cases_sync_state ON cases(sync_state);
CREATE INDEX cases_family_status ON cases(family, status);
`;
