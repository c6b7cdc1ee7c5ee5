import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyKey, CURRENT_CIPHER, selectCipher, type StoreCipher } from '../../db/cipher';
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

/** The ciphers of earlier releases, and whether the release that used it marked the cipher in the store's settings. */
const OLDER: Readonly<Record<Exclude<StoreCipher, 'aegis'>, { marked: boolean }>> = {
  // The release before aegis: ChaCha20-Poly1305, the store marked `security.storeCipher` = chacha20.
  chacha20: { marked: true },
  // The release before chacha20: SQLCipher 4's scheme, no mark.
  sqlcipher4: { marked: false },
};
export type OlderCipher = keyof typeof OLDER;
export const OLDER_CIPHERS = Object.keys(OLDER) as OlderCipher[];

/**
 * Turn a (closed) store file in the current cipher into what an earlier release wrote: decrypted, then encrypted
 * with that release's pragmas (db/cipher CIPHER_PRAGMAS) and the raw key, with its cipher mark in the settings (none
 * before chacha20). Left in rollback-journal mode (a backup's store file is; a live store is put back in WAL).
 */
export function rewriteStoreInOlderCipher(dbPath: string, dataKey: Buffer, older: OlderCipher): void {
  const db = new Database(dbPath);
  applyKey(db, dataKey, CURRENT_CIPHER);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  if (OLDER[older].marked) db.prepare("UPDATE settings SET value = ? WHERE key = 'security.storeCipher'").run(older);
  else db.prepare("DELETE FROM settings WHERE key = 'security.storeCipher'").run();
  db.pragma("rekey = ''");
  db.close();
  const old = new Database(dbPath);
  selectCipher(old, older);
  old.pragma(`rekey = "x'${dataKey.toString('hex')}'"`);
  old.close();
}

/**
 * Turn a (closed) station's data directory into what an earlier release left: the store in that release's cipher
 * (rewriteStoreInOlderCipher), back in WAL mode; the key envelope naming the older cipher.
 */
export function makeOlderCipherDataDir(dataDir: string, dataKey: Buffer, older: OlderCipher): void {
  const dbPath = join(dataDir, 'station.sqlite');
  rewriteStoreInOlderCipher(dbPath, dataKey, older);
  const wal = new Database(dbPath);
  applyKey(wal, dataKey, older);
  wal.pragma('journal_mode = WAL');
  wal.close();
  const envelopePath = join(dataDir, KEYS_FILE);
  const envelope = JSON.parse(readFileSync(envelopePath, 'utf8')) as { cipher: string };
  writeFileSync(envelopePath, `${JSON.stringify({ ...envelope, cipher: older }, null, 2)}\n`, { mode: 0o600 });
}
