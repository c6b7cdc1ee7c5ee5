import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, isUuidV7, uuidV7Time } from './ids';
import type { RandomFill } from './ids';

/** Web Crypto, as a browser station would pass it. */
const cryptoFill: RandomFill = (bytes) => {
  globalThis.crypto.getRandomValues(bytes);
};
/** A random source that always gives the same bytes, to show that ordering does not depend on luck. */
const constantFill =
  (value: number): RandomFill =>
  (bytes) => {
    bytes.fill(value);
  };

const T = Date.UTC(2026, 10, 23, 1, 30); // 2026-11-23 09:30 in Shanghai

function versionNibble(id: string): string {
  return id[14]!;
}
function variantBits(id: string): number {
  return parseInt(id[19]!, 16) >> 2;
}
function counterOf(id: string): number {
  return parseInt(id.slice(15, 18), 16);
}

describe('UUIDv7 shape', () => {
  it('is version 7, variant 10xx, lower-case hex in 8-4-4-4-12 groups', () => {
    const next = createUuidV7Generator(() => T, cryptoFill);
    for (let i = 0; i < 1000; i++) {
      const id = next();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(versionNibble(id)).toBe('7');
      expect(variantBits(id)).toBe(0b10);
      expect(isUuidV7(id)).toBe(true);
    }
  });

  it('keeps version and variant whatever the random source gives', () => {
    for (const v of [0x00, 0xff, 0x5a, 0xa5]) {
      const id = createUuidV7Generator(() => T, constantFill(v))();
      expect(versionNibble(id)).toBe('7');
      expect(variantBits(id)).toBe(0b10);
    }
    // All-ones random bits: the variant byte is 0xbf and the rest of the random part stays ff.
    expect(createUuidV7Generator(() => T, constantFill(0xff))().slice(19)).toBe('bfff-ffffffffffff');
    expect(createUuidV7Generator(() => T, constantFill(0x00))().slice(19)).toBe('8000-000000000000');
  });

  it('encodes the milliseconds big-endian in the first 48 bits', () => {
    expect(createUuidV7Generator(() => 0, constantFill(0))().slice(0, 13)).toBe('00000000-0000');
    expect(createUuidV7Generator(() => 1, constantFill(0))().slice(0, 13)).toBe('00000000-0001');
    expect(createUuidV7Generator(() => 0x0123_4567_89ab, constantFill(0))().slice(0, 13)).toBe('01234567-89ab');
    expect(createUuidV7Generator(() => 2 ** 48 - 1, constantFill(0))().slice(0, 13)).toBe('ffffffff-ffff');
    // 2026-11-23T01:30:00Z = 1,795,397,400,000 ms = 0x01a2_0606_35c0.
    expect(T).toBe(0x01a2_0606_35c0);
    expect(createUuidV7Generator(() => T, cryptoFill)().slice(0, 13)).toBe('01a20606-35c0');
  });

  it('isUuidV7 refuses other versions, variants and spellings', () => {
    const id = createUuidV7Generator(() => T, cryptoFill)();
    expect(isUuidV7(id.toUpperCase())).toBe(false);
    expect(isUuidV7(`${id.slice(0, 14)}4${id.slice(15)}`)).toBe(false);
    expect(isUuidV7(`${id.slice(0, 19)}c${id.slice(20)}`)).toBe(false);
    expect(isUuidV7(`${id.slice(0, 19)}7${id.slice(20)}`)).toBe(false);
    expect(isUuidV7(id.replaceAll('-', ''))).toBe(false);
    expect(isUuidV7(`{${id}}`)).toBe(false);
    expect(isUuidV7('00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(isUuidV7(42)).toBe(false);
    expect(isUuidV7(undefined)).toBe(false);
  });
});

describe('uuidV7Time', () => {
  it('returns the milliseconds the generator was given', () => {
    for (const ms of [0, 1, 255, 256, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 7, T, 2 ** 48 - 1]) {
      expect(uuidV7Time(createUuidV7Generator(() => ms, cryptoFill)()), String(ms)).toBe(ms);
    }
  });

  it('round-trips any 48-bit millisecond count (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        expect(uuidV7Time(createUuidV7Generator(() => ms, cryptoFill)())).toBe(ms);
      }),
    );
  });

  it('refuses what is not a UUIDv7', () => {
    expect(() => uuidV7Time('not-a-uuid')).toThrow(RangeError);
    expect(() => uuidV7Time('00000000-0000-4000-8000-000000000000')).toThrow(RangeError);
  });
});

