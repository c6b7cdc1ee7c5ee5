/**
 * 0010 — the front office (issue 15): the hall's ticket categories and windows, the waiting line and its calls,
 * the cases taken in while a ticket was served (一窗通办), appointments (预约), 好差评 ratings and the follow-ups of
 * bad ones, the credentials of the public screens (叫号屏/评价器, 取号机), and the days whose figures went to
 * central. Plus the daily aggregates the station's figures read (cases taken in, completions), kept by triggers.
 *
 * The 0001 `tickets` table was never written by any version (nothing issued tickets): it is replaced.
 */
export const sql = /* sql */ `
DROP TABLE tickets;

CREATE TABLE ticket_categories (
  code        TEXT PRIMARY KEY,
  letter      TEXT NOT NULL CHECK (length(letter) = 1 AND letter BETWEEN 'A' AND 'Z'),
  name        TEXT NOT NULL,
  sort        INTEGER NOT NULL,
  active      INTEGER NOT NULL CHECK (active IN (0,1)),
  updated_at  TEXT NOT NULL
) STRICT;
-- Letters are unique among the categories in use (a retired one, kept for its old tickets, may share one).
CREATE UNIQUE INDEX ticket_categories_letter ON ticket_categories(letter) WHERE active = 1;

CREATE TABLE service_windows (
  no          INTEGER PRIMARY KEY CHECK (no BETWEEN 1 AND 99),
  name        TEXT NOT NULL,
  categories  TEXT NOT NULL CHECK (json_valid(categories) AND json_type(categories) = 'array'),
  active      INTEGER NOT NULL CHECK (active IN (0,1)),
  updated_at  TEXT NOT NULL
) STRICT;

-- 预约: a date, a slot and a person; checked in at the kiosk (by ID number or booking code) it becomes a ticket.
CREATE TABLE appointments (
  id           TEXT PRIMARY KEY,
  day          TEXT NOT NULL,
  slot_start   TEXT NOT NULL,
  slot_end     TEXT NOT NULL,
  category     TEXT NOT NULL REFERENCES ticket_categories(code),
  name         TEXT NOT NULL,
  id_number    TEXT NOT NULL,
  person_id    TEXT REFERENCES persons(id),
  phone        TEXT,
  code         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('booked','checked_in','cancelled')),
  ticket_id    TEXT,
  created_by   TEXT NOT NULL REFERENCES users(id),
  created_at   TEXT NOT NULL,
  UNIQUE (day, code)
) STRICT;
CREATE INDEX appointments_day ON appointments(day, slot_start);
CREATE INDEX appointments_id_number ON appointments(id_number, day);

-- 取号: one row per ticket; numbers restart every day per category (A001 …).
CREATE TABLE tickets (
  id              TEXT PRIMARY KEY,
  day             TEXT NOT NULL,
  category        TEXT NOT NULL REFERENCES ticket_categories(code),
  seq             INTEGER NOT NULL CHECK (seq > 0),
  number          TEXT NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('kiosk','clerk','appointment')),
  priority        TEXT CHECK (priority IS NULL OR priority IN ('age70','disability','military','pregnant')),
  appointment_id  TEXT REFERENCES appointments(id),
  slot_start      TEXT,
  person_id       TEXT REFERENCES persons(id),
  name            TEXT,
  status          TEXT NOT NULL CHECK (status IN ('waiting','called','served','skipped')),
  target_window   INTEGER,
  transferred_at  TEXT,
  window_no       INTEGER,
  clerk_id        TEXT REFERENCES users(id),
  issued_by       TEXT NOT NULL,
  issued_at       TEXT NOT NULL,
  called_at       TEXT,
  ended_at        TEXT,
  UNIQUE (day, category, seq)
) STRICT;
CREATE INDEX tickets_day_status ON tickets(day, status);
CREATE INDEX tickets_person ON tickets(person_id) WHERE person_id IS NOT NULL;

-- One call of a ticket at a window (叫号 … 办结/过号/转窗): waiting and service times per window come from here.
CREATE TABLE ticket_calls (
  id              TEXT PRIMARY KEY,
  ticket_id       TEXT NOT NULL REFERENCES tickets(id),
  day             TEXT NOT NULL,
  window_no       INTEGER NOT NULL,
  clerk_id        TEXT NOT NULL REFERENCES users(id),
  called_at       TEXT NOT NULL,
  last_called_at  TEXT NOT NULL,
  recalls         INTEGER NOT NULL DEFAULT 0,
  ended_at        TEXT,
  outcome         TEXT CHECK (outcome IS NULL OR outcome IN ('served','skipped','transferred')),
  transfer_to     INTEGER,
  -- The ticket's first call (its waiting ends here), the seconds it waited (shared/front/stats waitSeconds), and the
  -- seconds of this service once it ended: the figures read numbers, not instants.
  first           INTEGER NOT NULL CHECK (first IN (0,1)),
  wait_sec        INTEGER CHECK (wait_sec IS NULL OR wait_sec >= 0),
  service_sec     INTEGER CHECK (service_sec IS NULL OR service_sec >= 0),
  CHECK ((first = 1) = (wait_sec IS NOT NULL)),
  CHECK ((ended_at IS NULL) = (service_sec IS NULL))
) STRICT;
CREATE INDEX ticket_calls_ticket ON ticket_calls(ticket_id, called_at);
CREATE INDEX ticket_calls_day ON ticket_calls(day, window_no);
-- At most one open call per window.
CREATE UNIQUE INDEX ticket_calls_open_window ON ticket_calls(window_no) WHERE ended_at IS NULL;

-- 一窗通办: the cases taken in while a ticket was served.
CREATE TABLE ticket_cases (
  ticket_id  TEXT NOT NULL REFERENCES tickets(id),
  case_id    TEXT NOT NULL REFERENCES cases(id),
  linked_at  TEXT NOT NULL,
  PRIMARY KEY (ticket_id, case_id)
) STRICT;
CREATE INDEX ticket_cases_case ON ticket_cases(case_id);

-- 好差评: one rating per service (a ticket's visit, or one case's hand-out).
CREATE TABLE ratings (
  id          TEXT PRIMARY KEY,
  subject     TEXT NOT NULL CHECK (subject IN ('ticket','hand_out')),
  ticket_id   TEXT UNIQUE REFERENCES tickets(id),
  case_id     TEXT REFERENCES cases(id),
  case_nos    TEXT NOT NULL CHECK (json_valid(case_nos) AND json_type(case_nos) = 'array'),
  day         TEXT NOT NULL,
  window_no   INTEGER,
  clerk_id    TEXT REFERENCES users(id),
  level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  reasons     TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
  comment     TEXT,
  rater       TEXT NOT NULL CHECK (rater IN ('self','proxy')),
  device_id   TEXT NOT NULL,
  at          TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version > 0),
  CHECK ((subject = 'ticket') = (ticket_id IS NOT NULL)),
  CHECK (subject = 'ticket' OR case_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX ratings_hand_out ON ratings(case_id) WHERE subject = 'hand_out';
CREATE INDEX ratings_day ON ratings(day);

-- 差评回访与整改: the supervisor's work on a bad rating.
CREATE TABLE rating_followups (
  id                 TEXT PRIMARY KEY,
  rating_id          TEXT NOT NULL UNIQUE REFERENCES ratings(id),
  status             TEXT NOT NULL CHECK (status IN ('open','visited','closed')),
  opened_on          TEXT NOT NULL,
  visit_due          TEXT NOT NULL,
  rectify_due        TEXT NOT NULL,
  visit_at           TEXT,
  visit_by           TEXT REFERENCES users(id),
  visit_note         TEXT,
  rectify_at         TEXT,
  rectify_by         TEXT REFERENCES users(id),
  rectify_note       TEXT,
  appeal_at          TEXT,
  appeal_text        TEXT,
  appeal_outcome     TEXT CHECK (appeal_outcome IS NULL OR appeal_outcome IN ('upheld','dismissed')),
  appeal_note        TEXT,
  appeal_decided_at  TEXT,
  appeal_decided_by  TEXT REFERENCES users(id),
  version            INTEGER NOT NULL CHECK (version > 0),
  updated_at         TEXT NOT NULL,
  CHECK (status = 'open' OR visit_at IS NOT NULL),
  CHECK (status != 'closed' OR rectify_at IS NOT NULL),
  CHECK (appeal_outcome IS NULL OR appeal_at IS NOT NULL)
) STRICT;
CREATE INDEX rating_followups_open ON rating_followups(status) WHERE status != 'closed';

-- The service a window's citizen-facing screen asks to be rated now (one per window).
CREATE TABLE rating_prompts (
  window_no     INTEGER PRIMARY KEY,
  subject       TEXT NOT NULL CHECK (subject IN ('ticket','hand_out')),
  ticket_id     TEXT REFERENCES tickets(id),
  case_id       TEXT REFERENCES cases(id),
  clerk_id      TEXT NOT NULL REFERENCES users(id),
  requested_at  TEXT NOT NULL
) STRICT;

-- The public screens' narrow credentials: a customer display (叫号屏/评价器, optionally of one window) or a kiosk (取号机).
CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('display','kiosk')),
  name          TEXT NOT NULL,
  window_no     INTEGER,
  key_hash      TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  created_by    TEXT NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  last_seen_at  TEXT,
  CHECK (kind = 'display' OR window_no IS NULL)
) STRICT;

-- The days whose ticket figures were written to the outbox (front.day op), with the figures' hash and version.
CREATE TABLE front_days (
  day      TEXT PRIMARY KEY,
  version  INTEGER NOT NULL CHECK (version > 0),
  hash     TEXT NOT NULL,
  sent_at  TEXT NOT NULL
) STRICT;

-- A new hall: the four categories of the kiosk and two windows serving all of them (the supervisor changes them).
INSERT INTO ticket_categories(code, letter, name, sort, active, updated_at) VALUES
  ('enrollment', 'A', '参保登记', 10, 1, strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours')),
  ('reimbursement', 'B', '待遇报销', 20, 1, strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours')),
  ('care', 'C', '长期护理', 30, 1, strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours')),
  ('consult', 'D', '综合咨询', 40, 1, strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours'));
INSERT INTO service_windows(no, name, categories, active, updated_at) VALUES
  (1, '1号窗口', '["enrollment","reimbursement","care","consult"]', 1, strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours')),
  (2, '2号窗口', '["enrollment","reimbursement","care","consult"]', 1, strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours'));

-- The station's figures (shared/front/stats.ts) read daily aggregates, kept by triggers in the same transaction as
-- the change they count, so a month on a 100k-case store is a few hundred rows, not a scan (bench stats-month).
-- Cases taken in (受理) per day, family and item: counted when a case gets its acceptance time.
CREATE TABLE stats_intake_days (
  day        TEXT NOT NULL,
  family     TEXT NOT NULL,
  item_code  TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (day, family, item_code)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER stats_intake_insert AFTER INSERT ON cases WHEN NEW.accepted_at IS NOT NULL BEGIN
  INSERT OR IGNORE INTO stats_intake_days (day, family, item_code, n) VALUES (substr(NEW.accepted_at, 1, 10), NEW.family, NEW.item_code, 0);
  UPDATE stats_intake_days SET n = n + 1 WHERE day = substr(NEW.accepted_at, 1, 10) AND family = NEW.family AND item_code = NEW.item_code;
END;
CREATE TRIGGER stats_intake_update AFTER UPDATE OF accepted_at, family, item_code ON cases
  WHEN NEW.accepted_at IS NOT OLD.accepted_at OR NEW.family IS NOT OLD.family OR NEW.item_code IS NOT OLD.item_code BEGIN
  UPDATE stats_intake_days SET n = n - 1 WHERE OLD.accepted_at IS NOT NULL AND day = substr(OLD.accepted_at, 1, 10) AND family = OLD.family AND item_code = OLD.item_code;
  INSERT OR IGNORE INTO stats_intake_days (day, family, item_code, n) SELECT substr(NEW.accepted_at, 1, 10), NEW.family, NEW.item_code, 0 WHERE NEW.accepted_at IS NOT NULL;
  UPDATE stats_intake_days SET n = n + 1 WHERE NEW.accepted_at IS NOT NULL AND day = substr(NEW.accepted_at, 1, 10) AND family = NEW.family AND item_code = NEW.item_code;
END;
INSERT INTO stats_intake_days (day, family, item_code, n)
  SELECT substr(accepted_at, 1, 10), family, item_code, count(*) FROM cases WHERE accepted_at IS NOT NULL GROUP BY 1, 2, 3;
-- Completions (办结) per day, and how many met the case's due day (shared/front/stats.ts completedOnTime: the day
-- of completion on or before sla_due, or the acceptance day for a case without one).
CREATE TABLE stats_completion_days (
  day        TEXT PRIMARY KEY,
  completed  INTEGER NOT NULL,
  on_time    INTEGER NOT NULL
) STRICT;
CREATE TRIGGER stats_completion AFTER INSERT ON case_events WHEN NEW.kind = 'complete' BEGIN
  INSERT OR IGNORE INTO stats_completion_days (day, completed, on_time) VALUES (substr(NEW.at, 1, 10), 0, 0);
  UPDATE stats_completion_days SET completed = completed + 1,
    on_time = on_time + coalesce((SELECT substr(NEW.at, 1, 10) <= coalesce(c.sla_due, substr(c.accepted_at, 1, 10)) FROM cases c WHERE c.id = NEW.case_id), 0)
  WHERE day = substr(NEW.at, 1, 10);
END;
INSERT INTO stats_completion_days (day, completed, on_time)
  SELECT substr(e.at, 1, 10), count(*), coalesce(sum(substr(e.at, 1, 10) <= coalesce(c.sla_due, substr(c.accepted_at, 1, 10))), 0)
  FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.kind = 'complete' GROUP BY 1;
-- Cases per status and due day: overdue (open statuses, due before today: shared/front/stats.ts) is a sum over a
-- few hundred rows, whatever the size of the store.
CREATE TABLE stats_due_days (
  status   TEXT NOT NULL,
  due_day  TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (status, due_day)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER stats_due_insert AFTER INSERT ON cases WHEN NEW.sla_due IS NOT NULL BEGIN
  INSERT OR IGNORE INTO stats_due_days (status, due_day, n) VALUES (NEW.status, NEW.sla_due, 0);
  UPDATE stats_due_days SET n = n + 1 WHERE status = NEW.status AND due_day = NEW.sla_due;
END;
CREATE TRIGGER stats_due_update AFTER UPDATE OF status, sla_due ON cases
  WHEN NEW.status IS NOT OLD.status OR NEW.sla_due IS NOT OLD.sla_due BEGIN
  UPDATE stats_due_days SET n = n - 1 WHERE OLD.sla_due IS NOT NULL AND status = OLD.status AND due_day = OLD.sla_due;
  INSERT OR IGNORE INTO stats_due_days (status, due_day, n) SELECT NEW.status, NEW.sla_due, 0 WHERE NEW.sla_due IS NOT NULL;
  UPDATE stats_due_days SET n = n + 1 WHERE NEW.sla_due IS NOT NULL AND status = NEW.status AND due_day = NEW.sla_due;
END;
CREATE TRIGGER stats_due_delete AFTER DELETE ON cases WHEN OLD.sla_due IS NOT NULL BEGIN
  UPDATE stats_due_days SET n = n - 1 WHERE status = OLD.status AND due_day = OLD.sla_due;
END;
INSERT INTO stats_due_days (status, due_day, n) SELECT status, sla_due, count(*) FROM cases WHERE sla_due IS NOT NULL GROUP BY 1, 2;
-- The hour-by-hour series of one day reads acceptance times; 容缺 promises due read the promised day.
CREATE INDEX cases_accepted_day ON cases(accepted_at, family, item_code) WHERE accepted_at IS NOT NULL;
CREATE INDEX cases_promises ON cases(promise_date) WHERE status = 'awaiting_materials';
`;
