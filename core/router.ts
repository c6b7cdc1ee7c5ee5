import type { CoreContext } from './context';
import type { Session } from './session';
import type { Handlers } from './handlers';
import { CHANNELS, isChannelName, type ChannelName } from '../shared/api/contract';
import { apiError, ApiFailure, errorFromZod, type ApiResult } from '../shared/api/errors';
import { StoreError } from '../db/open';
import { isInitialized } from './reference/station';

export interface RouterLog {
  error(message: string, detail?: unknown): void;
}

/** Channels that work before the station is set up. */
const BEFORE_SETUP: ReadonlySet<ChannelName> = new Set(['setup.status', 'setup.initialize', 'auth.me']);

/**
 * The core's one entry point: channel → zod input → role check → service → zod output.
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
    const parsed = contract.input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: errorFromZod(parsed.error) };

    if (contract.roles !== 'public') {
      if (!session.user) return { ok: false, error: apiError('not_signed_in', '请先登录') };
      if (contract.roles !== 'signed_in' && !contract.roles.includes(session.user.role)) {
        return { ok: false, error: apiError('forbidden', '您的角色不能进行此操作') };
      }
    } else if (!BEFORE_SETUP.has(channel) && !isInitialized(this.ctx)) {
      return { ok: false, error: apiError('setup_required', '工作站尚未初始化，请先设置站点信息') };
    }

    const run = () => this.invoke(session, channel, parsed.data);
    if (!contract.write) return run();
    const result = this.writeChain.then(run, run);
    this.writeChain = result.catch(() => undefined);
    return result;
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
