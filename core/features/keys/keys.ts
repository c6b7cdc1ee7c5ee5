import type { CoreContext } from '../../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { readEnvelope, recoveryWrapOf, sealForRecovery, withWrap, writeEnvelope } from '../../keys/envelope';
import { KeyError, PASSPHRASE_MIN, PassphraseProtector } from '../../keys/protectors';
import { generateRecoveryKey, parseRecoveryKey } from '../../keys/recovery-key';
import { openStationKeys, recoverStationKeys, type KeyOpening } from '../../keys/station-keys';
import { station } from '../../reference/station';

/** Failed unlock attempts: each one waits a little longer (a passphrase or recovery key cannot be guessed quickly). */
const unlockFailures = new WeakMap<CoreContext, number>();

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function lockStatus(ctx: CoreContext): Promise<ChannelOutput<'keys.lockStatus'>> {
  const lock = ctx.security.lock;
  return { locked: lock !== null, reason: lock?.code ?? null, message: lock?.message ?? null, protection: await ctx.security.protector.describe() };
}

async function failedAttempt(ctx: CoreContext): Promise<void> {
  const n = (unlockFailures.get(ctx) ?? 0) + 1;
  unlockFailures.set(ctx, n);
  await sleep(Math.min(30_000, 500 * 2 ** Math.min(n - 1, 6)));
}

function refuse(opening: Extract<KeyOpening, { ok: false }>, field: string): never {
  const e = opening.error;
  if (e.code === 'wrong_passphrase') fail('bad_credentials', '站点口令不正确', { field });
  if (e.code === 'wrong_recovery_key') fail('bad_credentials', e.message, { field });
  fail('store_locked', e.message, { field });
}

/** Open the locked store with the passphrase or the recovery key, then reopen the core on it (audited in the store). */
export async function unlock(ctx: CoreContext, input: ChannelInput<'keys.unlock'>): Promise<{ unlocked: true }> {
  const sec = ctx.security;
  const lock = sec.lock;
  if (!lock) fail('invalid_input', '数据库没有锁定，无需解锁');
  let opening: KeyOpening;
  let method: 'passphrase' | 'recovery_key' | 'retry';
  if (input.retry) {
    // The key file is back (a USB key plugged in), or the key store came up: this machine's own protection again.
    if (sec.protector instanceof PassphraseProtector) fail('invalid_input', '请填写站点口令', { field: 'passphrase' });
    opening = await openStationKeys(sec.dataDir, sec.dbPath, sec.protector);
    method = 'retry';
    if (!opening.ok) fail('store_locked', opening.error.message);
  } else if (input.passphrase !== undefined) {
    const p = sec.protector;
    if (!(p instanceof PassphraseProtector)) fail('invalid_input', '站点口令：本机不用口令保护密钥，请填写恢复密钥', { field: 'passphrase' });
    if (lock.code === 'passphrase_new' && [...input.passphrase].length < PASSPHRASE_MIN) {
      fail('invalid_input', `站点口令：至少 ${PASSPHRASE_MIN} 个字符`, { field: 'passphrase' });
    }
    p.setPassphrase(input.passphrase);
    opening = await openStationKeys(sec.dataDir, sec.dbPath, p);
    method = 'passphrase';
    if (!opening.ok) {
      p.setPassphrase(null);
      await failedAttempt(ctx);
      refuse(opening, 'passphrase');
    }
  } else {
    const parsed = parseRecoveryKey(input.recoveryKey ?? '');
    if (!parsed.ok) fail('invalid_input', parsed.message, { field: 'recoveryKey' });
    const protection = await sec.protector.describe();
    if (protection.weak && input.confirmWeakProtection !== true) {
      fail('invalid_input', '本机没有系统钥匙串，密钥只能以弱保护存放：请确认后再解锁', { field: 'confirmWeakProtection' });
    }
    if (sec.protector instanceof PassphraseProtector) {
      // The recovery key opens the data key; a new passphrase seals it again for the next starts.
      if (input.newPassphrase === undefined || [...input.newPassphrase].length < PASSPHRASE_MIN) {
        fail('invalid_input', `新站点口令：至少 ${PASSPHRASE_MIN} 个字符（今后启动时用它打开数据库）`, { field: 'newPassphrase' });
      }
      sec.protector.setPassphrase(input.newPassphrase);
    }
    opening = await recoverStationKeys(sec.dataDir, sec.protector, parsed.secret, protection.weak ? '恢复密钥持有人' : null);
    method = 'recovery_key';
    if (!opening.ok) {
      await failedAttempt(ctx);
      refuse(opening, 'recoveryKey');
    }
  }
  unlockFailures.delete(ctx);
  sec.reopen(opening.keys);
  if (sec.lock) fail('store_locked', sec.lock.message);
  ctx.tx(() =>
    ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: null, actorName: 'system', action: 'keys.unlock', entity: 'station', entityId: null, detail: { method, reason: lock.code } }),
  );
  return { unlocked: true };
}

