import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { BackOfficeRole, LoginResponse } from '../../shared/sync/admin';
import { nowInstant } from '../../shared/time';
import type { AccountRow } from '../store/back-office';
import type { CentralContext } from '../services/context';
import { SHELL, auditEntry, hashPassword, openSession } from '../services/back-office';

/**
 * The named back-office accounts tests, benches and e2e runs sign in as — one per role, as a real back office
 * has them, plus a second payer for four-eyes payouts. The display names are the ones the review tests expect to
 * see as `decidedBy` (李审核 approves, 中心后台 completes).
 */
export const TEST_ACCOUNTS = {
  administrator: { username: 'admin', displayName: '系统管理员', roles: ['administrator'] },
  reviewer: { username: 'li.shenhe', displayName: '李审核', roles: ['reviewer'] },
  payer: { username: 'payer', displayName: '中心后台', roles: ['payer'] },
  payer2: { username: 'zhao.fuhe', displayName: '赵复核', roles: ['payer'] },
  publisher: { username: 'publisher', displayName: '发布员', roles: ['publisher'] },
} as const satisfies Record<string, { username: string; displayName: string; roles: readonly BackOfficeRole[] }>;
export type TestAccount = keyof typeof TEST_ACCOUNTS;
export const TEST_PASSWORD = 'back-office-pass-2026';

/** The account that makes a back-office request in tests: the role the route needs. */
export function accountForRoute(method: string, url: string): TestAccount {
  const p = url.split('?')[0]!;
  if (/^\/v1\/admin\/cases\/[^/]+\/(approve|return|reject)$/.test(p)) return 'reviewer';
  if (/^\/v1\/admin\/cases\/[^/]+\/(complete|confirm-payout)$/.test(p)) return 'payer';
  if (p.startsWith('/v1/admin/cases') || p.startsWith('/v1/admin/blobs/')) return method === 'GET' ? 'reviewer' : 'administrator';
  if (p.startsWith('/v1/admin/publish/')) return 'publisher';
  return 'administrator';
}

let hashed: Promise<string> | null = null;

/** The test accounts in a fresh store (one scrypt hash for all of them: tests make many stores). */
export async function seedTestAccounts(ctx: CentralContext): Promise<Record<TestAccount, AccountRow>> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await hashed;
  const at = nowInstant(ctx.clock);
  const out = {} as Record<TestAccount, AccountRow>;
  for (const [key, a] of Object.entries(TEST_ACCOUNTS) as [TestAccount, (typeof TEST_ACCOUNTS)[TestAccount]][]) {
    const row: AccountRow = { id: ctx.newId(), username: a.username, displayName: a.displayName, roles: [...a.roles], passwordHash, state: 'active', failedLogins: 0, lockedUntil: null, createdAt: at, updatedAt: at };
    await ctx.store.backOffice.saveAccount(row, { dropTokens: false, audit: auditEntry(ctx, SHELL, 'account.create', 'account', row.id, { username: row.username, roles: row.roles }) });
    out[key] = row;
  }
  return out;
}

/**
 * Signed-in tokens of the test accounts of an in-process central (Harness, CentralHost): opened on first use,
 * opened again when one expired (tests move the clock by days).
 */
export class TestSignIns {
  private readonly tokens = new Map<TestAccount, string>();
  private accounts: Record<TestAccount, AccountRow> | null = null;

  constructor(private readonly ctx: CentralContext) {}

  async seed(): Promise<void> {
    this.accounts = await seedTestAccounts(this.ctx);
  }

  async token(who: TestAccount, fresh = false): Promise<string> {
    if (!this.accounts) throw new Error('TestSignIns.seed() first');
    const have = this.tokens.get(who);
    if (have && !fresh) return have;
    const s: LoginResponse = await openSession(this.ctx, this.accounts[who], 'http');
    this.tokens.set(who, s.token);
    return s.token;
  }

  account(who: TestAccount): AccountRow {
    if (!this.accounts) throw new Error('TestSignIns.seed() first');
    return this.accounts[who];
  }
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * A central started as its own process (`central/cli.ts serve`): make its first administrator from the shell
 * (`account create-admin`, as an operator would, with the same environment), then sign in over HTTP and create
 * the other test accounts. Returns a back-office client that signs each request in as the account its route needs.
 */
export async function backOfficeOfProcess(url: string, env: NodeJS.ProcessEnv): Promise<BackOfficeHttp> {
  const a = TEST_ACCOUNTS.administrator;
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'central', 'cli.ts'), 'account', 'create-admin', a.username, '--name', a.displayName], {
    cwd: ROOT,
    env,
    input: `${TEST_PASSWORD}\n`,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`account create-admin: ${r.status} ${r.stderr}`);
  const bo = new BackOfficeHttp(url);
  for (const [key, acc] of Object.entries(TEST_ACCOUNTS) as [TestAccount, (typeof TEST_ACCOUNTS)[TestAccount]][]) {
    if (key === 'administrator') continue;
    const res = await bo.request('administrator', 'POST', '/v1/admin/accounts', { username: acc.username, displayName: acc.displayName, roles: acc.roles, password: TEST_PASSWORD });
    if (res.status !== 201) throw new Error(`create account ${acc.username}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return bo;
}

/** The back office over HTTP, signed in per account with the test password. */
export class BackOfficeHttp {
  private readonly tokens = new Map<TestAccount, string>();

  constructor(readonly url: string) {}

  async token(who: TestAccount): Promise<string> {
    const have = this.tokens.get(who);
    if (have) return have;
    const res = await fetch(`${this.url}/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: TEST_ACCOUNTS[who].username, password: TEST_PASSWORD }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`login ${who}: ${res.status} ${text}`);
    const token = (JSON.parse(text) as LoginResponse).token;
    this.tokens.set(who, token);
    return token;
  }

  async request<T = unknown>(who: TestAccount, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${await this.token(who)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    return { status: res.status, body: (type.includes('json') && text !== '' ? JSON.parse(text) : text) as T };
  }

  /** A request as the account its route needs (accountForRoute). */
  async admin<T = unknown>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    return this.request<T>(accountForRoute(method, p), method, p, body);
  }

  /** The raw bytes of a GET as the account its route needs (attachments). */
  async bytes(p: string): Promise<{ status: number; body: Buffer }> {
    const res = await fetch(`${this.url}${p}`, { headers: { authorization: `Bearer ${await this.token(accountForRoute('GET', p))}` } });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  }
}
