import type { QueueFilter } from '../../../../shared/cases/queue';
import type { CaseStatus } from '../../../../shared/cases/status';
import { OPEN_STATUSES } from '../../../../shared/cases/status';
import type { Family } from '../../../../shared/catalog/types';

/** The queue's filters as the screen holds them (persisted for the tab). */
export interface QueueUiFilter {
  q: string;
  family: '' | Family;
  itemCode: string;
  /** 'open' = every status not finished (default), 'all', or one status. */
  status: 'open' | 'all' | CaseStatus;
  mine: boolean;
  proxy: boolean;
  awaiting: boolean;
  overdue: boolean;
  /** Only cases central refused a change of (中心拒收 / 需处理). */
  needsAction: boolean;
  /** Only items handled on the spot waiting for central (待联网办结). */
  awaitingCentral: boolean;
}

export const DEFAULT_FILTER: QueueUiFilter = {
  q: '',
  family: '',
  itemCode: '',
  status: 'open',
  mine: false,
  proxy: false,
  awaiting: false,
  overdue: false,
  needsAction: false,
  awaitingCentral: false,
};

export function toApiFilter(ui: QueueUiFilter, userId: string, q: string): QueueFilter {
  const f: QueueFilter = {};
  if (ui.awaiting) f.statuses = ['awaiting_materials'];
  else if (ui.status === 'open') f.statuses = [...OPEN_STATUSES];
  else if (ui.status !== 'all') f.statuses = [ui.status];
  if (ui.family) f.family = ui.family;
  if (ui.itemCode) f.itemCode = ui.itemCode;
  if (ui.mine) f.clerkId = userId;
  if (ui.proxy) f.proxyOnly = true;
  if (ui.overdue) f.overdue = true;
  if (ui.needsAction) f.needsAction = true;
  if (ui.awaitingCentral) f.awaitingCentral = true;
  const text = q.trim();
  if (text) f.q = text.slice(0, 64);
  return f;
}

export function isFiltered(ui: QueueUiFilter): boolean {
  return JSON.stringify(ui) !== JSON.stringify(DEFAULT_FILTER);
}
