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
}

const toUser = (r: Raw): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class UsersRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byNameStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly namesStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO users(id, username, display_name, role, password_hash, disabled, created_at, updated_at)
       VALUES (@id, @username, @displayName, @role, @passwordHash, @disabled, @createdAt, @updatedAt)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>('SELECT * FROM users WHERE id = ?');
    this.byNameStmt = db.prepare<[string], Raw>('SELECT * FROM users WHERE username = ?');
    this.listStmt = db.prepare<[], Raw>('SELECT * FROM users ORDER BY created_at, id');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
    this.namesStmt = db.prepare<[], { id: string; display_name: string }>('SELECT id, display_name FROM users');
  }

  /** Display names by user id (a station has a handful of accounts). */
  names(): Map<string, string> {
    return new Map(this.namesStmt.all().map((r) => [r.id, r.display_name]));
  }

  insert(u: UserRow): void {
    this.insertStmt.run({ ...u, disabled: u.disabled ? 1 : 0 });
  }

  byId(id: string): UserRow | null {
    const r = this.byIdStmt.get(id);
    return r ? toUser(r) : null;
  }

  byUsername(username: string): UserRow | null {
    const r = this.byNameStmt.get(username);
    return r ? toUser(r) : null;
  }

  list(): UserRow[] {
    return this.listStmt.all().map(toUser);
  }

  count(): number {
    return this.countStmt.get()!.n;
  }
}
