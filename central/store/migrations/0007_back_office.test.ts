import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { OLD, expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';
import { AUDIT_GENESIS, auditHash } from '../back-office';

/**
 * Migration 7 adds the back office of named people: accounts, their sign-in tokens, payouts waiting for a second
 * payer, and central's hash-chained audit. Nothing else changes; the store then keeps accounts and a chain on top
 * of the old data.
 */
describeBackends('central migration 7 back-office ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-6 database holding data; the back-office tables take their rows and refuse bad ones', async () => {
    await db.migrate(6);
    await writeOldRows(db);
    await expect(db.all('SELECT count(*) FROM accounts')).rejects.toThrow();
    expect(await db.migrate(7)).toEqual([7]);
    await expectOldRows(db);
    for (const t of ['accounts', 'account_tokens', 'backoffice_audit', 'payout_requests']) {
      expect((await db.all<{ n: unknown }>(`SELECT count(*) AS n FROM ${t}`)).map((r) => Number(r.n))).toEqual([0]);
    }
    const at = OLD.at;
    const account = (id: string, username: string, roles: string, state = 'active') =>
      db.all(
        `INSERT INTO accounts (id, username, display_name, roles, password_hash, state, failed_logins, locked_until, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'scrypt$x', ?, 0, NULL, ?, ?)`,
        [id, username, username, roles, state, at, at],
      );
    await account('a1', 'admin', 'administrator');
    await expect(account('a2', 'admin', 'reviewer')).rejects.toThrow(/unique/i);
    await expect(account('a3', 'nobody', '')).rejects.toThrow(/check/i);
    await expect(account('a4', 'odd', 'reviewer', 'paused')).rejects.toThrow(/check/i);
    await expect(db.all(`INSERT INTO account_tokens (token_hash, account_id, created_at, expires_at) VALUES ('h', 'no-such-account', ?, ?)`, [at, at])).rejects.toThrow(/foreign key/i);
    await db.all(`INSERT INTO account_tokens (token_hash, account_id, created_at, expires_at) VALUES ('h', 'a1', ?, ?)`, [at, at]);
    await expect(
      db.all(`INSERT INTO payout_requests (case_id, central_version, payout_fen, note, requested_by, requested_by_name, requested_at) VALUES (?, 3, -1, NULL, 'a1', 'admin', ?)`, [OLD.caseId, at]),
    ).rejects.toThrow(/check/i);
    await expect(db.all(`INSERT INTO backoffice_audit (id, at, account_id, account_name, action, entity, entity_id, detail, prev_hash, hash) VALUES (0, ?, NULL, 'x', 'a', 'e', NULL, '{}', 'p', 'h')`, [at])).rejects.toThrow(/check/i);

    // The store carries on from the old rows, and chains its audit from the start.
    await db.migrate();
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
      const e = { at, accountId: 'a1', accountName: 'admin', action: 'station.revoke', entity: 'station', entityId: OLD.stationId, detail: { stationCode: 'TOWN01' } };
      const row = await store.backOffice.appendAudit(e);
      expect(row).toMatchObject({ id: 1, prevHash: AUDIT_GENESIS, hash: auditHash(AUDIT_GENESIS, 1, e) });
      expect((await store.backOffice.appendAudit(e)).prevHash).toBe(row.hash);
      expect((await store.backOffice.accountByUsername('admin'))?.roles).toEqual(['administrator']);
    } finally {
      await store.close();
    }
  });
});
