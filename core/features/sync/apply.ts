import type { CoreContext } from '../../context';
import type { Case } from '../../../shared/cases/model';
import { centralStatusChange, holdsInvoiceClaims } from '../../../shared/cases/status';
import type { CentralCaseState, CentralCaseStateBrief } from '../../../shared/sync';
import { localDateOfInstant, nowInstant } from '../../../shared/time';
import { insuranceAfterCompletion } from '../../../shared/cases/insurance';
import { station } from '../../reference/station';
import { WITHDRAW_UNTIL_DECIDED_SINCE } from '../../../shared/sync/ops';
import { caseNeedsRescan } from '../cases/damage';
import type { CentralCaseStateKept } from '../../../db/repos/cases';

/**
 * Apply what central says about a case. Central owns a submitted case's status, so its word is taken as it
 * is (no local status-machine check), but every change is still an event and an audit row — and never an
 * outbox op: it came from central. Stale or repeated news (a central version not newer than the one held) is
 * ignored, so applying a change twice or out of order is harmless. Call inside a transaction.
 */

interface CentralCaseStateIn {
  caseId: string;
  centralVersion: number;
  status: CentralCaseState['status'] | CentralCaseStateBrief['status'];
  materialsPending?: boolean;
  note?: string | null;
  reason?: string | null;
  payoutFen?: number | null;
  decidedBy?: string | null;
  /**
   * The status only, as an op's answer carries it (no note, payout or decider): the change feed's full state of the
   * same version, pulled after it, still fills those in.
   */
  brief?: boolean;
}


export function applyCentralCaseState(ctx: CoreContext, news: CentralCaseStateIn): boolean {
  const c = ctx.repos.cases.statusRow(news.caseId);
  if (!c) return false;
  const facts = c.central;
  if (facts.version !== null && news.centralVersion < facts.version) return false;
  if (facts.version !== null && news.centralVersion === facts.version) return news.brief ? false : fillDetails(ctx, c.id, facts, news);
  const change = centralStatusChange(news.status, c.status, news.materialsPending === true, ctx.protocolMinor() >= WITHDRAW_UNTIL_DECIDED_SINCE);
  if (!change) {
    ctx.repos.cases.setCentral(c.id, { ...facts, version: news.centralVersion });
    return false;
  }
  const { to, event } = change;
  const note = news.note ?? news.reason ?? null;
  const payoutFen = news.status === 'completed' ? (news.payoutFen ?? null) : facts.payoutFen;
  const central = { version: news.centralVersion, note: note ?? facts.note, payoutFen };
  const pending = ctx.repos.outbox.pendingForCase(c.id);
  // A refusal stays until the window answers it — corrects the case (its new ops) or takes note of it (已知悉):
  // central's later word on the case does not, or the refusal would vanish unseen.
  // An attachment that went up damaged keeps the case pending, saying so, until it is scanned again (push.ts).
  const held = c.syncState === 'rejected' || (pending === 0 && caseNeedsRescan(ctx, c.id) !== null);
  const syncState = held ? c.syncState : pending === 0 ? 'synced' : c.syncState;
  if (to === c.status) {
    ctx.repos.cases.setCentral(c.id, central);
    if (c.syncState !== syncState) ctx.repos.cases.setSync(c.id, syncState, null);
    return false;
  }
  const at = nowInstant(ctx.clock);
  const applied = ctx.repos.cases.applyCentralStatus(c.id, { status: to, version: c.version + 1, updatedAt: at, syncState, central });
  if (!applied) return false;
  // A case central rejected (不予受理 / 不予办理) lets its invoices go: they may be claimed again.
  if (!holdsInvoiceClaims(to) && holdsInvoiceClaims(c.status)) ctx.repos.invoiceClaims.release(c.id);
  // An enrollment (or a change, a suspension, a transfer) central completed: the person's insurance record follows.
  if (to === 'completed') updateInsurance(ctx, c.id, at);
  ctx.caseChanged(c.id, 'central');
  const actorName = news.decidedBy ?? '中心系统';
  ctx.repos.events.append({
    id: ctx.newId(),
    caseId: c.id,
    at,
    actorId: null,
    actorName,
    actorRole: event === 'mark_submitted' ? 'system' : 'central',
    kind: event,
    fromStatus: c.status,
    toStatus: to,
    reason: note,
    data: { centralVersion: news.centralVersion, ...(payoutFen !== null && to === 'completed' ? { payoutFen } : {}) },
  });
  ctx.repos.audit.append({
    at,
    actorId: null,
    actorName,
    action: `case.central_${news.status}`,
    entity: 'case',
    entityId: c.id,
    detail: { caseNo: c.caseNo, from: c.status, to, centralVersion: news.centralVersion },
  });
  return true;
}

