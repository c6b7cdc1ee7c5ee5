import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';
import { invoiceClaimKey } from '../../shared/catalog/claims';

describe('migration 0009 invoice claims', () => {
  it('indexes the invoices of cases taken in (not drafts, withdrawn or rejected cases); of two holders the older keeps it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 8));
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    const add = db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, accepted_at, clerk_id, station_code, created_at, updated_at)
       VALUES (?, ?, 'reimbursement', 'outpatient_reimbursement', 'p', ?, 2, ?, '[]', ?, 'u', 'S', 't', ?)`,
    );
    const form = (invoiceNos: string[], hospitalName = '上海市第六人民医院') =>
      JSON.stringify({ hospitalName, invoices: invoiceNos.map((invoiceNo) => ({ invoiceNo, amountFen: 100 })) });
    add.run('c1', 'S-1', 'accepted', form(['fp 001', 'FP002']), '2026-01-02T09:00:00.000+08:00', 't');
    add.run('c2', 'S-2', 'completed', form(['FP002', 'FP003']), '2026-01-03T09:00:00.000+08:00', 't');
    add.run('c3', 'S-3', 'draft', form(['FP004']), null, '2026-01-01T09:00:00.000+08:00');
    add.run('c4', 'S-4', 'withdrawn', form(['FP005']), '2026-01-01T09:00:00.000+08:00', 't');
    add.run('c5', 'S-5', 'rejected', form(['FP006']), '2026-01-01T09:00:00.000+08:00', 't');
    add.run('c6', 'S-6', 'submitted', form(['FP001', '  ']), '2026-01-04T09:00:00.000+08:00', 't');
    add.run('c7', 'S-7', 'returned', JSON.stringify({ hospitalName: '掘港镇卫生院' }), '2026-01-04T09:00:00.000+08:00', 't');

    expect(migrate(db, MIGRATIONS.slice(0, 9))).toEqual([9]);
    const h = '上海市第六人民医院';
    // The keys the program computes (shared/catalog/claims.ts) are the keys the migration wrote.
    expect(db.prepare('SELECT key, case_id, case_no FROM invoice_claims ORDER BY key').all()).toEqual([
      { key: invoiceClaimKey(h, 'fp 001'), case_id: 'c1', case_no: 'S-1' },
      { key: invoiceClaimKey(h, 'FP002'), case_id: 'c1', case_no: 'S-1' },
      { key: invoiceClaimKey(h, 'FP003'), case_id: 'c2', case_no: 'S-2' },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'invoice_claims_case'").get()).toEqual({ n: 1 });
  });
});
