import type { QueueFilter } from '../../../../shared/cases/queue';
import type { ChannelOutput } from '../../../../shared/api/contract';
import type { ApiResult } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { DEFAULT_FILTER, toApiFilter, type QueueUiFilter } from './filter';
import { PAGE_SIZE } from './pageSize';

export const QUEUE_FILTER_KEY = 'yibao.queue.filter';

type Page = ApiResult<ChannelOutput<'queue.list'>>;
let prefetched: { key: string; page: Promise<Page> } | null = null;

/** The queue filter this tab last used (kept in sessionStorage), as the API takes it. */
export function storedApiFilter(userId: string): QueueFilter {
  let ui: QueueUiFilter = DEFAULT_FILTER;
  try {
    const raw = sessionStorage.getItem(QUEUE_FILTER_KEY);
    if (raw) ui = { ...DEFAULT_FILTER, ...(JSON.parse(raw) as Partial<QueueUiFilter>) };
  } catch {
    /* the default filter */
  }
  return toApiFilter(ui, userId, ui.q);
}

/**
 * Ask for the queue's first page as soon as the signed-in user is known, while the screen is still being
 * built (the work queue is the first screen); the list takes it if the filter matches.
 */
export function prefetchFirstPage(userId: string): void {
  const filter = storedApiFilter(userId);
  prefetched = { key: JSON.stringify(filter), page: api().invoke('queue.list', { filter, page: { offset: 0, limit: PAGE_SIZE } }) };
}

/** The prefetched first page for this filter, once. */
export function takePrefetched(filter: QueueFilter): Promise<Page> | null {
  const p = prefetched;
  prefetched = null;
  return p && p.key === JSON.stringify(filter) ? p.page : null;
}
