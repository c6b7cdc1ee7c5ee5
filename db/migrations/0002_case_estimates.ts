/**
 * 0002 — estimates and assessments stored with their case: the figures and read-out steps a clerk gave
 * (待遇测算单), or an LTC disability assessment, so the later central decision can be compared with them.
 */
export const sql = /* sql */ `
CREATE TABLE case_estimates (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id),
  kind         TEXT NOT NULL CHECK (kind IN ('contribution','claim','assistance','maternity','ltc_assessment')),
  input        TEXT NOT NULL CHECK (json_valid(input)),
  result       TEXT NOT NULL CHECK (json_valid(result)),
  steps        TEXT NOT NULL CHECK (json_valid(steps)),
  -- The policy tables used (kind, region, version, effective dates): the rule in force on the date that mattered.
  tables       TEXT NOT NULL CHECK (json_valid(tables)),
  -- Computed from sample tables (no region tables synced yet): shown as such on screen and on paper.
  sample       INTEGER NOT NULL CHECK (sample IN (0,1)),
  -- Assessment details: assessors, date, attachment ids.
  meta         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
  computed_at  TEXT NOT NULL,
  actor_id     TEXT NOT NULL REFERENCES users(id),
  actor_name   TEXT NOT NULL
) STRICT;
CREATE INDEX case_estimates_case ON case_estimates(case_id, computed_at);
`;
