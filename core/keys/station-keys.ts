import { hkdfSync } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { CURRENT_CIPHER, isPlaintextSqlite } from '../../db/cipher';
import {
  EnvelopeError,
  keyIdOf,
  newDataKey,
  openWithRecovery,
  readEnvelope,
  recoveryWrapOf,
  withWrap,
  writeEnvelope,
  type Envelope,
  type LocalWrap,
} from './envelope';
import { KeyError, PassphraseProtector, WEAK_BACKENDS, type KeyFileProtector, type KeyProtector } from './protectors';

/**
 * The station's key hierarchy: one random 256-bit data key encrypts the store (db/cipher) and, through keys
 * derived from it here, the attachments (db/blobs), backups' manifests and the UI's local-storage entries.
 * The data key itself is kept only sealed (envelope.ts).
 */
export class StationKeyring {
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(dataKey: Uint8Array) {
    this.key = Buffer.from(dataKey);
    this.keyId = keyIdOf(this.key);
  }

  private derive(info: string, salt = ''): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, salt, info, 32));
  }

  /** The store's own key (SQLite3MC raw key). Only db/ opening code and the backup worker get it. */
  dataKey(): Buffer {
    return Buffer.from(this.key);
  }

  attachmentKey(): Buffer {
    return this.derive('yibao/attachments/v1');
  }

  backupMacKey(): Buffer {
    return this.derive('yibao/backup-manifest/v1');
  }

  /** A signed-in user's key for their unsaved typing in the UI's local storage (the same every session). */
  localStorageKey(userId: string): Buffer {
    return this.derive('yibao/ui-local-storage/v1', `user:${userId}`);
  }
}

export interface OpenedKeys {
  dataKey: Buffer;
  keyId: string;
  envelope: Envelope;
  /** A new data key was made now (a new station, or a plaintext store about to be encrypted). */
  created: boolean;
  /** The local wrap is a weak safeStorage backend no supervisor has confirmed yet. */
  weakUnconfirmed: boolean;
}

export type KeyOpening = { ok: true; keys: OpenedKeys } | { ok: false; error: KeyError };

type Plan = { kind: 'create' } | { kind: 'open'; envelope: Envelope; wrap: LocalWrap } | { kind: 'refuse'; error: KeyError };

const nowText = () => new Date().toISOString();

function plan(dataDir: string, dbPath: string, protector: KeyProtector): Plan {
  let envelope: Envelope | null;
  try {
    envelope = readEnvelope(dataDir);
  } catch (e) {
    if (e instanceof EnvelopeError) return { kind: 'refuse', error: new KeyError('keys_damaged', `${e.message}；请从备份恢复`) };
    throw e;
  }
  if (!envelope) {
    const storeExists = existsSync(dbPath) && statSync(dbPath).size > 0;
    if (!storeExists || isPlaintextSqlite(dbPath)) return { kind: 'create' };
    return { kind: 'refuse', error: new KeyError('keys_missing', '数据库已加密，但数据目录里的密钥文件 station-keys.json 不见了；请从备份恢复') };
  }
  const wrap = envelope.wraps.find((w): w is LocalWrap => w.kind === protector.kind);
  if (!wrap) {
    return { kind: 'refuse', error: new KeyError('no_local_wrap', '本机还没有打开这个数据库的密钥（数据目录来自另一台电脑，或换了密钥保护方式）；请用恢复密钥解锁') };
  }
  return { kind: 'open', envelope, wrap };
}

function opened(dataKey: Buffer, envelope: Envelope, created: boolean): OpenedKeys {
  const local = envelope.wraps.find((w) => w.kind === 'safeStorage');
  const weakUnconfirmed = local?.kind === 'safeStorage' && WEAK_BACKENDS.has(local.backend) && local.weakConfirmedBy === null;
  return { dataKey, keyId: envelope.keyId, envelope, created, weakUnconfirmed };
}

