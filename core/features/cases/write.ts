import type { CoreContext } from '../../context';
import type { Case, CaseEventKind } from '../../../shared/cases/model';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { PersonSummary } from '../../../shared/persons';
import type { AuditEntry } from '../../../db/repos/audit';
import { nowInstant } from '../../../shared/time';
import { fail } from '../../../shared/api/errors';
import { ONE_STEP_ACCEPT_SINCE } from '../../../shared/sync/ops';
import { holdsInvoiceClaims } from '../../../shared/cases/status';
import { invoiceClaims } from '../../../shared/catalog/claims';

export interface CaseChange {
  /** The stored case before the change (null when creating). */
  prev: Case | null;
  /** The case after the change; its version must be prev.version + 1 (or 1 on create). */
  next: Case;
  event: CaseEventKind;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** Extra fields of the op's payload (e.g. the central version an amendment answers). */
  payloadExtra?: Record<string, unknown>;
  /**
   * The event the op is sent as, when not `event`: a case central refused, corrected at the window, is recorded
   * as its correction and sent again as the submission central refused (`accept`, `resubmit`, …).
   */
  opEvent?: CaseEventKind;
}

/** The op kind sent to central for each event. */
function opKind(event: CaseEventKind): string {
  return `case.${event}`;
}

/**
 * The write path of every case change (DESIGN.md): in ONE transaction, the case row (optimistic version
 * check), a case_events row, an audit_log row and an outbox op carrying the new snapshot. Nothing is saved
 * until that commit; nothing in memory changes before it. Listeners hear `cases.changed` once it committed.
 */
export function commitCaseChange(ctx: CoreContext, user: SessionUser, change: CaseChange): Case {
  return commitCaseChanges(ctx, user, [change]);
}

/**
 * Several changes of one case in one transaction (the counter's one-step 受理: created, then accepted): the
 * row is written once, in its final state, and each change still gets its own event, audit row and outbox op,
 * in order. Each change must start from the one before it.
 */
export function commitCaseChanges(ctx: CoreContext, user: SessionUser, changes: readonly CaseChange[]): Case {
  return ctx.tx(() => writeCaseChanges(ctx, user, changes));
}

/** Who a case is for, as its ops name them. */
export type OpPerson = Pick<PersonSummary, 'idNumber' | 'name'>;

/**
 * Where the audit rows of a change go: by default appended at once; a caller that takes many cases in within one
 * transaction (a batch import) may collect them and write them, in the same transaction, as one row per action.
 */
export type AuditSink = (entry: AuditEntry) => void;

/**
 * commitCaseChanges inside the caller's transaction (the counter's intake: its own transaction already holds the
 * draft's case number). `person`: the case's person as the caller just read it in this transaction (else read here).
 */
export function writeCaseChanges(ctx: CoreContext, user: SessionUser, changes: readonly CaseChange[], person?: OpPerson | null, audit?: AuditSink): Case {
  const first = changes[0];
  const last = changes[changes.length - 1];
  if (!first || !last) throw new Error('commitCaseChanges: no change');
  if (!ctx.db.inTransaction) throw new Error('writeCaseChanges: call inside a transaction');
  for (let i = 1; i < changes.length; i++) {
    if (changes[i]!.prev !== changes[i - 1]!.next) throw new Error('commitCaseChanges: each change must start from the one before it');
  }
  {
    if (first.prev === null) {
      ctx.repos.cases.insert(last.next);
      // Taken in on a village trip: the case belongs to the trip its clerk is on (a mobile team's scope, its report).
      ctx.repos.trips.attachNewCase(last.next.id, user.id, last.next.createdAt);
    } else if (!ctx.repos.cases.update(last.next, first.prev.version)) {
      fail('conflict', '案件已被其他操作修改，请刷新后重试', { field: 'version', retryable: true });
    }
    // One-step intake (created, then accepted) is ONE op when central speaks 1.1: the accept with no base
    // version. Each step still has its own event and audit row.
    const oneStep = isOneStepIntake(changes) && ctx.protocolMinor() >= ONE_STEP_ACCEPT_SINCE;
    // What every op of these changes carries besides the case: its person, its attachments (a case made in this
    // very transaction has none yet).
    const carried: Carried = {
      person: person === undefined ? ctx.repos.persons.summary(last.next.personId) : person,
      attachments: first.prev === null ? [] : ctx.repos.attachments.forCase(last.next.id).map((a) => ({ sha256: a.sha256, size: a.size, mime: a.mime, materialCode: a.materialCode, fileName: a.fileName })),
    };
    changes.forEach((change, i) => {
      record(ctx, user, change, audit ?? ((e) => ctx.repos.audit.append(e)));
      if (!oneStep) enqueue(ctx, change, change.prev?.version ?? null, carried);
      else if (i === changes.length - 1) enqueue(ctx, change, null, carried);
    });
    keepInvoiceClaims(ctx, first.prev, last.next);
    ctx.caseChanged(last.next.id, 'station');
    return last.next;
  }
}

