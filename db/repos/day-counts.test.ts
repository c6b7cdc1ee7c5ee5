import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../open';
import { createRepos, type Repos } from './index';
import type { Case, CaseEvent } from '../../shared/cases/model';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): { db: Db; repos: Repos } {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-counts-'));
  dirs.push(dir);
  const db = openStore(join(dir, 'station.sqlite'));
  db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, 'c', 'c', 'clerk', 'h', 't', 't')").run(CLERK);
  db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES (?, '1', 'resident', 'n', 'n', 'n', 'window', 't', 't')").run(PERSON);
  return { db, repos: createRepos(db) };
}

const CLERK = '01930000-0000-7000-8000-000000000001';
const PERSON = '01930000-0000-7000-8000-000000000002';
const caseId = (n: number) => `01930000-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`;

function aCase(n: number, over: Partial<Case>): Case {
  return {
    id: caseId(n),
    caseNo: `S-${n}`,
    family: 'reimbursement',
    itemCode: 'outpatient_reimbursement',
    personId: PERSON,
    proxy: null,
    status: 'accepted',
    version: 1,
    form: {},
    materials: [],
    promiseDate: null,
    acceptedAt: null,
    slaDue: null,
    clerkId: CLERK,
    stationCode: 'S',
    syncState: 'pending',
    syncError: null,
    createdAt: '2026-11-23T08:00:00.000+08:00',
    updatedAt: '2026-11-23T08:00:00.000+08:00',
    ...over,
  };
}

function event(n: number, c: number, kind: CaseEvent['kind'], at: string): CaseEvent {
  return { id: caseId(50 + n), caseId: caseId(c), at, actorId: null, actorName: '中心', actorRole: 'central', kind, fromStatus: 'approved', toStatus: 'completed', reason: null, data: {} };
}

/** The aggregates as counted from scratch, with the statements migration 0010 filled them with. */
function recount(db: Db) {
  return {
    intake: db.prepare("SELECT substr(accepted_at, 1, 10) AS day, family, item_code, count(*) AS n FROM cases WHERE accepted_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").all(),
    due: db.prepare('SELECT status, sla_due AS due_day, count(*) AS n FROM cases WHERE sla_due IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2').all(),
    completion: db
      .prepare(
        `SELECT substr(e.at, 1, 10) AS day, count(*) AS completed, coalesce(sum(substr(e.at, 1, 10) <= coalesce(c.sla_due, substr(c.accepted_at, 1, 10))), 0) AS on_time
         FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.kind = 'complete' GROUP BY 1 ORDER BY 1`,
      )
      .all(),
  };
}

function kept(db: Db) {
  return {
    intake: db.prepare('SELECT day, family, item_code, n FROM stats_intake_days WHERE n > 0 ORDER BY 1, 2, 3').all(),
    due: db.prepare('SELECT status, due_day, n FROM stats_due_days WHERE n > 0 ORDER BY 1, 2').all(),
    completion: db.prepare('SELECT day, completed, on_time FROM stats_completion_days ORDER BY 1').all(),
  };
}

describe('daily aggregates counted on insert', () => {
  it('count what the repositories insert and what the triggers see change, equal to a recount of the cases and events', () => {
    const { db, repos } = store();
    // No insert trigger is left to count twice (migration 0014); the triggers for changes stay.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats_%' ORDER BY name").pluck().all()).toEqual([
      'stats_due_delete',
      'stats_due_update',
      'stats_intake_update',
    ]);

    repos.cases.insert(aCase(1, { acceptedAt: '2026-11-23T09:00:00.000+08:00', slaDue: '2026-12-07' }));
    repos.cases.insert(aCase(2, { status: 'draft' }));
    repos.cases.insert(aCase(3, { acceptedAt: '2026-11-23T10:00:00.000+08:00' }));
    repos.cases.insert(aCase(4, { family: 'enrollment', itemCode: 'resident_enrollment', acceptedAt: '2026-11-23T11:00:00.000+08:00', slaDue: '2026-12-07' }));
    expect(kept(db).intake).toEqual([
      { day: '2026-11-23', family: 'enrollment', item_code: 'resident_enrollment', n: 1 },
      { day: '2026-11-23', family: 'reimbursement', item_code: 'outpatient_reimbursement', n: 2 },
    ]);
    expect(kept(db).due).toEqual([{ status: 'accepted', due_day: '2026-12-07', n: 2 }]);

    // A draft accepted the next day, a case moving on: counted by the triggers of 0010.
    db.prepare("UPDATE cases SET status = 'accepted', accepted_at = '2026-11-24T09:00:00.000+08:00', sla_due = '2026-11-25' WHERE id = ?").run(caseId(2));
    db.prepare("UPDATE cases SET status = 'submitted' WHERE id = ?").run(caseId(1));

    repos.events.append(event(1, 1, 'complete', '2026-12-07T16:00:00.000+08:00')); // on its due day
    repos.events.append(event(2, 2, 'complete', '2026-12-07T16:00:00.000+08:00')); // late
    repos.events.append(event(3, 3, 'complete', '2026-11-23T11:00:00.000+08:00')); // no due day: on the acceptance day
    repos.events.append({ ...event(4, 3, 'hand_out', '2026-11-23T12:00:00.000+08:00'), actorRole: 'clerk' }); // not a completion
    expect(kept(db).completion).toEqual([
      { day: '2026-11-23', completed: 1, on_time: 1 },
      { day: '2026-12-07', completed: 2, on_time: 1 },
    ]);
    expect(kept(db)).toEqual(recount(db));
  });

  it('counts nothing of an insert that rolls back', () => {
    const { db, repos } = store();
    repos.cases.insert(aCase(1, { acceptedAt: '2026-11-23T09:00:00.000+08:00', slaDue: '2026-12-07' }));
    const before = kept(db);
    const tx = db.transaction(() => {
      repos.cases.insert(aCase(2, { acceptedAt: '2026-11-23T10:00:00.000+08:00', slaDue: '2026-12-07' }));
      repos.events.append(event(1, 1, 'complete', '2026-12-01T16:00:00.000+08:00'));
      // The same case number again: refused, the transaction rolls back whole.
      repos.cases.insert(aCase(3, { caseNo: 'S-1', acceptedAt: '2026-11-23T11:00:00.000+08:00' }));
    });
    expect(() => tx()).toThrow(/UNIQUE/);
    expect(kept(db)).toEqual(before);
    expect(kept(db)).toEqual(recount(db));
  });
});
