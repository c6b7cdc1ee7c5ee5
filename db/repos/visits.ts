import type { Db } from '../open';
import type { Visit } from '../../shared/outreach/visits';

/** Visit records (三送一听), the record as JSON with its trip and person as columns (migration 0012). */
export class VisitsRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly ofTripStmt;
  private readonly ofPersonStmt;
  private readonly pendingStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO visits(id, version, trip_id, person_id, visited_at, recorded_by, body, updated_at)
       VALUES (@id, @version, @tripId, @personId, @visitedAt, @recordedBy, @body, @updatedAt)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE visits SET version = @version, body = @body, updated_at = @updatedAt WHERE id = @id AND version = @version - 1`,
    );
    this.byIdStmt = db.prepare<[string], { body: string }>('SELECT body FROM visits WHERE id = ?');
    this.ofTripStmt = db.prepare<[string], { body: string }>('SELECT body FROM visits WHERE trip_id = ? ORDER BY visited_at DESC, id DESC');
    this.ofPersonStmt = db.prepare<[string], { body: string }>('SELECT body FROM visits WHERE person_id = ? ORDER BY visited_at DESC, id DESC');
    this.pendingStmt = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM outbox WHERE kind = 'visit.recorded' AND state = 'pending'
         AND json_extract(payload, '$.visit.id') IN (SELECT value FROM json_each(?))`,
    );
  }

  insert(v: Visit): void {
    this.insertStmt.run({ id: v.id, version: v.version, tripId: v.tripId, personId: v.personId, visitedAt: v.visitedAt, recordedBy: v.recordedBy, body: JSON.stringify(v), updatedAt: v.updatedAt });
  }

  /** Replace a record by its next version; false when the stored version is not `v.version − 1`. */
  update(v: Visit): boolean {
    return this.updateStmt.run({ id: v.id, version: v.version, body: JSON.stringify(v), updatedAt: v.updatedAt }).changes === 1;
  }

  byId(id: string): Visit | null {
    const r = this.byIdStmt.get(id);
    return r ? (JSON.parse(r.body) as Visit) : null;
  }

  ofTrip(tripId: string): Visit[] {
    return this.ofTripStmt.all(tripId).map((r) => JSON.parse(r.body) as Visit);
  }

  ofPerson(personId: string): Visit[] {
    return this.ofPersonStmt.all(personId).map((r) => JSON.parse(r.body) as Visit);
  }

  /** How many `visit.recorded` ops of these visits central has not had yet. */
  pendingOps(visitIds: readonly string[]): number {
    return visitIds.length === 0 ? 0 : this.pendingStmt.get(JSON.stringify(visitIds))!.n;
  }
}
