import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { instantFromEpoch, nowInstant } from '../../shared/time';
import {
  BACK_OFFICE_ROLES,
  ROLE_LABELS,
  type Account,
  type AuditVerifyResponse,
  type BackOfficeRole,
  type CreateAccountRequest,
  type LoginResponse,
  type PublishResponse,
  type UpdateAccountRequest,
} from '../../shared/sync/admin';
import { AUDIT_GENESIS, auditHash, type AccountRow, type AuditEntry, type AuditRow } from '../store/back-office';
import { randomSecret, sha256Hex } from '../util/hash';
import type { CentralContext } from './context';
import { fail } from './errors';

/**
 * The back office of named people: accounts with roles, each signing in for itself (password → an expiring token,
 * kept only as its hash), what each role may do, and central's own hash-chained audit of every back-office action.
 * The HTTP routes (/v1/admin/…) and the CLI (`npm run central -- …`, signed in with `login`) both come through here.
 */

/** What a back-office caller may be allowed to do; each route and each CLI command names one. */
export type Permission =
  | 'cases.read'
  | 'cases.review'
  | 'cases.pay'
  | 'data.publish'
  | 'stations.manage'
  | 'accounts.manage'
  | 'changes.prune'
  | 'bundles.import'
  | 'audit.read';

/** Least privilege: the roles that grant each permission. An account may hold several roles. */
export const PERMISSION_ROLES: Readonly<Record<Permission, readonly BackOfficeRole[]>> = {
  'cases.read': ['reviewer', 'payer'],
  'cases.review': ['reviewer'],
  'cases.pay': ['payer'],
  'data.publish': ['publisher'],
  'stations.manage': ['administrator'],
  'accounts.manage': ['administrator'],
  'changes.prune': ['administrator'],
  'bundles.import': ['administrator'],
  'audit.read': ['administrator'],
};

const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  'cases.read': '查看案件',
  'cases.review': '审核案件（批准、退回、不予办理）',
  'cases.pay': '办结与支付',
  'data.publish': '发布参考数据',
  'stations.manage': '管理站点',
  'accounts.manage': '管理后台账号',
  'changes.prune': '清理变更记录',
  'bundles.import': '导入离线数据包',
  'audit.read': '查看后台审计记录',
};

/** Who is acting: a signed-in account (HTTP or CLI), or the machine's shell (bootstrapping the first administrator). */
export interface Actor {
  accountId: string | null;
  username: string;
  displayName: string;
  roles: readonly BackOfficeRole[];
  /** sha256 of the token the request came with (null for the shell). */
  tokenHash: string | null;
}

export const TOKEN_PREFIX = 'ybo_';

// — passwords (scrypt, node:crypto: no dependency, memory-hard) —

const SCRYPT = { N: 16_384, r: 8, p: 1, keylen: 32 } as const;

