import type { CoreContext } from './context';
import { credentialStamp, endSession, sessionExpiry, sessionLimitsOf, type Session } from './session';
import type { Handlers } from './handlers';
import { CHANNELS, isChannelName, type ChannelName } from '../shared/api/contract';
import { apiError, ApiFailure, errorFromZod, type ApiError, type ApiResult } from '../shared/api/errors';
import { deviceMayCall, FORBIDDEN_DEVICE_MESSAGE, FORBIDDEN_ROLE_MESSAGE, isPublic, scopeOf } from '../shared/access';
import { nowInstant } from '../shared/time';
import { StoreError } from '../db/open';
import { isInitialized } from './reference/station';

export interface RouterLog {
  error(message: string, detail?: unknown): void;
}

/** Channels that work before the station is set up. */
const BEFORE_SETUP: ReadonlySet<ChannelName> = new Set(['setup.status', 'setup.initialize', 'auth.me', 'keys.lockStatus', 'keys.unlock', 'backup.inspect', 'backup.restore']);

/** What a user whose password was reset may do before choosing a new one. */
const WHILE_PASSWORD_RESET: ReadonlySet<ChannelName> = new Set(['auth.changePassword', 'auth.signOut', 'auth.me']);

/** Channels that answer while the store is locked (its key not opened: core/keys); every other one says so. */
const WHILE_LOCKED: ReadonlySet<ChannelName> = new Set(['keys.lockStatus', 'keys.unlock']);

/**
 * The core's one entry point: channel → zod input → session and role check (shared/access.ts) → service → zod output.
 * Replies `{ok:true,value}` or `{ok:false,error}`; never throws. Write handlers run one at a time.
 */
export class Router {
  private writeChain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: CoreContext,
    private readonly handlers: Handlers,
    private readonly log: RouterLog = { error: (m, d) => console.error(m, d) },
  ) {}

  async handle(session: Session, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
    if (typeof channel !== 'string' || !isChannelName(channel)) {
      return { ok: false, error: apiError('unknown_channel', `没有这个接口：${String(channel).slice(0, 64)}`) };
    }
    const contract = CHANNELS[channel];
    const lock = this.ctx.security.lock;
    if (lock && !WHILE_LOCKED.has(channel)) {
      return { ok: false, error: apiError('store_locked', `数据库已锁定：${lock.message}`) };
    }
    // Who may call comes before the input (least privilege: a role the access table does not name learns nothing
    // of the channel, not even what input it takes). A session past its limits, or whose account changed, ends
    // here — on a public channel too (auth.me says so).
    const lapsed = this.lapse(session);
    if (session.device) {
      // A display's or a kiosk's narrow credential: its own channels only, public ones included (issue 15).
      const refused = this.admitDevice(session, channel);
      if (refused) return { ok: false, error: refused };
    } else if (!isPublic(channel)) {
      const refused = lapsed ?? this.admit(session, channel);
      if (refused) return { ok: false, error: refused };
    } else if (!BEFORE_SETUP.has(channel) && !isInitialized(this.ctx)) {
      return { ok: false, error: apiError('setup_required', '工作站尚未初始化，请先设置站点信息') };
    }

    const parsed = contract.input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: errorFromZod(parsed.error) };

    const run = () => this.invoke(session, channel, parsed.data);
    if (!contract.write) return run();
    const result = this.writeChain.then(run, run);
    this.writeChain = result.catch(() => undefined);
    return result;
  }

  /**
   * End a signed-in session that is over: idle too long or signed in too long (audited as `auth.expired`, with the
   * user), or its account disabled, given another role or its password reset elsewhere. Says why, or null.
   */
  private lapse(session: Session): ApiError | null {
    const user = session.user;
    if (!user || this.ctx.security.lock) return null;
    const limits = sessionLimitsOf(this.ctx);
    const expired = sessionExpiry(session, this.ctx.clock.now(), limits);
    if (expired) {
      endSession(session);
      this.ctx.txRelaxed(() =>
        this.ctx.repos.audit.append({ at: nowInstant(this.ctx.clock), actorId: user.id, actorName: user.displayName, action: 'auth.expired', entity: 'user', entityId: user.id, detail: { why: expired } }),
      );
      const message =
        expired === 'idle' ? `登录已超时（${Math.round(limits.idleMs / 60_000)} 分钟无操作），请重新输入密码` : `登录已超过 ${Math.round(limits.absoluteMs / 3600_000)} 小时，请重新登录`;
      return apiError('session_expired', message);
    }
    const row = this.ctx.repos.users.byId(user.id);
    if (!row || row.disabled || row.role !== user.role || credentialStamp(row.passwordHash) !== session.credentialStamp) {
      endSession(session);
      return apiError('not_signed_in', !row || row.disabled ? '此账号已停用，请联系站点负责人' : '账号信息已由站点负责人修改，请重新登录');
    }
    return null;
  }

  /**
   * A signed-in channel: the session must be signed in, the role named in the access table (shared/access.ts) for
   * the channel, and a password a supervisor reset changed first. The request counts as the user's activity.
   */
  private admit(session: Session, channel: ChannelName): ApiError | null {
    const user = session.user;
    if (!user) return apiError('not_signed_in', '请先登录');
    if (scopeOf(channel, user.role) === null) return apiError('forbidden', FORBIDDEN_ROLE_MESSAGE);
    if (session.mustChangePassword && !WHILE_PASSWORD_RESET.has(channel)) {
      return apiError('password_change_required', '密码已被重置：请先设置新密码', { field: 'newPassword' });
    }
    session.lastActiveAt = this.ctx.clock.now();
    return null;
  }

  /**
   * A device session (display, kiosk): only the channels whose access row names its kind, and only while its
   * credential is not revoked.
   */
  private admitDevice(session: Session, channel: ChannelName): ApiError | null {
    const device = session.device!;
    const row = this.ctx.repos.front.deviceById(device.id);
    if (!row || row.revokedAt !== null) {
      endSession(session);
      return apiError('not_signed_in', '此设备的凭证已被站点负责人停用，请重新配对');
    }
    if (!deviceMayCall(channel, device.kind)) return apiError('forbidden', FORBIDDEN_DEVICE_MESSAGE);
    session.lastActiveAt = this.ctx.clock.now();
    return null;
  }

  private async invoke(session: Session, channel: ChannelName, input: unknown): Promise<ApiResult<unknown>> {
    const contract = CHANNELS[channel];
    let value: unknown;
    try {
      const handler = this.handlers[channel] as (ctx: CoreContext, s: Session, i: unknown) => unknown;
      value = await handler(this.ctx, session, input);
    } catch (e) {
      if (e instanceof ApiFailure) return { ok: false, error: e.error };
      if (e instanceof StoreError) {
        this.log.error(`store error on ${channel}`, e);
        return { ok: false, error: apiError('store_error', `数据库错误：${e.message}`) };
      }
      this.log.error(`internal error on ${channel}`, e);
      return { ok: false, error: apiError('internal', '系统内部错误，操作未完成，请重试或联系技术支持', { retryable: true }) };
    }
    const out = contract.output.safeParse(value);
    if (!out.success) {
      this.log.error(`output of ${channel} failed its schema`, errorFromZod(out.error));
      return { ok: false, error: apiError('internal', '系统内部错误：返回数据不符合约定', { retryable: false }) };
    }
    return { ok: true, value: out.data };
  }
}
