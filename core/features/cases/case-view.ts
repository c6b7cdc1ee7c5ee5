import type { CoreContext } from '../../context';
import type { Case } from '../../../shared/cases/model';
import type { CaseView } from '../../../shared/api/channels/cases';
import type { SessionUser } from '../../../shared/api/channels/auth';
import { caseActions } from '../../../shared/cases/status';
import { materialsFor } from '../../../shared/cases/materials';
import { nowInstant, today } from '../../../shared/time';
import { fail } from '../../../shared/api/errors';
import { requireItem } from '../../reference/catalog';

/** Working days from today to a due date (negative when overdue), and whether the calendar had to guess. */
export function daysLeft(ctx: CoreContext, due: string | null): { days: number | null; estimated: boolean } {
  if (due === null) return { days: null, estimated: false };
  const r = ctx.calendar.workingDaysBetween(today(ctx.clock), due);
  return { days: r.days, estimated: r.estimatedYears.length > 0 };
}

/** The users named as handlers of a case. */
export function caseHandlers(ctx: CoreContext, caseId: string): { userId: string; displayName: string }[] {
  const ids = ctx.repos.caseHandlers.handlersOf(caseId);
  if (ids.length === 0) return [];
  const names = ctx.repos.users.names();
  return ids.map((userId) => ({ userId, displayName: names.get(userId) ?? '' }));
}

/** A case as the case-detail screen shows it. */
export function caseView(ctx: CoreContext, user: SessionUser, c: Case): CaseView {
  const item = requireItem(ctx, c.itemCode);
  const person = ctx.repos.persons.summary(c.personId);
  if (!person) fail('not_found', '参保人不存在', { field: 'personId' });
  const received = new Map(c.materials.map((m) => [m.code, m.received]));
  const materials = materialsFor(item, c.form, c.proxy !== null).map((n) => ({
    code: n.material.code,
    name: n.material.name,
    needed: n.needed,
    deferrable: n.material.deferrable,
    received: received.get(n.material.code) ?? false,
  }));
  const left = daysLeft(ctx, c.slaDue);
  return {
    case: c,
    person,
    clerkName: ctx.repos.users.byId(c.clerkId)?.displayName ?? '',
    handlers: caseHandlers(ctx, c.id),
    itemName: item.name,
    materials,
    events: ctx.repos.events.forCase(c.id),
    workingDaysLeft: left.days,
    calendarEstimated: left.estimated,
    actions: caseActions(c.status, c.syncState, user.role),
    central: ctx.repos.cases.central(c.id) ?? { version: null, note: null, payoutFen: null },
  };
}

/** A case shown to a user (cases.get): the read is audited with the case and its person (one row per request). */
export function readCaseView(ctx: CoreContext, user: SessionUser, c: Case): CaseView {
  const view = caseView(ctx, user, c);
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: user.id,
      actorName: user.displayName,
      action: 'case.read',
      entity: 'case',
      entityId: c.id,
      detail: { caseNo: c.caseNo, personIds: [c.personId] },
    }),
  );
  return view;
}
