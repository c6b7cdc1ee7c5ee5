import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The audit log: append-only, each row carrying the hash of the previous one. */
export class AuditRepo {
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly allStmt;
  private readonly recentStmt;

  constructor(db: Db) {
    this.lastStmt = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log(at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash)
       VALUES (@at, @actorId, @actorName, @action, @entity, @entityId, @detail, @prevHash, @hash)`,
    );
    this.allStmt = db.prepare<[], Raw>('SELECT * FROM audit_log ORDER BY id');
    this.recentStmt = db.prepare<[number], Raw>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
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

  /** Walk the chain; returns the id of the first row that does not fit, or null when the whole log is intact. */
  verify(): { ok: true; rows: number } | { ok: false; brokenAt: number } {
    let prev = GENESIS_HASH;
    let n = 0;
    for (const r of this.allStmt.iterate()) {
      const expected = auditHash(prev, {
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        detail: r.detail,
      });
      if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, brokenAt: r.id };
      prev = r.hash;
      n += 1;
    }
    return { ok: true, rows: n };
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
