import type { Db } from '../open';

export interface CatalogRow {
  code: string;
  family: string;
  body: string;
  version: number;
  source: 'default' | 'central';
  updatedAt: string;
}

/** Stored catalog items; bodies are validated JSON (CatalogItemSchema) parsed by the service. */
export class CatalogRepo {
  private readonly upsertStmt;
  private readonly allStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO catalog_items(code, family, body, version, source, updated_at)
       VALUES (@code, @family, @body, @version, @source, @updatedAt)
       ON CONFLICT(code) DO UPDATE SET family = excluded.family, body = excluded.body, version = excluded.version,
         source = excluded.source, updated_at = excluded.updated_at`,
    );
    this.allStmt = db.prepare<[], { code: string; family: string; body: string; version: number; source: CatalogRow['source']; updated_at: string }>(
      'SELECT * FROM catalog_items ORDER BY family, code',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalog_items');
  }

  upsert(row: CatalogRow): void {
    this.upsertStmt.run(row);
  }

  all(): CatalogRow[] {
    return this.allStmt.all().map((r) => ({ code: r.code, family: r.family, body: r.body, version: r.version, source: r.source, updatedAt: r.updated_at }));
  }

  count(): number {
    return this.countStmt.get()!.n;
  }
}
