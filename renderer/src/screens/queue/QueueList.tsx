import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFilter } from '../../../../shared/cases/queue';
import type { QueueRow } from '../../../../shared/api/channels/queue';
import { useApiEvent } from '../../hooks/useApiEvent';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useQueuePages } from './useQueuePages';
import { QueueRowView } from './QueueRowView';

interface Props {
  filter: QueueFilter;
  rowHeight: number;
  userId: string;
  onOpen(row: QueueRow): void;
  onTotal(total: number | null): void;
  /** Where the list puts its focus handle (so the screen can move focus into the list). */
  listRef: RefObject<HTMLDivElement | null>;
  onEscape(): void;
}

const OVERSCAN = 8;

/**
 * The virtualised work queue: fixed row height, only the rows in view are in the DOM, pages of 100 are
 * fetched as they scroll into view, the scroll height comes from the API's total. Keyboard: ↑/↓ move,
 * PgUp/PgDn by a screen, Home/End, Enter opens. Refreshes when the core says cases changed.
 */
export function QueueList({ filter, rowHeight, userId, onOpen, onTotal, listRef, onEscape }: Props) {
  const { t } = useTranslation();
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.floor((scrollTop + viewport) / rowHeight) + OVERSCAN;
  const pages = useQueuePages(filter, first, last);
  const total = pages.total ?? 0;

  useEffect(() => onTotal(pages.total), [pages.total, onTotal]);

  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [listRef]);

  const refreshTimer = useRef<number | null>(null);
  const { refresh } = pages;
  useApiEvent('cases.changed', () => {
    if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(refresh, 250);
  });
  useEffect(() => () => {
    if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
  }, []);

  const clampedActive = total === 0 ? 0 : Math.min(active, total - 1);

  const scrollToIndex = useCallback(
    (i: number) => {
      const el = listRef.current;
      if (!el) return;
      const top = i * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [listRef, rowHeight],
  );

  const move = (to: number) => {
    if (total === 0) return;
    const i = Math.max(0, Math.min(total - 1, to));
    setActive(i);
    scrollToIndex(i);
  };

  const open = useCallback(
    (i: number) => {
      const row = pages.rowAt(i);
      if (row) onOpen(row);
    },
    [pages, onOpen],
  );

  const pageRows = Math.max(1, Math.floor(viewport / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        move(clampedActive + 1);
        break;
      case 'ArrowUp':
        move(clampedActive - 1);
        break;
      case 'PageDown':
        move(clampedActive + pageRows);
        break;
      case 'PageUp':
        move(clampedActive - pageRows);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter':
        open(clampedActive);
        break;
      case 'Escape':
        onEscape();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onScroll = (e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop);

  const rows = [];
  const end = Math.min(total - 1, last);
  for (let i = first; i <= end; i++) {
    rows.push(
      <QueueRowView
        key={i}
        row={pages.rowAt(i)}
        index={i}
        total={total}
        top={i * rowHeight}
        height={rowHeight}
        active={i === clampedActive}
        mine={pages.rowAt(i)?.clerkId === userId}
        onOpen={open}
      />,
    );
  }

  return (
    <>
      <ErrorBanner error={pages.error} onRetry={refresh} />
      <div className="qhead" aria-hidden="true">
        <span className="qcell qcell-no">{t('queue.col.caseNo')}</span>
        <span className="qcell qcell-person">{t('queue.col.person')}</span>
        <span className="qcell qcell-item">{t('queue.col.item')}</span>
        <span className="qcell qcell-status">{t('queue.col.status')}</span>
        <span className="qcell qcell-due">{t('queue.col.due')}</span>
      </div>
      <div
        ref={listRef}
        className="qlist"
        role="listbox"
        tabIndex={0}
        aria-label={t('queue.listLabel', { count: total })}
        aria-activedescendant={total > 0 && first <= clampedActive && clampedActive <= end ? `qrow-${clampedActive}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
        data-testid="queue-list"
      >
        <div role="presentation" className="qspacer" style={{ height: total * rowHeight }}>
          {rows}
        </div>
      </div>
      {pages.total === 0 ? <p className="empty">{t('queue.empty')}</p> : null}
    </>
  );
}
