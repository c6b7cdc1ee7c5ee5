import { checkTransition } from '../../shared/cases/status';
import { formatYuan } from '../../shared/money';
import { nowInstant } from '../../shared/time';
import type { CentralCase, CaseSummary, PayoutPending } from '../../shared/sync/admin';
import type { CentralCaseStatus } from '../../shared/sync/changes';
import type { CaseRow, CaseListFilter } from '../store/types';
import type { PayoutRequestRow } from '../store/back-office';
import { caseStatusChange } from '../apply/changes';
import type { CentralContext } from './context';
import { fail } from './errors';
import { caseSummary, centralCase, STATUS_LABELS } from './views';
import { auditEntry, authorize, record, type Actor } from './back-office';

/**
 * A back-office decision (后台分类审批). A `reviewer` in it, from a caller of the old API, is not who decided: the
 * decision is recorded under the signed-in account, always.
 */
export type ReviewAction =
  | { action: 'approve'; note?: string | null; reviewer?: string }
  | { action: 'return'; note: string; reviewer?: string }
  | { action: 'reject'; reason: string; reviewer?: string }
  | { action: 'complete'; payoutFen: number | null; note?: string | null; reviewer?: string };

/** What a decision came to: made (the station hears of it), or a payout waiting for a second payer. */
export type ReviewOutcome = { kind: 'decided'; case: CentralCase } | { kind: 'pending'; pending: PayoutPending };

const VERBS: Record<ReviewAction['action'], string> = { approve: '批准', return: '退回补正', reject: '不予办理', complete: '办结' };

export async function listCases(ctx: CentralContext, actor: Actor, filter: CaseListFilter): Promise<CaseSummary[]> {
  authorize(actor, 'cases.read');
  return (await ctx.store.listCases(filter)).map(caseSummary);
}

/** One case with its snapshot (personal data): who looked is recorded. */
export async function getCase(ctx: CentralContext, actor: Actor, caseId: string): Promise<CentralCase> {
  authorize(actor, 'cases.read');
  const row = await ctx.store.caseById(caseId);
  if (!row) fail('not-found', `案件 ${caseId} 不存在`);
  await record(ctx, actor, 'case.view', 'case', caseId, { caseNo: row.caseNo });
  return centralCase(row);
}

/** The transition a decision makes, refused when the case is not where it can be made. */
function checked(row: CaseRow, a: ReviewAction): CentralCaseStatus {
  const reason = a.action === 'return' ? a.note : a.action === 'reject' ? a.reason : undefined;
  const check = checkTransition(a.action, row.status, 'central', reason);
  if (!check.ok) {
    const why = check.code === 'reason_required' ? `须填写${a.action === 'return' ? '退回意见' : '理由'}` : `案件当前状态为“${STATUS_LABELS[row.status]}”，不能${VERBS[a.action]}`;
    fail(check.code === 'reason_required' ? 'invalid-request' : 'illegal-transition', why);
  }
  if ((a.action === 'approve' || a.action === 'complete') && row.materialsPending) {
    fail('illegal-transition', `容缺受理的材料尚未补齐，不能${VERBS[a.action]}`);
  }
  if (a.action === 'complete' && row.family === 'reimbursement' && a.payoutFen === null) {
    fail('invalid-request', '报销类案件办结须填写支付金额（分）', { field: 'payoutFen' });
  }
  return check.to as CentralCaseStatus;
}

/**
 * Write a decision through the case status machine (actor `central`) and tell the station by a `case.status`
 * change, with the decision's audit row, in one transaction guarded by the versions read. Rejecting a case releases
 * its claims (invoices, enrollment), so the person can apply again.
 */
async function commitDecision(ctx: CentralContext, row: CaseRow, a: ReviewAction, to: CentralCaseStatus, decidedBy: string, audit: ReturnType<typeof auditEntry>): Promise<CentralCase> {
  const at = nowInstant(ctx.clock);
  const next: CaseRow = { ...row, status: to, centralVersion: row.centralVersion + 1, decidedAt: at, decidedBy, updatedAt: at };
  if (a.action === 'approve') next.note = a.note ?? null;
  if (a.action === 'return') next.note = a.note;
  if (a.action === 'reject') next.reason = a.reason;
  if (a.action === 'complete') {
    next.payoutFen = a.payoutFen;
    next.note = a.note ?? next.note;
  }
  const ok = await ctx.store.commitCase({
    caseWrite: { row: next, expectCentralVersion: row.centralVersion, expectStationVersion: row.stationVersion },
    releaseClaimsOfCase: a.action === 'reject',
    changes: [caseStatusChange(next, null, at)],
    // Any decision voids a payout request the case had (it was made on the state before this one).
    backOffice: { audit, clearPayoutRequest: true },
  });
  if (!ok) fail('conflict', '案件刚刚被修改（工作站补充了材料或其他审核人已处理），请刷新后重试');
  return centralCase(next);
}

