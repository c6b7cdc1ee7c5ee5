import { isOpKind, LOCAL_ONLY_EVENTS, OP_KIND_SINCE, type PushOp } from '../../shared/sync/ops';
import type { OpResult } from '../../shared/sync/push';
import type { OpCommit, OpRecord } from '../store/types';
import type { ApplyContext } from './context';
import { decideCaseOp } from './case-ops';
import { decidePersonRegistered } from './person-ops';
import { decideFrontOp } from './front-ops';
import { decideVisitOp } from './visit-ops';
import { isVisitOpKind } from '../../shared/sync/visits';
import { isFrontOpKind } from '../../shared/sync/front';
import { opResultChange } from './changes';
import { reject, type Outcome } from './outcome';

/** One op decided: the answer for the station, and (unless nothing changes) what to commit. */
export type Decision =
  | { kind: 'answer'; result: OpResult }
  | { kind: 'commit'; result: OpResult; commit: OpCommit }
  | { kind: 'blocked'; result: OpResult };

function outcomeOf(ctx: ApplyContext, op: PushOp): Outcome {
  if (isFrontOpKind(op.kind)) return decideFrontOp(ctx, op, op.kind);
  if (isVisitOpKind(op.kind)) return decideVisitOp(ctx, op, op.kind);
  if (!isOpKind(op.kind) || OP_KIND_SINCE[op.kind] > ctx.minor) {
    const local = (LOCAL_ONLY_EVENTS as readonly string[]).some((e) => op.kind === `case.${e}`);
    return reject('unsupported-op-kind', local ? `操作类型 ${op.kind} 只在工作站本地使用，不应上传` : `中心系统不支持操作类型 ${op.kind}`, 'kind');
  }
  if (op.kind === 'person.registered') return decidePersonRegistered(ctx, op);
  return decideCaseOp(ctx, op, op.kind);
}

/**
 * Decide one op of a push against the context (which then reflects it). The caller guarantees the seqs of
 * new ops are contiguous from lastSeq + 1.
 */
export function decideOp(ctx: ApplyContext, op: PushOp): Decision {
  const head = { seq: op.seq, opId: op.opId };
  if (op.seq <= ctx.lastSeq) {
    const seen = ctx.opAtSeq(op.seq);
    if (seen && seen.opId !== op.opId) {
      return {
        kind: 'answer',
        result: {
          ...head,
          status: 'rejected',
          code: 'seq-reused',
          message: `序号 ${op.seq} 已被本站点的另一条操作使用（工作站重装后序号未接续？），此操作未被处理，请联系运维`,
        },
      };
    }
    return { kind: 'answer', result: { ...head, status: 'duplicate', original: seen?.result ?? null, code: seen?.code ?? null, message: seen?.message ?? null } };
  }

  const byId = ctx.opById(op.opId);
  if (byId) {
    // The same op again under a new seq: nothing to apply, but the seq is used up.
    ctx.advance(op.seq);
    return {
      kind: 'commit',
      result: { ...head, status: 'duplicate', original: byId.result, code: byId.code, message: byId.message },
      commit: { stationId: ctx.station.id, seq: op.seq, op: null, caseWrite: null, persons: [], claims: [], releaseClaims: [], changes: [] },
    };
  }

  const outcome = outcomeOf(ctx, op);
  if (outcome.type === 'blocked') {
    return {
      kind: 'blocked',
      result: {
        ...head,
        status: 'blocked',
        code: 'attachment-missing',
        message: `中心尚未收到此案件的 ${outcome.missing.length} 个附件，请先上传附件再重试`,
        retryable: true,
        missing: outcome.missing,
      },
    };
  }

  const applied = outcome.type === 'applied';
  const record: OpRecord = {
    stationId: ctx.station.id,
    seq: op.seq,
    opId: op.opId,
    kind: op.kind,
    caseId: op.caseId,
    baseVersion: op.baseVersion,
    result: applied ? 'applied' : 'rejected',
    code: applied ? null : outcome.code,
    message: applied ? null : outcome.message,
    payload: (outcome.type === 'applied' ? outcome.payload : undefined) ?? op.payload,
    createdAt: op.createdAt,
    receivedAt: ctx.now,
  };
  const resultChange = opResultChange(
    ctx.station.id,
    { seq: op.seq, opId: op.opId, kind: op.kind, caseId: op.caseId, result: record.result, code: record.code, message: record.message },
    ctx.now,
  );
  ctx.recordOp({ seq: op.seq, opId: op.opId, result: record.result, code: record.code, message: record.message });

  if (outcome.type === 'rejected') {
    return {
      kind: 'commit',
      result: { ...head, status: 'rejected', code: outcome.code, message: outcome.message, ...(outcome.field ? { field: outcome.field } : {}) },
      commit: { stationId: ctx.station.id, seq: op.seq, op: record, caseWrite: null, persons: [], claims: [], releaseClaims: [], changes: [resultChange] },
    };
  }
  if (outcome.caseWrite) ctx.putCase(outcome.caseWrite.row);
  for (const p of outcome.persons) ctx.putPerson(p);
  ctx.putClaims(outcome.claims, outcome.releaseClaims);
  return {
    kind: 'commit',
    result: { ...head, status: 'applied', case: outcome.caseState },
    commit: {
      stationId: ctx.station.id,
      seq: op.seq,
      op: record,
      caseWrite: outcome.caseWrite,
      persons: outcome.persons,
      claims: outcome.claims,
      releaseClaims: outcome.releaseClaims,
      ...(outcome.front ? { front: outcome.front } : {}),
      // The op's own `op.result` row is for a station that got no answer (a bundle), or the op's only row in
      // the change log; an op that changes a case's central status is already there as `case.status`, and the
      // pushing station has its answer.
      changes: ctx.viaBundle || outcome.changes.length === 0 ? [resultChange, ...outcome.changes] : outcome.changes,
    },
  };
}
