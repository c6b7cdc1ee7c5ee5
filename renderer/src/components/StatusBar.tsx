import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/api/events';
import { api } from '../api/client';
import { refreshCounts, scheduleCountsRefresh, useQueueCounts } from '../hooks/queueCounts';
import { refreshSyncStatus, useSyncStatus } from '../hooks/syncStatus';
import { useApiEvent } from '../hooks/useApiEvent';
import { useSession } from '../state/session';
import { formatInstant } from '../lib/dates';
import { paths } from '../lib/router';

type Progress = EventPayload<'progress'>;

/**
 * Bottom bar: link to the local core, connection to central (a link to the sync panel) with the cases central
 * refused, cases waiting for central, progress of long work. Without an enrolled station the truth is
 * "未连接中心" — never a fake "synced".
 */
export function StatusBar() {
  const { t } = useTranslation();
  const { station, user } = useSession();
  const counts = useQueueCounts();
  const { view, progress: syncProgress } = useSyncStatus();
  const [linkUp, setLinkUp] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);

  // Counts and sync status are not urgent: the queue asks first; whoever is on screen, they are there within a second.
  // From then on the sync status follows the core's `sync.status` events (hooks/syncStatus), without reading it again.
  useEffect(() => {
    if (!user) return;
    const timer = window.setTimeout(() => {
      void refreshCounts();
      void refreshSyncStatus();
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [user]);
  useEffect(() => api().onLink(setLinkUp), []);
  useApiEvent('cases.changed', () => scheduleCountsRefresh());
  useApiEvent('sync.status', () => scheduleCountsRefresh());
  useApiEvent('progress', (p) => {
    if (p.task === 'sync') return;
    setProgress(p.total !== null && p.done >= p.total ? null : p);
  });

  const s = view?.status ?? null;
  let connection: string;
  let tone: 'ok' | 'warn' | 'off';
  if (!s || !s.configured) {
    connection = t('statusBar.notConnected');
    tone = 'off';
  } else if (s.online === true) {
    connection = s.lastSuccessAt ? t('statusBar.onlineSince', { at: formatInstant(s.lastSuccessAt) }) : t('statusBar.online');
    tone = 'ok';
  } else if (s.online === false) {
    connection = t('statusBar.offline');
    tone = 'warn';
  } else {
    connection = t('statusBar.untried');
    tone = 'off';
  }
  const running = s?.running === true || syncProgress !== null;
  const pending = counts?.pendingCases ?? null;
  // Cases whose last change central refused (a case's ops are refused together): what the window works through.
  const refused = s?.rejectedCases ?? 0;

  return (
    <footer className="status-bar" aria-label={t('statusBar.label')}>
      <span className="status-item">{station ? `${station.name}（${station.code}）` : ''}</span>
      {user ? (
        <span className="status-item">
          {user.displayName} · {t(`role.${user.role}`)}
        </span>
      ) : null}
      <a className={`status-item status-link status-${tone}`} href={paths.sync()} data-testid="sync-state" title={t('statusBar.openSync')} aria-keyshortcuts="Alt+6">
        <span className="dot" aria-hidden="true" />
        {connection}
        {refused > 0 ? <span className="status-rejected"> · {t('statusBar.rejected', { count: refused })}</span> : null}
        <kbd className="shortcut">Alt+6</kbd>
      </a>
      <span className="status-item" data-testid="pending-count">
        {pending === null ? '' : t('statusBar.pending', { count: pending })}
      </span>
      {running ? (
        <span className="status-item status-progress" role="status" data-testid="sync-running">
          {syncProgress ? t(syncProgress.phase === 'pull' ? 'statusBar.syncPull' : 'statusBar.syncPush') : t('statusBar.syncing')}{' '}
          {syncProgress?.total ? (
            <progress value={syncProgress.done} max={syncProgress.total} aria-label={t('statusBar.syncing')}>
              {syncProgress.done}/{syncProgress.total}
            </progress>
          ) : syncProgress ? (
            syncProgress.done
          ) : null}
        </span>
      ) : null}
      {!linkUp ? (
        <span className="status-item status-warn" role="alert">
          {t('statusBar.coreDown')}
        </span>
      ) : null}
      {progress ? (
        <span className="status-item status-progress" role="status">
          {progress.task} · {progress.phase}{' '}
          {progress.total ? (
            <progress value={progress.done} max={progress.total} aria-label={progress.task}>
              {progress.done}/{progress.total}
            </progress>
          ) : (
            progress.done
          )}
        </span>
      ) : null}
    </footer>
  );
}