/**
 * A decision by a signed-in account. Approve, return and reject need the reviewer role; complete (办结, with a
 * payout) the payer role. A payout above `payoutConfirmAboveFen` is not made: it waits, recorded, for another
 * payer's confirmation (confirmPayout) — until then the station hears nothing.
 */
export async function review(ctx: CentralContext, actor: Actor, caseId: string, a: ReviewAction): Promise<ReviewOutcome> {
  authorize(actor, a.action === 'complete' ? 'cases.pay' : 'cases.review');
  const row = await ctx.store.caseById(caseId);
  if (!row) fail('not-found', `案件 ${caseId} 不存在`);
  const to = checked(row, a);
  const detail: Record<string, unknown> = { caseNo: row.caseNo, from: row.status, to, centralVersion: row.centralVersion + 1 };
  if (a.reviewer !== undefined) detail.ignoredReviewerName = true;
  if (a.action === 'complete') {
    detail.payoutFen = a.payoutFen;
    const threshold = ctx.config.backOffice.payoutConfirmAboveFen;
    if (a.payoutFen !== null && a.payoutFen > threshold) {
      const at = nowInstant(ctx.clock);
      const req: PayoutRequestRow = {
        caseId,
        centralVersion: row.centralVersion,
        payoutFen: a.payoutFen,
        note: a.note ?? null,
        requestedBy: actor.accountId ?? actor.username,
        requestedByName: actor.displayName,
        requestedAt: at,
      };
      await ctx.store.backOffice.savePayoutRequest(req, auditEntry(ctx, actor, 'payout.request', 'case', caseId, { caseNo: row.caseNo, payoutFen: a.payoutFen, thresholdFen: threshold }));
      return {
        kind: 'pending',
        pending: {
          status: 'awaiting-confirmation',
          caseId,
          payoutFen: a.payoutFen,
          thresholdFen: threshold,
          requestedBy: actor.displayName,
          requestedAt: at,
          message: `支付金额 ${formatYuan(a.payoutFen)} 元超过 ${formatYuan(threshold)} 元，须由另一名支付人员复核确认后才办结`,
        },
      };
    }
  }
  const c = await commitDecision(ctx, row, a, to, actor.displayName, auditEntry(ctx, actor, `case.${a.action}`, 'case', caseId, detail));
  return { kind: 'decided', case: c };
}

/**
 * Four-eyes: a second payer confirms a pending payout by restating its amount. The one who asked for it cannot
 * confirm it; a case that changed since the request voids it. Confirmed, the case is completed and the station
 * hears of it, decided by both.
 */
export async function confirmPayout(ctx: CentralContext, actor: Actor, caseId: string, payoutFen: number): Promise<CentralCase> {
  authorize(actor, 'cases.pay');
  const pending = await ctx.store.backOffice.payoutRequest(caseId);
  if (!pending) fail('not-found', '此案件没有待复核的支付');
  if (pending.requestedBy === (actor.accountId ?? actor.username)) {
    await record(ctx, actor, 'payout.self_confirm_refused', 'case', caseId, { payoutFen });
    fail('forbidden', '大额支付须由另一名支付人员复核确认：不能确认自己提出的支付');
  }
  if (payoutFen !== pending.payoutFen) fail('invalid-request', `确认金额与申请金额（${formatYuan(pending.payoutFen)} 元）不符`, { field: 'payoutFen' });
  const row = await ctx.store.caseById(caseId);
  if (!row) fail('not-found', `案件 ${caseId} 不存在`);
  if (row.centralVersion !== pending.centralVersion) fail('conflict', '案件在提出支付后已有变化，此支付申请作废，请重新办结');
  const a: ReviewAction = { action: 'complete', payoutFen: pending.payoutFen, note: pending.note };
  const to = checked(row, a);
  const audit = auditEntry(ctx, actor, 'payout.confirm', 'case', caseId, {
    caseNo: row.caseNo,
    payoutFen,
    requestedBy: pending.requestedBy,
    centralVersion: row.centralVersion + 1,
  });
  return commitDecision(ctx, row, a, to, `${pending.requestedByName}（复核：${actor.displayName}）`, audit);
}
