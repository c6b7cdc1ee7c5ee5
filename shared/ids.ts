/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, 12 bits of sub-millisecond counter,
 * variant, 62 random bits. IDs made by one generator are strictly increasing, even within one
 * millisecond or when the wall clock steps back — so a station's own IDs sort in creation order.
 *
 * Pure: the caller supplies the clock and the random source (node:crypto in core, Web Crypto in a browser).
 */

export type RandomFill = (bytes: Uint8Array) => void;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(s: unknown): s is string {
  return typeof s === 'string' && UUID_RE.test(s);
}

/** The creation time (epoch ms) encoded in a UUIDv7. */
export function uuidV7Time(id: string): number {
  if (!isUuidV7(id)) throw new RangeError(`not a UUIDv7: ${id}`);
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export function createUuidV7Generator(now: () => number, fill: RandomFill): () => string {
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);
  const hex: string[] = [];
  for (let i = 0; i < 256; i++) hex.push(i.toString(16).padStart(2, '0'));

  return function uuidv7(): string {
    // Whole milliseconds: a fractional clock (performance.now-style, or a test clock) would otherwise make two
    // calls within one encoded millisecond look like different ones and restart the counter at random.
    let ms = Math.max(Math.floor(now()), lastMs);
    fill(bytes);
    if (ms === lastMs) {
      counter += 1;
      if (counter > 0xfff) {
        // Counter exhausted within one millisecond: borrow the next millisecond.
        ms += 1;
        counter = bytes[6]! & 0x07;
      }
    } else {
      // Start each millisecond at a small random counter, leaving room to count up.
      counter = ((bytes[6]! & 0x07) << 8) | bytes[7]!;
      counter &= 0x3ff;
    }
    lastMs = ms;
    // 48-bit timestamp, big-endian.
    bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
    bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
    bytes[2] = (ms >>> 24) & 0xff;
    bytes[3] = (ms >>> 16) & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    let s = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
      s += hex[bytes[i]!];
    }
    return s;
  };
}
