import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/** Migration 8 adds the stations' front-office records (issue 15): old data stays; the table refuses what it must. */
describeBackends('central migration 8 front-office ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-7 database holding data, keeping it; the new table checks its rows', async () => {
    expect(await db.migrate(7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await writeOldRows(db);
    expect(await db.migrate(8)).toEqual([8]);
    await expectOldRows(db);
    const station = (await db.all<{ id: string }>('SELECT id FROM stations LIMIT 1'))[0]!.id;
    const insert = 'INSERT INTO front_records (station_id, kind, key, version, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)';
    await db.all(insert, [station, 'rating', 'r1', 1, '{}', 't']);
    // One row per station, kind and key; a known kind, a positive version, a known station.
    await expect(db.all(insert, [station, 'rating', 'r1', 2, '{}', 't'])).rejects.toThrow();
    await expect(db.all(insert, [station, 'ticket', 'x', 1, '{}', 't'])).rejects.toThrow();
    await expect(db.all(insert, [station, 'day', '2026-11-23', 0, '{}', 't'])).rejects.toThrow();
    await expect(db.all(insert, ['nope', 'day', '2026-11-23', 1, '{}', 't'])).rejects.toThrow();
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
      expect((await store.frontPage(station, 'rating', '', 10)).map((r) => [r.key, r.version])).toEqual([['r1', 1]]);
    } finally {
      await store.close();
    }
  });
});