/** What a protector opened is the envelope's data key (safeStorage answers bytes, not a proof). */
function checked(key: Buffer, envelope: Envelope): Buffer {
  if (key.length !== 32 || keyIdOf(key) !== envelope.keyId) throw new KeyError('no_local_wrap', '本机保存的密钥打不开这个数据库（系统账户或钥匙串已变？）；请用恢复密钥解锁');
  return key;
}

function newEnvelope(keyId: string, wrap: LocalWrap): Envelope {
  return { format: 'yibao-station-keys', version: 1, cipher: CURRENT_CIPHER, keyId, createdAt: wrap.at, wraps: [wrap] };
}

/** Open (or, for a new or plaintext store, make) the station's data key with this machine's protector. */
export async function openStationKeys(dataDir: string, dbPath: string, protector: KeyProtector): Promise<KeyOpening> {
  try {
    const p = plan(dataDir, dbPath, protector);
    if (p.kind === 'refuse') return { ok: false, error: p.error };
    if (p.kind === 'open') return { ok: true, keys: opened(checked(await protector.open(p.wrap, p.envelope.keyId), p.envelope), p.envelope, false) };
    if (protector instanceof PassphraseProtector && !protector.hasPassphrase()) {
      return { ok: false, error: new KeyError('passphrase_new', `请设置站点口令（至少 12 个字符）：今后每次启动工作站都要输入它`) };
    }
    const dataKey = newDataKey();
    const keyId = keyIdOf(dataKey);
    const envelope = newEnvelope(keyId, await protector.protect(dataKey, keyId, nowText(), null));
    writeEnvelope(dataDir, envelope);
    return { ok: true, keys: opened(dataKey, envelope, true) };
  } catch (e) {
    if (e instanceof KeyError) return { ok: false, error: e };
    throw e;
  }
}

/** The same with a key file, synchronously (tests, benches, seeding and child processes open stores this way). */
export function openStationKeysSync(dataDir: string, dbPath: string, protector: KeyFileProtector): KeyOpening {
  try {
    const p = plan(dataDir, dbPath, protector);
    if (p.kind === 'refuse') return { ok: false, error: p.error };
    if (p.kind === 'open') return { ok: true, keys: opened(checked(protector.openSync(p.wrap, p.envelope.keyId), p.envelope), p.envelope, false) };
    const dataKey = newDataKey();
    const keyId = keyIdOf(dataKey);
    const envelope = newEnvelope(keyId, protector.protectSync(dataKey, keyId, nowText()));
    writeEnvelope(dataDir, envelope);
    return { ok: true, keys: opened(dataKey, envelope, true) };
  } catch (e) {
    if (e instanceof KeyError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * Open the data key with the recovery key (a new machine, a lost key file, a changed safeStorage backend), then seal
 * it for this machine's protector so the next start needs no recovery key.
 */
export async function recoverStationKeys(dataDir: string, protector: KeyProtector, secret: Buffer, weakConfirmedBy: string | null): Promise<KeyOpening> {
  try {
    const envelope = readEnvelope(dataDir);
    if (!envelope) return { ok: false, error: new KeyError('keys_missing', '数据目录里没有密钥文件 station-keys.json；请从备份恢复') };
    const wrap = recoveryWrapOf(envelope);
    if (!wrap) return { ok: false, error: new KeyError('recovery_not_issued', '这个数据库从未生成过恢复密钥，无法用恢复密钥打开') };
    const dataKey = openWithRecovery(secret, wrap, envelope.keyId);
    if (!dataKey) return { ok: false, error: new KeyError('wrong_recovery_key', '恢复密钥不对：不是这个数据库的恢复密钥') };
    const local = await protector.protect(dataKey, envelope.keyId, nowText(), weakConfirmedBy);
    const next = withWrap(envelope, local);
    writeEnvelope(dataDir, next);
    return { ok: true, keys: opened(dataKey, next, false) };
  } catch (e) {
    if (e instanceof KeyError) return { ok: false, error: e };
    if (e instanceof EnvelopeError) return { ok: false, error: new KeyError('keys_damaged', `${e.message}；请从备份恢复`) };
    throw e;
  }
}
