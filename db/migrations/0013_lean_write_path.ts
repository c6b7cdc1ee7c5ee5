/**
 * 0013 — two fewer b-trees written by every intake (each is one more encrypted page per commit, picked at random):
 *
 * - `audit_log` loses the UNIQUE constraint on `hash`. Nothing looks a row up by its hash; the chain is walked by
 *   id (db/repos/audit.ts), each hash covers the previous one, and verification already fails on a duplicated or
 *   altered row. The constraint's index cost a random page per audit row (≈2.7 pages of an intake's ≈37).
 * - `invoice_claims` becomes WITHOUT ROWID: the key is its only lookup, so the table is the key's b-tree and the
 *   separate rowid table goes (≈1 page per intake).
 *
 * Both tables are rebuilt with every row as it was (ids, hashes, order): the audit chain verifies unchanged.
 */
export const sql = /* sql */ `
CREATE TABLE audit_log_new (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
INSERT INTO audit_log_new (id, at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash)
SELECT id, at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;

CREATE TABLE invoice_claims_new (
  key        TEXT PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases(id),
  case_no    TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO invoice_claims_new (key, case_id, case_no, created_at) SELECT key, case_id, case_no, created_at FROM invoice_claims;
DROP TABLE invoice_claims;
ALTER TABLE invoice_claims_new RENAME TO invoice_claims;
CREATE INDEX invoice_claims_case ON invoice_claims(case_id);
`;
