/**
 * Numbered migrations of the embedded SQLite store. Applied in order, all pending ones in one transaction;
 * the schema version is `PRAGMA user_version`. A database from a newer server is refused.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE stations (
  id               TEXT PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  region_code      TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending','active','revoked')),
  credential_hash  TEXT UNIQUE,
  last_seq         INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  enroll_failures  INTEGER NOT NULL DEFAULT 0,
  enrolled_at      TEXT,
  revoked_at       TEXT,
  last_seen_at     TEXT,
  created_at       TEXT NOT NULL
) STRICT;

CREATE TABLE enroll_codes (
  code_hash   TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES stations(id),
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX enroll_codes_station ON enroll_codes(station_id);

-- Every op a station pushed that central decided on (applied or rejected): the record of what arrived.
-- (No foreign key to stations on ops and cases: stations are never deleted, and the check costs every push.)
CREATE TABLE ops (
  station_id    TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  op_id         TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  case_id       TEXT,
  base_version  INTEGER,
  result        TEXT NOT NULL CHECK (result IN ('applied','rejected')),
  code          TEXT,
  message       TEXT,
  payload       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  received_at   TEXT NOT NULL,
  PRIMARY KEY (station_id, seq)
) STRICT;

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
  materials_pending  INTEGER NOT NULL CHECK (materials_pending IN (0,1)),
  station_version    INTEGER NOT NULL,
  central_version    INTEGER NOT NULL,
  submitted_at       TEXT,
  decided_at         TEXT,
  decided_by         TEXT,
  note               TEXT,
  reason             TEXT,
  payout_fen         INTEGER,
  attachments        TEXT NOT NULL,
  snapshot           TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX cases_status ON cases(status, submitted_at, id);
CREATE INDEX cases_station ON cases(station_id, id);

-- Persons central knows: the published rosters (one row per region and ID number) and people registered at windows.
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
  removed      INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0,1)),
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX persons_id_number ON persons(id_number);
CREATE UNIQUE INDEX persons_roster ON persons(region_code, id_number) WHERE source = 'roster';
CREATE INDEX persons_roster_page ON persons(region_code, id) WHERE source = 'roster';

-- Things only one live case may hold: an invoice number, an enrollment of a person for a year in a region.
CREATE TABLE claims (
  key           TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('invoice','enrollment')),
  case_id       TEXT NOT NULL,
  case_no       TEXT NOT NULL,
  station_id    TEXT NOT NULL,
  station_code  TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX claims_case ON claims(case_id);

-- What stations pull. AUTOINCREMENT: an id is never handed out twice, even after pruning.
CREATE TABLE changelog (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,
  station_id   TEXT,
  region_code  TEXT,
  at           TEXT NOT NULL,
  since        INTEGER NOT NULL DEFAULT 0,
  data         TEXT NOT NULL
) STRICT;
CREATE INDEX changelog_station ON changelog(station_id, id) WHERE station_id IS NOT NULL;
CREATE INDEX changelog_region ON changelog(region_code, id) WHERE region_code IS NOT NULL;
CREATE INDEX changelog_global ON changelog(id) WHERE station_id IS NULL AND region_code IS NULL;
CREATE INDEX changelog_at ON changelog(at);

-- Reference data in force: catalog items, policy tables (per region), calendar years (scope '' = national).
CREATE TABLE refs (
  kind        TEXT NOT NULL CHECK (kind IN ('catalog','policy','calendar')),
  scope       TEXT NOT NULL,
  key         TEXT NOT NULL,
  version     INTEGER NOT NULL,
  hash        TEXT NOT NULL,
  body        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (kind, scope, key)
) STRICT;

CREATE TABLE uploads (
  id             TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL REFERENCES stations(id),
  sha256         TEXT NOT NULL,
  size           INTEGER NOT NULL,
  mime           TEXT NOT NULL,
  upload_offset  INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (station_id, sha256)
) STRICT;

CREATE TABLE blobs (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  mime        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 2,
    name: 'commit-ops-texts',
    // PostgreSQL only (its per-op commit procedure takes the large JSON bodies as plain text parameters); the
    // SQLite store applies ops in TypeScript and has nothing to change.
    sql: '',
  },
  {
    version: 3,
    name: 'commit-chunk-sets',
    // PostgreSQL only (its commit procedure now writes a chunk of ops set by set, in one transaction); the SQLite
    // store applies ops in TypeScript, one transaction per batch with a savepoint per op, and has nothing to change.
    sql: '',
  },
  {
    version: 4,
    name: 'op-ids-per-station',
    // An op id is unique per station, not across stations: another station's op that happens to carry a known op
    // id is its own op (it was answered with the first station's outcome). SQLite cannot drop a UNIQUE constraint:
    // the table is rebuilt with the same columns and the new key.
    sql: /* sql */ `
CREATE TABLE ops_new (
  station_id    TEXT NOT NULL,
  seq           INTEGER NOT NULL,
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
  UNIQUE (station_id, op_id)
) STRICT;
INSERT INTO ops_new (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
  SELECT station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at FROM ops;
DROP TABLE ops;
ALTER TABLE ops_new RENAME TO ops;
`,
  },
  {
    version: 5,
    name: 'station-keys',
    // Signed bundles (protocol 1.2): the public signing keys of each station. One is active (the key of the
    // station's current enrollment); earlier ones are retired, kept so that a bundle signed before a re-enrollment
    // still imports. A retired key's bundles take their new ops on a seq line of their own: from stream_from (the
    // station's lastSeq when the key was retired) up to stream_to — a window the station's own seqs then skipped —
    // with stream_seq the last one taken.
    sql: /* sql */ `
CREATE TABLE station_keys (
  station_id   TEXT NOT NULL REFERENCES stations(id),
  key_id       TEXT NOT NULL CHECK (length(key_id) = 64),
  public_key   TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('active','retired')),
  created_at   TEXT NOT NULL,
  retired_at   TEXT,
  stream_from  INTEGER,
  stream_to    INTEGER,
  stream_seq   INTEGER,
  PRIMARY KEY (station_id, key_id),
  CHECK ((state = 'active') = (retired_at IS NULL)),
  CHECK (state = 'active' OR (stream_from IS NOT NULL AND stream_seq >= stream_from AND stream_seq <= stream_to))
) STRICT;
CREATE UNIQUE INDEX station_keys_active ON station_keys(station_id) WHERE state = 'active';
`,
  },
  {
    version: 6,
    name: 'station-audit',
    // The audit head each station last reported (shared/sync/audit): its next report must extend it, or the station
    // is flagged (a log truncated or rewritten at the station); and the events of that (flags, breaks reported).
    sql: /* sql */ `
CREATE TABLE station_audit (
  station_id   TEXT PRIMARY KEY REFERENCES stations(id),
  seq          INTEGER NOT NULL CHECK (seq >= 0),
  hash         TEXT NOT NULL CHECK (length(hash) = 64),
  reported_at  TEXT NOT NULL,
  flagged_at   TEXT,
  flag_reason  TEXT CHECK (flag_reason IN ('truncated','rewritten','anchor-missing','break-reported')),
  CHECK ((flagged_at IS NULL) = (flag_reason IS NULL))
) STRICT;
CREATE TABLE station_audit_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id  TEXT NOT NULL REFERENCES stations(id),
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('flagged','break_reported')),
  detail      TEXT NOT NULL
) STRICT;
CREATE INDEX station_audit_events_station ON station_audit_events(station_id, id);
`,
  },
  {
    version: 7,
    name: 'back-office',
    // The back office of named people (#14): accounts with roles (reviewer, payer, publisher, administrator), their
    // expiring sign-in tokens (hashes only), payouts above the threshold waiting for a second account's confirmation,
    // and central's own hash-chained audit of every back-office action (id 1, 2, 3 …; each row's hash covers the
    // previous one's).
    sql: /* sql */ `
CREATE TABLE accounts (
  id             TEXT PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  roles          TEXT NOT NULL CHECK (roles <> ''),
  password_hash  TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('active','disabled')),
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE account_tokens (
  token_hash  TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
) STRICT;
CREATE INDEX account_tokens_account ON account_tokens(account_id);

CREATE TABLE backoffice_audit (
  id            INTEGER NOT NULL PRIMARY KEY CHECK (id > 0),
  at            TEXT NOT NULL,
  account_id    TEXT,
  account_name  TEXT NOT NULL,
  action        TEXT NOT NULL,
  entity        TEXT NOT NULL,
  entity_id     TEXT,
  detail        TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;

CREATE TABLE payout_requests (
  case_id            TEXT PRIMARY KEY,
  central_version    INTEGER NOT NULL,
  payout_fen         INTEGER NOT NULL CHECK (payout_fen >= 0),
  note               TEXT,
  requested_by       TEXT NOT NULL REFERENCES accounts(id),
  requested_by_name  TEXT NOT NULL,
  requested_at       TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 8,
    name: 'front-office',
    // The front office of the stations (issue 15, protocol 1.3): a day's ticket figures, 好差评 ratings and the
    // follow-ups of bad ones, one row per station, kind and key, the highest version kept.
    sql: /* sql */ `
CREATE TABLE front_records (
  station_id  TEXT NOT NULL REFERENCES stations(id),
  kind        TEXT NOT NULL CHECK (kind IN ('day','rating','followup')),
  key         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version > 0),
  body        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (station_id, kind, key)
) STRICT;
`,
  },
  {
    version: 9,
    name: 'visit-records',
    // The mobile teams' visit records (issue 16, protocol 1.4) are station records like the front office's: the
    // kind check of front_records admits 'visit' (SQLite changes a check by rebuilding the table).
    sql: /* sql */ `
CREATE TABLE front_records_new (
  station_id  TEXT NOT NULL REFERENCES stations(id),
  kind        TEXT NOT NULL CHECK (kind IN ('day','rating','followup','visit')),
  key         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version > 0),
  body        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (station_id, kind, key)
) STRICT;
INSERT INTO front_records_new (station_id, kind, key, version, body, updated_at)
  SELECT station_id, kind, key, version, body, updated_at FROM front_records;
DROP TABLE front_records;
ALTER TABLE front_records_new RENAME TO front_records;
`,
  },
];
