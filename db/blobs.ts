import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './files';

/**
 * The station's attachment files (scans, photos), content-addressed by the sha256 of their bytes:
 * `<dir>/ab/<sha256>`. The database's `attachments` rows name them; this is the only code that touches them.
 */
export class StationBlobs {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Store a blob durably (temp file, fsync, rename); a blob already stored is kept. Returns its path. */
  store(sha256: string, bytes: Uint8Array): string {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) writeFileDurably(path, bytes);
    return path;
  }

  read(path: string): Buffer {
    return readFileSync(path);
  }

  /** Read `length` bytes at `offset` (a chunk, so a 8 MB photo never sits in memory twice). */
  readChunk(path: string, offset: number, length: number): Uint8Array {
    const buf = Buffer.alloc(length);
    const fd = openSync(path, 'r');
    try {
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  }
}