describe('ordering', () => {
  it('10,000 IDs with a frozen clock are strictly increasing', () => {
    const next = createUuidV7Generator(() => T, cryptoFill);
    let prev = next();
    for (let i = 0; i < 10_000; i++) {
      const id = next();
      expect(id > prev).toBe(true);
      prev = id;
    }
  });

  it('counts up within a millisecond and borrows the next one when the 12-bit counter runs out', () => {
    // With constant random bytes 0xff, a new millisecond starts its counter at 0x3ff.
    const next = createUuidV7Generator(() => T, constantFill(0xff));
    const first = next();
    expect(counterOf(first)).toBe(0x3ff);
    expect(counterOf(next())).toBe(0x400);
    const ids = [first];
    for (let i = 0; i < 0xfff - 0x401 + 1; i++) ids.push(next());
    const last = ids[ids.length - 1]!;
    expect(counterOf(last)).toBe(0xfff);
    expect(uuidV7Time(last)).toBe(T);
    const borrowed = next();
    expect(uuidV7Time(borrowed)).toBe(T + 1);
    expect(borrowed > last).toBe(true);
    // The borrowed millisecond stays in use while the clock stands still.
    const after = next();
    expect(uuidV7Time(after)).toBe(T + 1);
    expect(after > borrowed).toBe(true);
  });

  it('stays increasing when the wall clock steps back', () => {
    const times = [T, T + 5, T + 5, T - 60_000, T - 60_000, T + 1, T + 6, T + 6, T + 2];
    let i = 0;
    const next = createUuidV7Generator(() => times[Math.min(i++, times.length - 1)]!, cryptoFill);
    const ids = times.map(() => next());
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!, `id ${k}`).toBe(true);
    // Never goes back in time, even though the clock did.
    expect(ids.map(uuidV7Time)).toEqual([T, T + 5, T + 5, T + 5, T + 5, T + 5, T + 6, T + 6, T + 6]);
  });

  it('stays increasing with a clock that reports fractions of a millisecond', () => {
    // 1000.2 and 1000.7 are the same encoded millisecond: the counter must go on, not restart at random.
    for (let seed = 0; seed < 256; seed++) {
      const times = [T + 0.2, T + 0.7, T + 0.9, T + 1.1];
      let i = 0;
      let fillCount = 0;
      const next = createUuidV7Generator(
        () => times[i++]!,
        (bytes) => {
          // A random source whose counter bytes go down call after call.
          bytes.fill((seed + 255 - 40 * fillCount++) & 0xff);
        },
      );
      const ids = times.map(() => next());
      for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!, `seed ${seed}, id ${k}`).toBe(true);
      expect(uuidV7Time(ids[0]!)).toBe(T);
    }
  });

  it('strictly increasing under any sequence of clock readings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 300 }), (steps) => {
        let t = T;
        let i = 0;
        const next = createUuidV7Generator(() => (t += steps[i++ % steps.length]!), cryptoFill);
        let prev = next();
        for (let k = 0; k < steps.length; k++) {
          const id = next();
          expect(id > prev).toBe(true);
          prev = id;
        }
      }),
    );
  });
});

describe('uniqueness', () => {
  it('100,000 IDs from two generators sharing one frozen clock are all distinct', () => {
    const a = createUuidV7Generator(() => T, cryptoFill);
    const b = createUuidV7Generator(() => T, cryptoFill);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      seen.add(a());
      seen.add(b());
    }
    expect(seen.size).toBe(100_000);
  });

  it('100,000 IDs from one generator on a moving clock are all distinct', () => {
    let t = T;
    const next = createUuidV7Generator(() => (t += 0.25), cryptoFill);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(next());
    expect(seen.size).toBe(100_000);
  });
});
