import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, fsyncDir } from '../../db/files';
import { seal, unseal, type LocalWrap } from './envelope';

/** Why the station's data key cannot be opened (the store stays locked; the UI says why and offers the recovery key). */
export type KeyErrorCode =
  | 'key_file_missing'
  | 'key_file_wrong'
  | 'passphrase_required'
  | 'passphrase_new'
  | 'wrong_passphrase'
  | 'backend_changed'
  | 'backend_unavailable'
  | 'weak_backend_unconfirmed'
  | 'no_local_wrap'
  | 'keys_missing'
  | 'keys_damaged'
  | 'wrong_recovery_key'
  | 'recovery_not_issued';

export class KeyError extends Error {
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyError';
  }
}

/** What a protector tells the status screen (never a secret). */
export interface ProtectionInfo {
  kind: LocalWrap['kind'];
  /** The key file's path, or the safeStorage backend, or 'scrypt'. */
  detail: string;
  /** basic_text: a fixed password, no real protection. */
  weak: boolean;
}

/** How this machine seals the data key at rest (one per host mode). */
export interface KeyProtector {
  readonly kind: LocalWrap['kind'];
  describe(): Promise<ProtectionInfo>;
  /** Seal the data key for this machine; `weakConfirmedBy` names the supervisor who accepted a weak backend. */
  protect(dataKey: Buffer, keyId: string, at: string, weakConfirmedBy: string | null): Promise<LocalWrap>;
  /** Open the data key from this protector's own wrap (throws KeyError). */
  open(wrap: LocalWrap, keyId: string): Promise<Buffer>;
}

// ---------------------------------------------------------------------------------------------------------------
// Key file: 256 random bits in a file outside the data directory (owner-only), made on first use.

const KEY_FILE_HEADER = 'yibao-station-key-file v1';

function kekIdOf(kek: Uint8Array): string {
  return createHmac('sha256', kek).update('yibao/kek-id').digest().subarray(0, 8).toString('hex');
}

export class KeyFileProtector implements KeyProtector {
  readonly kind = 'keyfile' as const;

  constructor(readonly path: string) {}

  describe(): Promise<ProtectionInfo> {
    return Promise.resolve({ kind: this.kind, detail: this.path, weak: false });
  }

  private readKek(): Buffer {
    if (!existsSync(this.path)) {
      throw new KeyError('key_file_missing', `密钥文件不存在：${this.path}。若这是新电脑或密钥文件丢失，请用恢复密钥解锁。`);
    }
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    const lines = readFileSync(this.path, 'utf8').split('\n');
    if (lines[0] !== KEY_FILE_HEADER || !/^[0-9a-f]{64}$/.test(lines[1] ?? '')) {
      throw new KeyError('key_file_wrong', `密钥文件 ${this.path} 格式不对（不是工作站的密钥文件）`);
    }
    return Buffer.from(lines[1]!, 'hex');
  }

