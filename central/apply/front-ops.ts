import { errorFromZod } from '../../shared/api/errors';
import type { PushOp } from '../../shared/sync/ops';
import { FRONT_SINCE, FrontDayPayloadSchema, FrontFollowUpPayloadSchema, FrontRatingPayloadSchema, type FrontOpKind } from '../../shared/sync/front';
import type { FrontRow, NewChange } from '../store/types';
import type { ApplyContext } from './context';
import { reject, type Outcome } from './outcome';

/**
 * The front office's ops (issue 15, protocol 1.3): a station's day of ticket figures, its 好差评 ratings and the
 * follow-ups of bad ones. Central keeps each record at its highest version (a repeated or older one changes
 * nothing) and answers ratings and follow-ups in the station's pull and snapshot, like its cases' states.
 */
export function decideFrontOp(ctx: ApplyContext, op: PushOp, kind: FrontOpKind): Outcome {
  if (FRONT_SINCE > ctx.minor) return reject('unsupported-op-kind', `操作类型 ${kind} 需要协议 1.${FRONT_SINCE}，本站使用的协议版本较旧`, 'kind');
  if (op.caseId !== null || op.baseVersion !== null) return reject('invalid-payload', '窗口业务统计与评价操作不属于某个案件：caseId 和 baseVersion 应为 null', op.caseId !== null ? 'caseId' : 'baseVersion');
  const row = (k: FrontRow['kind'], key: string, version: number, body: unknown): FrontRow => ({ stationId: ctx.station.id, kind: k, key, version, body, updatedAt: ctx.now });
  const change = (k: 'front.rating' | 'front.followup', data: unknown): NewChange => ({ kind: k, stationId: ctx.station.id, regionCode: null, at: ctx.now, data, since: FRONT_SINCE });
  const applied = (front: FrontRow, changes: NewChange[], payload: Record<string, unknown>): Outcome => ({
    type: 'applied',
    caseWrite: null,
    persons: [],
    claims: [],
    releaseClaims: [],
    changes,
    caseState: null,
    payload,
    front: [front],
  });
  const invalid = (error: Parameters<typeof errorFromZod>[0]) => {
    const e = errorFromZod(error, 'payload');
    return reject('invalid-payload', `操作内容不正确：${e.message}`, e.field);
  };
  if (kind === 'front.day') {
    const p = FrontDayPayloadSchema.safeParse(op.payload);
    if (!p.success) return invalid(p.error);
    if (p.data.day > ctx.today) return reject('invalid-payload', `统计日期 ${p.data.day} 晚于今天`, 'payload.day');
    return applied(row('day', p.data.day, p.data.version, p.data), [], p.data);
  }
  if (kind === 'front.rating') {
    const p = FrontRatingPayloadSchema.safeParse(op.payload);
    if (!p.success) return invalid(p.error);
    const r = p.data.rating;
    return applied(row('rating', r.id, r.version, r), [change('front.rating', r)], p.data);
  }
  const p = FrontFollowUpPayloadSchema.safeParse(op.payload);
  if (!p.success) return invalid(p.error);
  const f = p.data.followUp;
  return applied(row('followup', f.id, f.version, f), [change('front.followup', f)], p.data);
}
