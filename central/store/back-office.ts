import { BACK_OFFICE_ROLES, type BackOfficeRole } from '../../shared/sync/admin';
import { sha256Hex, stableStringify } from '../util/hash';

export { BACK_OFFICE_ROLES, type BackOfficeRole };

/**
 * The back office's own storage: named accounts, their sign-in tokens, payouts waiting for a second person's
 * confirmation (four-eyes), and central's hash-chained audit of every back-office action. Implemented for both
 * backends beside the main store (back-office-sqlite.ts, back-office-postgres.ts), on the main store's connection:
 * an audit row is written in the same transaction as the action it records.
 */

export type AccountState = 'active' | 'disabled';

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  /** At least one role, in BACK_OFFICE_ROLES order. */
  roles: BackOfficeRole[];
  /** scrypt$N$r$p$salt$hash (base64). */
  passwordHash: string;
  state: AccountState;
  /** Wrong passwords in a row (reset by a good one). */
  failedLogins: number;
  /** Sign-in refused until then (too many wrong passwords), or null. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TokenRow {
  /** sha256 of the token (the token itself is shown once, to the one who signed in). */
  tokenHash: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
}

/** A back-office action to record. `detail` holds no personal data beyond ids (no names, ID numbers or accounts). */
export interface AuditEntry {
  at: string;
  /** Null for the machine's shell (bootstrap) or a failed sign-in of an unknown name. */
  accountId: string | null;
  /** The account's username at the time (or what was typed, for a failed sign-in). */
  accountName: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  /** 1, 2, 3 … without gaps: a deleted row breaks the chain. */
  id: number;
  prevHash: string;
  hash: string;
}

/** A payout above the threshold, waiting for a second account's confirmation before it reaches the station. */
export interface PayoutRequestRow {
  caseId: string;
  /** The case's central version the request was made on (a change since voids it). */
  centralVersion: number;
  payoutFen: number;
  note: string | null;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
}

/** What a review decision writes besides the case (in the same transaction). */
export interface DecisionExtras {
  audit: AuditEntry;
  /** Drop the case's pending payout request (it was confirmed, or the case moved on). */
  clearPayoutRequest: boolean;
}

export interface BackOfficeStore {
  accountById(id: string): Promise<AccountRow | null>;
  accountByUsername(username: string): Promise<AccountRow | null>;
  listAccounts(): Promise<AccountRow[]>;
  /** Insert or update an account (by id), optionally dropping all its tokens, with its audit row; one transaction. */
  saveAccount(row: AccountRow, opts: { dropTokens: boolean; audit: AuditEntry | null }): Promise<void>;
  /**
   * The first administrator, from the machine's shell: inserted only while no active administrator exists (checked
   * in the same transaction); false when one does.
   */
  insertFirstAdministrator(row: AccountRow, audit: AuditEntry): Promise<boolean>;
  insertToken(row: TokenRow, audit: AuditEntry): Promise<void>;
  /** The token with this hash and its account (whatever their state: the caller decides). */
  tokenByHash(tokenHash: string): Promise<{ token: TokenRow; account: AccountRow } | null>;
  deleteToken(tokenHash: string, audit: AuditEntry | null): Promise<void>;
  /** Drop tokens that expired before `before`. */
  pruneTokens(before: string): Promise<number>;
  appendAudit(entry: AuditEntry): Promise<AuditRow>;
  /** Audit rows with id > afterId, in order. */
  auditPage(afterId: number, limit: number): Promise<AuditRow[]>;
  payoutRequest(caseId: string): Promise<PayoutRequestRow | null>;
  /** Put (replace) the case's payout request, with its audit row. */
  savePayoutRequest(row: PayoutRequestRow, audit: AuditEntry): Promise<void>;
}

/** The hash before the first row. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** The hash of an audit row: its content (every field, keys sorted) chained to the previous row's hash. */
export function auditHash(prevHash: string, id: number, e: AuditEntry): string {
  return sha256Hex(
    `${prevHash}\n${stableStringify({ id, at: e.at, accountId: e.accountId, accountName: e.accountName, action: e.action, entity: e.entity, entityId: e.entityId, detail: e.detail })}`,
  );
}

type Raw = Record<string, unknown>;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function accountFromRaw(r: Raw): AccountRow {
  return {
    id: String(r.id),
    username: String(r.username),
    displayName: String(r.display_name),
    roles: String(r.roles)
      .split(',')
      .filter((x): x is BackOfficeRole => (BACK_OFFICE_ROLES as readonly string[]).includes(x)),
    passwordHash: String(r.password_hash),
    state: String(r.state) as AccountState,
    failedLogins: Number(r.failed_logins),
    lockedUntil: strOrNull(r.locked_until),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export function accountValues(a: AccountRow): unknown[] {
  const roles = BACK_OFFICE_ROLES.filter((r) => a.roles.includes(r)).join(',');
  return [a.id, a.username, a.displayName, roles, a.passwordHash, a.state, a.failedLogins, a.lockedUntil, a.createdAt, a.updatedAt];
}

export const ACCOUNT_COLUMNS = ['id', 'username', 'display_name', 'roles', 'password_hash', 'state', 'failed_logins', 'locked_until', 'created_at', 'updated_at'] as const;

export function tokenFromRaw(r: Raw): TokenRow {
  return { tokenHash: String(r.token_hash), accountId: String(r.account_id), createdAt: String(r.created_at), expiresAt: String(r.expires_at) };
}

export function auditFromRaw(r: Raw): AuditRow {
  return {
    id: Number(r.id),
    at: String(r.at),
    accountId: strOrNull(r.account_id),
    accountName: String(r.account_name),
    action: String(r.action),
    entity: String(r.entity),
    entityId: strOrNull(r.entity_id),
    detail: JSON.parse(String(r.detail)) as Record<string, unknown>,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

export function payoutFromRaw(r: Raw): PayoutRequestRow {
  return {
    caseId: String(r.case_id),
    centralVersion: Number(r.central_version),
    payoutFen: Number(r.payout_fen),
    note: strOrNull(r.note),
    requestedBy: String(r.requested_by),
    requestedByName: String(r.requested_by_name),
    requestedAt: String(r.requested_at),
  };
}
