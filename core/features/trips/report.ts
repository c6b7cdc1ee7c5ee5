import type { CoreContext } from '../../context';
import type { Access } from '../../access';
import type { Trip } from '../../../shared/outreach/trips';
import type { TripReport } from '../../../shared/api/channels/trips';
import type { CaseStatus } from '../../../shared/cases/status';
import { isTerminal } from '../../../shared/cases/status';
import { isDemandOpen } from '../../../shared/outreach/visits';
import { localDateOfInstant, nowInstant } from '../../../shared/time';
import { tripView } from './trips';

/**
 * The trip report: everyone seen (visited, or a case taken in for them), the cases taken in by item with their
 * status now (central's decisions included once they came back), the 诉求 heard, and what is still open. One audit
 * row names the trip (the report shows the persons of its cases and visits).
 */
export function tripReport(ctx: CoreContext, a: Access, trip: Trip): TripReport {
  const visits = ctx.repos.visits.ofTrip(trip.id);
  const caseRows = ctx.repos.outreach.casesByIds(ctx.repos.trips.caseIds(trip.id));
  const personIds = [...new Set([...visits.map((v) => v.personId), ...caseRows.map((c) => c.personId)])];
  const persons = ctx.repos.persons.summaries(personIds);
  const nameOf = (id: string) => persons.get(id)?.name ?? '';

  const people = personIds
    .map((id) => ({
      personId: id,
      name: nameOf(id),
      visits: visits.filter((v) => v.personId === id).length,
      cases: caseRows.filter((c) => c.personId === id).length,
    }))
    .sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));

  const byItem = new Map<string, { count: number; byStatus: Partial<Record<CaseStatus, number>> }>();
  for (const c of caseRows) {
    const e = byItem.get(c.itemCode) ?? { count: 0, byStatus: {} };
    e.count++;
    e.byStatus[c.status] = (e.byStatus[c.status] ?? 0) + 1;
    byItem.set(c.itemCode, e);
  }
  const itemName = (code: string) => ctx.catalog.get(code)?.name ?? { 'zh-CN': code, en: code };
  const demands = visits.flatMap((v) =>
    v.demands.map((d) => ({ ...d, visitId: v.id, personName: nameOf(v.personId), visitedOn: localDateOfInstant(v.visitedAt) })),
  );
  const unsyncedCases = caseRows.filter((c) => c.syncState !== 'synced').length;
  const unsyncedVisits = ctx.repos.visits.pendingOps(visits.map((v) => v.id));
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: a.user.id,
      actorName: a.user.displayName,
      action: 'trip.report',
      entity: 'trip',
      entityId: trip.id,
      detail: { name: trip.name, persons: personIds.length, cases: caseRows.length, visits: visits.length },
    }),
  );
  return {
    trip: tripView(ctx, trip),
    people,
    casesByItem: [...byItem.entries()].map(([itemCode, e]) => ({ itemCode, itemName: itemName(itemCode), count: e.count, byStatus: e.byStatus })),
    cases: caseRows.map((c) => ({
      caseId: c.id,
      caseNo: c.caseNo,
      itemName: itemName(c.itemCode),
      personName: nameOf(c.personId),
      status: c.status,
      syncState: c.syncState,
      centralNote: c.centralNote ?? c.syncError,
    })),
    demands,
    open: {
      demands: demands.filter(isDemandOpen).length,
      cases: caseRows.filter((c) => !isTerminal(c.status)).length,
      unsynced: unsyncedCases + unsyncedVisits,
    },
    generatedAt: nowInstant(ctx.clock),
  };
}
