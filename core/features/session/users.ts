import type { CoreContext } from '../../context';
import type { Session } from '../../session';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Account } from '../../../shared/api/channels/users';
import type { StoredUser } from '../../../db/repos/users';
import type { AuditAction } from '../../../shared/audit';
import { fail } from '../../../shared/api/errors';
import { epochFromInstant, nowInstant } from '../../../shared/time';
import { passwordProblem } from '../../../shared/passwords';
import { beginSession, credentialStamp } from '../../session';
import { hashPassword, verifyPassword } from './passwords';
import { clientWait, LOCK_AFTER, recordClientFailure, recordUnknownName, unknownNameWait, waitAfterFailure, waitMessage } from './throttle';

// A fixed hash to compare against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;

function audit(ctx: CoreContext, actor: SessionUser | null, actorName: string, action: AuditAction, entityId: string | null, detail: Record<string, unknown> = {}): void {
  ctx.tx(() => ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: actor?.id ?? null, actorName, action, entity: 'user', entityId, detail }));
}

const asUser = (u: StoredUser): SessionUser => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });

function lockedFor(u: StoredUser, now: number): number {
  return u.lockedUntil ? Math.max(0, epochFromInstant(u.lockedUntil) - now) : 0;
}

/**
 * A wrong password for a known user: counted, the next attempt delayed after 5 in a row, locked 15 minutes at 10
 * (audited as `auth.locked`). Also counted against the client.
 */
function countFailure(ctx: CoreContext, session: Session, u: StoredUser, via: string): void {
  const now = ctx.clock.now();
  const count = u.failedSignIns + 1;
  const wait = waitAfterFailure(count);
  const at = nowInstant(ctx.clock);
  const lockedUntil = wait > 0 ? nowInstant({ now: () => now + wait }) : null;
  recordClientFailure(ctx, session.client, now);
  ctx.tx(() => {
    ctx.repos.users.recordFailure(u.id, count, at, lockedUntil);
    ctx.repos.audit.append({ at, actorId: null, actorName: u.username, action: 'auth.failed', entity: 'user', entityId: u.id, detail: { via, failures: count } });
    if (count === LOCK_AFTER) {
      ctx.repos.audit.append({ at, actorId: null, actorName: 'system', action: 'auth.locked', entity: 'user', entityId: u.id, detail: { until: lockedUntil, failures: count } });
    }
  });
}

/**
 * Sign in: throttled per client and per user before the password is even looked at; scrypt runs off the event
 * loop. A refusal never says whether the name exists.
 */
export async function signIn(ctx: CoreContext, session: Session, username: string, password: string): Promise<{ user: SessionUser; mustChangePassword: boolean }> {
  const name = username.trim();
  const now = ctx.clock.now();
  const clientBlocked = clientWait(ctx, session.client, now);
  if (clientBlocked > 0) fail('too_many_attempts', `此终端登录失败次数过多，请 ${Math.ceil(clientBlocked / 60_000)} 分钟后再试`, { field: 'password' });
  const known = ctx.repos.users.byUsername(name);
  const wait = known ? lockedFor(known, now) : unknownNameWait(ctx, name, now);
  if (wait > 0) {
    const failures = known?.failedSignIns ?? LOCK_AFTER;
    fail('too_many_attempts', waitMessage(wait, failures >= LOCK_AFTER), { field: 'password' });
  }
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(password, known?.passwordHash ?? (await dummyHash));
  // Sign-in is a write: no other write ran while scrypt did, but read the row again all the same.
  const u = known ? ctx.repos.users.byId(known.id) : null;
  if (!u || !ok) {
    if (u) countFailure(ctx, session, u, 'signIn');
    else {
      recordClientFailure(ctx, session.client, ctx.clock.now());
      const count = recordUnknownName(ctx, name, ctx.clock.now());
      audit(ctx, null, name.slice(0, 32), 'auth.failed', null, { via: 'signIn', failures: count });
    }
    fail('bad_credentials', '用户名或密码不正确', { field: 'password' });
  }
  if (u.disabled) fail('account_disabled', '此账号已停用，请联系站点负责人', { field: 'username' });
  const user = asUser(u);
  ctx.tx(() => {
    ctx.repos.users.clearFailures(u.id);
    ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: u.id, actorName: u.displayName, action: 'auth.sign_in', entity: 'user', entityId: u.id, detail: u.mustChangePassword ? { mustChangePassword: true } : {} });
  });
  beginSession(session, user, ctx.clock.now(), u.mustChangePassword);
  session.credentialStamp = credentialStamp(u.passwordHash);
  return { user, mustChangePassword: u.mustChangePassword };
}

export function signOut(ctx: CoreContext, session: Session): void {
  const user = session.user;
  if (user) audit(ctx, user, user.displayName, 'auth.sign_out', user.id);
}

