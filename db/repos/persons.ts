import type { Db } from '../open';
import type { Person, PersonSummary } from '../../shared/persons';

interface Raw {
  id: string;
  id_number: string;
  id_kind: Person['idKind'];
  name: string;
  name_pinyin: string;
  name_initials: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone: string | null;
  region_code: string | null;
  address: string | null;
  flags: string;
  insurance: string;
  source: Person['source'];
  created_at: string;
  updated_at: string;
}

const toPerson = (r: Raw): Person => ({
  id: r.id,
  idNumber: r.id_number,
  idKind: r.id_kind,
  name: r.name,
  namePinyin: r.name_pinyin,
  nameInitials: r.name_initials,
  sex: r.sex,
  birthDate: r.birth_date,
  phone: r.phone,
  regionCode: r.region_code,
  address: r.address,
  flags: JSON.parse(r.flags) as Person['flags'],
  insurance: JSON.parse(r.insurance) as Person['insurance'],
  source: r.source,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type SummaryRaw = Pick<Raw, 'id' | 'id_number' | 'name' | 'sex' | 'birth_date' | 'phone' | 'flags'>;
const toSummary = (r: SummaryRaw): PersonSummary => ({
  id: r.id,
  idNumber: r.id_number,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  phone: r.phone,
  flags: JSON.parse(r.flags) as PersonSummary['flags'],
});

const toParams = (p: Person) => ({
  id: p.id,
  idNumber: p.idNumber,
  idKind: p.idKind,
  name: p.name,
  namePinyin: p.namePinyin,
  nameInitials: p.nameInitials,
  sex: p.sex,
  birthDate: p.birthDate,
  phone: p.phone,
  regionCode: p.regionCode,
  address: p.address,
  flags: JSON.stringify(p.flags),
  insurance: JSON.stringify(p.insurance),
  source: p.source,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/**
 * What someone typed in a search box, split into name terms (matched in full text over the name and its
 * pinyin) and number terms (a prefix of an ID number or a phone).
 */
export interface SearchTerms {
  /** FTS5 MATCH expression: every name term a quoted prefix query, all required; null when there are none. */
  match: string | null;
  /** The first number-like term, upper-cased (ID numbers end in X). */
  number: string | null;
  /** Further number-like terms, each also required as a prefix of the ID number or phone. */
  moreNumbers: string[];
}

const NUMBER_TERM = /^[0-9][0-9-]*[0-9Xx]?$/;

export function parseSearch(text: string): SearchTerms | null {
  const terms = text
    .normalize('NFKC')
    .split(/\s+/)
    .map((t) => t.replace(/["*^:(){}[\]]/g, '').trim())
    .filter((t) => t.length > 0);
  if (terms.length === 0) return null;
  const numbers = terms.filter((t) => NUMBER_TERM.test(t)).map((t) => t.replace(/-/g, '').toUpperCase());
  const words = terms.filter((t) => !NUMBER_TERM.test(t));
  return {
    match: words.length > 0 ? words.map((t) => `"${t}"*`).join(' AND ') : null,
    number: numbers[0] ?? null,
    moreNumbers: numbers.slice(1),
  };
}

const SUMMARY_COLS = 'p.id, p.id_number, p.name, p.sex, p.birth_date, p.phone, p.flags';

export class PersonsRepo {
  private readonly insertStmt;
  private readonly insertManyStmt;
  private readonly upsertStmt;
  private readonly byIdStmt;
  private readonly byIdNumberStmt;
  private readonly searchStmts = new Map<string, ReturnType<Db['prepare']>>();
  private readonly countStmt;
  private readonly summariesStmt;
  private readonly summaryStmt;
  private readonly deleteUnusedStmt;

  constructor(private readonly db: Db) {
    const cols = `id, id_number, id_kind, name, name_pinyin, name_initials, sex, birth_date, phone, region_code, address, flags, insurance, source, created_at, updated_at`;
    const vals = `@id, @idNumber, @idKind, @name, @namePinyin, @nameInitials, @sex, @birthDate, @phone, @regionCode, @address, @flags, @insurance, @source, @createdAt, @updatedAt`;
    this.insertStmt = db.prepare(`INSERT INTO persons(${cols}) VALUES (${vals})`);
    const fromJson = vals.replace(/@(\w+)/g, "value->>'$1'");
    this.insertManyStmt = db.prepare<[string]>(`INSERT INTO persons(${cols}) SELECT ${fromJson} FROM json_each(?)`);
    // A roster row updates the person in place (keeping the station's id); a window-made person stays 'window'
    // only until the roster knows them.
    this.upsertStmt = db.prepare(
      `INSERT INTO persons(${cols}) VALUES (${vals})
       ON CONFLICT(id_number) DO UPDATE SET
         id_kind = excluded.id_kind, name = excluded.name, name_pinyin = excluded.name_pinyin,
         name_initials = excluded.name_initials, sex = excluded.sex, birth_date = excluded.birth_date,
         phone = coalesce(excluded.phone, persons.phone), region_code = excluded.region_code,
         address = coalesce(excluded.address, persons.address), flags = excluded.flags,
         insurance = excluded.insurance, source = excluded.source, updated_at = excluded.updated_at
       WHERE persons.name IS NOT excluded.name OR persons.flags IS NOT excluded.flags
          OR persons.insurance IS NOT excluded.insurance OR persons.phone IS NOT coalesce(excluded.phone, persons.phone)
          OR persons.region_code IS NOT excluded.region_code OR persons.source IS NOT excluded.source
          OR persons.address IS NOT coalesce(excluded.address, persons.address)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>('SELECT * FROM persons WHERE id = ?');
    this.byIdNumberStmt = db.prepare<[string], Raw>('SELECT * FROM persons WHERE id_number = ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM persons');
    this.deleteUnusedStmt = db.prepare(
      `DELETE FROM persons WHERE id_number = ? AND source = 'roster'
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = persons.id)
         AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.person_id = persons.id)`,
    );
    this.summariesStmt = db.prepare<[string], SummaryRaw>(
      `SELECT ${SUMMARY_COLS} FROM persons p WHERE p.id IN (SELECT value FROM json_each(?))`,
    );
    this.summaryStmt = db.prepare<[string], SummaryRaw>(`SELECT ${SUMMARY_COLS} FROM persons p WHERE p.id = ?`);
  }

  insert(p: Person): void {
    this.insertStmt.run(toParams(p));
  }

  /**
   * Several new persons in ONE statement, in order. Inside a longer transaction this matters for the name index:
   * every statement that opens a statement journal makes FTS5 flush its pending entries as a new segment, so
   * persons inserted one statement each (between other writes) cost one FTS segment — and its merges — apiece.
   */
  insertMany(persons: readonly Person[]): void {
    if (persons.length === 0) return;
    this.insertManyStmt.run(JSON.stringify(persons.map(toParams)));
  }

  /** The person's name (with its pinyin), phone and address as corrected at the window. */
  setContact(id: string, c: Pick<Person, 'name' | 'namePinyin' | 'nameInitials' | 'phone' | 'address' | 'updatedAt'>): boolean {
    return (
      this.db
        .prepare('UPDATE persons SET name = @name, name_pinyin = @namePinyin, name_initials = @nameInitials, phone = @phone, address = @address, updated_at = @updatedAt WHERE id = @id')
        .run({ id, ...c }).changes === 1
    );
  }

  /** The person's insurance records as a decision of central left them. */
  setInsurance(id: string, insurance: Person['insurance'], updatedAt: string): boolean {
    return this.db.prepare('UPDATE persons SET insurance = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(insurance), updatedAt, id).changes === 1;
  }

  /** Insert or update by ID number; returns true when a row was written. */
  upsert(p: Person): boolean {
    return this.upsertStmt.run(toParams(p)).changes > 0;
  }

  byId(id: string): Person | null {
    const r = this.byIdStmt.get(id);
    return r ? toPerson(r) : null;
  }

  byIdNumber(idNumber: string): Person | null {
    const r = this.byIdNumberStmt.get(idNumber);
    return r ? toPerson(r) : null;
  }

  /**
   * Search by name / pinyin / initials (full-text prefix) and by ID-number or phone prefix (B-tree ranges).
   * All typed terms must match.
   */
  search(text: string, limit: number): PersonSummary[] {
    const t = parseSearch(text);
    if (t === null) return [];
    const numberCond = (i: number) => `((p.id_number >= @n${i} AND p.id_number < @n${i}e) OR (p.phone >= @n${i} AND p.phone < @n${i}e))`;
    const nums = t.number === null ? [] : [t.number, ...t.moreNumbers];
    const key = `${t.match !== null}|${nums.length}`;
    let stmt = this.searchStmts.get(key);
    if (!stmt) {
      const conds = nums.map((_, i) => numberCond(i));
      let sql: string;
      if (t.match !== null) {
        sql = `SELECT ${SUMMARY_COLS} FROM persons_fts f JOIN persons p ON p.rowid = f.rowid WHERE persons_fts MATCH @match${conds.map((c) => ` AND ${c}`).join('')} LIMIT @limit`;
      } else {
        // Two index range scans (ID number, phone) instead of one OR over the table.
        const rest = conds.slice(1).map((c) => ` AND ${c}`).join('');
        sql = `SELECT ${SUMMARY_COLS} FROM persons p WHERE p.id_number >= @n0 AND p.id_number < @n0e${rest}
               UNION
               SELECT ${SUMMARY_COLS} FROM persons p WHERE p.phone >= @n0 AND p.phone < @n0e${rest}
               LIMIT @limit`;
      }
      stmt = this.db.prepare(sql);
      this.searchStmts.set(key, stmt);
    }
    const params: Record<string, unknown> = { limit };
    if (t.match !== null) params.match = t.match;
    nums.forEach((n, i) => {
      params[`n${i}`] = n;
      params[`n${i}e`] = `${n}\uffff`;
    });
    return (stmt.all(params) as SummaryRaw[]).map(toSummary);
  }

  /** Ids of persons matching a search (for filtering the queue by person). */
  searchIds(text: string, limit: number): string[] {
    return this.search(text, limit).map((p) => p.id);
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  /** Drop a roster person central removed, unless the station has cases or tickets for them (then they stay). */
  deleteIfUnused(idNumber: string): boolean {
    return this.deleteUnusedStmt.run(idNumber).changes > 0;
  }

  /** One person's summary by primary key (the write path and the case view; cheaper than a one-id `summaries`). */
  summary(id: string): PersonSummary | null {
    const r = this.summaryStmt.get(id);
    return r ? toSummary(r) : null;
  }

  summaries(ids: readonly string[]): Map<string, PersonSummary> {
    const out = new Map<string, PersonSummary>();
    if (ids.length === 0) return out;
    for (const r of this.summariesStmt.all(JSON.stringify(ids))) out.set(r.id, toSummary(r));
    return out;
  }
}
