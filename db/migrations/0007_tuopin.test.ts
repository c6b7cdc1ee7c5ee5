import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';
import { DEFAULT_POLICY_TABLES, PolicyTableSchema } from '../../shared/policy';

describe('migration 0007 tuopin', () => {
  it('renames lifted to tuopin in stored tables, forms, estimates and unsent ops, and leaves the rest', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 6));
    // A policy table as an older program stored it: today's default with the old key.
    const table = DEFAULT_POLICY_TABLES.find((t) => JSON.stringify(t).includes('"tuopin"'))!;
    const old = JSON.stringify(table).replaceAll('"tuopin"', '"lifted"').replaceAll('hardshipSubsidies.tuopin', 'hardshipSubsidies.lifted').replaceAll('bands.tuopin', 'bands.lifted');
    db.prepare("INSERT INTO policy_tables(id, kind, region_code, effective_from, effective_to, body, version, source, updated_at) VALUES ('t', ?, ?, ?, ?, ?, 1, 'default', 't')").run(table.kind, table.regionCode, table.effectiveFrom, table.effectiveTo, old);
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, clerk_id, station_code, created_at, updated_at) VALUES ('c','S-1','enrollment','resident_enrollment','p','accepted',1,'{"hardshipGroup":"lifted","note":"lifted out"}','[]','u','S','t','t')`,
    ).run();
    const op = db.prepare("INSERT INTO outbox(op_id, kind, case_id, payload, created_at, state) VALUES (?, 'case.accept', 'c', ?, 't', ?)");
    op.run('o1', '{"case":{"form":{"hardshipGroup":"lifted"}}}', 'pending');
    op.run('o2', '{"case":{"form":{"hardshipGroup":"lifted"}}}', 'applied');
    expect(migrate(db, MIGRATIONS.slice(0, 7))).toEqual([7]);
    const body = (db.prepare("SELECT body FROM policy_tables WHERE id = 't'").get() as { body: string }).body;
    expect(body).not.toContain('lifted"');
    expect(PolicyTableSchema.parse(JSON.parse(body))).toEqual(PolicyTableSchema.parse(table));
    expect(JSON.parse((db.prepare("SELECT form FROM cases WHERE id = 'c'").get() as { form: string }).form)).toEqual({ hardshipGroup: 'tuopin', note: 'lifted out' });
    expect(db.prepare('SELECT op_id, payload FROM outbox ORDER BY op_id').all()).toEqual([
      { op_id: 'o1', payload: '{"case":{"form":{"hardshipGroup":"tuopin"}}}' },
      { op_id: 'o2', payload: '{"case":{"form":{"hardshipGroup":"lifted"}}}' },
    ]);
  });
});
