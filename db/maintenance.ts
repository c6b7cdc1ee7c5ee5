import type { Db } from './open';

/**
 * Keep the WAL short without making a clerk's commit pay for it: checkpoint when the store is idle
 * (PASSIVE: never waits for readers), and leave SQLite's automatic checkpoint as a high safety net.
 */
export function startIdleCheckpoints(db: Db, intervalMs = 3_000): () => void {
  db.pragma('wal_autocheckpoint = 4000');
  const timer = setInterval(() => {
    if (!db.open || db.inTransaction) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy: try again next time
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A PASSIVE checkpoint now, outside any transaction (a writer that commits in quick succession — a batch import —
 * calls it between its own commits): the WAL copied into the store in small steps the caller chooses, instead of
 * SQLite's automatic checkpoint inside whichever commit crosses wal_autocheckpoint (thousands of pages and an
 * fsync, in the middle of someone's request).
 */
export function checkpointNow(db: Db): void {
  if (!db.open || db.inTransaction) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy: the next one, or the idle timer, copies it
  }
}
