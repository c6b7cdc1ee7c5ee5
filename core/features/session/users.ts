import type { CoreContext } from '../../context';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { hashPassword, verifyPassword } from './passwords';

// A fixed hash to compare against when the user does not exist, so timing does not reveal usernames.
let dummyHash: string | null = null;

export function signIn(ctx: CoreContext, username: string, password: string): SessionUser {
  const u = ctx.repos.users.byUsername(username.trim());
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = verifyPassword(password, u?.passwordHash ?? dummyHash);
  const at = nowInstant(ctx.clock);
  if (!u || !ok) {
    ctx.tx(() =>
      ctx.repos.audit.append({ at, actorId: null, actorName: username.slice(0, 32), action: 'auth.failed', entity: 'user', entityId: u?.id ?? null, detail: {} }),
    );
    fail('bad_credentials', '用户名或密码不正确', { field: 'password' });
  }
  if (u.disabled) fail('account_disabled', '此账号已停用，请联系站点负责人', { field: 'username' });
  ctx.tx(() => ctx.repos.audit.append({ at, actorId: u.id, actorName: u.displayName, action: 'auth.sign_in', entity: 'user', entityId: u.id, detail: {} }));
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role };
}

export function createUser(ctx: CoreContext, actor: SessionUser, input: ChannelInput<'users.create'>): SessionUser {
  if (ctx.repos.users.byUsername(input.username)) fail('duplicate', `用户名：${input.username} 已被使用`, { field: 'username' });
  const at = nowInstant(ctx.clock);
  const passwordHash = hashPassword(input.password);
  return ctx.tx(() => {
    const user: SessionUser = { id: ctx.newId(), username: input.username, displayName: input.displayName, role: input.role };
    ctx.repos.users.insert({ ...user, passwordHash, disabled: false, createdAt: at, updatedAt: at });
    ctx.repos.audit.append({ at, actorId: actor.id, actorName: actor.displayName, action: 'user.create', entity: 'user', entityId: user.id, detail: { username: user.username, role: user.role } });
    return user;
  });
}

export function listUsers(ctx: CoreContext): (SessionUser & { disabled: boolean })[] {
  return ctx.repos.users.list().map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled }));
}
