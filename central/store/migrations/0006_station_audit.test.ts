import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/** Migration 6 adds the station audit heads and their events: old data stays; the tables refuse what they must. */
describeBackends('central migration 6 station-audit ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-5 database holding data, keeping it; the new tables check their rows', async () => {
    expect(await db.migrate(5)).toEqual([1, 2, 3, 4, 5]);
    await writeOldRows(db);
    expect(await db.migrate(6)).toEqual([6]);
    await expectOldRows(db);
    const station = (await db.all<{ id: string }>('SELECT id FROM stations LIMIT 1'))[0]!.id;
    const hash = 'a'.repeat(64);
    await db.all('INSERT INTO station_audit (station_id, seq, hash, reported_at) VALUES (?, ?, ?, ?)', [station, 3, hash, 't']);
    // A flag has its reason; a reason is one of the protocol's; a head names a known station.
    await expect(db.all("INSERT INTO station_audit_events (station_id, at, kind, detail) VALUES (?, 't', 'whatever', '{}')", [station])).rejects.toThrow();
    await expect(db.all("UPDATE station_audit SET flagged_at = 't' WHERE station_id = ?", [station])).rejects.toThrow();
    await expect(db.all("UPDATE station_audit SET flagged_at = 't', flag_reason = 'bored' WHERE station_id = ?", [station])).rejects.toThrow();
    await expect(db.all('INSERT INTO station_audit (station_id, seq, hash, reported_at) VALUES (?, ?, ?, ?)', ['nope', 1, hash, 't'])).rejects.toThrow();
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
      expect(await store.auditHead(station)).toMatchObject({ seq: 3, hash, flaggedAt: null, flagReason: null });
    } finally {
      await store.close();
    }
  });
});
