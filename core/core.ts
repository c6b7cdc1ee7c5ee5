import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openStore, type Db } from '../db/open';
import { startIdleCheckpoints } from '../db/maintenance';
import { convertStoreCipher, encryptStoreInPlace, removeEncryptionLeftovers } from '../db/encrypt-store';
import { CURRENT_CIPHER, detectCipher, isPlaintextSqlite, type StoreCipher } from '../db/cipher';
import { StoreError } from '../db/open';
import { StationBlobs } from '../db/blobs';
import { ensurePrivateDir, narrowTree } from '../db/files';
import { finishRestore } from '../db/restore';
import type { SyncEngine, EngineOptions } from './features/sync/engine';
import { installSyncEngine } from './features/sync/registry';
import { scheduleDailyBackups } from './features/backup/backup';
import { createContext, type CoreContext } from './context';
import { loadReference } from './reference/load';
import { verifyAudit } from './features/audit/verify';
import { isInitialized } from './reference/station';
import { Router, type RouterLog } from './router';
import { DEFAULT_SESSION_LIMITS, setSessionLimits, type SessionLimits } from './session';
import { HANDLERS } from './handlers';
import { databasePath, defaultKeyFile } from './config';
import { KeyError, KeyFileProtector, type KeyProtector } from './keys/protectors';
import { StationKeyring, openStationKeysSync, type KeyOpening, type OpenedKeys } from './keys/station-keys';
import { readEnvelope, writeEnvelope } from './keys/envelope';
import type { StationSecurity, UpgradeStep } from './keys/security';
import { nowInstant, systemClock, type Clock } from '../shared/time';
import { AuditRepo } from '../db/repos/audit';

export interface Core {
  ctx: CoreContext;
  router: Router;
  sync: SyncEngine;
  close(): void;
}

export interface CoreOptions {
  /** A data directory (the store is `station.sqlite` inside), or an explicit database path via `dbPath`. */
  dataDir?: string;
  dbPath?: string;
  clock?: Clock;
  log?: RouterLog;
  /** better-sqlite3 binding for another runtime (see db/open). */
  sqliteBinding?: string | null;
  /** Sync engine options; `autoStart` schedules runs (the hosts do; tests call syncNow themselves). */
  sync?: EngineOptions & { autoStart?: boolean };
  /**
   * How this machine seals the data key (core/keys/protectors). Default: a key file beside the data directory
   * (config.defaultKeyFile), made on first start.
   */
  protector?: KeyProtector;
  /**
   * The data key, opened by the host beforehand (protectors that need the event loop: safeStorage, passphrase).
   * Without it the core opens the key itself, which only a key-file protector can do synchronously.
   */
  keys?: KeyOpening;
  /** How long a signed-in session lasts (default: 15 minutes idle, 12 hours in all). */
  sessionLimits?: SessionLimits;
  /** Crash tests: called after each step of a first start that encrypts a plaintext store. */
  onUpgradeStep?: (step: UpgradeStep) => void;
  /** Back up daily when a supervisor turned it on (the hosts do; tests run backups themselves). */
  dailyBackups?: boolean;
}

/** Settings key: every attachment file is encrypted and the data directory owner-only (an upgrade finished). */
const SEALED_SETTING = 'security.attachmentsEncrypted';
/**
 * Settings key: the cipher the store was in when last opened (db/cipher). A store without it was made before chacha20
 * (sqlcipher4); when it differs from the store's cipher now, a conversion happened and its audit row is written with
 * the new mark (once, even when the start that converted it was cut short after the swap).
 */
const CIPHER_SETTING = 'security.storeCipher';

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
 * to the current cipher while it is in an older one (sqlcipher4 → chacha20, then the envelope records it), then the
 * attachment files still in plaintext, then narrow the data directory's permissions; the upgrade's audit row is
 * written with the mark that it finished. Each step is crash-safe and taken up again at the next start when cut short.
 * A conversion that fails to verify leaves the store as it was: it is opened in its old cipher and tried again at the
 * next start.
 */
