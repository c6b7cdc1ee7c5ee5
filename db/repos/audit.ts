import { hash as digest } from 'node:crypto';
import type { Db } from '../open';
import type { AuditAction } from '../../shared/audit';

interface AuditFields {
  at: string;
  actorId: string | null;
  actorName: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}

/** A row to append: its action one of today's names (shared/audit). */
export interface AuditEntry extends AuditFields {
  /** What happened, e.g. `case.accept`, `person.read`, `user.create`. */
  action: AuditAction;
}

/** A stored row: its action as written then (older versions wrote some names differently: `auditActionOf`). */
export interface AuditRow extends AuditFields {
  action: string;
  id: number;
  prevHash: string;
  hash: string;
}

interface Raw {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one audit row: sha256 over the previous hash and the row's fields, unambiguously joined. */
export function auditHash(prevHash: string, e: Omit<AuditFields, 'detail'> & { action: string; detail: string }): string {
  const fields = [prevHash, e.at, e.actorId ?? '', e.actorName, e.action, e.entity, e.entityId ?? '', e.detail];
  return digest('sha256', JSON.stringify(fields), 'hex');
}

/** Where a walk of the chain found it broken. */
export type ChainBreakKind = 'row_changed' | 'chain_broken' | 'verified_row_missing' | 'verified_row_changed';

export type ChainCheck =
  | { ok: true; rows: number; last: { id: number; hash: string } | null }
  | { ok: false; rows: number; brokenAt: number; kind: ChainBreakKind };

/** Filters of the supervisor's 审计 screen (all optional, combined with AND). */
export interface AuditFilter {
  actorId?: string;
  /** Rows about this person: naming them as the entity, listing them among the persons shown, or about one of their cases. */
  personId?: string;
  /** Stored action names (today's and the legacy names that mean the same). */
  actions?: readonly string[];
  /** Instants (ISO text with +08:00): from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export interface AuditBreakRow {
  id: number;
  detectedAt: string;
  rowId: number;
  kind: ChainBreakKind;
  detail: Record<string, unknown>;
  reportedAt: string | null;
}

function recompute(prev: string, r: Raw): string {
  return auditHash(prev, { at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail });
}

/** The audit log: append-only, each row carrying the hash of the previous one. */
export class AuditRepo {
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly recentStmt;
  private readonly headStmt;
  private readonly byIdStmt;
  private readonly afterStmt;
  private readonly prevStmt;
  private readonly breakInsertStmt;
  private readonly breaksStmt;
  private readonly breakSeenStmt;
  private readonly breakReportedStmt;
  private readonly queryStmts = new Map<string, { rows: ReturnType<Db['prepare']>; before: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }>();

