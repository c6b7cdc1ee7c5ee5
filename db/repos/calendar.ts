import type { Db } from '../open';

export interface CalendarDayRow {
  date: string;
  kind: 'off' | 'workday';
}

/** The official working-day calendar as stored rows (off days and make-up working days) plus the years covered. */
export class CalendarRepo {
  private readonly daysStmt;
  private readonly yearsStmt;
  private readonly deleteYearStmt;
  private readonly insertDayStmt;
  private readonly upsertYearStmt;

  constructor(db: Db) {
    this.daysStmt = db.prepare<[], CalendarDayRow>('SELECT date, kind FROM calendar_days ORDER BY date');
    this.yearsStmt = db.prepare<[], { year: number; source: string }>('SELECT year, source FROM calendar_years ORDER BY year');
    this.deleteYearStmt = db.prepare<[string]>("DELETE FROM calendar_days WHERE substr(date, 1, 4) = ?");
    this.insertDayStmt = db.prepare('INSERT INTO calendar_days(date, kind) VALUES (@date, @kind)');
    this.upsertYearStmt = db.prepare(
      'INSERT INTO calendar_years(year, source) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET source = excluded.source',
    );
  }

  days(): CalendarDayRow[] {
    return this.daysStmt.all();
  }

  years(): { year: number; source: string }[] {
    return this.yearsStmt.all();
  }

  /** Replace one year's data (call inside a transaction). */
  replaceYear(year: number, source: string, days: readonly CalendarDayRow[]): void {
    this.deleteYearStmt.run(String(year));
    for (const d of days) this.insertDayStmt.run(d);
    this.upsertYearStmt.run(year, source);
  }
}