  /** The key file's key, made (0600, in a 0700 folder) when there is none yet. */
  private kekForWriting(): Buffer {
    if (existsSync(this.path)) return this.readKek();
    ensurePrivateDir(dirname(this.path));
    const kek = randomBytes(32);
    const fd = openSync(this.path, 'wx', 0o600);
    try {
      writeSync(fd, `${KEY_FILE_HEADER}\n${kek.toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    fsyncDir(dirname(this.path));
    return kek;
  }

  protectSync(dataKey: Buffer, keyId: string, at: string): LocalWrap {
    const kek = this.kekForWriting();
    return { kind: 'keyfile', kekId: kekIdOf(kek), sealed: seal(kek, dataKey, 'keyfile', keyId), at };
  }

  openSync(wrap: LocalWrap, keyId: string): Buffer {
    if (wrap.kind !== 'keyfile') throw new KeyError('no_local_wrap', '本机尚无用密钥文件打开数据库的密钥；请用恢复密钥解锁');
    const kek = this.readKek();
    const key = kekIdOf(kek) === wrap.kekId ? unseal(kek, wrap.sealed, 'keyfile', keyId) : null;
    if (!key) throw new KeyError('key_file_wrong', `密钥文件 ${this.path} 不是本站数据的密钥文件；请找回原密钥文件或用恢复密钥解锁`);
    return key;
  }

  protect(dataKey: Buffer, keyId: string, at: string): Promise<LocalWrap> {
    return Promise.resolve(this.protectSync(dataKey, keyId, at));
  }

  open(wrap: LocalWrap, keyId: string): Promise<Buffer> {
    return Promise.resolve().then(() => this.openSync(wrap, keyId));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Passphrase: scrypt (N=2^17, r=8, p=1: 128 MiB, about half a second) off the event loop.

export const PASSPHRASE_MIN = 12;
const SCRYPT = { N: 1 << 17, r: 8, p: 1 } as const;

function scryptAsync(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFKC'), salt, 32, { ...params, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export class PassphraseProtector implements KeyProtector {
  readonly kind = 'passphrase' as const;
  private passphrase: string | null = null;

  /** The passphrase typed at start (held in memory only while the core runs, to seal a restored key). */
  setPassphrase(p: string | null): void {
    this.passphrase = p;
  }

  hasPassphrase(): boolean {
    return this.passphrase !== null;
  }

  describe(): Promise<ProtectionInfo> {
    return Promise.resolve({ kind: this.kind, detail: `scrypt N=${SCRYPT.N} r=${SCRYPT.r} p=${SCRYPT.p}`, weak: false });
  }

  private need(): string {
    if (this.passphrase === null) throw new KeyError('passphrase_required', '请输入站点口令以打开数据库');
    return this.passphrase;
  }

  async protect(dataKey: Buffer, keyId: string, at: string): Promise<LocalWrap> {
    const salt = randomBytes(16);
    const kek = await scryptAsync(this.need(), salt, SCRYPT);
    return { kind: 'passphrase', scrypt: { ...SCRYPT }, salt: salt.toString('base64'), sealed: seal(kek, dataKey, 'passphrase', keyId), at };
  }

  async open(wrap: LocalWrap, keyId: string): Promise<Buffer> {
    if (wrap.kind !== 'passphrase') throw new KeyError('no_local_wrap', '本机尚无用站点口令打开数据库的密钥；请用恢复密钥解锁');
    const kek = await scryptAsync(this.need(), Buffer.from(wrap.salt, 'base64'), wrap.scrypt);
    const key = unseal(kek, wrap.sealed, 'passphrase', keyId);
    if (!key) throw new KeyError('wrong_passphrase', '站点口令不正确');
    return key;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Electron safeStorage, through the main process (the core, a utility process, cannot call it itself).

/** What Electron's main process answers about safeStorage (electron/main/keys.ts). */
export interface SafeStorageBridge {
  info(): Promise<{ available: boolean; backend: string; platform: string }>;
  encrypt(plain: Buffer): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<Buffer>;
}

/** Backends that are not protection: Chromium's Linux fallback encrypts with a fixed, public password. */
export const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text']);

export class SafeStorageProtector implements KeyProtector {
  readonly kind = 'safeStorage' as const;

  constructor(private readonly bridge: SafeStorageBridge) {}

  async describe(): Promise<ProtectionInfo> {
    const i = await this.bridge.info();
    return { kind: this.kind, detail: `${i.platform}/${i.backend}`, weak: WEAK_BACKENDS.has(i.backend) };
  }

  async protect(dataKey: Buffer, _keyId: string, at: string, weakConfirmedBy: string | null): Promise<LocalWrap> {
    const i = await this.bridge.info();
    if (!i.available) throw new KeyError('backend_unavailable', '系统密钥保护（safeStorage）不可用');
    const blob = await this.bridge.encrypt(dataKey);
    // Prove the round trip before relying on it.
    const back = await this.bridge.decrypt(blob);
    if (back.length !== dataKey.length || !timingSafeEqual(back, dataKey)) throw new KeyError('backend_unavailable', '系统密钥保护（safeStorage）无法还原密钥');
    return { kind: 'safeStorage', platform: i.platform, backend: i.backend, blob: blob.toString('base64'), weakConfirmedBy: WEAK_BACKENDS.has(i.backend) ? weakConfirmedBy : null, at };
  }

  async open(wrap: LocalWrap, _keyId: string): Promise<Buffer> {
    if (wrap.kind !== 'safeStorage') throw new KeyError('no_local_wrap', '本机尚无用系统密钥保护打开数据库的密钥；请用恢复密钥解锁');
    const i = await this.bridge.info();
    // As Signal Desktop does: the backend that sealed the key is recorded, and a different one is never guessed at
    // (decrypting with another backend fails, or silently falls back to basic_text on Linux).
    if (i.platform !== wrap.platform || i.backend !== wrap.backend) {
      throw new KeyError('backend_changed', `本机密钥保护方式已从 ${wrap.platform}/${wrap.backend} 变为 ${i.platform}/${i.backend}，程序不会猜测；请用恢复密钥解锁`);
    }
    if (!i.available) throw new KeyError('backend_unavailable', '系统密钥保护（safeStorage）不可用；请用恢复密钥解锁');
    try {
      return await this.bridge.decrypt(Buffer.from(wrap.blob, 'base64'));
    } catch {
      throw new KeyError('backend_unavailable', '系统密钥保护无法解开本站密钥（系统账户或钥匙串已变）；请用恢复密钥解锁');
    }
  }
}
