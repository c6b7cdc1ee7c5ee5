import type { CoreContext } from '../../context';
import type { PendingOp } from '../../../db/repos/outbox';

/**
 * Central does not know the person a case is for (`unknown-person`: someone from a roster file the station
 * loaded itself, or registered at the window before the station was connected). The station fixes that by
 * itself, without a clerk: it sends the person (`person.registered`) and then the refused change again, as new
 * ops after everything pending — so the next push applies both, in that order. Once only: when central has
 * already been sent this person by the station (applied or refused) and still does not know them, the refusal
 * stands and the case asks for the window's action.
 *
 * Call inside the settle transaction, in the order central answered. True when the op was sent again.
 */
export function sendPersonFirst(ctx: CoreContext, op: PendingOp): boolean {
  if (op.caseId === null) return false;
  const c = ctx.repos.cases.byId(op.caseId);
  if (!c) return false;
  const person = ctx.repos.persons.byId(c.personId);
  if (!person) return false;
  const sent = ctx.repos.outbox.personOpState(person.id);
  if (sent !== null && sent !== 'pending') return false;
  if (sent === null) {
    ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'person.registered', caseId: null, payload: { person }, baseVersion: null, createdAt: op.createdAt });
  }
  // The same change again, as it was made (its snapshot, base version and time), under a new op id.
  ctx.repos.outbox.append({ opId: ctx.newId(), kind: op.kind, caseId: op.caseId, payload: JSON.parse(op.payloadJson) as unknown, baseVersion: op.baseVersion, createdAt: op.createdAt });
  return true;
}
