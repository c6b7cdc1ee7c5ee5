import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../../db/files';
import { DATA_KEY_BYTES, STORE_CIPHERS } from '../../db/cipher';

/**
 * `station-keys.json` in the data directory: the station's data key, never in the clear, sealed (AES-256-GCM) once
 * per way of opening it — by this machine's protector (a key file outside the data directory, a passphrase, or the
 * operating system's key store through Electron's safeStorage) and by the recovery key. Nothing in it opens the
 * store without one of those secrets. `keyId` names the data key (an HMAC of it) so a wrong key is told apart from
 * a damaged file. A copy travels in every backup's manifest (the recovery seal only).
 */
export const KEYS_FILE = 'station-keys.json';

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const SealedSchema = z.strictObject({ iv: B64, ct: B64, tag: B64 });
export type Sealed = z.infer<typeof SealedSchema>;

export const KeyFileWrapSchema = z.strictObject({ kind: z.literal('keyfile'), kekId: z.string().regex(/^[0-9a-f]{16}$/), sealed: SealedSchema, at: z.string() });
export const PassphraseWrapSchema = z.strictObject({
  kind: z.literal('passphrase'),
  scrypt: z.strictObject({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive() }),
  salt: B64,
  sealed: SealedSchema,
  at: z.string(),
});
export const RecoveryWrapSchema = z.strictObject({ kind: z.literal('recovery'), salt: B64, sealed: SealedSchema, issuedAt: z.string(), issuedBy: z.string().nullable() });
export const SafeStorageWrapSchema = z.strictObject({
  kind: z.literal('safeStorage'),
  platform: z.string(),
  /** The safeStorage backend that sealed it (Linux: gnome_libsecret, kwallet5 …, basic_text; Windows: dpapi; macOS: keychain). */
  backend: z.string(),
  blob: B64,
  /** A weak backend (basic_text) is used only once a supervisor confirmed it. */
  weakConfirmedBy: z.string().nullable(),
  at: z.string(),
});
export const WrapSchema = z.discriminatedUnion('kind', [KeyFileWrapSchema, PassphraseWrapSchema, RecoveryWrapSchema, SafeStorageWrapSchema]);
export type Wrap = z.infer<typeof WrapSchema>;
export type RecoveryWrap = z.infer<typeof RecoveryWrapSchema>;
export type LocalWrap = Exclude<Wrap, RecoveryWrap>;

export const EnvelopeSchema = z.strictObject({
  format: z.literal('yibao-station-keys'),
  version: z.literal(1),
  /** The cipher the store is in (db/cipher): aegis, or an older one (chacha20, sqlcipher4) for a store not yet converted. */
  cipher: z.enum(STORE_CIPHERS),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.string(),
  wraps: z.array(WrapSchema),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

export function keysPath(dataDir: string): string {
  return join(dataDir, KEYS_FILE);
}

/** The data key's name: the first 8 bytes of HMAC-SHA256(key, "yibao/key-id"). */
export function keyIdOf(dataKey: Uint8Array): string {
  return createHmac('sha256', dataKey).update('yibao/key-id').digest().subarray(0, 8).toString('hex');
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

const aadOf = (kind: string, keyId: string) => Buffer.from(`yibao-station-keys/v1/${kind}/${keyId}`);

/** Seal the data key with a 32-byte key-encryption key. */
export function seal(kek: Uint8Array, dataKey: Uint8Array, kind: Wrap['kind'], keyId: string): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(aadOf(kind, keyId));
  const ct = Buffer.concat([c.update(dataKey), c.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: c.getAuthTag().toString('base64') };
}

/** Open a sealed data key; null when the key-encryption key is not the one that sealed it (or the seal was changed). */
export function unseal(kek: Uint8Array, s: Sealed, kind: Wrap['kind'], keyId: string): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(s.iv, 'base64'));
    d.setAAD(aadOf(kind, keyId));
    d.setAuthTag(Buffer.from(s.tag, 'base64'));
    const key = Buffer.concat([d.update(Buffer.from(s.ct, 'base64')), d.final()]);
    return key.length === DATA_KEY_BYTES && keyIdOf(key) === keyId ? key : null;
  } catch {
    return null;
  }
}

/** The recovery key's key-encryption key (the secret is 128 random bits: HKDF, no slow KDF needed). */
export function recoveryKek(secret: Uint8Array, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, 'yibao/recovery-key/v1', 32));
}

export function sealForRecovery(secret: Uint8Array, dataKey: Uint8Array, keyId: string, issuedAt: string, issuedBy: string | null): RecoveryWrap {
  const salt = randomBytes(16);
  return { kind: 'recovery', salt: salt.toString('base64'), sealed: seal(recoveryKek(secret, salt), dataKey, 'recovery', keyId), issuedAt, issuedBy };
}

export function openWithRecovery(secret: Uint8Array, wrap: RecoveryWrap, keyId: string): Buffer | null {
  return unseal(recoveryKek(secret, Buffer.from(wrap.salt, 'base64')), wrap.sealed, 'recovery', keyId);
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function readEnvelope(dataDir: string): Envelope | null {
  const path = keysPath(dataDir);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new EnvelopeError(`密钥文件 ${KEYS_FILE} 已损坏（不是有效的 JSON）`);
  }
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) throw new EnvelopeError(`密钥文件 ${KEYS_FILE} 格式不对：${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  return parsed.data;
}

/** Write the envelope durably (temp file, fsync, rename; mode 0600). */
export function writeEnvelope(dataDir: string, e: Envelope): void {
  writeFileDurably(keysPath(dataDir), Buffer.from(`${JSON.stringify(EnvelopeSchema.parse(e), null, 2)}\n`));
}

/** The envelope with `wrap` in place of any wrap of the same kind. */
export function withWrap(e: Envelope, wrap: Wrap): Envelope {
  return { ...e, wraps: [...e.wraps.filter((w) => w.kind !== wrap.kind), wrap] };
}

export function recoveryWrapOf(e: Envelope): RecoveryWrap | null {
  return (e.wraps.find((w) => w.kind === 'recovery') as RecoveryWrap | undefined) ?? null;
}
