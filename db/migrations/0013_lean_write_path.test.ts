import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';
import { AuditRepo } from '../repos/audit';
import { InvoiceClaimsRepo } from '../repos/invoice-claims';

const indexesOf = (db: Database.Database, table: string) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name").pluck().all(table) as string[]);

describe('migration 0013 lean write path', () => {
  it('keeps every audit row and invoice claim as they were, the chain still verifies, and two b-trees fewer are written', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 12));
    const audit = new AuditRepo(db);
    for (let i = 0; i < 30; i++) {
      audit.append({ at: `2026-05-20T09:00:${String(i).padStart(2, '0')}.000+08:00`, actorId: 'u1', actorName: '李敏', action: 'case.accept', entity: 'case', entityId: `c${i}`, detail: { i } });
    }
    const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    const head = audit.head();
    expect(indexesOf(db, 'audit_log')).toEqual(['sqlite_autoindex_audit_log_1']);

    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, accepted_at, clerk_id, station_code, created_at, updated_at)
       VALUES ('c1', 'N-1', 'reimbursement', 'outpatient_reimbursement', 'p', 'accepted', 2, '{}', '[]', 't', 'u', 'S', 't', 't')`,
    ).run();
    db.exec("INSERT INTO invoice_claims (key, case_id, case_no, created_at) VALUES ('如东县人民医院|A1', 'c1', 'N-1', '2026-05-20T09:00:00.000+08:00'), ('如东县人民医院|A2', 'c1', 'N-1', '2026-05-20T09:00:00.000+08:00')");

    migrate(db, MIGRATIONS.slice(0, 13));
    expect(db.pragma('user_version', { simple: true })).toBe(13);

    // The audit log: the same rows, the chain verifies from the start, and no index on the hash is left to write.
    expect(db.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
    const after = new AuditRepo(db);
    expect(after.head()).toEqual(head);
    const check = after.verifyFrom(null);
    expect(check.ok).toBe(true);
    expect(indexesOf(db, 'audit_log')).toEqual([]);
    after.append({ at: '2026-05-20T10:00:00.000+08:00', actorId: 'u1', actorName: '李敏', action: 'case.accept', entity: 'case', entityId: 'c31', detail: {} });
    expect(after.verifyFrom(null)).toMatchObject({ ok: true, rows: 31 });
    // A row changed behind the program's back is still found (the chain, not the index, proves the log).
    db.prepare("UPDATE audit_log SET actor_name = '王五' WHERE id = 10").run();
    expect(after.verifyFrom(null).ok).toBe(false);

    // Invoice claims: the same rows, the key is still unique and found, and the table is its key's b-tree.
    const claims = new InvoiceClaimsRepo(db);
    expect(claims.holder('如东县人民医院|A1')).toEqual({ key: '如东县人民医院|A1', caseId: 'c1', caseNo: 'N-1' });
    expect(claims.keysOf('c1')).toEqual(['如东县人民医院|A1', '如东县人民医院|A2']);
    expect(() => db.prepare("INSERT INTO invoice_claims (key, case_id, case_no, created_at) VALUES ('如东县人民医院|A1', 'c1', 'N-2', 'x')").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'invoice_claims'").pluck().get()).toMatch(/WITHOUT ROWID/);
    expect(indexesOf(db, 'invoice_claims')).toEqual(['invoice_claims_case']);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT key FROM invoice_claims WHERE case_id = 'c1'").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/invoice_claims_case/);
  });
});
