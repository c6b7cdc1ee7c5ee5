import { describe, expect, it } from 'vitest';
import { LinkPace, PACK_MAX_BYTES, PACK_TARGET_MS, UPLOAD_CHUNK_BYTES } from './link-pace';

describe('the link pace (pack sizes)', () => {
  const CENTRAL = 4 * 1024 * 1024;

  it('starts at one chunk’s worth, before anything is measured', () => {
    expect(new LinkPace().packBytes(CENTRAL)).toBe(UPLOAD_CHUNK_BYTES);
  });

  it('grows to what the link carries in about two seconds, up to 1 MB', () => {
    const p = new LinkPace();
    // 300 KB answered in 1 s: 600 KB in two seconds.
    for (let i = 0; i < 20; i++) p.record(300_000, 1_000);
    expect(p.packBytes(CENTRAL)).toBe(300 * PACK_TARGET_MS);
    // 900 KB in 100 ms: capped.
    for (let i = 0; i < 20; i++) p.record(900_000, 100);
    expect(p.packBytes(CENTRAL)).toBe(PACK_MAX_BYTES);
  });

  it('stays at one chunk on a slow link, and follows the link as it slows', () => {
    const p = new LinkPace();
    for (let i = 0; i < 20; i++) p.record(900_000, 100);
    // A hotspot: 150 KB in 3 s (50 bytes/ms, 100 KB in two seconds).
    for (let i = 0; i < 20; i++) p.record(150_000, 3_000);
    expect(p.packBytes(CENTRAL)).toBe(UPLOAD_CHUNK_BYTES);
  });

  it('keeps below a size refused on the way, and within central’s chunk limit', () => {
    const p = new LinkPace();
    for (let i = 0; i < 20; i++) p.record(900_000, 100);
    p.tooLarge(600_000);
    expect(p.packBytes(CENTRAL)).toBe(300_000);
    expect(p.packBytes(200_000)).toBe(200_000);
  });
});
