import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { applySyncResult, refreshSyncStatus, useSyncStatus } from '../../hooks/syncStatus';
import { refreshCounts, useQueueCounts } from '../../hooks/queueCounts';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { RejectedOps } from './RejectedOps';
import { SyncResult } from './SyncResult';
import { syncOutcome } from './outcome';

type RunResult = ChannelOutput<'sync.now'>;

/** 中心同步: the connection, what waits for central, "sync now" with its progress and result, what central refused. */
export default function SyncScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const { notify } = useNotify();
  const { view, progress, stale } = useSyncStatus();
  const counts = useQueueCounts();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RunResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void refreshSyncStatus();
    void refreshCounts();
  }, []);
  // The status itself follows the events; the refused list and the next attempt are read again when they moved.
  useEffect(() => {
    if (stale && !busy) void refreshSyncStatus();
  }, [stale, busy]);

  if (!view) return <Loading />;
  const s = view.status;
  const running = busy || s.running;

  const syncNow = async () => {
    setBusy(true);
    setError(null);
    const r = await api().invoke('sync.now', {});
    setBusy(false);
    void refreshCounts();
    if (!r.ok) {
      setError(r.error);
      notify('error', r.error.message);
      return;
    }
    setResult(r.value);
    applySyncResult(r.value.status);
    const outcome = syncOutcome(r.value);
    if (outcome.level === 'ok') notify('success', t('sync.doneToast', { pushed: r.value.pushed?.applied ?? 0, pulled: r.value.pulled }));
    else if (outcome.level === 'failed') notify('error', t('sync.failedToast', { error: outcome.error }));
    else notify('error', t(outcome.level === 'error' ? 'sync.allRejected' : 'sync.someRejected', { count: outcome.rejected }));
  };

  let connection: string;
  if (!s.configured) connection = t('statusBar.notConnected');
  else if (s.online === true) connection = t('statusBar.online');
  else if (s.online === false) connection = t('statusBar.offline');
  else connection = t('statusBar.untried');

  return (
    <div className="sync-screen">
      <ScreenHeading>{t('sync.title')}</ScreenHeading>
      {!s.configured ? (
        <div className="banner banner-info" data-testid="sync-not-configured">
          {t('sync.notConfigured')}{' '}
          {user.role === 'supervisor' ? <a href={`${paths.settings()}`}>{t('sync.toSettings')}</a> : t('sync.askSupervisor')}
        </div>
      ) : null}
      <section className="card" aria-labelledby="sync-state-title">
        <div className="card-top">
          <h2 id="sync-state-title">{t('sync.state')}</h2>
          <button type="button" className="primary" onClick={() => void syncNow()} disabled={!s.configured || running} data-testid="sync-now">
            {running ? t('statusBar.syncing') : t('sync.now')}
          </button>
        </div>
        <dl className="facts" data-testid="sync-facts">
          <dt>{t('sync.central')}</dt>
          <dd className="mono">{s.centralUrl ?? t('sync.notEnrolled')}</dd>
          <dt>{t('sync.connection')}</dt>
          <dd data-testid="sync-connection">
            <span className={`badge sync-conn-${s.online === true ? 'ok' : s.online === false ? 'warn' : 'off'}`}>{connection}</span>
          </dd>
          <dt>{t('sync.lastSuccess')}</dt>
          <dd>{s.lastSuccessAt ? formatInstant(s.lastSuccessAt) : t('sync.never')}</dd>
          <dt>{t('sync.pendingLabel')}</dt>
          <dd data-testid="sync-pending">
            {t('sync.pendingCases', { count: counts?.pendingCases ?? 0 })} · {t('sync.pendingOps', { count: s.pending })}
          </dd>
          <dt>{t('sync.rejectedLabel')}</dt>
          <dd data-testid="sync-rejected-count">
            {t('sync.pendingCases', { count: s.rejectedCases })} · {t('sync.pendingOps', { count: s.rejected })}
          </dd>
          {s.nextAttemptAt ? (
            <>
              <dt>{t('sync.nextAttempt')}</dt>
              <dd>{formatInstant(s.nextAttemptAt)}</dd>
            </>
          ) : null}
          {s.lastError ? (
            <>
              <dt>{t('sync.lastError')}</dt>
              <dd className="field-error" lang="zh-CN">
                {s.lastError}
              </dd>
            </>
          ) : null}
        </dl>
        {running ? (
          <p role="status" className="sync-progress" data-testid="sync-progress">
            {progress ? t(progress.phase === 'pull' ? 'statusBar.syncPull' : 'statusBar.syncPush') : t('statusBar.syncing')}{' '}
            {progress?.total ? <progress value={progress.done} max={progress.total} aria-label={t('statusBar.syncing')} /> : null}{' '}
            {progress ? (progress.total ? `${progress.done}/${progress.total}` : progress.done) : null}
          </p>
        ) : null}
        <ErrorBanner error={error} />
        {result && !running ? <SyncResult result={result} /> : null}
      </section>
      {s.damagedAttachments > 0 ? (
        <div className="banner banner-warn" role="alert" data-testid="sync-damaged">
          {t('sync.damaged', { count: s.damagedAttachments })}
        </div>
      ) : null}
      <section className="card" aria-labelledby="sync-bundles-title">
        <h2 id="sync-bundles-title">{t('bundle.title')}</h2>
        <p className="field-hint">{t('sync.bundlesHint')}</p>
        <a className="button" href={paths.bundles()} data-testid="sync-to-bundles">
          {t('sync.toBundles')}
        </a>
      </section>
      <RejectedOps rejected={view.rejected} cases={s.rejectedCases} ops={s.rejected} />
    </div>
  );
}