function openEncrypted(path: string, attachmentsDir: string, keys: OpenedKeys, options: CoreOptions): Db {
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
    const mark = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CIPHER_SETTING) as string | undefined;
    if (mark !== cipher) {
      // The cipher the store was in before: none for a new store or one encrypted from plaintext (store.encrypt names
      // its cipher); sqlcipher4 for a store from before the mark.
      const unfinishedPlainUpgrade = existed && db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SEALED_SETTING) !== '1';
      const from = mark ?? (existed && !wasPlain && !unfinishedPlainUpgrade ? 'sqlcipher4' : null);
      db.transaction(() => {
        db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CIPHER_SETTING, cipher);
        if (from !== null && from !== cipher) {
          new AuditRepo(db).append({
            at: nowInstant(options.clock ?? systemClock),
            actorId: null,
            actorName: 'system',
            action: 'store.rekey',
            entity: 'station',
            entityId: null,
            detail: { from, to: cipher, keyId: keys.keyId },
          });
        }
      }).immediate();
    }
    if (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SEALED_SETTING) !== '1') {
      const keyring = new StationKeyring(keys.dataKey);
      const r = new StationBlobs(attachmentsDir, keyring.attachmentKey()).encryptPlainFiles(() => step('attachment'));
      narrowTree(dirname(path));
      db.transaction(() => {
        db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SEALED_SETTING, '1');
        // A store that existed without the mark was written by a version before encryption (a new one is marked at once).
        if (existed) {
          new AuditRepo(db).append({
            at: nowInstant(options.clock ?? systemClock),
            actorId: null,
            actorName: 'system',
            action: 'store.encrypt',
            entity: 'station',
            entityId: null,
            detail: { cipher, keyId: keyring.keyId, attachments: r.encrypted, attachmentsNotMatchingTheirAddress: r.mismatched.length },
          });
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

/** While the store is locked the core runs on an empty in-memory store: nothing can be read, only keys.* answer. */
function placeholderStore(): Db {
  return openStore(':memory:');
}

/** Start the core: open the keys and the store (and migrate it), load reference data, build the router. */
export function createCore(options: CoreOptions): Core {
  let path = options.dbPath;
  if (!path) {
    if (!options.dataDir) throw new Error('createCore needs dataDir or dbPath');
    path = databasePath(options.dataDir);
  }
  const dbPath = path;
  const dataDir = dirname(dbPath);
  ensurePrivateDir(dataDir);
  const attachmentsDir = join(dataDir, 'attachments');
  finishRestore(dataDir, dbPath, attachmentsDir);

  const protector = options.protector ?? new KeyFileProtector(defaultKeyFile(dataDir));
  let opening = options.keys;
  if (!opening) {
    if (!(protector instanceof KeyFileProtector)) throw new Error('createCore: open the keys first (openStationKeys) for this protector');
    opening = openStationKeysSync(dataDir, dbPath, protector);
  }

  const nativeBinding = options.sqliteBinding ?? undefined;
  const security: StationSecurity = {
    dataDir,
    dbPath,
    protector,
    nativeBinding,
    keyring: null,
    lock: null,
    weakUnconfirmed: false,
    reopen: () => {
      throw new Error('core not started');
    },
  };

  /** Open the store the keys open, or the locked placeholder. */
  const openWith = (o: KeyOpening): Db => {
    if (!o.ok) {
      security.keyring = null;
      security.lock = o.error;
      security.weakUnconfirmed = false;
      return placeholderStore();
    }
    const opened = openEncrypted(dbPath, attachmentsDir, o.keys, options);
    security.keyring = new StationKeyring(o.keys.dataKey);
    security.lock = null;
    security.weakUnconfirmed = o.keys.weakUnconfirmed;
    return opened;
  };

  let db = openWith(opening);
  let stopCheckpoints: () => void = () => undefined;
  try {
    const ctx = createContext(db, { attachmentsDir, security, ...(options.clock ? { clock: options.clock } : {}) });
    setSessionLimits(ctx, options.sessionLimits ?? DEFAULT_SESSION_LIMITS);
    const start = (): void => {
      if (security.lock) return;
      // A weak safeStorage backend is acceptable before setup only; after it a supervisor must have confirmed it.
      if (security.weakUnconfirmed && isInitialized(ctx)) {
        security.lock = new KeyError('weak_backend_unconfirmed', '此电脑没有系统钥匙串，密钥只能以弱保护（basic_text）存放：须由站点负责人用恢复密钥解锁并确认');
        return;
      }
      loadReference(ctx);
      // The audit chain, from the row verified last time (a break is recorded, shown to supervisors, told to central).
      verifyAudit(ctx, 'incremental', null);
      stopCheckpoints = startIdleCheckpoints(db);
    };
    start();
    const router = new Router(ctx, HANDLERS, options.log);
    const stopBackups = options.dailyBackups ? scheduleDailyBackups(ctx) : () => undefined;
    const core: Core = {
      ctx,
      router,
      sync: installSyncEngine(ctx, options.sync ?? {}),
      close: () => {
        stopBackups();
        core.sync.stop();
        stopCheckpoints();
        if (db.open) db.close();
      },
    };
    if (options.sync?.autoStart && !security.lock) core.sync.start();

    security.reopen = (keys: OpenedKeys) => {
      core.sync.stop();
      stopCheckpoints();
      stopCheckpoints = () => undefined;
      if (db.open) db.close();
      finishRestore(dataDir, dbPath, attachmentsDir);
      db = openWith({ ok: true, keys });
      Object.assign(ctx, createContext(db, { attachmentsDir, security, events: ctx.events, ...(options.clock ? { clock: options.clock } : {}) }));
      start();
      core.sync = installSyncEngine(ctx, options.sync ?? {});
      if (options.sync?.autoStart && !security.lock) core.sync.start();
    };
    return core;
  } catch (e) {
    stopCheckpoints();
    if (db.open) db.close();
    throw e;
  }
}
