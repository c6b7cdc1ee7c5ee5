import type { KeyError, KeyProtector } from './protectors';
import type { OpenedKeys, StationKeyring } from './station-keys';

/**
 * Steps of the first start after an upgrade (the crash tests kill the process after each): from a plaintext store
 * (keys, the store's encryption steps, attachment, done), or from a store in an older cipher (the same encryption
 * steps converting it, then `envelope`: the key envelope records the new cipher).
 */
export type UpgradeStep = 'keys' | 'checkpoint' | 'copy' | 'encrypt' | 'verify' | 'swap' | 'envelope' | 'attachment' | 'done';

/** The station's data protection as the core runs it: its keys (or why the store is locked) and where things live. */
export interface StationSecurity {
  readonly dataDir: string;
  readonly dbPath: string;
  /** How this machine seals the data key (key file, passphrase or safeStorage). */
  readonly protector: KeyProtector;
  /** better-sqlite3 binding for another runtime (Electron in development), for connections the core opens itself. */
  readonly nativeBinding: string | undefined;
  /** The keys of the open store; null while it is locked. */
  keyring: StationKeyring | null;
  /** Why the store is locked (only setup.status and keys.* answer then); null when it is open. */
  lock: KeyError | null;
  /** The local wrap is a weak backend (basic_text) no supervisor confirmed yet. */
  weakUnconfirmed: boolean;
  /** Close the open store (or the locked placeholder) and open the one `keys` opens, in place (unlock, restore). */
  reopen(keys: OpenedKeys): void;
}
