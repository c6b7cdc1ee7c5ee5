import { errorFromZod } from '../../shared/api/errors';
import type { PushOp } from '../../shared/sync/ops';
import { VISITS_SINCE, VisitRecordedPayloadSchema, type VisitOpKind } from '../../shared/sync/visits';
import type { ApplyContext } from './context';
import { reject, type Outcome } from './outcome';

/**
 * `visit.recorded` (issue 16, protocol 1.4): a mobile team's visit record (三送一听) — what was brought, the 诉求 and
 * their follow-up. Central keeps each record of a station at its highest version, with the front office's records
 * (kind `visit`: the same table and the same commit on both backends), for the back office's view of the villages.
 */
export function decideVisitOp(ctx: ApplyContext, op: PushOp, kind: VisitOpKind): Outcome {
  if (VISITS_SINCE > ctx.minor) return reject('unsupported-op-kind', `操作类型 ${kind} 需要协议 1.${VISITS_SINCE}，本站使用的协议版本较旧`, 'kind');
  if (op.caseId !== null || op.baseVersion !== null) return reject('invalid-payload', '走访记录不属于某个案件：caseId 和 baseVersion 应为 null', op.caseId !== null ? 'caseId' : 'baseVersion');
  const p = VisitRecordedPayloadSchema.safeParse(op.payload);
  if (!p.success) {
    const e = errorFromZod(p.error, 'payload');
    return reject('invalid-payload', `操作内容不正确：${e.message}`, e.field);
  }
  const v = p.data.visit;
  if (v.stationCode !== ctx.station.code) return reject('station-mismatch', `走访记录属于站点 ${v.stationCode}，不是本站（${ctx.station.code}）`, 'payload.visit.stationCode');
  return {
    type: 'applied',
    caseWrite: null,
    persons: [],
    claims: [],
    releaseClaims: [],
    changes: [],
    caseState: null,
    payload: p.data,
    front: [{ stationId: ctx.station.id, kind: 'visit', key: v.id, version: v.version, body: p.data, updatedAt: ctx.now }],
  };
}
