import type { CoreContext } from '../../context';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Case } from '../../../shared/cases/model';
import { fail } from '../../../shared/api/errors';
import { canAcknowledgeRefusal, canCorrectRefused } from '../../../shared/cases/status';
import { nowInstant } from '../../../shared/time';
import { loadForChange } from './write';

/**
 * 已知悉: the window took note of a refusal by central that nothing at the station can correct (the case is past the
 * correction screen — central holds it, decided it, or it was withdrawn), for example a withdrawal that arrived after
 * 办结. The case leaves 需处理; the refusal stays in its history, followed by who took note and what they did.
 * Local only: an event and an audit row, never an outbox op (central already answered).
 */
export function acknowledgeRefusal(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.acknowledgeRefusal'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  if (!canAcknowledgeRefusal(c.status, c.syncState)) {
    if (canCorrectRefused(c.status, c.syncState)) fail('illegal_transition', '中心拒收的受理须更正后重新提交（或撤回），不能只标记已知悉', { field: 'caseId' });
    fail('illegal_transition', '此案件没有待处理的中心拒收', { field: 'caseId' });
  }
  const at = nowInstant(ctx.clock);
  const note = input.note?.trim() || null;
  return ctx.tx(() => {
    ctx.repos.cases.setSync(c.id, 'synced', null);
    ctx.repos.events.append({
      id: ctx.newId(),
      caseId: c.id,
      at,
      actorId: user.id,
      actorName: user.displayName,
      actorRole: user.role,
      kind: 'refusal_acknowledged',
      fromStatus: c.status,
      toStatus: c.status,
      reason: note,
      data: { refusal: c.syncError },
    });
    ctx.repos.audit.append({ at, actorId: user.id, actorName: user.displayName, action: 'case.refusal_acknowledged', entity: 'case', entityId: c.id, detail: { caseNo: c.caseNo, personIds: [c.personId] } });
    ctx.caseChanged(c.id, 'station');
    return { ...c, syncState: 'synced', syncError: null };
  });
}
