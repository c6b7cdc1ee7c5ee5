import { randomBytes } from 'node:crypto';

/**
 * The station's recovery key: 128 random bits written as 8 groups of 6 digits (digits only: read aloud, typed on
 * any keyboard, no 0/O or 1/l confusion). Each group is a 16-bit number times 11, so a mistyped digit in a group is
 * caught at once and the group named (as BitLocker's recovery passwords do).
 */
export const RECOVERY_GROUPS = 8;

export interface RecoveryKey {
  /** `123456-234567-…` (8 groups). */
  text: string;
  /** The 16 secret bytes. */
  secret: Buffer;
}

export function formatRecoveryKey(secret: Uint8Array): string {
  if (secret.length !== RECOVERY_GROUPS * 2) throw new Error('a recovery secret is 16 bytes');
  const groups: string[] = [];
  for (let i = 0; i < RECOVERY_GROUPS; i++) {
    const v = (secret[i * 2]! << 8) | secret[i * 2 + 1]!;
    groups.push(String(v * 11).padStart(6, '0'));
  }
  return groups.join('-');
}

export function generateRecoveryKey(): RecoveryKey {
  const secret = randomBytes(RECOVERY_GROUPS * 2);
  return { text: formatRecoveryKey(secret), secret };
}

export type RecoveryKeyParse = { ok: true; secret: Buffer } | { ok: false; message: string };

/** Read a typed recovery key (spaces and dashes ignored); a wrong group is named in Chinese. */
export function parseRecoveryKey(typed: string): RecoveryKeyParse {
  const digits = typed.replace(/[\s\-－—_]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, message: '恢复密钥：只能包含数字（可带空格或连字符）' };
  if (digits.length !== RECOVERY_GROUPS * 6) return { ok: false, message: `恢复密钥：应为 ${RECOVERY_GROUPS} 组、每组 6 位数字，共 ${RECOVERY_GROUPS * 6} 位，现为 ${digits.length} 位` };
  const secret = Buffer.alloc(RECOVERY_GROUPS * 2);
  for (let i = 0; i < RECOVERY_GROUPS; i++) {
    const n = Number(digits.slice(i * 6, i * 6 + 6));
    if (n % 11 !== 0 || n / 11 > 0xffff) return { ok: false, message: `恢复密钥：第 ${i + 1} 组数字有误，请核对` };
    secret.writeUInt16BE(n / 11, i * 2);
  }
  return { ok: true, secret };
}
