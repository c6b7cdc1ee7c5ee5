import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { OLD, expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/**
 * Migration 5 adds the stations' signing keys (protocol 1.2, signed bundles): one active key per station at most,
 * retired keys with a window of seqs of their own. The old rows stay; a station enrolled before has no key.
 */
const KEY = 'a1'.repeat(32);
const KEY2 = 'b2'.repeat(32);
const SPKI = 'MCowBQYDK2VwAyEAifUU9IXMIIainRZHaFbpY/TnNTs62prsaj8y/aOkrU0=';

describeBackends('central migration 5 station-keys ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-4 database holding data; the store then enrolls with keys and retires the one before', async () => {
    await db.migrate(4);
    await writeOldRows(db);
    expect(await db.migrate(5)).toEqual([5]);
    await expectOldRows(db);
    expect(await db.all('SELECT * FROM station_keys')).toEqual([]);
    // One active key per station; a retired key needs its window.
    const insert = (keyId: string, state: string, retiredAt: string | null, window: [number, number, number] | null) =>
      db.all(
        `INSERT INTO station_keys (station_id, key_id, public_key, state, created_at, retired_at, stream_from, stream_to, stream_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [OLD.stationId, keyId, SPKI, state, OLD.at, retiredAt, ...(window ?? [null, null, null])],
      );
    await insert(KEY, 'active', null, null);
    await expect(insert(KEY2, 'active', null, null)).rejects.toThrow(/unique/i);
    await expect(insert(KEY2, 'retired', OLD.at, null)).rejects.toThrow(/check/i);
    await expect(insert(KEY2, 'retired', OLD.at, [2, 10, 11])).rejects.toThrow(/check/i);
    await db.exec('DELETE FROM station_keys');

    await db.migrate();
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
      // The station registers its first key (it enrolled before 1.2); a second one is refused.
      expect(await store.registerSigningKey(OLD.stationId, { keyId: KEY, publicKey: SPKI }, OLD.at)).toBe(true);
      expect(await store.registerSigningKey(OLD.stationId, { keyId: KEY2, publicKey: SPKI }, OLD.at)).toBe(false);
      // Re-enrolling with a new key: the old one is retired with a window from lastSeq, lastSeq jumps past it.
      const before = (await store.stationById(OLD.stationId))!.lastSeq;
      await store.insertEnrollCode({ codeHash: 'code-2', stationId: OLD.stationId, expiresAt: '2099-01-01T00:00:00.000+08:00', usedAt: null, createdAt: OLD.at });
      expect(await store.enrollWithCode(OLD.stationId, 'code-2', 'cred-2', OLD.at, { key: { keyId: KEY2, publicKey: SPKI }, reserve: 1000 })).toBe(true);
      expect((await store.stationById(OLD.stationId))!.lastSeq).toBe(before + 1000);
      const keys = await store.stationKeys(OLD.stationId);
      expect(keys.map((k) => [k.keyId, k.state, k.streamFrom, k.streamSeq, k.streamTo])).toEqual(
        expect.arrayContaining([
          [KEY, 'retired', before, before, before + 1000],
          [KEY2, 'active', null, null, null],
        ]),
      );
    } finally {
      await store.close();
    }
  });
});
