import type { Db } from '../open';

export interface PolicyRow {
  id: string;
  kind: string;
  regionCode: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  body: string;
  version: string;
  source: 'default' | 'central';
  updatedAt: string;
}

/** Stored policy tables; `body` is the whole validated table as JSON (PolicyTableSchema), parsed by the service. */
export class PolicyRepo {
  private readonly upsertStmt;
  private readonly allStmt;
  private readonly countStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO policy_tables(id, kind, region_code, effective_from, effective_to, body, version, source, updated_at)
       VALUES (@id, @kind, @regionCode, @effectiveFrom, @effectiveTo, @body, @version, @source, @updatedAt)
       ON CONFLICT(id) DO UPDATE SET effective_to = excluded.effective_to, body = excluded.body, version = excluded.version,
         source = excluded.source, updated_at = excluded.updated_at`,
    );
    this.allStmt = db.prepare<[], { id: string; kind: string; region_code: string; effective_from: string; effective_to: string | null; body: string; version: string; source: PolicyRow['source']; updated_at: string }>(
      'SELECT * FROM policy_tables ORDER BY kind, region_code, effective_from',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM policy_tables');
  }

  upsert(row: PolicyRow): void {
    this.upsertStmt.run(row);
  }

  all(): PolicyRow[] {
    return this.allStmt.all().map((r) => ({
      id: r.id,
      kind: r.kind,
      regionCode: r.region_code,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      body: r.body,
      version: r.version,
      source: r.source,
      updatedAt: r.updated_at,
    }));
  }

  /** Drop the shipped (source 'default') tables of a region, before the shipped set of a newer program is stored. */
  deleteDefaults(regionCode: string): number {
    return this.db.prepare("DELETE FROM policy_tables WHERE source = 'default' AND region_code = ?").run(regionCode).changes;
  }

  count(): number {
    return this.countStmt.get()!.n;
  }
}
