import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { replaceAttachmentsDir } from './blobs';
import { fsyncDir } from './files';

/**
 * A restore is staged in `<data dir>/restore/` (the store, its key envelope and its attachments, all verified) and
 * marked ready with `restore/READY`; only then is it moved into place — here, at the next opening of the store.
 * Each move is a rename and is skipped once done, so a crash at any point is finished by the next start.
 */
export const RESTORE_DIR = 'restore';
export const RESTORE_READY = 'READY';

export function restoreStaging(dataDir: string): string {
  return join(dataDir, RESTORE_DIR);
}

/** Move a staged, verified restore into place (nothing to do without the READY marker). Returns whether it did. */
export function finishRestore(dataDir: string, dbPath: string, attachmentsDir: string): boolean {
  const staging = restoreStaging(dataDir);
  if (!existsSync(join(staging, RESTORE_READY))) return false;
  const store = join(staging, 'station.sqlite');
  if (existsSync(store)) {
    // The store being replaced may not leave a WAL or journal for the restored file to pick up.
    for (const p of [`${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) rmSync(p, { force: true });
    renameSync(store, dbPath);
  }
  const keys = join(staging, 'station-keys.json');
  if (existsSync(keys)) renameSync(keys, join(dataDir, 'station-keys.json'));
  replaceAttachmentsDir(join(staging, 'attachments'), attachmentsDir);
  fsyncDir(dataDir);
  rmSync(staging, { recursive: true, force: true });
  return true;
}
