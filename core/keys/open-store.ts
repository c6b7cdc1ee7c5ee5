import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openStore, StoreError, type Db } from '../../db/open';
import { convertStoreCipher, encryptStoreInPlace, removeEncryptionLeftovers } from '../../db/encrypt-store';
import { CURRENT_CIPHER, detectCipher, isPlaintextSqlite, type StoreCipher } from '../../db/cipher';
import { StationBlobs } from '../../db/blobs';
import { narrowTree } from '../../db/files';
import { AuditRepo } from '../../db/repos/audit';
import { SettingsRepo } from '../../db/repos/settings';
import { nowInstant, systemClock, type Clock } from '../../shared/time';
import { readEnvelope, writeEnvelope } from './envelope';
import type { UpgradeStep } from './security';
import { StationKeyring, type OpenedKeys } from './station-keys';

/**
 * Opening the station's encrypted store, and the upgrades a first start after a new version makes on the way (each
 * crash-safe and taken up again at the next start): a plaintext store encrypted, a store in an older cipher converted
 * to the current one, plaintext attachment files encrypted, the data directory narrowed to its owner.
 */

export interface OpenEncryptedOptions {
  /** better-sqlite3 binding for another runtime (see db/open). */
  sqliteBinding?: string | null | undefined;
  clock?: Clock | undefined;
  /** Where a failed cipher conversion is told (the store then stays in its old cipher). */
  log?: { error(message: string, detail?: unknown): void } | undefined;
  /** Crash tests: called after each step of an upgrade. */
  onUpgradeStep?: ((step: UpgradeStep) => void) | undefined;
}

/** Settings key: every attachment file is encrypted and the data directory owner-only (an upgrade finished). */
const SEALED_SETTING = 'security.attachmentsEncrypted';
/**
 * Settings key: the cipher the store was in when last opened (db/cipher). A store without it was made before chacha20
 * (sqlcipher4); one from the release before aegis says chacha20. When it differs from the store's cipher now, a
 * conversion happened and its audit row is written with the new mark (once, even when the start that converted it
 * was cut short after the swap).
 */
const CIPHER_SETTING = 'security.storeCipher';

/** An audit row of the station's own (no user: the upgrade runs before anyone signs in). */
function auditStation(db: Db, options: OpenEncryptedOptions, action: 'store.rekey' | 'store.encrypt', detail: Record<string, unknown>): void {
  new AuditRepo(db).append({ at: nowInstant(options.clock ?? systemClock), actorId: null, actorName: 'system', action, entity: 'station', entityId: null, detail });
}

/** The key envelope names `cipher` (written durably; nothing to do when it already does). */
function recordCipher(dataDir: string, keys: OpenedKeys, cipher: StoreCipher): void {
  const envelope = readEnvelope(dataDir) ?? keys.envelope;
  if (envelope.cipher !== cipher) writeEnvelope(dataDir, { ...envelope, cipher });
  keys.envelope = { ...keys.envelope, cipher };
}

/**
 * The cipher the existing encrypted store is in: the envelope's, or — when that does not open it — another known
 * cipher that does, and the envelope corrected (a start cut short between a conversion's swap and the envelope's
 * update). Null when no known cipher opens it with this key (openStore then refuses the key by name).
 */
function storeCipherOf(path: string, keys: OpenedKeys, nativeBinding: string | undefined): StoreCipher | null {
  const found = detectCipher(path, keys.dataKey, keys.envelope.cipher, nativeBinding);
  if (found !== null && found !== keys.envelope.cipher) recordCipher(dirname(path), keys, found);
  return found;
}

/**
 * Open the store with the data key, encrypting it first while it is still plaintext (an upgrade), or converting it
 * to the current cipher while it is in an older one (chacha20 or sqlcipher4 → aegis, then the envelope records it), then the
 * attachment files still in plaintext, then narrow the data directory's permissions; the upgrade's audit row is
 * written with the mark that it finished. Each step is crash-safe and taken up again at the next start when cut short.
 * A conversion that fails to verify leaves the store as it was: it is opened in its old cipher and tried again at the
 * next start.
 */
export function openEncrypted(path: string, attachmentsDir: string, keys: OpenedKeys, options: OpenEncryptedOptions): Db {
  const nativeBinding = options.sqliteBinding ?? undefined;
  const step = options.onUpgradeStep ?? (() => undefined);
  const existed = existsSync(path) && statSync(path).size > 0;
  const wasPlain = existed && isPlaintextSqlite(path);
  let cipher: StoreCipher = keys.envelope.cipher;
  if (wasPlain) {
    step('keys');
    encryptStoreInPlace(path, keys.dataKey, { ...(nativeBinding ? { nativeBinding } : {}), onStep: step, cipher: CURRENT_CIPHER });
    recordCipher(dirname(path), keys, CURRENT_CIPHER);
    cipher = CURRENT_CIPHER;
  } else if (existed) {
    const found = storeCipherOf(path, keys, nativeBinding);
    if (found !== null) cipher = found;
    if (found !== null && found !== CURRENT_CIPHER) {
      try {
        convertStoreCipher(path, keys.dataKey, cipher, { ...(nativeBinding ? { nativeBinding } : {}), onStep: step, cipher: CURRENT_CIPHER });
        cipher = CURRENT_CIPHER;
        recordCipher(dirname(path), keys, cipher);
        step('envelope');
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        removeEncryptionLeftovers(path);
        options.log?.error(`store cipher conversion ${cipher} → ${CURRENT_CIPHER} failed; the store stays in ${cipher}`, e.message);
      }
    }
  } else if (keys.envelope.cipher !== CURRENT_CIPHER) {
    // A new store is made in the current cipher, whatever an envelope left beside no store says.
    recordCipher(dirname(path), keys, CURRENT_CIPHER);
    cipher = CURRENT_CIPHER;
  }
  const db = openStore(path, { key: keys.dataKey, cipher, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const settings = new SettingsRepo(db);
    const mark = settings.get(CIPHER_SETTING);
    if (mark !== cipher) {
      // The cipher the store was in before: none for a new store or one encrypted from plaintext (store.encrypt names
      // its cipher); sqlcipher4 for a store from before the mark.
      const unfinishedPlainUpgrade = existed && settings.get(SEALED_SETTING) !== '1';
      const from = mark ?? (existed && !wasPlain && !unfinishedPlainUpgrade ? 'sqlcipher4' : null);
      db.transaction(() => {
        settings.set(CIPHER_SETTING, cipher);
        if (from !== null && from !== cipher) {
          auditStation(db, options, 'store.rekey', { from, to: cipher, keyId: keys.keyId });
        }
      }).immediate();
    }
    if (settings.get(SEALED_SETTING) !== '1') {
      const keyring = new StationKeyring(keys.dataKey);
      const r = new StationBlobs(attachmentsDir, keyring.attachmentKey()).encryptPlainFiles(() => step('attachment'));
      narrowTree(dirname(path));
      db.transaction(() => {
        settings.set(SEALED_SETTING, '1');
        // A store that existed without the mark was written by a version before encryption (a new one is marked at once).
        if (existed) {
          auditStation(db, options, 'store.encrypt', { cipher, keyId: keyring.keyId, attachments: r.encrypted, attachmentsNotMatchingTheirAddress: r.mismatched.length });
        }
      }).immediate();
      step('done');
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