/** Change your own password: the current one proves it is you (wrong ones count like wrong sign-ins). */
export async function changePassword(ctx: CoreContext, session: Session, actor: SessionUser, input: ChannelInput<'auth.changePassword'>): Promise<void> {
  const u = ctx.repos.users.byId(actor.id);
  if (!u) fail('not_signed_in', '请先登录');
  const wait = lockedFor(u, ctx.clock.now());
  if (wait > 0) fail('too_many_attempts', waitMessage(wait, u.failedSignIns >= LOCK_AFTER), { field: 'currentPassword' });
  const problem = passwordProblem(input.newPassword, u.username);
  if (problem) fail('invalid_input', `新密码：${problem}`, { field: 'newPassword' });
  if (input.newPassword === input.currentPassword) fail('invalid_input', '新密码：不能与当前密码相同', { field: 'newPassword' });
  if (!(await verifyPassword(input.currentPassword, u.passwordHash))) {
    countFailure(ctx, session, u, 'changePassword');
    fail('bad_credentials', '当前密码不正确', { field: 'currentPassword' });
  }
  const hash = await hashPassword(input.newPassword);
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.users.setPassword(u.id, hash, false, at);
    ctx.repos.audit.append({ at, actorId: u.id, actorName: u.displayName, action: 'user.password_change', entity: 'user', entityId: u.id, detail: u.mustChangePassword ? { afterReset: true } : {} });
  });
  session.mustChangePassword = false;
  // This session stays signed in; the user's other sessions end at their next request.
  session.credentialStamp = credentialStamp(hash);
}

export async function createUser(ctx: CoreContext, actor: SessionUser, input: ChannelInput<'users.create'>): Promise<SessionUser> {
  if (ctx.repos.users.byUsername(input.username)) fail('duplicate', `用户名：${input.username} 已被使用`, { field: 'username' });
  const problem = passwordProblem(input.password, input.username);
  if (problem) fail('invalid_input', `密码：${problem}`, { field: 'password' });
  const passwordHash = await hashPassword(input.password);
  const at = nowInstant(ctx.clock);
  return ctx.tx(() => {
    if (ctx.repos.users.byUsername(input.username)) fail('duplicate', `用户名：${input.username} 已被使用`, { field: 'username' });
    const user: SessionUser = { id: ctx.newId(), username: input.username, displayName: input.displayName, role: input.role };
    ctx.repos.users.insert({ ...user, passwordHash, disabled: false, createdAt: at, updatedAt: at });
    ctx.repos.audit.append({ at, actorId: actor.id, actorName: actor.displayName, action: 'user.create', entity: 'user', entityId: user.id, detail: { username: user.username, role: user.role } });
    return user;
  });
}

function toAccount(u: StoredUser): Account {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil,
    passwordChangedAt: u.passwordChangedAt,
  };
}

export function listUsers(ctx: CoreContext): Account[] {
  return ctx.repos.users.list().map(toAccount);
}

function target(ctx: CoreContext, userId: string): StoredUser {
  const u = ctx.repos.users.byId(userId);
  if (!u) fail('not_found', '账号不存在', { field: 'userId' });
  return u;
}

/** A supervisor sets a new password for a user who forgot theirs: the user must change it at next sign-in. */
export async function resetPassword(ctx: CoreContext, actor: SessionUser, input: ChannelInput<'users.resetPassword'>): Promise<Account> {
  const u = target(ctx, input.userId);
  if (u.id === actor.id) fail('invalid_input', '账号：不能重置自己的密码，请用“修改密码”', { field: 'userId' });
  const problem = passwordProblem(input.newPassword, u.username);
  if (problem) fail('invalid_input', `新密码：${problem}`, { field: 'newPassword' });
  const hash = await hashPassword(input.newPassword);
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.users.setPassword(u.id, hash, true, at);
    ctx.repos.audit.append({ at, actorId: actor.id, actorName: actor.displayName, action: 'user.password_reset', entity: 'user', entityId: u.id, detail: { username: u.username, wasLocked: u.lockedUntil !== null } });
  });
  return toAccount(target(ctx, u.id));
}

/** The station keeps at least one supervisor who can sign in. */
function keepsASupervisor(ctx: CoreContext, u: StoredUser): void {
  if (u.role === 'supervisor' && !u.disabled && ctx.repos.users.activeSupervisorCount() <= 1) {
    fail('conflict', '账号：这是本站最后一个可用的站点负责人账号，不能停用或改为其他角色', { field: 'userId' });
  }
}

export function setDisabled(ctx: CoreContext, actor: SessionUser, input: ChannelInput<'users.setDisabled'>): Account {
  const u = target(ctx, input.userId);
  if (u.id === actor.id) fail('invalid_input', '账号：不能停用自己的账号', { field: 'userId' });
  if (input.disabled) keepsASupervisor(ctx, u);
  if (u.disabled === input.disabled) return toAccount(u);
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.users.setDisabled(u.id, input.disabled, at);
    ctx.repos.audit.append({ at, actorId: actor.id, actorName: actor.displayName, action: input.disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: u.id, detail: { username: u.username } });
  });
  return toAccount(target(ctx, u.id));
}

export function setRole(ctx: CoreContext, actor: SessionUser, input: ChannelInput<'users.setRole'>): Account {
  const u = target(ctx, input.userId);
  if (u.id === actor.id) fail('invalid_input', '账号：不能修改自己的角色', { field: 'userId' });
  if (u.role === input.role) return toAccount(u);
  if (input.role !== 'supervisor') keepsASupervisor(ctx, u);
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.users.setRole(u.id, input.role, at);
    ctx.repos.audit.append({ at, actorId: actor.id, actorName: actor.displayName, action: 'user.role_change', entity: 'user', entityId: u.id, detail: { username: u.username, from: u.role, to: input.role } });
  });
  return toAccount(target(ctx, u.id));
}