function scrypt(password: string, salt: Buffer, keylen: number, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, { ...o, maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A hash that never matches: an unknown username costs the same time as a known one. */
let decoy: Promise<string> | null = null;

// — views and audit helpers —

export function accountView(a: AccountRow): Account {
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.displayName,
    roles: [...a.roles],
    state: a.state,
    lockedUntil: a.lockedUntil,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function rolesText(roles: readonly BackOfficeRole[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
}

export function actorOf(a: AccountRow, tokenHash: string | null): Actor {
  return { accountId: a.id, username: a.username, displayName: a.displayName, roles: [...a.roles], tokenHash };
}

/** The machine's shell (`account create-admin`): not an account. */
export const SHELL: Actor = { accountId: null, username: 'shell', displayName: '本机命令行', roles: [], tokenHash: null };

export function auditEntry(ctx: CentralContext, actor: Actor, action: string, entity: string, entityId: string | null, detail: Record<string, unknown> = {}): AuditEntry {
  return { at: nowInstant(ctx.clock), accountId: actor.accountId, accountName: actor.username, action, entity, entityId, detail };
}

/** Record a back-office action after it succeeded (actions with a transaction of their own record in it instead). */
export async function record(ctx: CentralContext, actor: Actor, action: string, entity: string, entityId: string | null, detail: Record<string, unknown> = {}): Promise<AuditRow> {
  return ctx.store.backOffice.appendAudit(auditEntry(ctx, actor, action, entity, entityId, detail));
}

/** What a publication of reference data did, in central's audit. */
export async function recordPublish(ctx: CentralContext, actor: Actor, scope: string | null, r: PublishResponse): Promise<void> {
  await record(ctx, actor, `publish.${r.kind}`, 'reference', scope, { published: r.published, unchanged: r.unchanged, removed: r.removed });
}

// — who may do what —

export function may(actor: Actor, permission: Permission): boolean {
  return PERMISSION_ROLES[permission].some((r) => actor.roles.includes(r));
}

/** Refuse (403) unless one of the actor's roles grants the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (may(actor, permission)) return;
  fail(
    'forbidden',
    `账号 ${actor.username}（${rolesText(actor.roles)}）无权${PERMISSION_LABELS[permission]}：须有“${rolesText(PERMISSION_ROLES[permission])}”角色`,
  );
}

// — signing in —

function newToken(): string {
  return `${TOKEN_PREFIX}${randomSecret(32)}`;
}

/** A new sign-in for an account whose password was checked (or, in tests, set up directly). */
export async function openSession(ctx: CentralContext, account: AccountRow, via: 'http' | 'cli'): Promise<LoginResponse> {
  const token = newToken();
  const now = ctx.clock.now();
  const at = instantFromEpoch(now);
  const expiresAt = instantFromEpoch(now + ctx.config.backOffice.tokenTtlMinutes * 60_000);
  await ctx.store.backOffice.insertToken(
    { tokenHash: sha256Hex(token), accountId: account.id, createdAt: at, expiresAt },
    auditEntry(ctx, actorOf(account, null), 'account.login', 'account', account.id, { via, expiresAt }),
  );
  return { token, expiresAt, account: accountView(account) };
}

const BAD_LOGIN = '用户名或密码不正确';

/**
 * Sign in with username and password. Wrong passwords are counted per account: after `maxLoginFailures` in a row
 * the account is locked for `lockMinutes` (audited). An unknown username takes as long as a known one.
 */
export async function login(ctx: CentralContext, username: string, password: string, via: 'http' | 'cli'): Promise<LoginResponse> {
  const bo = ctx.store.backOffice;
  const name = username.trim().slice(0, 64);
  const account = await bo.accountByUsername(name);
  const now = ctx.clock.now();
  const at = instantFromEpoch(now);
  if (!account) {
    decoy ??= hashPassword(randomSecret(12));
    await verifyPassword(password, await decoy);
    await bo.appendAudit({ at, accountId: null, accountName: name, action: 'account.login_failed', entity: 'account', entityId: null, detail: { via, why: 'unknown' } });
    fail('unauthenticated', BAD_LOGIN);
  }
  if (account.state !== 'active') {
    await bo.appendAudit({ at, accountId: account.id, accountName: account.username, action: 'account.login_failed', entity: 'account', entityId: account.id, detail: { via, why: 'disabled' } });
    fail('forbidden', `账号 ${account.username} 已停用，请联系管理员`);
  }
  if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > now) {
    fail('too-many-requests', `密码错误次数过多，账号已锁定至 ${account.lockedUntil.slice(0, 16).replace('T', ' ')}，请稍后再试或联系管理员`);
  }
  if (!(await verifyPassword(password, account.passwordHash))) {
    const failures = account.failedLogins + 1;
    const lock = failures >= ctx.config.backOffice.maxLoginFailures;
    const lockedUntil = lock ? instantFromEpoch(now + ctx.config.backOffice.lockMinutes * 60_000) : account.lockedUntil;
    await bo.saveAccount(
      { ...account, failedLogins: lock ? 0 : failures, lockedUntil, updatedAt: at },
      { dropTokens: false, audit: { at, accountId: account.id, accountName: account.username, action: lock ? 'account.locked' : 'account.login_failed', entity: 'account', entityId: account.id, detail: { via, failures } } },
    );
    fail('unauthenticated', lock ? `${BAD_LOGIN}；错误次数过多，账号已锁定 ${ctx.config.backOffice.lockMinutes} 分钟` : BAD_LOGIN);
  }
  let current = account;
  if (account.failedLogins !== 0 || account.lockedUntil !== null) {
    current = { ...account, failedLogins: 0, lockedUntil: null, updatedAt: at };
    await bo.saveAccount(current, { dropTokens: false, audit: null });
  }
  return openSession(ctx, current, via);
}

/** The account a bearer token belongs to; refuses a missing, unknown, expired or disabled one. */
export async function authenticateAccount(ctx: CentralContext, authorization: string | undefined): Promise<Actor> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) fail('unauthenticated', '请先登录后台：请求须带 Authorization: Bearer <登录令牌>（npm run central -- login 用户名）');
  const tokenHash = sha256Hex(m[1]!);
  const found = await ctx.store.backOffice.tokenByHash(tokenHash);
  if (!found) fail('unauthenticated', '登录令牌无效或已退出，请重新登录');
  if (Date.parse(found.token.expiresAt) <= ctx.clock.now()) {
    await ctx.store.backOffice.deleteToken(tokenHash, null);
    fail('unauthenticated', '登录已过期，请重新登录');
  }
  if (found.account.state !== 'active') fail('forbidden', `账号 ${found.account.username} 已停用`);
  return actorOf(found.account, tokenHash);
}

export async function logout(ctx: CentralContext, actor: Actor): Promise<void> {
  if (actor.tokenHash === null) return;
  await ctx.store.backOffice.deleteToken(actor.tokenHash, auditEntry(ctx, actor, 'account.logout', 'account', actor.accountId));
}

// — accounts —

function sortedRoles(roles: readonly BackOfficeRole[]): BackOfficeRole[] {
  return BACK_OFFICE_ROLES.filter((r) => roles.includes(r));
}

async function newAccountRow(ctx: CentralContext, req: CreateAccountRequest): Promise<AccountRow> {
  if (req.password.toLowerCase().includes(req.username.toLowerCase())) fail('invalid-request', '密码不能包含用户名', { field: 'password' });
  const at = nowInstant(ctx.clock);
  return {
    id: ctx.newId(),
    username: req.username,
    displayName: req.displayName,
    roles: sortedRoles(req.roles),
    passwordHash: await hashPassword(req.password),
    state: 'active',
    failedLogins: 0,
    lockedUntil: null,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The first administrator, made from the machine's shell (`npm run central -- account create-admin`): whoever can
 * run commands on central's machine owns it anyway. Refused once an active administrator exists — from then on
 * accounts are made by an administrator, signed in.
 */
export async function createFirstAdministrator(ctx: CentralContext, req: Omit<CreateAccountRequest, 'roles'>): Promise<Account> {
  const row = await newAccountRow(ctx, { ...req, roles: ['administrator'] });
  if (await ctx.store.backOffice.accountByUsername(row.username)) fail('conflict', `用户名 ${row.username} 已存在`);
  const ok = await ctx.store.backOffice.insertFirstAdministrator(row, auditEntry(ctx, SHELL, 'account.create_admin', 'account', row.id, { username: row.username, roles: row.roles }));
  if (!ok) fail('conflict', '已有管理员账号：请以管理员身份登录后用 account create 添加账号');
  return accountView(row);
}

export async function createAccount(ctx: CentralContext, actor: Actor, req: CreateAccountRequest): Promise<Account> {
  authorize(actor, 'accounts.manage');
  if (await ctx.store.backOffice.accountByUsername(req.username)) fail('conflict', `用户名 ${req.username} 已存在`, { field: 'username' });
  const row = await newAccountRow(ctx, req);
  await ctx.store.backOffice.saveAccount(row, { dropTokens: false, audit: auditEntry(ctx, actor, 'account.create', 'account', row.id, { username: row.username, roles: row.roles }) });
  return accountView(row);
}

async function activeAdministrators(ctx: CentralContext): Promise<AccountRow[]> {
  return (await ctx.store.backOffice.listAccounts()).filter((a) => a.state === 'active' && a.roles.includes('administrator'));
}

/** Change roles, disable/enable, or set a new password; each ends the account's sign-ins. The last administrator stays. */
export async function updateAccount(ctx: CentralContext, actor: Actor, username: string, req: UpdateAccountRequest): Promise<Account> {
  authorize(actor, 'accounts.manage');
  const row = await ctx.store.backOffice.accountByUsername(username);
  if (!row) fail('not-found', `账号 ${username} 不存在`);
  const next: AccountRow = { ...row, updatedAt: nowInstant(ctx.clock) };
  const what: Record<string, unknown> = {};
  if (req.roles) {
    next.roles = sortedRoles(req.roles);
    what.roles = next.roles;
  }
  if (req.state) {
    next.state = req.state;
    what.state = req.state;
  }
  if (req.password) {
    if (req.password.toLowerCase().includes(row.username.toLowerCase())) fail('invalid-request', '密码不能包含用户名', { field: 'password' });
    next.passwordHash = await hashPassword(req.password);
    next.failedLogins = 0;
    next.lockedUntil = null;
    what.password = 'reset';
  }
  if (Object.keys(what).length === 0) fail('invalid-request', '没有要修改的内容（roles、state 或 password）');
  const wasAdmin = row.state === 'active' && row.roles.includes('administrator');
  const isAdmin = next.state === 'active' && next.roles.includes('administrator');
  if (wasAdmin && !isAdmin && (await activeAdministrators(ctx)).length <= 1) fail('conflict', '这是最后一个管理员账号，不能停用或去掉其管理员角色');
  await ctx.store.backOffice.saveAccount(next, { dropTokens: true, audit: auditEntry(ctx, actor, 'account.update', 'account', row.id, { username: row.username, ...what }) });
  return accountView(next);
}

export async function listAccounts(ctx: CentralContext, actor: Actor): Promise<Account[]> {
  authorize(actor, 'accounts.manage');
  return (await ctx.store.backOffice.listAccounts()).map(accountView);
}

// — central's audit —

/**
 * Walk the whole audit chain: ids 1, 2, 3 … without a gap, each row's prevHash the previous row's hash, each
 * hash recomputed from the row. Tells the first row that does not hold.
 */
export async function verifyAudit(ctx: CentralContext): Promise<AuditVerifyResponse> {
  let prev = AUDIT_GENESIS;
  let expectId = 1;
  let rows = 0;
  for (let after = 0; ; ) {
    const page = await ctx.store.backOffice.auditPage(after, 1000);
    for (const r of page) {
      rows += 1;
      if (r.id !== expectId) return { ok: false, rows, brokenAt: expectId, reason: `缺少第 ${expectId} 条（下一条是第 ${r.id} 条）` };
      if (r.prevHash !== prev) return { ok: false, rows, brokenAt: r.id, reason: `第 ${r.id} 条与前一条接不上（前一条被改动或删除）` };
      if (auditHash(prev, r.id, r) !== r.hash) return { ok: false, rows, brokenAt: r.id, reason: `第 ${r.id} 条的内容与其哈希不符（被改动）` };
      prev = r.hash;
      expectId += 1;
    }
    if (page.length < 1000) return { ok: true, rows, brokenAt: null, reason: null };
    after = page[page.length - 1]!.id;
  }
}
