import { randomBytes } from 'node:crypto';
import type { SafeStorageBridge } from '../keys/protectors';

/**
 * A stand-in for Electron's safeStorage as main answers it (the real one needs the Electron binary): sealed data
 * opens only with the backend that sealed it, and `state` can change between calls (a keyring removed, another login).
 */
const machine = randomBytes(32);

export function fakeSafeStorage(state: { backend: string; platform?: string; available?: boolean }): SafeStorageBridge {
  // One machine (this process): the same backend opens what it sealed, whichever bridge asks.
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ machine[i % 32]!));
  return {
    info: () => Promise.resolve({ available: state.available ?? true, backend: state.backend, platform: state.platform ?? 'linux' }),
    encrypt: (plain) => Promise.resolve(Buffer.concat([Buffer.from(state.backend), Buffer.from([0]), xor(plain)])),
    decrypt: (sealed) => {
      const sep = sealed.indexOf(0);
      if (sealed.subarray(0, sep).toString() !== state.backend) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      return Promise.resolve(xor(sealed.subarray(sep + 1)));
    },
  };
}