export async function keysStatus(ctx: CoreContext): Promise<ChannelOutput<'keys.status'>> {
  const sec = ctx.security;
  const envelope = readEnvelope(sec.dataDir);
  if (!envelope || !sec.keyring) fail('store_locked', '数据库已锁定');
  const recovery = recoveryWrapOf(envelope);
  const local = envelope.wraps.find((w) => w.kind === 'safeStorage');
  return {
    protection: await sec.protector.describe(),
    weakConfirmedBy: local?.kind === 'safeStorage' ? local.weakConfirmedBy : null,
    cipher: envelope.cipher,
    keyId: envelope.keyId,
    recoveryKeyIssuedAt: recovery?.issuedAt ?? null,
    recoveryKeyIssuedBy: recovery?.issuedBy ?? null,
  };
}

/** A new recovery key, shown this once; the envelope keeps only its seal of the data key. Earlier backups keep theirs. */
export function issueRecoveryKey(ctx: CoreContext, user: SessionUser): ChannelOutput<'keys.issueRecoveryKey'> {
  const sec = ctx.security;
  const envelope = readEnvelope(sec.dataDir);
  if (!envelope || !sec.keyring) fail('store_locked', '数据库已锁定');
  const issuedAt = nowInstant(ctx.clock);
  const rk = generateRecoveryKey();
  writeEnvelope(sec.dataDir, withWrap(envelope, sealForRecovery(rk.secret, sec.keyring.dataKey(), envelope.keyId, issuedAt, user.username)));
  ctx.tx(() =>
    ctx.repos.audit.append({ at: issuedAt, actorId: user.id, actorName: user.displayName, action: 'keys.recovery_issue', entity: 'station', entityId: null, detail: { keyId: envelope.keyId, replaced: recoveryWrapOf(envelope) !== null } }),
  );
  return { recoveryKey: rk.text, issuedAt, station: station(ctx)?.code ?? null };
}

export async function confirmWeakProtection(ctx: CoreContext, user: SessionUser): Promise<ChannelOutput<'keys.confirmWeakProtection'>> {
  const sec = ctx.security;
  const envelope = readEnvelope(sec.dataDir);
  if (!envelope || !sec.keyring) fail('store_locked', '数据库已锁定');
  const protection = await sec.protector.describe();
  if (!protection.weak) fail('invalid_input', '本机的密钥保护不是弱保护，无需确认');
  const at = nowInstant(ctx.clock);
  let wrap;
  try {
    wrap = await sec.protector.protect(sec.keyring.dataKey(), envelope.keyId, at, user.username);
  } catch (e) {
    if (e instanceof KeyError) fail('store_error', e.message);
    throw e;
  }
  writeEnvelope(sec.dataDir, withWrap(envelope, wrap));
  sec.weakUnconfirmed = false;
  ctx.tx(() =>
    ctx.repos.audit.append({ at, actorId: user.id, actorName: user.displayName, action: 'keys.weak_confirm', entity: 'station', entityId: null, detail: { backend: protection.detail } }),
  );
  return keysStatus(ctx);
}

/** The user's key for their unsaved typing in the UI's local storage (derived from the data key; audited). */
export function localStorageKey(ctx: CoreContext, user: SessionUser): ChannelOutput<'keys.localStorageKey'> {
  const keyring = ctx.security.keyring;
  if (!keyring) fail('store_locked', '数据库已锁定');
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: user.id, actorName: user.displayName, action: 'keys.local_key', entity: 'user', entityId: user.id, detail: {} }),
  );
  return { key: keyring.localStorageKey(user.id).toString('base64') };
}
