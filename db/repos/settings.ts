import type { Db } from '../open';

/** Station settings (code, name, region, central URL …) as key/value text. */
export class SettingsRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.allStmt = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key');
  }

  get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  all(): Record<string, string> {
    return Object.fromEntries(this.allStmt.all().map((r) => [r.key, r.value]));
  }
}
