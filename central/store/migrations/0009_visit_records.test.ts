import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/** Migration 9 lets front_records hold the mobile teams' visit records (issue 16): old records stay, the kind check widens only by 'visit'. */
describeBackends('central migration 9 visit-records ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-8 database holding front-office records, keeping them; visits go in, unknown kinds still do not', async () => {
    expect(await db.migrate(8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await writeOldRows(db);
    const station = (await db.all<{ id: string }>('SELECT id FROM stations LIMIT 1'))[0]!.id;
    const insert = 'INSERT INTO front_records (station_id, kind, key, version, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)';
    await db.all(insert, [station, 'rating', 'r1', 3, '{"level":1}', 't']);
    await expect(db.all(insert, [station, 'visit', 'v0', 1, '{}', 't'])).rejects.toThrow();
    expect(await db.migrate(9)).toEqual([9]);
    await expectOldRows(db);
    expect(await db.all('SELECT kind, key, version, body FROM front_records')).toEqual([{ kind: 'rating', key: 'r1', version: 3, body: '{"level":1}' }]);
    await db.all(insert, [station, 'visit', 'v1', 1, '{}', 't']);
    await expect(db.all(insert, [station, 'visit', 'v1', 2, '{}', 't'])).rejects.toThrow();
    await expect(db.all(insert, [station, 'ticket', 'x', 1, '{}', 't'])).rejects.toThrow();
    await expect(db.all(insert, [station, 'visit', 'v2', 0, '{}', 't'])).rejects.toThrow();
    await expect(db.all(insert, ['nope', 'visit', 'v3', 1, '{}', 't'])).rejects.toThrow();
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
      expect((await store.frontPage(station, 'visit', '', 10)).map((r) => [r.key, r.version])).toEqual([['v1', 1]]);
    } finally {
      await store.close();
    }
  });
});
