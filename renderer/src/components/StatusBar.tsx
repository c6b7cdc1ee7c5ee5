import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/api/events';
import { api } from '../api/client';
import { refreshCounts, scheduleCountsRefresh, useQueueCounts } from '../hooks/queueCounts';
import { useApiEvent } from '../hooks/useApiEvent';
import { useSession } from '../state/session';
import { formatInstant } from '../lib/dates';

type SyncStatus = EventPayload<'sync.status'>;
type Progress = EventPayload<'progress'>;

/**
 * Bottom bar: link to the local core, connection to central and pending changes, progress of long work.
 * Until the sync engine reports, the truth is "未连接中心" with the outbox count — never a fake "synced".
 */
export function StatusBar() {
  const { t } = useTranslation();
  const { station, user } = useSession();
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const counts = useQueueCounts();
  const [linkUp, setLinkUp] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);

  // The pending count is not urgent: the queue asks first; whoever is on screen, it is there within a second.
  useEffect(() => {
    if (!user) return;
    const t = window.setTimeout(() => void refreshCounts(), 1000);
    return () => window.clearTimeout(t);
  }, [user]);
  useEffect(() => api().onLink(setLinkUp), []);
  useApiEvent('sync.status', setSync);
  useApiEvent('cases.changed', () => scheduleCountsRefresh());
  useApiEvent('progress', (p) => setProgress(p.total !== null && p.done >= p.total ? null : p));

  const count = sync?.pending ?? counts?.pendingSync ?? null;
  let connection: string;
  let tone: 'ok' | 'warn' | 'off';
  if (sync?.online === true) {
    connection = sync.lastSuccessAt ? t('statusBar.onlineSince', { at: formatInstant(sync.lastSuccessAt) }) : t('statusBar.online');
    tone = 'ok';
  } else if (sync?.online === false) {
    connection = t('statusBar.offline');
    tone = 'warn';
  } else {
    connection = t('statusBar.notConnected');
    tone = 'off';
  }

  return (
    <footer className="status-bar" aria-label={t('statusBar.label')}>
      <span className="status-item">{station ? `${station.name}（${station.code}）` : ''}</span>
      {user ? (
        <span className="status-item">
          {user.displayName} · {t(`role.${user.role}`)}
        </span>
      ) : null}
      <span className={`status-item status-${tone}`} data-testid="sync-state">
        <span className="dot" aria-hidden="true" />
        {connection}
        {sync?.message ? ` — ${sync.message}` : ''}
      </span>
      <span className="status-item" data-testid="pending-count">
        {count === null ? '' : t('statusBar.pending', { count })}
      </span>
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
