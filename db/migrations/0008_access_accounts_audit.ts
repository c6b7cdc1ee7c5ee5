/**
 * 0008 — least privilege, accounts and an audit that proves itself (issue 13, points 2–4):
 * - `case_handlers`: users named as handlers of a case besides the clerk who took it in (a proxy helper reaches
 *   the cases they took in or are named on). Local to the station; never synced.
 * - users: sign-in failures and the lock they lead to, "must change the password at next sign-in", and when
 *   the password last changed.
 * - `audit_breaks`: where verifying the hash chain found it broken, and whether central has been told.
 * The last verified audit row (id and hash) is a station setting (`audit.verified`).
 */
export const sql = /* sql */ `
CREATE TABLE case_handlers (
  case_id      TEXT NOT NULL REFERENCES cases(id),
  user_id      TEXT NOT NULL REFERENCES users(id),
  assigned_by  TEXT NOT NULL,
  assigned_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_handlers_user ON case_handlers(user_id, case_id);

ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);
ALTER TABLE users ADD COLUMN last_failed_at TEXT;
ALTER TABLE users ADD COLUMN locked_until TEXT;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0,1));
ALTER TABLE users ADD COLUMN password_changed_at TEXT;

CREATE TABLE audit_breaks (
  id            INTEGER PRIMARY KEY,
  detected_at   TEXT NOT NULL,
  -- The first row that does not fit (its id), or the verified row that is gone or changed.
  row_id        INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('row_changed','chain_broken','verified_row_missing','verified_row_changed')),
  detail        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  reported_at   TEXT
) STRICT;
`;
