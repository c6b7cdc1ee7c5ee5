import type { Db } from '../open';

/** The sync engine's own key/value state (station credential, cursors, last outcome) as key/value text. */
export class SyncMetaRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM sync_meta WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO sync_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.delStmt = db.prepare('DELETE FROM sync_meta WHERE key = ?');
  }

  get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.delStmt.run(key);
    else this.setStmt.run(key, value);
  }
}
