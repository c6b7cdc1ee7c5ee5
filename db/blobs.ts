import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fstatSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ensurePrivateDir, writeFileDurably } from './files';

/**
 * The station's attachment files (scans, photos), content-addressed by the sha256 of their PLAINTEXT:
 * `<dir>/ab/<sha256>`. The database's `attachments` rows name them; this is the only code that touches them.
 *
 * Every file is encrypted with AES-256-GCM under a key of its own, derived (HKDF-SHA256) from the station's
 * attachment key (itself derived from the data key) and a random 16-byte salt kept in the file's header. The
 * plaintext is cut into 64 KiB segments, each sealed separately (a chunk of an 8 MB photo is read without
 * decrypting the rest), with the segment's index and a last-segment flag in its nonce (segments cannot be
 * reordered, dropped or the file cut short) and the header plus the file's address as associated data (a file
 * cannot be passed off as another address).
 *
 *   header  "YBA1" | version 1 | log2(segment) | 0 0 | salt(16)          24 bytes
 *   then    for each segment: ciphertext(≤ 64 KiB) | GCM tag(16)
 */
const MAGIC = Buffer.from('YBA1', 'latin1');
const VERSION = 1;
const SEG_LOG2 = 16;
const SEG = 1 << SEG_LOG2;
const TAG = 16;
const HEADER = 24;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export class BlobError extends Error {
  constructor(
    readonly code: 'bad_address' | 'missing' | 'not_encrypted' | 'tampered' | 'hash_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'BlobError';
  }
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Plaintext length of an encrypted file of `fileSize` bytes. */
function plainSizeOf(fileSize: number): number {
  const body = fileSize - HEADER;
  if (body < TAG) throw new BlobError('tampered', '附件文件已损坏（长度不对）');
  const segments = Math.ceil(body / (SEG + TAG));
  return body - segments * TAG;
}

function segmentsOf(plainSize: number): number {
  return Math.max(1, Math.ceil(plainSize / SEG));
}

export interface BlobInfo {
  sha256: string;
  /** Bytes on disk (encrypted). */
  bytes: number;
}

export class StationBlobs {
  private readonly masterKey: Buffer;

  /**
   * @param dir the attachments folder
   * @param attachmentKey 32 bytes derived from the data key for attachments (core/keys)
   */
  constructor(
    readonly dir: string,
    attachmentKey: Uint8Array,
  ) {
    if (attachmentKey.length !== 32) throw new Error('the attachment key must be 32 bytes');
    this.masterKey = Buffer.from(attachmentKey);
  }

  /** The file of an address. */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new BlobError('bad_address', '附件地址不对');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * The address a stored path names. Rows keep the path the blob had when it was added; only its last part (the
   * sha256) is used, so a store restored into another data directory still finds its files.
   */
  private addressOf(pathOrSha: string): string {
    const sha = basename(pathOrSha);
    if (!SHA256_HEX.test(sha)) throw new BlobError('bad_address', '附件地址不对');
    return sha;
  }

  private fileKey(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.masterKey, salt, 'yibao/attachment-file/v1', 32));
  }

  /** Seal `bytes` for the address `sha256`. */
  seal(sha256: string, bytes: Uint8Array): Buffer {
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header, 0);
    header[4] = VERSION;
    header[5] = SEG_LOG2;
    const salt = randomBytes(16);
    salt.copy(header, 8);
    const key = this.fileKey(salt);
    const aad = Buffer.concat([header, Buffer.from(sha256, 'hex')]);
    const n = segmentsOf(bytes.length);
    const parts: Buffer[] = [header];
    for (let i = 0; i < n; i++) {
      const c = createCipheriv('aes-256-gcm', key, nonce(i, i === n - 1));
      c.setAAD(aad);
      parts.push(c.update(bytes.subarray(i * SEG, Math.min(bytes.length, (i + 1) * SEG))), c.final(), c.getAuthTag());
    }
    return Buffer.concat(parts);
  }

  /** Store a blob durably, encrypted (temp file, fsync, rename); a blob already stored is kept. Returns its path. */
  store(sha256: string, bytes: Uint8Array): string {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      ensurePrivateDir(join(this.dir, sha256.slice(0, 2)));
      writeFileDurably(path, this.seal(sha256, bytes));
    }
    return path;
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** The whole plaintext of a blob (authenticated). `pathOrSha`: a stored path or the address itself. */
  read(pathOrSha: string): Buffer {
    const sha = this.addressOf(pathOrSha);
    const fd = this.openBlob(sha);
    try {
      const size = plainSizeOf(fstatSync(fd).size);
      return this.decryptRange(fd, sha, 0, size, size);
    } finally {
      closeSync(fd);
    }
  }

  /** Plaintext size of a stored blob. */
  size(pathOrSha: string): number {
    return plainSizeOf(statSync(this.pathOf(this.addressOf(pathOrSha))).size);
  }

  /** Read `length` plaintext bytes at `offset` (a chunk: only the segments it covers are decrypted). */
  readChunk(pathOrSha: string, offset: number, length: number): Uint8Array {
    const sha = this.addressOf(pathOrSha);
    const fd = this.openBlob(sha);
    try {
      const size = plainSizeOf(fstatSync(fd).size);
      const start = Math.min(offset, size);
      const end = Math.min(size, offset + length);
      return this.decryptRange(fd, sha, start, end, size);
    } finally {
      closeSync(fd);
    }
  }

  private openBlob(sha: string): number {
    const path = this.pathOf(sha);
    if (!existsSync(path)) throw new BlobError('missing', '附件文件不存在');
    return openSync(path, 'r');
  }

  private readExactly(fd: number, length: number, position: number): Buffer {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, position + got);
      if (n === 0) throw new BlobError('tampered', '附件文件已损坏（内容不完整）');
      got += n;
    }
    return buf;
  }

  private decryptRange(fd: number, sha: string, start: number, end: number, size: number): Buffer {
    const header = this.readExactly(fd, HEADER, 0);
    if (!header.subarray(0, 4).equals(MAGIC)) throw new BlobError('not_encrypted', '附件文件未加密或不是本站的附件');
    if (header[4] !== VERSION || header[5] !== SEG_LOG2) throw new BlobError('tampered', '附件文件版本不对');
    const key = this.fileKey(header.subarray(8, 24));
    const aad = Buffer.concat([header, Buffer.from(sha, 'hex')]);
    const n = segmentsOf(size);
    const first = Math.floor(start / SEG);
    const last = end > start ? Math.floor((end - 1) / SEG) : first;
    const out: Buffer[] = [];
    for (let i = first; i <= last && i < n; i++) {
      const plainLen = Math.min(SEG, size - i * SEG);
      const seg = this.readExactly(fd, plainLen + TAG, HEADER + i * (SEG + TAG));
      const d = createDecipheriv('aes-256-gcm', key, nonce(i, i === n - 1));
      d.setAAD(aad);
      d.setAuthTag(seg.subarray(plainLen));
      let plain: Buffer;
      try {
        plain = Buffer.concat([d.update(seg.subarray(0, plainLen)), d.final()]);
      } catch {
        throw new BlobError('tampered', '附件文件已损坏或被改动（校验失败）');
      }
      const from = i === first ? start - i * SEG : 0;
      const to = i === last ? end - i * SEG : plainLen;
      out.push(plain.subarray(from, to));
    }
    return Buffer.concat(out);
  }

  /** Every stored blob (by walking the folder; leftover temp files are removed). */
  list(): BlobInfo[] {
    const out: BlobInfo[] = [];
    if (!existsSync(this.dir)) return out;
    for (const prefix of readdirSync(this.dir)) {
      const sub = join(this.dir, prefix);
      if (!/^[0-9a-f]{2}$/.test(prefix) || !statSync(sub).isDirectory()) continue;
      for (const name of readdirSync(sub)) {
        const path = join(sub, name);
        if (name.endsWith('.tmp')) {
          rmSync(path, { force: true });
          continue;
        }
        if (SHA256_HEX.test(name) && name.startsWith(prefix)) out.push({ sha256: name, bytes: statSync(path).size });
      }
    }
    return out;
  }

  private isSealed(path: string): boolean {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4);
      return readSync(fd, head, 0, 4, 0) === 4 && head.equals(MAGIC);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Upgrade: encrypt every blob still stored in plaintext (written by a version before encryption), one file at a
   * time, each replaced atomically (a crash leaves every file either plain or encrypted; running again finishes).
   * A plain file whose content does not hash to its address is left as it is and reported.
   */
  encryptPlainFiles(onFile?: (done: number) => void): { encrypted: number; mismatched: string[] } {
    let encrypted = 0;
    const mismatched: string[] = [];
    for (const b of this.list()) {
      const path = this.pathOf(b.sha256);
      if (this.isSealed(path)) continue;
      const bytes = this.readExactlyFile(path);
      if (createHash('sha256').update(bytes).digest('hex') !== b.sha256) {
        mismatched.push(b.sha256);
        continue;
      }
      writeFileDurably(path, this.seal(b.sha256, bytes));
      encrypted += 1;
      onFile?.(encrypted);
    }
    return { encrypted, mismatched };
  }

  private readExactlyFile(path: string): Buffer {
    const fd = openSync(path, 'r');
    try {
      return this.readExactly(fd, fstatSync(fd).size, 0);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The whole plaintext, proven to be what its address says: authenticated, and its sha256 computed again (a
   * file cut short, altered, or missing throws a BlobError). For uploads and for showing an attachment.
   */
  readChecked(pathOrSha: string): Buffer {
    const sha = this.addressOf(pathOrSha);
    const bytes = this.read(sha);
    if (createHash('sha256').update(bytes).digest('hex') !== sha) throw new BlobError('hash_mismatch', '附件内容与其校验值不符');
    return bytes;
  }

  /**
   * Move a damaged blob's file aside (`quarantine/<sha256>-<ms>`), so a re-scan of the same bytes stores them
   * afresh and the damaged file stays for inspection. Returns where it went (null: there was no file).
   */
  quarantine(sha256: string): string | null {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) return null;
    const dir = join(this.dir, 'quarantine');
    ensurePrivateDir(dir);
    const to = join(dir, `${sha256}-${Date.now()}`);
    renameSync(path, to);
    return to;
  }

  /** Copy a blob's encrypted file as it is (backups: the copy needs the data key to be read). */
  copySealedTo(sha256: string, destDir: string): void {
    const sub = join(destDir, sha256.slice(0, 2));
    ensurePrivateDir(sub);
    copyFileSync(this.pathOf(sha256), join(sub, sha256));
  }

  /**
   * Take in an encrypted file from elsewhere (a backup being restored), after proving it decrypts with this
   * station's key to content whose sha256 is its address. The file is copied to a temp name and renamed.
   */
  adoptSealed(sha256: string, sourcePath: string): void {
    const source = new StationBlobs(join(sourcePath, '..', '..'), this.masterKey);
    const plain = source.read(sourcePath);
    if (createHash('sha256').update(plain).digest('hex') !== sha256) throw new BlobError('hash_mismatch', '附件内容与其地址不符');
    const path = this.pathOf(sha256);
    if (existsSync(path)) return;
    ensurePrivateDir(join(this.dir, sha256.slice(0, 2)));
    writeFileDurably(path, this.readExactlyFile(sourcePath));
  }
}

/**
 * A restore's last step (db/restore): the staged attachments folder takes the place of the current one (which a
 * fresh install holds nearly empty). Renames only; a step already done is skipped.
 */
export function replaceAttachmentsDir(staged: string, dir: string): void {
  if (!existsSync(staged)) return;
  const old = `${staged}.replaced`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(staged, dir);
  rmSync(old, { recursive: true, force: true });
}