/**
 * The full state of a version the station already holds: its status was applied then (perhaps from an op's answer,
 * which says the status only), so only what that brief lacked is taken — central's note (or reason) and, for a
 * completed case, the payout. True when something was filled in.
 */
function fillDetails(ctx: CoreContext, caseId: string, facts: CentralCaseStateKept, news: CentralCaseStateIn): boolean {
  const note = news.note ?? news.reason ?? facts.note;
  const payoutFen = news.status === 'completed' ? (news.payoutFen ?? facts.payoutFen) : facts.payoutFen;
  if (note === facts.note && payoutFen === facts.payoutFen) return false;
  ctx.repos.cases.setCentral(caseId, { version: facts.version, note, payoutFen });
  ctx.caseChanged(caseId, 'central');
  return true;
}

/**
 * The person's insurance record after central completed an enrollment-family case (shared/cases/insurance.ts): the
 * person card then says 参保中 with the type, tier and cover start. Audited; never an outbox op (central decided it).
 */
function updateInsurance(ctx: CoreContext, caseId: string, at: string): void {
  const c = ctx.repos.cases.byId(caseId);
  if (!c || c.family !== 'enrollment') return;
  const person = ctx.repos.persons.byId(c.personId);
  if (!person) return;
  const kept = ctx.repos.estimates.forCase(c.id).filter((e) => e.kind === 'contribution').at(-1);
  const coverFrom = (kept?.result as { benefitsFrom?: unknown } | undefined)?.benefitsFrom;
  const next = insuranceAfterCompletion(c.itemCode, c.form, person.insurance, {
    decidedOn: localDateOfInstant(at),
    stationRegion: station(ctx)?.regionCode ?? person.regionCode ?? '000000',
    coverFrom: typeof coverFrom === 'string' ? coverFrom : null,
  });
  if (next === null || JSON.stringify(next) === JSON.stringify(person.insurance)) return;
  ctx.repos.persons.setInsurance(person.id, next, at);
  ctx.repos.audit.append({ at, actorId: null, actorName: '中心系统', action: 'person.insurance_update', entity: 'person', entityId: person.id, detail: { caseNo: c.caseNo, insurance: next } });
}

/** Mark a case's sync state (and the reason when central refused one of its ops). */
export function updateSync(ctx: CoreContext, c: Case, state: Case['syncState'], error: string | null): void {
  ctx.repos.cases.setSync(c.id, state, error);
}

/** Central refused an op of this case: keep the reason on the case, visible at the window. */
export function recordRejection(ctx: CoreContext, caseId: string, code: string, message: string, opKind: string): void {
  const c = ctx.repos.cases.byId(caseId);
  if (!c) return;
  const at = nowInstant(ctx.clock);
  updateSync(ctx, c, 'rejected', message);
  ctx.caseChanged(c.id, 'central');
  ctx.repos.events.append({
    id: ctx.newId(),
    caseId: c.id,
    at,
    actorId: null,
    actorName: '中心系统',
    actorRole: 'central',
    kind: 'sync_rejected',
    fromStatus: c.status,
    toStatus: c.status,
    reason: message,
    data: { code, opKind },
  });
  ctx.repos.audit.append({ at, actorId: null, actorName: '中心系统', action: 'case.sync_rejected', entity: 'case', entityId: c.id, detail: { code, opKind } });
}
