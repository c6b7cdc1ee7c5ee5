import type pg from 'pg';
import {
  ACCOUNT_COLUMNS,
  AUDIT_GENESIS,
  accountFromRaw,
  accountValues,
  auditFromRaw,
  auditHash,
  payoutFromRaw,
  tokenFromRaw,
  type AccountRow,
  type AuditEntry,
  type AuditRow,
  type BackOfficeStore,
  type DecisionExtras,
  type PayoutRequestRow,
  type TokenRow,
} from './back-office';

type Raw = Record<string, unknown>;

/** The advisory lock every audit append takes (to its commit): one chain, whichever server process appends. */
const AUDIT_LOCK = 727002;

const UPSERT_ACCOUNT = `INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')}) VALUES (${ACCOUNT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${ACCOUNT_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** The back office on the PostgreSQL store's pool; audit appends serialised by an advisory lock held to commit. */
export class PostgresBackOffice implements BackOfficeStore {
  constructor(private readonly pool: pg.Pool) {}

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** Append to the audit chain inside the caller's transaction on `client`. */
  async appendAuditOn(client: pg.PoolClient, e: AuditEntry): Promise<AuditRow> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = (await client.query('SELECT id, hash FROM backoffice_audit ORDER BY id DESC LIMIT 1')).rows[0] as Raw | undefined;
    const id = last ? Number(last.id) + 1 : 1;
    const prevHash = last ? String(last.hash) : AUDIT_GENESIS;
    const hash = auditHash(prevHash, id, e);
    await client.query(
      `INSERT INTO backoffice_audit (id, at, account_id, account_name, action, entity, entity_id, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, e.at, e.accountId, e.accountName, e.action, e.entity, e.entityId, JSON.stringify(e.detail), prevHash, hash],
    );
    return { ...e, id, prevHash, hash };
  }

  /** A decision's back-office writes, inside the store's commitCase transaction. */
  async writeDecisionOn(client: pg.PoolClient, caseId: string, x: DecisionExtras): Promise<void> {
    if (x.clearPayoutRequest) await client.query('DELETE FROM payout_requests WHERE case_id = $1', [caseId]);
    await this.appendAuditOn(client, x.audit);
  }

  async accountById(id: string): Promise<AccountRow | null> {
    const r = (await this.pool.query('SELECT * FROM accounts WHERE id = $1', [id])).rows[0] as Raw | undefined;
    return r ? accountFromRaw(r) : null;
  }
  async accountByUsername(username: string): Promise<AccountRow | null> {
    const r = (await this.pool.query('SELECT * FROM accounts WHERE username = $1', [username])).rows[0] as Raw | undefined;
    return r ? accountFromRaw(r) : null;
  }
  async listAccounts(): Promise<AccountRow[]> {
    return ((await this.pool.query('SELECT * FROM accounts ORDER BY username')).rows as Raw[]).map(accountFromRaw);
  }
  async saveAccount(row: AccountRow, o: { dropTokens: boolean; audit: AuditEntry | null }): Promise<void> {
    await this.tx(async (c) => {
      await c.query(UPSERT_ACCOUNT, accountValues(row));
      if (o.dropTokens) await c.query('DELETE FROM account_tokens WHERE account_id = $1', [row.id]);
      if (o.audit) await this.appendAuditOn(c, o.audit);
    });
  }
  async insertFirstAdministrator(row: AccountRow, audit: AuditEntry): Promise<boolean> {
    return this.tx(async (c) => {
      // The audit lock also serialises two shells bootstrapping at once.
      await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const n = Number(
        ((await c.query(`SELECT count(*) AS n FROM accounts WHERE state = 'active' AND (',' || roles || ',') LIKE '%,administrator,%'`)).rows[0] as Raw).n,
      );
      if (n > 0) return false;
      await c.query(UPSERT_ACCOUNT, accountValues(row));
      await this.appendAuditOn(c, audit);
      return true;
    });
  }
  async insertToken(t: TokenRow, audit: AuditEntry): Promise<void> {
    await this.tx(async (c) => {
      await c.query('INSERT INTO account_tokens (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [t.tokenHash, t.accountId, t.createdAt, t.expiresAt]);
      await this.appendAuditOn(c, audit);
    });
  }
  async tokenByHash(tokenHash: string): Promise<{ token: TokenRow; account: AccountRow } | null> {
    const r = (
      await this.pool.query({
        name: 'bo_token',
        text: `SELECT t.token_hash, t.account_id, t.created_at AS t_created_at, t.expires_at, a.* FROM account_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1`,
        values: [tokenHash],
      })
    ).rows[0] as Raw | undefined;
    if (!r) return null;
    return { token: tokenFromRaw({ ...r, created_at: r.t_created_at }), account: accountFromRaw(r) };
  }
  async deleteToken(tokenHash: string, audit: AuditEntry | null): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM account_tokens WHERE token_hash = $1', [tokenHash]);
      if (audit) await this.appendAuditOn(c, audit);
    });
  }
  async pruneTokens(before: string): Promise<number> {
    return (await this.pool.query('DELETE FROM account_tokens WHERE expires_at < $1', [before])).rowCount ?? 0;
  }
  async appendAudit(e: AuditEntry): Promise<AuditRow> {
    return this.tx((c) => this.appendAuditOn(c, e));
  }
  async auditPage(afterId: number, limit: number): Promise<AuditRow[]> {
    return ((await this.pool.query('SELECT * FROM backoffice_audit WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit])).rows as Raw[]).map(auditFromRaw);
  }
  async payoutRequest(caseId: string): Promise<PayoutRequestRow | null> {
    const r = (await this.pool.query('SELECT * FROM payout_requests WHERE case_id = $1', [caseId])).rows[0] as Raw | undefined;
    return r ? payoutFromRaw(r) : null;
  }
  async savePayoutRequest(p: PayoutRequestRow, audit: AuditEntry): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO payout_requests (case_id, central_version, payout_fen, note, requested_by, requested_by_name, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO UPDATE SET central_version = excluded.central_version,
         payout_fen = excluded.payout_fen, note = excluded.note, requested_by = excluded.requested_by,
         requested_by_name = excluded.requested_by_name, requested_at = excluded.requested_at`,
        [p.caseId, p.centralVersion, p.payoutFen, p.note, p.requestedBy, p.requestedByName, p.requestedAt],
      );
      await this.appendAuditOn(c, audit);
    });
  }
}
