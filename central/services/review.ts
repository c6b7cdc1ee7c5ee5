import { checkTransition } from '../../shared/cases/status';
import { nowInstant } from '../../shared/time';
import type { CentralCase, CaseSummary } from '../../shared/sync/admin';
import type { CentralCaseStatus } from '../../shared/sync/changes';
import type { CaseRow, CaseListFilter } from '../store/types';
import { caseStatusChange } from '../apply/changes';
import type { CentralContext } from './context';
import { fail } from './errors';
import { caseSummary, centralCase, STATUS_LABELS } from './views';

/** A back-office decision (后台分类审批). */
export type ReviewAction =
  | { action: 'approve'; note?: string | null; reviewer?: string }
  | { action: 'return'; note: string; reviewer?: string }
  | { action: 'reject'; reason: string; reviewer?: string }
  | { action: 'complete'; payoutFen: number | null; note?: string | null; reviewer?: string };

const VERBS: Record<ReviewAction['action'], string> = { approve: '批准', return: '退回补正', reject: '不予办理', complete: '办结' };
const DEFAULT_REVIEWER = '中心后台';

export async function listCases(ctx: CentralContext, filter: CaseListFilter): Promise<CaseSummary[]> {
  return (await ctx.store.listCases(filter)).map(caseSummary);
}

export async function getCase(ctx: CentralContext, caseId: string): Promise<CentralCase> {
  const row = await ctx.store.caseById(caseId);
  if (!row) fail('not-found', `案件 ${caseId} 不存在`);
  return centralCase(row);
}

/**
 * Apply a decision through the case status machine (actor `central`) and tell the station by a `case.status`
 * change, in one transaction guarded by the versions read. Rejecting a case releases its claims (invoices,
 * enrollment), so the person can apply again.
 */
export async function review(ctx: CentralContext, caseId: string, a: ReviewAction): Promise<CentralCase> {
  const row = await ctx.store.caseById(caseId);
  if (!row) fail('not-found', `案件 ${caseId} 不存在`);
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
  const at = nowInstant(ctx.clock);
  const next: CaseRow = {
    ...row,
    status: check.to as CentralCaseStatus,
    centralVersion: row.centralVersion + 1,
    decidedAt: at,
    decidedBy: a.reviewer ?? DEFAULT_REVIEWER,
    updatedAt: at,
  };
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
  });
  if (!ok) fail('conflict', '案件刚刚被修改（工作站补充了材料或其他审核人已处理），请刷新后重试');
  return centralCase(next);
}
