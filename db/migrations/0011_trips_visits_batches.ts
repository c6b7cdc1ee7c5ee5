/**
 * 0011 — mobile service teams and proxy helpers (issue 16):
 * - `trips`, `trip_members`, `trip_cases`: a village trip, who goes, and the cases taken in on it (a case belongs to
 *   at most one trip). A mobile-team account reaches the cases of the trips it is a member of (least privilege).
 * - `visits`: visit records of "三送一听" (the record as JSON, with the trip and the person as columns to find them
 *   by); they go to central as `visit.recorded` ops.
 * - `batches`, `batch_cases`: a batch proxy import (批量代办) — who, when, which file (name and sha256), counts — and
 *   the case made from each row. One batch per file and item: the same file again resumes it, never repeats it.
 */
export const sql = /* sql */ `
CREATE TABLE trips (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  villages     TEXT NOT NULL CHECK (json_valid(villages)),
  start_date   TEXT NOT NULL,
  end_date     TEXT NOT NULL CHECK (end_date >= start_date),
  state        TEXT NOT NULL CHECK (state IN ('planned','active','ended')),
  prepared_at  TEXT,
  started_at   TEXT,
  ended_at     TEXT,
  ended_with   TEXT CHECK (ended_with IN ('sync','bundle')),
  created_by   TEXT NOT NULL REFERENCES users(id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK ((state = 'ended') = (ended_at IS NOT NULL AND ended_with IS NOT NULL)),
  CHECK (state = 'planned' OR started_at IS NOT NULL)
) STRICT;
CREATE INDEX trips_state ON trips(state, start_date);

CREATE TABLE trip_members (
  trip_id  TEXT NOT NULL REFERENCES trips(id),
  user_id  TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (trip_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX trip_members_user ON trip_members(user_id, trip_id);

CREATE TABLE trip_cases (
  case_id  TEXT PRIMARY KEY REFERENCES cases(id),
  trip_id  TEXT NOT NULL REFERENCES trips(id),
  at       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX trip_cases_trip ON trip_cases(trip_id, case_id);

CREATE TABLE visits (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL CHECK (version >= 1),
  trip_id      TEXT REFERENCES trips(id),
  -- No foreign key: a person the roster drops keeps their visit history.
  person_id    TEXT NOT NULL,
  visited_at   TEXT NOT NULL,
  recorded_by  TEXT NOT NULL REFERENCES users(id),
  body         TEXT NOT NULL CHECK (json_valid(body)),
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX visits_trip ON visits(trip_id, visited_at);
CREATE INDEX visits_person ON visits(person_id, visited_at);

CREATE TABLE batches (
  id            TEXT PRIMARY KEY,
  item_code     TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  file_sha256   TEXT NOT NULL CHECK (length(file_sha256) = 64),
  state         TEXT NOT NULL CHECK (state IN ('importing','done','cancelled','failed')),
  total_rows    INTEGER NOT NULL CHECK (total_rows >= 0),
  valid_rows    INTEGER NOT NULL CHECK (valid_rows >= 0),
  invalid_rows  INTEGER NOT NULL CHECK (invalid_rows >= 0),
  agent         TEXT NOT NULL CHECK (json_valid(agent)),
  error         TEXT,
  created_by    TEXT NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  UNIQUE (file_sha256, item_code)
) STRICT;
CREATE INDEX batches_created ON batches(created_by, created_at);

CREATE TABLE batch_cases (
  batch_id  TEXT NOT NULL REFERENCES batches(id),
  row_no    INTEGER NOT NULL CHECK (row_no >= 1),
  case_id   TEXT NOT NULL UNIQUE REFERENCES cases(id),
  PRIMARY KEY (batch_id, row_no)
) STRICT, WITHOUT ROWID;
`;
