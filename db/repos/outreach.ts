import type { Db } from '../open';
import type { Village } from '../../shared/outreach/trips';
import type { InsuranceRecord } from '../../shared/persons';
import type { Case } from '../../shared/cases/model';
import type { CaseStatus } from '../../shared/cases/status';

/** A person as the proactive lists show them. */
export interface OutreachPerson {
  id: string;
  idNumber: string;
  name: string;
  phone: string | null;
  address: string | null;
  regionCode: string | null;
  insurance: InsuranceRecord[];
}

/** A case as the lists and the follow-up list read it, with its person. */
export interface OutreachCase {
  id: string;
  caseNo: string;
  itemCode: string;
  status: CaseStatus;
  personId: string;
  form: Record<string, unknown>;
  proxy: Case['proxy'];
  promiseDate: string | null;
  slaDue: string | null;
  acceptedAt: string | null;
  clerkId: string;
  syncState: Case['syncState'];
  syncError: string | null;
  createdAt: string;
  updatedAt: string;
  centralVersion: number | null;
  centralNote: string | null;
  /** When central approved it (the `approve` event), if it did. */
  approvedAt: string | null;
}

interface PersonRaw {
  id: string;
  id_number: string;
  name: string;
  phone: string | null;
  address: string | null;
  region_code: string | null;
  insurance: string;
}

const toPerson = (r: PersonRaw): OutreachPerson => ({
  id: r.id,
  idNumber: r.id_number,
  name: r.name,
  phone: r.phone,
  address: r.address,
  regionCode: r.region_code,
  insurance: JSON.parse(r.insurance) as InsuranceRecord[],
});

interface CaseRaw {
  id: string;
  case_no: string;
  item_code: string;
  status: CaseStatus;
  person_id: string;
  form: string;
  proxy: string | null;
  promise_date: string | null;
  sla_due: string | null;
  accepted_at: string | null;
  clerk_id: string;
  sync_state: Case['syncState'];
  sync_error: string | null;
  created_at: string;
  updated_at: string;
  central_version: number | null;
  central_note: string | null;
  approved_at: string | null;
}

const toCase = (r: CaseRaw): OutreachCase => ({
  id: r.id,
  caseNo: r.case_no,
  itemCode: r.item_code,
  status: r.status,
  personId: r.person_id,
  form: JSON.parse(r.form) as Record<string, unknown>,
  proxy: r.proxy === null ? null : (JSON.parse(r.proxy) as Case['proxy']),
  promiseDate: r.promise_date,
  slaDue: r.sla_due,
  acceptedAt: r.accepted_at,
  clerkId: r.clerk_id,
  syncState: r.sync_state,
  syncError: r.sync_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  centralVersion: r.central_version,
  centralNote: r.central_note,
  approvedAt: r.approved_at,
});

/** "Person `p` lives in one of @villages" (a JSON array of villages; null = everyone). */
const IN_VILLAGES = `(@villages IS NULL OR EXISTS (SELECT 1 FROM json_each(@villages) v
  WHERE (json_extract(v.value, '$.regionCode') IS NULL OR p.region_code = json_extract(v.value, '$.regionCode'))
    AND instr(coalesce(p.address, ''), json_extract(v.value, '$.name')) > 0))`;

const CASE_COLS = `c.id, c.case_no, c.item_code, c.status, c.person_id, c.form, c.proxy, c.promise_date, c.sla_due, c.accepted_at,
  c.clerk_id, c.sync_state, c.sync_error, c.created_at, c.updated_at, c.central_version, c.central_note,
  (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'approve') AS approved_at`;

/** The reads of the proactive work lists (主动服务) and the helpers' follow-up list (全程督办). */
export class OutreachRepo {
  private readonly personsStmt;
  private readonly personsByIdStmt;
  private readonly casesOfItemsStmt;
  private readonly casesInStatusStmt;
  private readonly casesByIdsStmt;
  private readonly ltcStmt;

  constructor(db: Db) {
    this.personsStmt = db.prepare<[{ villages: string | null }], PersonRaw>(
      `SELECT p.id, p.id_number, p.name, p.phone, p.address, p.region_code, p.insurance FROM persons p WHERE ${IN_VILLAGES} ORDER BY p.address, p.name`,
    );
    this.personsByIdStmt = db.prepare<[string], PersonRaw>(
      'SELECT p.id, p.id_number, p.name, p.phone, p.address, p.region_code, p.insurance FROM persons p WHERE p.id IN (SELECT value FROM json_each(?))',
    );
    this.casesOfItemsStmt = db.prepare<[string], CaseRaw>(
      `SELECT ${CASE_COLS} FROM cases c WHERE c.item_code IN (SELECT value FROM json_each(?)) ORDER BY c.created_at`,
    );
    this.casesInStatusStmt = db.prepare<[string], CaseRaw>(`SELECT ${CASE_COLS} FROM cases c WHERE c.status IN (SELECT value FROM json_each(?)) ORDER BY c.updated_at`);
    this.casesByIdsStmt = db.prepare<[string], CaseRaw>(`SELECT ${CASE_COLS} FROM cases c WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.updated_at DESC`);
    this.ltcStmt = db.prepare<[], { person_id: string; case_id: string; status: CaseStatus; result: string }>(
      `SELECT c.person_id, c.id AS case_id, c.status, e.result FROM case_estimates e JOIN cases c ON c.id = e.case_id
       WHERE e.kind = 'ltc_assessment' ORDER BY e.computed_at`,
    );
  }

  /** Persons living in the villages (every person when null). */
  persons(villages: readonly Village[] | null): OutreachPerson[] {
    return this.personsStmt.all({ villages: villages === null ? null : JSON.stringify(villages) }).map(toPerson);
  }

  personsById(ids: readonly string[]): Map<string, OutreachPerson> {
    if (ids.length === 0) return new Map();
    return new Map(this.personsByIdStmt.all(JSON.stringify([...new Set(ids)])).map((r) => [r.id, toPerson(r)]));
  }

  casesOfItems(itemCodes: readonly string[]): OutreachCase[] {
    return this.casesOfItemsStmt.all(JSON.stringify(itemCodes)).map(toCase);
  }

  casesInStatus(statuses: readonly CaseStatus[]): OutreachCase[] {
    return this.casesInStatusStmt.all(JSON.stringify(statuses)).map(toCase);
  }

  casesByIds(ids: readonly string[]): OutreachCase[] {
    if (ids.length === 0) return [];
    return this.casesByIdsStmt.all(JSON.stringify(ids)).map(toCase);
  }

  /** Every LTC assessment kept with a case (oldest first), with its result as stored. */
  ltcAssessments(): { personId: string; caseId: string; status: CaseStatus; result: unknown }[] {
    return this.ltcStmt.all().map((r) => ({ personId: r.person_id, caseId: r.case_id, status: r.status, result: JSON.parse(r.result) }));
  }
}
