import type { Db } from '../../db/open';
import { auditHash, GENESIS_HASH } from '../../db/repos/audit';

/**
 * What an attacker with the sqlite3 CLI and the source would do after changing or deleting audit rows: rewrite
 * every prev_hash and hash from the first row, so the chain holds again (ids are left as they are, or renumbered
 * without gaps when `renumber`). Only central, which kept the head the station reported before, can tell.
 */
export function recomputeChain(db: Db, options: { renumber?: boolean } = {}): void {
  type Raw = { id: number; at: string; actor_id: string | null; actor_name: string; action: string; entity: string; entity_id: string | null; detail: string };
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Raw[];
  db.transaction(() => {
    // Out of the way first: hashes are UNIQUE, and ids move when renumbering.
    db.prepare("UPDATE audit_log SET id = -id, hash = 'x' || id").run();
    const upd = db.prepare('UPDATE audit_log SET id = ?, prev_hash = ?, hash = ? WHERE id = ?');
    let prev = GENESIS_HASH;
    rows.forEach((r, i) => {
      const hash = auditHash(prev, { at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail });
      upd.run(options.renumber ? i + 1 : r.id, prev, hash, -r.id);
      prev = hash;
    });
  })();
}
