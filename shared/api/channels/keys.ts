import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema } from '../../cases/model';

/** How this machine seals the station's data key (see README, Security). */
export const ProtectionSchema = z.strictObject({
  kind: z.enum(['keyfile', 'passphrase', 'safeStorage']),
  /** The key file's path, the safeStorage backend, or the passphrase KDF (never a secret). */
  detail: z.string(),
  /** Linux basic_text: no real protection; a supervisor must confirm it. */
  weak: z.boolean(),
});

/** Why the store is locked (the unlock screen shows the fields the reason needs). */
export const LOCK_REASONS = [
  'key_file_missing',
  'key_file_wrong',
  'passphrase_required',
  'passphrase_new',
  'wrong_passphrase',
  'backend_changed',
  'backend_unavailable',
  'weak_backend_unconfirmed',
  'no_local_wrap',
  'keys_missing',
  'keys_damaged',
  'wrong_recovery_key',
  'recovery_not_issued',
] as const;
export const LockReasonSchema = z.enum(LOCK_REASONS);

/** 8 groups of 6 digits; the core checks each group (a typo is caught and its group named). */
export const RecoveryKeyInputSchema = z
  .string()
  .trim()
  .min(1, '请填写恢复密钥')
  .max(80, '恢复密钥：太长了')
  .regex(/^[\d\s\-－—_]+$/, '恢复密钥：只能包含数字（可带空格或连字符）');

export const PassphraseInputSchema = z.string().min(1, '请填写站点口令').max(256, '站点口令：不能超过 256 个字符');

export const keysLockStatus = channel({
  summary: 'Whether the store is locked, why, and how this machine protects its key (answers before sign-in)',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ locked: z.boolean(), reason: LockReasonSchema.nullable(), message: z.string().nullable(), protection: ProtectionSchema }),
});

export const keysUnlock = channel({
  summary: 'Open a locked store: with the station passphrase, or with the recovery key (then sealed anew for this machine)',
  write: true,
  input: z
    .strictObject({
      passphrase: PassphraseInputSchema.optional(),
      recoveryKey: RecoveryKeyInputSchema.optional(),
      /** Needed when this machine's protection is weak (Linux basic_text): the recovery key's holder accepts it. */
      confirmWeakProtection: z.boolean().optional(),
      /** Passphrase mode, with the recovery key: the new passphrase that seals the key from now on. */
      newPassphrase: PassphraseInputSchema.optional(),
      /** Try this machine's own protection again (the USB key with the key file plugged in meanwhile). */
      retry: z.literal(true).optional(),
    })
    .refine((i) => [i.passphrase, i.recoveryKey, i.retry].filter((x) => x !== undefined).length === 1, {
      message: '请填写站点口令或恢复密钥（二选一）',
      path: ['recoveryKey'],
    }),
  output: z.strictObject({ unlocked: z.literal(true) }),
});

export const KeysStatusSchema = z.strictObject({
  protection: ProtectionSchema,
  /** The weak protection was confirmed by this supervisor (null when not weak or not yet confirmed). */
  weakConfirmedBy: z.string().nullable(),
  /** The store's cipher (db/cipher STORE_CIPHERS): aegis (AEGIS-256), or an older one until the store is converted. */
  cipher: z.enum(['aegis', 'chacha20', 'sqlcipher4']),
  /** Names the data key (an HMAC of it; not secret). */
  keyId: z.string(),
  recoveryKeyIssuedAt: InstantSchema.nullable(),
  recoveryKeyIssuedBy: z.string().nullable(),
});

export const keysStatus = channel({
  summary: "The station's key protection and recovery key (supervisor)",
  write: false,
  input: z.strictObject({}),
  output: KeysStatusSchema,
});

export const keysIssueRecoveryKey = channel({
  summary: 'Make a new recovery key (shown this once; any earlier one stops working)',
  write: true,
  input: z.strictObject({}),
  output: z.strictObject({ recoveryKey: z.string(), issuedAt: InstantSchema, station: z.string().nullable() }),
});

export const keysConfirmWeakProtection = channel({
  summary: 'A supervisor accepts the weak key protection of this machine (Linux without a keyring)',
  write: true,
  input: z.strictObject({}),
  output: KeysStatusSchema,
});

export const keysLocalStorageKey = channel({
  summary: "The signed-in user's key for their unsaved typing in this browser's local storage (AES-256-GCM, raw, base64)",
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) }),
});
