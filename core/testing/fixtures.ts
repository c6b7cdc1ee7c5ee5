import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, type Db } from '../../db/cipher';
import { defaultKeyFile } from '../config';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core';
import { beginSession, credentialStamp, newSession, type Session, type SessionLimits } from '../session';
import type { SessionUser } from '../../shared/api/channels/auth';
import type { ChannelName, ChannelInput, ChannelOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import type { Role } from '../../shared/roles';
import { epochFromInstant, type Clock } from '../../shared/time';

/** A clock tests can move: starts at a Shanghai instant, advances on demand. */
export class TestClock implements Clock {
  private ms: number;
  constructor(start = '2026-11-23T09:00:00.000+08:00') {
    this.ms = epochFromInstant(start);
  }
  now(): number {
    return this.ms;
  }
  set(instant: string): void {
    this.ms = epochFromInstant(instant);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestStation {
  core: Core;
  clock: TestClock;
  dir: string;
  dbPath: string;
  /** The store's data key (the store is encrypted: db/cipher). */
  dataKey: Buffer;
  /** Open the store file directly (its own connection, with the key), as a test inspects what is on disk. */
  openRaw(options?: { readonly?: boolean }): Db;
  /** Sessions signed in as each role (created on demand). */
  as(role: Role): Promise<Session>;
  call<C extends ChannelName>(session: Session, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  callRaw(session: Session, channel: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }>;
  /** The refusal of a call expected to be refused (fails the test when it is not). */
  refusal(session: Session, channel: string, input: unknown): Promise<ApiError>;
  /** A session on a device credential the supervisor issued: the customer display or kiosk of a window (null: the hall). */
  device(kind: 'display' | 'kiosk', windowNo?: number | null): Promise<Session>;
  cleanup(): void;
}

/** The refusal of `call` (an `st.call(…)` expected to be refused): its ApiError; fails the test when it succeeds. */
export async function refusalOf(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (e) {
    return (e as { apiError: ApiError }).apiError;
  }
  throw new Error('expected a refusal');
}

export const TEST_PASSWORD = 'correct-horse-9';

/** A station on a temporary store, set up with station code TOWN01 and one user of each role. */
export async function createTestStation(
  options: { clock?: TestClock; setup?: boolean; stationCode?: string; sessionLimits?: SessionLimits } = {},
): Promise<TestStation> {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-test-'));
  const dbPath = join(dir, 'station.sqlite');
  const clock = options.clock ?? new TestClock();
  // Tests move the clock by days for the calendar's sake: sessions last for ever unless a test sets limits.
  const core = createCore({ dbPath, clock, log: { error: () => undefined }, sessionLimits: options.sessionLimits ?? { idleMs: Infinity, absoluteMs: Infinity } });
  const sessions = new Map<Role, Session>();

  const callRaw = (session: Session, channel: string, input: unknown) => core.router.handle(session, channel, input);
  const call = async <C extends ChannelName>(session: Session, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const r = await callRaw(session, channel, input);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), { apiError: r.error });
    return r.value as ChannelOutput<C>;
  };

  const admin = newSession();
  if (options.setup !== false) {
    await call(admin, 'setup.initialize', {
      station: { code: options.stationCode ?? 'TOWN01', name: '青石镇便民服务中心医保窗口', regionCode: '371002' },
      supervisor: { username: 'zhang.sup', displayName: '张站长', password: TEST_PASSWORD },
    });
    sessions.set('supervisor', admin);
  }

  const as = async (role: Role): Promise<Session> => {
    const have = sessions.get(role);
    if (have) return have;
    const username = `${role.replace('_', '-')}1`;
    await call(admin, 'users.create', { username, displayName: `${role}用户`, role, password: TEST_PASSWORD });
    const s = newSession();
    await call(s, 'auth.signIn', { username, password: TEST_PASSWORD });
    sessions.set(role, s);
    return s;
  };

  const refusal = async (session: Session, channel: string, input: unknown): Promise<ApiError> => {
    const r = await callRaw(session, channel, input);
    if (r.ok) throw new Error(`${channel} was not refused`);
    return r.error;
  };
  const device = async (kind: 'display' | 'kiosk', windowNo: number | null = null): Promise<Session> => {
    const { key } = await call(await as('supervisor'), 'devices.issue', { kind, name: `${kind}-${windowNo ?? 'hall'}`, windowNo });
    const s = newSession('test');
    await call(s, 'devices.signIn', { key });
    return s;
  };

  const dataKey = core.ctx.security.keyring!.dataKey();
  return {
    core,
    clock,
    dir,
    dbPath,
    dataKey,
    openRaw: (o = {}) => openRawStore(dbPath, dataKey, o),
    as,
    call,
    callRaw,
    refusal,
    device,
    cleanup: () => {
      core.close();
      removeStationDir(dir);
    },
  };
}

/** Open a station's store file directly with its key (no migrations; WAL left as it is). */
export function openRawStore(dbPath: string, dataKey: Buffer, options: { readonly?: boolean } = {}): Db {
  const db = new Database(dbPath, { readonly: options.readonly ?? false, fileMustExist: true });
  applyKey(db, dataKey);
  return db;
}

/** Remove a test station's data directory and the key file the core made beside it (config.defaultKeyFile). */
export function removeStationDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(defaultKeyFile(dir)), { recursive: true, force: true });
}

/** Valid resident ID numbers for tests: a real address code, a birth date, a sequence, the right check character. */
export function residentId(birth: string, seq: number, area = '371002'): string {
  const body = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A session signed in as `user` without a password (benches and sync kits that made the user themselves). */
export function signedInSession(core: Core, user: SessionUser): Session {
  const s = newSession('test');
  beginSession(s, user, core.ctx.clock.now(), false);
  const row = core.ctx.repos.users.byId(user.id);
  s.credentialStamp = row ? credentialStamp(row.passwordHash) : null;
  return s;
}
