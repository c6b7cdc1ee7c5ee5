import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CentralBundleKey } from '../../shared/sync/stations';

/**
 * Central's bundle key: the X25519 key pair stations seal their offline bundles for (shared/sync/bundle.ts). The
 * private key lives in one PEM file (mode 0600) — never in the database, so a copy of the database reads no
 * bundle — made on first start. Several central processes point at the same file (CENTRAL_BUNDLE_KEY_FILE).
 */
export interface CentralKeyPair {
  /** sha256 (hex) of the public key in SPKI DER: the `recipient` a bundle names. */
  keyId: string;
  /** SPKI DER, base64: what stations get at enrollment. */
  publicKey: string;
  privateKey: KeyObject;
  /** The raw 32-byte public key (HKDF info). */
  publicRaw: Buffer;
}

export function keyIdOf(spkiDer: Uint8Array): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}

function pairOf(privateKey: KeyObject): CentralKeyPair {
  if (privateKey.asymmetricKeyType !== 'x25519') throw new Error('central bundle key file does not hold an X25519 private key');
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { keyId: keyIdOf(spki), publicKey: spki.toString('base64'), privateKey, publicRaw: spki.subarray(spki.length - 32) };
}

/** Load the key from `file`, or make it there (exclusively: two processes starting together end up with one key). */
export function loadOrCreateBundleKey(file: string): CentralKeyPair {
  try {
    return pairOf(createPrivateKey(fs.readFileSync(file)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('x25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, pem, { mode: 0o600 });
  try {
    // link() refuses to replace a file another process made meanwhile; then that one is the key.
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return pairOf(createPrivateKey(fs.readFileSync(file)));
}

export function publicBundleKey(k: CentralKeyPair): CentralBundleKey {
  return { keyId: k.keyId, publicKey: k.publicKey };
}
