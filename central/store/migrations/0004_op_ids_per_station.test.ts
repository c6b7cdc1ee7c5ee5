import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { OLD, expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/**
 * Migration 4 scopes op ids per station: the ops table's key on op_id alone becomes (station_id, op_id). The old
 * rows stay; two stations may then hold the same op id, one station still may not hold it twice.
 */
const insertOp = (db: RawDb, stationId: string, seq: number, opId: string) =>
  db.all(
    `INSERT INTO ops (station_id, seq, op_id, kind, case_id, base_version, result, code, message, payload, created_at, received_at)
     VALUES (?, ?, ?, 'person.registered', NULL, NULL, 'applied', NULL, NULL, '{}', ?, ?)`,
    [stationId, seq, opId, OLD.at, OLD.at],
  );

describeBackends('central migration 4 op-ids-per-station ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-3 database holding data; an op id is then unique per station only', async () => {
    await db.migrate(3);
    await writeOldRows(db);
    // Before: an op id known from one station cannot be stored for another.
    await expect(insertOp(db, 'another-station', 1, 'op-1')).rejects.toThrow(/unique/i);
    expect(await db.migrate(4)).toEqual([4]);
    await expectOldRows(db);
    const kept = await db.all<{ seq: unknown; op_id: string; payload: string }>('SELECT seq, op_id, payload FROM ops WHERE station_id = ? ORDER BY seq', [OLD.stationId]);
    expect(kept.map((r) => [Number(r.seq), r.op_id, JSON.parse(r.payload)])).toEqual([
      [1, 'op-1', { seq: 1 }],
      [2, 'op-2', { seq: 2 }],
    ]);
    await insertOp(db, 'another-station', 1, 'op-1');
    await expect(insertOp(db, OLD.stationId, 9, 'op-1')).rejects.toThrow(/unique/i);
    await db.exec(`DELETE FROM ops WHERE station_id = 'another-station'`);
    await db.migrate();
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
    } finally {
      await store.close();
    }
  });
});
