import type { Db } from '../open';

export interface OutboxOp {
  seq: number;
  opId: string;
  kind: string;
  caseId: string | null;
  payload: unknown;
  baseVersion: number | null;
  createdAt: string;
  state: 'pending' | 'applied' | 'duplicate' | 'rejected';
  attempts: number;
}

interface Raw {
  seq: number;
  op_id: string;
  kind: string;
  case_id: string | null;
  payload: string;
  base_version: number | null;
  created_at: string;
  state: OutboxOp['state'];
  attempts: number;
}

const toOp = (r: Raw): OutboxOp => ({
  seq: r.seq,
  opId: r.op_id,
  kind: r.kind,
  caseId: r.case_id,
  payload: JSON.parse(r.payload),
  baseVersion: r.base_version,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
});

/** Ops waiting for central, written in the same transaction as the change they describe. */
export class OutboxRepo {
  private readonly insertStmt;
  private readonly pendingStmt;
  private readonly pendingCountStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox(op_id, kind, case_id, payload, base_version, created_at)
       VALUES (@opId, @kind, @caseId, @payload, @baseVersion, @createdAt)`,
    );
    this.pendingStmt = db.prepare<[number], Raw>(
      `SELECT seq, op_id, kind, case_id, payload, base_version, created_at, state, attempts
       FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`,
    );
    this.pendingCountStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
  }

  /** Append an op; returns its seq. */
  append(op: { opId: string; kind: string; caseId: string | null; payload: unknown; baseVersion: number | null; createdAt: string }): number {
    const r = this.insertStmt.run({ ...op, payload: JSON.stringify(op.payload) });
    return Number(r.lastInsertRowid);
  }

  pending(limit: number): OutboxOp[] {
    return this.pendingStmt.all(limit).map(toOp);
  }

  pendingCount(): number {
    return this.pendingCountStmt.get()!.n;
  }
}
