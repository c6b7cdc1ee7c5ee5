import { describe, expect, it } from 'vitest';
import { fromBase64, inspectBundle, readInPieces, READ_CHUNK, tally, toBase64 } from './bundleFile';

const enc = (s: string) => new TextEncoder().encode(s);

describe('the bundle screen’s file handling', () => {
  it('reads a large exported file back in pieces, reporting progress, and refuses a short read', async () => {
    const chunk = 1000;
    const file = new Uint8Array(chunk * 2 + 10).map((_, i) => i % 251);
    const seen: number[] = [];
    const parts = await readInPieces(
      file.length,
      async (offset, length) => ({ dataBase64: toBase64(file.subarray(offset, offset + length)), size: file.length }),
      (done) => seen.push(done),
      chunk,
    );
    expect(seen).toEqual([chunk, chunk * 2, chunk * 2 + 10]);
    expect(READ_CHUNK).toBeLessThanOrEqual(8 * 1024 * 1024); // what sync.readBundle answers at most
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    expect(joined.every((b, i) => b === file[i])).toBe(true);
    await expect(readInPieces(100, async () => ({ dataBase64: '', size: 100 }), () => undefined)).rejects.toThrow(/不完整/);
  });

  it('tells a bundle from another file, and an old-format bundle by name, before anything is sent', () => {
    expect(inspectBundle(enc('hello'))).toEqual({ ok: false, message: '不是离线数据包文件（文件头不对）' });
    const old = inspectBundle(enc('YBBUNDLE/1\n{}\n'));
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.message).toContain('请用新版本重新导出');
    const bad = inspectBundle(enc('YBBUNDLE/2\n{"format":2}\n'));
    expect(bad.ok).toBe(false);
    const header = {
      format: 2,
      bundleId: '019aa5b4-3c00-7000-8000-000000000001',
      stationId: '019aa5b4-3c00-7000-8000-000000000002',
      stationCode: 'TOWN01',
      createdAt: '2026-11-23T09:00:00.000+08:00',
      firstSeq: 1,
      lastSeq: 3,
      opCount: 3,
      blobCount: 1,
      blobBytes: 1000,
      signer: 'a'.repeat(64),
      signature: 'ed25519',
      recipient: 'b'.repeat(64),
      cipher: 'x25519-hkdf-sha256-aes-256-gcm',
      ephemeralKey: toBase64(new Uint8Array(32)),
      iv: toBase64(new Uint8Array(12)),
    };
    const good = inspectBundle(enc(`YBBUNDLE/2\n${JSON.stringify(header)}\nsealed…`));
    expect(good.ok && good.header).toMatchObject({ stationCode: 'TOWN01', opCount: 3, blobBytes: 1000 });
  });

  it('counts the per-op outcomes and round-trips base64', () => {
    expect(tally([{ status: 'applied' }, { status: 'duplicate' }, { status: 'applied' }, { status: 'rejected' }])).toEqual({ applied: 2, duplicate: 1, rejected: 1 });
    const b = new Uint8Array([0, 1, 2, 250, 255]);
    expect(fromBase64(toBase64(b))).toEqual(b);
  });
});
