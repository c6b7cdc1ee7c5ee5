import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, sqliteBackend, type RawDb } from '../../testing/backends';
import { normalizeCheck, postgresSchema, sqliteSchema } from '../../testing/schema';

/**
 * The two backends have the same schema: after all migrations, the same tables with the same columns (types
 * mapped, nullability, defaults), primary keys, UNIQUE constraints, foreign keys, CHECK constraints and indexes
 * (see central/testing/schema.ts for how each side is read and what counts as the same).
 */
describeBackends(
  'SQLite/PostgreSQL schema parity (against $name)',
  (backend) => {
    let lite: RawDb;
    let pg: RawDb;
    beforeEach(async () => {
      lite = await sqliteBackend.openRaw();
      pg = await backend.openRaw();
      await lite.migrate();
      await pg.migrate();
    });
    afterEach(async () => {
      await lite?.close();
      await pg?.close();
    });

    it('reads each dialect of a CHECK the same', () => {
      expect(normalizeCheck("CHECK ((state = ANY (ARRAY['pending'::text, 'active'::text])))")).toBe(normalizeCheck("CHECK (state IN ('pending','active'))"));
      expect(normalizeCheck('CHECK ((last_seq >= 0))')).toBe(normalizeCheck('CHECK (last_seq >= 0)'));
      expect(normalizeCheck('CHECK ((last_seq > 0))')).not.toBe(normalizeCheck('CHECK (last_seq >= 0)'));
    });

    it('has the same tables, columns, keys, constraints and indexes on both', async () => {
      const a = await sqliteSchema(lite);
      const b = await postgresSchema(pg);
      // Not vacuous: the reading found what the schema is known to have.
      expect(Object.keys(a.tables)).toEqual(['account_tokens', 'accounts', 'backoffice_audit', 'blobs', 'cases', 'changelog', 'claims', 'enroll_codes', 'front_records', 'meta', 'ops', 'payout_requests', 'persons', 'refs', 'station_audit', 'station_audit_events', 'station_keys', 'stations', 'uploads']);
      expect(a.tables.cases!.columns.materials_pending).toEqual({ type: 'boolean', notNull: true, default: null });
      expect(a.tables.stations!.checks).toEqual(["last_seq: last_seq>=0", "state: statein'pending','active','revoked'"]);
      expect(a.tables.ops!.primaryKey).toEqual(['station_id', 'seq']);
      expect(a.tables.ops!.unique).toEqual([['station_id', 'op_id']]);
      expect(a.tables.uploads!.foreignKeys).toEqual(['station_id → stations(id)']);
      expect(a.indexes.persons_roster).toEqual({ table: 'persons', columns: ['region_code', 'id_number'], unique: true, partial: true });
      expect(b).toEqual(a);
    });
  },
  { only: ['postgres'] },
);