  constructor(private readonly db: Db) {
    this.lastStmt = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log(at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash)
       VALUES (@at, @actorId, @actorName, @action, @entity, @entityId, @detail, @prevHash, @hash)`,
    );
    this.recentStmt = db.prepare<[number], Raw>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
    this.headStmt = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.byIdStmt = db.prepare<[number], Raw>('SELECT * FROM audit_log WHERE id = ?');
    this.afterStmt = db.prepare<[number], Raw>('SELECT * FROM audit_log WHERE id > ? ORDER BY id');
    this.prevStmt = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1');
    this.breakInsertStmt = db.prepare('INSERT INTO audit_breaks(detected_at, row_id, kind, detail) VALUES (?, ?, ?, ?)');
    this.breaksStmt = db.prepare<[], { id: number; detected_at: string; row_id: number; kind: ChainBreakKind; detail: string; reported_at: string | null }>(
      'SELECT * FROM audit_breaks ORDER BY id',
    );
    this.breakSeenStmt = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM audit_breaks WHERE row_id = ? AND kind = ?');
    this.breakReportedStmt = db.prepare('UPDATE audit_breaks SET reported_at = ? WHERE id = ? AND reported_at IS NULL');
  }

  /** The last row (seq and hash), or null for an empty log: what the station tells central. */
  head(): { seq: number; hash: string } | null {
    const r = this.headStmt.get();
    return r ? { seq: r.id, hash: r.hash } : null;
  }

  byId(id: number): AuditRow | null {
    const r = this.byIdStmt.get(id);
    return r ? toRow(r) : null;
  }

  /**
   * Walk the chain from a verified row (`from`: its id and the hash it had then; null: from the start): that row
   * must still be there, unchanged; every row after it must follow the one before (ids without gaps, prev_hash the
   * previous hash) and hash to its own hash. Reads rows as they come (no whole log in memory).
   */
  verifyFrom(from: { id: number; hash: string } | null): ChainCheck {
    let prev = GENESIS_HASH;
    let prevId = 0;
    if (from) {
      const r = this.byIdStmt.get(from.id);
      if (!r) return { ok: false, rows: 0, brokenAt: from.id, kind: 'verified_row_missing' };
      const before = this.prevStmt.get(from.id)?.hash ?? GENESIS_HASH;
      if (r.hash !== from.hash || r.prev_hash !== before || recompute(before, r) !== r.hash) return { ok: false, rows: 0, brokenAt: from.id, kind: 'verified_row_changed' };
      prev = r.hash;
      prevId = r.id;
    }
    let n = 0;
    let last = from;
    for (const r of this.afterStmt.iterate(prevId)) {
      if (r.id !== prevId + 1 || r.prev_hash !== prev) return { ok: false, rows: n, brokenAt: r.id, kind: 'chain_broken' };
      if (recompute(prev, r) !== r.hash) return { ok: false, rows: n, brokenAt: r.id, kind: 'row_changed' };
      prev = r.hash;
      prevId = r.id;
      last = { id: r.id, hash: r.hash };
      n += 1;
    }
    return { ok: true, rows: n, last };
  }

  /** Record a break once (the same row and kind found again is not a new break). True when it is new. */
  recordBreak(detectedAt: string, rowId: number, kind: ChainBreakKind, detail: Record<string, unknown>): boolean {
    if (this.breakSeenStmt.get(rowId, kind)!.n > 0) return false;
    this.breakInsertStmt.run(detectedAt, rowId, kind, JSON.stringify(detail));
    return true;
  }

  breaks(): AuditBreakRow[] {
    return this.breaksStmt.all().map((b) => ({ id: b.id, detectedAt: b.detected_at, rowId: b.row_id, kind: b.kind, detail: JSON.parse(b.detail) as Record<string, unknown>, reportedAt: b.reported_at }));
  }

  markBreakReported(id: number, at: string): void {
    this.breakReportedStmt.run(at, id);
  }

  private queryStatements(f: AuditFilter) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.actorId) {
      where.push('a.actor_id = @actorId');
      params.actorId = f.actorId;
    }
    if (f.personId) {
      where.push(
        `((a.entity = 'person' AND a.entity_id = @personId)
          OR (a.entity = 'case' AND a.entity_id IN (SELECT id FROM cases WHERE person_id = @personId))
          OR EXISTS (SELECT 1 FROM json_each(a.detail, '$.personIds') j WHERE j.value = @personId))`,
      );
      params.personId = f.personId;
    }
    if (f.actions && f.actions.length > 0) {
      where.push(`a.action IN (${f.actions.map((_, i) => `@action${i}`).join(',')})`);
      f.actions.forEach((a, i) => (params[`action${i}`] = a));
    }
    if (f.from) {
      where.push('a.at >= @from');
      params.from = f.from;
    }
    if (f.to) {
      where.push('a.at < @to');
      params.to = f.to;
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    let stmts = this.queryStmts.get(whereSql);
    if (!stmts) {
      stmts = {
        rows: this.db.prepare(`SELECT a.* FROM audit_log a ${whereSql} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`),
        before: this.db.prepare(`SELECT a.* FROM audit_log a ${whereSql ? `${whereSql} AND` : 'WHERE'} a.id < @before ORDER BY a.id DESC LIMIT @limit`),
        count: this.db.prepare(`SELECT count(*) AS n FROM audit_log a ${whereSql}`),
      };
      if (this.queryStmts.size > 64) this.queryStmts.clear();
      this.queryStmts.set(whereSql, stmts);
    }
    return { stmts, params };
  }

  /** Rows matching a filter, newest first. */
  query(f: AuditFilter, offset: number, limit: number): AuditRow[] {
    const { stmts, params } = this.queryStatements(f);
    return (stmts.rows.all({ ...params, offset, limit }) as Raw[]).map(toRow);
  }

  /**
   * Rows matching a filter with a seq below `before`, newest first: a long read (an export) page by page, each page
   * found by the primary key however deep it is, and rows appended meanwhile (higher seqs) not mixed in.
   */
  queryBefore(f: AuditFilter, before: number, limit: number): AuditRow[] {
    const { stmts, params } = this.queryStatements(f);
    return (stmts.before.all({ ...params, before, limit }) as Raw[]).map(toRow);
  }

  count(f: AuditFilter): number {
    const { stmts, params } = this.queryStatements(f);
    return (stmts.count.get(params) as { n: number }).n;
  }

  /** Append inside the caller's transaction (the chain head is read in the same transaction). */
  append(e: AuditEntry): void {
    const prevHash = this.lastStmt.get()?.hash ?? GENESIS_HASH;
    const detail = JSON.stringify(e.detail);
    const hash = auditHash(prevHash, { ...e, detail });
    this.insertStmt.run({ ...e, detail, prevHash, hash });
  }

  recent(limit: number): AuditRow[] {
    return this.recentStmt.all(limit).map(toRow);
  }

  /** Walk the whole chain; returns the id of the first row that does not fit, or the row count when it is intact. */
  verify(): { ok: true; rows: number } | { ok: false; brokenAt: number } {
    const r = this.verifyFrom(null);
    return r.ok ? { ok: true, rows: r.rows } : { ok: false, brokenAt: r.brokenAt };
  }
}

function toRow(r: Raw): AuditRow {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
