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

/** A pending op as it goes on the wire: the payload stays the JSON text it was stored as. */
export interface PendingOp {
  seq: number;
  opId: string;
  kind: string;
  caseId: string | null;
  /** The payload's JSON text, as written by append(). */
  payloadJson: string;
  baseVersion: number | null;
  createdAt: string;
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
export interface RejectedOp {
  seq: number;
  opId: string;
  kind: string;
  caseId: string | null;
  code: string | null;
  message: string | null;
  doneAt: string | null;
}

export class OutboxRepo {
  private readonly insertStmt;
  private readonly pendingStmt;
  private readonly pendingAfterStmt;
  private readonly pendingCountStmt;
  private readonly markStmt;
  private readonly attemptStmt;
  private readonly pendingForCaseStmt;
  private readonly rejectedStmt;
  private readonly byOpIdStmt;
  private readonly maxSeqStmt;
  private readonly rejectedCountStmt;
  private readonly personOpStmt;


  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox(op_id, kind, case_id, payload, base_version, created_at)
       VALUES (@opId, @kind, @caseId, @payload, @baseVersion, @createdAt)`,
    );
    this.pendingStmt = db.prepare<[number], Raw>(
      `SELECT seq, op_id, kind, case_id, payload, base_version, created_at, state, attempts
       FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`,
    );
    this.pendingAfterStmt = db.prepare<[number, number], Raw>(
      `SELECT seq, op_id, kind, case_id, payload, base_version, created_at, state, attempts
       FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.pendingCountStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
    this.markStmt = db.prepare(
      `UPDATE outbox SET state = @state, result_code = @code, result_message = @message, done_at = @doneAt, last_error = NULL
       WHERE seq = @seq AND state = 'pending'`,
    );
    this.attemptStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = @error WHERE seq = @seq');
    this.pendingForCaseStmt = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE case_id = ? AND state = 'pending'");
    // A refusal still stands while its case says so (sync_state 'rejected'): one the station fixed by itself (the
    // person sent first) or a clerk corrected and sent again is history, not work.
    this.rejectedStmt = db.prepare<[number], { seq: number; op_id: string; kind: string; case_id: string | null; result_code: string | null; result_message: string | null; done_at: string | null }>(
      `SELECT o.seq, o.op_id, o.kind, o.case_id, o.result_code, o.result_message, o.done_at FROM outbox o
        WHERE o.state = 'rejected' AND (o.case_id IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = o.case_id AND c.sync_state = 'rejected'))
        ORDER BY o.seq DESC LIMIT ?`,
    );
    this.byOpIdStmt = db.prepare<[string], Raw>('SELECT seq, op_id, kind, case_id, payload, base_version, created_at, state, attempts FROM outbox WHERE op_id = ?');
    this.maxSeqStmt = db.prepare<[], { m: number | null }>('SELECT max(seq) AS m FROM outbox');
    this.rejectedCountStmt = db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM outbox o
        WHERE o.state = 'rejected' AND (o.case_id IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = o.case_id AND c.sync_state = 'rejected'))`,
    );
    this.personOpStmt = db.prepare<[string], { state: OutboxOp['state'] }>(
      "SELECT state FROM outbox WHERE kind = 'person.registered' AND json_extract(payload, '$.person.id') = ? ORDER BY seq DESC LIMIT 1",
    );
  }

  /** Record central's answer for a pending op; false when it was already settled. */
  markDone(seq: number, state: 'applied' | 'duplicate' | 'rejected', code: string | null, message: string | null, doneAt: string): boolean {
    return this.markStmt.run({ seq, state, code, message, doneAt }).changes === 1;
  }

  noteAttempt(seq: number, error: string | null): void {
    this.attemptStmt.run({ seq, error });
  }

  pendingForCase(caseId: string): number {
    return this.pendingForCaseStmt.get(caseId)!.n;
  }

  rejected(limit: number): RejectedOp[] {
    return this.rejectedStmt.all(limit).map((r) => ({ seq: r.seq, opId: r.op_id, kind: r.kind, caseId: r.case_id, code: r.result_code, message: r.result_message, doneAt: r.done_at }));
  }

  rejectedCount(): number {
    return this.rejectedCountStmt.get()!.n;
  }

  /** The state of the station's latest `person.registered` op for the person, or null when it never sent one. */
  personOpState(personId: string): OutboxOp['state'] | null {
    return this.personOpStmt.get(personId)?.state ?? null;
  }

  byOpId(opId: string): OutboxOp | null {
    const r = this.byOpIdStmt.get(opId);
    return r ? toOp(r) : null;
  }

  maxSeq(): number {
    return this.maxSeqStmt.get()!.m ?? 0;
  }

  /** Append an op; returns its seq. */
  append(op: { opId: string; kind: string; caseId: string | null; payload: unknown; baseVersion: number | null; createdAt: string }): number {
    const r = this.insertStmt.run({ ...op, payload: JSON.stringify(op.payload) });
    return Number(r.lastInsertRowid);
  }

  pending(limit: number): OutboxOp[] {
    return this.pendingStmt.all(limit).map(toOp);
  }

  /** Pending ops after `seq`, in order, with their payloads as stored (for the push, which sends them as they are). */
  pendingAfter(seq: number, limit: number): PendingOp[] {
    return this.pendingAfterStmt.all(seq, limit).map((r) => ({
      seq: r.seq,
      opId: r.op_id,
      kind: r.kind,
      caseId: r.case_id,
      payloadJson: r.payload,
      baseVersion: r.base_version,
      createdAt: r.created_at,
    }));
  }

  pendingCount(): number {
    return this.pendingCountStmt.get()!.n;
  }
}
