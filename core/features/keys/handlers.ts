import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { confirmWeakProtection, issueRecoveryKey, keysStatus, localStorageKey, lockStatus, unlock } from './keys';

/** keys.*: the store's lock, the key protection, the recovery key, the UI's local-storage key. */
export const keysHandlers = {
  'keys.lockStatus': (ctx) => lockStatus(ctx),
  'keys.unlock': (ctx, _s, input) => unlock(ctx, input),
  'keys.status': (ctx) => keysStatus(ctx),
  'keys.issueRecoveryKey': (ctx, s) => issueRecoveryKey(ctx, me(s)),
  'keys.confirmWeakProtection': (ctx, s) => confirmWeakProtection(ctx, me(s)),
  'keys.localStorageKey': (ctx, s) => localStorageKey(ctx, me(s)),
} satisfies Partial<Handlers>;
