import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueFilter } from '../../../../shared/cases/queue';
import type { QueueRow } from '../../../../shared/api/channels/queue';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { PAGE_SIZE } from './pageSize';
import { takePrefetched } from './prefetch';

interface PagesState {
  total: number | null;
  pages: ReadonlyMap<number, readonly QueueRow[]>;
  error: ApiError | null;
}

export interface QueuePages {
  total: number | null;
  error: ApiError | null;
  rowAt(index: number): QueueRow | undefined;
  /** Drop what is cached and fetch the pages covering [first, last] again (keeps showing the old rows meanwhile). */
  refresh(): void;
}

/**
 * Rows of the work queue fetched a page (100) at a time as the visible window [first, last] needs them;
 * the total comes from the API. One instance per filter (the list is re-mounted when the filter changes).
 */
export function useQueuePages(filter: QueueFilter, first: number, last: number): QueuePages {
  const [state, setState] = useState<PagesState>({ total: null, pages: new Map(), error: null });
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (page: number) => {
      const gen = generation.current;
      inflight.current.add(page);
      const r = await ((page === 0 ? takePrefetched(filter) : null) ?? api().invoke('queue.list', { filter, page: { offset: page * PAGE_SIZE, limit: PAGE_SIZE } }));
      if (gen !== generation.current) return;
      inflight.current.delete(page);
      if (!r.ok) {
        setState((s) => ({ ...s, error: r.error }));
        return;
      }
      setState((s) => {
        const pages = new Map(s.pages);
        pages.set(page, r.value.rows);
        return { total: r.value.total, pages, error: null };
      });
    },
    [filter],
  );

  const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
  const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE);

  useEffect(() => {
    const maxPage = state.total === null ? firstPage : Math.max(0, Math.ceil(state.total / PAGE_SIZE) - 1);
    for (let p = firstPage; p <= Math.min(lastPage, maxPage); p++) {
      if (!state.pages.has(p) && !inflight.current.has(p)) void fetchPage(p);
    }
  }, [firstPage, lastPage, state.pages, state.total, fetchPage]);

  const refresh = useCallback(() => {
    generation.current += 1;
    inflight.current.clear();
    for (let p = firstPage; p <= lastPage; p++) void fetchPage(p);
    setState((s) => {
      const pages = new Map<number, readonly QueueRow[]>();
      for (let p = firstPage; p <= lastPage; p++) {
        const rows = s.pages.get(p);
        if (rows) pages.set(p, rows);
      }
      return { ...s, pages };
    });
  }, [fetchPage, firstPage, lastPage]);

  const rowAt = useCallback((i: number) => state.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE], [state.pages]);

  return { total: state.total, error: state.error, rowAt, refresh };
}
