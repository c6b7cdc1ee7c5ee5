import type { CoreContext } from '../../context';
import type { Access } from '../../access';
import type { ChannelInput } from '../../../shared/api/contract';
import type { FollowupRow } from '../../../shared/api/channels/outreach';
import { awaitsCorrection, isFollowed, nextStepOf } from '../../../shared/cases/next-step';
import { OPEN_STATUSES } from '../../../shared/cases/status';
import { nowInstant, today } from '../../../shared/time';
import { reachOf } from '../../access';

/** Within this many working days (or past) a case's due date stands out on the helper's list. */
export const STANDS_OUT_WORKING_DAYS = 2;

/**
 * 全程督办: the cases a helper follows to the end — their own (taken in, or named a handler of) for a helper, the
 * station's for clerks and supervisors — each with its next step, the date that matters on the working calendar,
 * what central last said, and the principal's and agent's phones (one click away on screen). Cases due within 2
 * working days, or returned for correction, stand out and come first. One audit row lists the cases shown.
 */
export function followups(ctx: CoreContext, a: Access, input: ChannelInput<'outreach.followups'>): FollowupRow[] {
  const reach = reachOf(a);
  const ids = ctx.repos.cases.queue({ statuses: [...OPEN_STATUSES], ...(reach ? { reach } : {}) }, 0, 2000).map((c) => c.id);
  const cases = ctx.repos.outreach.casesByIds(ids).filter((c) => input.includeDone === true || isFollowed(c.status));
  const persons = ctx.repos.outreach.personsById(cases.map((c) => c.personId));
  const names = ctx.repos.users.names();
  const day = today(ctx.clock);
  const rows = cases.map((c): FollowupRow => {
    const next = nextStepOf(c.status);
    const due = next.due === 'promise' ? c.promiseDate : next.due === 'sla' ? c.slaDue : null;
    const workingDaysLeft = due === null ? null : ctx.calendar.workingDaysBetween(day, due).days;
    const p = persons.get(c.personId);
    const helpers = [names.get(c.clerkId) ?? c.clerkId, ...ctx.repos.caseHandlers.handlersOf(c.id).map((u) => names.get(u) ?? u)];
    return {
      caseId: c.id,
      caseNo: c.caseNo,
      itemName: ctx.catalog.get(c.itemCode)?.name ?? { 'zh-CN': c.itemCode, en: c.itemCode },
      status: c.status,
      personId: c.personId,
      personName: p?.name ?? '',
      personPhone: p?.phone ?? null,
      proxyName: c.proxy?.name ?? null,
      proxyPhone: c.proxy?.phone ?? null,
      helpers: [...new Set(helpers)],
      nextStep: next.step,
      due,
      workingDaysLeft,
      standsOut: awaitsCorrection(c.status) || (workingDaysLeft !== null && workingDaysLeft <= STANDS_OUT_WORKING_DAYS),
      central: { note: c.centralNote, syncError: c.syncState === 'rejected' ? c.syncError : null, version: c.centralVersion },
      updatedAt: c.updatedAt,
    };
  });
  rows.sort((x, y) => Number(y.standsOut) - Number(x.standsOut) || Number(awaitsCorrection(y.status)) - Number(awaitsCorrection(x.status)) || (x.due ?? '9999').localeCompare(y.due ?? '9999') || x.caseNo.localeCompare(y.caseNo));
  if (rows.length > 0) {
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({
        at: nowInstant(ctx.clock),
        actorId: a.user.id,
        actorName: a.user.displayName,
        action: 'case.read',
        entity: 'case',
        entityId: null,
        detail: { list: 'followups', cases: rows.map((r) => r.caseId) },
      }),
    );
  }
  return rows;
}
