import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from './store';

/**
 * The directory blob store (see ./store.ts): attachment bytes content-addressed in `<dir>/blobs/ab/cd/<sha256>`,
 * uploads in progress in `<dir>/uploads/<uploadId>.part`. `dir` is the data directory, or CENTRAL_BLOB_DIR — a
 * directory every central process mounts when there are several. A chunk is written at its offset and synced
 * before the database offset moves, so the database never claims bytes the disk does not have; a blob appears by
 * an atomic rename, then its directory is synced.
 */
export class DiskBlobs implements BlobStore {
  readonly kind = 'directory' as const;
  private readonly blobDir: string;
  private readonly partDir: string;
  /** Blob directories known to exist (a rename into one that vanished makes it again). */
  private readonly dirs = new Set<string>();

  constructor(dataDir: string) {
    this.blobDir = path.join(dataDir, 'blobs');
    this.partDir = path.join(dataDir, 'uploads');
  }

  async init(): Promise<void> {
    await fs.mkdir(this.blobDir, { recursive: true });
    await fs.mkdir(this.partDir, { recursive: true });
  }

  async openRead(sha256: string): Promise<Readable> {
    const file = this.blobPath(sha256);
    await fs.access(file);
    return createReadStream(file);
  }

  blobPath(sha256: string): string {
    return path.join(this.blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private partPath(uploadId: string): string {
    return path.join(this.partDir, `${uploadId}.part`);
  }

  /** Write `chunk` at `offset` (dropping anything after it first) and sync it. */
  async writeChunk(uploadId: string, offset: number, chunk: Uint8Array): Promise<void> {
    const file = this.partPath(uploadId);
    const fh = await fs.open(file, constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      await fh.truncate(offset);
      if (chunk.byteLength > 0) await fh.write(chunk, 0, chunk.byteLength, offset);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** SHA-256 of the first `size` bytes of the partial upload. */
  async hashPart(uploadId: string, size: number): Promise<string> {
    const hash = createHash('sha256');
    if (size === 0) return hash.digest('hex');
    await new Promise<void>((resolve, reject) => {
      createReadStream(this.partPath(uploadId), { start: 0, end: size - 1 })
        .on('data', (d) => hash.update(d))
        .on('error', reject)
        .on('end', () => resolve());
    });
    return hash.digest('hex');
  }

  /** Move a verified upload to its content address (atomic rename, then the directory is synced). */
  async promote(uploadId: string, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true });
    await fs.rename(this.partPath(uploadId), target);
    const dh = await fs.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  /**
   * Bytes already checked against their sha256, stored as that blob in one step: written to a file of their own
   * with O_SYNC (the write returns once they are on disk: a write and an fsync in one call), renamed to the
   * content address, the directory synced. Two processes putting the same blob at once both rename identical
   * bytes into place.
   */
  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const part = path.join(this.partDir, `${randomUUID()}.blob`);
    const fh = await fs.open(part, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_SYNC, 0o600);
    try {
      await fh.writeFile(bytes);
    } catch (e) {
      await fh.close().catch(() => undefined);
      await fs.rm(part, { force: true });
      throw e;
    }
    await fh.close();
    const target = this.blobPath(sha256);
    const dir = path.dirname(target);
    try {
      if (!this.dirs.has(dir)) await fs.mkdir(dir, { recursive: true });
      await fs.rename(part, target).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT' || !this.dirs.has(dir)) throw e;
        this.dirs.delete(dir);
        await fs.mkdir(dir, { recursive: true });
        await fs.rename(part, target);
      });
    } catch (e) {
      await fs.rm(part, { force: true });
      throw e;
    }
    this.dirs.add(dir);
    const dh = await fs.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  async discard(uploadId: string): Promise<void> {
    await fs.rm(this.partPath(uploadId), { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    return fs.access(this.blobPath(sha256)).then(
      () => true,
      () => false,
    );
  }
}
