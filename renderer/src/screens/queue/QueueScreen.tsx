import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../../shared/api/channels/queue';
import type { CaseStatus } from '../../../../shared/cases/status';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useApiEvent } from '../../hooks/useApiEvent';
import { refreshCounts, scheduleCountsRefresh, useQueueCounts } from '../../hooks/queueCounts';
import { usePersistentState } from '../../hooks/usePersistentState';
import { useSession, useUser } from '../../state/session';
import { useSettings } from '../../state/settings';
import { navigate, paths } from '../../lib/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { DEFAULT_FILTER, toApiFilter, type QueueUiFilter } from './filter';
import { QueueCounts } from './QueueCounts';
import { QueueFilters } from './QueueFilters';
import { QueueList } from './QueueList';
import { QUEUE_FILTER_KEY } from './prefetch';

const SEARCH_DEBOUNCE_MS = 250;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** 工作台: counts, filters, one search box and the virtualised list of cases by due date. */
export function QueueScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const { locked } = useSession();
  const { largeText } = useSettings();
  const [filter, setFilter] = usePersistentState<QueueUiFilter>(QUEUE_FILTER_KEY, DEFAULT_FILTER);
  const [q, setQ] = useState(filter.q);
  const [total, setTotal] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (filter.q === q) return;
    const timer = window.setTimeout(() => setQ(filter.q), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [filter.q, q]);

  const apiFilter = useMemo(() => toApiFilter(filter, user.id, q), [filter, user.id, q]);
  const listKey = JSON.stringify(apiFilter);
  // The first page of cases comes first; counts and the item list follow once it is on screen.
  const listed = total !== null;
  const counts = useQueueCounts();
  const items = useApiQuery('catalog.list', listed ? {} : null, true);
  const haveCounts = counts !== null;
  useEffect(() => {
    if (listed && !locked && !haveCounts) void refreshCounts();
  }, [listed, locked, haveCounts]);
  useApiEvent('cases.changed', () => scheduleCountsRefresh());

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === '/' && !typingIn(e.target) && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const change = useCallback((patch: Partial<QueueUiFilter>) => setFilter((f) => ({ ...f, ...patch })), [setFilter]);
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      setQ(filter.q);
      listRef.current?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      listRef.current?.focus();
    } else if (e.key === 'Escape' && filter.q !== '') {
      e.preventDefault();
      change({ q: '' });
      setQ('');
    }
  };
  const onOpen = useCallback((row: QueueRow) => navigate(paths.case(row.id)), []);
  const onPickStatus = (s: CaseStatus) => change({ status: s, awaiting: false, overdue: false, needsAction: false, awaitingCentral: false });

  return (
    <div className="queue-screen">
      <div className="screen-head">
        <ScreenHeading focus={false}>{t('queue.title')}</ScreenHeading>
        <a className="button primary" href={paths.intake()}>
          {t('queue.newIntake')}
        </a>
      </div>
      <QueueCounts
        counts={counts}
        onPick={onPickStatus}
        onOverdue={() => change({ overdue: true, status: 'open', awaiting: false, needsAction: false, awaitingCentral: false })}
        onNeedsAction={() => change({ needsAction: true, status: 'all', awaiting: false, overdue: false, awaitingCentral: false })}
        onAwaitingCentral={() => change({ awaitingCentral: true, status: 'open', awaiting: false, overdue: false, needsAction: false })}
      />
      <QueueFilters
        filter={filter}
        onChange={change}
        onReset={() => {
          setFilter(DEFAULT_FILTER);
          setQ('');
        }}
        items={items.data}
        searchRef={searchRef}
        onSearchKey={onSearchKey}
      />
      <div className="queue-meta">
        <span role="status" data-testid="queue-total">
          {total === null ? t('common.loading') : t('queue.total', { count: total })}
        </span>
        <span className="muted small">{t('queue.keys')}</span>
      </div>
      <QueueList
        key={listKey}
        filter={apiFilter}
        rowHeight={largeText ? 64 : 48}
        userId={user.id}
        onOpen={onOpen}
        onTotal={setTotal}
        listRef={listRef}
        onEscape={() => searchRef.current?.focus()}
      />
    </div>
  );
}
