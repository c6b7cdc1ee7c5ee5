import { randomFillSync } from 'node:crypto';
import { createUuidV7Generator } from '../../shared/ids';
import type { Clock } from '../../shared/time';
import type { CentralConfig } from '../config';
import type { Store } from '../store/types';
import { DiskBlobs } from '../blobs/disk';
import type { BlobStore } from '../blobs/store';
import { KeyedLock } from '../util/lock';
import { Gate } from '../util/gate';
import { CatalogCache } from './catalog';
import { loadOrCreateBundleKey, type CentralKeyPair } from './bundle-key';
import path from 'node:path';

/** What every service works with. */
export interface CentralContext {
  readonly store: Store;
  readonly config: CentralConfig;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Attachment bytes: a directory all central processes share (CENTRAL_BLOB_DIR), behind the BlobStore interface. */
  readonly blobs: BlobStore;
  readonly catalog: CatalogCache;
  /** The X25519 key stations seal their bundles for (its private half is in a file, not in the database). */
  readonly bundleKey: CentralKeyPair;
  /**
   * Serialises work on one key inside this process: `station:<id>` for the pushes of a station (the database
   * guards it too, for several server processes), `upload:<id>` for the chunks of an upload.
   */
  readonly locks: KeyedLock;
  /** Admits this process's attachment requests, config.uploadConcurrency at once (routes/uploads.ts). */
  readonly uploadGate: Gate;
}

export async function createContext(store: Store, config: CentralConfig): Promise<CentralContext> {
  const blobs: BlobStore = new DiskBlobs(config.blobDir ?? config.dataDir);
  await blobs.init();
  const clock = config.clock;
  return {
    store,
    config,
    clock,
    newId: createUuidV7Generator(() => clock.now(), (b) => randomFillSync(b)),
    blobs,
    catalog: new CatalogCache(store, () => clock.now()),
    bundleKey: loadOrCreateBundleKey(config.bundleKeyFile ?? path.join(config.dataDir, 'bundle-key.pem')),
    locks: new KeyedLock(),
    uploadGate: new Gate(config.uploadConcurrency),
  };
}
