import type { CoreContext } from '../../context';
import type { QueueFilter, QueuePage } from '../../../shared/cases/queue';
import type { QueueRow } from '../../../shared/api/channels/queue';
import type { QueueQuery } from '../../../db/repos/cases';
import { OPEN_STATUSES, CASE_STATUSES, awaitingDecisionStatuses, type CaseStatus } from '../../../shared/cases/status';
import type { CatalogItem } from '../../../shared/catalog/types';
import { nowInstant, today } from '../../../shared/time';
import { daysLeft } from '../cases/case-view';
import { reachOf, type Access } from '../../access';

/** The items handled on the spot (即时办结) in the catalog in force (a new catalog is a new map). */
const onTheSpotOf = new WeakMap<ReadonlyMap<string, CatalogItem>, string[]>();
function onTheSpotItems(ctx: CoreContext): string[] {
  let codes = onTheSpotOf.get(ctx.catalog);
  if (!codes) onTheSpotOf.set(ctx.catalog, (codes = [...ctx.catalog.values()].filter((i) => i.mode === 'on_the_spot').map((i) => i.code)));
  return codes;
}

/** An item handled on the spot, taken in, not decided: it waits for central (待联网办结), it is not overdue here. */
function awaitsCentral(ctx: CoreContext, c: { itemCode: string; status: CaseStatus }): boolean {
  return ctx.catalog.get(c.itemCode)?.mode === 'on_the_spot' && awaitingDecisionStatuses().includes(c.status);
}

/** How many persons a queue search may match before it asks for a more precise search. */
const SEARCH_PERSON_LIMIT = 500;

function toQuery(ctx: CoreContext, filter: QueueFilter, a: Access | null): QueueQuery {
  const q: QueueQuery = {};
  const reach = a ? reachOf(a) : null;
  if (reach) q.reach = reach;
  if (filter.statuses && filter.statuses.length > 0) q.statuses = [...new Set(filter.statuses)];
  if (filter.family) q.family = filter.family;
  if (filter.itemCode) q.itemCode = filter.itemCode;
  if (filter.clerkId) q.clerkId = filter.clerkId;
  if (filter.proxyOnly) q.proxyOnly = true;
  if (filter.overdue) {
    q.overdueBefore = today(ctx.clock);
    q.openStatuses = OPEN_STATUSES;
  }
  if (filter.overdue) q.itemCodesNotIn = onTheSpotItems(ctx);
  if (filter.awaitingCentral) {
    const waiting = awaitingDecisionStatuses();
    const statuses = (q.statuses ?? CASE_STATUSES).filter((s) => waiting.includes(s));
    // None of the statuses asked for waits for central: nothing matches (an empty item list).
    q.itemCodesIn = statuses.length > 0 ? onTheSpotItems(ctx) : [];
    if (statuses.length > 0) q.statuses = statuses;
  }
  // Refused by central, whatever the status: a refusal on a finished case waits for the window's 已知悉.
  if (filter.needsAction) q.needsAction = true;
  const text = filter.q?.trim() ?? '';
  if (text !== '') {
    q.search = {
      caseNoPrefix: text.toUpperCase(),
      personIds: ctx.repos.persons.searchIds(text, SEARCH_PERSON_LIMIT),
    };
  }
  return q;
}

/**
 * One page of the work queue, sorted by due date (drafts last), with the total for the pager: the station's cases,
 * or the cases within the user's reach. The persons shown are audited, one row per page (`a` null: benches only).
 */
export function listQueue(ctx: CoreContext, filter: QueueFilter, page: QueuePage, a: Access | null = null): { rows: QueueRow[]; total: number } {
  const query = toQuery(ctx, filter, a);
  const cases = ctx.repos.cases.queue(query, page.offset, page.limit);
  const total = ctx.repos.cases.queueCount(query);
  const persons = ctx.repos.persons.summaries([...new Set(cases.map((c) => c.personId))]);
  const clerks = ctx.repos.users.names();
  const rows = cases.map((c): QueueRow => {
    const person = persons.get(c.personId);
    const left = daysLeft(ctx, c.slaDue);
    const item = ctx.catalog.get(c.itemCode);
    return {
      id: c.id,
      caseNo: c.caseNo,
      family: c.family,
      itemCode: c.itemCode,
      itemName: item?.name ?? { 'zh-CN': c.itemCode, en: c.itemCode },
      status: c.status,
      personName: person?.name ?? '',
      personIdNumber: person?.idNumber ?? '',
      proxyName: c.proxy?.name ?? null,
      clerkId: c.clerkId,
      clerkName: clerks.get(c.clerkId) ?? '',
      slaDue: c.slaDue,
      promiseDate: c.promiseDate,
      workingDaysLeft: left.days,
      overdue: c.slaDue !== null && OPEN_STATUSES.includes(c.status) && c.slaDue < today(ctx.clock) && !awaitsCentral(ctx, c),
      awaitingCentral: awaitsCentral(ctx, c),
      syncState: c.syncState,
      syncError: c.syncError,
      createdAt: c.createdAt,
    };
  });
  if (a && rows.length > 0) {
    const personIds = [...new Set(cases.map((c) => c.personId))];
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({
        at: nowInstant(ctx.clock),
        actorId: a.user.id,
        actorName: a.user.displayName,
        action: 'queue.read',
        entity: 'case',
        entityId: null,
        detail: { offset: page.offset, shown: rows.length, total, personIds },
      }),
    );
  }
  return { rows, total };
}

/** Counts by status and overdue: of the station, or of the cases within the user's reach. */
export function queueCounts(ctx: CoreContext, a: Access | null = null): { byStatus: Record<CaseStatus, number>; overdue: number; pendingSync: number; pendingCases: number; needsAction: number; awaitingCentral: number } {
  const reach = a ? reachOf(a) : null;
  const counts = reach ? ctx.repos.cases.countByStatusIn(reach) : ctx.repos.cases.countByStatus();
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, counts.get(s) ?? 0])) as Record<CaseStatus, number>;
  const within = reach ? { reach } : {};
  // Items handled on the spot are not overdue at the station: they wait for central, counted apart.
  const overdue = ctx.repos.cases.queueCount({ overdueBefore: today(ctx.clock), openStatuses: OPEN_STATUSES, itemCodesNotIn: onTheSpotItems(ctx), ...within });
  const awaitingCentral = ctx.repos.cases.queueCount({ itemCodesIn: onTheSpotItems(ctx), statuses: awaitingDecisionStatuses(), ...within });
  const needsAction = ctx.repos.cases.queueCount({ needsAction: true, ...within });
  return { byStatus, overdue, pendingSync: ctx.repos.outbox.pendingCount(), pendingCases: ctx.repos.cases.pendingSyncCount(), needsAction, awaitingCentral };
}
