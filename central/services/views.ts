import type { CentralCase, CaseSummary } from '../../shared/sync/admin';
import type { CentralCaseStatus } from '../../shared/sync/changes';
import type { CaseRow } from '../store/types';

export function centralCase(r: CaseRow): CentralCase {
  return { ...caseSummary(r), attachments: r.attachments, snapshot: r.snapshot };
}

export function caseSummary(r: CaseRow): CaseSummary {
  return {
    caseId: r.id,
    caseNo: r.caseNo,
    stationCode: r.stationCode,
    regionCode: r.regionCode,
    itemCode: r.itemCode,
    family: r.family,
    personId: r.personId,
    personIdNumber: r.personIdNumber,
    personName: r.personName,
    status: r.status,
    materialsPending: r.materialsPending,
    stationVersion: r.stationVersion,
    centralVersion: r.centralVersion,
    submittedAt: r.submittedAt,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    note: r.note,
    reason: r.reason,
    payoutFen: r.payoutFen,
    updatedAt: r.updatedAt,
  };
}

export const STATUS_LABELS: Record<CentralCaseStatus, string> = {
  draft: '草稿',
  withdrawn: '已撤回',
  submitted: '已上报',
  approved: '已批准',
  returned: '退回补正',
  rejected: '不予办理',
  completed: '已办结',
};
