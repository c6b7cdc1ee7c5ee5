import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyKey } from '../../db/cipher';
import { StationBlobs } from '../../db/blobs';
import { StationKeyring } from '../keys/station-keys';
import { KEYS_FILE } from '../keys/envelope';
import { defaultKeyFile } from '../config';

/**
 * Turn a (closed) station's data directory into what a version before encryption left: the store decrypted in place
 * (rekeyed to no key, back in WAL mode), every attachment file written back in plaintext with mode 0644, the folder
 * 0755, no key envelope and no key file. The upgrade tests start from here.
 */
export function makeLegacyDataDir(dataDir: string, dataKey: Buffer): void {
  const dbPath = join(dataDir, 'station.sqlite');
  const db = new Database(dbPath);
  applyKey(db, dataKey);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.prepare("DELETE FROM settings WHERE key = 'security.attachmentsEncrypted'").run();
  db.pragma("rekey = ''");
  db.close();
  const plain = new Database(dbPath);
  plain.pragma('journal_mode = WAL');
  plain.close();

  const blobs = new StationBlobs(join(dataDir, 'attachments'), new StationKeyring(dataKey).attachmentKey());
  for (const b of blobs.list()) {
    const bytes = blobs.read(b.sha256);
    const path = blobs.pathOf(b.sha256);
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    writeFileSync(path, bytes, { mode: 0o644 });
  }
  rmSync(join(dataDir, KEYS_FILE), { force: true });
  rmSync(dirname(defaultKeyFile(dataDir)), { recursive: true, force: true });
}
