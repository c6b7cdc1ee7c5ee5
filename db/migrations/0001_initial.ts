/**
 * 0001 — the first schema: people, cases and their history, the outbox, sync state,
 * reference data, users, the hash-chained audit log and the waiting-line tickets.
 *
 * Conventions: STRICT tables; IDs are UUIDv7 text made on the station; instants are ISO text with
 * +08:00; civil dates are YYYY-MM-DD text; money is INTEGER fen; JSON bodies are TEXT checked with json_valid.
 */
export const sql = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('clerk','proxy_helper','mobile_team','supervisor')),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE persons (
  id             TEXT PRIMARY KEY,
  id_number      TEXT NOT NULL UNIQUE,
  id_kind        TEXT NOT NULL,
  name           TEXT NOT NULL,
  name_pinyin    TEXT NOT NULL,
  name_initials  TEXT NOT NULL,
  sex            TEXT CHECK (sex IN ('M','F')),
  birth_date     TEXT,
  phone          TEXT,
  region_code    TEXT,
  address        TEXT,
  flags          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
  insurance      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(insurance)),
  source         TEXT NOT NULL CHECK (source IN ('roster','window')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

-- Name search: full-text over the name and its pinyin (full and initials). A one-character prefix index
-- keeps single-character queries (a surname, one initial) fast; longer prefixes are selective anyway.
-- ID numbers and phones are searched through their own B-tree indexes (exact or prefix ranges).
CREATE VIRTUAL TABLE persons_fts USING fts5(
  name, name_pinyin, name_initials,
  content='persons', content_rowid='rowid',
  tokenize='unicode61', prefix='1'
);
CREATE INDEX persons_phone ON persons(phone) WHERE phone IS NOT NULL;

CREATE TRIGGER persons_fts_ai AFTER INSERT ON persons BEGIN
  INSERT INTO persons_fts(rowid, name, name_pinyin, name_initials)
  VALUES (new.rowid, new.name, new.name_pinyin, new.name_initials);
END;
CREATE TRIGGER persons_fts_ad AFTER DELETE ON persons BEGIN
  INSERT INTO persons_fts(persons_fts, rowid, name, name_pinyin, name_initials)
  VALUES ('delete', old.rowid, old.name, old.name_pinyin, old.name_initials);
END;
CREATE TRIGGER persons_fts_au AFTER UPDATE OF name, name_pinyin, name_initials ON persons BEGIN
  INSERT INTO persons_fts(persons_fts, rowid, name, name_pinyin, name_initials)
  VALUES ('delete', old.rowid, old.name, old.name_pinyin, old.name_initials);
  INSERT INTO persons_fts(rowid, name, name_pinyin, name_initials)
  VALUES (new.rowid, new.name, new.name_pinyin, new.name_initials);
END;

CREATE TABLE catalog_items (
  code        TEXT PRIMARY KEY,
  family      TEXT NOT NULL CHECK (family IN ('enrollment','reimbursement','care')),
  body        TEXT NOT NULL CHECK (json_valid(body)),
  version     INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('default','central')),
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE policy_tables (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  effective_from  TEXT NOT NULL,
  effective_to    TEXT,
  body            TEXT NOT NULL CHECK (json_valid(body)),
  version         TEXT NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('default','central')),
  updated_at      TEXT NOT NULL,
  CHECK (effective_to IS NULL OR effective_to > effective_from)
) STRICT;
CREATE UNIQUE INDEX policy_tables_in_force ON policy_tables(kind, region_code, effective_from);

CREATE TABLE calendar_days (
  date  TEXT PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('off','workday'))
) STRICT;

