import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { OLD, expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/** One test file per migration, on both backends: migrate to N − 1, write rows, apply N, check what N promises. */
describeBackends('central migration 1 initial ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('creates every table on an empty database, which then holds a row of each', async () => {
    expect(await db.migrate(1)).toEqual([1]);
    await writeOldRows(db);
    await expectOldRows(db);
  });

  it('refuses what the constraints forbid', async () => {
    await db.migrate(1);
    await writeOldRows(db);
    const { stationId, caseId, at } = OLD;
    const station = (id: string, code: string, state: string) =>
      db.all("INSERT INTO stations (id, code, name, region_code, state, created_at) VALUES (?, ?, 'n', '371002', ?, ?)", [id, code, state, at]);
    await expect(station('s2', 'TOWN02', 'lost')).rejects.toThrow(/check/i);
    await expect(station('s2', 'TOWN01', 'active')).rejects.toThrow(/unique/i);
    await station('s2', 'TOWN02', 'pending');
    await expect(db.all('UPDATE stations SET last_seq = -1 WHERE id = ?', [stationId])).rejects.toThrow(/check/i);

    const op = (seq: number, opId: string) =>
      db.all("INSERT INTO ops (station_id, seq, op_id, kind, result, payload, created_at, received_at) VALUES (?, ?, ?, 'k', 'applied', '{}', ?, ?)", [stationId, seq, opId, at, at]);
    await expect(op(2, 'op-new')).rejects.toThrow(/unique|duplicate/i);
    await expect(op(3, 'op-1')).rejects.toThrow(/unique|duplicate/i);
    await op(3, 'op-3');

    await expect(db.all("UPDATE cases SET status = 'accepted' WHERE id = ?", [caseId])).rejects.toThrow(/check/i);
    await expect(db.all("UPDATE claims SET kind = 'other' WHERE case_id = ?", [caseId])).rejects.toThrow(/check/i);

    // One roster row per region and ID number; people registered at windows are not held to it.
    const person = (id: string, source: string) =>
      db.all("INSERT INTO persons (id, id_number, name, region_code, source, body, hash, version, removed, updated_at) VALUES (?, '371002198001010029', 'n', '371002', ?, '{}', 'h', 1, ?, ?)", [id, source, false, at]);
    await expect(person('p-roster-2', 'roster')).rejects.toThrow(/unique|duplicate/i);
    await person('p-window-2', 'window');
    await person('p-window-3', 'window');

    await expect(db.all("INSERT INTO enroll_codes (code_hash, station_id, expires_at, created_at) VALUES ('c2', 'no-such-station', ?, ?)", [at, at])).rejects.toThrow(/foreign key/i);
    await expect(db.all("INSERT INTO uploads (id, station_id, sha256, size, mime, created_at, updated_at) VALUES ('u2', ?, ?, 1, 'image/png', ?, ?)", [stationId, 'ab'.repeat(32), at, at])).rejects.toThrow(/unique|duplicate/i);
    await expect(db.all("INSERT INTO meta (key, value) VALUES ('k', NULL)")).rejects.toThrow(/not.null/i);
  });

  it('never hands out a change id twice, even after the newest change is pruned', async () => {
    await db.migrate(1);
    await writeOldRows(db);
    const ids = async () => (await db.all<{ id: unknown }>('SELECT id FROM changelog ORDER BY id')).map((r) => Number(r.id));
    const [, newest] = await ids();
    await db.all('DELETE FROM changelog WHERE id = ?', [newest]);
    await db.all("INSERT INTO changelog (kind, at, data) VALUES ('calendar.year', ?, '{}')", [OLD.at]);
    const after = await ids();
    expect(after).toHaveLength(2);
    expect(after[1]).toBeGreaterThan(newest!);
  });

  it('a version-1 database opens as a store, which carries on from its rows', async () => {
    await db.migrate(1);
    await writeOldRows(db);
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
    } finally {
      await store.close();
    }
  });
});
