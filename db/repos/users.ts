import type { Db } from '../open';
import type { Role } from '../../shared/roles';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Wrong passwords in a row (a right one, a reset or re-enabling sets it back to 0). */
  failedSignIns?: number;
  lastFailedAt?: string | null;
  /** No sign-in before this instant (15 minutes after the 10th wrong password). */
  lockedUntil?: string | null;
  /** A supervisor set this password: the user must choose a new one at next sign-in. */
  mustChangePassword?: boolean;
  passwordChangedAt?: string | null;
}

interface Raw {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  failed_sign_ins: number;
  last_failed_at: string | null;
  locked_until: string | null;
  must_change_password: number;
  password_changed_at: string | null;
}

export type StoredUser = Required<UserRow>;

const toUser = (r: Raw): StoredUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  failedSignIns: r.failed_sign_ins,
  lastFailedAt: r.last_failed_at,
  lockedUntil: r.locked_until,
  mustChangePassword: r.must_change_password === 1,
  passwordChangedAt: r.password_changed_at,
});

export class UsersRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byNameStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly namesStmt;
  private readonly failureStmt;
  private readonly clearFailuresStmt;
  private readonly passwordStmt;
  private readonly disabledStmt;
  private readonly roleStmt;
  private readonly activeSupervisorsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO users(id, username, display_name, role, password_hash, disabled, created_at, updated_at, must_change_password, password_changed_at)
       VALUES (@id, @username, @displayName, @role, @passwordHash, @disabled, @createdAt, @updatedAt, @mustChangePassword, @passwordChangedAt)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>('SELECT * FROM users WHERE id = ?');
    this.byNameStmt = db.prepare<[string], Raw>('SELECT * FROM users WHERE username = ?');
    this.listStmt = db.prepare<[], Raw>('SELECT * FROM users ORDER BY created_at, id');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
    this.namesStmt = db.prepare<[], { id: string; display_name: string }>('SELECT id, display_name FROM users');
    this.failureStmt = db.prepare('UPDATE users SET failed_sign_ins = @count, last_failed_at = @at, locked_until = @lockedUntil WHERE id = @id');
    this.clearFailuresStmt = db.prepare('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ? AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)');
    this.passwordStmt = db.prepare(
      `UPDATE users SET password_hash = @hash, must_change_password = @mustChange, password_changed_at = @at, updated_at = @at,
         failed_sign_ins = 0, locked_until = NULL WHERE id = @id`,
    );
    this.disabledStmt = db.prepare('UPDATE users SET disabled = @disabled, updated_at = @at, failed_sign_ins = 0, locked_until = NULL WHERE id = @id');
    this.roleStmt = db.prepare('UPDATE users SET role = @role, updated_at = @at WHERE id = @id');
    this.activeSupervisorsStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'supervisor' AND disabled = 0");
  }

  /** Display names by user id (a station has a handful of accounts). */
  names(): Map<string, string> {
    return new Map(this.namesStmt.all().map((r) => [r.id, r.display_name]));
  }

  insert(u: UserRow): void {
    this.insertStmt.run({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash: u.passwordHash,
      disabled: u.disabled ? 1 : 0,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
      mustChangePassword: u.mustChangePassword ? 1 : 0,
      passwordChangedAt: u.passwordChangedAt ?? u.createdAt,
    });
  }

  byId(id: string): StoredUser | null {
    const r = this.byIdStmt.get(id);
    return r ? toUser(r) : null;
  }

  byUsername(username: string): StoredUser | null {
    const r = this.byNameStmt.get(username);
    return r ? toUser(r) : null;
  }

  list(): StoredUser[] {
    return this.listStmt.all().map(toUser);
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  /** A wrong password: the count so far, and the lock it leads to (null: none). */
  recordFailure(id: string, count: number, at: string, lockedUntil: string | null): void {
    this.failureStmt.run({ id, count, at, lockedUntil });
  }

  /** A right password: the count starts again (no write when there was nothing to clear). */
  clearFailures(id: string): void {
    this.clearFailuresStmt.run(id);
  }

  /** A new password hash; `mustChange` when a supervisor set it. Ends any lock. */
  setPassword(id: string, hash: string, mustChange: boolean, at: string): void {
    this.passwordStmt.run({ id, hash, mustChange: mustChange ? 1 : 0, at });
  }

  setDisabled(id: string, disabled: boolean, at: string): void {
    this.disabledStmt.run({ id, disabled: disabled ? 1 : 0, at });
  }

  setRole(id: string, role: Role, at: string): void {
    this.roleStmt.run({ id, role, at });
  }

  /** Supervisors who can sign in (the station must keep one). */
  activeSupervisorCount(): number {
    return this.activeSupervisorsStmt.get()!.n;
  }
}
