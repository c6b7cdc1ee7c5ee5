import { CHANGE_KIND_SINCE, type CentralCaseState, type OpResultData } from '../../shared/sync/changes';
import type { CaseRow, NewChange } from '../store/types';

/** The `case.status` change telling the case's station its central status (after a submission or a decision). */
export function caseStatusChange(row: CaseRow, opId: string | null, at: string): NewChange {
  const base = { caseId: row.id, caseNo: row.caseNo, centralVersion: row.centralVersion, opId, decidedBy: opId === null ? row.decidedBy : null };
  let data: CentralCaseState;
  switch (row.status) {
    case 'submitted':
      data = { ...base, status: 'submitted', materialsPending: row.materialsPending };
      break;
    case 'approved':
      data = { ...base, status: 'approved', note: row.note };
      break;
    case 'returned':
      data = { ...base, status: 'returned', note: row.note ?? '' };
      break;
    case 'rejected':
      data = { ...base, status: 'rejected', reason: row.reason ?? '' };
      break;
    case 'completed':
      data = { ...base, status: 'completed', payoutFen: row.payoutFen, note: row.note };
      break;
    default:
      throw new Error(`no case.status change for central status ${row.status}`);
  }
  return { kind: 'case.status', stationId: row.stationId, regionCode: null, at, data, since: CHANGE_KIND_SINCE['case.status'] };
}

/** The `op.result` change recording the outcome of an op for its station. */
export function opResultChange(stationId: string, data: OpResultData, at: string): NewChange {
  return { kind: 'op.result', stationId, regionCode: null, at, data, since: CHANGE_KIND_SINCE['op.result'] };
}
