import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationBlobs, BlobError } from './blobs';

const dirs: string[] = [];
function blobs(key = randomBytes(32)): StationBlobs {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-blobs-'));
  dirs.push(dir);
  return new StationBlobs(join(dir, 'attachments'), key);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A "scan" carrying a recognisable ID number and name, larger than several 64 KiB segments. */
function scan(size = 200_000): Buffer {
  const b = randomBytes(size);
  Buffer.from('身份证 371002195001010015 张秀英 6222020200112233445').copy(b, 70_000);
  return b;
}

describe('attachment files (AES-256-GCM per file, addressed by the plaintext sha256)', () => {
  it('stores encrypted and reads back the same bytes, whole and in chunks across segments', () => {
    const s = blobs();
    const data = scan();
    const path = s.store(sha(data), data);
    const raw = readFileSync(path);
    expect(raw.includes(Buffer.from('371002195001010015'))).toBe(false);
    expect(raw.includes(Buffer.from('张秀英'))).toBe(false);
    expect(raw.includes(data.subarray(0, 64))).toBe(false);
    expect(s.read(path).equals(data)).toBe(true);
    expect(s.size(path)).toBe(data.length);
    for (const [off, len] of [[0, 10], [65_530, 20], [131_000, 100_000], [199_990, 100], [250_000, 10]] as const) {
      expect(Buffer.from(s.readChunk(path, off, len)).equals(data.subarray(off, off + len))).toBe(true);
    }
    expect(s.read(sha(data)).equals(data)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(s.dir, sha(data).slice(0, 2))).mode & 0o777).toBe(0o700);
  });

  it('handles empty and exactly-one-segment files', () => {
    const s = blobs();
    for (const data of [Buffer.alloc(0), randomBytes(65_536), randomBytes(65_537)]) {
      const p = s.store(sha(data), data);
      expect(s.read(p).equals(data)).toBe(true);
    }
  });

  it('finds a blob by its address when the stored path names another data directory (a restored store)', () => {
    const s = blobs();
    const data = scan(1000);
    s.store(sha(data), data);
    expect(s.read(`/old/machine/attachments/${sha(data).slice(0, 2)}/${sha(data)}`).equals(data)).toBe(true);
  });

  it('refuses a changed byte, a cut file, a file moved to another address, and another key', () => {
    const s = blobs();
    const data = scan();
    const path = s.store(sha(data), data);
    const flipped = readFileSync(path);
    flipped.writeUInt8(flipped.readUInt8(100_000) ^ 1, 100_000);
    const other = scan(300);
    const otherPath = s.store(sha(other), other);

    writeFileSync(path, flipped);
    expect(() => s.read(path)).toThrow(BlobError);
    expect(() => s.readChunk(path, 99_000, 2000)).toThrow(/校验失败|损坏/);
    expect(Buffer.from(s.readChunk(path, 0, 100)).equals(data.subarray(0, 100))).toBe(true); // other segments stay readable

    s.store(sha(data), data); // kept: the path exists — rewrite it to test truncation
    rmSync(path);
    s.store(sha(data), data);
    truncateSync(path, statSync(path).size - (65_536 + 16)); // drop the last whole segment
    expect(() => s.read(path)).toThrow(BlobError);

    rmSync(path);
    s.store(sha(data), data);
    copyFileSync(otherPath, path); // another file under this address
    expect(() => s.read(path)).toThrow(BlobError);

    const stranger = new StationBlobs(s.dir, randomBytes(32));
    expect(() => stranger.read(otherPath)).toThrow(BlobError);
  });

  it('refuses a plaintext file where an encrypted one should be', () => {
    const s = blobs();
    const data = scan(500);
    const path = s.pathOf(sha(data));
    mkdirSync(join(s.dir, sha(data).slice(0, 2)), { recursive: true });
    writeFileSync(path, data);
    expect(() => s.read(path)).toThrow(/未加密/);
  });

  it('encrypts the plaintext files an older version left, skipping those already encrypted and those that do not match their address', () => {
    const s = blobs();
    const plain = [scan(1000), scan(70_000)];
    for (const p of plain) {
      mkdirSync(join(s.dir, sha(p).slice(0, 2)), { recursive: true });
      writeFileSync(s.pathOf(sha(p)), p, { mode: 0o644 });
    }
    const sealed = scan(300);
    s.store(sha(sealed), sealed);
    const wrong = scan(200);
    const wrongAddress = sha(Buffer.from('something else'));
    mkdirSync(join(s.dir, wrongAddress.slice(0, 2)), { recursive: true });
    writeFileSync(s.pathOf(wrongAddress), wrong);
    writeFileSync(`${s.pathOf(sha(sealed))}.123.tmp`, 'left over');

    const r = s.encryptPlainFiles();
    expect(r).toEqual({ encrypted: 2, mismatched: [wrongAddress] });
    for (const p of plain) {
      expect(readFileSync(s.pathOf(sha(p))).includes(Buffer.from('371002195001010015'))).toBe(false);
      expect(s.read(sha(p)).equals(p)).toBe(true);
      expect(statSync(s.pathOf(sha(p))).mode & 0o777).toBe(0o600);
    }
    expect(s.read(sha(sealed)).equals(sealed)).toBe(true);
    expect(s.encryptPlainFiles().encrypted).toBe(0);
    expect(s.list().map((b) => b.sha256).sort()).toEqual([...plain.map(sha), sha(sealed), wrongAddress].sort());
  });

  it('adopts a backup copy only when it decrypts to its address', () => {
    const key = randomBytes(32);
    const a = blobs(key);
    const b = blobs(key);
    const data = scan(5000);
    a.store(sha(data), data);
    const backup = join(dirs[0]!, 'backup');
    a.copySealedTo(sha(data), backup);
    b.adoptSealed(sha(data), join(backup, sha(data).slice(0, 2), sha(data)));
    expect(b.read(sha(data)).equals(data)).toBe(true);
    const c = blobs(randomBytes(32));
    expect(() => c.adoptSealed(sha(data), join(backup, sha(data).slice(0, 2), sha(data)))).toThrow(BlobError);
  });
});
