import type { Migration } from './migrations-sqlite';

/**
 * Numbered migrations of the PostgreSQL store, the same schema as migrations-sqlite.ts in PostgreSQL types: schema
 * changes only. The stored routines (central_commit_ops() and its helpers) are in postgres/routines.sql, installed
 * after these by a repeatable migration keyed on that file's hash (./migrate-postgres.ts). Applied in one
 * transaction under an advisory lock; versions are recorded in `schema_migrations`. A database from a newer server
 * is refused.
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
`,
  },
  {
    version: 2,
    name: 'commit-ops-texts',
    // Was: central_commit_ops(JSONB) replaced by central_commit_ops(JSONB, VARIADIC TEXT[]) (the large bodies as
    // text parameters). The routine itself is now in postgres/routines.sql; what stays here is the schema change a
    // version-1 database needs: the old signature dropped (CREATE OR REPLACE cannot change a signature). A
    // database created by this code never had it.
    sql: /* sql */ `DROP PROCEDURE IF EXISTS central_commit_ops(JSONB);`,
  },
  {
    version: 3,
    name: 'commit-chunk-sets',
    // Was: central_commit_ops() writing a chunk of ops set by set in one transaction. Only the routine changed (now
    // in postgres/routines.sql, installed by the repeatable migration): no schema change left here.
    sql: '',
  },
  {
    version: 4,
    name: 'op-ids-per-station',
    // An op id is unique per station, not across stations (another station's op with a known op id is its own op).
    sql: /* sql */ `
ALTER TABLE ops DROP CONSTRAINT ops_op_id_key;
ALTER TABLE ops ADD CONSTRAINT ops_station_op_id_key UNIQUE (station_id, op_id);
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
  stream_from  BIGINT,
  stream_to    BIGINT,
  stream_seq   BIGINT,
  PRIMARY KEY (station_id, key_id),
  CHECK ((state = 'active') = (retired_at IS NULL)),
  CHECK (state = 'active' OR (stream_from IS NOT NULL AND stream_seq >= stream_from AND stream_seq <= stream_to))
);
CREATE UNIQUE INDEX station_keys_active ON station_keys(station_id) WHERE state = 'active';
`,
  },
  {
    version: 6,
    name: 'station-audit',
    // The audit head each station last reported (shared/sync/audit), and the events of its flags and breaks.
    sql: /* sql */ `
CREATE TABLE station_audit (
  station_id   TEXT PRIMARY KEY REFERENCES stations(id),
  seq          BIGINT NOT NULL CHECK (seq >= 0),
  hash         TEXT NOT NULL CHECK (length(hash) = 64),
  reported_at  TEXT NOT NULL,
  flagged_at   TEXT,
  flag_reason  TEXT CHECK (flag_reason IN ('truncated','rewritten','anchor-missing','break-reported')),
  CHECK ((flagged_at IS NULL) = (flag_reason IS NULL))
);
CREATE TABLE station_audit_events (
  id          BIGSERIAL PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES stations(id),
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('flagged','break_reported')),
  detail      TEXT NOT NULL
);
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
);

CREATE TABLE account_tokens (
  token_hash  TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX account_tokens_account ON account_tokens(account_id);

CREATE TABLE backoffice_audit (
  id            BIGINT NOT NULL PRIMARY KEY CHECK (id > 0),
  at            TEXT NOT NULL,
  account_id    TEXT,
  account_name  TEXT NOT NULL,
  action        TEXT NOT NULL,
  entity        TEXT NOT NULL,
  entity_id     TEXT,
  detail        TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);

CREATE TABLE payout_requests (
  case_id            TEXT PRIMARY KEY,
  central_version    INTEGER NOT NULL,
  payout_fen         BIGINT NOT NULL CHECK (payout_fen >= 0),
  note               TEXT,
  requested_by       TEXT NOT NULL REFERENCES accounts(id),
  requested_by_name  TEXT NOT NULL,
  requested_at       TEXT NOT NULL
);
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
);
`,
  },
  {
    version: 9,
    name: 'visit-records',
    // The mobile teams' visit records (issue 16, protocol 1.4) are station records like the front office's: the
    // kind check of front_records admits 'visit'.
    sql: /* sql */ `
ALTER TABLE front_records DROP CONSTRAINT front_records_kind_check;
ALTER TABLE front_records ADD CONSTRAINT front_records_kind_check CHECK (kind IN ('day','rating','followup','visit'));
`,
  },
];