CREATE TABLE calendar_years (
  year    INTEGER PRIMARY KEY,
  source  TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
  id             TEXT PRIMARY KEY,
  case_no        TEXT NOT NULL UNIQUE,
  family         TEXT NOT NULL CHECK (family IN ('enrollment','reimbursement','care')),
  item_code      TEXT NOT NULL,
  person_id      TEXT NOT NULL REFERENCES persons(id),
  proxy          TEXT CHECK (proxy IS NULL OR json_valid(proxy)),
  status         TEXT NOT NULL CHECK (status IN ('draft','accepted','awaiting_materials','queued','submitted','approved','returned','rejected','completed','withdrawn')),
  version        INTEGER NOT NULL CHECK (version > 0),
  form           TEXT NOT NULL CHECK (json_valid(form)),
  materials      TEXT NOT NULL CHECK (json_valid(materials)),
  promise_date   TEXT,
  accepted_at    TEXT,
  sla_due        TEXT,
  clerk_id       TEXT NOT NULL REFERENCES users(id),
  station_code   TEXT NOT NULL,
  sync_state     TEXT NOT NULL DEFAULT 'local' CHECK (sync_state IN ('local','pending','uploading','synced','rejected')),
  sync_error     TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  -- Sort key of the queue: due date, cases without one (drafts) last.
  due_key        TEXT GENERATED ALWAYS AS (coalesce(sla_due, '9999-12-31')) VIRTUAL
) STRICT;
-- The queue: filtered by status and sorted by due date straight from an index. Other filters (clerk,
-- item, proxy) use small indexes that do not include the due date, so accepting a case (which sets it)
-- rewrites as few index entries as possible; a filter by family scans the due-date order.
CREATE INDEX cases_status_due ON cases(status, due_key, id);
CREATE INDEX cases_due ON cases(due_key, id);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_clerk ON cases(clerk_id);
CREATE INDEX cases_item ON cases(item_code);
CREATE INDEX cases_proxy_due ON cases(due_key, id) WHERE proxy IS NOT NULL;

-- Daily sequence behind human case numbers (station + date + sequence).
CREATE TABLE case_numbers (
  day   TEXT PRIMARY KEY,
  last  INTEGER NOT NULL
) STRICT;

CREATE TABLE case_events (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id),
  at           TEXT NOT NULL,
  actor_id     TEXT,
  actor_name   TEXT NOT NULL,
  actor_role   TEXT NOT NULL,
  kind         TEXT NOT NULL,
  from_status  TEXT,
  to_status    TEXT NOT NULL,
  reason       TEXT,
  data         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TABLE attachments (
  id             TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL REFERENCES cases(id),
  material_code  TEXT,
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  mime           TEXT NOT NULL,
  size           INTEGER NOT NULL CHECK (size >= 0),
  file_name      TEXT NOT NULL,
  local_path     TEXT NOT NULL,
  upload_state   TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending','uploading','stored')),
  uploaded_bytes INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_case ON attachments(case_id);
CREATE INDEX attachments_pending ON attachments(upload_state) WHERE upload_state != 'stored';

-- Ops waiting to reach central, in the order they happened. seq is the station's push sequence.
CREATE TABLE outbox (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id         TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  case_id       TEXT REFERENCES cases(id),
  payload       TEXT NOT NULL CHECK (json_valid(payload)),
  base_version  INTEGER,
  created_at    TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','applied','duplicate','rejected')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  result_code   TEXT,
  result_message TEXT,
  done_at       TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox(seq) WHERE state = 'pending';
CREATE INDEX outbox_case ON outbox(case_id);

CREATE TABLE sync_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
) STRICT;

-- 取号: the waiting line at the window.
CREATE TABLE tickets (
  id          TEXT PRIMARY KEY,
  day         TEXT NOT NULL,
  number      INTEGER NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'general' CHECK (kind IN ('general','priority','proxy','appointment')),
  status      TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','called','serving','done','skipped')),
  person_id   TEXT REFERENCES persons(id),
  case_id     TEXT REFERENCES cases(id),
  user_id     TEXT REFERENCES users(id),
  created_at  TEXT NOT NULL,
  called_at   TEXT,
  done_at     TEXT,
  rating      INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  UNIQUE (day, number)
) STRICT;
`;
