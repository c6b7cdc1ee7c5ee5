import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Turn a (closed) station's data directory into what the release before chacha20 left: the store in SQLCipher 4's
 * scheme (decrypted, then encrypted with the very pragmas that release used: cipher 'sqlcipher', legacy 4, the raw
 * key), back in WAL mode, without the cipher mark in its settings; the key envelope saying sqlcipher4.
 */
export function makeSqlcipher4DataDir(dataDir: string, dataKey: Buffer): void {
  const dbPath = join(dataDir, 'station.sqlite');
  const db = new Database(dbPath);
  applyKey(db, dataKey, 'chacha20');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.prepare("DELETE FROM settings WHERE key = 'security.storeCipher'").run();
  db.pragma("rekey = ''");
  db.close();
  const old = new Database(dbPath);
  old.pragma("cipher = 'sqlcipher'");
  old.pragma('legacy = 4');
  old.pragma(`rekey = "x'${dataKey.toString('hex')}'"`);
  old.close();
  const wal = new Database(dbPath);
  applyKey(wal, dataKey, 'sqlcipher4');
  wal.pragma('journal_mode = WAL');
  wal.close();
  const envelopePath = join(dataDir, KEYS_FILE);
  const envelope = JSON.parse(readFileSync(envelopePath, 'utf8')) as { cipher: string };
  writeFileSync(envelopePath, `${JSON.stringify({ ...envelope, cipher: 'sqlcipher4' }, null, 2)}\n`, { mode: 0o600 });
}
