import type { CoreContext } from '../../context';
import type { Case } from '../../../shared/cases/model';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelOutput } from '../../../shared/api/contract';
import { nowInstant } from '../../../shared/time';

/**
 * A value the case page shows masked (the payout bank account) in full, for the user who asked: each reveal is an
 * audit row naming the case, the field and the person whose data it is.
 */
export function revealField(ctx: CoreContext, user: SessionUser, c: Case, field: 'bankAccount'): ChannelOutput<'cases.revealField'> {
  const v = c.form[field];
  const value = typeof v === 'string' && v !== '' ? v : null;
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: user.id,
      actorName: user.displayName,
      action: 'case.field_reveal',
      entity: 'case',
      entityId: c.id,
      detail: { caseNo: c.caseNo, field, personIds: [c.personId] },
    }),
  );
  return { value };
}
