import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { caseHandlers } from './case-view';

/**
 * Name a proxy helper a handler of a case (帮办代办: the helper carries on a case another clerk took in), or
 * un-name them. Only proxy helpers are named: clerks and supervisors reach every case of the station, and a mobile
 * team reaches what its trip carries. Local to the station (not synced); audited.
 */
export function assignHandler(ctx: CoreContext, actor: SessionUser, input: ChannelInput<'cases.assignHandler'>): ChannelOutput<'cases.assignHandler'> {
  const c = ctx.repos.cases.byId(input.caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  const u = ctx.repos.users.byId(input.userId);
  if (!u) fail('not_found', '账号不存在', { field: 'userId' });
  if (u.role !== 'proxy_helper') fail('invalid_input', '经办人：只能指定帮办代办员', { field: 'userId' });
  if (input.named && u.disabled) fail('invalid_input', '经办人：此账号已停用', { field: 'userId' });
  const at = nowInstant(ctx.clock);
  const was = ctx.repos.caseHandlers.isHandler(c.id, u.id);
  if (was !== input.named) {
    ctx.tx(() => {
      if (input.named) ctx.repos.caseHandlers.add(c.id, u.id, actor.id, at);
      else ctx.repos.caseHandlers.remove(c.id, u.id);
      ctx.repos.audit.append({
        at,
        actorId: actor.id,
        actorName: actor.displayName,
        action: 'case.handler_assign',
        entity: 'case',
        entityId: c.id,
        detail: { caseNo: c.caseNo, handler: u.id, named: input.named },
      });
    });
  }
  return { handlers: caseHandlers(ctx, c.id) };
}