interface Carried {
  person: OpPerson | null;
  attachments: { sha256: string; size: number; mime: string; materialCode: string | null; fileName: string }[];
}

/**
 * The station's index of claimed invoices follows the case: taken in (受理), it holds the invoices its form lists
 * (again when a correction changes the form); withdrawn, it lets them go. The caller has refused invoices held
 * by another case before this (a clear refusal naming the row), so the index never meets a second holder here.
 */
function keepInvoiceClaims(ctx: CoreContext, prev: Case | null, next: Case): void {
  const held = prev !== null && holdsInvoiceClaims(prev.status);
  if (holdsInvoiceClaims(next.status)) {
    const keys = invoiceClaims(next.form).map((c) => c.key);
    // A case made in this transaction holds nothing yet: with no invoices there is nothing to write.
    if (prev === null && keys.length === 0) return;
    if (!held || prev.form !== next.form) ctx.repos.invoiceClaims.hold(next.id, next.caseNo, keys, next.updatedAt);
  } else if (held) {
    ctx.repos.invoiceClaims.release(next.id);
  }
}

function isOneStepIntake(changes: readonly CaseChange[]): boolean {
  const [created, accepted] = changes;
  return changes.length === 2 && created!.prev === null && created!.event === 'created' && (accepted!.event === 'accept' || accepted!.event === 'accept_rongque');
}

/** The event and the audit row of one change (its case row is already written). */
function record(ctx: CoreContext, user: SessionUser, change: CaseChange, audit: AuditSink): void {
  const { prev, next } = change;
  const at = next.updatedAt;
  ctx.repos.events.append({
    id: ctx.newId(),
    caseId: next.id,
    at,
    actorId: user.id,
    actorName: user.displayName,
    actorRole: user.role,
    kind: change.event,
    fromStatus: prev?.status ?? null,
    toStatus: next.status,
    reason: change.reason ?? null,
    data: change.data ?? {},
  });
  audit({
    at,
    actorId: user.id,
    actorName: user.displayName,
    action: `case.${change.event}`,
    entity: 'case',
    entityId: next.id,
    detail: { caseNo: next.caseNo, from: prev?.status ?? null, to: next.status, version: next.version, ...(change.reason ? { reason: change.reason } : {}) },
  });
}

/** The outbox op of a change, made on the station's case version `baseVersion` (null: a new case). */
function enqueue(ctx: CoreContext, change: CaseChange, baseVersion: number | null, { person, attachments }: Carried): void {
  const { next } = change;
  const at = next.updatedAt;
  // The op carries everything central needs to apply it on its own (also when it travels on a USB bundle):
  // the case snapshot, who it is for (by ID number), and the attachments it holds so far (by sha256).
  const event = change.opEvent ?? change.event;
  ctx.repos.outbox.append({
    opId: ctx.newId(),
    kind: opKind(event),
    caseId: next.id,
    payload: {
      case: next,
      event,
      reason: change.reason ?? null,
      ...(person ? { person: { idNumber: person.idNumber, name: person.name } } : {}),
      attachments,
      ...change.payloadExtra,
    },
    baseVersion,
    createdAt: at,
  });
}

/** Load a case for a change, checking it exists and that the caller saw its latest version. */
export function loadForChange(ctx: CoreContext, caseId: string, version: number): Case {
  const c = ctx.repos.cases.byId(caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  if (c.version !== version) {
    fail('conflict', `案件已被修改（当前版本 ${c.version}，提交版本 ${version}），请刷新后重试`, { field: 'version', retryable: true });
  }
  return c;
}

export function stamp(ctx: CoreContext, c: Case, patch: Partial<Case>): Case {
  return { ...c, ...patch, version: c.version + 1, updatedAt: nowInstant(ctx.clock), syncState: 'pending', syncError: null };
}
