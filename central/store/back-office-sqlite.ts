import type Database from 'better-sqlite3';
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

/** The back office on the embedded SQLite store's connection (one writer: the audit chain needs no lock of its own). */
export class SqliteBackOffice implements BackOfficeStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      accountById: p('SELECT * FROM accounts WHERE id = ?'),
      accountByUsername: p('SELECT * FROM accounts WHERE username = ?'),
      listAccounts: p('SELECT * FROM accounts ORDER BY username'),
      upsertAccount: p(`INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')}) VALUES (${ACCOUNT_COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT (id) DO UPDATE SET ${ACCOUNT_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`),
      activeAdmins: p(`SELECT count(*) AS n FROM accounts WHERE state = 'active' AND (',' || roles || ',') LIKE '%,administrator,%'`),
      dropTokensOf: p('DELETE FROM account_tokens WHERE account_id = ?'),
      insertToken: p('INSERT INTO account_tokens (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      tokenByHash: p('SELECT * FROM account_tokens WHERE token_hash = ?'),
      deleteToken: p('DELETE FROM account_tokens WHERE token_hash = ?'),
      pruneTokens: p('DELETE FROM account_tokens WHERE expires_at < ?'),
      lastAudit: p('SELECT id, hash FROM backoffice_audit ORDER BY id DESC LIMIT 1'),
      insertAudit: p(`INSERT INTO backoffice_audit (id, at, account_id, account_name, action, entity, entity_id, detail, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      auditPage: p('SELECT * FROM backoffice_audit WHERE id > ? ORDER BY id LIMIT ?'),
      payout: p('SELECT * FROM payout_requests WHERE case_id = ?'),
      putPayout: p(`INSERT INTO payout_requests (case_id, central_version, payout_fen, note, requested_by, requested_by_name, requested_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET central_version = excluded.central_version,
        payout_fen = excluded.payout_fen, note = excluded.note, requested_by = excluded.requested_by,
        requested_by_name = excluded.requested_by_name, requested_at = excluded.requested_at`),
      deletePayout: p('DELETE FROM payout_requests WHERE case_id = ?'),
    };
  }

  /** Append to the audit chain; call inside a transaction (the store's commitCase does, for a decision). */
  appendAuditInTx(e: AuditEntry): AuditRow {
    const last = this.s.lastAudit.get() as Raw | undefined;
    const id = last ? Number(last.id) + 1 : 1;
    const prevHash = last ? String(last.hash) : AUDIT_GENESIS;
    const hash = auditHash(prevHash, id, e);
    this.s.insertAudit.run(id, e.at, e.accountId, e.accountName, e.action, e.entity, e.entityId, JSON.stringify(e.detail), prevHash, hash);
    return { ...e, id, prevHash, hash };
  }

  /** A decision's back-office writes, inside the store's commitCase transaction. */
  writeDecisionInTx(caseId: string, x: DecisionExtras): void {
    if (x.clearPayoutRequest) this.s.deletePayout.run(caseId);
    this.appendAuditInTx(x.audit);
  }

  async accountById(id: string): Promise<AccountRow | null> {
    const r = this.s.accountById.get(id) as Raw | undefined;
    return r ? accountFromRaw(r) : null;
  }
  async accountByUsername(username: string): Promise<AccountRow | null> {
    const r = this.s.accountByUsername.get(username) as Raw | undefined;
    return r ? accountFromRaw(r) : null;
  }
  async listAccounts(): Promise<AccountRow[]> {
    return (this.s.listAccounts.all() as Raw[]).map(accountFromRaw);
  }
  async saveAccount(row: AccountRow, o: { dropTokens: boolean; audit: AuditEntry | null }): Promise<void> {
    this.db
      .transaction(() => {
        this.s.upsertAccount.run(...accountValues(row));
        if (o.dropTokens) this.s.dropTokensOf.run(row.id);
        if (o.audit) this.appendAuditInTx(o.audit);
      })
      .immediate();
  }
  async insertFirstAdministrator(row: AccountRow, audit: AuditEntry): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (Number((this.s.activeAdmins.get() as Raw).n) > 0) return false;
        this.s.upsertAccount.run(...accountValues(row));
        this.appendAuditInTx(audit);
        return true;
      })
      .immediate();
  }
  async insertToken(t: TokenRow, audit: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        this.s.insertToken.run(t.tokenHash, t.accountId, t.createdAt, t.expiresAt);
        this.appendAuditInTx(audit);
      })
      .immediate();
  }
  async tokenByHash(tokenHash: string): Promise<{ token: TokenRow; account: AccountRow } | null> {
    const t = this.s.tokenByHash.get(tokenHash) as Raw | undefined;
    if (!t) return null;
    const a = this.s.accountById.get(String(t.account_id)) as Raw | undefined;
    return a ? { token: tokenFromRaw(t), account: accountFromRaw(a) } : null;
  }
  async deleteToken(tokenHash: string, audit: AuditEntry | null): Promise<void> {
    this.db
      .transaction(() => {
        this.s.deleteToken.run(tokenHash);
        if (audit) this.appendAuditInTx(audit);
      })
      .immediate();
  }
  async pruneTokens(before: string): Promise<number> {
    return this.s.pruneTokens.run(before).changes;
  }
  async appendAudit(e: AuditEntry): Promise<AuditRow> {
    return this.db.transaction(() => this.appendAuditInTx(e)).immediate();
  }
  async auditPage(afterId: number, limit: number): Promise<AuditRow[]> {
    return (this.s.auditPage.all(afterId, limit) as Raw[]).map(auditFromRaw);
  }
  async payoutRequest(caseId: string): Promise<PayoutRequestRow | null> {
    const r = this.s.payout.get(caseId) as Raw | undefined;
    return r ? payoutFromRaw(r) : null;
  }
  async savePayoutRequest(p: PayoutRequestRow, audit: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        this.s.putPayout.run(p.caseId, p.centralVersion, p.payoutFen, p.note, p.requestedBy, p.requestedByName, p.requestedAt);
        this.appendAuditInTx(audit);
      })
      .immediate();
  }
}
